/** Upload fixtures: PNG files that are valid as far as a header reader can tell, padded to size. */
import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync, writeSync } from "node:fs";
import { join } from "node:path";
import { crc32 } from "node:zlib";
import { WORK } from "./paths.js";

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Signature + a correct IHDR chunk (1024×1024, 8-bit RGBA): what the dimension and alpha checks read. */
export function pngHeader(width = 1024, height = 1024): Buffer {
  const data = Buffer.alloc(13);
  data.writeUInt32BE(width, 0);
  data.writeUInt32BE(height, 4);
  data.writeUInt8(8, 8); // bit depth
  data.writeUInt8(6, 9); // colour type 6: RGBA, so the image has alpha
  const typeAndData = Buffer.concat([Buffer.from("IHDR"), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([PNG_SIGNATURE, length, typeAndData, crc]);
}

function isFixture(path: string, size: number, header: Buffer): boolean {
  if (!existsSync(path) || statSync(path).size !== size) return false;
  const fd = openSync(path, "r");
  try {
    const head = Buffer.alloc(header.length);
    readSync(fd, head, 0, head.length, 0);
    return head.equals(header);
  } finally {
    closeSync(fd);
  }
}

/** Writes (or reuses) `count` files of `size` bytes under `bench/.work/uploads/` and returns their paths. */
export function ensureUploadFiles(count: number, size: number): string[] {
  const dir = join(WORK, "uploads");
  mkdirSync(dir, { recursive: true });
  const header = pngHeader();
  const padding = Buffer.alloc(1024 * 1024);
  const paths: string[] = [];
  for (let i = 0; i < count; i++) {
    const path = join(dir, `upload-${String(i + 1).padStart(2, "0")}.png`);
    paths.push(path);
    if (isFixture(path, size, header)) continue;
    const fd = openSync(path, "w");
    try {
      writeSync(fd, header);
      for (let written = header.length; written < size; ) {
        const n = writeSync(fd, padding, 0, Math.min(padding.length, size - written));
        written += n;
      }
    } finally {
      closeSync(fd);
    }
  }
  return paths;
}

/**
 * Where a batch run writes a line's images: `<out>/<id>.<ext>`, or `<out>/<id>-1.<ext>`, `-2`, … when
 * the answer has several. The extension follows the bytes (PNG, JPEG, WebP, GIF), whatever was asked.
 * Each file is written to a temporary name and renamed, so a crash never leaves half an image under
 * the final name.
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import { readdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { detectFormat, extensionOf } from "../image-info.js";
import { ImagesError, imageBytes } from "../node/index.js";
import type { ImagesResponse } from "../types.js";

/** The file name of image `index` of `count` for a line. */
export function imageFileName(id: string, index: number, count: number, bytes: Uint8Array): string {
  const suffix = count > 1 ? `-${index + 1}` : "";
  return `${id}${suffix}.${extensionOf(detectFormat(bytes.subarray(0, 64)))}`;
}

/** One image of an answer, ready to be written: its bytes, or the URL to download them from. */
export type LineImage = Uint8Array | { url: string };

/**
 * Decodes every image of `response` at once, so that the caller can let go of the answer (its base64
 * text) before the slower disk writes: a run keeps a few results waiting on fsync at any moment, and
 * their JSON is several times what the decoded images take. Images given as URLs (DALL·E models
 * without `response_format: "b64_json"`) are downloaded when written.
 *
 * @example
 * const images = decodeLineImages("otter", response); // [Uint8Array(…)]
 */
export function decodeLineImages(id: string, response: ImagesResponse): LineImage[] {
  return (response.data ?? []).map((image, index) => {
    if (image.b64_json) return imageBytes(image);
    if (image.url) return { url: image.url };
    throw new ImagesError(`image ${index + 1} of ${id} has neither b64_json nor url`);
  });
}

/**
 * Writes the images of a line and returns their names, relative to `dir`.
 *
 * @example
 * const files = await writeLineImages("out", "otter", decodeLineImages("otter", response)); // ["otter.png"]
 */
export async function writeLineImages(
  dir: string,
  id: string,
  images: readonly LineImage[],
  download: (url: string) => Promise<Uint8Array> = fetchBytes,
): Promise<string[]> {
  const names: string[] = [];
  for (const [index, image] of images.entries()) {
    const bytes = image instanceof Uint8Array ? image : await download(image.url);
    const name = imageFileName(id, index, images.length, bytes);
    await writeAtomically(join(dir, name), bytes);
    names.push(name);
  }
  return names;
}

/** Temporary names of {@link writeAtomically}: `<final name>.<8 hex digits>.tmp`. */
const TEMP_NAME = /\.[0-9a-f]{8}\.tmp$/;

/** Removes the temporary files a killed run left behind (their lines were not recorded as done). */
export async function removeLeftovers(dir: string): Promise<void> {
  const names = await readdir(dir);
  await Promise.all(names.filter((n) => TEMP_NAME.test(n)).map((n) => rm(join(dir, n), { force: true })));
}

const openFile = promisify(fs.open);
const writeAt = promisify(fs.write);
const fdatasync = promisify(fs.fdatasync);
const close = promisify(fs.close);

/**
 * Written through a file descriptor (the callback `fs` calls, promisified): a FileHandle
 * (`fs/promises`) is an event emitter with its own close bookkeeping, several times the garbage of a
 * file descriptor, and a run writes one per image.
 */
async function writeAtomically(path: string, bytes: Uint8Array): Promise<void> {
  const temp = `${path}.${randomBytes(4).toString("hex")}.tmp`;
  const fd = await openFile(temp, "w");
  try {
    for (let written = 0; written < bytes.byteLength; ) {
      written += (await writeAt(fd, bytes, written, bytes.byteLength - written, null)).bytesWritten;
    }
    await fdatasync(fd);
  } catch (err) {
    await close(fd);
    await rm(temp, { force: true });
    throw err;
  }
  await close(fd);
  await rename(temp, path);
}

async function fetchBytes(url: string): Promise<Uint8Array> {
  const res = await fetch(url);
  if (!res.ok) throw new ImagesError(`downloading an image failed with status ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

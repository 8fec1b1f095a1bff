/**
 * What an upload is, read from its first bytes only: a 50 MB file is never read whole to check it.
 * Dimensions come from `image-size`; the format (magic bytes) and the alpha channel are a few byte
 * comparisons done here because `image-size` does not report them.
 */
import { GIF } from "image-size/types/gif";
import { JPG } from "image-size/types/jpg";
import { PNG } from "image-size/types/png";
import { WEBP } from "image-size/types/webp";

import type { ImageInfo } from "./models/image-info-type.js";

// The type belongs to the model rules, which judge it; re-exported for this module's callers.
export type { ImageInfo };

/** Bytes read up front. Enough for every PNG/WebP/GIF header and for almost every JPEG. */
const HEAD_BYTES = 64 * 1024;
/** A JPEG's size marker can sit behind large EXIF/ICC segments; one bigger read covers real photos. */
const JPEG_RETRY_BYTES = 1024 * 1024;

const MIME: Record<ImageInfo["format"], string> = {
  png: "image/png",
  jpeg: "image/jpeg",
  webp: "image/webp",
  gif: "image/gif",
  unknown: "application/octet-stream",
};

const EXTENSION: Record<ImageInfo["format"], string> = {
  png: "png",
  jpeg: "jpg",
  webp: "webp",
  gif: "gif",
  unknown: "bin",
};

/** The MIME type for a detected format (`application/octet-stream` when unknown). */
export function mimeTypeOf(format: ImageInfo["format"]): string {
  return MIME[format];
}

/** The usual file extension for a detected format, without the dot. */
export function extensionOf(format: ImageInfo["format"]): string {
  return EXTENSION[format];
}

/** The image format named by the first bytes of a file. */
export function detectFormat(head: Uint8Array): ImageInfo["format"] {
  const at = (i: number) => head[i];
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return "jpeg";
  if (ascii(head, 0, 4) === "RIFF" && ascii(head, 8, 4) === "WEBP") return "webp";
  if (ascii(head, 0, 6) === "GIF87a" || ascii(head, 0, 6) === "GIF89a") return "gif";
  return "unknown";
}

/**
 * Reads an image's format, dimensions and alpha channel from its header bytes.
 *
 * @example
 * const info = await inspectImage(new Blob([pngBytes]));
 * // { format: "png", width: 1024, height: 1024, hasAlpha: true, bytes: 183021 }
 */
export async function inspectImage(blob: Blob): Promise<ImageInfo> {
  const head = await readRange(blob, 0, HEAD_BYTES);
  const format = detectFormat(head);
  const info: ImageInfo = { format, bytes: blob.size };
  if (format === "unknown") return info;

  let size = dimensions(format, head);
  if (!size && format === "jpeg" && blob.size > HEAD_BYTES) {
    size = dimensions(format, await readRange(blob, 0, JPEG_RETRY_BYTES));
  }
  if (size) {
    info.width = size.width;
    info.height = size.height;
  }
  const alpha =
    format === "png"
      ? await pngHasAlpha(blob, head)
      : format === "webp"
        ? webpHasAlpha(head)
        : format === "jpeg"
          ? false
          : undefined;
  if (alpha !== undefined) info.hasAlpha = alpha;
  return info;
}

// One reader per format we detected ourselves: no second guess at the type, and only these are bundled.
const SIZE_READERS = { png: PNG, jpeg: JPG, webp: WEBP, gif: GIF } as const;

function dimensions(format: Exclude<ImageInfo["format"], "unknown">, head: Uint8Array) {
  const reader = SIZE_READERS[format];
  try {
    const { width, height } = reader.calculate(head);
    return Number.isFinite(width) && Number.isFinite(height) ? { width, height } : undefined;
  } catch {
    // Truncated or odd headers: the dimensions stay unknown and the size rules are skipped.
    return undefined;
  }
}

/**
 * PNG transparency: colour types 4 (grey + alpha) and 6 (RGBA) carry an alpha channel; types 0, 2
 * and 3 are transparent only when a `tRNS` chunk appears before the first `IDAT`. The chunk list is
 * walked by reading 8-byte chunk headers, so image data is never read.
 */
async function pngHasAlpha(blob: Blob, head: Uint8Array): Promise<boolean | undefined> {
  const colourType = head[25]; // signature (8) + IHDR length/type (8) + width/height (8) + bit depth (1)
  if (colourType === undefined) return undefined;
  if (colourType === 4 || colourType === 6) return true;
  let offset = 8;
  // A cap on chunks walked: real files have a handful before IDAT; a hostile file cannot loop us.
  for (let i = 0; i < 1000 && offset + 8 <= blob.size; i++) {
    const header =
      offset + 8 <= head.length ? head.subarray(offset, offset + 8) : await readRange(blob, offset, 8);
    const length = readUint32(header, 0);
    const type = ascii(header, 4, 4);
    if (type === "tRNS") return true;
    if (type === "IDAT" || type === "IEND") return false;
    offset += 12 + length; // length + type + data + CRC
  }
  return false;
}

/**
 * WebP transparency: the extended format (`VP8X`) has an alpha flag; lossless (`VP8L`) stores an
 * "alpha is used" bit after the 14-bit width and height; simple lossy (`VP8 `) has no alpha.
 */
function webpHasAlpha(head: Uint8Array): boolean | undefined {
  const chunk = ascii(head, 12, 4);
  if (chunk === "VP8X") return ((head[20] ?? 0) & 0x10) !== 0;
  if (chunk === "VP8L") return (((head[24] ?? 0) >> 4) & 0x01) === 1;
  if (chunk === "VP8 ") return false;
  return undefined;
}

async function readRange(blob: Blob, start: number, length: number): Promise<Uint8Array> {
  return new Uint8Array(await blob.slice(start, start + length).arrayBuffer());
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function ascii(bytes: Uint8Array, start: number, length: number): string {
  let out = "";
  for (let i = start; i < start + length && i < bytes.length; i++) out += String.fromCharCode(bytes[i] ?? 0);
  return out;
}

function readUint32(bytes: Uint8Array, at: number): number {
  return (
    (((bytes[at] ?? 0) << 24) >>> 0) +
    ((bytes[at + 1] ?? 0) << 16) +
    ((bytes[at + 2] ?? 0) << 8) +
    (bytes[at + 3] ?? 0)
  );
}

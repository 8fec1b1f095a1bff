/**
 * What an upload is, read from its first bytes only: a 50 MB file is never read whole to check it.
 * Format (magic bytes), dimensions and alpha channel are a few fixed header fields of the four
 * formats the API takes, read here: a general image-size library would add kilobytes to every
 * browser bundle for formats that are refused anyway.
 */
import { FORMATS } from "./models/formats.js";
import type { ImageInfo } from "./models/validate.js";

// The type belongs to the model rules, which judge it; re-exported for this module's callers.
export type { ImageInfo };

/** Bytes read up front. Enough for every PNG/WebP/GIF header and for almost every JPEG. */
const HEAD_BYTES = 64 * 1024;
/** A JPEG's size marker can sit behind large EXIF/ICC segments; one bigger read covers real photos. */
const JPEG_RETRY_BYTES = 1024 * 1024;

/** The MIME type for a detected format (`application/octet-stream` when unknown), from the format table. */
export function mimeTypeOf(format: ImageInfo["format"]): string {
  return FORMATS[format].mime;
}

/** The usual file extension for a detected format, without the dot, from the format table. */
export function extensionOf(format: ImageInfo["format"]): string {
  return FORMATS[format].ext;
}

/** The image format named by the first bytes of a file. */
export function detectFormat(head: Uint8Array): ImageInfo["format"] {
  const start = ascii(head, 0, 8);
  if (start === "\x89PNG\r\n\x1a\n") return "png";
  if (start.startsWith("\xff\xd8\xff")) return "jpeg";
  if (start.startsWith("RIFF") && ascii(head, 8, 4) === "WEBP") return "webp";
  if (start.startsWith("GIF87a") || start.startsWith("GIF89a")) return "gif";
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
  if (size) [info.width, info.height] = size;
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

/**
 * Width and height from a header, or `undefined` when the header is cut short or odd (the size rules
 * are then skipped). Offsets are those of the format specifications: PNG's IHDR, GIF's logical
 * screen, the three WebP chunk kinds, and JPEG's start-of-frame segment.
 */
function dimensions(format: Exclude<ImageInfo["format"], "unknown">, head: Uint8Array): Size {
  const size =
    format === "png"
      ? head.length >= 24 && ascii(head, 12, 4) === "IHDR"
        ? ([readUint(head, 16, 4), readUint(head, 20, 4)] as const)
        : undefined
      : format === "gif"
        ? head.length >= 10
          ? ([readUint(head, 6, 2, true), readUint(head, 8, 2, true)] as const)
          : undefined
        : format === "webp"
          ? webpDimensions(head)
          : jpegDimensions(head);
  return size && size[0] > 0 && size[1] > 0 ? size : undefined;
}

/** Width and height, in that order. */
type Size = readonly [width: number, height: number] | undefined;

function webpDimensions(head: Uint8Array): Size {
  const chunk = ascii(head, 12, 4);
  if (head.length < (chunk === "VP8L" ? 25 : 30)) return undefined;
  // Extended: 24-bit canvas width and height minus one.
  if (chunk === "VP8X") return [1 + readUint(head, 24, 3, true), 1 + readUint(head, 27, 3, true)];
  // Lossless: a 0x2f signature, then 14-bit width and height minus one, packed little-endian.
  if (chunk === "VP8L" && head[20] === 0x2f) {
    const b = (i: number) => head[21 + i] ?? 0;
    return [1 + (b(0) | ((b(1) & 0x3f) << 8)), 1 + ((b(1) >> 6) | (b(2) << 2) | ((b(3) & 0x0f) << 10))];
  }
  // Lossy: a key frame's start code 9d 01 2a, then 14-bit width and height (2 bits of scaling above).
  if (chunk === "VP8 " && head[23] === 0x9d && head[24] === 0x01 && head[25] === 0x2a) {
    return [readUint(head, 26, 2, true) & 0x3fff, readUint(head, 28, 2, true) & 0x3fff];
  }
  return undefined;
}

/**
 * Walks JPEG segments to the first start-of-frame marker (SOF0–SOF15 but DHT, JPG and DAC), whose
 * body holds the height and width. Stops at the start of scan: no frame header came before the data.
 */
function jpegDimensions(head: Uint8Array): Size {
  let at = 2;
  while (at + 9 <= head.length) {
    if (head[at] !== 0xff) return undefined;
    const marker = head[at + 1] ?? 0;
    // Fill bytes before a marker, and markers without a length (TEM, RST0–7).
    if (marker === 0xff) {
      at++;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return undefined;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return [readUint(head, at + 7, 2), readUint(head, at + 5, 2)]; // stored height first
    }
    at += 2 + readUint(head, at + 2, 2);
  }
  return undefined;
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
    const length = readUint(header, 0, 4);
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

function ascii(bytes: Uint8Array, start: number, length: number): string {
  let out = "";
  for (let i = start; i < start + length && i < bytes.length; i++) out += String.fromCharCode(bytes[i] ?? 0);
  return out;
}

/** An unsigned integer of `length` bytes at `at`, big-endian unless `little`; missing bytes read as 0. */
function readUint(bytes: Uint8Array, at: number, length: number, little = false): number {
  let out = 0;
  for (let i = 0; i < length; i++) out += (bytes[at + (little ? i : length - 1 - i)] ?? 0) * 256 ** i;
  return out;
}

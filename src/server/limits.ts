/**
 * How much of a request the server reads before refusing it. Every limit is checked as bytes arrive,
 * so a request over a limit costs at most the limit in memory, never its own size.
 */
import type { Operation } from "./model-traits.js";

/** Byte and count limits of the server's request bodies. */
export interface ServerLimits {
  /** Bytes per `image` file. @default 52428800 (50 MiB, the API's limit) */
  imageBytes: number;
  /** Bytes per `mask` file. @default 4194304 (4 MiB, the API's limit) */
  maskBytes: number;
  /** File parts per request. @default 17 (the spec's 16 images and a mask) */
  files: number;
  /** Text fields per request (a request has about fifteen). @default 1000 */
  fields: number;
  /** Bytes per text field (a 32000-character prompt is well under it). @default 1048576 (1 MiB) */
  fieldBytes: number;
  /** Bytes of a whole multipart body. @default imageBytes + maskBytes + 2 MiB (one full-size image, a mask and the fields) */
  totalBytes: number;
  /**
   * Bytes of a JSON body without images (generations). JSON edits carry their images as base64
   * `data:` URLs, so theirs is the base64 size of `totalBytes` plus this. @default 1048576 (1 MiB)
   */
  jsonBytes: number;
}

const MiB = 1024 * 1024;

/**
 * The limits of a server: the defaults, overridden by the options that are set. `totalBytes` follows
 * the file limits unless it is given itself.
 *
 * @example
 * resolveLimits({ imageBytes: 1000 }).totalBytes // 1000 + 4 MiB + 2 MiB
 */
export function resolveLimits(
  options: Partial<Record<keyof ServerLimits, number | undefined>>,
): ServerLimits {
  const imageBytes = options.imageBytes ?? 50 * MiB;
  const maskBytes = options.maskBytes ?? 4 * MiB;
  return {
    imageBytes,
    maskBytes,
    files: options.files ?? 17,
    fields: options.fields ?? 1000,
    fieldBytes: options.fieldBytes ?? MiB,
    totalBytes: options.totalBytes ?? imageBytes + maskBytes + 2 * MiB,
    jsonBytes: options.jsonBytes ?? MiB,
  };
}

/**
 * The most bytes a JSON (or other non-multipart) body of `op` may have: edits by reference carry
 * base64 images (4 characters per 3 bytes) up to the multipart total; everything else only text.
 */
export function jsonLimit(limits: ServerLimits, op: Operation): number {
  return op === "edit" ? Math.ceil(limits.totalBytes / 3) * 4 + limits.jsonBytes : limits.jsonBytes;
}

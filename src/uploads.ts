/**
 * Turns whatever the caller passed as `image`/`mask` into a `Blob` with the right filename and
 * `Content-Type`, taken from the file's magic bytes. The official SDK sends
 * `application/octet-stream` for buffers and streams and the API rejects those uploads; here the
 * type always comes from the bytes.
 */
import type { ImagesValidationError, ValidationIssue } from "./errors.js";
import { extensionOf, type ImageInfo, inspectImage, mimeTypeOf } from "./image-info.js";
import { invalidParam } from "./invalid-param.js";
import type { MultipartFile } from "./multipart.js";
import type { Uploadable } from "./types.js";

/** An upload ready for the multipart body, with what its header says about it. */
export interface PreparedUpload extends MultipartFile {
  /** The multipart field, e.g. `"image"`, `"image[]"`, `"mask"`. */
  field: string;
  /** Header-only facts for the model rules. */
  info: ImageInfo;
}

/** The image types the Images API accepts for uploads. */
const ACCEPTED: readonly ImageInfo["format"][] = ["png", "jpeg", "webp"];

/**
 * Normalises one upload. Throws `ImagesValidationError` (naming `param`) for values that are not an
 * upload at all; returns an `issue` for bytes that are not a PNG, JPEG or WebP image, so that
 * `validation: "off"` can still send them.
 *
 * @example
 * const { blob, filename, contentType } = await prepareUpload(pngBytes, "image", "image");
 * // filename "image.png", contentType "image/png"
 */
export async function prepareUpload(
  value: unknown,
  field: string,
  param: string,
): Promise<{ upload: PreparedUpload; issue?: ValidationIssue }> {
  const { blob, name } = await toBlob(value, param);
  const info = await inspectImage(blob);
  const accepted = ACCEPTED.includes(info.format);
  // A recognised but unaccepted type (GIF) still gets its real Content-Type: OpenAI-compatible servers
  // running other models may take it, and the model rules decide whether it is refused.
  const recognised = info.format !== "unknown";
  const contentType = recognised ? mimeTypeOf(info.format) : blob.type || mimeTypeOf("unknown");
  const filename = recognised
    ? withExtension(name ?? baseName(param), extensionOf(info.format))
    : (name ?? param);
  const upload: PreparedUpload = { field, blob, filename, contentType, info };
  if (accepted) return { upload };
  const what = info.format === "unknown" ? "not a recognised image" : `a ${info.format.toUpperCase()} image`;
  return {
    upload,
    issue: {
      param,
      value: describeUpload(upload),
      message: `${param}: the upload is ${what} (${blob.size} bytes); the Images API accepts PNG, JPEG or WebP.`,
      severity: "error",
      // Sent with a type the API does not take, or labelled as an image it cannot decode.
      code: ACCEPTED.some((f) => mimeTypeOf(f) === contentType)
        ? "invalid_image_file"
        : "unsupported_file_mimetype",
    },
  };
}

/** True for values that `prepareUpload` accepts. */
export function isUploadable(value: unknown): value is Uploadable {
  return isBlob(value) || value instanceof Uint8Array || value instanceof ArrayBuffer || isResponse(value);
}

/** A short, byte-free description of an upload for error messages and `issue.value`. */
export function describeUpload(upload: PreparedUpload): string {
  return `${upload.filename} (${upload.contentType}, ${upload.blob.size} bytes)`;
}

async function toBlob(value: unknown, param: string): Promise<{ blob: Blob; name?: string | undefined }> {
  if (isBlob(value)) {
    const name = (value as Partial<File>).name;
    return { blob: value, name: typeof name === "string" && name ? lastSegment(name) : undefined };
  }
  // Covers Buffer too. Copying into a Blob keeps the caller free to reuse the buffer, and a Blob
  // can be re-read on every retry.
  if (value instanceof Uint8Array || value instanceof ArrayBuffer) {
    return { blob: new Blob([value as Uint8Array<ArrayBuffer>]) };
  }
  if (isResponse(value)) {
    if (value.bodyUsed) throw refuse(param, "the Response body was already read", value);
    if (!value.ok) throw refuse(param, `the Response has status ${value.status}`, value);
    return {
      blob: await value.blob(),
      name: (value.url && lastSegment(new URL(value.url).pathname)) || undefined,
    };
  }
  throw refuse(
    param,
    typeof value === "string"
      ? "got a string; pass the bytes (Blob, File, Uint8Array, ArrayBuffer or Response), " +
          'or use fileFromPath() from "openai-images/node" for a file on disk'
      : `expected a Blob, File, Uint8Array, ArrayBuffer or Response, got ${typeName(value)}`,
    value,
  );
}

function refuse(param: string, why: string, value?: unknown): ImagesValidationError {
  // The value is described, never included: it may be megabytes of bytes.
  return invalidParam(param, value === undefined ? undefined : typeName(value), `${param}: ${why}.`);
}

function isBlob(value: unknown): value is Blob {
  if (typeof Blob !== "undefined" && value instanceof Blob) return true;
  // Blobs from another realm or polyfill: duck-type the parts we use.
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Blob).size === "number" &&
    typeof (value as Blob).slice === "function" &&
    typeof (value as Blob).stream === "function" &&
    typeof (value as Blob).arrayBuffer === "function"
  );
}

function isResponse(value: unknown): value is Response {
  return typeof Response !== "undefined" && value instanceof Response;
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (typeof value !== "object") return typeof value;
  return (value as object).constructor?.name ?? "object";
}

function lastSegment(path: string): string {
  return path.split(/[/\\]/).pop() ?? "";
}

function baseName(param: string): string {
  // "image[2]" → "image-2": brackets in filenames confuse some servers' upload handling.
  return param.replace(/\[(\d+)\]$/, "-$1");
}

function withExtension(name: string, ext: string): string {
  const stem = name.replace(/\.(png|jpe?g|webp|gif|bin)$/i, "");
  return `${stem || "image"}.${ext}`;
}

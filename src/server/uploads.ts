/**
 * The server's view of a request's uploads, read from the declarations in `models/parameters.ts`:
 * the fields they arrive in, the byte limit each is held to, and a request's parameters without them.
 */
import { UPLOAD_PARAMS, type UploadParam } from "../models/parameters.js";
import type { ServerLimits } from "./limits.js";

/** The field of a JSON edit that gives its images by reference (`image` is the multipart upload). */
export const IMAGE_REFS = "images";

/** Whether a multipart field carries one of the `image` uploads (`image`, or `image[]` for several). */
export function isImageField(field: string): boolean {
  return field === "image" || field === "image[]";
}

/**
 * Which byte limit an upload is held to: `mask` has the API's mask limit; the API states none of its
 * own for markup, so an image's is the lenient reading.
 */
export function uploadLimit(param: UploadParam): "imageBytes" | "maskBytes" {
  return UPLOAD_LIMITS[param];
}
const UPLOAD_LIMITS = {
  image: "imageBytes",
  mask: "maskBytes",
  markup: "imageBytes",
} as const satisfies Record<UploadParam, keyof ServerLimits>;

/**
 * A request's parameters without its uploads, in every form they arrive in (multipart `image` and
 * `image[]`, JSON `images`, the overlays): what the model rules and the picture's seed read.
 */
export function withoutUploads(params: Record<string, unknown>): Record<string, unknown> {
  const rest = { ...params };
  for (const field of [...UPLOAD_PARAMS, "image[]", IMAGE_REFS]) delete rest[field];
  return rest;
}

/** The byte limit of a multipart file part, by its field name (`image[]` is an image). */
export function uploadLimitOf(field: string): "imageBytes" | "maskBytes" {
  const param = field === "image[]" ? "image" : field;
  return Object.hasOwn(UPLOAD_LIMITS, param) ? UPLOAD_LIMITS[param as UploadParam] : "imageBytes";
}

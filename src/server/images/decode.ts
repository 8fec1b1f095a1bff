/** Decoding uploads with sharp, and naming the upload at fault when one cannot be decoded. */
import { sharp } from "../peers.js";
import type { RawImage } from "./scene.js";

/**
 * An upload sharp could read the header of but not decode (a truncated or corrupt file): the
 * client's fault, not the server's. `param` names the upload as the API would (`image[1]`, `mask`).
 */
export class UnreadableImageError extends Error {
  override name = "UnreadableImageError";
  readonly param: string;
  constructor(param: string, cause: unknown) {
    super(`The ${param} could not be decoded: ${(cause as Error).message ?? String(cause)}`, { cause });
    this.param = param;
  }
}

/** The API's name for the `index`-th of `count` uploaded images. */
export function imageParam(index: number, count: number): string {
  return count > 1 ? `image[${index}]` : "image";
}

/** Runs a decode of an upload, turning sharp's failure into an {@link UnreadableImageError}. */
export async function decoding<T>(param: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (cause) {
    throw new UnreadableImageError(param, cause);
  }
}

/** Decodes any image sharp reads into RGBA pixels covering `width`×`height` (centre crop). */
export async function decodeTo(
  input: Uint8Array,
  width: number,
  height: number,
  param = "image",
): Promise<RawImage> {
  const data = await decoding(param, () =>
    sharp(input).resize(width, height, { fit: "cover" }).ensureAlpha().raw().toBuffer(),
  );
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width, height };
}

/**
 * Conveniences over image streams and responses: wait for the final image, and get bytes out of
 * any event or image without hand-decoding base64.
 */
import { decodeBase64 } from "./base64.js";
import { ImagesError, ImagesStreamError } from "./errors.js";

/** The `*.completed` members of an event union. */
export type CompletedEventOf<E> = Extract<E, { type: `${string}.completed` }>;
/** The `*.partial_image` members of an event union. */
export type PartialImageEventOf<E> = Extract<E, { type: `${string}.partial_image` }>;

/** Options of {@link finalImage}. */
export interface FinalImageOptions<E> {
  /** Called with each partial image as it arrives, in order. An error thrown here cancels the stream. */
  onPartial?: ((event: PartialImageEventOf<E>) => void | Promise<void>) | undefined;
}

/**
 * Reads a stream to its end and resolves to its `completed` event (the last one, if a server sends
 * several), calling `onPartial` for each partial image on the way. Rejects with the stream's error, or
 * with an {@link ImagesStreamError} (`code: "stream_truncated"`) if no `completed` event came.
 *
 * @example
 * const stream = await client.generate({ model: "gpt-image-1.5", prompt: "otter", stream: true, partial_images: 2 });
 * const done = await finalImage(stream, { onPartial: (p) => console.log("partial", p.partial_image_index) });
 * await writeFile("otter.png", imageBytes(done));
 */
export async function finalImage<E extends { type: string }>(
  stream: AsyncIterable<E>,
  options: FinalImageOptions<E> = {},
): Promise<CompletedEventOf<E>> {
  let completed: CompletedEventOf<E> | undefined;
  let seen = 0;
  for await (const event of stream) {
    seen++;
    if (event.type.endsWith(".completed")) completed = event as CompletedEventOf<E>;
    else if (event.type.endsWith(".partial_image"))
      await options.onPartial?.(event as PartialImageEventOf<E>);
  }
  if (completed === undefined) {
    throw new ImagesStreamError(
      `The stream ended without a completed event (after ${seen} event${seen === 1 ? "" : "s"})`,
      { code: "stream_truncated", requestId: (stream as { requestId?: string | undefined }).requestId },
    );
  }
  return completed;
}

/**
 * The image bytes of a stream event (partial or completed) or of an `ImagesResponse` image, decoded
 * from its `b64_json`. Works in every runtime (no Node `Buffer`).
 *
 * @example
 * const result = await client.generate({ model: "gpt-image-1", prompt: "otter" });
 * const png: Uint8Array = imageBytes(result.data![0]!);
 */
export function imageBytes(eventOrImage: { readonly b64_json?: string | null | undefined }): Uint8Array {
  const b64 = eventOrImage.b64_json;
  if (typeof b64 !== "string") {
    throw new ImagesError(
      'This image has no b64_json. dall-e models answer with a URL unless response_format is "b64_json"; download `url` instead.',
    );
  }
  try {
    return decodeBase64(b64);
  } catch (cause) {
    throw new ImagesError(`The image's b64_json is not valid base64: ${(cause as Error).message}`, { cause });
  }
}

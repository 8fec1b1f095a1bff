/**
 * Streaming responses: `text/event-stream` bytes → `TextDecoderStream` → eventsource-parser → JSON →
 * typed events. The stream is loud about failure: error frames, a body that ends before its
 * `completed` event, a stalled connection and oversized events all throw an {@link ImagesStreamError}
 * (or {@link ImagesTimeoutError}) instead of ending quietly.
 *
 * Runs on plain web streams, so it works in any runtime with `fetch`.
 */
import { createParser, type EventSourceMessage, type ParseError } from "eventsource-parser";
import { isRecord, preview } from "./body-reading.js";
import { ImagesError, ImagesStreamError, ImagesTimeoutError } from "./errors.js";
import { redactError } from "./redact.js";
import { readErrorBody } from "./transport-guard.js";

/**
 * An image stream: iterate it once with `for await`. Leaving the loop early (`break`, `return`, a
 * thrown error) cancels the HTTP request.
 *
 * At runtime, event types this version does not know are passed through unchanged, so give a
 * `switch (event.type)` a `default` branch.
 *
 * @example
 * const stream = await client.generate({ model: "gpt-image-1.5", prompt: "otter", stream: true, partial_images: 2 });
 * for await (const event of stream) {
 *   if (event.type === "image_generation.partial_image") show(imageBytes(event));
 *   else if (event.type === "image_generation.completed") save(imageBytes(event));
 * }
 */
export interface ImageStream<E> extends AsyncIterable<E> {
  /** The `x-request-id` of the streaming response, for support tickets. */
  readonly requestId: string | undefined;
  /** The HTTP response the events are read from (status and headers; its body belongs to the stream). */
  readonly response: Response;
}

/** Options of {@link createImageStream}. */
export interface ImageStreamOptions {
  /** Which operation the stream answers; decides the event type that completes it. */
  kind: "generate" | "edit";
  /** Cancels the underlying HTTP request. Called when the stream fails or the consumer stops early. */
  abort: (reason?: unknown) => void;
  /**
   * The longest wait, in milliseconds, for the next bytes from the server (events, partial events
   * or keep-alive comments) before the stream fails with an {@link ImagesTimeoutError}.
   * `0` or `undefined` waits forever.
   * @default undefined
   */
  idleTimeout?: number | undefined;
  /**
   * The caller's signal, if any. Once it has aborted, the stream rejects with its reason, as `fetch`
   * does, rather than with a stream error about the broken connection.
   */
  signal?: AbortSignal | undefined;
  /** Called exactly once, when the stream ends, fails or is cancelled. */
  onSettled?: (() => void) | undefined;
  /**
   * The most characters the parser may buffer while waiting for the end of an event (eventsource-parser's
   * `maxBufferSize`). Partial and final images arrive as one base64 `data:` line each, several
   * megabytes long and spread over many network chunks, so this is far above what SSE clients
   * usually set; it still stops a broken server from filling memory. Exceeding it fails the stream
   * with `code: "stream_event_too_large"`.
   * @default 67108864 (64 MiB)
   */
  maxEventSize?: number | undefined;
  /**
   * Strings that must never appear in the stream's errors (API keys, tokens): wherever a server
   * echoes one (an error frame, event data that is not JSON, a stray line), it reads `[redacted]`.
   * The client passes its own.
   */
  secrets?: Iterable<string> | undefined;
}

/** The default {@link ImageStreamOptions.maxEventSize}: 64 MiB of base64, about 48 MB of image. */
export const DEFAULT_MAX_EVENT_SIZE = 64 * 1024 * 1024;

/** The most characters of stray data quoted in a stream error. */
const PREVIEW_CHARS = 200;

/** The event type that marks a successful end, per operation (from the spec's event schemas). */
const COMPLETED_TYPE = {
  generate: "image_generation.completed",
  edit: "image_edit.completed",
} as const satisfies Record<ImageStreamOptions["kind"], string>;

/**
 * Wraps a streaming `Response` (`stream: true`) as a typed, once-only async iterable of events.
 * The client calls this for you; use it directly only with a `Response` you fetched yourself.
 *
 * @example
 * const controller = new AbortController();
 * const response = await fetch(url, { method: "POST", body, headers, signal: controller.signal });
 * const stream = createImageStream<ImageGenStreamEvent>(response, {
 *   kind: "generate",
 *   abort: (reason) => controller.abort(reason),
 * });
 * const completed = await finalImage(stream);
 */
export function createImageStream<E extends { type: string }>(
  response: Response,
  options: ImageStreamOptions,
): ImageStream<E> {
  const { kind, abort, idleTimeout, onSettled, signal, secrets = [] } = options;
  const maxEventSize = options.maxEventSize ?? DEFAULT_MAX_EVENT_SIZE;
  const completedType = COMPLETED_TYPE[kind];
  const requestId = response.headers.get("x-request-id") ?? undefined;
  const fail = (message: string, code: string, cause?: unknown) =>
    new ImagesStreamError(message, { code, requestId, cause });
  let iterated = false;
  let settled = false;
  // Set once the body is piped; after that only the reader can cancel it (the body is locked).
  let reader: ReadableStreamDefaultReader<string> | undefined;

  /** Idempotent: the generator's `finally` and the iterator's `return()` may both get here. */
  function settle(cancelReason?: unknown): void {
    if (settled) return;
    settled = true;
    if (cancelReason !== undefined) {
      abort(cancelReason);
      // Some runtimes keep the socket open until the body itself is cancelled, whatever `abort` does.
      (reader ? reader.cancel(cancelReason) : response.body?.cancel(cancelReason))?.catch(() => {});
    }
    onSettled?.();
  }

  /**
   * Turns one SSE message into an event, or throws for error frames. The API marks errors three ways:
   * an `event: error` field, a `{ "error": { … } }` body, or a `{ "type": "error", … }` body.
   */
  function decodeEvent({ data, event }: EventSourceMessage): { type: string } | undefined {
    // Some OpenAI-compatible servers end streams with the chat-completions sentinel; it carries nothing.
    if (data === "[DONE]") return undefined;
    let payload: unknown;
    try {
      payload = JSON.parse(data);
    } catch {
      if (event === "error") throw errorFrame(data);
      // No `cause`: the parser's message quotes the first characters of the data, which may be the
      // start of a key too short to be recognised and redacted. The preview says what was sent.
      throw fail(
        `A stream event${event ? ` (${event})` : ""} carried data that is not JSON: ${preview(data, PREVIEW_CHARS)}`,
        "invalid_event_data",
      );
    }
    if (event === "error" || isErrorPayload(payload)) throw errorFrame(payload);
    if (!isRecord(payload)) {
      throw fail(
        `A stream event carried JSON that is not an object: ${preview(data, PREVIEW_CHARS)}`,
        "invalid_event_data",
      );
    }
    if (typeof payload.type === "string") return payload as { type: string };
    // Forward compatibility: an event without `type` is named by its SSE `event:` field instead.
    if (event) return { ...payload, type: event };
    throw fail(`A stream event has no type: ${preview(data, PREVIEW_CHARS)}`, "invalid_event_data");
  }

  function errorFrame(payload: unknown): ImagesStreamError {
    const outer = isRecord(payload) ? payload : {};
    const inner = isRecord(outer.error) ? outer.error : outer;
    const code =
      stringOrUndefined(inner.code) ??
      (inner.type === "error" ? undefined : stringOrUndefined(inner.type)) ??
      "stream_error";
    const detail =
      stringOrUndefined(inner.message) ??
      (typeof payload === "string" && payload ? payload : "the server sent an error event without a message");
    const param = stringOrUndefined(inner.param);
    return fail(
      `The image stream failed: ${detail} (code: ${code}${param ? `, param: ${param}` : ""})`,
      code,
    );
  }

  async function* events(): AsyncGenerator<E, void, undefined> {
    let cancelReason: unknown = fail("The consumer stopped reading the stream early", "stream_cancelled");
    try {
      // A server that ignored `stream: true` (or a proxy error page) answers with something other
      // than `text/event-stream`; say so instead of reporting a confusing truncation.
      const contentType = response.headers.get("content-type");
      if (contentType !== null && !/^\s*text\/event-stream\b/i.test(contentType)) {
        // Read no more of it than of any error body: a proxy's page may be megabytes.
        const { body } = await readErrorBody(response).catch(() => ({ body: "" }));
        if (isErrorPayload(body)) throw errorFrame(body);
        throw fail(
          `Expected a text/event-stream answer to a streaming request, got ${contentType}. Only the GPT image models stream.`,
          "not_event_stream",
        );
      }
      if (!response.body) throw fail("The streaming response has no body", "stream_truncated");
      const read = response.body.pipeThrough(new TextDecoderStream()).getReader();
      reader = read;

      // The parser calls back synchronously from `feed()`; events wait here until the consumer pulls
      // them, so one network chunk holding several events is yielded in order before the next read.
      const queue: E[] = [];
      let failure: ImagesStreamError | undefined;
      let received = 0;
      let completed = false;
      let strayLine: string | undefined;
      let endsWithCR = false;

      const parser = createParser({
        maxBufferSize: maxEventSize,
        onEvent(message) {
          if (failure) return; // nothing after an error frame is trustworthy
          try {
            const event = decodeEvent(message);
            if (event === undefined) return;
            received++;
            if (event.type === completedType) completed = true;
            queue.push(event as E);
          } catch (err) {
            failure = err as ImagesStreamError;
          }
        },
        onError(error: ParseError) {
          if (error.type === "max-buffer-size-exceeded") {
            failure ??= fail(
              `A stream event exceeded maxEventSize (${maxEventSize} characters). Raise maxEventSize if your server sends larger images.`,
              "stream_event_too_large",
              error,
            );
          } else if (error.type === "unknown-field") {
            // The SSE spec says to ignore such lines; we keep the first one to explain a truncated
            // stream (a proxy that answers with a plain JSON error body ends up here).
            strayLine ??= preview(error.line ?? "", PREVIEW_CHARS);
          }
        },
      });

      for (;;) {
        while (queue.length > 0) yield queue.shift() as E;
        if (failure) throw failure;
        const chunk = await readWithIdleTimeout(read, idleTimeout);
        if (chunk.done) {
          // eventsource-parser holds back a chunk-final CR, since a LF may follow in the next chunk.
          // At the end of the body no LF can come: that CR ends its line (and, with CR line endings,
          // the last event). Feeding a LF completes it as a CRLF without inventing a blank line.
          if (!endsWithCR) break;
          endsWithCR = false;
          parser.feed("\n");
          continue;
        }
        if (chunk.value.length === 0) continue;
        endsWithCR = chunk.value.charCodeAt(chunk.value.length - 1) === 13;
        parser.feed(chunk.value);
      }

      if (!completed) {
        const stray =
          strayLine === undefined ? "" : ` The server also sent a line that is not SSE: ${strayLine}`;
        throw fail(
          `The stream ended before its ${completedType} event (after ${received} event${received === 1 ? "" : "s"}); the image is incomplete.${stray}`,
          "stream_truncated",
        );
      }
      cancelReason = undefined;
    } catch (err) {
      cancelReason = err;
      if (signal?.aborted) throw signal.reason;
      // Our own errors pass through; so do aborts (the caller's `AbortSignal` reason, or a
      // `TimeoutError`), like `fetch` does. Anything else is the connection failing mid-stream.
      const name = (err as { name?: unknown } | null)?.name;
      throw redactError(
        err instanceof ImagesError || name === "AbortError" || name === "TimeoutError"
          ? err
          : fail(
              `The image stream was interrupted: ${err instanceof Error ? err.message : String(err)}`,
              "stream_interrupted",
              err,
            ),
        secrets,
      );
    } finally {
      settle(cancelReason);
    }
  }

  return {
    requestId,
    response,
    [Symbol.asyncIterator](): AsyncIterator<E, void, undefined> {
      if (iterated) {
        throw fail(
          "This image stream has already been iterated; a stream can be read only once. Keep the events you need from the first loop.",
          "stream_already_consumed",
        );
      }
      iterated = true;
      const generator = events();
      return {
        next: () => generator.next(),
        // A generator that was never started skips its `finally`; settle here so `return()` before
        // the first `next()` still cancels the request.
        return: async () => {
          const result = await generator.return(undefined);
          settle(fail("The stream was closed before it was read", "stream_cancelled"));
          return result;
        },
      };
    },
  };
}

function isErrorPayload(payload: unknown): boolean {
  return isRecord(payload) && (payload.type === "error" || isRecord(payload.error));
}

function readWithIdleTimeout(
  reader: ReadableStreamDefaultReader<string>,
  idleTimeout: number | undefined,
): Promise<ReadableStreamReadResult<string>> {
  if (!idleTimeout || idleTimeout <= 0 || !Number.isFinite(idleTimeout)) return reader.read();
  let timer: ReturnType<typeof setTimeout> | undefined;
  // The pending read is left behind on timeout; cancelling the body (in settle) resolves it.
  return Promise.race([
    reader.read(),
    new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new ImagesTimeoutError(
              `The image stream stalled: no data for ${idleTimeout} ms (idleTimeout). The request was cancelled.`,
              idleTimeout,
            ),
          ),
        idleTimeout,
      );
    }),
  ]).finally(() => clearTimeout(timer));
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * One API call: attempts, per-attempt timeouts, the caller's abort signal, retries, and turning
 * failures into the error family. The HTTP exchange itself is a callback (an openapi-fetch call),
 * so this module knows nothing about paths, bodies or auth.
 */
import {
  ImagesAPIError,
  ImagesConnectionError,
  ImagesResponseError,
  ImagesTimeoutError,
  isImagesConnectionError,
  isImagesError,
} from "./errors.js";
import { redactError } from "./redact.js";
import { retryDelay, shouldRetryResponse, sleep } from "./retry.js";
import { errorBodyWasTruncated } from "./transport-guard.js";

/** What one HTTP exchange produced (the shape openapi-fetch returns). */
export interface ExchangeResult<T> {
  data?: T | undefined;
  error?: unknown;
  response: Response;
}

/** How to run one call. */
export interface SendOptions<T> {
  /** For messages: `POST`. */
  method: string;
  /** For messages: the URL path, e.g. `/v1/images/generations` (never the query or host). */
  path: string;
  /** Milliseconds per attempt (for streams: until the stream settles). */
  timeout: number;
  /** Retries after the first attempt. */
  maxRetries: number;
  /** The caller's signal: aborting rejects with its reason, also while waiting to retry. */
  signal?: AbortSignal | undefined;
  /** Keep the timer and signal armed after a 2xx answer, until `settle()` (streamed bodies). */
  keepAlive?: boolean | undefined;
  /** Strings that must never appear in an error (API key, tokens); read when an error is thrown. */
  secrets?: Iterable<string> | undefined;
  /**
   * Checks a 2xx answer's parsed body: returns why it is not what the call expects, or `undefined`.
   * A problem is an {@link ImagesResponseError} (not retried).
   */
  checkData?: ((data: T | undefined) => string | undefined) | undefined;
  /** Performs one HTTP exchange, aborting when `signal` does. */
  exchange: (signal: AbortSignal) => Promise<ExchangeResult<T>>;
}

/** A successful call. */
export interface SendResult<T> {
  data: T | undefined;
  response: Response;
  /** The `x-request-id` response header. */
  requestId: string | undefined;
  /** Cancels the request (and its body) with the given reason. */
  abort: (reason?: unknown) => void;
  /** Disarms the timeout and the caller's signal. Idempotent; already done unless `keepAlive`. */
  settle: () => void;
}

/**
 * Runs `exchange` until it succeeds, fails for good, or the retries run out.
 *
 * @example
 * const { data, requestId } = await send({ method: "POST", path: "/v1/images/generations",
 *   timeout: 600_000, maxRetries: 2, exchange: (signal) => raw.POST("/images/generations", { body, signal }) });
 */
export async function send<T>(options: SendOptions<T>): Promise<SendResult<T>> {
  const { method, path, timeout, signal: callerSignal, maxRetries } = options;
  const what = `${method} ${path}`;
  try {
    for (let retry = 0; ; retry++) {
      if (callerSignal?.aborted) throw callerSignal.reason;
      // One attempt: its own controller, aborted by its timer or by the caller's signal.
      const controller = new AbortController();
      let timedOut = false;
      const onCallerAbort = () => controller.abort(callerSignal?.reason);
      callerSignal?.addEventListener("abort", onCallerAbort, { once: true });
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort(new ImagesTimeoutError(`${what} timed out after ${timeout} ms`, timeout));
      }, timeout);
      const settle = () => {
        clearTimeout(timer);
        callerSignal?.removeEventListener("abort", onCallerAbort);
      };

      let result: ExchangeResult<T> | undefined;
      let error: unknown;
      let retryable = false;
      try {
        result = await options.exchange(controller.signal);
      } catch (err) {
        settle();
        if (callerSignal?.aborted) throw callerSignal.reason;
        // Our own errors keep their class; a timeout or a failure on the wire is worth another attempt.
        retryable =
          timedOut || isImagesConnectionError(err) || !(isImagesError(err) || err instanceof SyntaxError);
        error = timedOut
          ? new ImagesTimeoutError(`${what} timed out after ${timeout} ms`, timeout)
          : isImagesError(err)
            ? err
            : err instanceof SyntaxError
              ? // A 2xx answer whose body is not JSON: a broken proxy or a wrong baseUrl, not worth
                // retrying. The JSON parser threw, so the response itself is not at hand (no status or
                // request id). Its error is not kept as the cause: it quotes the body's first
                // characters, maybe part of a key.
                new ImagesResponseError(`${what} returned a body that is not JSON`, {
                  status: undefined,
                  requestId: undefined,
                })
              : // Anything else happened on the wire (e.g. the connection dropped while reading the body).
                new ImagesConnectionError(`${what}: connection failed`, { cause: err });
      }

      const response = result?.response;
      if (response) {
        const requestId = response.headers.get("x-request-id") ?? undefined;
        if (response.ok) {
          const problem = options.checkData?.(result?.data);
          if (problem !== undefined) {
            settle();
            throw new ImagesResponseError(
              `${what} answered ${response.status} with a body that is not an Images API response: ${problem}`,
              { status: response.status, requestId },
            );
          }
          if (!options.keepAlive) settle();
          return {
            data: result?.data,
            response,
            requestId,
            abort: (reason) => controller.abort(reason),
            settle,
          };
        }
        settle();
        error = new ImagesAPIError({
          status: response.status,
          method,
          path,
          headers: response.headers,
          body: result?.error,
          bodyTruncated: errorBodyWasTruncated(response),
        });
        retryable = shouldRetryResponse(response.status, response.headers);
      }
      if (!retryable || retry >= maxRetries) throw error;
      await sleep(retryDelay(response?.headers, retry), callerSignal);
    }
  } catch (err) {
    // The caller's own abort reason is theirs; everything else is ours and leaves redacted.
    if (callerSignal?.aborted && err === callerSignal.reason) throw err;
    throw redactError(err, options.secrets ?? []);
  }
}

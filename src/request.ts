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
  const { signal: callerSignal, maxRetries } = options;
  try {
    for (let retry = 0; ; retry++) {
      if (callerSignal?.aborted) throw callerSignal.reason;
      const outcome = await attempt(options);
      if ("result" in outcome) return outcome.result;
      const { error, retryable, headers } = outcome.failure;
      if (!retryable || retry >= maxRetries) throw error;
      await sleep(retryDelay(headers, retry), callerSignal);
    }
  } catch (err) {
    // The caller's own abort reason is theirs; everything else is ours and leaves redacted.
    if (callerSignal?.aborted && err === callerSignal.reason) throw err;
    throw redactError(err, options.secrets ?? []);
  }
}

/** A failed attempt: the error it ends with, whether another attempt may succeed, and the answer's headers (`Retry-After`). */
interface Failure {
  error: unknown;
  retryable: boolean;
  headers?: Headers | undefined;
}

/** One attempt: a result, or a failure for `send` to retry or throw. Throws the caller's abort reason. */
async function attempt<T>(
  options: SendOptions<T>,
): Promise<{ result: SendResult<T> } | { failure: Failure }> {
  const what = `${options.method} ${options.path}`;
  const timer = armAttempt(what, options.timeout, options.signal);
  let exchanged: ExchangeResult<T>;
  try {
    exchanged = await options.exchange(timer.signal);
  } catch (err) {
    timer.settle();
    if (options.signal?.aborted) throw options.signal.reason;
    return { failure: classifyThrown(err, what, options.timeout, timer.timedOut) };
  }
  const { response, data } = exchanged;
  const requestId = response.headers.get("x-request-id") ?? undefined;
  if (!response.ok) {
    timer.settle();
    return { failure: classifyAnswer(options, exchanged) };
  }
  const problem = options.checkData?.(data);
  if (problem !== undefined) {
    timer.settle();
    const message = `${what} answered ${response.status} with a body that is not an Images API response: ${problem}`;
    return {
      failure: {
        error: new ImagesResponseError(message, { status: response.status, requestId }),
        retryable: false,
      },
    };
  }
  if (!options.keepAlive) timer.settle();
  return { result: { data, response, requestId, abort: timer.abort, settle: timer.settle } };
}

/** An attempt's own abort controller, aborted by its timer or by the caller's signal. */
function armAttempt(what: string, timeout: number, callerSignal: AbortSignal | undefined) {
  const controller = new AbortController();
  let timedOut = false;
  const onCallerAbort = () => controller.abort(callerSignal?.reason);
  callerSignal?.addEventListener("abort", onCallerAbort, { once: true });
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new ImagesTimeoutError(`${what} timed out after ${timeout} ms`, timeout));
  }, timeout);
  return {
    signal: controller.signal,
    abort: (reason?: unknown) => controller.abort(reason),
    /** Disarms the timer and the caller's signal. */
    settle: () => {
      clearTimeout(timer);
      callerSignal?.removeEventListener("abort", onCallerAbort);
    },
    get timedOut() {
      return timedOut;
    },
  };
}

/**
 * What an exchange threw, as the error family: our own errors keep their class; a timeout or a
 * failure on the wire is worth another attempt.
 */
function classifyThrown(err: unknown, what: string, timeout: number, timedOut: boolean): Failure {
  if (timedOut) {
    return {
      error: new ImagesTimeoutError(`${what} timed out after ${timeout} ms`, timeout),
      retryable: true,
    };
  }
  if (isImagesError(err)) return { error: err, retryable: isImagesConnectionError(err) };
  if (err instanceof SyntaxError) {
    // A 2xx answer whose body is not JSON: a broken proxy or a wrong baseUrl, not worth retrying. The
    // JSON parser threw, so the response itself is not at hand (no status or request id). Its error
    // is not kept as the cause: it quotes the body's first characters, maybe part of a key.
    const error = new ImagesResponseError(`${what} returned a body that is not JSON`, {
      status: undefined,
      requestId: undefined,
    });
    return { error, retryable: false };
  }
  // Anything else happened on the wire (e.g. the connection dropped while reading the body).
  return { error: new ImagesConnectionError(`${what}: connection failed`, { cause: err }), retryable: true };
}

/** A non-2xx answer: an API error, retried where its status and headers say so. */
function classifyAnswer<T>(options: SendOptions<T>, { response, error }: ExchangeResult<T>): Failure {
  const apiError = new ImagesAPIError({
    status: response.status,
    method: options.method,
    path: options.path,
    headers: response.headers,
    body: error,
    bodyTruncated: errorBodyWasTruncated(response),
  });
  return {
    error: apiError,
    retryable: shouldRetryResponse(response.status, response.headers),
    headers: response.headers,
  };
}

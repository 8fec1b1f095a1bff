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
  try {
    return await attempts(options);
  } catch (err) {
    // The caller's own abort reason is theirs; everything else is ours and leaves redacted.
    if (options.signal?.aborted && err === options.signal.reason) throw err;
    throw redactError(err, options.secrets ?? []);
  }
}

async function attempts<T>(options: SendOptions<T>): Promise<SendResult<T>> {
  const { signal: callerSignal, maxRetries } = options;
  for (let retry = 0; ; retry++) {
    if (callerSignal?.aborted) throw callerSignal.reason;
    const attempt = startAttempt(options);
    let result: ExchangeResult<T>;
    try {
      result = await options.exchange(attempt.signal);
    } catch (err) {
      attempt.settle();
      if (callerSignal?.aborted) throw callerSignal.reason;
      const failure = classify(err, attempt.timedOut, options);
      if (!failure.retry || retry >= maxRetries) throw failure.error;
      await sleep(retryDelay(undefined, retry), callerSignal);
      continue;
    }

    const { response } = result;
    if (response.ok) {
      const problem = options.checkData?.(result.data);
      if (problem !== undefined) {
        attempt.settle();
        throw new ImagesResponseError(
          `${options.method} ${options.path} answered ${response.status} with a body that is not an Images API response: ${problem}`,
          { status: response.status, requestId: response.headers.get("x-request-id") ?? undefined },
        );
      }
      if (!options.keepAlive) attempt.settle();
      return {
        data: result.data,
        response,
        requestId: response.headers.get("x-request-id") ?? undefined,
        abort: attempt.abort,
        settle: attempt.settle,
      };
    }

    attempt.settle();
    const error = new ImagesAPIError({
      status: response.status,
      method: options.method,
      path: options.path,
      headers: response.headers,
      body: result.error,
      bodyTruncated: errorBodyWasTruncated(response),
    });
    if (retry >= maxRetries || !shouldRetryResponse(response.status, response.headers)) throw error;
    await sleep(retryDelay(response.headers, retry), callerSignal);
  }
}

interface Attempt {
  signal: AbortSignal;
  readonly timedOut: boolean;
  abort: (reason?: unknown) => void;
  settle: () => void;
}

/** What the attempt helpers read of a call's options (whatever its data type). */
type AttemptOptions = Pick<SendOptions<unknown>, "method" | "path" | "timeout" | "signal">;

function startAttempt(options: AttemptOptions): Attempt {
  const controller = new AbortController();
  const callerSignal = options.signal;
  let timedOut = false;
  const onCallerAbort = () => controller.abort(callerSignal?.reason);
  callerSignal?.addEventListener("abort", onCallerAbort, { once: true });
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(timeoutError(options));
  }, options.timeout);
  return {
    signal: controller.signal,
    get timedOut() {
      return timedOut;
    },
    abort: (reason) => controller.abort(reason),
    settle() {
      clearTimeout(timer);
      callerSignal?.removeEventListener("abort", onCallerAbort);
    },
  };
}

function timeoutError(options: AttemptOptions, cause?: unknown): ImagesTimeoutError {
  return new ImagesTimeoutError(
    `${options.method} ${options.path} timed out after ${options.timeout} ms`,
    options.timeout,
    cause === undefined ? undefined : { cause },
  );
}

/** Sorts a failed exchange into the error to throw and whether another attempt may help. */
function classify(
  err: unknown,
  timedOut: boolean,
  options: AttemptOptions,
): { error: unknown; retry: boolean } {
  if (timedOut) return { error: timeoutError(options), retry: true };
  if (isImagesConnectionError(err)) return { error: err, retry: true };
  if (isImagesError(err)) return { error: err, retry: false };
  if (err instanceof SyntaxError) {
    // A 2xx answer whose body is not JSON: a broken proxy or a wrong baseUrl, not worth retrying.
    // The JSON parser threw, so the response itself is not at hand (no status or request id). Its
    // error is not kept as the cause: it quotes the body's first characters, maybe part of a key.
    return {
      error: new ImagesResponseError(`${options.method} ${options.path} returned a body that is not JSON`, {
        status: undefined,
        requestId: undefined,
      }),
      retry: false,
    };
  }
  // Anything else happened on the wire (e.g. the connection dropped while reading the body).
  return {
    error: new ImagesConnectionError(`${options.method} ${options.path}: connection failed`, { cause: err }),
    retry: true,
  };
}

/**
 * When to retry and how long to wait. Pure functions (plus one abortable sleep) so the policy can be
 * read and tested on its own.
 */

/** Longest server-requested wait we honour; beyond it we fall back to our own backoff. */
const MAX_RETRY_AFTER_MS = 60_000;
const INITIAL_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 8_000;

/**
 * Whether a response status is worth another attempt. `x-should-retry` (sent by the OpenAI API)
 * overrides the status either way.
 */
export function shouldRetryResponse(status: number, headers: Headers): boolean {
  const hint = headers.get("x-should-retry");
  if (hint === "true") return true;
  if (hint === "false") return false;
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * Milliseconds to wait before retry number `retry` (0 for the first retry).
 * `retry-after-ms`, else `retry-after` (seconds or an HTTP date), when between 0 and 60 s;
 * otherwise exponential backoff from 0.5 s, capped at 8 s, with up to 25 % jitter taken off so
 * that many clients do not retry in lockstep.
 *
 * @example
 * retryDelay(new Headers({ "retry-after-ms": "250" }), 0); // 250
 */
export function retryDelay(
  headers: Headers | undefined,
  retry: number,
  now: number = Date.now(),
  random: () => number = Math.random,
): number {
  const requested = headers ? serverRequestedDelay(headers, now) : undefined;
  if (requested !== undefined && requested >= 0 && requested <= MAX_RETRY_AFTER_MS) return requested;
  const base = Math.min(INITIAL_BACKOFF_MS * 2 ** retry, MAX_BACKOFF_MS);
  return base * (1 - 0.25 * random());
}

function serverRequestedDelay(headers: Headers, now: number): number | undefined {
  // `Number("")` is 0: a blank header says nothing, so it is skipped rather than read as "now".
  const ms = headers.get("retry-after-ms")?.trim();
  if (ms && Number.isFinite(Number(ms))) return Number(ms);
  const after = headers.get("retry-after")?.trim();
  if (!after) return undefined;
  if (Number.isFinite(Number(after))) return Number(after) * 1000;
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : date - now;
}

/**
 * Resolves after `ms`, or rejects with the signal's reason as soon as it aborts.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

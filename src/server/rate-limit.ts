/**
 * Rate limits as the API announces them, for testing clients that adapt to them: a fixed window of
 * `requests` per `windowMs` for the Images endpoints. Every admitted answer carries
 * `x-ratelimit-limit-requests`, `x-ratelimit-remaining-requests` and `x-ratelimit-reset-requests`
 * (a duration such as `"120ms"` or `"1.5s"`, as OpenAI writes it); a request over the limit gets the
 * API's 429 `rate_limit_exceeded` with the same headers and `retry-after-ms` until the window resets.
 */
import type { ServerResponse } from "node:http";
import { failure, type HttpFailure } from "./http-io.js";

/** The `rateLimit` server option. */
export interface RateLimitOptions {
  /** Requests admitted per window. */
  requests: number;
  /** Window length in ms. @default 60000 */
  windowMs?: number | undefined;
}

/** See the module comment. */
export interface RateLimiter {
  /** Sets the headers on `res`; returns the 429 to send when the window is used up. */
  admit(res: ServerResponse): HttpFailure | undefined;
}

/**
 * @example
 * const limits = createRateLimiter({ requests: 20, windowMs: 1000 });
 * const refused = limits.admit(res); // undefined for the first 20 requests of each second
 */
export function createRateLimiter(options: RateLimitOptions, now: () => number = Date.now): RateLimiter {
  const windowMs = options.windowMs ?? 60_000;
  let start = now();
  let used = 0;
  return {
    admit(res) {
      const t = now();
      if (t - start >= windowMs) {
        start = t;
        used = 0;
      }
      const resetMs = Math.max(1, start + windowMs - t);
      const admitted = used < options.requests;
      if (admitted) used++;
      const headers = {
        "x-ratelimit-limit-requests": String(options.requests),
        "x-ratelimit-remaining-requests": String(options.requests - used),
        "x-ratelimit-reset-requests": formatDuration(resetMs),
      };
      for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
      if (admitted) return undefined;
      return failure(
        429,
        `Rate limit reached for images: limit ${options.requests} per ${formatDuration(windowMs)}.`,
        {
          type: "requests",
          code: "rate_limit_exceeded",
          headers: { "retry-after-ms": String(resetMs), "retry-after": String(Math.ceil(resetMs / 1000)) },
        },
      );
    },
  };
}

/** `120` → `"120ms"`, `1500` → `"1.5s"`, `360000` → `"6m0s"`. */
function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.ceil(ms)}ms`;
  if (ms < 60_000) return `${Number((ms / 1000).toFixed(3))}s`;
  return `${Math.floor(ms / 60_000)}m${Number(((ms % 60_000) / 1000).toFixed(3))}s`;
}

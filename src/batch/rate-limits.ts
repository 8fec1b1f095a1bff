/**
 * Reading the API's rate-limit headers. OpenAI sends, on every answer, what is left of the current
 * window and when it resets:
 *
 *   x-ratelimit-limit-requests: 500        x-ratelimit-remaining-requests: 499
 *   x-ratelimit-reset-requests: 120ms      (a Go-style duration: "1s", "6m0s", "1h2m3.5s")
 *   x-ratelimit-limit-tokens / -remaining-tokens / -reset-tokens, the same for tokens
 */

/** What one answer said about the rate limits. Absent headers stay `undefined`. */
export interface RateLimitInfo {
  limitRequests?: number | undefined;
  remainingRequests?: number | undefined;
  /** Milliseconds until the request window resets. */
  resetRequestsMs?: number | undefined;
  limitTokens?: number | undefined;
  remainingTokens?: number | undefined;
  /** Milliseconds until the token window resets. */
  resetTokensMs?: number | undefined;
}

/**
 * @example
 * readRateLimits(new Headers({ "x-ratelimit-remaining-requests": "0", "x-ratelimit-reset-requests": "1.5s" }));
 * // { remainingRequests: 0, resetRequestsMs: 1500 }
 */
export function readRateLimits(headers: Headers): RateLimitInfo {
  const info: RateLimitInfo = {};
  const num = (name: string) => {
    const v = headers.get(name);
    if (v === null || v.trim() === "") return undefined;
    const n = Number(v);
    return Number.isFinite(n) && n >= 0 ? n : undefined;
  };
  const dur = (name: string) => {
    const v = headers.get(name);
    return v === null ? undefined : parseDuration(v);
  };
  const set = <K extends keyof RateLimitInfo>(key: K, value: number | undefined) => {
    if (value !== undefined) info[key] = value;
  };
  set("limitRequests", num("x-ratelimit-limit-requests"));
  set("remainingRequests", num("x-ratelimit-remaining-requests"));
  set("resetRequestsMs", dur("x-ratelimit-reset-requests"));
  set("limitTokens", num("x-ratelimit-limit-tokens"));
  set("remainingTokens", num("x-ratelimit-remaining-tokens"));
  set("resetTokensMs", dur("x-ratelimit-reset-tokens"));
  return info;
}

const UNIT_MS: Record<string, number> = {
  h: 3_600_000,
  m: 60_000,
  s: 1000,
  ms: 1,
  us: 0.001,
  µs: 0.001,
  ns: 1e-6,
};

/**
 * A Go-style duration (`"20ms"`, `"1.5s"`, `"6m0s"`, `"1h2m"`) or plain seconds (`"2"`) in
 * milliseconds; `undefined` when it is neither.
 *
 * @example
 * parseDuration("6m0s"); // 360000
 */
export function parseDuration(text: string): number | undefined {
  const t = text.trim();
  if (t === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t) * 1000;
  const parts = t.matchAll(/(\d+(?:\.\d+)?)(ms|us|µs|ns|h|m|s)/g);
  let total = 0;
  let consumed = 0;
  for (const [whole, value, unit] of parts) {
    total += Number(value) * (UNIT_MS[unit as string] ?? 0);
    consumed += whole.length;
  }
  return consumed === t.length ? total : undefined;
}

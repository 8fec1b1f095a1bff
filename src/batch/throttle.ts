/**
 * How many requests a batch run may have in flight, and when it may start the next one. Additive
 * increase, multiplicative decrease (the TCP idea): one more slot after each answer that leaves room,
 * half the slots after a 429; and no start at all while the API says the window is used up, until the
 * reset it announced (or the 429's `retry-after`). Never above the user's cap, never below one.
 */
import type { RateLimitInfo } from "./rate-limits.js";

/** The throttle's state, for progress displays. */
export interface ThrottleState {
  /** Requests allowed in flight now. */
  limit: number;
  /** No request starts before this time (ms since the epoch); 0 when not paused. */
  pausedUntil: number;
}

/** See the module comment. */
export interface Throttle {
  readonly state: ThrottleState;
  /** An answer arrived (any status but 429) with these rate-limit headers. */
  onAnswer(info: RateLimitInfo, tokensUsed?: number | undefined): void;
  /** A 429: wait `waitMs` (from `retry-after`, else the announced reset) before starting anything. */
  onRateLimited(waitMs: number, info: RateLimitInfo): void;
}

/** When an empty window announces no reset time, wait this long before trying again. */
const DEFAULT_PAUSE_MS = 1000;

/**
 * @example
 * const throttle = createThrottle(16);
 * throttle.onRateLimited(250, {}); // limit 8, nothing starts for 250 ms
 */
export function createThrottle(cap: number, now: () => number = Date.now): Throttle {
  const max = Math.max(1, Math.floor(cap));
  const state: ThrottleState = { limit: max, pausedUntil: 0 };
  // Tokens the last answers used per request, to tell whether the token window has room for one more.
  let tokensPerRequest = 0;
  const pause = (ms: number) => {
    state.pausedUntil = Math.max(state.pausedUntil, now() + Math.max(0, ms));
  };
  return {
    state,
    onAnswer(info, tokensUsed) {
      if (tokensUsed !== undefined && tokensUsed > 0)
        tokensPerRequest = Math.max(tokensPerRequest, tokensUsed);
      let room = max;
      if (info.remainingRequests !== undefined) {
        if (info.remainingRequests === 0) pause(info.resetRequestsMs ?? DEFAULT_PAUSE_MS);
        room = Math.min(room, Math.max(1, info.remainingRequests));
      }
      if (info.remainingTokens !== undefined && tokensPerRequest > 0) {
        if (info.remainingTokens < tokensPerRequest) pause(info.resetTokensMs ?? DEFAULT_PAUSE_MS);
        room = Math.min(room, Math.max(1, Math.floor(info.remainingTokens / tokensPerRequest)));
      }
      state.limit = Math.max(1, Math.min(state.limit + 1, room));
    },
    onRateLimited(waitMs, info) {
      state.limit = Math.max(1, Math.floor(state.limit / 2));
      const reset = Math.max(info.resetRequestsMs ?? 0, info.resetTokensMs ?? 0);
      pause(waitMs > 0 ? waitMs : reset > 0 ? reset : DEFAULT_PAUSE_MS);
    },
  };
}

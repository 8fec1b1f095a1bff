/**
 * Fault injection, for users' reliability tests. A fault is written as text, the same way in the
 * server's options and in a request's `x-images-fault` header:
 *
 *   fault    = kind *( ";" key "=" value )         faults = fault *( "," fault )
 *   kinds    = 429 | 500 | 503 | any other status 400–599   answer with that error (after reading the body)
 *            | moderation   (categories=a|b)       the API's 400 moderation_blocked for the request
 *            | quota                               the API's 429 insufficient_quota
 *            | delay        (ms=N)                 wait N ms before sending the headers
 *            | reset                               send the headers and half the body, then reset the TCP connection
 *            | stream-cut   (after=N)              end a stream after N events, before `completed`
 *            | stream-error (after=N, code=…)      send an `error` event after N events, then end
 *   status keys: retry-after-ms=N, retry-after=S (both sent for 429/503; defaults 10 ms / "1"), message=…
 *   any fault:   times=N (only the first N matching requests; per header value, or per server rule)
 *
 * Examples: `429; times=2`, `delay; ms=500`, `503; retry-after=0, delay; ms=50`, `stream-cut; after=1`,
 * `moderation; categories=violence`.
 *
 * The 429, `moderation` and `quota` answers are OpenAI's own envelopes from the error catalogue
 * (`models/api-errors.ts`): type, code, param and the quoted message with the request's model and id.
 */
import { API_ERRORS } from "../models/api-errors.js";
import { failure, type HttpFailure } from "./http-io.js";
import { refusalFailure } from "./refusal.js";

/** One parsed fault. */
export type Fault =
  | { kind: "status"; status: number; retryAfterMs?: number; retryAfter?: string; message?: string }
  | { kind: "delay"; ms: number }
  | { kind: "reset" }
  | { kind: "stream-cut"; after?: number }
  | { kind: "stream-error"; after?: number; code?: string; message?: string }
  | { kind: "moderation"; categories?: string[] }
  | { kind: "quota" };

/** What a fault's answer names: the request's id and, once its body is read, its model. */
export interface FaultContext {
  requestId?: string | undefined;
  model?: string | undefined;
}

/** A fault and how many more requests it applies to (`Infinity` by default). */
export interface FaultRule {
  fault: Fault;
  times?: number | undefined;
}

/** Everything that goes wrong with one request. */
export interface FaultPlan {
  failure?: HttpFailure;
  /** The same failure, naming the request's model (known once the body is read). */
  failureFor?: (model: string | undefined) => HttpFailure;
  delayMs: number;
  reset: boolean;
  streamCutAfter?: number;
  streamError?: { after?: number; code: string; message: string };
  /** The server-wide faults that applied to the request, as fault text (`"503"`, `"delay; ms=50"`). */
  serverFaults: string[];
}

/** The header a request uses to ask for faults. */
export const FAULT_HEADER = "x-images-fault";

/** The longest `delay` a fault may ask for: one hour. */
const MAX_DELAY_MS = 3_600_000;

/**
 * How many distinct header faults with `times` a book counts at once. Each distinct header text is
 * a counter; past this many, the least recently used is forgotten (its request would see the fault
 * again), so a client sending ever-new headers cannot grow the server.
 */
export const MAX_HEADER_COUNTERS = 1000;

/**
 * Parses fault text (one or more comma-separated faults).
 *
 * @example
 * parseFaults("429; retry-after-ms=50; times=2") // [{ fault: { kind: "status", status: 429, retryAfterMs: 50 }, times: 2 }]
 */
export function parseFaults(text: string): FaultRule[] {
  return text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map(parseOne);
}

function parseOne(text: string): FaultRule {
  const [head = "", ...pairs] = text.split(";").map((s) => s.trim());
  const params = new Map<string, string>();
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new Error(`fault "${text}": expected key=value, got "${pair}"`);
    params.set(pair.slice(0, eq).trim().toLowerCase(), pair.slice(eq + 1).trim());
  }
  const num = (key: string): number | undefined => {
    const v = params.get(key);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw new Error(`fault "${text}": ${key} must be a number >= 0`);
    return n;
  };
  const times = num("times");
  const kind = head.toLowerCase();
  let fault: Fault;
  if (/^\d{3}$/.test(kind)) {
    const status = Number(kind);
    if (status < 400 || status > 599) throw new Error(`fault "${text}": status must be 400-599`);
    const retryAfterMs = num("retry-after-ms");
    const retryAfter = params.get("retry-after");
    const message = params.get("message");
    fault = {
      kind: "status",
      status,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      ...(retryAfter !== undefined ? { retryAfter } : {}),
      ...(message !== undefined ? { message } : {}),
    };
  } else if (kind === "delay") {
    const ms = num("ms") ?? 1000;
    // Longer waits would overflow Node's timers (which then fire at once); no test needs them.
    if (ms > MAX_DELAY_MS) throw new Error(`fault "${text}": ms must be at most ${MAX_DELAY_MS}`);
    fault = { kind, ms };
  } else if (kind === "reset" || kind === "quota") {
    fault = { kind };
  } else if (kind === "moderation") {
    const categories = params.get("categories");
    fault = categories === undefined ? { kind } : { kind, categories: categories.split("|") };
  } else if (kind === "stream-cut") {
    const after = num("after");
    fault = after === undefined ? { kind } : { kind, after };
  } else if (kind === "stream-error") {
    const after = num("after");
    const code = params.get("code");
    const message = params.get("message");
    fault = {
      kind,
      ...(after !== undefined ? { after } : {}),
      ...(code !== undefined ? { code } : {}),
      ...(message !== undefined ? { message } : {}),
    };
  } else {
    throw new Error(
      `unknown fault "${head}" (use a status 400-599, moderation, quota, delay, reset, stream-cut or stream-error)`,
    );
  }
  return times === undefined ? { fault } : { fault, times };
}

/**
 * The error answer of a status fault, with the API's usual message, type, code and retry headers: a
 * 429 is the API's quoted rate-limit envelope for the request's model.
 */
export function statusFailure(
  fault: Extract<Fault, { kind: "status" }>,
  context: FaultContext = {},
): HttpFailure {
  const { status } = fault;
  const headers: Record<string, string> = {};
  if (
    status === 429 ||
    status === 503 ||
    fault.retryAfterMs !== undefined ||
    fault.retryAfter !== undefined
  ) {
    const ms = fault.retryAfterMs ?? 10;
    headers["retry-after-ms"] = String(ms);
    headers["retry-after"] = fault.retryAfter ?? String(Math.max(1, Math.ceil(ms / 1000)));
  }
  if (status === 429 && fault.message === undefined) {
    const limited = API_ERRORS.rateLimited(context.model ?? "images", fault.retryAfterMs ?? 10);
    return refusalFailure(limited, headers);
  }
  const known: Record<number, { message: string; type: string; code: string | null }> = {
    429: {
      message: "Rate limit reached for images (injected fault).",
      type: "requests",
      code: "rate_limit_exceeded",
    },
    500: {
      message: "The server had an error while processing your request (injected fault).",
      type: "server_error",
      code: null,
    },
    503: {
      message: "The engine is currently overloaded, please try again later (injected fault).",
      type: "server_error",
      code: "engine_overloaded",
    },
  };
  const base = known[status] ?? {
    message: `Injected fault: status ${status}.`,
    type: status >= 500 ? "server_error" : "invalid_request_error",
    code: null,
  };
  return failure(status, fault.message ?? base.message, { type: base.type, code: base.code, headers });
}

/** The answer of a fault that answers instead of the server. */
function faultFailure(
  fault: Extract<Fault, { kind: "status" | "moderation" | "quota" }>,
  context: FaultContext,
): HttpFailure {
  if (fault.kind === "status") return statusFailure(fault, context);
  if (fault.kind === "quota") return refusalFailure(API_ERRORS.insufficientQuota());
  return refusalFailure(API_ERRORS.moderationBlocked(context.requestId ?? "req_unknown", fault.categories));
}

/**
 * A fault written back as fault text, as {@link parseFaults} reads it.
 *
 * @example
 * faultText({ kind: "delay", ms: 50 }) // "delay; ms=50"
 */
export function faultText(fault: Fault): string {
  const { kind, ...options } = fault;
  if (fault.kind === "moderation" && fault.categories)
    return `moderation; categories=${fault.categories.join("|")}`;
  const head = fault.kind === "status" ? String(fault.status) : kind;
  const keys: Record<string, string> = { retryAfterMs: "retry-after-ms", retryAfter: "retry-after" };
  const pairs = Object.entries(options)
    .filter(([key]) => key !== "status")
    .map(([key, value]) => `; ${keys[key] ?? key}=${value}`);
  return head + pairs.join("");
}

/**
 * Keeps the server's fault rules and the per-header counters, and turns the faults that apply to a
 * request into a {@link FaultPlan}.
 */
export interface FaultBook {
  /** Adds server-wide rules (applied to every request, consuming `times`). */
  add(rules: readonly FaultRule[]): void;
  /** The plan for one request, given its `x-images-fault` header (throws on unparsable text). */
  plan(header: string | undefined, context?: FaultContext): FaultPlan;
  clear(): void;
}

/**
 * @example
 * const book = createFaultBook(); book.add(parseFaults("500; times=1"));
 * book.plan(undefined).failure?.status // 500, then undefined for the next request
 */
export function createFaultBook(): FaultBook {
  const rules: Array<{ fault: Fault; left: number }> = [];
  // Header faults with `times` count per exact header text, so retries of one request share a counter.
  const headerCounts = new Map<string, number>();
  return {
    add(newRules) {
      for (const r of newRules) rules.push({ fault: r.fault, left: r.times ?? Number.POSITIVE_INFINITY });
    },
    plan(header, context = {}) {
      const active: Fault[] = [];
      const serverFaults: string[] = [];
      for (const r of rules) {
        if (r.left > 0) {
          r.left--;
          active.push(r.fault);
          serverFaults.push(faultText(r.fault));
        }
      }
      if (header) {
        const parsed = parseFaults(header);
        parsed.forEach((r, i) => {
          if (r.times === undefined) {
            active.push(r.fault);
            return;
          }
          const key = `${i}\0${header}`;
          const used = headerCounts.get(key) ?? 0;
          // Re-inserting moves the key to the end: the map's first key is the least recently used.
          headerCounts.delete(key);
          headerCounts.set(key, used < r.times ? used + 1 : used);
          if (used < r.times) active.push(r.fault);
          if (headerCounts.size > MAX_HEADER_COUNTERS) {
            const oldest = headerCounts.keys().next().value;
            if (oldest !== undefined) headerCounts.delete(oldest);
          }
        });
      }
      const plan: FaultPlan = { delayMs: 0, reset: false, serverFaults };
      for (const f of active) {
        if (f.kind === "status" || f.kind === "moderation" || f.kind === "quota") {
          if (plan.failure) continue;
          const answer = (model: string | undefined) => faultFailure(f, { ...context, model });
          plan.failure = answer(undefined);
          plan.failureFor = answer;
        } else if (f.kind === "delay") plan.delayMs += f.ms;
        else if (f.kind === "reset") plan.reset = true;
        else if (f.kind === "stream-cut") plan.streamCutAfter ??= f.after ?? Number.POSITIVE_INFINITY;
        else
          plan.streamError ??= {
            ...(f.after !== undefined ? { after: f.after } : {}),
            code: f.code ?? "server_error",
            message: f.message ?? "The image could not be generated (injected fault).",
          };
      }
      return plan;
    },
    clear() {
      rules.length = 0;
      headerCounts.clear();
    },
  };
}

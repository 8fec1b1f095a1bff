/**
 * `generateMany`: runs many generate/edit requests through one client, as many at once as the API's
 * rate limits allow (within a cap), and yields each result as it finishes. It retries on its own
 * (the client's retries are turned off per call) so that every answer, 429s included, tells the
 * throttle how much room is left.
 */
import { setMaxListeners } from "node:events";
import type { ImagesClient } from "../client.js";
import type { ValidationMode } from "../models/validate.js";
import {
  isImagesAPIError,
  isImagesConnectionError,
  isImagesTimeoutError,
  isImagesValidationError,
} from "../node/index.js";
import { retryDelay, shouldRetryResponse } from "../retry.js";
import type { ImagesResponse } from "../types.js";
import type { BatchLine } from "./lines.js";
import { readRateLimits } from "./rate-limits.js";
import { createThrottle, type ThrottleState } from "./throttle.js";

/** Why a line failed, in a form that fits a manifest (no headers, no secrets). */
export interface LineError {
  message: string;
  /** HTTP status, when the API answered. */
  status?: number | undefined;
  code?: string | undefined;
  type?: string | undefined;
  param?: string | undefined;
}

/** The outcome of one line. */
export interface LineResult {
  line: BatchLine;
  /** `done`: the API answered 2xx. `failed`: it refused, or retries ran out. `cancelled`: aborted in flight. */
  status: "done" | "failed" | "cancelled";
  /** The API's answer, when done. */
  response?: ImagesResponse | undefined;
  /** `x-request-id` of the last attempt, when there was an answer. */
  requestId?: string | undefined;
  error?: LineError | undefined;
  /** Requests sent for this line (1 for a Batch API line). */
  attempts: number;
  /** The batch that carried the line (Batch API engine only). */
  batchId?: string | undefined;
}

/** Options of {@link generateMany}. */
export interface GenerateManyOptions {
  /** Most requests in flight at once; the rate-limit headers may allow fewer. @default 4 */
  concurrency?: number | undefined;
  /** Retries per line after 429s, 408/409/5xx, timeouts and connection errors. @default 8 */
  maxRetries?: number | undefined;
  /** Aborting stops starting lines; lines in flight finish and are yielded, then the iteration ends. */
  stopSignal?: AbortSignal | undefined;
  /** Aborting cancels the requests in flight too (they are yielded as `cancelled`). */
  signal?: AbortSignal | undefined;
  /** Turns a line into the client's parameters (e.g. local paths into uploads). @default the line's params */
  prepare?: ((line: BatchLine) => Promise<Record<string, unknown>>) | undefined;
  /** Validation mode for each call. @default the client's */
  validation?: ValidationMode | undefined;
  /** Called whenever the allowed concurrency or the pause changes. */
  onThrottle?: ((state: Readonly<ThrottleState>) => void) | undefined;
  /** The clock, for tests. @default Date.now */
  now?: (() => number) | undefined;
}

/** A line waiting for (another) attempt. */
interface Pending {
  line: BatchLine;
  attempts: number;
  /** Not before this time (ms since the epoch). */
  readyAt: number;
}

/** What one attempt produced. */
type Attempt =
  | { kind: "done"; response: ImagesResponse; requestId: string | undefined; headers: Headers }
  | { kind: "error"; error: unknown };

/**
 * Runs every line and yields its result as soon as it finishes (not in input order). Leaving the loop
 * early cancels what is in flight.
 *
 * @example
 * import { createImagesClient } from "openai-images/node";
 * import { generateMany } from "openai-images/batch";
 * const client = createImagesClient();
 * const lines = [{ id: "otter", op: "generate", line: 1, params: { model: "gpt-image-1.5", prompt: "an otter" } }] as const;
 * for await (const result of generateMany(client, lines, { concurrency: 8 })) console.log(result.line.id, result.status);
 */
export async function* generateMany(
  client: ImagesClient,
  lines: Iterable<BatchLine>,
  options: GenerateManyOptions = {},
): AsyncGenerator<LineResult, void, undefined> {
  const now = options.now ?? Date.now;
  const cap = Math.max(1, options.concurrency ?? 4);
  const maxRetries = options.maxRetries ?? 8;
  const throttle = createThrottle(cap, now);
  const input = lines[Symbol.iterator]();
  const retries: Pending[] = [];
  const finished: LineResult[] = [];
  // Cancels in-flight calls: the caller's signal, or the consumer leaving the loop.
  const cancel = new AbortController();
  // Every request in flight listens to it: more than Node's default of 10 is expected, not a leak.
  setMaxListeners(Number.POSITIVE_INFINITY, cancel.signal);
  const onCancel = () => {
    cancel.abort(options.signal?.reason);
    notify();
  };
  options.signal?.addEventListener("abort", onCancel, { once: true });
  if (options.signal?.aborted) cancel.abort(options.signal.reason);
  let inputDone = false;
  let active = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let wake: (() => void) | undefined;
  let lastThrottle = "";

  const stopped = () => options.stopSignal?.aborted === true || cancel.signal.aborted;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const reportThrottle = () => {
    const key = `${throttle.state.limit}:${throttle.state.pausedUntil}`;
    if (key !== lastThrottle) {
      lastThrottle = key;
      options.onThrottle?.(throttle.state);
    }
  };

  /** Starts as many lines as the throttle allows; arms a timer when the next start must wait. */
  const pump = () => {
    if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
    while (!stopped() && active < throttle.state.limit && active + finished.length < 2 * cap) {
      const t = now();
      if (throttle.state.pausedUntil > t) {
        arm(throttle.state.pausedUntil - t);
        return;
      }
      const ready = retries.findIndex((p) => p.readyAt <= t);
      let next: Pending | undefined;
      if (ready >= 0) next = retries.splice(ready, 1)[0];
      else if (!inputDone) {
        const item = input.next();
        if (item.done) inputDone = true;
        else next = { line: item.value, attempts: 0, readyAt: 0 };
      }
      if (!next) {
        const soonest = Math.min(...retries.map((p) => p.readyAt));
        if (Number.isFinite(soonest)) arm(soonest - t);
        return;
      }
      start(next);
    }
  };
  const arm = (ms: number) => {
    timer = setTimeout(
      () => {
        timer = undefined;
        pump();
        notify();
      },
      Math.max(0, ms),
    );
  };

  const start = (pending: Pending) => {
    active++;
    pending.attempts++;
    attempt(pending.line).then((outcome) => {
      active--;
      settle(pending, outcome);
      pump();
      notify();
    });
  };

  const attempt = async (line: BatchLine): Promise<Attempt> => {
    try {
      const params = options.prepare ? await options.prepare(line) : line.params;
      const requestOptions = {
        maxRetries: 0,
        signal: cancel.signal,
        ...(options.validation ? { validation: options.validation } : {}),
      };
      const call =
        line.op === "edit"
          ? client.edit(params as never, requestOptions)
          : client.generate(params as never, requestOptions);
      const { data, requestId, response } = await call.withResponse();
      return { kind: "done", response: data, requestId, headers: response.headers };
    } catch (error) {
      return { kind: "error", error };
    }
  };

  const settle = (pending: Pending, outcome: Attempt) => {
    const { line, attempts } = pending;
    if (outcome.kind === "done") {
      throttle.onAnswer(readRateLimits(outcome.headers), outcome.response.usage?.total_tokens);
      reportThrottle();
      finished.push({
        line,
        status: "done",
        response: outcome.response,
        requestId: outcome.requestId,
        attempts,
      });
      return;
    }
    const { error } = outcome;
    if (cancel.signal.aborted) {
      finished.push({ line, status: "cancelled", error: describeError(error), attempts });
      return;
    }
    const api = isImagesAPIError(error) ? error : undefined;
    if (api) {
      const info = readRateLimits(api.headers);
      if (api.status === 429) throttle.onRateLimited(retryDelay(api.headers, attempts - 1, now()), info);
      else throttle.onAnswer(info);
      reportThrottle();
    }
    const retryable = api
      ? shouldRetryResponse(api.status, api.headers)
      : isImagesConnectionError(error) || isImagesTimeoutError(error);
    if (retryable && attempts <= maxRetries && !stopped()) {
      // A 429 pauses every start (the throttle); other failures back off this line alone.
      const wait = api?.status === 429 ? 0 : retryDelay(api?.headers, attempts - 1, now());
      retries.push({ line, attempts, readyAt: now() + wait });
      return;
    }
    finished.push({
      line,
      status: "failed",
      requestId: api?.requestId,
      error: describeError(error),
      attempts,
    });
  };

  const onStop = () => notify();
  options.stopSignal?.addEventListener("abort", onStop, { once: true });
  try {
    pump();
    for (;;) {
      const result = finished.shift();
      if (result) {
        yield result;
        pump();
        continue;
      }
      if (stopped() && timer !== undefined) {
        clearTimeout(timer);
        timer = undefined;
      }
      if (active === 0 && timer === undefined) {
        // Nothing in flight and nothing scheduled: start more, or the run is over.
        pump();
        if (active === 0 && timer === undefined && finished.length === 0) return;
        continue;
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    options.signal?.removeEventListener("abort", onCancel);
    options.stopSignal?.removeEventListener("abort", onStop);
    if (active > 0) cancel.abort(new Error("generateMany: the consumer stopped iterating"));
  }
}

/** The manifest form of an error: stable fields, the message, nothing else (headers may carry ids only). */
export function describeError(error: unknown): LineError {
  if (isImagesAPIError(error)) {
    return {
      message: error.message,
      status: error.status,
      ...(error.code ? { code: error.code } : {}),
      ...(error.type ? { type: error.type } : {}),
      ...(error.param ? { param: error.param } : {}),
    };
  }
  if (isImagesValidationError(error)) {
    return { message: error.message, code: "invalid_request", param: error.param };
  }
  return { message: error instanceof Error ? error.message : String(error) };
}

/** Writing answers the way the API does, or the way faults break them: event streams and reset bodies. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type { FaultPlan } from "./faults.js";
import { frameEvent, type StreamEvent } from "./operations.js";

/** What a stream needs from its server. */
export interface StreamContext {
  /** Fires when the server closes: the stream stops. */
  signal: AbortSignal;
  /** Pause between events in ms (0: just yield). */
  intervalMs: number;
  /** Checks one event against the spec before it is sent. */
  check: (event: unknown) => void;
}

/**
 * Streams events as server-sent events, honouring the stream faults of `plan`: `reset` (half of the
 * first frames, then a TCP reset), `stream-cut` and `stream-error` (both before the first completed
 * event).
 */
export async function sendStream(
  req: IncomingMessage,
  res: ServerResponse,
  events: StreamEvent[],
  plan: FaultPlan,
  context: StreamContext,
): Promise<void> {
  const { signal, intervalMs, check } = context;
  const headers = { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" };
  if (plan.reset) {
    const firstFrame = events[0] ? frameEvent(events[0]) : "";
    await resetMidBody(req, res, headers, firstFrame + firstFrame);
    return;
  }
  // Faults that end a stream early do so before the first completed event.
  const firstCompleted = events.findIndex((e) => e.type.endsWith(".completed"));
  const cutAt = plan.streamCutAfter !== undefined ? Math.min(plan.streamCutAfter, firstCompleted) : undefined;
  const errorAt = plan.streamError
    ? Math.min(plan.streamError.after ?? firstCompleted, firstCompleted)
    : undefined;
  res.writeHead(200, headers);
  res.flushHeaders();
  for (const [i, event] of events.entries()) {
    if (res.destroyed || signal.aborted) break;
    if (i === cutAt) break;
    if (i === errorAt && plan.streamError) {
      const { code, message } = plan.streamError;
      res.write(
        frameEvent({
          type: "error",
          data: { type: "error", error: { type: "server_error", code, message, param: null } },
        }),
      );
      break;
    }
    check(event.data);
    // A client that stops reading (or leaves) must not pin the handler: wait for drain or close.
    if (!res.write(frameEvent(event))) {
      await new Promise((r) => {
        res.once("drain", r);
        res.once("close", r);
      });
    }
    // Yield between events so each goes out on its own, as a real stream's do.
    if (intervalMs > 0) await sleep(intervalMs, undefined, { signal }).catch(() => {});
    else await new Promise((r) => setImmediate(r));
  }
  res.end();
}

/** Sends the headers and half the body, then resets the TCP connection. */
export async function resetMidBody(
  req: IncomingMessage,
  res: ServerResponse,
  headers: Record<string, string>,
  body: string,
): Promise<void> {
  const bytes = Buffer.from(body);
  res.writeHead(200, { ...headers, "content-length": String(bytes.length) });
  await new Promise<void>((resolve) =>
    res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => resolve()),
  );
  // Give the kernel a moment to hand the half body to the peer before the RST discards the rest.
  await sleep(10);
  req.socket.resetAndDestroy();
}

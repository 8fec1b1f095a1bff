/**
 * Fixtures and a loopback SSE server for streaming.test.ts. Large fixtures are generated here from a
 * seeded PRNG instead of being committed.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export type LineEnding = "\n" | "\r\n" | "\r";

export { prng } from "./support/prng.js";

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** A base64-looking string of `length` characters (a multiple of 4 decodes cleanly). */
export function fakeBase64(length: number, random: () => number): string {
  const chars = new Array<string>(length);
  for (let i = 0; i < length; i++) chars[i] = B64[Math.floor(random() * 64)] as string;
  return chars.join("");
}

const common = {
  background: "opaque",
  created_at: 1_713_833_628,
  output_format: "png",
  quality: "low",
  size: "1024x1024",
};
const usage = {
  total_tokens: 100,
  input_tokens: 50,
  output_tokens: 50,
  input_tokens_details: { text_tokens: 10, image_tokens: 40 },
};

export function partialEvent(
  index: number,
  b64: string,
  kind: "generate" | "edit" = "generate",
): Record<string, unknown> {
  const type = kind === "generate" ? "image_generation.partial_image" : "image_edit.partial_image";
  return { type, b64_json: b64, ...common, partial_image_index: index };
}

export function completedEvent(b64: string, kind: "generate" | "edit" = "generate"): Record<string, unknown> {
  const type = kind === "generate" ? "image_generation.completed" : "image_edit.completed";
  return { type, b64_json: b64, ...common, usage };
}

/** One SSE frame: `event:` + `data:` + blank line, with the given line ending. */
export function frame(
  event: Record<string, unknown> | string,
  eol: LineEnding = "\n",
  name?: string,
): string {
  const data = typeof event === "string" ? event : JSON.stringify(event);
  const type = name ?? (typeof event === "string" ? undefined : (event.type as string | undefined));
  return `${type ? `event: ${type}${eol}` : ""}data: ${data}${eol}${eol}`;
}

/**
 * A small stream exercising the grammar: comments and keep-alives, an `id:` field, a `retry:` field,
 * `data:` without a space, multibyte UTF-8 (split mid-character by the byte-boundary test), and an
 * unknown event type that must be passed through.
 */
export function smallFixture(eol: LineEnding): { wire: Uint8Array; events: Record<string, unknown>[] } {
  const partial = { ...partialEvent(0, "iVBORw0KGgo="), note: "otter 🦦 naïve — 水獺" };
  const unknown = { type: "image_generation.future_thing", detail: "ü" };
  const completed = completedEvent("iVBORw0KGgoAAAANSUhEUg==");
  const text = [
    `: keep-alive${eol}`,
    `:${eol}`,
    `retry: 3000${eol}`,
    `id: 1${eol}`,
    frame(partial, eol),
    `: ping 🦦${eol}${eol}`,
    `event: image_generation.future_thing${eol}data:${JSON.stringify(unknown)}${eol}${eol}`,
    frame(completed, eol),
  ].join("");
  return { wire: new TextEncoder().encode(text), events: [partial, unknown, completed] };
}

export interface Observed {
  /** Resolves when the server-side socket of the request closes. */
  socketClosed: Promise<void>;
  req: IncomingMessage;
  res: ServerResponse;
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** A real HTTP server on 127.0.0.1, port 0; each test sets `handler`. */
export interface LoopbackServer {
  url: string;
  handler: Handler;
  /** Every request seen, in order, with a promise for its socket's close. */
  requests: Observed[];
  close(): Promise<void>;
}

export async function startLoopbackServer(): Promise<LoopbackServer> {
  const sockets = new Set<Socket>();
  const state: LoopbackServer = {
    url: "",
    handler: (_req, res) => {
      res.writeHead(500).end();
    },
    requests: [],
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer((req, res) => {
    const socketClosed = new Promise<void>((resolve) => {
      if (req.socket.destroyed) resolve();
      else req.socket.once("close", () => resolve());
    });
    state.requests.push({ socketClosed, req, res });
    void Promise.resolve(state.handler(req, res)).catch((err: unknown) => {
      res.destroy(err as Error);
    });
  });
  // Tests build large fixtures synchronously between requests; a short keep-alive could close a
  // pooled connection just as the client reuses it (ECONNRESET). close() destroys sockets anyway.
  server.keepAliveTimeout = 60_000;
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

export const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "x-request-id": "req_stream_1",
};

/** Writes `chunk`, waiting for the socket to drain so multi-megabyte bodies keep backpressure. */
export function write(res: ServerResponse, chunk: Uint8Array | string): Promise<void> {
  return new Promise((resolve, reject) => {
    const ok = res.write(chunk, (err) => {
      if (err) reject(err);
    });
    if (ok) resolve();
    else res.once("drain", () => resolve());
  });
}

/**
 * Counts the bytes the client has received. The server waits on it before sending the next piece,
 * so every piece reaches the parser as its own chunk: the splits under test really happen, instead of
 * being merged by TCP.
 */
export function createByteTap(): {
  stream: TransformStream<Uint8Array, Uint8Array>;
  until(bytes: number): Promise<void>;
} {
  let received = 0;
  const waiters: { bytes: number; resolve: () => void }[] = [];
  const stream = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      received += chunk.byteLength;
      controller.enqueue(chunk);
      for (let i = waiters.length - 1; i >= 0; i--) {
        const waiter = waiters[i] as (typeof waiters)[number];
        if (waiter.bytes <= received) {
          waiters.splice(i, 1);
          waiter.resolve();
        }
      }
    },
  });
  return {
    stream,
    until: (bytes) =>
      bytes <= received
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiters.push({ bytes, resolve })),
  };
}

/** Splits `bytes` at the given offsets. */
export function splitAt(bytes: Uint8Array, offsets: readonly number[]): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  let start = 0;
  for (const offset of offsets) {
    pieces.push(bytes.subarray(start, offset));
    start = offset;
  }
  pieces.push(bytes.subarray(start));
  return pieces.filter((p) => p.byteLength > 0);
}

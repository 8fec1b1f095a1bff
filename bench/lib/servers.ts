/**
 * The loopback servers every client is measured against. They are deliberately minimal and identical
 * for both clients: no validation, no image work, so the numbers are about the clients and not the server.
 * They run in the orchestrator process; the clients run in child processes.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface BenchServer {
  /** Base URL ending in `/v1`, as both clients expect. */
  url: string;
  /** Request bodies received so far, in bytes (lets the upload measure check every byte arrived). */
  bytesReceived(): number;
  close(): Promise<void>;
}

/** A real 1×1 PNG, so the "tiny valid ImagesResponse" carries an image that decodes. */
const TINY_PNG_B64 =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

const USAGE = {
  input_tokens: 50,
  input_tokens_details: { image_tokens: 40, text_tokens: 10 },
  output_tokens: 50,
  total_tokens: 100,
};

/** The same small `ImagesResponse` body for every JSON answer (generate and edit). */
export const TINY_RESPONSE = Buffer.from(
  JSON.stringify({
    created: 1_700_000_000,
    background: "opaque",
    data: [{ b64_json: TINY_PNG_B64 }],
    output_format: "png",
    quality: "low",
    size: "1024x1024",
    usage: USAGE,
  }),
);

let requestCounter = 0;

function drain(req: IncomingMessage, count: (n: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    req.on("data", (chunk: Buffer) => count(chunk.length));
    req.on("end", resolve);
    req.on("error", reject);
  });
}

async function listen(
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  received: { bytes: number },
): Promise<BenchServer> {
  const server: Server = createServer((req, res) => {
    handler(req, res).catch((error: unknown) => {
      res.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  });
  // A slow consumer may still be parsing a finished response when it reuses the keep-alive socket; with
  // Node's 5 s default the server could close that socket at the same moment (ECONNRESET on the client).
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    bytesReceived: () => received.bytes,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/**
 * Reads and discards every request body, then answers the tiny `ImagesResponse`. Used for uploads
 * (so that parsing multipart does not enter the numbers) and for throughput.
 */
export function startJsonServer(): Promise<BenchServer> {
  const received = { bytes: 0 };
  return listen(async (req, res) => {
    await drain(req, (n) => {
      received.bytes += n;
    });
    res.writeHead(200, {
      "content-type": "application/json",
      "content-length": TINY_RESPONSE.length,
      "x-request-id": `req_bench_${++requestCounter}`,
    });
    res.end(TINY_RESPONSE);
  }, received);
}

/** Base64 text of exactly `chars` characters (random bytes, so nothing downstream can shortcut it). */
function base64OfLength(chars: number): string {
  const text = randomBytes(Math.ceil((chars * 3) / 4)).toString("base64");
  return text.slice(0, chars - (chars % 4));
}

/**
 * The whole SSE answer of a streamed generation: `partials` partial-image events and one completed
 * event, each carrying `b64Chars` of base64 on a single `data:` line, framed as the API frames them.
 */
export function buildStreamPayload(partials: number, b64Chars: number): Buffer {
  const common = {
    background: "opaque",
    created_at: 1_700_000_000,
    output_format: "png",
    quality: "high",
    size: "1024x1024",
  };
  const frames: string[] = [];
  for (let index = 0; index < partials; index++) {
    const event = {
      type: "image_generation.partial_image",
      b64_json: base64OfLength(b64Chars),
      ...common,
      partial_image_index: index,
    };
    frames.push(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
  }
  const completed = {
    type: "image_generation.completed",
    b64_json: base64OfLength(b64Chars),
    ...common,
    usage: USAGE,
  };
  frames.push(`event: ${completed.type}\ndata: ${JSON.stringify(completed)}\n\n`);
  return Buffer.from(frames.join(""));
}

/** Loopback writes are split like a socket would split them, honouring backpressure. */
const WRITE_CHUNK = 64 * 1024;

/** Answers every request with `payload` as `text/event-stream`. */
export function startStreamServer(payload: Buffer): Promise<BenchServer> {
  const received = { bytes: 0 };
  return listen(async (req, res) => {
    await drain(req, (n) => {
      received.bytes += n;
    });
    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache",
      "x-request-id": `req_bench_${++requestCounter}`,
    });
    for (let offset = 0; offset < payload.length; offset += WRITE_CHUNK) {
      if (res.destroyed) return;
      if (!res.write(payload.subarray(offset, offset + WRITE_CHUNK))) {
        await new Promise<void>((resolve) => {
          const done = () => {
            res.off("drain", done);
            res.off("close", done);
            resolve();
          };
          res.on("drain", done);
          res.on("close", done);
        });
      }
    }
    res.end();
  }, received);
}

/**
 * A real HTTP server on 127.0.0.1 for the client tests: records every request (method, URL, headers,
 * raw body) and answers with whatever the test's handler decides. Multipart bodies are parsed with
 * busboy, an independent parser, so the tests check our encoder against someone else's reading.
 */
import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import busboy from "busboy";
import { afterAll, afterEach, beforeAll } from "vitest";

export interface Recorded {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: Buffer;
}

export type Handler = (req: Recorded, res: ServerResponse) => void | Promise<void>;

export interface Loopback {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** `origin + "/v1"` */
  baseUrl: string;
  requests: Recorded[];
  /** Replaces the handler. */
  handle(handler: Handler): void;
  close(): Promise<void>;
}

/** JSON answer helper. */
export function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export const OK_BODY = { created: 1713833628, data: [{ b64_json: "aGVsbG8=" }] };

export async function startLoopback(
  handler: Handler = (_req, res) => json(res, 200, OK_BODY),
): Promise<Loopback> {
  let current = handler;
  const requests: Recorded[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const recorded: Recorded = {
      method: req.method ?? "",
      url: req.url ?? "",
      headers: req.headers,
      body: Buffer.concat(chunks),
    };
    requests.push(recorded);
    try {
      await current(recorded, res);
    } catch (err) {
      if (!res.headersSent) json(res, 599, { error: { message: String(err), type: "test_server" } });
    }
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    baseUrl: `${origin}/v1`,
    requests,
    handle(next) {
      current = next;
    },
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}

export interface Part {
  name: string;
  value?: string;
  filename?: string | undefined;
  contentType?: string;
  bytes?: Buffer;
}

/** Parses a recorded multipart request with busboy, keeping the parts' order. */
export async function parseMultipart(req: Recorded): Promise<Part[]> {
  const parts: Part[] = [];
  const parser = busboy({ headers: req.headers, preservePath: true });
  const filesDone: Promise<void>[] = [];
  parser.on("field", (name, value) => parts.push({ name, value }));
  parser.on("file", (name, stream, info) => {
    const part: Part = { name, filename: info.filename, contentType: info.mimeType };
    parts.push(part);
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    filesDone.push(
      new Promise((resolve) =>
        stream.on("end", () => {
          part.bytes = Buffer.concat(chunks);
          resolve();
        }),
      ),
    );
  });
  const finished = once(parser, "close");
  parser.end(req.body);
  await finished;
  await Promise.all(filesDone);
  return parts;
}

/** A 1x1 (or w×h) PNG header with the given colour type; enough for header-only inspection. */
export function pngBytes(
  options: { width?: number; height?: number; colourType?: number; tRNS?: boolean } = {},
) {
  const { width = 1, height = 1, colourType = 6, tRNS = false } = options;
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = colourType;
  const chunks = [chunk("IHDR", ihdr)];
  if (tRNS) chunks.push(chunk("tRNS", Buffer.from([0, 0])));
  chunks.push(chunk("IDAT", Buffer.from([0x78, 0x9c, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01])));
  chunks.push(chunk("IEND", Buffer.alloc(0)));
  return bytes(Buffer.concat([sig, ...chunks]));
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length, 0);
  // CRCs are not checked by header readers; zeros keep the fixture short.
  return Buffer.concat([len, Buffer.from(type, "ascii"), data, Buffer.alloc(4)]);
}

/** A minimal baseline JPEG header (SOI, SOF0 with the size). */
export function jpegBytes(width = 2, height = 3) {
  const sof = Buffer.from([
    0xff, 0xc0, 0x00, 0x11, 0x08, 0, 0, 0, 0, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1,
  ]);
  sof.writeUInt16BE(height, 5);
  sof.writeUInt16BE(width, 7);
  return bytes(Buffer.concat([Buffer.from([0xff, 0xd8]), sof, Buffer.from([0xff, 0xd9])]));
}

/** A minimal lossless WebP header (`VP8L`), with or without the alpha bit. */
export function webpBytes(width = 4, height = 5, alpha = true) {
  const vp8l = Buffer.alloc(5);
  vp8l[0] = 0x2f;
  const bits = ((width - 1) & 0x3fff) | (((height - 1) & 0x3fff) << 14) | ((alpha ? 1 : 0) << 28);
  vp8l.writeUInt32LE(bits >>> 0, 1);
  const chunkHeader = Buffer.concat([Buffer.from("VP8L"), u32le(vp8l.length)]);
  const body = Buffer.concat([Buffer.from("WEBP"), chunkHeader, vp8l, Buffer.alloc(1)]);
  return bytes(Buffer.concat([Buffer.from("RIFF"), u32le(body.length), body]));
}

/** A copy that owns a plain ArrayBuffer, which is what `BlobPart` asks for. */
function bytes(buffer: Buffer): Uint8Array<ArrayBuffer> {
  return new Uint8Array(buffer);
}

function u32le(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n, 0);
  return b;
}

/**
 * One loopback server for the calling test file: started in `beforeAll`, closed in `afterAll`, and reset
 * after each test (recorded requests cleared, handler back to a 200 `OK_BODY` answer). The server only
 * exists once `beforeAll` has run, so the returned object forwards to it rather than being it.
 */
export function useLoopback(): Loopback {
  let current: Loopback | undefined;
  beforeAll(async () => {
    current = await startLoopback();
  });
  afterAll(() => current?.close());
  afterEach(() => {
    if (!current) return;
    current.requests.length = 0;
    current.handle((_req, res) => json(res, 200, OK_BODY));
  });
  return new Proxy({} as Loopback, {
    get(_target, key) {
      if (!current) throw new Error("useLoopback(): the server starts in beforeAll; use it inside tests");
      const value: unknown = Reflect.get(current, key);
      return typeof value === "function" ? value.bind(current) : value;
    },
  });
}

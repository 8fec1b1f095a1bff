/** Small helpers for answering like the Images API: JSON bodies, the error shape, request ids. */
import { randomBytes } from "node:crypto";
import { type IncomingMessage, type ServerResponse, STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";

/** The body of every error the API sends. */
export interface ApiErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

/**
 * An error the server answers with: its status, body (the API's error shape) and extra headers.
 * Thrown by any step of a request and mapped to its answer in one place; an `Error`, so a stack trace
 * shows where a refusal came from.
 */
export class HttpFailure extends Error {
  override name = "HttpFailure";
  readonly status: number;
  /** `null`: an answer without a body (OpenAI's bare 404 for the retired variations endpoint). */
  readonly body: ApiErrorBody | null;
  readonly headers: Record<string, string> | undefined;
  constructor(status: number, body: ApiErrorBody | null, headers?: Record<string, string>) {
    super(body?.error.message ?? `HTTP ${status}`);
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

/** Builds an {@link HttpFailure}; `type` defaults to the API's usual `invalid_request_error`. */
export function failure(
  status: number,
  message: string,
  options: {
    param?: string | null;
    code?: string | null;
    type?: string;
    headers?: Record<string, string>;
  } = {},
): HttpFailure {
  return new HttpFailure(
    status,
    {
      error: {
        message,
        type: options.type ?? "invalid_request_error",
        param: options.param ?? null,
        code: options.code ?? null,
      },
    },
    options.headers,
  );
}

/** Sends an {@link HttpFailure}: its JSON body, or an empty body when it has none. */
export function sendFailure(res: ServerResponse, f: HttpFailure): void {
  if (f.body === null) {
    res.writeHead(f.status, { ...f.headers, "content-length": "0" });
    res.end();
    return;
  }
  sendJson(res, f.status, f.body, f.headers);
}

/** True for values thrown as {@link HttpFailure}. */
export function isHttpFailure(value: unknown): value is HttpFailure {
  return value instanceof HttpFailure;
}

/** A fresh id in the API's `req_…` style. */
export function newRequestId(): string {
  return `req_${randomBytes(16).toString("hex")}`;
}

/** Sends a JSON body with its length. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(text)),
  });
  res.end(text);
}

/**
 * Reads the whole request body, refusing more than `limit` bytes with a 413 at the first byte past
 * it (or at once, when `Content-Length` already says so): a refused body is never held whole.
 * Rejects with a 400 when the client goes away before the body ends.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = declaredLength(req);
    if (declared !== undefined && declared > limit) {
      reject(tooLarge(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (f: HttpFailure | undefined, body?: Buffer) => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("close", onClose);
      if (f) {
        // Stop reading; the caller answers, then decides what happens to the rest of the upload.
        req.pause();
        chunks.length = 0;
        reject(f);
      } else resolve(body ?? Buffer.alloc(0));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) stop(tooLarge(limit));
      else chunks.push(chunk);
    };
    const onEnd = () => stop(undefined, Buffer.concat(chunks));
    const onClose = () => {
      if (!req.complete) stop(bodyCutShort());
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("close", onClose);
  });
}

/** The `Content-Length` a request declares, when it declares a valid one. */
export function declaredLength(req: IncomingMessage): number | undefined {
  const header = req.headers["content-length"];
  if (header === undefined || !/^\d+$/.test(header)) return undefined;
  return Number(header);
}

/** The 400 for a request whose client went away before the end of its body (nobody reads it). */
export function bodyCutShort(): HttpFailure {
  return failure(400, "The request body ended early: the connection closed.", { code: "incomplete_body" });
}

/** The 413 for a body or file over a limit. */
export function tooLarge(limit: number, what = "Request body"): HttpFailure {
  return failure(413, `${what} is too large: the limit is ${limit} bytes.`, { code: "request_too_large" });
}

/**
 * How much of a refused body the server reads and drops, so that a client still writing reads the
 * answer rather than a reset. Enough for what is in flight when the answer goes out; after that the
 * connection is cut. Dropped bytes are garbage until collected, so this also bounds memory.
 */
export const DISCARD_BYTES = 8 * 1024 * 1024;

/**
 * Reads and discards the rest of a request body, so an early answer does not break the upload.
 * Resolves `true` once the body has ended (or the connection closed), or `false` as soon as more
 * than `maxBytes` arrived: a body that long is not worth reading to its end.
 */
export function drain(req: IncomingMessage, maxBytes = DISCARD_BYTES): Promise<boolean> {
  return new Promise((resolve) => {
    if (req.readableEnded) {
      resolve(true);
      return;
    }
    let dropped = 0;
    const done = (ended: boolean) => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("close", onEnd);
      if (!ended) req.pause();
      resolve(ended);
    };
    const onData = (chunk: Buffer) => {
      dropped += chunk.length;
      if (dropped > maxBytes) done(false);
    };
    const onEnd = () => done(true);
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("close", onEnd);
  });
}

/**
 * After an early answer (a 413 part-way through an upload): reads and drops up to `maxBytes` more,
 * so the client can finish writing and read the answer, then cuts the connection. An endless upload
 * costs at most `maxBytes` more, never memory.
 */
export function discardRest(req: IncomingMessage, maxBytes = DISCARD_BYTES): void {
  if (req.complete) return;
  let dropped = 0;
  req.removeAllListeners("data");
  req.on("data", (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > maxBytes) req.socket.destroy();
  });
  req.resume();
}

/** Statuses for the errors Node's HTTP parser reports before a request reaches the handler. */
const CLIENT_ERRORS: Record<string, { status: number; message: string }> = {
  HPE_HEADER_OVERFLOW: { status: 431, message: "The request headers are too large." },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, message: "The request took too long to arrive." },
  HPE_CHUNK_EXTENSIONS_OVERFLOW: { status: 413, message: "The request's chunk extensions are too large." },
};

/**
 * A server's `clientError` listener: answers a request Node's parser refused (malformed, too large,
 * too slow) with the API's error shape, then closes the connection.
 */
export function answerClientError(err: Error & { code?: string }, socket: Duplex): void {
  // Node's own rule: a reset socket gets nothing, nor one whose answer has begun.
  const answering = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (err.code === "ECONNRESET" || !socket.writable || answering?.headersSent) {
    socket.destroy();
    return;
  }
  const known = (err.code && CLIENT_ERRORS[err.code]) || {
    status: 400,
    message: "The request is not valid HTTP.",
  };
  const text = JSON.stringify(failure(known.status, known.message).body);
  socket.end(
    `HTTP/1.1 ${known.status} ${STATUS_CODES[known.status] ?? ""}\r\n` +
      "content-type: application/json\r\n" +
      `content-length: ${Buffer.byteLength(text)}\r\n` +
      "connection: close\r\n\r\n" +
      text,
    // Once the answer is out, the connection is done whatever the client still sends.
    () => socket.destroy(),
  );
}

/** Small helpers for answering like the Images API: JSON bodies, the error shape, request ids. */
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

/** The body of every error the API sends. */
export interface ApiErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

/** An error the server answers with: its status, body and extra headers. */
export interface HttpFailure {
  status: number;
  body: ApiErrorBody;
  headers?: Record<string, string>;
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
  return {
    status,
    body: {
      error: {
        message,
        type: options.type ?? "invalid_request_error",
        param: options.param ?? null,
        code: options.code ?? null,
      },
    },
    ...(options.headers ? { headers: options.headers } : {}),
  };
}

/** True for values thrown as {@link HttpFailure}. */
export function isHttpFailure(value: unknown): value is HttpFailure {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as HttpFailure).status === "number" &&
    typeof (value as HttpFailure).body?.error?.message === "string"
  );
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
 * Reads the whole request body, refusing more than `limit` bytes with a 413 (after which the
 * connection is closed: the rest of the upload is not worth reading).
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"]);
    if (Number.isFinite(declared) && declared > limit) {
      reject(tooLarge(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners("data");
        req.pause();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** The 413 for a body or file over a limit. */
export function tooLarge(limit: number, what = "Request body"): HttpFailure {
  return failure(413, `${what} is too large: the limit is ${limit} bytes.`, { code: "request_too_large" });
}

/** Reads and discards the rest of a request body, so an early answer does not break the upload. */
export function drain(req: IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    if (req.readableEnded) {
      resolve();
      return;
    }
    req.on("end", resolve);
    req.on("error", () => resolve());
    req.on("close", resolve);
    req.resume();
  });
}

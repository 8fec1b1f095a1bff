/**
 * What every transport is wrapped in, whichever it is (`globalThis.fetch`, the Node transport, a
 * `fetch` passed by the caller), so they all behave alike:
 * - Redirects are never followed. Each request goes out with `redirect: "manual"`, and a redirect
 *   (a 3xx with a `Location`, or a browser's opaque redirect) becomes an {@link ImagesAPIError} with
 *   its `location`: no credential, header or upload is ever sent to the address it names.
 * - Error bodies are read up to {@link MAX_ERROR_BODY_BYTES}; the rest is never read (a 50 MB HTML
 *   502 page costs 64 KiB, not 50 MB and a 52-million-character message).
 * - A transport that throws becomes an {@link ImagesConnectionError}; aborts pass through untouched.
 *
 * Errors thrown here leave through the redaction point (`redactError`).
 */
import type { FetchLike } from "./client.js";
import { ImagesAPIError, ImagesConnectionError } from "./errors.js";
import { redactError } from "./redact.js";

/**
 * The most bytes of an error body (a non-2xx answer) the client reads. What was read is kept in
 * `ImagesAPIError.error` (and `bodyTruncated` is set when there was more); the rest is discarded
 * unread. The API's own error bodies are a few hundred bytes.
 */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;

// Capped error responses whose server had sent more than the cap.
const truncatedBodies = new WeakSet<Response>();

/** What the client may pass a transport beside the request: the attempt's signal and the encoded body. */
export interface TransportInit {
  signal?: AbortSignal | undefined;
  body?: string | Blob | undefined;
}

/** A transport as the client calls it; `init` is only given to a {@link takesInit} transport. */
export type GuardedFetch = (request: Request, init?: TransportInit) => Promise<Response>;

/**
 * The mark of a transport that honours `transport(request, { signal, body })` the way `fetch(request,
 * init)` does (they replace the request's own) without copying the request: the Node transport. A
 * registered symbol, so the mark holds across separately bundled entries.
 */
export const TAKES_INIT: unique symbol = Symbol.for("openai-images.transport.takes-init");

/**
 * Whether the client may hand `transport` each attempt's signal and the encoded body beside a Request
 * built without them. It matters for memory in long runs: a signal given to Node's `Request` is tied to
 * it through a WeakRef and a FinalizationRegistry entry that only a full garbage collection clears (so
 * every request left its signal, a listener and an inner AbortController in the old generation until
 * then), and a body given to it becomes a web stream that the transport must read back chunk by chunk.
 */
export function takesInit(transport: unknown): boolean {
  return (transport as { [TAKES_INIT]?: unknown } | undefined)?.[TAKES_INIT] === true;
}

/**
 * Wraps a transport (see the module comment). `secrets` is read when an error is built, so a
 * bearer token fetched during the request is redacted too.
 *
 * @example
 * const fetch = guardTransport((request) => globalThis.fetch(request), secrets);
 */
export function guardTransport(transport: FetchLike, secrets: Iterable<string>): GuardedFetch {
  const send = transport as GuardedFetch;
  return async (request, init) => {
    const outgoing = request.redirect === "manual" ? request : new Request(request, { redirect: "manual" });
    try {
      const response = await (init ? send(outgoing, init) : send(outgoing));
      if (isRedirect(response)) throw await redirectError(request, response);
      return response.status >= 400 ? await capErrorBody(response) : response;
    } catch (err) {
      if ((init?.signal ?? request.signal).aborted) throw err;
      if (err instanceof ImagesAPIError) throw redactError(err, secrets);
      const code = errorCode(err);
      throw redactError(
        new ImagesConnectionError(
          `${request.method} ${pathOf(request.url)}: connection failed${code ? ` (${code})` : ""}`,
          { cause: err },
        ),
        secrets,
      );
    }
  };
}

/** Whether a response from {@link guardTransport} had its error body cut at {@link MAX_ERROR_BODY_BYTES}. */
export function errorBodyWasTruncated(response: Response): boolean {
  return truncatedBodies.has(response);
}

/**
 * Reads at most `cap` bytes of a body, then cancels the rest (which is never downloaded further).
 *
 * @example
 * const { bytes, truncated } = await readCapped(response, MAX_ERROR_BODY_BYTES);
 */
export async function readCapped(
  response: Response,
  cap: number,
): Promise<{ bytes: Uint8Array<ArrayBuffer>; truncated: boolean }> {
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  try {
    while (reader && size <= cap) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value as Uint8Array<ArrayBuffer>);
      size += value.byteLength;
    }
  } finally {
    if (size > cap) await reader?.cancel().catch(() => {});
    else reader?.releaseLock();
  }
  return {
    bytes: new Uint8Array(await new Blob(chunks).slice(0, cap).arrayBuffer()),
    truncated: size > cap,
  };
}

/**
 * Reads an error body (at most {@link MAX_ERROR_BODY_BYTES}): its JSON, else its text, else
 * `undefined` when empty.
 */
export async function readErrorBody(response: Response): Promise<{ body: unknown; truncated: boolean }> {
  const { bytes, truncated } = await readCapped(response, MAX_ERROR_BODY_BYTES);
  const text = new TextDecoder().decode(bytes);
  let body: unknown = text || undefined;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: the text itself
  }
  return { body, truncated };
}

/** The path of a URL, for messages: never the host's credentials or the query. */
export function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url.split("?")[0] ?? url;
  }
}

function isRedirect(response: Response): boolean {
  if (response.type === "opaqueredirect") return true;
  return response.status >= 300 && response.status < 400 && response.headers.has("location");
}

async function redirectError(request: Request, response: Response): Promise<ImagesAPIError> {
  const { body, truncated } = await readErrorBody(response);
  const location = response.headers.get("location");
  return new ImagesAPIError({
    // A browser's opaque redirect has status 0; any redirect is reported as a 3xx.
    status: response.status || 302,
    method: request.method,
    path: pathOf(request.url),
    headers: response.headers,
    body,
    bodyTruncated: truncated,
    location: location === null ? undefined : resolve(location, request.url),
  });
}

async function capErrorBody(response: Response): Promise<Response> {
  const { bytes, truncated } = await readCapped(response, MAX_ERROR_BODY_BYTES);
  const headers = new Headers(response.headers);
  // The bytes are what the runtime decoded, and only as many as were read.
  headers.delete("content-encoding");
  headers.set("content-length", String(bytes.byteLength));
  const capped = new Response(bytes, { status: response.status, statusText: response.statusText, headers });
  if (truncated) truncatedBodies.add(capped);
  return capped;
}

function resolve(location: string, base: string): string {
  try {
    return new URL(location, base).href;
  } catch {
    return location;
  }
}

function errorCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * A `fetch`-compatible transport over `node:http`/`node:https`, for two problems of Node's built-in
 * fetch (undici) measured on Node 20:
 * - it does not hold back a streamed request body: a 400 MB upload grows RSS by about 420 MB,
 *   whether sent as FormData of disk-backed blobs or as a ReadableStream. Here each chunk is
 *   written only after the socket drained the previous one, so memory stays flat.
 * - it has 5-minute headers and body timeouts of its own (openai-node #2153), shorter than a slow
 *   high-quality generation. Here there are no timers at all: the client's `timeout` and the
 *   caller's `signal` are the only limits.
 */
import type * as http from "node:http";
import type * as https from "node:https";
import type { Readable } from "node:stream";
import { TAKES_INIT } from "../transport-guard.js";
import { nodeHttp, nodeHttps, nodeZlib } from "./builtins.js";

/** Options of {@link createNodeFetch}. */
export interface NodeFetchOptions {
  /** Agent for `http:` URLs. @default a keep-alive agent without socket timeouts */
  httpAgent?: http.Agent | undefined;
  /** Agent for `https:` URLs. @default a keep-alive agent without socket timeouts */
  httpsAgent?: https.Agent | undefined;
}

/** The transport's signature: standard `fetch`. */
export type NodeFetch = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

/** Statuses whose responses have no body by definition (the Response constructor refuses one). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/**
 * Creates the Node transport. Redirects are returned, never followed (the Images API does not
 * redirect); the client turns them into an `ImagesAPIError` with their `location`, as it does for fetch.
 *
 * @example
 * import { createImagesClient } from "openai-images";
 * import { createNodeFetch } from "openai-images/node";
 * const client = createImagesClient({ fetch: createNodeFetch() });
 */
export function createNodeFetch(options: NodeFetchOptions = {}): NodeFetch {
  // Agents are made on the first request of their protocol: creating a client loads no networking.
  let httpAgent = options.httpAgent;
  let httpsAgent = options.httpsAgent;

  const nodeFetch: NodeFetch = (input, init) => {
    // A Request with only a signal and a text or Blob body beside it is sent as it is: no copy of the
    // request, and a text body goes out without a web stream. Like fetch, they replace the request's own.
    const asIs = input instanceof Request && (init === undefined || isSimpleInit(init));
    // `duplex` is required by the Request constructor for stream bodies; harmless otherwise.
    const request = asIs ? input : new Request(input, { ...init, duplex: "half" } as RequestInit);
    const signal = (asIs ? init?.signal : undefined) ?? request.signal;
    if (signal.aborted) return Promise.reject(signal.reason);
    const body = asIs && init?.body != null ? (init.body as string | Blob) : request.body;

    const url = new URL(request.url);
    const secure = url.protocol === "https:";
    if (!secure && url.protocol !== "http:") {
      return Promise.reject(new TypeError(`Unsupported protocol ${url.protocol}`));
    }
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });

    return new Promise<Response>((resolve, reject) => {
      let response: http.IncomingMessage | undefined;
      if (secure) httpsAgent ??= new (nodeHttps().Agent)({ keepAlive: true });
      else httpAgent ??= new (nodeHttp().Agent)({ keepAlive: true });
      const req = (secure ? nodeHttps() : nodeHttp()).request(url, {
        method: request.method,
        headers,
        agent: secure ? httpsAgent : httpAgent,
      });

      const onAbort = () => {
        const reason = signal.reason;
        // Before the answer: reject. After: fail the body the caller is reading.
        if (response) response.destroy(reason instanceof Error ? reason : new Error(String(reason)));
        req.destroy();
        reject(reason);
      };
      signal.addEventListener("abort", onAbort, { once: true });
      const done = () => signal.removeEventListener("abort", onAbort);

      req.on("error", (err) => {
        done();
        reject(err);
      });
      req.on("response", (res) => {
        response = res;
        res.on("close", done);
        const status = res.statusCode ?? 0;
        const responseHeaders = new Headers();
        for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
          responseHeaders.append(res.rawHeaders[i] as string, res.rawHeaders[i + 1] as string);
        }
        const responseBody = NULL_BODY.has(status) || request.method === "HEAD" ? null : decoded(res);
        if (responseBody === null) res.resume();
        const result = new Response(responseBody, {
          status,
          statusText: res.statusMessage ?? "",
          headers: responseHeaders,
        });
        Object.defineProperty(result, "url", { value: request.url });
        resolve(result);
      });

      if (typeof body === "string") req.end(body);
      else writeBody(body, req, () => response !== undefined).catch((err) => req.destroy(err));
    });
  };
  // The client may pass each attempt's signal and body in `init` (see `takesInit`).
  return Object.assign(nodeFetch, { [TAKES_INIT]: true });
}

function isSimpleInit(init: RequestInit): boolean {
  for (const key in init) if (key !== "signal" && key !== "body") return false;
  return init.body == null || typeof init.body === "string" || init.body instanceof Blob;
}

/**
 * Streams the request body with backpressure: the next chunk is read only once the socket took
 * the last one. Stops quietly when the server answered early (e.g. a 400 before the upload ended).
 */
async function writeBody(
  body: Blob | ReadableStream<Uint8Array> | null,
  req: http.ClientRequest,
  answered: () => boolean,
): Promise<void> {
  if (!body) {
    req.end();
    return;
  }
  const reader = (body instanceof Blob ? body.stream() : body).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (req.destroyed || answered()) {
        await reader.cancel();
        return;
      }
      if (!req.write(value)) await drained(req);
    }
    req.end();
  } finally {
    reader.releaseLock();
  }
}

function drained(req: http.ClientRequest): Promise<void> {
  return new Promise((resolve) => {
    const finish = () => {
      req.off("drain", finish);
      req.off("close", finish);
      resolve();
    };
    req.on("drain", finish);
    req.on("close", finish);
  });
}

/** The response body as a web stream, decompressed when the server compressed it anyway. */
function decoded(res: http.IncomingMessage): ReadableStream<Uint8Array> {
  const encoding = (res.headers["content-encoding"] ?? "").trim().toLowerCase();
  const decoder =
    encoding === "gzip" || encoding === "x-gzip"
      ? nodeZlib().createGunzip()
      : encoding === "deflate"
        ? nodeZlib().createInflate()
        : encoding === "br"
          ? nodeZlib().createBrotliDecompress()
          : undefined;
  let source: Readable = res;
  if (decoder) {
    res.on("error", (err) => decoder.destroy(err));
    source = res.pipe(decoder);
  }
  return webStream(source);
}

/**
 * `source` as a web stream, paused while the reader is behind. Unlike `Readable.toWeb`, which copies
 * every chunk into a new buffer (to detach it from a pool that socket and zlib chunks do not come
 * from), each chunk is passed on as a view of its own bytes.
 */
function webStream(source: Readable): ReadableStream<Uint8Array> {
  let settled = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const fail = (err: unknown) => {
          if (settled) return;
          settled = true;
          controller.error(err);
        };
        source.on("data", (chunk: Buffer) => {
          if (settled) return;
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) source.pause();
        });
        source.on("end", () => {
          if (settled) return;
          settled = true;
          controller.close();
        });
        source.on("error", fail);
        // Closed before its end without an error of its own (a dropped connection): still a failure.
        source.on("close", () => fail(new Error("the response ended before its body was complete")));
        source.pause();
      },
      pull() {
        source.resume();
      },
      cancel(reason) {
        settled = true;
        source.destroy(reason instanceof Error ? reason : undefined);
      },
    },
    { highWaterMark: source.readableHighWaterMark, size: (chunk) => chunk.byteLength },
  );
}

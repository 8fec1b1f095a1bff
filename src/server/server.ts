/**
 * `startImagesServer()`: a local Images API on loopback that validates every request against the
 * OpenAPI document and the model rules, answers with real images, streams like the API, and injects
 * faults on demand. Node only (node:http, busboy, sharp, ajv).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { checkAuth } from "./auth.js";
import { createFileStore } from "./batch-api/file-store.js";
import { createBatchApi } from "./batch-api/routes.js";
import { createFaultBook, FAULT_HEADER, type FaultPlan, type FaultRule, parseFaults } from "./faults.js";
import { drain, failure, type HttpFailure, isHttpFailure, newRequestId, sendJson } from "./http-io.js";
import type { EncodedPicture, PictureFormat } from "./images/pictures.js";
import { createLimiter, QUEUE_FULL } from "./limiter.js";
import type { Operation } from "./model-traits.js";
import type { UploadLimits } from "./multipart.js";
import { buildResponse, buildStreamEvents, render } from "./operations.js";
import { createRateLimiter, type RateLimitOptions } from "./rate-limit.js";
import { createRequestReader } from "./request-input.js";
import { createSpecValidator, type SpecIssue } from "./spec-validator.js";
import { resetMidBody, sendStream } from "./stream-response.js";
import { createUrlStore, FILES_PREFIX } from "./url-store.js";

/** Options of {@link startImagesServer}. */
export interface ImagesServerOptions {
  /** TCP port; `0` picks a free one. @default 0 */
  port?: number | undefined;
  /** Interface to bind. Loopback unless you mean to expose it. @default "127.0.0.1" */
  host?: string | undefined;
  /** When set, the bearer token must equal it (401 `invalid_api_key` otherwise); any non-empty token is accepted when unset. */
  apiKey?: string | undefined;
  /** Faults for every request, as text (`"429; times=2"`) or parsed rules. See the README for the grammar. */
  faults?: string | readonly FaultRule[] | undefined;
  /** Requests rendering at once; more wait in a queue. @default 4 */
  maxConcurrency?: number | undefined;
  /** Requests that may wait for a slot; beyond that the server answers 429. @default 64 */
  maxQueue?: number | undefined;
  /** Upload limits in bytes; the defaults are the API's own (50 MB per image, 4 MB per mask). */
  limits?: Partial<UploadLimits & { jsonBytes: number }> | undefined;
  /** Largest picture (width × height) the server draws. @default 3840 × 2160 */
  maxPixels?: number | undefined;
  /** How long `response_format: "url"` images stay available, in ms. @default 3_600_000 (60 minutes) */
  urlTtlMs?: number | undefined;
  /** Pause between streamed events, in ms, to imitate generation time. @default 0 */
  streamIntervalMs?: number | undefined;
  /**
   * Check every response and stream event the server sends against the spec; violations are kept in
   * `server.specViolations` and passed to `onSpecViolation`. @default true
   */
  checkResponses?: boolean | undefined;
  onSpecViolation?: ((violation: SpecViolation) => void) | undefined;
  /** Announce and enforce a request rate on the Images endpoints (`x-ratelimit-*` headers, 429s). */
  rateLimit?: RateLimitOptions | undefined;
  /** Faults for every batch of `/v1/batches`, e.g. `"line-fail; line=3"`. See `batch-api/faults.ts`. */
  batchFaults?: string | undefined;
}

/** A response the server sent that its own spec does not allow (a bug in the server). */
export interface SpecViolation {
  path: string;
  status: number;
  contentType: string;
  errors: SpecIssue[];
}

/** One request the server answered, for tests that count attempts. */
export interface RequestRecord {
  method: string;
  path: string;
  status: number;
  requestId: string;
  /** The `x-images-fault` header, when sent. */
  fault?: string | undefined;
}

/** A running server. */
export interface ImagesServer {
  /** Base URL for clients, ending in `/v1` (e.g. `http://127.0.0.1:53124/v1`). */
  readonly url: string;
  readonly port: number;
  readonly host: string;
  /** Responses that failed the server's own spec check (should stay empty). */
  readonly specViolations: readonly SpecViolation[];
  /** Requests answered so far (the last 1000). */
  readonly requests: readonly RequestRecord[];
  /** Requests being handled right now. */
  readonly activeRequests: number;
  /** Adds server-wide faults, e.g. `server.injectFault("503", { times: 1 })`. */
  injectFault(fault: string, options?: { times?: number }): void;
  /** Removes every server-wide fault. */
  clearFaults(): void;
  /** Lets batches held by a `slow` batch fault (without `polls`) finish. */
  releaseBatches(): void;
  /** Stops accepting connections, ends in-flight work and closes every socket. */
  close(): Promise<void>;
}

const MB = 1024 * 1024;
const OPERATIONS: Record<string, Operation> = {
  generations: "generate",
  edits: "edit",
  variations: "variation",
};
// `/v1/images/edits`, or Azure's `/openai/deployments/<name>/images/edits`.
const API_PATH = /^(?:\/v1|\/openai\/deployments\/([^/]+))\/images\/(generations|edits|variations)\/?$/;

/**
 * Starts the server. Resolve → it is listening.
 *
 * @example
 * const server = await startImagesServer();
 * const client = new OpenAI({ apiKey: "test", baseURL: server.url });
 * await client.images.generate({ model: "gpt-image-1", prompt: "a cute baby sea otter" });
 * await server.close();
 */
export async function startImagesServer(options: ImagesServerOptions = {}): Promise<ImagesServer> {
  const host = options.host ?? "127.0.0.1";
  const limits: UploadLimits & { jsonBytes: number } = {
    imageBytes: 50 * MB,
    maskBytes: 4 * MB,
    files: 17,
    fieldBytes: 1 * MB,
    jsonBytes: 100 * MB,
    ...definedOnly(options.limits ?? {}),
  };
  const maxPixels = options.maxPixels ?? 3840 * 2160;
  const spec = createSpecValidator();
  const files = createFileStore();
  const reader = createRequestReader({ spec, limits, maxPixels, fileBytes: (id) => files.get(id)?.bytes });
  const faults = createFaultBook();
  if (options.faults)
    faults.add(typeof options.faults === "string" ? parseFaults(options.faults) : options.faults);
  const limiter = createLimiter(options.maxConcurrency ?? 4, options.maxQueue ?? 64);
  const store = createUrlStore({ ttlMs: options.urlTtlMs ?? 60 * 60 * 1000, maxEntries: 512 });
  const checkResponses = options.checkResponses ?? true;
  const violations: SpecViolation[] = [];
  const records: RequestRecord[] = [];
  const sockets = new Set<Socket>();
  const inFlight = new Set<Promise<void>>();
  const closing = new AbortController();
  const rateLimiter = options.rateLimit ? createRateLimiter(options.rateLimit) : undefined;
  // `/v1/files` and `/v1/batches`, answering batch lines through the same reader, limiter and renderer.
  const batchApi = createBatchApi({
    files,
    reader,
    limiter,
    urlFor: (p, format) => `http://${urlHost}:${port}${store.put(p.bytes, format)}`,
    apiKey: options.apiKey,
    faults: options.batchFaults,
    signal: closing.signal,
    onViolation: (v) => {
      violations.push(v);
      options.onSpecViolation?.(v);
    },
  });

  function checkOut(path: string, status: number, contentType: string, body: unknown): void {
    if (!checkResponses) return;
    const result = spec.validateResponse({ path, status, contentType, body });
    if (result.valid) return;
    const v = { path, status, contentType, errors: result.errors };
    violations.push(v);
    options.onSpecViolation?.(v);
  }

  function record(req: IncomingMessage, path: string, status: number, requestId: string): void {
    const fault = req.headers[FAULT_HEADER];
    records.push({
      method: req.method ?? "",
      path,
      status,
      requestId,
      fault: typeof fault === "string" ? fault : undefined,
    });
    if (records.length > 1000) records.shift();
  }

  function sendFailure(res: ServerResponse, specPath: string | undefined, f: HttpFailure): void {
    if (specPath) checkOut(specPath, f.status, "application/json", f.body);
    sendJson(res, f.status, f.body, f.headers);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = newRequestId();
    res.setHeader("x-request-id", requestId);
    const url = new URL(req.url ?? "/", "http://localhost");
    const method = req.method ?? "GET";
    // `close` also fires for reset connections, which never `finish`.
    res.on("close", () => record(req, url.pathname, res.statusCode, requestId));

    if (url.pathname.startsWith(FILES_PREFIX) && (method === "GET" || method === "HEAD")) {
      serveFile(res, url.pathname.slice(FILES_PREFIX.length), method);
      return;
    }
    if (await batchApi.handle(req, res, url.pathname)) return;
    const match = API_PATH.exec(url.pathname);
    const op = match ? OPERATIONS[match[2] as string] : undefined;
    if (!match || !op) {
      await drain(req);
      sendFailure(res, undefined, failure(404, `Invalid URL (${method} ${url.pathname})`));
      return;
    }
    const specPath = `/images/${match[2]}`;
    const deployment = match[1];
    if (method !== "POST") {
      await drain(req);
      sendFailure(
        res,
        specPath,
        failure(405, `Invalid method for URL (${method} ${url.pathname}): use POST.`),
      );
      return;
    }
    if (closing.signal.aborted) {
      await drain(req);
      sendFailure(res, specPath, failure(503, "The server is shutting down.", { type: "server_error" }));
      return;
    }
    const authFailure = checkAuth(req, options.apiKey);
    if (authFailure) {
      await drain(req);
      sendFailure(res, specPath, authFailure);
      return;
    }
    const limited = rateLimiter?.admit(res);
    if (limited) {
      await drain(req);
      sendFailure(res, specPath, limited);
      return;
    }
    let plan: FaultPlan;
    try {
      const header = req.headers[FAULT_HEADER];
      plan = faults.plan(typeof header === "string" ? header : undefined);
    } catch (err) {
      await drain(req);
      sendFailure(
        res,
        specPath,
        failure(400, `Invalid ${FAULT_HEADER} header: ${(err as Error).message}`, { code: "invalid_fault" }),
      );
      return;
    }

    try {
      const contentType = req.headers["content-type"] ?? "";
      const body = await reader.read(req, contentType);
      if (plan.delayMs > 0) await sleep(plan.delayMs, undefined, { signal: closing.signal }).catch(() => {});
      if (closing.signal.aborted)
        throw failure(503, "The server is shutting down.", { type: "server_error" });
      if (plan.failure) {
        sendFailure(res, specPath, plan.failure);
        return;
      }
      const input = await reader.prepare(op, specPath, contentType, body, deployment);
      const rendered = await limiter
        .run(() => render(input))
        .catch((err: unknown) => {
          if ((err as Error).message === QUEUE_FULL) {
            throw failure(429, "Too many requests are waiting for the local Images server; retry shortly.", {
              type: "requests",
              code: "rate_limit_exceeded",
              headers: { "retry-after": "1", "retry-after-ms": "250" },
            });
          }
          throw err;
        });
      const now = Math.floor(Date.now() / 1000);
      if (input.params.stream === true) {
        await sendStream(req, res, buildStreamEvents(input, rendered, now), plan, {
          signal: closing.signal,
          intervalMs: options.streamIntervalMs ?? 0,
          check: (event) => checkOut(specPath, 200, "text/event-stream", event),
        });
        return;
      }
      const origin = `http://${req.headers.host ?? `${host}:${port}`}`;
      const json = buildResponse(
        input,
        rendered,
        now,
        (p: EncodedPicture, format: PictureFormat) => origin + store.put(p.bytes, format),
      );
      checkOut(specPath, 200, "application/json", json);
      if (plan.reset) {
        await resetMidBody(req, res, { "content-type": "application/json" }, JSON.stringify(json));
        return;
      }
      sendJson(res, 200, json);
    } catch (err) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (isHttpFailure(err)) {
        // The upload was refused part-way: read (and drop) the rest so the client sees the answer,
        // then close the connection.
        if (err.status === 413) res.setHeader("connection", "close");
        sendFailure(res, specPath, err);
        if (!req.readableEnded) req.resume();
        return;
      }
      sendFailure(
        res,
        specPath,
        failure(500, `The local Images server failed: ${(err as Error).message}`, { type: "server_error" }),
      );
    }
  }

  function serveFile(res: ServerResponse, name: string, method: string): void {
    const token = name.replace(/\.[a-z]+$/, "");
    const found = store.get(token);
    if (found.status === "ok") {
      res.writeHead(200, {
        "content-type": found.contentType,
        "content-length": String(found.bytes.length),
        "cache-control": "private, max-age=3600",
      });
      res.end(method === "HEAD" ? undefined : found.bytes);
      return;
    }
    // Like an expired signed blob URL: 403 once expired, 404 for a token never issued.
    const status = found.status === "expired" ? 403 : 404;
    const text = found.status === "expired" ? "This image URL has expired." : "No such image.";
    res.writeHead(status, {
      "content-type": "text/plain",
      "content-length": String(Buffer.byteLength(text)),
    });
    res.end(text);
  }

  const server = createServer((req, res) => {
    const job = handle(req, res)
      .catch(() => {
        if (!res.headersSent)
          sendJson(res, 500, failure(500, "Internal error", { type: "server_error" }).body);
        else res.destroy();
      })
      .finally(() => inFlight.delete(job));
    inFlight.add(job);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  // Image requests can take a while to upload or render; Node's 5-minute request timeout is enough,
  // but keep-alive sockets should not pin the process: close() destroys them.
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(":") ? `[${host}]` : host === "0.0.0.0" ? "127.0.0.1" : host;
  let closed: Promise<void> | undefined;

  return {
    url: `http://${urlHost}:${port}/v1`,
    port,
    host,
    specViolations: violations,
    requests: records,
    get activeRequests() {
      return inFlight.size;
    },
    injectFault(fault, opts = {}) {
      faults.add(parseFaults(fault).map((r) => (opts.times === undefined ? r : { ...r, times: opts.times })));
    },
    clearFaults() {
      faults.clear();
    },
    releaseBatches() {
      batchApi.release();
    },
    close() {
      closed ??= (async () => {
        closing.abort();
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        // In-flight requests end quickly once `closing` fires (delays and streams stop); give them a
        // moment to answer, then cut whatever is left. The grace timer is unref'd: once everything has
        // settled it must not keep the process alive for the rest of the two seconds.
        await Promise.race([Promise.allSettled([...inFlight]), sleep(2000, undefined, { ref: false })]);
        for (const s of sockets) s.destroy();
        await stopped;
        store.clear();
        files.clear();
      })();
      return closed;
    },
  };
}

function definedOnly<T extends object>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as Partial<T>;
}

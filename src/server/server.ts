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
import { answerCors } from "./cors.js";
import { isImagesEndpoint } from "./endpoints.js";
import { createFaultBook, FAULT_HEADER, type FaultPlan, type FaultRule, parseFaults } from "./faults.js";
import {
  answerClientError,
  discardRest,
  drain,
  failure,
  type HttpFailure,
  isHttpFailure,
  newRequestId,
  sendFailure,
  sendJson,
} from "./http-io.js";
import type { EncodedPicture } from "./images/pictures.js";
import { createLimiter } from "./limiter.js";
import { resolveLimits, type ServerLimits } from "./limits.js";
import type { Lifecycle } from "./model-traits.js";
import { buildStreamEvents, type OutputFormat, type Rendered, type RenderInput } from "./operations.js";
import { createPipeline } from "./pipeline.js";
import { type ServerMode, serverPolicy } from "./policy.js";
import { createRateLimiter, type RateLimitOptions } from "./rate-limit.js";
import { createRequestReader, type RequestBody } from "./request-input.js";
import { requestPath, route } from "./routes.js";
import { createSpecValidator, type SpecIssue } from "./spec-validator.js";
import { resetMidBody, sendStream } from "./stream-response.js";
import { createUrlStore } from "./url-store.js";

/** Options of {@link startImagesServer}. */
export interface ImagesServerOptions {
  /**
   * How the server answers: `"api"` as OpenAI's API does (for testing an application), or `"mock"`,
   * a schema-only mock for SDK and wrapper test suites. See {@link ServerMode}. On the command line,
   * `serve --mock`.
   * @default "api"
   * @example
   * const server = await startImagesServer({ mode: "mock", port: 4010 }); // TEST_API_BASE_URL=http://127.0.0.1:4010
   */
  mode?: ServerMode | undefined;
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
  /**
   * Request body limits, in bytes and counts, checked as bytes arrive (a request over one gets a 413
   * at the first byte past it). See {@link ServerLimits} for each one and its default.
   */
  limits?: Partial<Record<keyof ServerLimits, number | undefined>> | undefined;
  /** Largest picture (width × height) the server draws. @default 3840 × 2160 */
  maxPixels?: number | undefined;
  /** Largest uploaded image (width × height) the server decodes; a larger one is a 400. @default 8192 × 8192 */
  maxInputPixels?: number | undefined;
  /**
   * The origin clients reach the server at, when that is not the address it listens on (a published
   * container port, a proxy): `response_format: "url"` links start with it. Links are never built
   * from a request's `Host` header. @default the listening address, e.g. `http://127.0.0.1:53124`
   */
  publicUrl?: string | undefined;
  /**
   * Milliseconds a client has to send its request headers; slower ones get a 408 and are
   * disconnected. @default 10_000
   */
  headersTimeoutMs?: number | undefined;
  /** Milliseconds a client has to send a whole request, body included. @default 60_000 */
  requestTimeoutMs?: number | undefined;
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
  /**
   * Answer CORS requests from any origin, preflights included, so that browser pages on other
   * origins can call the server. @default false
   */
  cors?: boolean | undefined;
  /** Announce and enforce a request rate on the Images endpoints (`x-ratelimit-*` headers, 429s). */
  rateLimit?: RateLimitOptions | undefined;
  /** Faults for every batch of `/v1/batches`, e.g. `"line-fail; line=3"`. See `batch-api/faults.ts`. */
  batchFaults?: string | undefined;
  /**
   * Retired models (`dall-e-2`, `dall-e-3`, `gpt-image-1`), the retired variations endpoint and a
   * default model. `"refuse"` answers as OpenAI's API does today: a retired or unknown model is
   * `400 image_generation_user_error` "The model 'dall-e-3' does not exist.", the variations endpoint
   * is a bare 404 without a body, and a request without `model` is `missing_required_parameter` (the
   * API has no default model). `"serve"` answers as an OpenAI-compatible server that still serves them:
   * retired models are judged by their own rules, variations are served, a missing model is the
   * documented default, model names no rule knows pass through, and the rules known only from the
   * API's observed answers (the pixel budget, upload labels, duplicate parts) are not applied.
   * @default "refuse"
   * @example
   * const compatible = await startImagesServer({ retired: "serve" }); // on the command line: serve --serve-retired
   */
  retired?: Lifecycle | undefined;
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
  /**
   * The faults that applied: the `x-images-fault` header as sent, then the server-wide faults
   * (`faults` option, `injectFault()`) that applied, as fault text, joined by `", "`.
   */
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

/**
 * Starts the server. Resolve → it is listening.
 *
 * @example
 * const server = await startImagesServer();
 * const client = new OpenAI({ apiKey: "test", baseURL: server.url });
 * await client.images.generate({ model: "gpt-image-2.5-sunburst", prompt: "a cute baby sea otter" });
 * await server.close();
 */
export async function startImagesServer(options: ImagesServerOptions = {}): Promise<ImagesServer> {
  const host = options.host ?? "127.0.0.1";
  const limits = resolveLimits(options.limits ?? {});
  const maxPixels = options.maxPixels ?? 3840 * 2160;
  const maxInputPixels = options.maxInputPixels ?? 8192 * 8192;
  const configuredOrigin = options.publicUrl === undefined ? undefined : originOf(options.publicUrl);
  const spec = createSpecValidator();
  const files = createFileStore();
  const reader = createRequestReader({
    spec,
    limits,
    maxPixels,
    maxInputPixels,
    fileBytes: (id) => files.get(id)?.bytes,
  });
  // How this server answers; the steps of the pipeline read it.
  const policy = serverPolicy(options);
  const faults = createFaultBook();
  if (options.faults)
    faults.add(typeof options.faults === "string" ? parseFaults(options.faults) : options.faults);
  const limiter = createLimiter(options.maxConcurrency ?? 4, options.maxQueue ?? 64);
  const store = createUrlStore({
    ttlMs: options.urlTtlMs ?? 60 * 60 * 1000,
    maxEntries: 512,
    maxBytes: URL_STORE_BYTES,
  });
  const checkResponses = options.checkResponses ?? true;
  const violations: SpecViolation[] = [];
  const records: RequestRecord[] = [];
  const sockets = new Set<Socket>();
  const inFlight = new Set<Promise<void>>();
  const closing = new AbortController();
  const rateLimiter = options.rateLimit ? createRateLimiter(options.rateLimit) : undefined;
  // Set once listening (the port may be picked by the system).
  let origin = "";
  // Direct requests and Batch API lines alike: one check, render and answer, one URL builder (links
  // start with `publicUrl` when set, else the listening address, known once listening).
  const pipeline = createPipeline({
    reader,
    limiter,
    imageUrl: (p: EncodedPicture, format: OutputFormat) => origin + store.put(p.bytes, format),
  });
  // `/files` and `/batches`, answering batch lines through the same pipeline.
  const batchApi = createBatchApi({
    files,
    pipeline,
    policy,
    apiKey: options.apiKey,
    faults: options.batchFaults,
    signal: closing.signal,
    checkResponses,
    onViolation: keepViolation,
  });

  function keepViolation(v: SpecViolation): void {
    violations.push(v);
    if (violations.length > KEPT_RECORDS) violations.shift();
    options.onSpecViolation?.(v);
  }

  function checkOut(path: string, status: number, contentType: string, body: unknown): void {
    if (!checkResponses) return;
    const result = spec.validateResponse({ path, status, contentType, body });
    if (result.valid) return;
    keepViolation({ path, status, contentType, errors: result.errors });
  }

  function record(
    req: IncomingMessage,
    path: string,
    status: number,
    requestId: string,
    serverFaults: readonly string[],
  ): void {
    const header = req.headers[FAULT_HEADER];
    const applied = [...(typeof header === "string" && header !== "" ? [header] : []), ...serverFaults];
    records.push({
      method: req.method ?? "",
      path,
      status,
      requestId,
      fault: applied.length > 0 ? applied.join(", ") : undefined,
    });
    if (records.length > KEPT_RECORDS) records.shift();
  }

  function answerFailure(res: ServerResponse, specPath: string | undefined, f: HttpFailure): void {
    // A body-less answer (the API's bare 404) has nothing for the spec to check.
    if (specPath && f.body !== null) checkOut(specPath, f.status, "application/json", f.body);
    sendFailure(res, f);
  }

  /**
   * One request, step by step: route it, admit it (shutdown, auth, fault header), read its body,
   * apply the faults due before answering, check and render it, then answer (JSON or a stream).
   * Whatever any step throws is mapped to an answer in one place, {@link answerError}.
   */
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = newRequestId();
    res.setHeader("x-request-id", requestId);
    const method = req.method ?? "GET";
    const path = requestPath(req.url ?? "/");
    let serverFaults: readonly string[] = [];
    // `close` also fires for reset connections, which never `finish`.
    res.on("close", () => record(req, path ?? req.url ?? "", res.statusCode, requestId, serverFaults));

    const target = route(method, path);
    if (target.kind === "file") {
      serveFile(res, target.name, method);
      return;
    }
    if (target.kind === "refused") {
      await refuse(req, res, target.specPath, target.failure);
      return;
    }
    if (!isImagesEndpoint(target.endpoint)) {
      await batchApi.handle(req, res, target.endpoint, target.params);
      return;
    }
    const op = target.endpoint;
    const admitted = admit(req, res);
    if (isHttpFailure(admitted)) {
      await refuse(req, res, target.specPath, admitted);
      return;
    }
    serverFaults = admitted.serverFaults;
    // Like an unknown path, a retired endpoint is refused whatever the body says.
    const gone = pipeline.refuseEndpoint(policy, op);
    if (gone) {
      await refuse(req, res, target.specPath, gone);
      return;
    }
    try {
      const contentType = req.headers["content-type"] ?? "";
      const body = await reader.read(req, contentType, op);
      const early = await applyEarlyFaults(admitted, body);
      if (early) {
        answerFailure(res, target.specPath, early);
        return;
      }
      const request = { op, specPath: target.specPath, contentType, body, deployment: target.deployment };
      const input = await pipeline.check(policy, request);
      const rendered = await pipeline.render(policy, input, "refuse");
      await answer(req, res, target.specPath, input, rendered, admitted);
    } catch (err) {
      answerError(req, res, target.specPath, err);
    }
  }

  /**
   * Answers without looking at the body: reads (and drops) it first, so the client is not cut off
   * mid-upload. A long body is answered part-way instead, and the connection closed after the answer.
   */
  async function refuse(
    req: IncomingMessage,
    res: ServerResponse,
    specPath: string | undefined,
    f: HttpFailure,
  ): Promise<void> {
    const drained = await drain(req);
    if (!drained) res.setHeader("connection", "close");
    answerFailure(res, specPath, f);
  }

  /**
   * What must hold before the body is read: an HTTP/1.1 request names its host, the server is not
   * shutting down, the key is good and the fault header parses. Returns the request's fault plan, or
   * the failure to answer with.
   */
  function admit(req: IncomingMessage, res: ServerResponse): FaultPlan | HttpFailure {
    if (req.httpVersion === "1.1" && req.headers.host === undefined) {
      return failure(400, "An HTTP/1.1 request needs a Host header.");
    }
    if (closing.signal.aborted) return shuttingDown();
    const authFailure = checkAuth(req, options.apiKey);
    if (authFailure) return authFailure;
    // Before the faults are planned: a request the rate limit turns away must not use up a fault
    // meant for one that is served.
    const limited = rateLimiter?.admit(res);
    if (limited) return limited;
    return planFaults(req, res);
  }

  /** The fault plan of a request: the server's rules plus its `x-images-fault` header. */
  function planFaults(req: IncomingMessage, res: ServerResponse): FaultPlan | HttpFailure {
    const header = req.headers[FAULT_HEADER];
    try {
      return faults.plan(typeof header === "string" ? header : undefined, {
        requestId: String(res.getHeader("x-request-id") ?? ""),
      });
    } catch (err) {
      return failure(400, `Invalid ${FAULT_HEADER} header: ${(err as Error).message}`, {
        code: "invalid_fault",
      });
    }
  }

  /**
   * The faults that act once the body is read and before any checking: `delay` waits (cut short by
   * close()), a status fault is the answer. Returns the failure to send, if any.
   */
  async function applyEarlyFaults(plan: FaultPlan, body: RequestBody): Promise<HttpFailure | undefined> {
    if (plan.delayMs > 0) await sleep(plan.delayMs, undefined, { signal: closing.signal }).catch(() => {});
    if (closing.signal.aborted) throw shuttingDown();
    return plan.failureFor ? plan.failureFor(modelOf(body)) : plan.failure;
  }

  /** Sends the rendered images: as an event stream, or as one JSON body (possibly reset half-way). */
  async function answer(
    req: IncomingMessage,
    res: ServerResponse,
    specPath: string,
    input: RenderInput,
    rendered: Rendered,
    plan: FaultPlan,
  ): Promise<void> {
    const now = Math.floor(Date.now() / 1000);
    if (input.params.stream === true) {
      await sendStream(req, res, buildStreamEvents(input, rendered, now), plan, {
        signal: closing.signal,
        intervalMs: options.streamIntervalMs ?? 0,
        check: (event) => checkOut(specPath, 200, "text/event-stream", event),
      });
      return;
    }
    const json = pipeline.answer(input, rendered, now);
    checkOut(specPath, 200, "application/json", json);
    if (plan.reset) {
      await resetMidBody(req, res, { "content-type": "application/json" }, JSON.stringify(json));
      return;
    }
    sendJson(res, 200, json);
  }

  /**
   * Answers whatever a step threw, as the pipeline maps it ({@link Pipeline.failureOf}). Once the
   * headers are out, the only honest answer left is to cut the connection.
   */
  function answerError(req: IncomingMessage, res: ServerResponse, specPath: string, err: unknown): void {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    answerFailure(res, specPath, pipeline.failureOf(err));
    // Refused part-way through the upload: read (and drop) a bounded rest, so a client still
    // writing reads the answer instead of a reset. Not `connection: close`: Node would cut the
    // connection as soon as the answer is out, with the client's bytes still arriving.
    if (!req.complete) discardRest(req);
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

  const headersTimeout = options.headersTimeoutMs ?? 10_000;
  const server = createServer(
    {
      headersTimeout,
      requestTimeout: Math.max(headersTimeout, options.requestTimeoutMs ?? 60_000),
      // Node checks both timeouts on this interval (30 s by default, longer than the timeouts).
      connectionsCheckingInterval: Math.min(1_000, headersTimeout),
      // Checked in admit(), so the 400 has the API's error shape (Node's own has an empty body).
      requireHostHeader: false,
    },
    (req, res) => {
      if (options.cors && answerCors(req, res)) return;
      const job = handle(req, res)
        .catch((err: unknown) => {
          // What escaped a step's own handling still gets the one error mapping.
          if (res.headersSent) res.destroy();
          else {
            sendFailure(res, pipeline.failureOf(err));
          }
        })
        .finally(() => inFlight.delete(job));
      inFlight.add(job);
    },
  );
  // Requests Node's parser refuses (bad headers, too-large headers, timeouts) never reach handle();
  // answer them in the API's error shape too.
  server.on("clientError", answerClientError);
  // `Expect: 100-continue` is answered by Node; any other expectation is refused in the API's shape.
  server.on("checkExpectation", (req: IncomingMessage, res: ServerResponse) => {
    res.setHeader("connection", "close");
    sendJson(res, 417, failure(417, `Unsupported expectation: ${req.headers.expect}.`).body);
    req.resume();
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  // Keep-alive sockets must not pin the process: close() destroys them.
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(":") ? `[${host}]` : host === "0.0.0.0" ? "127.0.0.1" : host;
  origin = configuredOrigin ?? `http://${urlHost}:${port}`;
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

/** How many answered requests (and spec violations) a server remembers. */
const KEPT_RECORDS = 1000;
/** Bytes of `response_format: "url"` images a server keeps; the oldest go first. */
const URL_STORE_BYTES = 256 * 1024 * 1024;

/** The model a request body names, for fault answers that name it. */
function modelOf(body: RequestBody): string | undefined {
  const model =
    body.kind === "json"
      ? (body.value as { model?: unknown } | null)?.model
      : body.kind === "form"
        ? body.form.fields.get("model")?.[0]
        : undefined;
  return typeof model === "string" ? model : undefined;
}

function shuttingDown(): HttpFailure {
  return failure(503, "The server is shutting down.", { type: "server_error" });
}

/** `publicUrl` as an origin (`http://host:port`); anything but an http(s) origin is a mistake. */
function originOf(publicUrl: string): string {
  const url = new URL(publicUrl);
  if ((url.protocol !== "http:" && url.protocol !== "https:") || url.pathname !== "/" || url.search) {
    throw new TypeError(
      `publicUrl must be an http(s) origin such as http://localhost:8080, got ${publicUrl}`,
    );
  }
  return url.origin;
}

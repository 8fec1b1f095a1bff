/**
 * `startImagesServer()`: a local Images API on loopback that validates every request against the
 * OpenAPI document and the model rules, answers with real images, streams like the API, and injects
 * faults on demand. Node only (node:http, busboy, sharp, ajv).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { createFaultBook, FAULT_HEADER, type FaultPlan, type FaultRule, parseFaults } from "./faults.js";
import {
  drain,
  failure,
  type HttpFailure,
  isHttpFailure,
  newRequestId,
  readBody,
  sendJson,
} from "./http-io.js";
import { describeImage } from "./images/image-info.js";
import type { EncodedPicture, PictureFormat } from "./images/pictures.js";
import { createLimiter, QUEUE_FULL } from "./limiter.js";
import { checkRules, type Operation, servedModel } from "./model-traits.js";
import { formForValidation, parseMultipart, type UploadLimits } from "./multipart.js";
import {
  buildResponse,
  buildStreamEvents,
  frameEvent,
  type RenderInput,
  render,
  type StreamEvent,
} from "./operations.js";
import { createSpecValidator, type SpecIssue } from "./spec-validator.js";
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
    const authFailure = checkAuth(req);
    if (authFailure) {
      await drain(req);
      sendFailure(res, specPath, authFailure);
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
      const body = await readRequest(req, contentType);
      if (plan.delayMs > 0) await sleep(plan.delayMs, undefined, { signal: closing.signal }).catch(() => {});
      if (closing.signal.aborted)
        throw failure(503, "The server is shutting down.", { type: "server_error" });
      if (plan.failure) {
        sendFailure(res, specPath, plan.failure);
        return;
      }
      const input = await prepare(op, specPath, contentType, body, deployment);
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
        await sendStream(req, res, specPath, buildStreamEvents(input, rendered, now), plan);
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

  function checkAuth(req: IncomingMessage): HttpFailure | undefined {
    const header = req.headers.authorization ?? "";
    const bearer = /^Bearer\s+(.*)$/i.exec(header)?.[1]?.trim();
    // Azure-style clients send `api-key` instead of a bearer token.
    const azureKey = typeof req.headers["api-key"] === "string" ? req.headers["api-key"].trim() : "";
    const key = bearer || azureKey;
    if (!key) {
      return failure(
        401,
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
      );
    }
    // Never echo the key: a wrong one is reported without its value.
    if (options.apiKey !== undefined && key !== options.apiKey) {
      return failure(401, "Incorrect API key provided.", { code: "invalid_api_key" });
    }
    return undefined;
  }

  async function readRequest(req: IncomingMessage, contentType: string): Promise<RequestBody> {
    const media = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
    if (media === "multipart/form-data") {
      return { kind: "form", form: await parseMultipart(req, limits) };
    }
    const raw = await readBody(req, limits.jsonBytes);
    if (media === "application/json") {
      try {
        return { kind: "json", value: JSON.parse(raw.toString("utf8")) as unknown };
      } catch {
        throw failure(
          400,
          "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly.)",
        );
      }
    }
    return { kind: "other", text: raw.toString("utf8") };
  }

  async function prepare(
    op: Operation,
    specPath: string,
    contentType: string,
    body: RequestBody,
    deployment: string | undefined,
  ): Promise<RenderInput> {
    const specBody =
      body.kind === "form" ? formForValidation(body.form) : body.kind === "json" ? body.value : body.text;
    const checked = spec.validateRequest({ method: "POST", path: specPath, contentType, body: specBody });
    if (!checked.valid) throw specFailure(checked.errors);
    const params = { ...((checked.value ?? specBody) as Record<string, unknown>) };
    if (deployment !== undefined && params.model === undefined) params.model = decodeURIComponent(deployment);

    let images: Uint8Array[] = [];
    let mask: Uint8Array | undefined;
    if (body.kind === "form") {
      images = body.form.files.filter((f) => f.field === "image" || f.field === "image[]").map((f) => f.data);
      mask = body.form.files.find((f) => f.field === "mask")?.data;
    } else if (body.kind === "json" && Array.isArray(params.images)) {
      images = (params.images as unknown[]).map((ref, i) => decodeImageRef(ref, `images[${i}]`));
      if (params.mask !== undefined) mask = decodeImageRef(params.mask, "mask");
    }
    for (const [i, img] of images.entries()) {
      if (img.length > limits.imageBytes)
        throw failure(413, `Image ${i + 1} is over ${limits.imageBytes} bytes.`, {
          code: "request_too_large",
          param: "image",
        });
    }
    if (mask && mask.length > limits.maskBytes)
      throw failure(413, `The mask is over ${limits.maskBytes} bytes.`, {
        code: "request_too_large",
        param: "mask",
      });
    const infos = await Promise.all(images.map(describeImage));
    const maskInfo = mask ? await describeImage(mask) : undefined;
    infos.forEach((info, i) => {
      if (info.format === "unknown" || !info.width || !info.height) {
        throw failure(400, `Invalid image file or mode for image ${i + 1}, please check your image file.`, {
          param: images.length > 1 ? `image[${i}]` : "image",
          code: "invalid_image_file",
        });
      }
    });
    if (maskInfo && (maskInfo.format === "unknown" || !maskInfo.width)) {
      throw failure(400, "Invalid mask image file, please check your mask file.", {
        param: "mask",
        code: "invalid_image_file",
      });
    }

    const { image: _i, images: _is, mask: _m, ...ruleParams } = params;
    const issues = checkRules(op, ruleParams, {
      ...(infos.length > 0 ? { image: infos } : {}),
      ...(maskInfo ? { mask: maskInfo } : {}),
    }).filter((i) => i.severity === "error");
    const first = issues[0];
    if (first) throw failure(400, first.message, { param: first.param, code: "invalid_value" });

    const model = servedModel(op, params);
    const size = typeof params.size === "string" ? /^(\d+)x(\d+)$/.exec(params.size) : null;
    if (size && Number(size[1]) * Number(size[2]) > maxPixels) {
      throw failure(400, `Invalid size ${params.size}: the local server draws at most ${maxPixels} pixels.`, {
        param: "size",
        code: "invalid_value",
      });
    }
    return {
      op,
      model,
      params,
      images,
      imageSizes: infos.map((i) => ({ width: i.width ?? 0, height: i.height ?? 0 })),
      mask,
    };
  }

  async function sendStream(
    req: IncomingMessage,
    res: ServerResponse,
    specPath: string,
    events: StreamEvent[],
    plan: FaultPlan,
  ): Promise<void> {
    const headers = { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" };
    if (plan.reset) {
      const firstFrame = events[0] ? frameEvent(events[0]) : "";
      await resetMidBody(req, res, headers, firstFrame + firstFrame);
      return;
    }
    // Faults that end a stream early do so before the first completed event.
    const firstCompleted = events.findIndex((e) => e.type.endsWith(".completed"));
    const cutAt =
      plan.streamCutAfter !== undefined ? Math.min(plan.streamCutAfter, firstCompleted) : undefined;
    const errorAt = plan.streamError
      ? Math.min(plan.streamError.after ?? firstCompleted, firstCompleted)
      : undefined;
    res.writeHead(200, headers);
    res.flushHeaders();
    const interval = options.streamIntervalMs ?? 0;
    for (const [i, event] of events.entries()) {
      if (res.destroyed || closing.signal.aborted) break;
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
      checkOut(specPath, 200, "text/event-stream", event.data);
      // A client that stops reading (or leaves) must not pin the handler: wait for drain or close.
      if (!res.write(frameEvent(event))) {
        await new Promise((r) => {
          res.once("drain", r);
          res.once("close", r);
        });
      }
      // Yield between events so each goes out on its own, as a real stream's do.
      if (interval > 0) await sleep(interval, undefined, { signal: closing.signal }).catch(() => {});
      else await new Promise((r) => setImmediate(r));
    }
    res.end();
  }

  /** Sends the headers and half the body, then resets the TCP connection. */
  async function resetMidBody(
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
    close() {
      closed ??= (async () => {
        closing.abort();
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        // In-flight requests end quickly once `closing` fires (delays and streams stop); give them a
        // moment to answer, then cut whatever is left.
        await Promise.race([Promise.allSettled([...inFlight]), sleep(2000)]);
        for (const s of sockets) s.destroy();
        await stopped;
        store.clear();
      })();
      return closed;
    },
  };
}

type RequestBody =
  | { kind: "form"; form: Awaited<ReturnType<typeof parseMultipart>> }
  | { kind: "json"; value: unknown }
  | { kind: "other"; text: string };

/** The 400 for a request the spec refuses, naming the parameter like the API does. */
function specFailure(errors: SpecIssue[]): HttpFailure {
  const first = errors[0] ?? { instancePath: "", message: "is invalid" };
  const missing = /required property '([^']+)'/.exec(first.message)?.[1];
  if (missing) {
    return failure(400, `Missing required parameter: '${missing}'.`, {
      param: missing,
      code: "missing_required_parameter",
    });
  }
  const param = pointerToParam(first.instancePath);
  if (!param) return failure(400, `Invalid request: ${first.message}.`, { code: "invalid_request" });
  return failure(400, `Invalid value for '${param}': ${first.message}.`, { param, code: "invalid_value" });
}

/** `/images/0/image_url` → `images[0].image_url`. */
function pointerToParam(pointer: string): string {
  return pointer
    .split("/")
    .slice(1)
    .map((seg) => seg.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce((acc, seg) => (/^\d+$/.test(seg) ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg), "");
}

/** Decodes a `data:` URL image reference; other references cannot be fetched by a local server. */
function decodeImageRef(ref: unknown, param: string): Uint8Array {
  const r = ref as { image_url?: string; file_id?: string };
  if (typeof r.image_url === "string") {
    const m = /^data:([^;,]*)((?:;[^;,]*)*),(.*)$/s.exec(r.image_url);
    if (m) {
      const isBase64 = (m[2] ?? "").split(";").includes("base64");
      const payload = m[3] ?? "";
      return isBase64 ? Buffer.from(payload, "base64") : Buffer.from(decodeURIComponent(payload), "latin1");
    }
    throw failure(
      400,
      `The local Images server only accepts data: URLs for ${param}.image_url (it never fetches remote URLs).`,
      {
        param: `${param}.image_url`,
        code: "invalid_image_url",
      },
    );
  }
  throw failure(
    400,
    `The local Images server has no uploaded files: use a data: URL in ${param}.image_url instead of file_id.`,
    {
      param: `${param}.file_id`,
      code: "invalid_file_id",
    },
  );
}

function definedOnly<T extends object>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as Partial<T>;
}

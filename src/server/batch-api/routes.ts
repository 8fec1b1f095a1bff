/**
 * `/v1/files` and `/v1/batches` on the local server: enough of the Files and Batch APIs for the Batch
 * API engine (and any other client) to run offline. Requests and 200 answers are checked against
 * `openapi/files-batches.yaml`; every batch line is answered through the same path as
 * `/v1/images/*` requests: the spec and model-rule checks of `RequestReader`, the render limiter, the
 * renderer and the response builder.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { openapiDocument } from "../../../generated/files-batches-openapi.js";
import { checkAuth } from "../auth.js";
import {
  drain,
  failure,
  type HttpFailure,
  isHttpFailure,
  newRequestId,
  readBody,
  sendJson,
} from "../http-io.js";
import type { EncodedPicture } from "../images/pictures.js";
import { type Limiter, QUEUE_FULL } from "../limiter.js";
import type { Operation } from "../model-traits.js";
import { formForValidation, parseMultipart } from "../multipart.js";
import { buildResponse, type OutputFormat, render } from "../operations.js";
import type { RequestReader } from "../request-input.js";
import type { SpecIssue } from "../spec-validator.js";
import { createSpecValidator } from "../spec-validator.js";
import { type BatchStore, createBatchStore, type LineAnswer } from "./batches.js";
import { BATCH_FAULT_HEADER, type BatchFaults, parseBatchFaults } from "./faults.js";
import type { FileObject, FileStore } from "./file-store.js";

/** What the routes need from the server. */
export interface BatchApiDeps {
  files: FileStore;
  reader: RequestReader;
  limiter: Limiter;
  /** Stores a picture for `response_format: "url"` and returns its URL. */
  urlFor: (picture: EncodedPicture, format: OutputFormat) => string;
  /** When set, the bearer token must equal it. */
  apiKey: string | undefined;
  /** Faults for every batch (the `batchFaults` server option). */
  faults: string | undefined;
  /** Aborted when the server closes: background batches stop. */
  signal: AbortSignal;
  /** A 200 answer that the spec does not allow (a bug in this module). */
  onViolation: (violation: {
    path: string;
    status: number;
    contentType: string;
    errors: SpecIssue[];
  }) => void;
}

/** The routes. */
export interface BatchApi {
  /** Answers the request when it is for `/v1/files…` or `/v1/batches…`; `false` leaves it to the caller. */
  handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean>;
  /** Lets held batches finish (`slow` faults without `polls`). */
  release(): void;
}

const FILE_PATH = /^\/v1\/files(?:\/([^/]+))?(\/content)?\/?$/;
const BATCH_PATH = /^\/v1\/batches(?:\/([^/]+))?(\/cancel)?\/?$/;
const OPERATION_OF: Record<string, Operation> = {
  "/v1/images/generations": "generate",
  "/v1/images/edits": "edit",
};
/** Batch input files are limited to 200 MB by the API; other files to 512 MB. */
const MAX_FILE_BYTES = 512 * 1024 * 1024;

/**
 * @example
 * const batchApi = createBatchApi({ files, reader, limiter, urlFor, apiKey, faults: undefined, signal, onViolation });
 * if (await batchApi.handle(req, res, url.pathname)) return;
 */
export function createBatchApi(deps: BatchApiDeps): BatchApi {
  const spec = createSpecValidator(openapiDocument);
  const serverFaults = parseBatchFaults(deps.faults);
  const batches: BatchStore = createBatchStore({ files: deps.files, answer, signal: deps.signal });

  async function answer(endpoint: string, body: unknown): Promise<LineAnswer> {
    const requestId = newRequestId();
    const op = OPERATION_OF[endpoint];
    const specPath = endpoint.slice("/v1".length);
    try {
      if (!op) throw failure(400, `The local server does not run batches for ${endpoint}.`);
      const input = await deps.reader.prepare(
        op,
        specPath,
        "application/json",
        { kind: "json", value: body },
        undefined,
      );
      const rendered = await runLimited(() => render(input));
      return {
        status: 200,
        body: buildResponse(input, rendered, Math.floor(Date.now() / 1000), deps.urlFor),
        requestId,
      };
    } catch (err) {
      const f = isHttpFailure(err)
        ? err
        : failure(500, `The local Images server failed: ${(err as Error).message}`, { type: "server_error" });
      return { status: f.status, body: f.body, requestId };
    }
  }

  /** Batch lines wait for a render slot instead of being refused when the queue is full. */
  async function runLimited<T>(job: () => Promise<T>): Promise<T> {
    for (;;) {
      try {
        return await deps.limiter.run(job);
      } catch (err) {
        if ((err as Error).message !== QUEUE_FULL) throw err;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }
  }

  function ok(res: ServerResponse, method: string, specPath: string, body: unknown): void {
    const checked = spec.validateResponse({
      method,
      path: specPath,
      status: 200,
      contentType: "application/json",
      body,
    });
    if (!checked.valid)
      deps.onViolation({
        path: specPath,
        status: 200,
        contentType: "application/json",
        errors: checked.errors,
      });
    sendJson(res, 200, body);
  }

  async function files(req: IncomingMessage, res: ServerResponse, id: string | undefined, content: boolean) {
    const method = req.method ?? "GET";
    if (!id && method === "POST") {
      const form = await parseMultipart(req, {
        imageBytes: MAX_FILE_BYTES,
        maskBytes: 0,
        files: 1,
        fields: 16,
        fieldBytes: 1024,
        totalBytes: MAX_FILE_BYTES + 64 * 1024,
      });
      const file = form.files.find((f) => f.field === "file");
      const checked = spec.validateRequest({
        method: "POST",
        path: "/files",
        contentType: "multipart/form-data",
        body: formForValidation(form),
      });
      if (!checked.valid || !file) throw invalid(checked.errors, file ? undefined : "file");
      const purpose = form.fields.get("purpose")?.[0] as FileObject["purpose"];
      ok(res, "POST", "/files", deps.files.put(file.data, file.filename ?? "upload", purpose));
      return;
    }
    await drain(req);
    const stored = id ? deps.files.get(id) : undefined;
    if (!id || !stored)
      throw failure(404, `No such File object: ${id ?? ""}`, { param: "id", code: "not_found" });
    if (content && method === "GET") {
      res.writeHead(200, {
        "content-type": "application/octet-stream",
        "content-length": String(stored.bytes.length),
      });
      res.end(stored.bytes);
    } else if (!content && method === "GET") {
      ok(res, "GET", "/files/{file_id}", stored.object);
    } else if (!content && method === "DELETE") {
      deps.files.delete(id);
      ok(res, "DELETE", "/files/{file_id}", { id, object: "file", deleted: true });
    } else {
      throw failure(405, `Invalid method for URL (${method} ${req.url}).`);
    }
  }

  async function batchRoutes(
    req: IncomingMessage,
    res: ServerResponse,
    id: string | undefined,
    cancel: boolean,
  ) {
    const method = req.method ?? "GET";
    if (!id && method === "POST") {
      let faults: BatchFaults;
      let body: unknown;
      try {
        const header = req.headers[BATCH_FAULT_HEADER];
        faults = typeof header === "string" ? parseBatchFaults(header) : serverFaults;
        body = JSON.parse((await readBody(req, 1024 * 1024)).toString("utf8"));
      } catch (err) {
        if (isHttpFailure(err)) throw err;
        throw failure(400, `Invalid request: ${(err as Error).message}`);
      }
      const checked = spec.validateRequest({
        method: "POST",
        path: "/batches",
        contentType: "application/json",
        body,
      });
      if (!checked.valid) throw invalid(checked.errors);
      const request = body as { input_file_id: string; endpoint: string; metadata?: unknown };
      const input = deps.files.get(request.input_file_id);
      if (input?.object.purpose !== "batch") {
        throw failure(
          400,
          `Invalid input_file_id ${request.input_file_id}: no such file with purpose "batch".`,
          {
            param: "input_file_id",
            code: "invalid_value",
          },
        );
      }
      ok(res, "POST", "/batches", batches.create(request, faults));
      return;
    }
    await drain(req);
    const found = id
      ? cancel
        ? batches.cancel(id)
        : method === "GET"
          ? batches.retrieve(id)
          : undefined
      : undefined;
    if (id && !found && ((cancel && method === "POST") || (!cancel && method === "GET")))
      throw failure(404, `No batch found with id '${id}'.`, { param: "batch_id", code: "not_found" });
    if (!found) throw failure(405, `Invalid method for URL (${method} ${req.url}).`);
    ok(res, cancel ? "POST" : "GET", cancel ? "/batches/{batch_id}/cancel" : "/batches/{batch_id}", found);
  }

  return {
    async handle(req, res, path) {
      const fileMatch = FILE_PATH.exec(path);
      const batchMatch = fileMatch ? null : BATCH_PATH.exec(path);
      if (!fileMatch && !batchMatch) return false;
      try {
        const auth = checkAuth(req, deps.apiKey);
        if (auth) throw auth;
        if (fileMatch) await files(req, res, fileMatch[1], fileMatch[2] !== undefined);
        else if (batchMatch) await batchRoutes(req, res, batchMatch[1], batchMatch[2] !== undefined);
      } catch (err) {
        const f: HttpFailure = isHttpFailure(err)
          ? err
          : failure(500, `The local server failed: ${(err as Error).message}`, { type: "server_error" });
        if (!req.readableEnded) await drain(req);
        if (!res.headersSent) sendJson(res, f.status, f.body, f.headers);
      }
      return true;
    },
    release: () => batches.release(),
  };
}

function invalid(errors: SpecIssue[], missing?: string): HttpFailure {
  const first = errors[0];
  const param = missing ?? first?.instancePath.split("/").filter(Boolean).join(".") ?? null;
  return failure(
    400,
    missing
      ? `Missing required parameter: '${missing}'.`
      : `Invalid request: ${first?.instancePath || "body"} ${first?.message ?? "is invalid"}.`,
    {
      param: param || null,
      code: missing ? "missing_required_parameter" : "invalid_value",
    },
  );
}

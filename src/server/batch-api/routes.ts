/**
 * The Files and Batches endpoints of the local server (`/files…`, `/batches…`, with or without `/v1`):
 * enough of the Files and Batch APIs for the Batch API engine, and any other client, to run offline.
 * The router picks the endpoint (`../endpoints.ts`); requests and 200 answers are checked against
 * `openapi/files-batches.yaml`; every batch line is answered by the server's one request pipeline,
 * as the same request sent directly would be.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { openapiDocument } from "../../../generated/files-batches-openapi.js";
import { OPERATIONS, type Operation } from "../../models/operations.js";
import { checkAuth } from "../auth.js";
import { SERVER_ENDPOINTS, type StoreEndpoint } from "../endpoints.js";
import {
  drain,
  failure,
  type HttpFailure,
  isHttpFailure,
  newRequestId,
  readBody,
  sendJson,
} from "../http-io.js";
import { formForValidation, parseMultipart } from "../multipart.js";
import type { Pipeline } from "../pipeline.js";
import type { ServerPolicy } from "../policy.js";
import type { SpecIssue } from "../spec-validator.js";
import { createSpecValidator } from "../spec-validator.js";
import { type BatchObject, type BatchStore, createBatchStore, type LineAnswer } from "./batches.js";
import { BATCH_FAULT_HEADER, type BatchFaults, parseBatchFaults } from "./faults.js";
import type { FileObject, FileStore, StoredFile } from "./file-store.js";

/** What the routes need from the server. */
export interface BatchApiDeps {
  files: FileStore;
  /** The server's request pipeline, which answers every batch line. */
  pipeline: Pipeline;
  policy: ServerPolicy;
  /** When set, the bearer token must equal it. */
  apiKey: string | undefined;
  /** Faults for every batch (the `batchFaults` server option). */
  faults: string | undefined;
  /** Aborted when the server closes: background batches stop. */
  signal: AbortSignal;
  /** Whether 200 answers are checked against the spec (the `checkResponses` server option). */
  checkResponses: boolean;
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
  /** Answers a request the router sent to a Files or Batches endpoint. */
  handle(
    req: IncomingMessage,
    res: ServerResponse,
    endpoint: StoreEndpoint,
    params: Record<string, string>,
  ): Promise<void>;
  /** Lets held batches finish (`slow` faults without `polls`). */
  release(): void;
}

/** Batch input files are limited to 200 MB by the API; other files to 512 MB. */
const MAX_FILE_BYTES = 512 * 1024 * 1024;
/** The `limit` of each list, as the spec describes it: its range and default. */
const LIST_LIMITS = {
  listFiles: { max: 10_000, default: 10_000 },
  listBatches: { max: 100, default: 20 },
} as const;

/** The Images operation a batch runs, by the batch's `endpoint` (`/v1/images/generations`). */
function operationOf(endpoint: string): Operation | undefined {
  return (Object.keys(OPERATIONS) as Operation[]).find((op) => `/v1${OPERATIONS[op].path}` === endpoint);
}

/**
 * @example
 * const batchApi = createBatchApi({ files, pipeline, policy, apiKey, faults: undefined, signal, checkResponses: true, onViolation });
 * await batchApi.handle(req, res, "listFiles", {});
 */
export function createBatchApi(deps: BatchApiDeps): BatchApi {
  const spec = createSpecValidator(openapiDocument);
  const serverFaults = parseBatchFaults(deps.faults);
  const batches: BatchStore = createBatchStore({ files: deps.files, answer, signal: deps.signal });

  async function answer(endpoint: string, body: unknown): Promise<LineAnswer> {
    const requestId = newRequestId();
    const op = operationOf(endpoint);
    if (!op) {
      const f = failure(400, `The local server does not run batches for ${endpoint}.`);
      return { status: f.status, body: f.body, requestId };
    }
    const request = {
      op,
      specPath: OPERATIONS[op].path,
      contentType: "application/json",
      body: { kind: "json" as const, value: body },
      deployment: undefined,
    };
    return { ...(await deps.pipeline.run(deps.policy, request)), requestId };
  }

  function ok(res: ServerResponse, endpoint: StoreEndpoint, body: unknown): void {
    const { method, path } = SERVER_ENDPOINTS[endpoint];
    const checked = deps.checkResponses
      ? spec.validateResponse({ method, path, status: 200, contentType: "application/json", body })
      : { valid: true as const, errors: [] };
    if (!checked.valid)
      deps.onViolation({ path, status: 200, contentType: "application/json", errors: checked.errors });
    sendJson(res, 200, body);
  }

  /** The file an id names; one the server does not hold is a 404, or a synthetic file (mock). */
  function storedFile(id: string | undefined): StoredFile {
    const stored = id ? deps.files.get(id) : undefined;
    if (stored) return stored;
    if (id && deps.policy.unknownIds === "synthesize") return syntheticFile(id);
    throw failure(404, `No such File object: ${id ?? ""}`, { param: "id", code: "not_found" });
  }

  async function createFile(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = await parseMultipart(req, {
      imageBytes: MAX_FILE_BYTES,
      maskBytes: 0,
      files: 1,
      fields: 16,
      fieldBytes: 1024,
      totalBytes: MAX_FILE_BYTES + 64 * 1024,
    });
    const file = form.files.find((f) => f.field === "file");
    const body = nestBracketFields(formForValidation(form));
    const checked = spec.validateRequest({
      method: "POST",
      path: "/files",
      contentType: "multipart/form-data",
      body,
    });
    if (!checked.valid || !file) throw invalid(checked.errors, file ? undefined : "file");
    const purpose = body.purpose as FileObject["purpose"];
    const expiresAfter = body.expires_after as { seconds: number } | undefined;
    ok(
      res,
      "createFile",
      deps.files.put(file.data, file.filename ?? "upload", purpose, expiresAfter?.seconds),
    );
  }

  async function createBatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
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
    // A mock takes any input file: one it does not hold is a batch of no requests.
    if (deps.policy.unknownIds === "synthesize") {
      ok(res, "createBatch", batches.create(request, faults, input ? undefined : ""));
      return;
    }
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
    ok(res, "createBatch", batches.create(request, faults));
  }

  async function route(
    req: IncomingMessage,
    res: ServerResponse,
    endpoint: StoreEndpoint,
    params: Record<string, string>,
  ): Promise<void> {
    if (endpoint === "createFile") return createFile(req, res);
    if (endpoint === "createBatch") return createBatch(req, res);
    await drain(req);
    const query = new URL(req.url ?? "/", "http://localhost").searchParams;
    switch (endpoint) {
      case "listFiles": {
        const purpose = query.get("purpose");
        const order = query.get("order") ?? "desc";
        if (order !== "asc" && order !== "desc") {
          throw failure(400, `Invalid value for 'order': '${order}' is not one of 'asc', 'desc'.`, {
            param: "order",
            code: "invalid_value",
          });
        }
        const all = deps.files
          .list()
          .filter((f) => purpose === null || f.purpose === purpose)
          .map((f) => ({ ...f }));
        if (order === "desc") all.reverse();
        const page = pageOf(all, listLimit(query, "listFiles", deps.policy), query.get("after"));
        // The spec requires both ids on every files page; an empty page has none to give.
        ok(res, endpoint, { ...page, first_id: page.first_id ?? "", last_id: page.last_id ?? "" });
        return;
      }
      case "retrieveFile":
        ok(res, endpoint, storedFile(params.file_id).object);
        return;
      case "downloadFile": {
        const stored = storedFile(params.file_id);
        res.writeHead(200, {
          "content-type": "application/octet-stream",
          "content-length": String(stored.bytes.length),
        });
        res.end(stored.bytes);
        return;
      }
      case "deleteFile": {
        const id = storedFile(params.file_id).object.id;
        deps.files.delete(id);
        ok(res, endpoint, { id, object: "file", deleted: true });
        return;
      }
      case "listBatches": {
        // Newest first, as the API lists them.
        const page = pageOf(
          batches.list().reverse(),
          listLimit(query, "listBatches", deps.policy),
          query.get("after"),
        );
        ok(res, endpoint, page);
        return;
      }
      case "retrieveBatch":
      case "cancelBatch": {
        const id = params.batch_id ?? "";
        const found =
          (endpoint === "cancelBatch" ? batches.cancel(id) : batches.retrieve(id)) ??
          (deps.policy.unknownIds === "synthesize" && id !== ""
            ? syntheticBatch(id, endpoint === "cancelBatch" ? "cancelling" : "completed")
            : undefined);
        if (!found)
          throw failure(404, `No batch found with id '${id}'.`, { param: "batch_id", code: "not_found" });
        ok(res, endpoint, found);
        return;
      }
    }
  }

  return {
    async handle(req, res, endpoint, params) {
      try {
        const auth = checkAuth(req, deps.apiKey);
        if (auth) throw auth;
        await route(req, res, endpoint, params);
      } catch (err) {
        const f: HttpFailure = deps.pipeline.failureOf(err);
        if (!req.readableEnded) await drain(req);
        if (!res.headersSent) sendJson(res, f.status, f.body, f.headers);
      }
    },
    release: () => batches.release(),
  };
}

/**
 * A list's `limit`: an integer (the spec's schema), in the range the spec's description states, or
 * its default when absent. Outside that range it is refused, or clamped into it, as the policy says.
 */
function listLimit(query: URLSearchParams, endpoint: keyof typeof LIST_LIMITS, policy: ServerPolicy): number {
  const { max, default: byDefault } = LIST_LIMITS[endpoint];
  const text = query.get("limit");
  if (text === null) return byDefault;
  const limit = Number(text);
  const integer = /^-?\d+$/.test(text);
  if (integer && policy.listLimit === "clamp") return Math.min(max, Math.max(1, limit));
  if (!integer || limit < 1 || limit > max) {
    throw failure(400, `Invalid value for 'limit': ${text}. It must be an integer from 1 to ${max}.`, {
      param: "limit",
      code: "invalid_value",
    });
  }
  return limit;
}

/**
 * One page of a list, as the API pages with a cursor: the `limit` objects after the one named by
 * `after` (from the start without it; none when it names no object in the list).
 */
function pageOf<T extends { id: string }>(items: readonly T[], limit: number, after: string | null) {
  const start = after === null ? 0 : items.findIndex((item) => item.id === after) + 1 || items.length;
  const data = items.slice(start, start + limit);
  const first = data[0];
  const last = data.at(-1);
  return {
    object: "list" as const,
    data,
    has_more: start + data.length < items.length,
    ...(first && last ? { first_id: first.id, last_id: last.id } : {}),
  } as { object: "list"; data: T[]; has_more: boolean; first_id?: string; last_id?: string };
}

/**
 * Folds multipart fields named with brackets into objects, as the SDKs send nested parameters:
 * `expires_after[anchor]` and `expires_after[seconds]` become `expires_after: { anchor, seconds }`.
 * A field of integer digits becomes a number (multipart carries only text).
 */
function nestBracketFields(body: Record<string, unknown>): Record<string, unknown> {
  for (const key of Object.keys(body)) {
    const m = /^([^[\]]+)\[([^[\]]+)\]$/.exec(key);
    if (!m) continue;
    const [, outer = "", inner = ""] = m;
    const value = body[key];
    delete body[key];
    if (body[outer] === undefined) body[outer] = Object.create(null);
    const target = body[outer] as Record<string, unknown>;
    if (typeof target !== "object" || target === null) continue;
    target[inner] = typeof value === "string" && /^\d{1,15}$/.test(value) ? Number(value) : value;
  }
  return body;
}

/**
 * A mock's answer for a file id it does not hold: an empty processed file of that id, as
 * `GET /files/{id}` describes one (its content, `GET /files/{id}/content`, is empty).
 */
function syntheticFile(id: string): StoredFile {
  return {
    object: {
      id,
      object: "file",
      bytes: 0,
      created_at: Math.floor(Date.now() / 1000),
      filename: "file.jsonl",
      purpose: "batch",
      status: "processed",
    },
    bytes: Buffer.alloc(0),
  };
}

/**
 * A mock's answer for a batch id it does not hold: a batch of no requests on the generations
 * endpoint, completed (retrieve) or being cancelled (cancel).
 */
function syntheticBatch(id: string, status: "completed" | "cancelling"): BatchObject {
  const now = Math.floor(Date.now() / 1000);
  return {
    id,
    object: "batch",
    endpoint: `/v1${OPERATIONS.generate.path}`,
    input_file_id: "file-mock-input",
    completion_window: "24h",
    status,
    created_at: now,
    expires_at: now + 24 * 60 * 60,
    in_progress_at: now,
    ...(status === "completed" ? { finalizing_at: now, completed_at: now } : { cancelling_at: now }),
    request_counts: { total: 0, completed: 0, failed: 0 },
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

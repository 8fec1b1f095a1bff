/**
 * The local server's batches: validated on creation, then processed in the background, line by line,
 * through the same path as `/v1/images/*` requests (`answer`, supplied by the routes), with results
 * collected into an output file and an error file as the Batch API does.
 */
import { randomBytes } from "node:crypto";
import type { components } from "../../../generated/files-batches.js";
import type { ApiErrorBody } from "../http-io.js";
import type { BatchFaults } from "./faults.js";
import type { FileStore } from "./file-store.js";

/** A batch as `/v1/batches` describes it. */
export type BatchObject = components["schemas"]["Batch"];

/** The answer to one line: what `/v1/images/*` would have answered. */
export interface LineAnswer {
  status: number;
  body: unknown;
  requestId: string;
}

/** Answers one line (op from the batch's endpoint, the line's JSON body). */
export type AnswerLine = (endpoint: string, body: unknown) => Promise<LineAnswer>;

/** See the module comment. */
export interface BatchStore {
  /**
   * Creates a batch and starts it in the background. Its lines are read from the input file, or from
   * `input` when given (a mock's batch of a file it does not hold is `""`: no requests).
   */
  create(
    request: { input_file_id: string; endpoint: string; metadata?: unknown },
    faults: BatchFaults,
    input?: string,
  ): BatchObject;
  /** A retrieve: counts towards a slow batch's polls. */
  retrieve(id: string): BatchObject | undefined;
  cancel(id: string): BatchObject | undefined;
  /** Every batch, oldest first (a list is no retrieve: it does not count towards polls). */
  list(): BatchObject[];
  /** Lets every held (`slow` without `polls`) batch finish. */
  release(): void;
}

interface Job {
  batch: BatchObject;
  faults: BatchFaults;
  polls: number;
  released: boolean;
  cancelled: boolean;
  /** Every line has run (the batch may still wait to be finalised by a slow fault). */
  processed: boolean;
  finalized: boolean;
  output: string[];
  errors: string[];
}

/** Lines processed at once per batch (each still takes a slot of the server's render limiter). */
const WORKERS = 2;
const DAY_SECONDS = 24 * 60 * 60;

/**
 * @example
 * const batches = createBatchStore({ files, answer, signal });
 * const batch = batches.create({ input_file_id, endpoint: "/v1/images/generations" }, parseBatchFaults(""));
 */
export function createBatchStore(deps: {
  files: FileStore;
  answer: AnswerLine;
  signal: AbortSignal;
}): BatchStore {
  const jobs = new Map<string, Job>();
  const now = () => Math.floor(Date.now() / 1000);

  function finish(job: Job): void {
    const { batch } = job;
    if (!job.processed || job.finalized) return;
    if (!job.cancelled && job.polls < (job.faults.slowPolls ?? 0) && !job.released) return;
    job.finalized = true;
    batch.finalizing_at = now();
    if (job.output.length > 0)
      batch.output_file_id = deps.files.put(
        Buffer.from(`${job.output.join("\n")}\n`),
        "batch_output.jsonl",
        "batch_output",
      ).id;
    if (job.errors.length > 0)
      batch.error_file_id = deps.files.put(
        Buffer.from(`${job.errors.join("\n")}\n`),
        "batch_errors.jsonl",
        "batch_output",
      ).id;
    if (job.cancelled) {
      batch.status = "cancelled";
      batch.cancelled_at = now();
    } else if (batch.status === "expired") {
      batch.expired_at = now();
    } else {
      batch.status = "completed";
      batch.completed_at = now();
    }
  }

  async function process(job: Job, lines: ParsedLine[]): Promise<void> {
    const { batch, faults } = job;
    batch.status = "in_progress";
    batch.in_progress_at = now();
    const counts = batch.request_counts ?? { total: lines.length, completed: 0, failed: 0 };
    batch.request_counts = counts;
    let next = 0;
    let expired = false;
    const worker = async () => {
      while (next < lines.length && !job.cancelled && !expired && !deps.signal.aborted) {
        // Counted when taken, so that the workers together stop after exactly `expireAfter` lines.
        if (faults.expireAfter !== undefined && next >= faults.expireAfter) {
          expired = true;
          break;
        }
        const line = lines[next++] as ParsedLine;
        const injected = faults.failLines.get(line.number);
        const answer =
          injected !== undefined
            ? { status: injected, body: injectedError(injected), requestId: requestId() }
            : await deps.answer(batch.endpoint, line.body);
        const record = {
          id: `batch_req_${randomBytes(12).toString("hex")}`,
          custom_id: line.customId,
          response: { status_code: answer.status, request_id: answer.requestId, body: answer.body },
          error: null,
        };
        if (answer.status >= 200 && answer.status < 300) {
          job.output.push(JSON.stringify(record));
          counts.completed++;
        } else {
          job.errors.push(JSON.stringify(record));
          counts.failed++;
        }
      }
    };
    await Promise.all(Array.from({ length: WORKERS }, worker));
    if (expired) {
      // Like the API: what did not run before the window closed is listed in the error file.
      const done = new Set(
        [...job.output, ...job.errors].map((r) => (JSON.parse(r) as { custom_id: string }).custom_id),
      );
      for (const line of lines) {
        if (done.has(line.customId)) continue;
        job.errors.push(
          JSON.stringify({
            id: `batch_req_${randomBytes(12).toString("hex")}`,
            custom_id: line.customId,
            response: null,
            error: {
              code: "batch_expired",
              message: "This request could not be executed before the completion window expired.",
            },
          }),
        );
      }
      batch.status = "expired";
    }
    job.processed = true;
    finish(job);
  }

  return {
    create(request, faults, inputText) {
      const input = deps.files.get(request.input_file_id);
      const created = now();
      const batch: BatchObject = {
        id: `batch_${randomBytes(12).toString("hex")}`,
        object: "batch",
        endpoint: request.endpoint,
        input_file_id: request.input_file_id,
        completion_window: "24h",
        status: "validating",
        created_at: created,
        expires_at: created + DAY_SECONDS,
        request_counts: { total: 0, completed: 0, failed: 0 },
        ...(request.metadata && typeof request.metadata === "object"
          ? { metadata: request.metadata as Record<string, string> }
          : {}),
      };
      const job: Job = {
        batch,
        faults,
        polls: 0,
        released: false,
        cancelled: false,
        processed: false,
        finalized: false,
        output: [],
        errors: [],
      };
      jobs.set(batch.id, job);
      const text = inputText ?? input?.bytes.toString("utf8") ?? "";
      const parsed = inputText === "" ? { lines: [] } : parseInput(text, request.endpoint);
      if ("errors" in parsed) {
        batch.status = "failed";
        batch.failed_at = now();
        batch.errors = { object: "list", data: parsed.errors };
        return structuredClone(batch);
      }
      batch.request_counts = { total: parsed.lines.length, completed: 0, failed: 0 };
      // In the background, as the API does; the server's close() aborts `signal` and ends it.
      void process(job, parsed.lines).catch(() => {
        batch.status = "failed";
        batch.failed_at = now();
      });
      return structuredClone(batch);
    },
    retrieve(id) {
      const job = jobs.get(id);
      if (!job) return undefined;
      job.polls++;
      finish(job);
      return structuredClone(job.batch);
    },
    cancel(id) {
      const job = jobs.get(id);
      if (!job) return undefined;
      const { batch } = job;
      if (batch.status === "validating" || batch.status === "in_progress" || batch.status === "finalizing") {
        job.cancelled = true;
        batch.status = "cancelling";
        batch.cancelling_at = now();
        finish(job);
      }
      return structuredClone(batch);
    },
    list() {
      return [...jobs.values()].map((job) => structuredClone(job.batch));
    },
    release() {
      for (const job of jobs.values()) {
        job.released = true;
        finish(job);
      }
    },
  };
}

interface ParsedLine {
  number: number;
  customId: string;
  body: unknown;
}

/** Checks the input file as the API does before running anything: every line, or the batch fails. */
function parseInput(
  text: string,
  endpoint: string,
): { lines: ParsedLine[] } | { errors: Array<{ code: string; message: string; line: number | null }> } {
  const errors: Array<{ code: string; message: string; line: number | null }> = [];
  const lines: ParsedLine[] = [];
  const seen = new Set<string>();
  text.split("\n").forEach((raw, index) => {
    if (raw.trim() === "") return;
    const number = index + 1;
    let value: { custom_id?: unknown; method?: unknown; url?: unknown; body?: unknown };
    try {
      value = JSON.parse(raw) as typeof value;
    } catch {
      errors.push({
        code: "invalid_json_line",
        message: "This line is not parseable as valid JSON.",
        line: number,
      });
      return;
    }
    if (typeof value.custom_id !== "string" || seen.has(value.custom_id)) {
      errors.push({
        code: "duplicate_custom_id",
        message: "custom_id is missing or not unique.",
        line: number,
      });
      return;
    }
    if (value.method !== "POST" || value.url !== endpoint) {
      errors.push({
        code: "mismatched_endpoint",
        message: `The line must be a POST to ${endpoint}, the endpoint of the batch.`,
        line: number,
      });
      return;
    }
    seen.add(value.custom_id);
    lines.push({ number, customId: value.custom_id, body: value.body });
  });
  if (lines.length === 0 && errors.length === 0)
    errors.push({ code: "empty_file", message: "The input file has no requests.", line: null });
  return errors.length > 0 ? { errors } : { lines };
}

function injectedError(status: number): ApiErrorBody {
  return {
    error: {
      message: `Injected batch fault: status ${status}.`,
      type: status >= 500 ? "server_error" : "invalid_request_error",
      param: null,
      code: null,
    },
  };
}

function requestId(): string {
  return `req_${randomBytes(16).toString("hex")}`;
}

/**
 * The Batch API engine: the lines go to OpenAI as a batch (`/v1/batches` over a JSONL file uploaded to
 * `/v1/files`) instead of one request each, and come back within the 24 h window. Every step that the
 * API remembers (an uploaded image, the input file, the created batch) is saved in `batch-state.json`
 * in the output folder before the next step, so a run that stops or crashes at any point is resumed by
 * running it again: it polls the saved batches instead of creating new ones.
 */
import { randomBytes } from "node:crypto";
import { open, readFile, rename, rm } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { fileFromPath } from "../node/index.js";
import { sleep } from "../retry.js";
import type { ImagesResponse } from "../types.js";
import type { Batch, CreateBatchRequest, FilePurpose, FilesBatchesClient } from "./files-batches-client.js";
import type { LineError, LineResult } from "./generate-many.js";
import type { BatchLine, BatchOp } from "./lines.js";
import { sendParams } from "./request-params.js";

/** The state file's name inside the output folder. */
export const BATCH_STATE_FILE = "batch-state.json";

/** What the API remembers for this run. */
export interface BatchState {
  version: 1;
  /** Local image path (absolute) → its `file_id`, so a resumed run does not upload it again. */
  uploads: Record<string, string>;
  /** Batches created and not yet collected. */
  batches: SavedBatch[];
}

/** A created batch and the line ids it carries. */
export interface SavedBatch {
  id: string;
  endpoint: string;
  input_file_id: string;
  lines: string[];
}

/** Options of {@link runBatchApi}. */
export interface BatchEngineOptions {
  api: FilesBatchesClient;
  /** The output folder; holds the state file. */
  dir: string;
  /** Local image paths of edit lines are relative to this folder. @default "." */
  baseDir?: string | undefined;
  /** Time between two looks at a batch, in ms. @default 15000 */
  pollIntervalMs?: number | undefined;
  /** The purpose local edit images are uploaded with. @default "vision" */
  uploadPurpose?: FilePurpose | undefined;
  /** Lines per batch (the API takes at most 50,000). @default 50000 */
  maxLinesPerBatch?: number | undefined;
  /** Aborting stops waiting: the batches keep running at OpenAI, and the next run collects them. */
  stopSignal?: AbortSignal | undefined;
  /** Whether a line is already done (its result is not written twice when a download is resumed). */
  isDone?: ((id: string) => boolean) | undefined;
  /** Each look at a batch. */
  onStatus?: ((batch: Batch) => void) | undefined;
}

const ENDPOINTS: Record<BatchOp, CreateBatchRequest["endpoint"]> = {
  generate: "/v1/images/generations",
  edit: "/v1/images/edits",
};
const TERMINAL = new Set(["completed", "failed", "expired", "cancelled"]);

/**
 * Collects the batches a previous run left, then sends the remaining lines as new batches and
 * collects those. Yields each line's result as its output is read, like `generateMany`.
 *
 * @example
 * for await (const result of runBatchApi(lines, { api: createFilesBatchesClient(), dir: "out" }))
 *   console.log(result.line.id, result.status, result.batchId);
 */
export async function* runBatchApi(
  lines: readonly BatchLine[],
  options: BatchEngineOptions,
): AsyncGenerator<LineResult, void, undefined> {
  const { api, dir } = options;
  const baseDir = options.baseDir ?? ".";
  const byId = new Map(lines.map((l) => [l.id, l]));
  const state = (await loadState(dir)) ?? { version: 1, uploads: {}, batches: [] };
  const save = () => saveState(dir, state);
  const stopped = () => options.stopSignal?.aborted === true;

  const collected = async function* (saved: SavedBatch): AsyncGenerator<LineResult, boolean, undefined> {
    const batch = await waitFor(saved.id, options);
    if (!batch) return false;
    yield* readResults(batch, saved, byId, options);
    state.batches = state.batches.filter((b) => b.id !== saved.id);
    await save();
    return true;
  };

  // Lines of saved batches are theirs in this run, whatever happens to them: never sent twice at once.
  const claimed = new Set(state.batches.flatMap((b) => b.lines));
  for (const saved of [...state.batches]) {
    if (!(yield* collected(saved))) return;
  }

  const fresh = lines.filter((l) => !claimed.has(l.id) && !options.isDone?.(l.id));
  const limit = options.maxLinesPerBatch ?? 50_000;
  const created: SavedBatch[] = [];
  const createdBatches: Batch[] = [];
  for (const op of ["generate", "edit"] as const) {
    const group = fresh.filter((l) => l.op === op);
    for (let i = 0; i < group.length && !stopped(); i += limit) {
      const chunk = group.slice(i, i + limit);
      const bodies: string[] = [];
      for (const line of chunk) {
        const body = op === "edit" ? await editBody(line, baseDir, state, save, options) : sendParams(line);
        bodies.push(JSON.stringify({ custom_id: line.id, method: "POST", url: ENDPOINTS[op], body }));
      }
      const input = new Blob([`${bodies.join("\n")}\n`], { type: "application/jsonl" });
      const file = await api.uploadFile(input, "openai-images-batch.jsonl", "batch");
      const batch = await api.createBatch({
        input_file_id: file.id,
        endpoint: ENDPOINTS[op],
        completion_window: "24h",
        metadata: { created_by: "openai-images" },
      });
      const saved = {
        id: batch.id,
        endpoint: ENDPOINTS[op],
        input_file_id: file.id,
        lines: chunk.map((l) => l.id),
      };
      state.batches.push(saved);
      created.push(saved);
      createdBatches.push(batch);
      await save();
    }
  }
  // Reported once all are created and saved: from here on, stopping loses nothing.
  for (const batch of createdBatches) options.onStatus?.(batch);
  for (const saved of created) {
    if (!(yield* collected(saved))) return;
  }
  if (state.batches.length === 0) await rm(join(dir, BATCH_STATE_FILE), { force: true });
}

/** Polls until the batch ends; `undefined` when the caller stopped waiting first. */
async function waitFor(id: string, options: BatchEngineOptions): Promise<Batch | undefined> {
  for (;;) {
    const batch = await options.api.retrieveBatch(id);
    options.onStatus?.(batch);
    if (TERMINAL.has(batch.status)) return batch;
    try {
      await sleep(options.pollIntervalMs ?? 15_000, options.stopSignal);
    } catch {
      return undefined;
    }
  }
}

/** One line of an output or error file. */
interface ResultLine {
  custom_id?: string;
  response?: { status_code?: number; request_id?: string; body?: unknown } | null;
  error?: { code?: string; message?: string } | null;
}

async function* readResults(
  batch: Batch,
  saved: SavedBatch,
  byId: Map<string, BatchLine>,
  options: BatchEngineOptions,
): AsyncGenerator<LineResult, void, undefined> {
  const seen = new Set<string>();
  const mine = new Set(saved.lines);
  // The API sends `null` for files a batch does not have, where the spec says the field is absent.
  const files = [batch.output_file_id, batch.error_file_id].filter((f): f is string => typeof f === "string");
  for (const fileId of files) {
    const response = await options.api.fileContent(fileId);
    for await (const text of jsonLines(response)) {
      const record = JSON.parse(text) as ResultLine;
      const id = record.custom_id;
      if (typeof id !== "string" || !mine.has(id) || seen.has(id)) continue;
      seen.add(id);
      const line = byId.get(id);
      if (!line || options.isDone?.(id)) continue;
      yield toResult(line, record, batch.id);
    }
  }
  const why = batchFailure(batch);
  for (const id of saved.lines) {
    const line = byId.get(id);
    if (seen.has(id) || !line || options.isDone?.(id)) continue;
    yield { line, status: "failed", error: why, attempts: 1, batchId: batch.id };
  }
}

function toResult(line: BatchLine, record: ResultLine, batchId: string): LineResult {
  const status = record.response?.status_code;
  const requestId = record.response?.request_id;
  if (status !== undefined && status >= 200 && status < 300) {
    return {
      line,
      status: "done",
      response: record.response?.body as ImagesResponse,
      requestId,
      attempts: 1,
      batchId,
    };
  }
  const body = record.response?.body as { error?: Partial<Record<keyof LineError, unknown>> } | undefined;
  const apiError = body?.error;
  const error: LineError = {
    message: String(
      apiError?.message ?? record.error?.message ?? `the batch answered ${status ?? "no status"}`,
    ),
    ...(status !== undefined ? { status } : {}),
    ...(typeof apiError?.code === "string"
      ? { code: apiError.code }
      : record.error?.code
        ? { code: record.error.code }
        : {}),
    ...(typeof apiError?.type === "string" ? { type: apiError.type } : {}),
    ...(typeof apiError?.param === "string" ? { param: apiError.param } : {}),
  };
  return { line, status: "failed", requestId, error, attempts: 1, batchId };
}

/** Why lines of a batch have no result: the batch expired, failed validation or was cancelled. */
function batchFailure(batch: Batch): LineError {
  const errors = batch.errors?.data?.map((e) => e.message).filter(Boolean) ?? [];
  const code =
    batch.status === "expired"
      ? "batch_expired"
      : batch.status === "cancelled"
        ? "batch_cancelled"
        : "batch_failed";
  return {
    message: `batch ${batch.id} ended ${batch.status} without a result for this line${errors.length > 0 ? `: ${errors.join("; ")}` : ""}`,
    code,
  };
}

/** The lines of a JSONL body, read as it streams (an output file holds every image in base64). */
async function* jsonLines(response: Response): AsyncGenerator<string, void, undefined> {
  if (!response.body) return;
  let buffer = "";
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += value;
      let newline = buffer.indexOf("\n");
      while (newline >= 0) {
        const text = buffer.slice(0, newline).trim();
        buffer = buffer.slice(newline + 1);
        if (text) yield text;
        newline = buffer.indexOf("\n");
      }
    }
  } finally {
    // Ends the download when the consumer stops early; a no-op once the body was read.
    await reader.cancel().catch(() => {});
  }
  if (buffer.trim()) yield buffer.trim();
}

/** An edit line as JSON: `images` and `mask` as references, local paths uploaded first. */
async function editBody(
  line: BatchLine,
  baseDir: string,
  state: BatchState,
  save: () => Promise<void>,
  options: BatchEngineOptions,
): Promise<Record<string, unknown>> {
  const { image, images, mask, ...rest } = sendParams(line);
  const toRef = async (item: unknown) => {
    if (typeof item !== "string") return item;
    const path = resolve(baseDir, item);
    let fileId = state.uploads[path];
    if (!fileId) {
      const file = await options.api.uploadFile(
        await fileFromPath(path),
        basename(path),
        options.uploadPurpose ?? "vision",
      );
      fileId = file.id;
      state.uploads[path] = fileId;
      await save();
    }
    return { file_id: fileId };
  };
  const list = [
    ...(Array.isArray(images) ? images : []),
    ...(Array.isArray(image) ? image : image === undefined ? [] : [image]),
  ];
  const refs = [];
  for (const item of list) refs.push(await toRef(item));
  return { images: refs, ...rest, ...(mask !== undefined ? { mask: await toRef(mask) } : {}) };
}

/** The saved state of a previous run, or `undefined`. */
export async function loadState(dir: string): Promise<BatchState | undefined> {
  try {
    return JSON.parse(await readFile(join(dir, BATCH_STATE_FILE), "utf8")) as BatchState;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
}

/** Writes the state atomically (temporary file, fsync, rename): a crash leaves the old or the new. */
async function saveState(dir: string, state: BatchState): Promise<void> {
  const path = join(dir, BATCH_STATE_FILE);
  const temp = `${path}.${randomBytes(4).toString("hex")}.tmp`;
  const handle = await open(temp, "w");
  try {
    await handle.writeFile(`${JSON.stringify(state, null, 2)}\n`);
    await handle.datasync();
  } finally {
    await handle.close();
  }
  await rename(temp, path);
}

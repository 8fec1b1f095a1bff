/**
 * `runBatch`: a whole batch run into a folder. Checks every line, skips those the manifest already has
 * as done, runs the rest through one of the two engines (live requests or the Batch API), and writes
 * each result (its images, then its manifest record) as it arrives. Both engines produce the same
 * files and records, so a run can be switched from one to the other between attempts.
 */
import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { ImagesClient } from "../client.js";
import { fileFromPath, ImagesError } from "../node/index.js";
import type { ImageUsage } from "../types.js";
import { BATCH_STATE_FILE, loadState, runBatchApi } from "./batch-engine.js";
import type { Batch, FilePurpose, FilesBatchesClient } from "./files-batches-client.js";
import { describeError, generateMany, type LineResult } from "./generate-many.js";
import type { LineIssue, ParsedInput } from "./lines.js";
import { MANIFEST_FILE, type ManifestRecord, openManifest, readManifest } from "./manifest.js";
import { decodeLineImages, type LineImage, removeLeftovers, writeLineImages } from "./output.js";
import { sendParams } from "./request-params.js";
import type { ThrottleState } from "./throttle.js";
import { validateLines } from "./validate-lines.js";

/** Counts of a run so far. */
export interface BatchCounts {
  /** Lines in the input (valid or not). */
  total: number;
  /** Done in an earlier run, skipped. */
  skipped: number;
  /** Refused by the checks; never sent. */
  invalid: number;
  done: number;
  failed: number;
  cancelled: number;
}

/** What a run reports while it works. */
export type BatchEvent =
  | { type: "start"; counts: BatchCounts; toRun: number }
  | { type: "line"; counts: BatchCounts; record: ManifestRecord }
  | { type: "throttle"; state: Readonly<ThrottleState> }
  | { type: "batch"; batch: Batch };

/** Options of {@link runBatch}. */
export interface RunBatchOptions {
  /** The lines, as parsed by `parseJsonl` or `parsePrompts` (their parse problems count as invalid). */
  input: ParsedInput;
  /** The output folder: images, `manifest.jsonl` and (Batch API) `batch-state.json`. */
  out: string;
  /** Local image paths in edit lines are relative to this folder. @default "." */
  baseDir?: string | undefined;
  /** `live`: one request per line. `batch`: OpenAI's Batch API. @default "live" */
  engine?: "live" | "batch" | undefined;
  /** The client for live requests (and for its connection settings). */
  client: ImagesClient;
  /** The Files and Batches client, for `engine: "batch"`. */
  api?: FilesBatchesClient | undefined;
  /** Live: most requests in flight. @default 4 */
  concurrency?: number | undefined;
  /** Live: retries per line. @default 8 */
  maxRetries?: number | undefined;
  /** Batch API: ms between two looks at a batch. @default 15000 */
  pollIntervalMs?: number | undefined;
  /** Batch API: purpose of uploaded edit images. @default "vision" */
  uploadPurpose?: FilePurpose | undefined;
  /** Stop taking new lines (live) or stop waiting for the batch (Batch API); what is in flight finishes. */
  stopSignal?: AbortSignal | undefined;
  /** Live: cancel the requests in flight too. */
  signal?: AbortSignal | undefined;
  onEvent?: ((event: BatchEvent) => void) | undefined;
}

/** How a run ended. */
export interface BatchSummary {
  counts: BatchCounts;
  /** Every problem of every invalid line. */
  issues: LineIssue[];
  /** Batch API batches still running (run again to collect them). */
  pendingBatches: string[];
  manifest: string;
}

/**
 * Every problem of every line, without sending anything: the `--dry-run` of the CLI.
 *
 * @example
 * const issues = await checkBatch(parseJsonl(text), { baseDir: "." });
 * // [{ line: 7, id: "banner-fr", param: "size", message: 'size "1000x1000" is not allowed …' }]
 */
export async function checkBatch(
  input: ParsedInput,
  options: { baseDir?: string | undefined } = {},
): Promise<LineIssue[]> {
  const issues = [...input.issues, ...(await validateLines(input.lines, options))];
  return issues.sort((a, b) => a.line - b.line);
}

/**
 * @example
 * import { createImagesClient } from "openai-images/node";
 * import { parseJsonl, runBatch } from "openai-images/batch";
 * const summary = await runBatch({ client: createImagesClient(), input: parseJsonl(text), out: "out/" });
 * console.log(summary.counts); // { total: 200, done: 198, failed: 2, … }
 */
export async function runBatch(options: RunBatchOptions): Promise<BatchSummary> {
  const out = resolve(options.out);
  const baseDir = options.baseDir ?? ".";
  const engine = options.engine ?? "live";
  await mkdir(out, { recursive: true });
  await removeLeftovers(out);
  const manifestPath = join(out, MANIFEST_FILE);
  if (engine === "live" && (await loadState(out))?.batches.length) {
    throw new ImagesError(
      `${join(out, BATCH_STATE_FILE)} lists Batch API batches still to collect: finish them with the batch engine first, or delete the file.`,
    );
  }

  const issues = await checkBatch(options.input, { baseDir });
  const invalidLines = new Set(issues.map((i) => i.line));
  const previous = await readManifest(manifestPath);
  const done = new Set([...previous.values()].filter((r) => r.status === "done").map((r) => r.id as string));
  const valid = options.input.lines.filter((l) => !invalidLines.has(l.line));
  const toRun = valid.filter((l) => !done.has(l.id));
  const counts: BatchCounts = {
    total: options.input.lines.length + options.input.issues.length,
    skipped: valid.length - toRun.length,
    invalid: invalidLines.size,
    done: 0,
    failed: 0,
    cancelled: 0,
  };
  const emit = options.onEvent ?? (() => {});
  const manifest = await openManifest(manifestPath);
  try {
    for (const record of invalidRecords(options.input, issues, engine)) await manifest.append(record);
    emit({ type: "start", counts: { ...counts }, toRun: toRun.length });

    const results =
      engine === "live"
        ? generateMany(options.client, toRun, {
            concurrency: options.concurrency,
            maxRetries: options.maxRetries,
            stopSignal: options.stopSignal,
            signal: options.signal,
            prepare: (line) => openUploads(sendParams(line), baseDir),
            onThrottle: (state) => emit({ type: "throttle", state }),
          })
        : runBatchApi(toRun, {
            api: requireApi(options.api),
            dir: out,
            baseDir,
            pollIntervalMs: options.pollIntervalMs,
            uploadPurpose: options.uploadPurpose,
            stopSignal: options.stopSignal,
            isDone: (id) => done.has(id),
            onStatus: (batch) => emit({ type: "batch", batch }),
          });
    // Results are written side by side (images, then the manifest record), a few at a time, so that
    // disk syncs overlap with each other and with the requests still running.
    const write = async (result: Decoded) => {
      const record = await recordOf(result, out, engine);
      await manifest.append(record);
      if (record.status === "done" && record.id) done.add(record.id);
      if (record.status !== "invalid") counts[record.status]++;
      options.onEvent?.({ type: "line", counts: { ...counts }, record });
    };
    const writers = Math.max(1, options.concurrency ?? 4);
    const writing = new Set<Promise<void>>();
    let failure: { error: unknown } | undefined;
    // Resolved when a write ends. Not `Promise.race(writing)`: each race would leave a reaction on every
    // write still running, and those live as long as the slowest of them (an fsync).
    let freed: (() => void) | undefined;
    for await (const result of results) {
      while (writing.size >= writers && !failure) {
        await new Promise<void>((resolve) => {
          freed = resolve;
        });
      }
      if (failure) break;
      // Decoded here, so that no write waiting on the disk keeps the answer's JSON alive.
      const job: Promise<void> = write(decoded(result))
        .catch((error: unknown) => {
          failure ??= { error };
        })
        .finally(() => {
          writing.delete(job);
          freed?.();
          freed = undefined;
        });
      writing.add(job);
    }
    await Promise.all(writing);
    if (failure) throw failure.error;
  } finally {
    await manifest.close();
  }
  const state = engine === "batch" ? await loadState(out) : undefined;
  return { counts, issues, pendingBatches: state?.batches.map((b) => b.id) ?? [], manifest: manifestPath };
}

function requireApi(api: FilesBatchesClient | undefined): FilesBatchesClient {
  if (!api) throw new ImagesError('engine "batch" needs the Files and Batches client (`api`)');
  return api;
}

/** A result with its answer's images decoded and the answer itself dropped (all a record needs of it). */
interface Decoded extends Omit<LineResult, "response" | "attempts"> {
  images: LineImage[];
  usage: ImageUsage | null;
}

function decoded(result: LineResult): Decoded {
  const { line, requestId, batchId, response } = result;
  let { status, error } = result;
  let images: LineImage[] = [];
  if (status === "done" && response) {
    try {
      images = decodeLineImages(line.id, response);
    } catch (err) {
      status = "failed";
      error = describeError(err);
    }
  }
  const usage = status === "done" ? (response?.usage ?? null) : null;
  return { line, status, error, requestId, batchId, images, usage };
}

/** A result as a manifest record, its images written first. */
async function recordOf(result: Decoded, out: string, engine: "live" | "batch"): Promise<ManifestRecord> {
  const { line } = result;
  let files: string[] = [];
  let status = result.status;
  let error = result.error ?? null;
  if (status === "done") {
    try {
      files = await writeLineImages(out, line.id, result.images);
    } catch (err) {
      status = "failed";
      error = describeError(err);
    }
  }
  return {
    id: line.id,
    line: line.line,
    op: line.op,
    status,
    files,
    usage: status === "done" ? result.usage : null,
    request_id: result.requestId ?? null,
    error,
    engine,
    ...(result.batchId ? { batch_id: result.batchId } : {}),
    at: new Date().toISOString(),
  };
}

/** One `invalid` record per refused input line, with all of its problems. */
function invalidRecords(input: ParsedInput, issues: LineIssue[], engine: "live" | "batch"): ManifestRecord[] {
  const byLine = new Map<number, LineIssue[]>();
  for (const issue of issues) byLine.set(issue.line, [...(byLine.get(issue.line) ?? []), issue]);
  const ops = new Map(input.lines.map((l) => [l.line, l.op]));
  const at = new Date().toISOString();
  return [...byLine].map(([line, list]) => ({
    id: list[0]?.id ?? null,
    line,
    op: ops.get(line) ?? null,
    status: "invalid" as const,
    files: [],
    usage: null,
    request_id: null,
    error: {
      message: list.map((i) => (i.param ? `${i.param}: ${i.message}` : i.message)).join("; "),
      code: "invalid_request",
      ...(list[0]?.param ? { param: list[0].param } : {}),
    },
    engine,
    at,
  }));
}

/** Local image paths of an edit as disk-backed uploads; references pass through. */
async function openUploads(
  params: Record<string, unknown>,
  baseDir: string,
): Promise<Record<string, unknown>> {
  const open = async (item: unknown) =>
    typeof item === "string" ? fileFromPath(resolve(baseDir, item)) : item;
  const out = { ...params };
  if (Array.isArray(params.image)) out.image = await Promise.all(params.image.map(open));
  else if (params.image !== undefined) out.image = await open(params.image);
  if (params.mask !== undefined) out.mask = await open(params.mask);
  return out;
}

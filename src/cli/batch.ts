/**
 * `openai-images batch <input> --out <dir>`: a resumable batch run. The input is JSONL (one request per
 * line) or, for any other extension, a text file of prompts that share the command's options. Progress
 * and invalid lines go to stderr, the summary to stdout.
 *
 * Exit codes: 0 every valid line is done; 1 some lines failed (or a batch is still running); 2 invalid
 * lines (with `--dry-run`: any; nothing was sent); 130 stopped by Ctrl-C.
 */
import { readFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import {
  checkBatch,
  createFilesBatchesClient,
  type LineIssue,
  type ParsedInput,
  parseJsonl,
  parsePrompts,
  runBatch,
} from "../batch/index.js";
import { batchFlags, intOption, stringOption, UsageError } from "./args.js";
import { createProgressView } from "./batch-progress.js";
import { type CommandContext, flagParams } from "./commands.js";
import type { Connection } from "./connection.js";
import type { CliOutput, CliSignal } from "./run.js";

/** Options of a prompts file that become each line's parameters (their CLI name → API name). */
/**
 * Batch API polls: OpenAI's batches take minutes to hours, so the library's 15 s suits them; the local
 * server (embedded, or on a loopback address) finishes a batch at once, and a run there should not
 * wait 15 s for nothing.
 */
const LOCAL_POLL_MS = 250;

export function pollDefault(connection: Connection): number | undefined {
  if (connection.fetch) return LOCAL_POLL_MS;
  let host: string;
  try {
    host = new URL(connection.baseUrl ?? "").hostname;
  } catch {
    return undefined;
  }
  return /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(host) ? LOCAL_POLL_MS : undefined;
}

/** Runs the command; resolves to the exit code. */
export async function batch(
  ctx: CommandContext & {
    connection: Connection;
    apiKey: string | undefined;
    /** Sends the CLI's other progress lines (warnings, the embedded server's notice) through the view. */
    routeProgress: (sink: ((line: string) => void) | undefined) => void;
    /** Where the progress view draws. */
    stderr: CliOutput;
    /** Subscribes to Ctrl-C; returns the unsubscribe function. */
    onSignal: (signal: CliSignal, listener: () => void) => () => void;
  },
  positionals: string[],
): Promise<number> {
  const [inputPath, ...extra] = positionals;
  if (inputPath === undefined || extra.length > 0) {
    throw new UsageError(
      "batch takes one input file: openai-images batch <in.jsonl|prompts.txt> --out <dir>/",
    );
  }
  const resolvePath = ctx.resolvePath ?? ((path: string) => path);
  const input = await readInput(ctx, inputPath, resolvePath);
  const baseDir = dirname(resolvePath(inputPath));

  if (ctx.values["dry-run"] === true) {
    const issues = await checkBatch(input, { baseDir });
    reportIssues(ctx, issues);
    const lines = input.lines.length + input.issues.length;
    const bad = new Set(issues.map((i) => i.line)).size;
    ctx.print(
      bad === 0
        ? `${lines} lines are valid; nothing was sent.`
        : `${bad} of ${lines} lines are invalid; nothing was sent.`,
    );
    return bad === 0 ? 0 : 2;
  }

  const out = stringOption(ctx.values, "out");
  if (out === undefined)
    throw new UsageError("batch needs --out <dir>/ (images and manifest.jsonl go there)");
  const engine = stringOption(ctx.values, "engine") ?? "live";
  if (engine !== "live" && engine !== "batch")
    throw new UsageError(`--engine must be "live" or "batch", got ${JSON.stringify(engine)}`);
  const concurrency = intOption(ctx.values, "concurrency", "concurrency") ?? 4;
  if (concurrency < 1) throw new UsageError("--concurrency must be at least 1");

  const view = await createProgressView(ctx.stderr);
  ctx.routeProgress((line) => view.note(line));
  const stop = new AbortController();
  const cancel = new AbortController();
  const onSigint = () => {
    if (!stop.signal.aborted) {
      stop.abort();
      view.note(
        engine === "batch"
          ? "Stopping: the batch keeps running at the API; run the same command again to collect it."
          : "Stopping: no new lines; waiting for those in flight (Ctrl-C again cancels them).",
      );
    } else {
      cancel.abort(new Error("cancelled by Ctrl-C"));
    }
  };
  const offSigint = ctx.onSignal("SIGINT", onSigint);
  try {
    const summary = await runBatch({
      input,
      out: resolvePath(out),
      baseDir,
      engine,
      client: ctx.client,
      api: createFilesBatchesClient({
        apiKey: ctx.apiKey,
        ...(ctx.connection.baseUrl ? { baseUrl: ctx.connection.baseUrl } : {}),
        ...(ctx.connection.fetch ? { fetch: ctx.connection.fetch } : {}),
      }),
      concurrency,
      maxRetries: intOption(ctx.values, "max-retries", "max-retries"),
      pollIntervalMs: intOption(ctx.values, "poll-interval", "poll-interval") ?? pollDefault(ctx.connection),
      stopSignal: stop.signal,
      signal: cancel.signal,
      onEvent: (event) => view.update(event),
    });
    view.stop();
    reportIssues(ctx, summary.issues);
    const c = summary.counts;
    ctx.print(
      `done ${c.done}, failed ${c.failed}, cancelled ${c.cancelled}, invalid ${c.invalid}, skipped ${c.skipped} (already done) → ${join(out, basename(summary.manifest))}`,
    );
    for (const id of summary.pendingBatches)
      ctx.print(`batch ${id} is still running: run the same command again to collect it`);
    if (stop.signal.aborted) return 130;
    if (c.failed > 0 || c.cancelled > 0 || summary.pendingBatches.length > 0) return 1;
    return c.invalid > 0 ? 2 : 0;
  } finally {
    view.stop();
    ctx.routeProgress(undefined);
    offSigint();
  }
}

async function readInput(
  ctx: CommandContext,
  path: string,
  resolvePath: (path: string) => string,
): Promise<ParsedInput> {
  let text: string;
  try {
    text = await readFile(resolvePath(path), "utf8");
  } catch (err) {
    throw new UsageError(
      `cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
  if (/\.jsonl$/i.test(path)) return parseJsonl(text);
  // The shared options are generate's own flags, read through the parameter declarations.
  return parsePrompts(text, await flagParams("generate", ctx.values, { flags: batchFlags(), resolvePath }));
}

function reportIssues(ctx: CommandContext, issues: readonly LineIssue[]): void {
  for (const issue of issues) {
    const where = `line ${issue.line}${issue.id ? ` (${issue.id})` : ""}`;
    ctx.progress(`invalid ${where}: ${issue.param ? `parameter ${issue.param}: ` : ""}${issue.message}`);
  }
}

/**
 * Progress of `openai-images batch` on stderr: a live bar on a terminal (cli-progress, loaded only
 * here, so the library never pulls it in), one plain line per event otherwise (logs, CI, tests).
 */
import type { BatchEvent } from "../batch/index.js";
import type { CliOutput } from "./run.js";

/** Receives the run's events; `stop()` ends the bar before the summary is printed. */
export interface ProgressView {
  update(event: BatchEvent): void;
  note(line: string): void;
  stop(): void;
}

/**
 * @example
 * const view = await createProgressView(process.stderr);
 * await runBatch({ …, onEvent: (e) => view.update(e) });
 * view.stop();
 */
export async function createProgressView(stream: CliOutput): Promise<ProgressView> {
  if (!stream.isTTY) return createPlain(stream);
  // cli-progress is an optional peer dependency: without it a terminal gets the plain lines.
  return createBar(stream as NodeJS.WriteStream).catch((err: { code?: string }) => {
    if (err.code !== "ERR_MODULE_NOT_FOUND") throw err;
    stream.write("(install cli-progress for a live progress bar)\n");
    return createPlain(stream);
  });
}

function createPlain(stream: CliOutput): ProgressView {
  const write = (line: string) => stream.write(`${line}\n`);
  let total = 0;
  let lastBatch = "";
  return {
    update(event) {
      if (event.type === "start") {
        total = event.toRun + event.counts.skipped;
        write(
          `${event.toRun} to run, ${event.counts.skipped} already done, ${event.counts.invalid} invalid (of ${event.counts.total} lines)`,
        );
      } else if (event.type === "line") {
        const { record, counts } = event;
        const n = counts.skipped + counts.done + counts.failed + counts.cancelled;
        const detail =
          record.status === "done"
            ? record.files.join(", ")
            : `${record.error?.status ?? ""} ${record.error?.message ?? ""}`.trim();
        write(`[${n}/${total}] ${record.status} ${record.id}: ${detail}`);
      } else if (event.type === "throttle") {
        const paused = event.state.pausedUntil - Date.now();
        write(`concurrency ${event.state.limit}${paused > 0 ? `, paused ${paused} ms (rate limit)` : ""}`);
      } else {
        const { batch } = event;
        const c = batch.request_counts;
        const key = `${batch.id} ${batch.status} ${c?.completed ?? 0} ${c?.failed ?? 0}`;
        if (key === lastBatch) return;
        lastBatch = key;
        write(
          `batch ${batch.id} ${batch.status}: ${c?.completed ?? 0} done, ${c?.failed ?? 0} failed of ${c?.total ?? 0}`,
        );
      }
    },
    note: write,
    stop() {},
  };
}

async function createBar(stream: NodeJS.WriteStream): Promise<ProgressView> {
  const { default: progress } = await import("cli-progress");
  // A MultiBar with one bar: its `log()` prints lines above the bar without breaking its redraws.
  const multi = new progress.MultiBar(
    {
      stream,
      format: "{bar} {value}/{total} | failed {failed} | {rate}/s | ETA {eta_formatted} | {phase}",
      hideCursor: true,
      clearOnComplete: false,
    },
    progress.Presets.shades_classic,
  );
  let bar: ReturnType<typeof multi.create> | undefined;
  let started = 0;
  let base = 0;
  let phase = "starting";
  let failed = 0;
  let stopped = false;
  const rate = (value: number) => {
    const seconds = (Date.now() - started) / 1000;
    return seconds > 0 ? ((value - base) / seconds).toFixed(1) : "0.0";
  };
  return {
    update(event) {
      if (event.type === "start") {
        started = Date.now();
        base = event.counts.skipped;
        bar = multi.create(event.toRun + event.counts.skipped, base, { failed: 0, rate: "0.0", phase });
      } else if (event.type === "line") {
        const { counts } = event;
        failed = counts.failed + counts.cancelled;
        const value = counts.skipped + counts.done + failed;
        bar?.update(value, { failed, rate: rate(value), phase });
      } else if (event.type === "throttle") {
        phase = `concurrency ${event.state.limit}${event.state.pausedUntil > Date.now() ? " (rate limited)" : ""}`;
        bar?.update({ phase });
      } else {
        const c = event.batch.request_counts;
        phase = `batch ${event.batch.status} ${c?.completed ?? 0}/${c?.total ?? 0}`;
        bar?.update({ phase });
      }
    },
    note(line) {
      if (stopped || !bar) stream.write(`${line}\n`);
      else multi.log(`${line}\n`);
    },
    stop() {
      if (stopped) return;
      stopped = true;
      // stop() does not print lines still waiting in log(): one last update does.
      multi.update();
      multi.stop();
    },
  };
}

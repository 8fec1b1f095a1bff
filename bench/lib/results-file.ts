/**
 * Reads back what `npm run bench` and `npm run bench:batch` wrote: `bench/RESULTS.md` (the latest run)
 * and `bench/runs/` (every committed run, verbatim), so the README's figures are read from the results
 * instead of being typed a second time.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { BENCH } from "./paths.js";
import { BATCH_SECTION_START, batchSection } from "./sections.js";

/** Every committed run: `<timestamp>.md` for `npm run bench`, `batch-<timestamp>.md` for `bench:batch`. */
export const RUNS_DIR = join(BENCH, "runs");

/** One row of a results table, cells as written. */
export interface ResultRow {
  measure: string;
  ours: string;
  /** The SDK's value (`bench:batch`: the reference pool's). */
  sdk: string;
  ratio: string;
  target: string;
  /** `pass`, `miss`, or `""` for rows without a target. */
  result: "pass" | "miss" | "";
}

/** One run as its file states it. */
export interface Run {
  /** ISO timestamp from the "Written … on" line. */
  written: string;
  /** The 1-minute load average at the start and at the end of the run. */
  load: [number, number];
  /** The Machine list (`npm run bench` only), one entry per line without the dash. */
  machine: string[];
  rows: ResultRow[];
  /** The Notes list (`npm run bench` only). */
  notes: string[];
}

function parseRows(lines: readonly string[]): ResultRow[] {
  return lines
    .filter((l) => l.startsWith("| ") && !l.startsWith("| measure "))
    .map((line) => {
      // No cell holds a pipe: the measures name code in backticks, never a table.
      const cells = line
        .split("|")
        .slice(1, -1)
        .map((c) => c.trim());
      const [measure = "", ours = "", sdk = "", ratio = "", target = "", verdict = ""] = cells;
      const result = verdict.includes("pass") ? "pass" : verdict.includes("miss") ? "miss" : "";
      return { measure, ours, sdk, ratio, target, result };
    });
}

const listUnder = (lines: readonly string[], heading: string): string[] => {
  const start = lines.indexOf(heading);
  if (start < 0) return [];
  const out: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith("## ")) break;
    if (line.startsWith("- ")) out.push(line.slice(2));
  }
  return out;
};

/** The `npm run bench` part of a results file (everything outside the batch section). */
export function parseBenchRun(text: string): Run {
  const own = text.replace(batchSection(text), "");
  const lines = own.split("\n");
  const written = /Written by `npm run bench` on (\S+) /.exec(own)?.[1];
  const load = /1-minute load average: ([\d.]+) at the start, ([\d.]+) at the end/.exec(own);
  if (!written || !load) throw new Error("not a results file of `npm run bench`: no Written or load line");
  const table = lines.slice(lines.indexOf("## Results"));
  return {
    written,
    load: [Number(load[1]), Number(load[2])],
    machine: listUnder(lines, "## Machine"),
    rows: parseRows(
      table.slice(
        0,
        table.findIndex((l, i) => i > 0 && l.startsWith("## ")),
      ),
    ),
    notes: listUnder(lines, "## Notes"),
  };
}

/** The `npm run bench:batch` section of a results file, or undefined when there is none. */
export function parseBatchRun(text: string): Run | undefined {
  const section = batchSection(text);
  if (!section) return undefined;
  const m = /Written on (\S+); 1-minute load average ([\d.]+) at the start, ([\d.]+) at the end/.exec(
    section,
  );
  if (!m?.[1]) throw new Error("the bench:batch section has no Written line");
  return {
    written: m[1],
    load: [Number(m[2]), Number(m[3])],
    machine: [],
    rows: parseRows(section.split("\n")),
    notes: [],
  };
}

/** `2026-12-01T11:26:49.724Z` → `2026-12-01T11-26-49Z`: the run's file name in `bench/runs/`, colons left out. */
export function runFileStem(written: string): string {
  return written.replace(/\.\d+Z$/, "Z").replaceAll(":", "-");
}

/** Every committed run, oldest first: `npm run bench`'s and `bench:batch`'s apart. */
export function readRuns(dir = RUNS_DIR): { bench: Run[]; batch: Run[] } {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".md"))
    .sort();
  const read = (f: string) => readFileSync(join(dir, f), "utf8");
  const bench = files.filter((f) => !f.startsWith("batch-")).map((f) => parseBenchRun(read(f)));
  const batch = files
    .filter((f) => f.startsWith("batch-"))
    .map((f) => {
      const run = parseBatchRun(read(f));
      if (!run) throw new Error(`${f} has no ${BATCH_SECTION_START} section`);
      return run;
    });
  const byTime = (a: Run, b: Run) => a.written.localeCompare(b.written);
  return { bench: bench.sort(byTime), batch: batch.sort(byTime) };
}

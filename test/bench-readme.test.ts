/**
 * The README's performance figures are written from the benchmark results (`npm run docs:bench`,
 * bench/readme.ts): the latest run in bench/RESULTS.md, the ranges over every committed run in
 * bench/runs/. These tests fail when a figure in the README differs from the results, and when a
 * committed run is missing from bench/runs/.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { RESULTS_FILE } from "../bench/lib/paths.js";
import { parseBatchRun, parseBenchRun, RUNS_DIR, runFileStem } from "../bench/lib/results-file.js";
import { type BenchResults, readResults, renderReadme } from "../bench/readme.js";

const ROOT = resolve(import.meta.dirname, "..");
const readme = readFileSync(join(ROOT, "README.md"), "utf8");
const results = readResults();

/** `results` with one cell of one row of the latest run replaced. */
function withCell(measure: string, cell: "ours" | "sdk" | "ratio", value: string): BenchResults {
  const rows = results.latest.rows.map((r) => (r.measure === measure ? { ...r, [cell]: value } : r));
  return { ...results, latest: { ...results.latest, rows } };
}

describe("README performance figures", () => {
  it("are the ones bench/RESULTS.md and bench/runs/ give (run `npm run docs:bench` after a bench run)", () => {
    expect(renderReadme(readme, results)).toBe(readme);
  });

  it("follow a changed result: the Why section and the table both show it", () => {
    const changed = renderReadme(readme, withCell("upload peak RSS growth, 16 × 25 MB", "ours", "99.9 MB"));
    const why = changed.slice(
      changed.indexOf("<!-- section: why -->"),
      changed.indexOf("<!-- /section: why -->"),
    );
    expect(why).toContain("with 99.9 MB of peak RSS growth");
    expect(changed).toContain("| 99.9 MB (SDK ");
    const faster = renderReadme(
      readme,
      withCell("streaming, wall time (3 × 3 MB partials + completed)", "ours", "88.6 ms"),
    );
    expect(faster).toContain("(10.0× faster)");
  });

  it("list a row that missed in any committed run as one that swings, with its count", () => {
    const [first, ...rest] = results.history.bench;
    if (!first) throw new Error("no committed runs in bench/runs/");
    const missedOnce = {
      ...first,
      rows: first.rows.map((r) =>
        r.measure === "validation, edit with 4 images (headers + rules)"
          ? { ...r, result: "miss" as const }
          : r,
      ),
    };
    const out = renderReadme(readme, {
      ...results,
      history: { ...results.history, bench: [missedOnce, ...rest] },
    });
    const n = results.history.bench.length;
    expect(out).toContain(`pre-flight validation (missed in 1 of ${n} runs)`);
    expect(out).toMatch(new RegExp(`\\| pass \\(missed in 1 of ${n} runs\\) \\|\\n\\| batch runs`));
  });

  it("give ranges over every committed run, the latest included", () => {
    const { bench, batch } = results.history;
    expect(bench.at(-1)?.written).toBe(results.latest.written);
    expect(batch.at(-1)?.written).toBe(results.latestBatch?.written);
    const ratios = bench.map(
      (run) => run.rows.find((r) => r.measure === "throughput, 200 generates at concurrency 16")?.ratio ?? "",
    );
    const numbers = ratios.map((r) => Number.parseFloat(r));
    expect(readme).toContain(
      `${Math.min(...numbers).toFixed(2)}–${Math.max(...numbers).toFixed(2)}× (${bench.length})`,
    );
  });
});

describe("bench/runs/", () => {
  it("holds the latest run of bench/RESULTS.md verbatim", () => {
    const text = readFileSync(RESULTS_FILE, "utf8");
    const latest = parseBenchRun(text);
    const stored = readFileSync(join(RUNS_DIR, `${runFileStem(latest.written)}.md`), "utf8");
    expect(parseBenchRun(stored)).toEqual(latest);
    const batch = parseBatchRun(text);
    if (batch) {
      const storedBatch = readFileSync(join(RUNS_DIR, `batch-${runFileStem(batch.written)}.md`), "utf8");
      expect(parseBatchRun(storedBatch)).toEqual(batch);
    }
  });

  // A clone without history (shallow, or an exported tarball) cannot say which runs were committed.
  const git = (args: string[]) => execFileSync("git", args, { cwd: ROOT, encoding: "utf8" }).trim();
  let full = false;
  try {
    full = git(["rev-parse", "--is-shallow-repository"]) === "false";
  } catch {}
  it.runIf(full)("holds every run ever committed to bench/RESULTS.md in this branch's history", () => {
    const commits = git(["log", "--full-history", "--format=%H", "HEAD", "--", "bench/RESULTS.md"]).split(
      "\n",
    );
    const stems = new Set<string>();
    for (const commit of commits.filter(Boolean)) {
      let text = "";
      try {
        text = git(["show", `${commit}:bench/RESULTS.md`]);
      } catch {
        continue; // the commit deleted or renamed the file
      }
      stems.add(`${runFileStem(parseBenchRun(text).written)}.md`);
      const batch = parseBatchRun(text);
      if (batch) stems.add(`batch-${runFileStem(batch.written)}.md`);
    }
    const runs = new Set(
      [...results.history.bench.map((r) => `${runFileStem(r.written)}.md`)].concat(
        results.history.batch.map((r) => `batch-${runFileStem(r.written)}.md`),
      ),
    );
    expect([...stems].filter((s) => !runs.has(s))).toEqual([]);
  });
});

/**
 * `npm run bench:batch`: the batch runner's own cost, by hand (not part of CI or the tests).
 *
 * - Throughput: 200 lines at concurrency 16 against the local Images server, through `runBatch` (live
 *   engine) and through a hand-written `Promise.all` pool over the plain client; alternating, each run
 *   in a fresh process. Target: the runner within 10 % of the pool.
 * - Memory: the runner's peak RSS for 200 and for 2,000 lines. Target: flat (the manifest and images go
 *   to disk as they arrive; nothing grows with the number of lines but the input itself).
 *
 * Writes its section of `bench/RESULTS.md` (between the `bench:batch` markers; `npm run bench` keeps it).
 */
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { startImagesServer } from "../src/server/index.js";
import { compiled, compileForNode } from "./lib/compile.js";
import { RESULTS_FILE, WORK } from "./lib/paths.js";
import { RESULT_PREFIX } from "./lib/protocol.js";
import { describeMachine, load } from "./lib/report.js";
import { RUNS_DIR, runFileStem } from "./lib/results-file.js";
import { BATCH_SECTION_END, BATCH_SECTION_START, withBatchSection } from "./lib/sections.js";
import { mb, median, spread } from "./lib/stats.js";
import { writeReadme } from "./readme.js";
import type { BatchResult, BatchTask } from "./workers/batch-worker.js";

const ROUNDS = 5;
const LINES = 200;
const CONCURRENCY = 16;
const MEMORY_LINES = [200, 2000] as const;
const MEMORY_PROCESSES = 2;
/** A longer run of the runner alone: does peak RSS keep growing with the number of lines, or level off? */
const PLATEAU_LINES = 4000;

/** `--trace-gc`: where each memory worker's V8 GC trace goes. */
const GC_DIR = join(WORK, "gc");

function runWorker(
  task: BatchTask,
  nodeFlags: readonly string[] = [],
): Promise<BatchResult & { stdout: string }> {
  return new Promise((resolve, reject) => {
    const args = [
      "--expose-gc",
      ...nodeFlags,
      compiled("bench/workers/batch-worker.ts"),
      JSON.stringify(task),
    ];
    const child = spawn(process.execPath, args, {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => {
      stdout += c;
    });
    child.stderr.setEncoding("utf8").on("data", (c: string) => {
      stderr += c;
    });
    child.on("close", (code) => {
      const line = stdout.split("\n").find((l) => l.startsWith(RESULT_PREFIX));
      if (code !== 0 || !line) reject(new Error(`batch worker failed (exit ${code}): ${stderr.trim()}`));
      else resolve({ ...(JSON.parse(line.slice(RESULT_PREFIX.length)) as BatchResult), stdout });
    });
  });
}

const USAGE = `Usage: npm run bench:batch [-- <option>]

Measures the batch runner against a Promise.all pool over the plain client (throughput, and peak RSS
at 200, 2,000 and 4,000 lines; several minutes), then writes its section of bench/RESULTS.md, a copy
in bench/runs/, and the README's performance figures (npm run docs:bench).

Options:
  --trace-gc  run only the memory workers (runner and pool, 200 and 2,000 lines, once each) under
              node --trace-gc-nvp and write each one's V8 GC trace to bench/.work/gc/; the results
              files and the README are left alone
  --help, -h  print this and run nothing
`;

/** What the command line asks for; anything unknown is an error before any work starts. */
export function parseBatchArgs(argv: readonly string[]): { help: boolean; traceGc: boolean } {
  if (argv.includes("--help") || argv.includes("-h")) return { help: true, traceGc: false };
  const traceGc = argv.length === 1 && argv[0] === "--trace-gc";
  if (argv.length > 0 && !traceGc) throw new Error(`unknown arguments: ${argv.join(" ")}\n\n${USAGE}`);
  return { help: false, traceGc };
}

/**
 * The note for a peak RSS that is not flat: only what this run measured, and what to run for the cause
 * (the run itself does not trace the collector).
 */
export function flatMissNote(m: {
  growth: number;
  poolGrowth: number;
  heapGrowth: number;
  plateauGrowth: number;
}): string {
  const heapFlat = m.heapGrowth <= 2 * 1024 * 1024;
  return `Peak RSS misses "flat": it grows by ${mb(m.growth)} from ${MEMORY_LINES[0]} to ${MEMORY_LINES[1]} lines; the hand-written pool over the plain client, which keeps nothing, grows by ${mb(m.poolGrowth)} in the same run. The heap the runner retains after the run (after full GCs) grows by ${mb(m.heapGrowth, 2)}, ${heapFlat ? "so what it keeps alive does not account for the step" : "so part of the step is memory the runner keeps alive"}, and from ${MEMORY_LINES[1]} to ${PLATEAU_LINES} lines peak RSS grows by ${mb(m.plateauGrowth)}. This run does not measure where the rest of the peak comes from. To find out, run \`npm run bench:batch -- --trace-gc\`: it writes V8's GC trace (\`--trace-gc-nvp\`) of each memory worker to \`bench/.work/gc/\`, where the young generation's size and the bytes surviving each scavenge can be compared between the ${MEMORY_LINES[0]}- and the ${MEMORY_LINES[1]}-line runs.`;
}

/** `--trace-gc`: the memory workers under V8's GC trace, one log each, and nothing else. */
async function traceGc(): Promise<void> {
  await compileForNode();
  const server = await startImagesServer({ maxQueue: 256 });
  mkdirSync(GC_DIR, { recursive: true });
  try {
    for (const mode of ["runner", "pool"] as const) {
      for (const lines of MEMORY_LINES) {
        const task = { baseUrl: server.url, concurrency: CONCURRENCY, warmup: CONCURRENCY, mode, lines };
        const result = await runWorker(task, ["--trace-gc-nvp"]);
        const file = join(GC_DIR, `${mode}-${lines}.log`);
        writeFileSync(file, result.stdout);
        process.stderr.write(
          `bench:batch: ${mode}, ${lines} lines: peak RSS ${mb(result.peakRss)}, trace in ${file}\n`,
        );
      }
    }
  } finally {
    await server.close();
  }
}

async function main(): Promise<void> {
  const args = parseBatchArgs(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (args.traceGc) {
    await traceGc();
    return;
  }
  const loadAtStart = load();
  await compileForNode();
  // Room for every request in flight; rendering stays the server's default 4 at a time.
  const server = await startImagesServer({ maxQueue: 256 });
  const base = { baseUrl: server.url, concurrency: CONCURRENCY, warmup: CONCURRENCY };
  const throughput: Record<"runner" | "pool", BatchResult[]> = { runner: [], pool: [] };
  const memory = new Map<string, BatchResult[]>();
  try {
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate which goes first, so that neither always meets a warmer machine.
      const order = round % 2 === 0 ? (["runner", "pool"] as const) : (["pool", "runner"] as const);
      for (const mode of order) {
        process.stderr.write(`bench:batch: throughput ${mode}, round ${round + 1}/${ROUNDS}\n`);
        throughput[mode].push(await runWorker({ ...base, mode, lines: LINES }));
      }
    }
    for (let p = 0; p < MEMORY_PROCESSES; p++) {
      for (const mode of ["runner", "pool"] as const) {
        for (const lines of MEMORY_LINES) {
          process.stderr.write(
            `bench:batch: memory, ${mode}, ${lines} lines, process ${p + 1}/${MEMORY_PROCESSES}\n`,
          );
          const key = `${mode} ${lines}`;
          memory.set(key, [...(memory.get(key) ?? []), await runWorker({ ...base, mode, lines })]);
        }
      }
      process.stderr.write(
        `bench:batch: memory, runner, ${PLATEAU_LINES} lines, process ${p + 1}/${MEMORY_PROCESSES}\n`,
      );
      const key = `runner ${PLATEAU_LINES}`;
      memory.set(key, [
        ...(memory.get(key) ?? []),
        await runWorker({ ...base, mode: "runner", lines: PLATEAU_LINES }),
      ]);
    }
  } finally {
    await server.close();
  }

  const rate = (rs: BatchResult[]) => median(rs.map((r) => r.linesPerSecond));
  const runner = rate(throughput.runner);
  const pool = rate(throughput.pool);
  const ratio = runner / pool;
  const peak = (mode: string, lines: number) =>
    median((memory.get(`${mode} ${lines}`) ?? []).map((r) => r.peakRss));
  const small = peak("runner", MEMORY_LINES[0]);
  const large = peak("runner", MEMORY_LINES[1]);
  const growth = large - small;
  const poolGrowth = peak("pool", MEMORY_LINES[1]) - peak("pool", MEMORY_LINES[0]);
  const heap = (lines: number) => median((memory.get(`runner ${lines}`) ?? []).map((r) => r.retainedHeap));
  const heapGrowth = heap(MEMORY_LINES[1]) - heap(MEMORY_LINES[0]);
  const flat = growth <= 16 * 1024 * 1024;
  const written = new Date().toISOString();
  const section = [
    BATCH_SECTION_START,
    "## Batch runs (`npm run bench:batch`)",
    "",
    `Written on ${written}; 1-minute load average ${loadAtStart} at the start, ${load()} at the end.`,
    "The local Images server (rendering 256×256 `low` pictures, 4 at a time) runs in the orchestrator; each",
    "client run is a fresh Node process after a warm-up of 16 requests.",
    "",
    "| measure | runner | reference | ratio | target | result |",
    "|---|---:|---:|---:|---|---|",
    `| throughput, ${LINES} lines at concurrency ${CONCURRENCY}: \`runBatch\` (live) vs a \`Promise.all\` pool over the plain client | ${runner.toFixed(0)} lines/s | ${pool.toFixed(0)} lines/s | ${ratio.toFixed(2)}× | ≥ 0.90× | ${ratio >= 0.9 ? "✅ pass" : "❌ miss"} |`,
    `| peak RSS, ${MEMORY_LINES[0]} → ${MEMORY_LINES[1]} lines | ${mb(small)} → ${mb(large)} | ${mb(peak("pool", MEMORY_LINES[0]))} → ${mb(peak("pool", MEMORY_LINES[1]))} | +${mb(growth)} (pool +${mb(poolGrowth)}) | flat (≤ +16 MB) | ${flat ? "✅ pass" : "❌ miss"} |`,
    `| peak RSS, ${MEMORY_LINES[1]} → ${PLATEAU_LINES} lines (runner) | ${mb(large)} → ${mb(peak("runner", PLATEAU_LINES))} | | ${mb(peak("runner", PLATEAU_LINES) - large)} | | — |`,
    `| heap retained after the run (after full GCs), ${MEMORY_LINES[0]} → ${MEMORY_LINES[1]} lines (runner) | ${mb(heap(MEMORY_LINES[0]))} → ${mb(heap(MEMORY_LINES[1]))} | | +${mb(heapGrowth, 2)} | flat (≤ +2 MB) | ${heapGrowth <= 2 * 1024 * 1024 ? "✅ pass" : "❌ miss"} |`,
    "",
    ...(flat
      ? []
      : [
          flatMissNote({
            growth,
            poolGrowth,
            heapGrowth,
            plateauGrowth: peak("runner", PLATEAU_LINES) - large,
          }),
          "",
        ]),
    "Details:",
    "",
    `- Throughput, ${ROUNDS} processes each: runner ${spread(
      throughput.runner.map((r) => r.linesPerSecond),
      0,
    )} lines/s, pool ${spread(
      throughput.pool.map((r) => r.linesPerSecond),
      0,
    )} lines/s. The runner also validates every line first, writes each image under a temporary name and renames it, and appends and fsyncs a manifest record per line; the pool only writes the images.`,
    ...(["runner", "pool"] as const).flatMap((mode) =>
      [...MEMORY_LINES, ...(mode === "runner" ? [PLATEAU_LINES] : [])].map((lines) => {
        const rs = memory.get(`${mode} ${lines}`) ?? [];
        return `- Memory, ${mode}, ${lines} lines, ${MEMORY_PROCESSES} processes: peak RSS ${spread(rs.map((r) => r.peakRss / 1024 / 1024))} MB, baseline RSS before the run ${spread(rs.map((r) => r.baselineRss / 1024 / 1024))} MB, ${spread(
          rs.map((r) => r.linesPerSecond),
          0,
        )} lines/s.`;
      }),
    ),
    ...describeMachine().filter((l) => !l.includes("SDK")),
    BATCH_SECTION_END,
    "",
  ].join("\n");
  console.log(section);
  writeFileSync(RESULTS_FILE, withBatchSection(readFileSync(RESULTS_FILE, "utf8"), section));
  mkdirSync(RUNS_DIR, { recursive: true });
  writeFileSync(join(RUNS_DIR, `batch-${runFileStem(written)}.md`), section);
  writeReadme();
  process.stderr.write(
    `bench:batch: wrote its section of ${RESULTS_FILE}, its copy in bench/runs/ and the README's figures\n`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}

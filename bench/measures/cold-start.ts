/**
 * (2) Cold start: wall time of a fresh `node` that imports the package's main entry, minus the same
 * `node` with nothing to import. All three variants use `--input-type=module -e` so that the baseline
 * pays the same ESM start-up the imports do. Ours is the compiled per-file JS of `src/` (what `dist/`
 * holds); the SDK is `openai` from node_modules. Runs are interleaved so that drift hits all three alike.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { compiled } from "../lib/compile.js";
import { ROOT } from "../lib/paths.js";
import type { MeasureResult } from "../lib/report.js";
import { median, ms, ratio, spread } from "../lib/stats.js";

const RUNS = 20;
const WARMUP = 2;

/** Each variant ends by printing its own CPU time: unlike wall time, it hardly moves with machine load. */
const PRINT_CPU =
  "const u = process.resourceUsage(); process.stdout.write(String(u.userCPUTime + u.systemCPUTime));";

function timeNode(code: string): { wall: number; cpu: number } {
  const start = performance.now();
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", `${code}${PRINT_CPU}`], {
    cwd: ROOT,
    stdio: "pipe",
  });
  const wall = performance.now() - start;
  if (result.status !== 0) throw new Error(`node -e failed: ${result.stderr.toString().trim()}`);
  return { wall, cpu: Number(result.stdout.toString()) / 1000 };
}

export async function measureColdStart(): Promise<MeasureResult> {
  const oursEntry = compiled("src/index.ts");
  const variants = {
    bare: "",
    ours: `await import(${JSON.stringify(pathToFileURL(oursEntry).href)});`,
    sdk: `await import("openai");`,
  };
  const hasOurs = existsSync(oursEntry);
  const samples: Record<keyof typeof variants, number[]> = { bare: [], ours: [], sdk: [] };
  const cpu: Record<keyof typeof variants, number[]> = { bare: [], ours: [], sdk: [] };
  for (let i = 0; i < WARMUP + RUNS; i++) {
    for (const key of ["bare", "ours", "sdk"] as const) {
      if (key === "ours" && !hasOurs) continue;
      const t = timeNode(variants[key]);
      if (i >= WARMUP) {
        samples[key].push(t.wall);
        cpu[key].push(t.cpu);
      }
    }
  }
  const bare = median(samples.bare);
  const sdkAdded = median(samples.sdk) - bare;
  const oursAdded = hasOurs ? median(samples.ours) - bare : Number.NaN;
  const measured = hasOurs;
  const bareCpu = median(cpu.bare);
  const sdkCpu = median(cpu.sdk) - bareCpu;
  const oursCpu = hasOurs ? median(cpu.ours) - bareCpu : Number.NaN;
  return {
    rows: [
      {
        measure: "cold start, import added",
        ours: measured ? ms(oursAdded) : "—",
        sdk: ms(sdkAdded),
        ratio: measured ? ratio(oursAdded, sdkAdded) : "—",
        target: "≤ 0.25×",
        verdict: measured ? (oursAdded <= sdkAdded / 4 ? "pass" : "miss") : "unavailable",
      },
      {
        measure: "cold start, CPU time added by import",
        ours: measured ? ms(oursCpu) : "—",
        sdk: ms(sdkCpu),
        ratio: measured ? ratio(oursCpu, sdkCpu) : "—",
        target: "",
        verdict: measured ? "info" : "unavailable",
      },
    ],
    details: [
      `Cold start: ${RUNS} runs each after ${WARMUP} warm-up rounds, interleaved. Medians: bare ${ms(bare)} (${spread(
        samples.bare,
      )}), ours ${measured ? `${ms(median(samples.ours))} (${spread(samples.ours)})` : "n/a"}, SDK ${ms(
        median(samples.sdk),
      )} (${spread(samples.sdk)}). CPU (user + system) medians: bare ${ms(bareCpu)}, ours ${
        measured ? ms(median(cpu.ours)) : "n/a"
      }, SDK ${ms(median(cpu.sdk))}.`,
    ],
    notes: measured ? [] : ["Cold start (ours) not measured: src/index.ts did not compile."],
  };
}

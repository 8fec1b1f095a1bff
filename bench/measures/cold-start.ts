/**
 * (2) Cold start: wall time of a fresh `node` that imports the package's main entry, minus the same
 * `node` with nothing to import. All variants use `--input-type=module -e` so that the baseline pays
 * the same ESM start-up the imports do. Ours is `import "openai-images"` resolved through the
 * package's exports map, as a Node user's import is: the bundled Node flavour in `dist/` (bench/run.ts
 * builds it first). An info row gives the same code as per-file modules, which is how it shipped
 * before the entries were bundled. The SDK is `openai` from node_modules. Runs are interleaved so
 * that drift hits all variants alike.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
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

/** Modules a Node import of `entry` loads (files in its graph, packages followed), counted by esbuild. */
async function moduleCount(entry: string): Promise<number> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    metafile: true,
    write: false,
    logLevel: "error",
  });
  return Object.keys(result.metafile.inputs).length;
}

type Variant = "bare" | "ours" | "oursPerFile" | "sdk";

/** An added time; a median below the bare run's is noise around zero, shown as such. */
function addedMs(value: number): string {
  return value <= 0 ? "≈ 0 ms" : ms(value);
}

export async function measureColdStart(): Promise<MeasureResult> {
  const perFileEntry = compiled("src/node/index.ts");
  const oursModules = await moduleCount(join(ROOT, "dist/node.js"));
  const perFileModules = await moduleCount(join(ROOT, "src/node/index.ts"));
  const sdkModules = await moduleCount(join(ROOT, "node_modules/openai/index.mjs"));
  const variants: Record<Variant, string> = {
    bare: "",
    ours: `await import("openai-images");`,
    oursPerFile: `await import(${JSON.stringify(pathToFileURL(perFileEntry).href)});`,
    sdk: `await import("openai");`,
  };
  const keys = Object.keys(variants) as Variant[];
  const wall: Record<Variant, number[]> = { bare: [], ours: [], oursPerFile: [], sdk: [] };
  const cpu: Record<Variant, number[]> = { bare: [], ours: [], oursPerFile: [], sdk: [] };
  for (let i = 0; i < WARMUP + RUNS; i++) {
    for (const key of keys) {
      const t = timeNode(variants[key]);
      if (i >= WARMUP) {
        wall[key].push(t.wall);
        cpu[key].push(t.cpu);
      }
    }
  }
  const added = (samples: Record<Variant, number[]>, key: Variant) =>
    median(samples[key]) - median(samples.bare);
  const oursAdded = added(wall, "ours");
  const sdkAdded = added(wall, "sdk");
  const perFileAdded = added(wall, "oursPerFile");
  const pass = oursAdded <= sdkAdded / 4;
  const notes: string[] = [];
  if (!pass) {
    notes.push(
      `Cold start misses its target by ${ms(oursAdded - sdkAdded / 4)}: ours adds ${ms(oursAdded)} against ${ms(
        sdkAdded / 4,
      )} (a quarter of the SDK's ${ms(sdkAdded)}), ${ratio(oursAdded, sdkAdded)} instead of ≤ 0.25×. The import loads ${oursModules} modules (our one bundled file and its dependencies) against the SDK's ${sdkModules}; the time is Node's ESM loader resolving, reading and compiling them, so what is left to cut is bytes of code parsed at start-up.`,
    );
  }
  return {
    rows: [
      {
        measure: "cold start, import added",
        ours: ms(oursAdded),
        sdk: ms(sdkAdded),
        ratio: ratio(oursAdded, sdkAdded),
        target: "≤ 0.25×",
        verdict: pass ? "pass" : "miss",
      },
      {
        measure: "cold start, CPU time added by import",
        ours: ms(added(cpu, "ours")),
        sdk: ms(added(cpu, "sdk")),
        ratio: ratio(added(cpu, "ours"), added(cpu, "sdk")),
        target: "",
        verdict: "info",
      },
      {
        measure: "cold start, import added, ours as per-file modules (before bundling)",
        ours: addedMs(perFileAdded),
        sdk: ms(sdkAdded),
        ratio: perFileAdded <= 0 ? "≈ 0×" : ratio(perFileAdded, sdkAdded),
        target: "",
        verdict: "info",
      },
    ],
    details: [
      `Cold start: ${RUNS} runs each after ${WARMUP} warm-up rounds, interleaved. Wall medians (spread): ${keys
        .map((k) => `${k} ${ms(median(wall[k]))} (${spread(wall[k])})`)
        .join(
          ", ",
        )}. CPU (user + system) medians: ${keys.map((k) => `${k} ${ms(median(cpu[k]))}`).join(", ")}. Modules in the import graph: ours ${oursModules} (per-file: ${perFileModules}), SDK ${sdkModules}. Ours is \`import "openai-images"\` from the repository root, which Node resolves through the package's exports map to the bundled \`dist/node.js\`.`,
    ],
    notes,
  };
}

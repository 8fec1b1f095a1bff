/**
 * `npm run bench`: measures openai-images and the official `openai` SDK side by side, in one run on one
 * machine, prints a Markdown table of medians and ours/SDK ratios, and writes it with a machine
 * description to `bench/RESULTS.md`. Not part of CI or the tests.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { compileForNode } from "./lib/compile.js";
import { RESULTS_FILE, ROOT } from "./lib/paths.js";
import { describeMachine, load, type MeasureResult, renderTable } from "./lib/report.js";
import { batchSection } from "./lib/sections.js";
import { measureBundle } from "./measures/bundle.js";
import { measureColdStart } from "./measures/cold-start.js";
import { measureInstall } from "./measures/install.js";
import { measureStreaming } from "./measures/streaming.js";
import { measureThroughput } from "./measures/throughput.js";
import { measureUploads } from "./measures/uploads.js";
import { measureValidation } from "./measures/validation.js";

const MEASURES: [string, () => Promise<MeasureResult>][] = [
  ["install", measureInstall],
  ["bundle size", measureBundle],
  ["cold start", measureColdStart],
  ["streaming", measureStreaming],
  ["uploads", measureUploads],
  ["throughput", measureThroughput],
  ["validation", measureValidation],
];

async function main(): Promise<void> {
  const started = performance.now();
  const loadAtStart = load();
  // Only `--only <name>` lets a developer rerun one measure; the committed results come from a full run.
  const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1] : undefined;
  // The install, cold-start and upload measures use the package as published: `dist/`, resolved by
  // name through the package's own exports map.
  execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  await compileForNode();
  const results: MeasureResult[] = [];
  for (const [name, measure] of MEASURES) {
    if (only && !name.startsWith(only)) continue;
    const t = performance.now();
    process.stderr.write(`bench: ${name}…`);
    results.push(await measure());
    process.stderr.write(` ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  }
  const table = renderTable(results.flatMap((r) => r.rows));
  const seconds = (performance.now() - started) / 1000;
  console.log(table);

  const notes = results.flatMap((r) => r.notes);
  const markdown = [
    "# Benchmark results",
    "",
    `Written by \`npm run bench\` on ${new Date().toISOString()} (whole run: ${seconds.toFixed(0)} s).`,
    "Medians; ratios are ours / SDK (lower is better, except throughput). Both clients ran in the same run,",
    "against the same loopback servers, each in its own Node process.",
    "",
    "## Machine",
    "",
    ...describeMachine(),
    `- 1-minute load average: ${loadAtStart} at the start, ${load()} at the end of the run`,
    "",
    "## Results",
    "",
    table,
    "",
    ...(notes.length > 0 ? ["## Notes", "", ...notes.map((n) => `- ${n}`), ""] : []),
    "## Details",
    "",
    ...results.flatMap((r) => r.details).map((d) => `- ${d}`),
    "",
  ].join("\n");
  if (only) {
    process.stderr.write("bench: partial run (--only), bench/RESULTS.md left unchanged\n");
  } else {
    // `npm run bench:batch` owns its own section: keep it.
    const batch = batchSection(readFileSync(RESULTS_FILE, "utf8"));
    writeFileSync(RESULTS_FILE, batch ? `${markdown}\n${batch}\n` : markdown);
    process.stderr.write(`bench: wrote ${RESULTS_FILE}\n`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

/**
 * `npm run bench`: measures openai-images and the official `openai` SDK side by side, in one run on one
 * machine, prints a Markdown table of medians and ours/SDK ratios, and writes it with a machine
 * description to `bench/RESULTS.md`. Not part of CI or the tests.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { compileForNode } from "./lib/compile.js";
import { RESULTS_FILE, ROOT } from "./lib/paths.js";
import { describeMachine, load, type MeasureResult, renderTable } from "./lib/report.js";
import { RUNS_DIR, runFileStem } from "./lib/results-file.js";
import { batchSection } from "./lib/sections.js";
import { measureBundle } from "./measures/bundle.js";
import { measureColdStart } from "./measures/cold-start.js";
import { measureInstall } from "./measures/install.js";
import { measureStreaming } from "./measures/streaming.js";
import { measureThroughput } from "./measures/throughput.js";
import { measureUploads } from "./measures/uploads.js";
import { measureValidation } from "./measures/validation.js";
import { writeReadme } from "./readme.js";

const MEASURES: [string, () => Promise<MeasureResult>][] = [
  ["install", measureInstall],
  ["bundle size", measureBundle],
  ["cold start", measureColdStart],
  ["streaming", measureStreaming],
  ["uploads", measureUploads],
  ["throughput", measureThroughput],
  ["validation", measureValidation],
];

const USAGE = `Usage: npm run bench [-- <option>]

Measures openai-images and the official openai SDK side by side (a few minutes; about 400 MB of
upload fixtures in bench/.work/). A full run writes bench/RESULTS.md, a copy in bench/runs/, and the
README's performance figures (npm run docs:bench).

Options:
  --only <measure>  run the measures whose name starts with <measure> and print their table;
                    bench/RESULTS.md, bench/runs/ and the README are left alone.
                    Measures: ${MEASURES.map(([name]) => name).join(", ")}
  --help, -h        print this and run nothing
`;

/** What the command line asks for; anything unknown is an error before any work starts. */
export function parseArgs(argv: readonly string[]): { help: true } | { help: false; only?: string } {
  if (argv.includes("--help") || argv.includes("-h")) return { help: true };
  const [first, second, ...rest] = argv;
  if (first === undefined) return { help: false };
  const names = MEASURES.map(([name]) => name);
  if (first !== "--only" || !second || rest.length > 0 || !names.some((n) => n.startsWith(second))) {
    throw new Error(`unknown arguments: ${argv.join(" ")}\n\n${USAGE}`);
  }
  return { help: false, only: second };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(USAGE);
    return;
  }
  const started = performance.now();
  const loadAtStart = load();
  // Only `--only <name>` lets a developer rerun one measure; the committed results come from a full run.
  const only = args.only;
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
    // Every committed run stays readable: the README's ranges are taken over bench/runs/.
    mkdirSync(RUNS_DIR, { recursive: true });
    const written = /on (\S+) \(whole run/.exec(markdown)?.[1] ?? new Date().toISOString();
    writeFileSync(join(RUNS_DIR, `${runFileStem(written)}.md`), markdown);
    writeReadme();
    process.stderr.write(`bench: wrote ${RESULTS_FILE}, its copy in bench/runs/ and the README's figures\n`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}

/**
 * Writes the README's performance figures from the benchmark results, so that no figure is typed twice:
 * the "Why" section's figures and the Benchmarks section come from `bench/RESULTS.md` (the latest run)
 * and their ranges from `bench/runs/` (every committed run, verbatim).
 *
 *   npm run docs:bench            rewrite README.md between the `why` and `benchmarks` markers
 *   npm run docs:bench -- --check exit 1 when either section is stale
 *
 * `npm run bench` and `npm run bench:batch` run it after writing their results.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { RESULTS_FILE, ROOT } from "./lib/paths.js";
import { parseBatchRun, parseBenchRun, type ResultRow, type Run, readRuns } from "./lib/results-file.js";

export const README_FILE = join(ROOT, "README.md");

/** The results a README is rendered from: the latest runs and every committed run. */
export interface BenchResults {
  latest: Run;
  latestBatch: Run | undefined;
  history: { bench: Run[]; batch: Run[] };
}

export function readResults(): BenchResults {
  const text = readFileSync(RESULTS_FILE, "utf8");
  return { latest: parseBenchRun(text), latestBatch: parseBatchRun(text), history: readRuns() };
}

/** The row of `run` named `measure`; a renamed measure must break the docs, not blank a figure. */
function rowOf(run: Run, measure: string): ResultRow {
  const row = run.rows.find((r) => r.measure === measure);
  if (!row) throw new Error(`the run of ${run.written} has no row "${measure}"`);
  return row;
}

/** The first number in a cell (`"2702"`, `"15.83 MB"`, `"+28.7 MB (pool +28.6 MB)"`). */
function numberIn(cell: string): number {
  const m = /[\d.]+/.exec(cell.replaceAll(",", ""));
  if (!m) throw new Error(`no number in "${cell}"`);
  return Number(m[0]);
}

/** `2702` → `2,702`. */
const grouped = (cell: string) => numberIn(cell).toLocaleString("en-US");

const M = {
  installSize: "install for the client, node_modules size",
  installFiles: "install for the client, files in node_modules",
  bundle: "bundle, min + gzip",
  bundleMin: "bundle, minified",
  cold: "cold start, import added",
  coldCpu: "cold start, CPU time added by import",
  coldPerFile: "cold start, import added, ours as per-file modules (before bundling)",
  streamTime: "streaming, wall time (3 × 3 MB partials + completed)",
  streamTimeNode: "streaming, wall time (3 × 3 MB partials + completed), ours on Node transport",
  streamRss: "streaming, peak RSS growth",
  upload16: "upload peak RSS growth, 16 × 25 MB",
  uploadFlat: "upload growth, 16 files minus 1 file",
  throughput: "throughput, 200 generates at concurrency 16",
  throughputNode: "throughput, 200 generates at concurrency 16, ours on Node transport",
  throughputCpu: "throughput, client CPU per call",
  validation: "validation, edit with 4 images (headers + rules)",
  batchRate:
    "throughput, 200 lines at concurrency 16: `runBatch` (live) vs a `Promise.all` pool over the plain client",
  batchRss: "peak RSS, 200 → 2000 lines",
  batchHeap: "heap retained after the run (after full GCs), 200 → 2000 lines (runner)",
} as const;

/** How a judged row fared over the committed runs that have it. */
interface Track {
  /** The README's short name for the row. */
  name: string;
  /** Which cell is ranged: the ratio, or ours where the target is on our own figure. */
  cell: "ratio" | "ours";
  runs: number;
  missed: number;
  min: string;
  max: string;
}

function track(name: string, runs: readonly Run[], measure: string, cell: "ratio" | "ours"): Track {
  const rows = runs.flatMap((run) => run.rows.filter((r) => r.measure === measure));
  const values = rows.map((r) => ({ value: numberIn(r[cell]), text: r[cell].replace(/^\+/, "") }));
  values.sort((a, b) => a.value - b.value);
  const strip = (t: string | undefined) => (t ?? "").replace(/ \(.*\)$/, "");
  return {
    name,
    cell,
    runs: rows.length,
    missed: rows.filter((r) => r.result === "miss").length,
    min: strip(values[0]?.text),
    max: strip(values.at(-1)?.text),
  };
}

/** `0.87–1.07×`, or one value when every run gave the same. */
function rangeText(t: Track): string {
  if (t.min === t.max) return t.min;
  const unit = t.max.replace(/^[\d.,]+/, "");
  return t.min.endsWith(unit)
    ? `${t.min.slice(0, t.min.length - unit.length)}–${t.max}`
    : `${t.min}–${t.max}`;
}

/** The result column: the latest verdict, and how often it went the other way in committed runs. */
function resultText(latest: ResultRow, t: Track): string {
  const verdict = latest.result || "—";
  if (t.missed === 0 || t.missed === t.runs) return verdict;
  return latest.result === "miss"
    ? `miss (passed in ${t.runs - t.missed} of ${t.runs} runs)`
    : `pass (missed in ${t.missed} of ${t.runs} runs)`;
}

const dateOf = (run: Run | undefined) => run?.written.slice(0, 10) ?? "";

/** The "Why" section, markers excluded. */
export function renderWhySection({ latest }: BenchResults): string {
  const size = rowOf(latest, M.installSize);
  const files = rowOf(latest, M.installFiles);
  const bundle = rowOf(latest, M.bundle);
  const cold = rowOf(latest, M.cold);
  const stream = rowOf(latest, M.streamTime);
  const upload = rowOf(latest, M.upload16);
  const faster = (numberIn(stream.sdk) / numberIn(stream.ours)).toFixed(1);
  return `
## Why this instead of the official \`openai\` SDK?

For images, this package does what the SDK leaves to the paid API, and each point below is covered by the
test suite or measured in \`bench/RESULTS.md\` in the repository (the figures here are written from it by
\`npm run docs:bench\`; the latest run is of ${dateOf(latest)}):

- **Bad requests cost nothing, and the API of today.** The documented rules of all fourteen models of
  the November 2026 API (openai@7.59.0), from \`gpt-image-2.5-sunburst\` to the retired \`dall-e-3\`, with
  \`safety_identifier\`, \`complexity\`, GIF and SVG output and \`markup\`, are checked before any network
  call, and the commonest mistakes do not compile (\`{ model: "gpt-image-1.5", quality: "xhigh" }\`).
  Retired models are refused for OpenAI's API with their date and replacement, and still served by
  compatible servers; unknown model names pass through untouched.
- **Uploads that the API accepts.** The real \`image/png\`, \`image/jpeg\` or \`image/webp\` type is detected
  from the bytes (the SDK sends \`application/octet-stream\` for buffers and streams); on Node,
  \`import "openai-images"\` sends through its Node transport, and uploads 16 × 25 MB from \`fileFromPath\`
  with ${upload.ours} of peak RSS growth, where the SDK on Node's fetch grows by ${upload.sdk}.
- **Streams never end silently**: a stream cut before its \`completed\` event is an error, and leaving the
  loop cancels the request. Parsing 3 × 3 MB partial images takes ${stream.ours} against the SDK's ${stream.sdk}
  on the same built-in fetch (${faster}× faster).
- **A local, spec-validating Images server** (\`openai-images/server\`) for your own tests and demos, with
  real images, streaming and fault injection; the SDK works against it unmodified. The \`usage\` it
  reports is synthetic: a documented formula (see its section) that reproduces OpenAI's published
  figures where there are any, not OpenAI's billing.
- **Smaller**: a client install is ${size.ours} in ${grouped(files.ours)} files${files.result === "pass" ? " with no native binary" : ""}, against ${size.sdk} in ${grouped(files.sdk)}
  files; ${bundle.ours} min+gzip for an app that generates, edits and streams, against ${bundle.sdk} (${bundle.ratio}); and
  \`import "openai-images"\` adds ${cold.ratio} of the SDK's start-up time.
`;
}

/** The Benchmarks section, markers excluded. */
export function renderBenchmarksSection(results: BenchResults): string {
  const { latest, latestBatch, history } = results;
  const runs = history.bench;
  const batchRuns = history.batch;
  const r = (measure: string) => rowOf(latest, measure);
  const machine = latest.machine;
  const node = /Node (v[\d.]+)/.exec(machine[0] ?? "")?.[1] ?? "";
  const cpu = /CPU: (.+)/.exec(machine[1] ?? "")?.[1] ?? "";

  const tracks = {
    installSize: track("install size", runs, M.installSize, "ratio"),
    installFiles: track("install files", runs, M.installFiles, "ratio"),
    bundle: track("bundle", runs, M.bundle, "ratio"),
    cold: track("cold start", runs, M.cold, "ratio"),
    streamTime: track("streaming wall time", runs, M.streamTime, "ratio"),
    streamRss: track("streaming peak RSS", runs, M.streamRss, "ratio"),
    upload16: track("upload peak RSS growth (16 files)", runs, M.upload16, "ours"),
    uploadFlat: track("upload flatness", runs, M.uploadFlat, "ours"),
    throughput: track("throughput on the built-in fetch", runs, M.throughput, "ratio"),
    validation: track("pre-flight validation", runs, M.validation, "ours"),
    batchRate: track("batch throughput", batchRuns, M.batchRate, "ratio"),
    batchRss: track("batch peak RSS flatness", batchRuns, M.batchRss, "ratio"),
    batchHeap: track("batch retained heap", batchRuns, M.batchHeap, "ratio"),
  };
  const range = (t: Track) => `${rangeText(t)} (${t.runs})`;
  const both = (a: string, b: string) => (a === b ? a : `${a} / ${b}`);

  const stream = r(M.streamTime);
  const faster = (numberIn(stream.sdk) / numberIn(stream.ours)).toFixed(1);
  const rows: string[][] = [
    [
      `install for the client (${r(M.installSize).ours}, ${r(M.installFiles).ours} files vs ${r(M.installSize).sdk}, ${grouped(r(M.installFiles).sdk)} files)`,
      `${r(M.installSize).ratio} / ${r(M.installFiles).ratio}`,
      `${range(tracks.installSize)} / ${range(tracks.installFiles)}`,
      `${r(M.installSize).target.replace(/^ours /, "")}, ${r(M.installFiles).target.replace(/^ours /, "")}`,
      both(
        resultText(r(M.installSize), tracks.installSize),
        resultText(r(M.installFiles), tracks.installFiles),
      ),
    ],
    [
      `bundle, min + gzip (${r(M.bundle).ours} vs ${r(M.bundle).sdk})`,
      r(M.bundle).ratio,
      range(tracks.bundle),
      r(M.bundle).target,
      resultText(r(M.bundle), tracks.bundle),
    ],
    [
      `cold start, time \`import "openai-images"\` adds (CPU time: ${r(M.coldCpu).ratio})`,
      `${r(M.cold).ratio} (${r(M.coldPerFile).ratio} as per-file modules)`,
      range(tracks.cold),
      r(M.cold).target,
      resultText(r(M.cold), tracks.cold),
    ],
    [
      "streaming 3 × 3 MB partials: wall time / peak RSS growth",
      `${stream.ratio} / ${r(M.streamRss).ratio}`,
      `${range(tracks.streamTime)} / ${range(tracks.streamRss)}`,
      "≤ 1× / ≤ 1×",
      both(resultText(stream, tracks.streamTime), resultText(r(M.streamRss), tracks.streamRss)),
    ],
    [
      `upload 16 × 25 MB from disk through \`import "openai-images"\`: peak RSS growth; growth over 1 file`,
      `${r(M.upload16).ours} (SDK ${r(M.upload16).sdk}); +${r(M.uploadFlat).ours}`,
      `${range(tracks.upload16)}; +${range(tracks.uploadFlat)}`,
      "≤ 64 MB; flat (≤ 16 MB)",
      both(resultText(r(M.upload16), tracks.upload16), resultText(r(M.uploadFlat), tracks.uploadFlat)),
    ],
    [
      "throughput, 200 generates at concurrency 16",
      `${r(M.throughput).ratio} on the built-in fetch (client CPU per call: ${r(M.throughputCpu).ratio}); ${r(M.throughputNode).ratio} on the Node transport, Node's default`,
      range(tracks.throughput),
      "≥ 1× (built-in fetch)",
      resultText(r(M.throughput), tracks.throughput),
    ],
    [
      "pre-flight validation, edit with 4 images",
      r(M.validation).ours,
      range(tracks.validation),
      r(M.validation).target,
      resultText(r(M.validation), tracks.validation),
    ],
  ];
  if (latestBatch) {
    const b = (measure: string) => rowOf(latestBatch, measure);
    rows.push(
      [
        "batch runs (`npm run bench:batch`): runner vs a `Promise.all` pool, lines/s",
        b(M.batchRate).ratio,
        range(tracks.batchRate),
        b(M.batchRate).target,
        resultText(b(M.batchRate), tracks.batchRate),
      ],
      [
        "batch runs: peak RSS growth from 200 to 2,000 lines",
        b(M.batchRss).ratio,
        range(tracks.batchRss),
        b(M.batchRss).target,
        resultText(b(M.batchRss), tracks.batchRss),
      ],
      [
        "batch runs: heap the runner retains, 200 → 2,000 lines",
        b(M.batchHeap).ratio,
        range(tracks.batchHeap),
        b(M.batchHeap).target,
        resultText(b(M.batchHeap), tracks.batchHeap),
      ],
    );
  }
  const table = [
    "| measure | latest: ours / SDK | range over the committed runs (runs) | target | result |",
    "| --- | --- | --- | --- | --- |",
    ...rows.map((cells) => `| ${cells.join(" | ")} |`),
  ].join("\n");

  const all = Object.values(tracks).filter((t) => t.runs > 0);
  const swinging = all.filter((t) => t.missed > 0 && t.missed < t.runs);
  const alwaysMissed = all.filter((t) => t.missed > 0 && t.missed === t.runs);
  const loads = runs.map((run) => run.load[0]);
  const list = (ts: Track[], say: (t: Track) => string) =>
    ts.length === 0 ? "none" : ts.map((t) => `${t.name} ${say(t)}`).join("; ");

  return `
## Benchmarks

\`npm run bench\` measures this package and the official \`openai\` SDK (v6, a devDependency) side by side, in
one run on one machine, against the same loopback servers, and writes the table with a description of the
machine to \`bench/RESULTS.md\` in the repository and a copy to \`bench/runs/\`, where every committed run
is kept. It is not part of CI or the tests; it takes a few minutes and writes about 400 MB of upload
fixtures to the git-ignored \`bench/.work/\`.

\`\`\`sh
npm ci && npm run bench
npm run bench -- --only streaming   # one measure, for development; leaves RESULTS.md alone
npm run bench -- --help             # the options; runs nothing
\`\`\`

What is measured (medians, ours / SDK): what \`npm install\` brings into an empty project for the client
(size and files in \`node_modules\`); the minified + gzipped browser bundle of an app that calls
generate, edit and a streamed generate; the time \`import\` adds to a fresh \`node\` (ours: \`import
"openai-images"\` as published, which \`npm run bench\` builds first); wall time and peak RSS
to consume a stream of 3 × 3 MB partial images and the completed event; peak RSS growth while uploading
1 and 16 files of 25 MB from disk; requests per second for 200 small generates at concurrency 16; and
the cost of our pre-flight validation of an edit with 4 images. Each client runs in its own Node process
so that its memory is its own.

This section is written from the results by \`npm run docs:bench\` (a test fails when it differs from them).
Latest run: ${dateOf(latest)}, Node ${node}, ${cpu}, 1-minute load average ${latest.load[0]} at the start${
    latestBatch ? `; \`bench:batch\` of ${dateOf(latestBatch)}` : ""
  }. Ranges are over every committed run that has the row: ${runs.length} of \`npm run bench\` (${dateOf(
    runs[0],
  )} to ${dateOf(runs.at(-1))}, 1-minute load average at their start ${Math.min(...loads)}–${Math.max(
    ...loads,
  )}) and ${batchRuns.length} of \`npm run bench:batch\`, each kept in \`bench/runs/\` as it was committed; the code changed between them.

${table}

Rows that have both passed and missed among the committed runs, so that one run does not settle them:
${list(swinging, (t) => `(missed in ${t.missed} of ${t.runs} runs)`)}. Rows that missed in every committed run:
${list(alwaysMissed, (t) => `(${t.runs} of ${t.runs})`)}. Streaming is ${faster}× faster than the SDK's on the same
built-in fetch in the latest run. What each miss amounts to, and what was and was not measured about it,
is in the notes of \`bench/RESULTS.md\` in the repository.
`;
}

/** `readme` with the section between `<!-- section: name -->` markers replaced by `body`. */
export function replaceMarked(readme: string, name: string, body: string): string {
  const start = `<!-- section: ${name} -->`;
  const end = `<!-- /section: ${name} -->`;
  const i = readme.indexOf(start);
  const j = readme.indexOf(end);
  if (i < 0 || j < i) throw new Error(`README.md has no ${start} … ${end} markers`);
  return `${readme.slice(0, i + start.length)}\n${body.trim()}\n\n${readme.slice(j)}`;
}

/** The README with both generated sections rewritten from `results`. */
export function renderReadme(readme: string, results: BenchResults): string {
  const why = replaceMarked(readme, "why", renderWhySection(results));
  return replaceMarked(why, "benchmarks", renderBenchmarksSection(results));
}

/** Rewrites the README's generated sections; true when they changed. */
export function writeReadme(): boolean {
  const readme = readFileSync(README_FILE, "utf8");
  const updated = renderReadme(readme, readResults());
  if (updated !== readme) writeFileSync(README_FILE, updated);
  return updated !== readme;
}

function main(argv: string[]): number {
  const readme = readFileSync(README_FILE, "utf8");
  const updated = renderReadme(readme, readResults());
  if (argv.includes("--check")) {
    if (updated === readme) return 0;
    console.error("README.md's benchmark figures are stale: run `npm run docs:bench`");
    return 1;
  }
  if (updated !== readme) writeFileSync(README_FILE, updated);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}

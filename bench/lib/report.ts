/** The rows every measure produces and the Markdown they become. */

import { readFileSync } from "node:fs";
import { arch, cpus, loadavg, platform, release, totalmem } from "node:os";
import { join } from "node:path";
import { ROOT } from "./paths.js";

/** `pass`/`miss` against a target; `info` for rows without one. */
export type Verdict = "pass" | "miss" | "info" | "unavailable";

export interface Row {
  measure: string;
  ours: string;
  sdk: string;
  /** ours / SDK, formatted. */
  ratio: string;
  target: string;
  verdict: Verdict;
}

export interface MeasureResult {
  rows: Row[];
  /** Raw samples and settings, for the detail section of RESULTS.md. */
  details: string[];
  /** What a reader must know to interpret the rows (and, for a miss, by how much and why). */
  notes: string[];
}

const VERDICT_TEXT: Record<Verdict, string> = {
  pass: "✅ pass",
  miss: "❌ miss",
  info: "—",
  unavailable: "⚠️ not measured",
};

export function renderTable(rows: readonly Row[]): string {
  const header = "| measure | ours | SDK | ours/SDK | target | result |\n|---|---:|---:|---:|---|---|";
  const body = rows.map(
    (r) => `| ${r.measure} | ${r.ours} | ${r.sdk} | ${r.ratio} | ${r.target} | ${VERDICT_TEXT[r.verdict]} |`,
  );
  return [header, ...body].join("\n");
}

/** The 1-minute load average, formatted: other work on a 2-core machine moves every number. */
export function load(): string {
  return (loadavg()[0] ?? 0).toFixed(2);
}

export function describeMachine(): string[] {
  const cores = cpus();
  const sdkVersion = (
    JSON.parse(readFileSync(join(ROOT, "node_modules/openai/package.json"), "utf8")) as {
      version: string;
    }
  ).version;
  return [
    `- Node ${process.version} on ${platform()} ${release()} (${arch()})`,
    `- CPU: ${cores[0]?.model.trim() ?? "unknown"}, ${cores.length} cores`,
    `- Memory: ${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    `- Official SDK: openai@${sdkVersion}`,
  ];
}

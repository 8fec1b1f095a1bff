/**
 * Runs the official SDKs' generated-test calls (test/support/sdk-generated-calls.ts) against a base
 * URL in a Node 22 child process (openai@7.59.0 requires it), and returns one outcome per call.
 * The child is bundled for each run by scripts/node22-child.ts, its packages left external, so that
 * Node resolves `openai-v7` from the project's own install.
 *
 * By hand: `npx tsx test/support/sdk-generated-calls-runner.ts http://127.0.0.1:4010` prints the
 * outcomes as JSON lines and a count per SDK.
 */
import { execFile } from "node:child_process";
import { rm } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { promisify } from "node:util";
import { bundleForNode22 } from "../../scripts/node22-child.js";
import type { CallOutcome } from "./sdk-generated-calls.js";

const run = promisify(execFile);
const root = resolve(import.meta.dirname, "../..");

/** The SDKs whose calls the runner sends. */
export type GeneratedSdk = CallOutcome["sdk"];

/** Options of {@link runGeneratedCalls}. */
export interface RunGeneratedCallsOptions {
  /** Whose calls to send. @default both */
  sdks?: readonly GeneratedSdk[];
  /** The whole run's limit, in ms (Node 22's first install by npx included). @default 180_000 */
  timeoutMs?: number;
}

/**
 * Sends every declared call to `baseUrl` (with or without `/v1`, as the SDK tests'
 * `TEST_API_BASE_URL`) and returns the outcomes in declaration order.
 *
 * @example
 * const outcomes = await runGeneratedCalls(`http://127.0.0.1:${server.port}`);
 * outcomes.filter((o) => o.ok).length // calls whose generated test would pass
 */
export async function runGeneratedCalls(
  baseUrl: string,
  options: RunGeneratedCallsOptions = {},
): Promise<CallOutcome[]> {
  const script = await bundleForNode22(
    "test/support/sdk-generated-calls.child.ts",
    "openai-images-generated-calls",
  );
  try {
    const args = ["-y", "-p", "node@22", "node", script, baseUrl, ...(options.sdks ?? [])];
    const { stdout } = await run("npx", args, {
      cwd: root,
      timeout: options.timeoutMs ?? 180_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as CallOutcome);
  } finally {
    // Bundled for each run (a fraction of a second), so nothing outlives it.
    await rm(dirname(script), { recursive: true, force: true });
  }
}

/** Passed and total calls per SDK, e.g. `{ "openai-node": "4/18" }`. */
export function tally(outcomes: readonly CallOutcome[]): Record<string, string> {
  const counts: Record<string, string> = {};
  for (const sdk of new Set(outcomes.map((o) => o.sdk))) {
    const mine = outcomes.filter((o) => o.sdk === sdk);
    counts[sdk] = `${mine.filter((o) => o.ok).length}/${mine.length}`;
  }
  return counts;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const [baseUrl] = process.argv.slice(2);
  if (!baseUrl) throw new Error("usage: tsx test/support/sdk-generated-calls-runner.ts <baseUrl>");
  const outcomes = await runGeneratedCalls(baseUrl);
  for (const outcome of outcomes) console.log(JSON.stringify(outcome));
  console.log(JSON.stringify(tally(outcomes)));
}

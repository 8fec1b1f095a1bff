/**
 * Which runtime really ran a `check:runtimes` leg. The leg's command names a runtime (`npx -p node@24
 * node …`), but what starts can be another: with npm install scripts disabled, the `node` package never
 * installs its binary and `npx` falls back to the `node` on PATH. So the app reports what it runs on,
 * and scripts/check-runtimes.ts compares that with what the leg asked for.
 */

/** A runtime as it reports itself. */
export interface RuntimeIdentity {
  name: "node" | "deno" | "bun";
  /** Its own version: `process.versions.node`, `Deno.version.deno` or `Bun.version`. */
  version: string;
}

/** The line an app prints before anything else: this prefix and the identity as JSON. */
export const IDENTITY_PREFIX = "runtime-identity ";

interface RuntimeGlobals {
  Deno?: { version?: { deno?: string } };
  Bun?: { version?: string };
  process?: { versions?: { node?: string } };
}

/**
 * The runtime these globals belong to. Deno and Bun are asked first: both also fill in
 * `process.versions.node` for compatibility.
 */
export function detectRuntime(g: RuntimeGlobals = globalThis as RuntimeGlobals): RuntimeIdentity {
  if (g.Deno?.version?.deno) return { name: "deno", version: g.Deno.version.deno };
  if (g.Bun?.version) return { name: "bun", version: g.Bun.version };
  if (g.process?.versions?.node) return { name: "node", version: g.process.versions.node };
  throw new Error("unknown runtime: no Deno.version, Bun.version or process.versions.node");
}

/** The identity line for `detectRuntime()`. */
export function identityLine(g?: RuntimeGlobals): string {
  return `${IDENTITY_PREFIX}${JSON.stringify(detectRuntime(g))}`;
}

/** The identity an app printed in `stdout`, if any. */
export function readIdentity(stdout: string): RuntimeIdentity | undefined {
  const line = stdout.split("\n").find((l) => l.startsWith(IDENTITY_PREFIX));
  return line ? (JSON.parse(line.slice(IDENTITY_PREFIX.length)) as RuntimeIdentity) : undefined;
}

/**
 * Why `actual` is not the runtime a leg asked for (`"node@24"`, `"deno"`, `"bun@1"`), or undefined
 * when it is: the same name, and the same major version when the leg names one.
 */
export function runtimeMismatch(asked: string, actual: RuntimeIdentity | undefined): string | undefined {
  const [name, major] = asked.split("@");
  if (!actual) return `asked for ${asked}, but the app printed no "${IDENTITY_PREFIX.trim()}" line`;
  const actualMajor = actual.version.replace(/^v/, "").split(".")[0];
  if (actual.name !== name || (major !== undefined && actualMajor !== major)) {
    return `asked for ${asked}, but ${actual.name} ${actual.version} ran`;
  }
  return undefined;
}

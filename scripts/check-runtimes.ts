/**
 * Proves the main entry is universal: bundles a small app that uses only `openai-images` (no Node
 * APIs) and runs it in Deno, Bun and Node 22/24 (each installed from the npm registry with npx)
 * against the local Images server on loopback. The Node 22 leg also runs the newest official SDK,
 * `openai` 7.x (it requires Node 22; installed as the `openai-v7` devDependency), against the server:
 * scripts/runtime-sdk.ts.
 *
 *   npm run check:runtimes                 all runtimes
 *   npm run check:runtimes -- deno bun     some of them
 */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { build } from "esbuild";
import { startImagesServer } from "../src/server/index.js";

const run = promisify(execFile);
const root = resolve(import.meta.dirname, "..");

const RUNTIMES: Record<string, (app: string, url: string) => [string, string[]]> = {
  deno: (app, url) => [
    "npx",
    ["-y", "deno", "run", "--allow-net=127.0.0.1", "--allow-env", app, url, "deno"],
  ],
  bun: (app, url) => ["npx", ["-y", "bun", app, url, "bun"]],
  "node@22": (app, url) => ["npx", ["-y", "-p", "node@22", "node", app, url, "node@22"]],
  "node@24": (app, url) => ["npx", ["-y", "-p", "node@24", "node", app, url, "node@24"]],
};

// Runs after a runtime's own leg: the official SDK's scenarios, on the runtime the SDK requires.
const SDK_LEGS: Record<string, (app: string, url: string) => [string, string[]]> = {
  "node@22": (app, url) => ["npx", ["-y", "-p", "node@22", "node", app, url]],
};

const wanted = process.argv.slice(2).filter((a) => a in RUNTIMES);
const names = wanted.length > 0 ? wanted : Object.keys(RUNTIMES);
const dir = await mkdtemp(join(tmpdir(), "openai-images-runtimes-"));
const app = join(dir, "app.mjs");
// platform "neutral": a `node:` import anywhere in the main entry's graph fails the bundle here.
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
// The SDK app keeps its packages (openai-v7, sharp, ajv, …) external: it lives under node_modules so
// that Node resolves them from the project's own install, the SDK exactly as published.
const sdkDir = join(root, "node_modules/.cache/openai-images-runtimes");
await mkdir(sdkDir, { recursive: true });
const sdkApp = join(await mkdtemp(join(sdkDir, "sdk-")), "runtime-sdk.mjs");
await build({
  entryPoints: [join(root, "scripts/runtime-sdk.ts")],
  bundle: true,
  format: "esm",
  platform: "node",
  packages: "external",
  target: "node22",
  outfile: sdkApp,
  logLevel: "error",
});
const server = await startImagesServer({ port: 0 });
let failed = 0;
try {
  for (const name of names) {
    const [cmd, args] = RUNTIMES[name]?.(app, server.url) ?? ["false", []];
    const legs: Array<[string, [string, string[]], string]> = [[name, [cmd, args], dir]];
    const sdkLeg = SDK_LEGS[name]?.(sdkApp, server.url);
    if (sdkLeg) legs.push([`${name} (official SDK)`, sdkLeg, root]);
    for (const [label, [legCmd, legArgs], cwd] of legs) {
      try {
        const { stdout } = await run(legCmd, legArgs, { cwd, timeout: 180_000 });
        console.log(stdout.trim());
      } catch (err) {
        failed++;
        const e = err as { stderr?: string; message: string };
        console.error(`FAIL ${label}: ${(e.stderr ?? e.message).trim().split("\n").slice(-8).join("\n")}`);
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
if (failed > 0) process.exit(1);
console.log(`check:runtimes ok: ${names.join(", ")}`);

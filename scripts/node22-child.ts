/**
 * Bundles a TypeScript entry for a Node 22 child process (openai@7 requires Node 22), as
 * scripts/check-runtimes.ts and the SDK tests run it with `npx -p node@22 node <file>`.
 */
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { build } from "esbuild";

const root = resolve(import.meta.dirname, "..");

/**
 * Bundles `entry` (a path from the project root, or absolute) with esbuild into a fresh folder under
 * `node_modules/.cache/<cacheName>`, and returns the bundle's path (`<entry's name>.mjs`). The
 * bundle leaves its packages external: living under node_modules, it resolves them from the
 * project's own install, so the child runs each package exactly as published. The caller removes
 * `dirname(file)` when the child is done.
 *
 * @example
 * const file = await bundleForNode22("scripts/runtime-sdk.ts", "openai-images-runtimes");
 * try { await run("npx", ["-y", "-p", "node@22", "node", file]); }
 * finally { await rm(dirname(file), { recursive: true, force: true }); }
 */
export async function bundleForNode22(entry: string, cacheName: string): Promise<string> {
  const cache = join(root, "node_modules/.cache", cacheName);
  await mkdir(cache, { recursive: true });
  const dir = await mkdtemp(join(cache, "run-"));
  const outfile = join(dir, `${basename(entry).replace(/\.[cm]?tsx?$/, "")}.mjs`);
  try {
    await build({
      entryPoints: [resolve(root, entry)],
      bundle: true,
      format: "esm",
      platform: "node",
      packages: "external",
      target: "node22",
      outfile,
      logLevel: "error",
    });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return outfile;
}

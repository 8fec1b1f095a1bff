/**
 * Compiles our sources (and the bench worker) to plain per-file ES modules, the way `tsc` would for the
 * published `dist/`, but without type checking (that is `npm run typecheck`'s job). The children then run
 * plain `node` on plain JS: our package as a user's Node app would load it, and the SDK from
 * node_modules as published. No tsx loader in the measured processes, so neither side pays for it.
 */
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { COMPILED, ROOT } from "./paths.js";

function tsFiles(dir: string, skip: (rel: string) => boolean = () => false): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: "utf8" })
    .filter((rel) => rel.endsWith(".ts") && !rel.endsWith(".d.ts") && !skip(rel))
    .map((rel) => join(ROOT, dir, rel));
}

export async function compileForNode(): Promise<void> {
  rmSync(COMPILED, { recursive: true, force: true });
  const entryPoints = [
    ...tsFiles("src"),
    ...tsFiles("generated"),
    ...tsFiles("bench", (rel) => rel.startsWith(".work") || rel.startsWith("apps")),
  ];
  await build({
    entryPoints,
    outbase: ROOT,
    outdir: COMPILED,
    bundle: false,
    format: "esm",
    platform: "node",
    target: "node20",
    logLevel: "warning",
  });
}

/** Path of a compiled module, given its source path relative to the repository root (`src/index.ts`). */
export function compiled(sourcePath: string): string {
  return join(COMPILED, sourcePath.replace(/\.ts$/, ".js"));
}

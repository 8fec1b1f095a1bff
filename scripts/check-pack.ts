/**
 * Proves what ships: packs the package, installs the tarball into an empty scratch project, and
 * imports every entry of the `exports` map from there (and runs the CLI's --help).
 * Run after `npm run build` (CI does).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  name: string;
  exports: Record<string, unknown>;
};
const scratch = mkdtempSync(join(tmpdir(), "openai-images-pack-"));
const run = (cmd: string, args: string[], cwd: string) =>
  execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });

try {
  const packed = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", scratch], root)) as Array<{
    filename: string;
    files: Array<{ path: string }>;
  }>;
  const tarball = join(scratch, packed[0]?.filename ?? "");
  const shipped = packed[0]?.files.map((f) => f.path) ?? [];
  for (const forbidden of ["test/", "src/", "scripts/", "bench/"]) {
    if (shipped.some((p) => p.startsWith(forbidden))) throw new Error(`tarball ships ${forbidden}`);
  }
  writeFileSync(
    join(scratch, "package.json"),
    JSON.stringify({ name: "scratch", private: true, type: "module" }),
  );
  run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", tarball], scratch);

  const entries = Object.keys(pkg.exports).filter((k) => k !== "./package.json");
  const probe = entries
    .map((e) => {
      const spec = e === "." ? pkg.name : `${pkg.name}/${e.slice(2)}`;
      return `{ const m = await import(${JSON.stringify(spec)}); if (Object.keys(m).length === 0) throw new Error("${spec} exports nothing"); console.log("${spec}:", Object.keys(m).sort().join(", ")); }`;
    })
    .join("\n");
  writeFileSync(join(scratch, "probe.mjs"), probe);
  process.stdout.write(run("node", ["probe.mjs"], scratch));
  const help = run("npx", ["--no-install", "openai-images", "--help"], scratch);
  if (!help.includes("generate"))
    throw new Error("CLI --help from the installed tarball does not list `generate`");
  console.log(`check:pack ok: ${shipped.length} files, ${entries.length} entries import, CLI runs`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

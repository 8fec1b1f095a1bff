/**
 * Loads the local Images server for the CLI. Where the server's optional peers (sharp, ajv,
 * ajv-formats, busboy) are installed, that is just the `openai-images/server` module. Where they are
 * not (`npx openai-images …` installs the client alone), the CLI installs them once into a cache
 * folder and loads a copy of the bundled server entry from there, so that its imports resolve to
 * that folder's `node_modules`: a fresh machine still gets an image without a key.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { homedir } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import type { MissingServerPeersError } from "../server/peers.js";

type ServerModule = typeof import("../server/index.js");

/**
 * Loads `openai-images/server`; when its peers are missing, installs them once into the cache folder
 * first (saying so through `progress`) and loads the server from there.
 *
 * @example
 * const { startImagesServer } = await loadServer((line) => process.stderr.write(`${line}\n`));
 */
export async function loadServer(
  progress: (line: string) => void,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<ServerModule> {
  try {
    return await import("../server/index.js");
  } catch (err) {
    // By name: the error class lives in the module that failed to load.
    if ((err as Error).name !== "MissingServerPeersError") throw err;
    return installAndLoad(err as MissingServerPeersError, progress, env);
  }
}

interface PackageJson {
  version: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

async function installAndLoad(
  missing: MissingServerPeersError,
  progress: (line: string) => void,
  env: Readonly<Record<string, string | undefined>>,
) {
  const entry = fileURLToPath(missing.entry);
  // Only the published, bundled server entry is one file that can be loaded from elsewhere; run
  // from the sources, the peers are devDependencies and missing ones mean `npm ci` was not run.
  if (basename(entry) !== "server.js") throw missing;
  const pkg = JSON.parse(readFileSync(join(dirname(entry), "..", "package.json"), "utf8")) as PackageJson;
  const code = readFileSync(entry);
  // Named by version and content: a different build never reuses another's copy.
  const hash = createHash("sha256").update(code).digest("hex").slice(0, 12);
  const base = join(env.XDG_CACHE_HOME || join(homedir(), ".cache"), "openai-images");
  const dir = join(base, `server-${pkg.version}-${hash}`);
  if (!existsSync(dir)) {
    progress(
      `The embedded local Images server needs ${missing.missing.join(", ")}, not installed here; installing them once into ${dir} …`,
    );
    mkdirSync(base, { recursive: true });
    const scratch = mkdtempSync(join(base, ".install-"));
    try {
      writeFileSync(
        join(scratch, "package.json"),
        JSON.stringify({
          private: true,
          type: "module",
          // The server bundle imports our own dependencies too (eventsource-parser).
          dependencies: { ...pkg.dependencies, ...pkg.peerDependencies },
        }),
      );
      await npmInstall(scratch, env);
      copyFileSync(entry, join(scratch, "server.js"));
      if (existsSync(`${entry}.map`)) copyFileSync(`${entry}.map`, join(scratch, "server.js.map"));
      // The folder appears whole or not at all; when another run finished first, use its copy.
      try {
        renameSync(scratch, dir);
      } catch (err) {
        if (!existsSync(dir)) throw err;
      }
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  return (await import(pathToFileURL(join(dir, "server.js")).href)) as ServerModule;
}

async function npmInstall(
  cwd: string,
  parentEnv: Readonly<Record<string, string | undefined>>,
): Promise<void> {
  // Run under `npx`, npm's own settings reach us as npm_config_* variables; a global install or
  // another prefix must not follow into this folder.
  const env = Object.fromEntries(
    Object.entries(parentEnv).filter(([k]) => !/^npm_config_(global|location|prefix)$/i.test(k)),
  );
  try {
    await promisify(execFile)(
      "npm",
      ["install", "--no-audit", "--no-fund", "--no-package-lock", "--loglevel=error"],
      { cwd, env, shell: process.platform === "win32", timeout: 10 * 60_000 },
    );
  } catch (err) {
    const detail = ((err as { stderr?: string }).stderr || (err as Error).message)
      .trim()
      .split("\n")
      .slice(-5);
    throw new Error(
      `could not install the local server's packages (${detail.join(" ")}). Install them in your project (npm install sharp ajv ajv-formats busboy), or set OPENAI_API_KEY to use the API.`,
    );
  }
}

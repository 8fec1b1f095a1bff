/** Running the CLI from its TypeScript source in a child process, as the CLI tests do. */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const root = resolve(import.meta.dirname, "../..");
// `node --import tsx` runs the TypeScript CLI in one process (the `tsx` binary starts two).
const tsxLoader = pathToFileURL(join(root, "node_modules/tsx/dist/loader.mjs")).href;
/** Node's arguments that load the TypeScript sources. */
export const tsxArgs = ["--import", tsxLoader];
/** The CLI's entry. */
export const cliMain = join(root, "src/cli/main.ts");

/** The environment of a fresh machine: no key, no base URL (unless `extra` sets one). */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  if (!("OPENAI_API_KEY" in extra)) delete env.OPENAI_API_KEY;
  delete env.OPENAI_BASE_URL;
  return env;
}

/** What a finished CLI run printed, and how it exited. */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `openai-images <args>` in `cwd` to completion. */
export function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = cleanEnv()): Promise<RunResult> {
  return new Promise((resolvePromise) => {
    execFile(
      process.execPath,
      [...tsxArgs, cliMain, ...args],
      { cwd, env, encoding: "utf8" },
      (err, stdout, stderr) => {
        resolvePromise({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

/** Starts `openai-images serve <args>` and resolves with the child and the `/v1` URL it printed. */
export async function startServe(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child: ChildProcess = spawn(process.execPath, [...tsxArgs, cliMain, "serve", ...args], {
    env: cleanEnv(),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const url = await new Promise<string>((resolveUrl, reject) => {
    let buf = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      buf += chunk.toString();
      const line = buf.split("\n").find((l) => l.endsWith("/v1"));
      if (line) resolveUrl(line.trim());
    });
    child.once("exit", (code) => reject(new Error(`serve exited early with ${code}`)));
  });
  return { child, url };
}

/** Stops a `serve` child with SIGTERM and resolves with its exit code. */
export async function stopServe(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  child.kill("SIGTERM");
  return exited;
}

/**
 * Running the CLI in the tests: in-process through `runCli` (what almost every CLI test does), or as
 * a child process from its TypeScript source (the few smoke tests of the binary itself).
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { type CliSignal, runCli as runInProcess } from "../../src/cli/run.js";

const root = resolve(import.meta.dirname, "../..");
// `node --import tsx` runs the TypeScript CLI in one process (the `tsx` binary starts two).
const tsxLoader = pathToFileURL(join(root, "node_modules/tsx/dist/loader.mjs")).href;
/** Node's arguments that load the TypeScript sources. */
export const tsxArgs = ["--import", tsxLoader];
/** The CLI's binary, from its source. */
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

/** A text sink for `runCli`'s stdout or stderr. */
function capture(): { write(text: string): void; text: string } {
  const sink = {
    text: "",
    write(text: string) {
      sink.text += text;
    },
  };
  return sink;
}

/** Runs `openai-images <args>` in-process, in `cwd`, to completion. */
export async function runCli(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = cleanEnv(),
): Promise<RunResult> {
  const stdout = capture();
  const stderr = capture();
  const code = await runInProcess(args, { stdout, stderr, env, cwd, onSignal: () => () => {} });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** Runs the `openai-images` binary (from its source) as a child process in `cwd`, to completion. */
export function spawnCli(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = cleanEnv(),
): Promise<RunResult> {
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

/** A running `openai-images serve`. */
export interface ServeRun {
  /** The `/v1` URL it printed. */
  url: string;
  /** Sends it `signal` (Ctrl-C or SIGTERM) and resolves with its exit code. */
  stop(signal?: CliSignal): Promise<number | null>;
}

/** Starts `openai-images serve <args>` in-process and resolves when it printed its `/v1` URL. */
export async function startServe(args: string[]): Promise<ServeRun> {
  const listeners = new Map<CliSignal, Set<() => void>>();
  let printed = "";
  let onPrint: (() => void) | undefined;
  const exited = runInProcess(["serve", ...args], {
    stdout: {
      write(text: string) {
        printed += text;
        onPrint?.();
      },
    },
    stderr: { write() {} },
    env: cleanEnv(),
    onSignal(signal, listener) {
      const set = listeners.get(signal) ?? new Set();
      listeners.set(signal, set.add(listener));
      return () => set.delete(listener);
    },
  });
  const url = await new Promise<string>((resolveUrl, reject) => {
    onPrint = () => {
      const line = printed.split("\n").find((l) => l.endsWith("/v1"));
      if (line) resolveUrl(line.trim());
    };
    exited.then((code) => reject(new Error(`serve exited early with ${code}`)));
  });
  return {
    url,
    stop(signal = "SIGTERM") {
      for (const listener of listeners.get(signal) ?? []) listener();
      return exited;
    },
  };
}

/** Starts the `openai-images serve <args>` binary and resolves with the child and the `/v1` URL it printed. */
export async function spawnServe(args: string[]): Promise<{ child: ChildProcess; url: string }> {
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
export async function stopSpawnedServe(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  child.kill("SIGTERM");
  return exited;
}

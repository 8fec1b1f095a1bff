/**
 * Shared fixtures of the batch-run tests: the 200-line input (valid generations and edits, plus
 * invalid lines), the CLI run in-process to its end, and the CLI as a child process that can be
 * watched line by line and killed at a chosen point.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll } from "vitest";
import { solidPng } from "./server-helpers.js";
import { runCli as runInProcess } from "./support/cli-run.js";

/**
 * The model and size every fixture line uses: small pictures keep 200 lines to seconds. The one place
 * to change when the model rules move on.
 */
export const FIXTURE_PARAMS = { model: "gpt-image-2", size: "256x256", quality: "low" } as const;

/** Lines in the fixture, and how many of them are invalid. */
export const FIXTURE_LINES = 200;
export const INVALID_LINES = 4;

/** The fixture of one test file: its temp folder, the input written there, and the valid line ids. */
export interface BatchFixture {
  dir: string;
  input: string;
  validIds: string[];
}

/**
 * Registers the file's set-up and clean-up: a temp folder with the fixture input, removed after the
 * file's tests. The fields are filled in before the first test runs.
 *
 * @example
 * const fixture = useBatchFixture("batch-live");
 * it("…", () => runCli(["batch", fixture.input], url, fixture.dir));
 */
export function useBatchFixture(name: string): BatchFixture {
  const fixture: BatchFixture = { dir: "", input: "", validIds: [] };
  beforeAll(async () => {
    fixture.dir = await mkdtemp(join(tmpdir(), `openai-images-${name}-`));
    Object.assign(fixture, await writeFixture(fixture.dir));
  });
  afterAll(() => rm(fixture.dir, { recursive: true, force: true }));
  return fixture;
}

/**
 * Writes `in.jsonl` (and the edit images it names) into `dir`. Lines 20, 60, 120 and 180 are invalid,
 * each for a different parameter; every 25th valid line is an edit of a local image; every 10th asks
 * for two images.
 */
export async function writeFixture(dir: string): Promise<{ input: string; validIds: string[] }> {
  await writeFile(join(dir, "red.png"), await solidPng(256, 256, { r: 220, g: 40, b: 40 }));
  await writeFile(join(dir, "blue.png"), await solidPng(256, 256, { r: 40, g: 40, b: 220 }));
  const invalid: Record<number, Record<string, unknown>> = {
    20: { size: "1000x1000" },
    60: { n: 11 },
    120: { quality: "ultra" },
    180: { prompt: undefined },
  };
  const lines: string[] = [];
  const validIds: string[] = [];
  for (let i = 1; i <= FIXTURE_LINES; i++) {
    const id = `item-${String(i).padStart(3, "0")}`;
    const edit = i % 25 === 0;
    const line: Record<string, unknown> = {
      id,
      op: edit ? "edit" : "generate",
      ...FIXTURE_PARAMS,
      prompt: `catalogue item ${i}`,
      ...(i % 10 === 0 ? { n: 2 } : {}),
      ...(i % 7 === 0 ? { output_format: "webp" } : {}),
      ...(edit ? { image: i % 50 === 0 ? ["red.png", "blue.png"] : "red.png" } : {}),
      ...invalid[i],
    };
    if (invalid[i] === undefined) validIds.push(id);
    lines.push(JSON.stringify(line));
  }
  const input = join(dir, "in.jsonl");
  await writeFile(input, `${lines.join("\n")}\n`);
  return { input, validIds };
}

const root = resolve(import.meta.dirname, "..");
const tsxLoader = pathToFileURL(join(root, "node_modules/tsx/dist/loader.mjs")).href;
const main = join(root, "src/cli/main.ts");

/** A CLI child process and what it printed. */
export interface CliRun {
  child: ChildProcess;
  stdout: string;
  stderr: string;
  /** Resolves with the exit code (`null` when killed by a signal). */
  exited: Promise<number | null>;
  /** Resolves when a stderr line matches (rejects if the process exits first). */
  waitForLine(pattern: RegExp): Promise<string>;
}

/** Starts `openai-images <args>` against `baseUrl` with a key, as a user would. */
export function startCli(args: string[], baseUrl: string, cwd: string): CliRun {
  const env = { ...process.env, OPENAI_API_KEY: "sk-batch-test", OPENAI_BASE_URL: baseUrl };
  const child = spawn(process.execPath, ["--import", tsxLoader, main, ...args], {
    cwd,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const run: CliRun = {
    child,
    stdout: "",
    stderr: "",
    exited: new Promise((r) => child.once("exit", (code) => r(code))),
    waitForLine(pattern) {
      return new Promise((resolveLine, reject) => {
        const check = () => {
          const line = run.stderr.split("\n").find((l) => pattern.test(l));
          if (!line) return false;
          child.stderr?.off("data", check);
          resolveLine(line);
          return true;
        };
        if (check()) return;
        child.stderr?.on("data", check);
        child.once("exit", () => {
          if (!check()) reject(new Error(`exited before printing ${pattern}:\n${run.stderr}`));
        });
      });
    },
  };
  child.stdout?.setEncoding("utf8").on("data", (c: string) => {
    run.stdout += c;
  });
  child.stderr?.setEncoding("utf8").on("data", (c: string) => {
    run.stderr += c;
  });
  return run;
}

/**
 * Runs the CLI to its end, in-process (`runCli`), against `baseUrl` with a key. `startCli` is for the
 * runs a test kills or interrupts.
 */
export async function runCli(
  args: string[],
  baseUrl: string,
  cwd: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = { ...process.env, OPENAI_API_KEY: "sk-batch-test", OPENAI_BASE_URL: baseUrl };
  return runInProcess(args, cwd, env);
}

/** Every manifest record, in file order (torn lines left out, as the runner reads them). */
export async function manifestRecords(dir: string): Promise<Array<Record<string, unknown>>> {
  const text = await readFile(join(dir, "manifest.jsonl"), "utf8").catch(() => "");
  return text
    .split("\n")
    .filter((l) => l.trim() !== "")
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
}

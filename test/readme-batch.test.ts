/**
 * Runs every example of the README's "Batch runs" section against the local server: the JSONL file as
 * the input, each shell command through the CLI, the manifest record against a real one, and the
 * TypeScript examples. Only what would leave this machine or wait for minutes is rewritten: package
 * imports point at `src/`, file names at a temp dir, the CLI and the client talk to the local server,
 * and the Batch API engine polls every 20 ms instead of every minute (or 15 s).
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type ImagesServer, startImagesServer } from "../src/server/index.js";
import { manifestRecords, runCli } from "./batch.fixtures.js";
import { solidPng } from "./server-helpers.js";

vi.setConfig({ testTimeout: 120_000 });

const ROOT = resolve(import.meta.dirname, "..");
const readme = await readFile(join(ROOT, "README.md"), "utf8");
const section = readme.slice(
  readme.indexOf("<!-- section: batch -->"),
  readme.indexOf("<!-- /section: batch -->"),
);
const block = (lang: string) =>
  [...section.matchAll(new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``, "g"))].map((m) => m[1] ?? "");
const [jsonl = ""] = block("jsonl");
const [shell = ""] = block("sh");
// The manifest example sits in a list item: its lines are indented.
const manifestExample = JSON.parse((/```json\n([\s\S]*?)```/.exec(section)?.[1] ?? "").trim()) as Record<
  string,
  unknown
>;
const tsBlocks = block("ts");

let server: ImagesServer;
let dir: string;
const savedEnv = { ...process.env };

beforeAll(async () => {
  server = await startImagesServer({ retired: "serve" });
  dir = await mkdtemp(join(tmpdir(), "openai-images-readme-batch-"));
  await writeFile(join(dir, "catalogue.jsonl"), jsonl);
  await writeFile(join(dir, "otter.png"), await solidPng(1024, 1024, { r: 90, g: 60, b: 30 }));
  await writeFile(join(dir, "banners.txt"), "Summer sale\nWinter sale\n");
  process.env.OPENAI_API_KEY = "sk-readme-test";
  process.env.OPENAI_BASE_URL = server.url;
});

afterAll(async () => {
  for (const key of ["OPENAI_API_KEY", "OPENAI_BASE_URL"]) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const commands = shell
  .split("\n")
  .map((l) => l.replace(/#.*$/, "").trim())
  // The batch commands; the lines before them make their inputs, which this test writes itself.
  .filter((l) => l.startsWith("npx openai-images batch "))
  .map((l) => l.slice("npx openai-images ".length).split(/\s+/));

describe("README batch runs", () => {
  it("has the examples this test expects", () => {
    expect(jsonl.trim().split("\n")).toHaveLength(3);
    expect(commands).toHaveLength(4);
    expect(tsBlocks).toHaveLength(2);
  });

  it.each(commands.map((args) => [args.join(" "), args]))("runs: openai-images %s", async (_title, args) => {
    const command = args as string[];
    const polled = command.includes("batch") && command.includes("--engine") ? ["--poll-interval", "20"] : [];
    const res = await runCli([...command, ...polled], server.url, dir);
    expect(res.stderr).not.toMatch(/^invalid line/m);
    expect(res.code).toBe(0);
  });

  it("wrote the files and manifest the README describes", async () => {
    const live = await manifestRecords(join(dir, "out/catalogue"));
    // Records arrive in completion order, not input order.
    expect(live.map((r) => [r.id, r.status, r.files]).sort()).toEqual(
      [
        ["otter", "done", ["otter.png"]],
        ["otter-hat", "done", ["otter-hat.png"]],
        ["foxes", "done", ["foxes-1.webp", "foxes-2.webp"]],
      ].sort(),
    );
    const otter = live.find((r) => r.id === "otter");
    const { request_id: _r, at: _a, ...described } = manifestExample;
    expect(otter).toMatchObject(described);
    expect(Object.keys(otter ?? {}).sort()).toEqual(Object.keys(manifestExample).sort());
    const viaBatch = await manifestRecords(join(dir, "out/catalogue-batch"));
    expect(viaBatch.filter((r) => r.status === "done")).toHaveLength(3);
    const banners = await manifestRecords(join(dir, "out/banners"));
    expect(banners.map((r) => r.files).sort()).toEqual([["line-1.png"], ["line-2.png"]]);
  });

  it.each(tsBlocks.map((code, i) => [i + 1, code]))("TypeScript example %i runs", async (i, code) => {
    const file = join(dir, `example-${i}.ts`);
    const local = (code as string)
      .replaceAll('from "openai-images/node"', `from ${JSON.stringify(join(ROOT, "src/node/index.ts"))}`)
      .replaceAll('from "openai-images/batch"', `from ${JSON.stringify(join(ROOT, "src/batch/index.ts"))}`)
      .replace('"catalogue.jsonl"', JSON.stringify(join(dir, "catalogue.jsonl")))
      .replace('"out/catalogue-api"', JSON.stringify(join(dir, "out/catalogue-api")))
      .replace("pollIntervalMs: 60_000", "pollIntervalMs: 20")
      .replace('baseDir: "."', `baseDir: ${JSON.stringify(dir)}`);
    await writeFile(file, `${local}\nexport {};\n`);
    const before = server.requests.length;
    const logs: unknown[][] = [];
    const spy = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
      logs.push(args);
    });
    try {
      await import(file);
    } finally {
      spy.mockRestore();
    }
    const mine = server.requests.slice(before);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((r) => r.status < 400)).toBe(true);
    if (i === 1) expect(logs.map((l) => l[1])).toEqual(["done", "done", "done"]);
    else expect(logs.at(-1)?.[0]).toMatchObject({ total: 3, done: 3, failed: 0 });
  });
});

/**
 * Every command of the README's "Command line" section, run as written (with the embedded server: no
 * key, nothing leaves the machine) in a folder holding the images it names; the `serve` lines on a
 * free port instead of 4010. Each written file must be the format its extension says.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { extname, join, resolve } from "node:path";
import { XMLValidator } from "fast-xml-parser";
import OpenAI from "openai";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { FORMATS } from "../src/models/index.js";
import { halfMask } from "./server-helpers.js";
import { runCli, startServe } from "./support/cli-run.js";
import { markupPng, solidPng } from "./support/sdk-scenarios.js";

const root = resolve(import.meta.dirname, "..");

/** The `npx openai-images …` lines of the README's CLI section, as argument lists. */
async function readmeCommands(): Promise<string[][]> {
  const readme = await readFile(join(root, "README.md"), "utf8");
  const section = readme.slice(
    readme.indexOf("<!-- section: cli -->"),
    readme.indexOf("<!-- /section: cli -->"),
  );
  return section
    .split("\n")
    .filter((line) => line.startsWith("npx openai-images "))
    .map((line) => shellWords(line.replace(/\s+#.*$/, "")).slice(2));
}

/** Splits a command line into words, honouring double quotes (all the README uses). */
function shellWords(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? "");
}

/** The format a file's extension names, from the format table. */
function formatOfExtension(path: string): string | undefined {
  const ext = extname(path).slice(1);
  return Object.entries(FORMATS).find(([, info]) => info.ext === ext)?.[0];
}

async function checkWritten(path: string): Promise<void> {
  const format = formatOfExtension(path);
  const bytes = await readFile(path);
  if (format === "svg") {
    expect(XMLValidator.validate(bytes.toString("utf8")), path).toBe(true);
    return;
  }
  expect((await sharp(bytes).metadata()).format, path).toBe(format);
}

vi.setConfig({ testTimeout: 120_000 });

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "openai-images-readme-cli-"));
  await writeFile(join(dir, "room.png"), await solidPng(256, 256, { r: 180, g: 170, b: 150 }));
  await writeFile(join(dir, "lamp.png"), await solidPng(128, 128, { r: 250, g: 220, b: 90 }));
  await writeFile(join(dir, "mask.png"), await halfMask(256, 256));
  await writeFile(join(dir, "arrows.png"), await markupPng(256, 256));
  await writeFile(join(dir, "otter.png"), await solidPng(256, 256, { r: 120, g: 80, b: 40 }));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const commands = await readmeCommands();

describe("README: the command-line examples run as written", () => {
  it("has the examples this test expects to run", () => {
    const verbs = commands.map((c) => c[0]);
    // `variation` is shown in prose only: after the quick start's `serve`, it answers a bare 404 as
    // OpenAI's API does (cli.test.ts runs it against the embedded server, which serves it).
    expect(verbs).toEqual(expect.arrayContaining(["generate", "edit", "serve"]));
    expect(commands.some((c) => c.includes("gif"))).toBe(true);
    expect(commands.some((c) => c.includes("svg"))).toBe(true);
    expect(commands.some((c) => c.includes("--markup"))).toBe(true);
  });

  it.each(commands.filter((c) => c[0] !== "serve").map((c) => [c.join(" "), c] as const))(
    "%s",
    async (_line, args) => {
      const res = await runCli(args, dir);
      expect(res.code, res.stderr).toBe(0);
      const files = args.includes("--json")
        ? (JSON.parse(res.stdout) as { files: string[] }).files
        : res.stdout.trim().split("\n");
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) await checkWritten(join(dir, file));
    },
  );

  it.each(commands.filter((c) => c[0] === "serve").map((c) => [c.join(" "), c] as const))(
    "%s",
    async (_line, args) => {
      // A free port instead of the README's fixed one.
      const rest = args.slice(1);
      const port = rest.indexOf("--port");
      if (port >= 0) rest.splice(port, 2);
      const { url, stop } = await startServe(["--port", "0", ...rest]);
      try {
        const sdk = new OpenAI({ apiKey: "any", baseURL: url, maxRetries: 0 });
        const retired = await sdk.images.generate({ model: "dall-e-3", prompt: "otter" }).then(
          () => 200,
          (e: { status: number }) => e.status,
        );
        // Served by --serve-retired and by the mock (retired models are in the spec); refused otherwise.
        const served = rest.includes("--serve-retired") || rest.includes("--mock");
        expect(retired).toBe(served ? 200 : 400);
      } finally {
        expect(await stop()).toBe(0);
      }
    },
  );
});

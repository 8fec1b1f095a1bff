import { execFile } from "node:child_process";
import { readFile, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");
const tsx = join(root, "node_modules/.bin/tsx");
const written: string[] = [];
afterAll(() => Promise.all(written.map((f) => rm(f, { force: true }))));

/** The ```ts blocks of one README section. */
async function examples(section: string): Promise<string[]> {
  const readme = await readFile(join(root, "README.md"), "utf8");
  const start = readme.indexOf(`<!-- section: ${section} -->`);
  const end = readme.indexOf(`<!-- /section: ${section} -->`);
  const body = readme.slice(start, end);
  return [...body.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? "");
}

/** Runs an example as a module, with the package's own import pointing at the source. */
async function runExample(code: string, name: string): Promise<string> {
  const file = join(root, "test", `.readme-${name}-${process.pid}.mts`);
  written.push(file);
  const src = code.replaceAll(
    '"openai-images/server"',
    JSON.stringify(pathToFileURL(join(root, "src/server/index.ts")).href),
  );
  await writeFile(file, src);
  return new Promise((resolveRun, reject) => {
    execFile(tsx, [file], { cwd: root, encoding: "utf8" }, (err, stdout, stderr) =>
      err ? reject(new Error(stderr || err.message)) : resolveRun(stdout),
    );
  });
}

describe("README: local Images server examples run as written", () => {
  it("the first example prints the size and total tokens it shows", async () => {
    const [first] = await examples("server");
    expect(first).toContain("startImagesServer");
    expect((await runExample(first ?? "", "server-1")).trim()).toBe("1024x1024 278");
  });

  it("the November 2026 example prints the GIF's frames, the SVG edit's facts and the refusal it shows", async () => {
    const blocks = await examples("server");
    expect(blocks).toHaveLength(3);
    const code = blocks[1] ?? "";
    expect(code).toContain('retired: "refuse"');
    const expected = [...code.matchAll(/\/\/ (.+)$/gm)]
      .map((m) => m[1] ?? "")
      .filter((c) => !c.startsWith("sent as"));
    expect((await runExample(code, "server-2")).trim().split("\n")).toEqual(expected);
  });

  it("the fault-injection example shows two 429s, then success", async () => {
    const blocks = await examples("server");
    expect(blocks).toHaveLength(3);
    expect((await runExample(blocks[2] ?? "", "server-3")).trim()).toBe("[ 429, 429, 200 ]");
  });
});

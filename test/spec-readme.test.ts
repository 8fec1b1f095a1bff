/** The README's spec-tools examples run as written and print what their comments say. */
import { execFile } from "node:child_process";
import { readFile, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");
const tsx = join(root, "node_modules/.bin/tsx");
const written: string[] = [];
afterAll(() => Promise.all(written.map((f) => rm(f, { force: true }))));

async function examples(): Promise<string[]> {
  const readme = await readFile(join(root, "README.md"), "utf8");
  const body = readme.slice(
    readme.indexOf("<!-- section: spec-tools -->"),
    readme.indexOf("<!-- /section: spec-tools -->"),
  );
  return [...body.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? "");
}

/** Runs one example as a module, its package imports pointed at the source. */
async function run(code: string, name: string): Promise<string> {
  const file = join(root, "test", `.readme-${name}-${process.pid}.mts`);
  written.push(file);
  const src = code
    .replaceAll(
      '"openai-images/server"',
      JSON.stringify(pathToFileURL(join(root, "src/server/index.ts")).href),
    )
    .replaceAll('"openai-images"', JSON.stringify(pathToFileURL(join(root, "src/index.ts")).href));
  await writeFile(file, src);
  return new Promise((done, fail) => {
    execFile(tsx, [file], { cwd: root, encoding: "utf8" }, (err, stdout, stderr) =>
      err ? fail(new Error(stderr || err.message)) : done(stdout),
    );
  });
}

describe("README: spec tools", () => {
  it("the contract-fetch and validator examples print what they say", async () => {
    const blocks = await examples();
    expect(blocks).toHaveLength(2);
    const [contract, validator] = await Promise.all([
      run(blocks[0] ?? "", "spec-contract"),
      run(blocks[1] ?? "", "spec-validator"),
    ]);
    expect(contract.trim().split("\n")).toEqual([
      "image_generation.partial_image",
      "image_generation.completed",
      "{ requests: 2, responses: 2, events: 2 }",
    ]);
    expect(validator.trim()).toBe("false [ { instancePath: '/n', message: 'must be <= 10' } ]");
  });
});

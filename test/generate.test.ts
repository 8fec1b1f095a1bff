import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { renderGenerated } from "../scripts/generate.js";

const run = promisify(execFile);
const root = resolve(import.meta.dirname, "..");
const tsx = join(root, "node_modules/.bin/tsx");

/** Runs `check:generated` against a copy of the project in `dir`; resolves to the exit code. */
async function checkGenerated(dir: string): Promise<{ code: number; stderr: string }> {
  try {
    await run(tsx, [join(root, "scripts/generate.ts"), "--root", dir, "--check"]);
    return { code: 0, stderr: "" };
  } catch (err) {
    const e = err as { code: number; stderr: string };
    return { code: e.code, stderr: e.stderr };
  }
}

describe("generated/ is guarded against drift", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "gen-check-"));
    await cp(join(root, "openapi"), join(dir, "openapi"), { recursive: true });
    await cp(join(root, "generated"), join(dir, "generated"), { recursive: true });
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("the committed generated/ matches the spec", async () => {
    const files = await renderGenerated(root);
    for (const [rel, content] of files) {
      expect(await readFile(join(root, rel), "utf8"), rel).toBe(content);
    }
    expect((await checkGenerated(dir)).code).toBe(0);
  });

  it("fails after a one-character hand edit of generated/", async () => {
    const file = join(dir, "generated/images.ts");
    const text = await readFile(file, "utf8");
    await writeFile(file, text.replace('"dall-e-3"', '"dall-e-4"'));
    const result = await checkGenerated(dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("generated/images.ts is out of date");
  });

  it("fails after a spec change without regeneration", async () => {
    const file = join(dir, "openapi/images.yaml");
    const text = await readFile(file, "utf8");
    // One character: the maximum of `n` goes from 10 to 11.
    const edited = text.replace("maximum: 10\n", "maximum: 11\n");
    expect(edited).not.toBe(text);
    await writeFile(file, edited);
    const result = await checkGenerated(dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("out of date");
  });

  it("covers the Files and Batches spec too: a hand edit there fails the check", async () => {
    const file = join(dir, "generated/files-batches.ts");
    const text = await readFile(file, "utf8");
    await writeFile(file, text.replace('"in_progress"', '"in-progress"'));
    const result = await checkGenerated(dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("generated/files-batches.ts is out of date");
  });

  it("maps binary fields to Blob and keeps defaulted fields optional", async () => {
    const types = (await renderGenerated(root)).get("generated/images.ts") ?? "";
    expect(types).toMatch(/image: Blob \| Blob\[\];/);
    expect(types).toMatch(/mask\?: Blob;/);
    expect(types).not.toMatch(/format: binary/);
    // `n` has a default (1): it must stay optional in the request body.
    expect(types).toMatch(/\bn\?: components\["schemas"\]\["ImageCount"\]/);
    expect(types.startsWith("/**\n * GENERATED FILE: do not edit by hand.")).toBe(true);
  });
});

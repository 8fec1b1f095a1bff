/**
 * Every option is documented: the members of the public option types (read from the sources with the
 * TypeScript compiler, so a new option fails this test until the README names it) must each appear in
 * their README section, as `name`, `name()`, `server.name()` or `name:` (in an example).
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");
const readme = readFileSync(join(root, "README.md"), "utf8");

function section(name: string): string {
  const start = readme.indexOf(`<!-- section: ${name} -->`);
  const end = readme.indexOf(`<!-- /section: ${name} -->`);
  if (start < 0 || end < start) throw new Error(`README has no section ${name}`);
  return readme.slice(start, end);
}

/** The member names of an exported interface, as declared in a source file. */
function members(file: string, name: string): string[] {
  const text = readFileSync(join(root, file), "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found = source.statements.find(
    (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === name,
  );
  if (!found) throw new Error(`${file} declares no interface ${name}`);
  if (found.heritageClauses?.length) throw new Error(`${name} extends another type: read its members too`);
  return found.members.map((m) => m.name?.getText(source) ?? "").filter(Boolean);
}

/** Whether the text names the option the way the README does: in code, as a call, or as a key. */
function documents(text: string, name: string): boolean {
  return new RegExp(`\`(?:[\\w.]*\\.)?${name}(?:\\(\\))?\`|\\b${name}\\??:`).test(text);
}

const TABLE: [what: string, file: string, type: string, readmeSection: string][] = [
  ["createImagesClient options", "src/client.ts", "ImagesClientOptions", "client"],
  ["per-call options", "src/client.ts", "RequestOptions", "client"],
  ["startImagesServer options", "src/server/server.ts", "ImagesServerOptions", "server"],
  ["the running server's fields and methods", "src/server/server.ts", "ImagesServer", "server"],
  ["runBatch options", "src/batch/run.ts", "RunBatchOptions", "batch"],
];

describe("README: every option of the public API is documented", () => {
  it.each(TABLE)("%s (%s: %s)", (_what, file, type, readmeSection) => {
    const names = members(file, type);
    expect(names.length).toBeGreaterThan(3);
    const text = section(readmeSection);
    expect(names.filter((n) => !documents(text, n))).toEqual([]);
  });

  it("would notice a missing one", () => {
    expect(documents("`timeout` and `server.releaseBatches()`, pollIntervalMs: 5", "releaseBatches")).toBe(
      true,
    );
    expect(documents("pollIntervalMs: 5", "pollIntervalMs")).toBe(true);
    expect(documents("the idle timeout", "idleTimeout")).toBe(false);
  });
});

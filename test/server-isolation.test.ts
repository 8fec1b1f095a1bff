/**
 * The main entry must run on plain fetch in any runtime: the server's heavy, Node-only dependencies
 * (sharp, busboy, ajv) and `node:*` modules must stay out of its import graph, while the server entry
 * does use them.
 */
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");

/** Every module a bundle of `entry` pulls in (package names, `node:` builtins and our files). */
async function importGraph(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [join(root, entry)],
    bundle: true,
    write: false,
    metafile: true,
    platform: "neutral",
    format: "esm",
    logLevel: "silent",
    // Keep packages and builtins external, but record them as imports.
    external: [
      "node:*",
      "sharp",
      "busboy",
      "ajv",
      "ajv/*",
      "ajv-formats",
      "openapi-fetch",
      "eventsource-parser",
    ],
  });
  const imports = new Set<string>();
  for (const [file, input] of Object.entries(result.metafile.inputs)) {
    imports.add(file);
    for (const i of input.imports) imports.add(i.path);
  }
  return [...imports];
}

describe("import graphs", () => {
  it("the main entry has no sharp, busboy, ajv or node: imports", async () => {
    const graph = await importGraph("src/index.ts");
    expect(graph.some((p) => p.includes("src/client.ts"))).toBe(true);
    expect(graph.filter((p) => /^(node:|sharp|busboy|ajv)|src\/server\/|src\/cli\//.test(p))).toEqual([]);
  });

  it("the server entry does use them (the check above can fail)", async () => {
    const graph = await importGraph("src/server/index.ts");
    for (const dep of ["sharp", "busboy", "ajv/dist/2020.js", "node:http"]) expect(graph).toContain(dep);
  });
});

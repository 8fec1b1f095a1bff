/** Reading and writing OpenAPI documents for the spec scripts (YAML or JSON, chosen by extension). */
import { readFile, writeFile } from "node:fs/promises";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";

export type Json = Record<string, unknown>;

/** Parses a `.yaml`/`.yml`/`.json` OpenAPI document (YAML is a superset of JSON, so one parser reads both). */
export async function readSpecFile(path: string): Promise<Json> {
  const text = await readFile(path, "utf8");
  const doc = parseYaml(text) as unknown;
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
    throw new Error(`${path} is not an OpenAPI document (expected an object at the top level)`);
  }
  return doc as Json;
}

/** Serializes as JSON when `path` ends in `.json`, otherwise as YAML. */
export function formatSpec(doc: Json, path = "out.yaml"): string {
  if (path.endsWith(".json")) return `${JSON.stringify(doc, null, 2)}\n`;
  // No line folding: long descriptions stay on one line, so diffs of regenerated specs stay small.
  return stringifyYaml(doc, { lineWidth: 0, aliasDuplicateObjects: false });
}

export async function writeSpecFile(path: string, doc: Json): Promise<void> {
  await writeFile(path, formatSpec(doc, path));
}

export function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

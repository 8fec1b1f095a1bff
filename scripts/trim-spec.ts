/**
 * Trims a full OpenAI OpenAPI document to the `/images/*` paths (or other path prefixes) and every
 * component they use.
 *
 *   npm run spec:trim -- <full-spec.yaml|json> [out.yaml|out.json]     (stdout when no out)
 *   npm run spec:trim -- <spec> [out] --prefix /files --prefix /batches (other path prefixes, repeatable)
 *
 * What it does, in order:
 * - keeps the paths under the prefix, the tags and security schemes they use, and every component
 *   they reference, transitively: `$ref`s anywhere in schemas (allOf/anyOf/oneOf, items, properties,
 *   additionalProperties, …), discriminator mappings, responses, request bodies, parameters, headers;
 * - drops vendor extensions (`x-oaiMeta`, `x-oaiTypeLabel`, …) but not properties that merely have
 *   such names;
 * - rewrites OpenAPI 3.0 `nullable: true` into 3.1 form. The published spec mixes both dialects, and a
 *   3.1 validator ignores `nullable`, so a nullable field would silently reject `null`.
 */
import { pathToFileURL } from "node:url";
import { formatSpec, isObject, type Json, readSpecFile, writeSpecFile } from "./spec-io.js";

export interface TrimOptions {
  /** Keep paths equal to this prefix (or to one of these) or below it. @default "/images" */
  prefix?: string | readonly string[] | undefined;
}

/** Keys whose value is example data: copied as is, never cleaned or searched for refs. */
const DATA_KEYS = new Set(["example", "default", "enum", "const", "value"]);
/** Keys whose value is a map from names (properties, status codes, media types…) to objects. */
const NAME_MAP_KEYS = new Set([
  "properties",
  "patternProperties",
  "$defs",
  "definitions",
  "dependentSchemas",
  "paths",
  "webhooks",
  "responses",
  "content",
  "headers",
  "encoding",
  "links",
  "callbacks",
  "variables",
  "mapping",
  "scopes",
  "schemas",
  "requestBodies",
  "securitySchemes",
  "pathItems",
]);
/** Name maps that are OpenAPI objects themselves, where `x-*` keys are extensions, not names. */
const EXTENSIBLE_MAPS = new Set(["paths", "webhooks", "responses", "callbacks"]);

const COMPONENT_KINDS = [
  "schemas",
  "responses",
  "parameters",
  "examples",
  "requestBodies",
  "headers",
  "securitySchemes",
  "links",
  "callbacks",
  "pathItems",
] as const;

type Kind = (typeof COMPONENT_KINDS)[number];
/** `kind/name`, e.g. `schemas/ImagesResponse`. */
type ComponentKey = string;

interface Refs {
  components: Set<ComponentKey>;
  securitySchemes: Set<string>;
}

/**
 * Returns a new document with only the paths under `prefix` and what they use. The input is not changed.
 * @example
 * const images = trimSpec(await readSpecFile("openapi.documented.yml"));
 * const batch = trimSpec(await readSpecFile("openapi.documented.yml"), { prefix: ["/files", "/batches"] });
 */
export function trimSpec(document: Json, options: TrimOptions = {}): Json {
  const given = options.prefix ?? "/images";
  const prefixes = (typeof given === "string" ? [given] : given).map((p) => p.replace(/\/$/, ""));
  const kept = (path: string) => prefixes.some((p) => path === p || path.startsWith(`${p}/`));
  const inPaths = isObject(document.paths) ? document.paths : {};
  const inComponents = isObject(document.components) ? document.components : {};

  const rootRefs = newRefs();
  const paths: Json = {};
  for (const [path, item] of Object.entries(inPaths)) {
    if (path.startsWith("x-")) continue;
    if (kept(path)) paths[path] = clean(item, "node", rootRefs);
  }
  if (Array.isArray(document.security)) clean(document.security, "security", rootRefs);

  // Clean every component once, remembering what each one references; then keep the reachable ones.
  const cleaned = new Map<ComponentKey, { kind: Kind; name: string; value: unknown; refs: Refs }>();
  for (const kind of COMPONENT_KINDS) {
    const section = inComponents[kind];
    if (!isObject(section)) continue;
    for (const [name, value] of Object.entries(section)) {
      const refs = newRefs();
      // Callbacks are maps of expressions to path items; the others are single objects.
      const v = kind === "callbacks" ? clean(value, "map:callbacks", refs) : clean(value, "node", refs);
      cleaned.set(`${kind}/${name}`, { kind, name, value: v, refs });
    }
  }
  const keep = new Set<ComponentKey>();
  const keepSchemes = new Set<string>(rootRefs.securitySchemes);
  const queue = [...rootRefs.components];
  while (queue.length > 0) {
    const key = queue.pop() as ComponentKey;
    if (keep.has(key)) continue;
    const entry = cleaned.get(key);
    if (!entry) continue; // A dangling ref in the source: leave it for the linter to report.
    keep.add(key);
    queue.push(...entry.refs.components);
    for (const s of entry.refs.securitySchemes) keepSchemes.add(s);
  }
  for (const s of keepSchemes) keep.add(`securitySchemes/${s}`);

  const components: Json = {};
  for (const kind of COMPONENT_KINDS) {
    const section: Json = {};
    // Preserve the source order so that a trimmed spec diffs cleanly against the previous one.
    for (const [key, entry] of cleaned)
      if (entry.kind === kind && keep.has(key)) section[entry.name] = entry.value;
    if (Object.keys(section).length > 0) components[kind] = section;
  }

  const usedTags = new Set<string>();
  for (const item of Object.values(paths)) {
    if (!isObject(item)) continue;
    for (const op of Object.values(item)) {
      if (isObject(op) && Array.isArray(op.tags)) for (const t of op.tags) usedTags.add(String(t));
    }
  }

  const out: Json = { openapi: upgradeVersion(document.openapi) };
  const throwaway = newRefs();
  for (const key of ["info", "jsonSchemaDialect", "servers", "security", "externalDocs"]) {
    if (document[key] !== undefined)
      out[key] = clean(document[key], key === "security" ? "security" : "node", throwaway);
  }
  if (Array.isArray(document.tags)) {
    const tags = document.tags.filter((t) => isObject(t) && usedTags.has(String(t.name)));
    if (tags.length > 0) out.tags = clean(tags, "node", throwaway);
  }
  out.paths = paths;
  if (Object.keys(components).length > 0) out.components = components;
  return out;
}

function newRefs(): Refs {
  return { components: new Set(), securitySchemes: new Set() };
}

function upgradeVersion(version: unknown): string {
  return typeof version === "string" && version.startsWith("3.1") ? version : "3.1.0";
}

type Ctx = "node" | "data" | "security" | `map:${string}`;

/** A cleaned deep copy of `value`, read as `ctx`; records every ref it meets in `refs`. */
function clean(value: unknown, ctx: Ctx, refs: Refs): unknown {
  if (ctx === "data") return structuredClone(value);
  if (Array.isArray(value)) return value.map((v) => clean(v, ctx, refs));
  if (!isObject(value)) return value;

  if (ctx === "security") {
    // A security requirement: scheme names → scopes.
    for (const name of Object.keys(value)) refs.securitySchemes.add(name);
    return structuredClone(value);
  }

  if (ctx.startsWith("map:")) {
    const mapKey = ctx.slice(4);
    const out: Json = {};
    for (const [name, v] of Object.entries(value)) {
      if (EXTENSIBLE_MAPS.has(mapKey) && name.startsWith("x-")) continue;
      if (mapKey === "mapping") {
        recordMappingRef(v, refs);
        out[name] = v;
      } else if (mapKey === "callbacks") {
        // A callback object: runtime expressions → path items.
        out[name] =
          isObject(v) && typeof v.$ref !== "string" ? clean(v, "map:paths", refs) : clean(v, "node", refs);
      } else {
        out[name] = clean(v, "node", refs);
      }
    }
    return out;
  }

  const out: Json = {};
  for (const [key, v] of Object.entries(value)) {
    if (key.startsWith("x-")) continue;
    if (key === "$ref" && typeof v === "string") {
      recordRef(v, refs);
      out[key] = v;
    } else if (DATA_KEYS.has(key)) {
      out[key] = clean(v, "data", refs);
    } else if (key === "examples") {
      // In a schema, `examples` is an array of values; elsewhere, a map of Example objects.
      out[key] = Array.isArray(v) ? clean(v, "data", refs) : clean(v, "map:examples", refs);
    } else if (key === "security") {
      out[key] = clean(v, "security", refs);
    } else if (key === "parameters" && isObject(v)) {
      out[key] = clean(v, "map:parameters", refs);
    } else if (NAME_MAP_KEYS.has(key) && isObject(v)) {
      out[key] = clean(v, `map:${key}`, refs);
    } else {
      out[key] = clean(v, "node", refs);
    }
  }
  return upgradeSchema(out);
}

function recordRef(ref: string, refs: Refs): void {
  if (!ref.startsWith("#/components/")) return;
  const [kind, name] = ref
    .slice("#/components/".length)
    .split("/")
    .map((p) => decodeURIComponent(p).replace(/~1/g, "/").replace(/~0/g, "~"));
  if (kind && name) refs.components.add(`${kind}/${name}`);
}

/** Discriminator mapping values are refs (`#/components/schemas/X`) or bare schema names (`X`). */
function recordMappingRef(value: unknown, refs: Refs): void {
  if (typeof value !== "string") return;
  if (value.startsWith("#")) recordRef(value, refs);
  else if (!value.includes("/") && !value.includes(".")) refs.components.add(`schemas/${value}`);
}

/** OpenAPI 3.0 schema keywords in 3.1 form: `nullable`, boolean `exclusiveMinimum`/`exclusiveMaximum`. */
function upgradeSchema(schema: Json): Json {
  for (const [flag, bound] of [
    ["exclusiveMinimum", "minimum"],
    ["exclusiveMaximum", "maximum"],
  ] as const) {
    if (typeof schema[flag] === "boolean") {
      if (schema[flag] === true && typeof schema[bound] === "number") {
        schema[flag] = schema[bound];
        delete schema[bound];
      } else {
        delete schema[flag];
      }
    }
  }
  if (!("nullable" in schema)) return schema;
  const nullable = schema.nullable === true;
  delete schema.nullable;
  if (!nullable) return schema;
  return makeNullable(schema);
}

const NULL_SCHEMA = { type: "null" };

function makeNullable(schema: Json): Json {
  if (typeof schema.$ref === "string") {
    // `$ref` cannot gain a type: offer null as an alternative, keeping annotations on the outside.
    const { $ref, ...rest } = schema;
    return withAnyOf(rest, [{ $ref }, NULL_SCHEMA]);
  }
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? [...schema.type] : [schema.type];
    if (!types.includes("null")) types.push("null");
    schema.type = types;
    // An enum lists every allowed value, so null must be one of them or the type change is moot.
    if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
    if ("const" in schema) {
      schema.enum = [schema.const, null];
      delete schema.const;
    }
    return schema;
  }
  if (Array.isArray(schema.enum)) {
    if (!schema.enum.includes(null)) schema.enum = [...schema.enum, null];
    return schema;
  }
  if (Array.isArray(schema.anyOf)) {
    if (!schema.anyOf.some((s) => isObject(s) && s.type === "null"))
      schema.anyOf = [...schema.anyOf, NULL_SCHEMA];
    return schema;
  }
  if (Array.isArray(schema.oneOf) || Array.isArray(schema.allOf)) {
    // `oneOf: [..., null]` could match twice, and `allOf` cannot add an alternative: wrap instead.
    const { oneOf, allOf, discriminator, ...rest } = schema;
    const inner: Json = {};
    if (oneOf !== undefined) inner.oneOf = oneOf;
    if (allOf !== undefined) inner.allOf = allOf;
    if (discriminator !== undefined) inner.discriminator = discriminator;
    return withAnyOf(rest, [inner, NULL_SCHEMA]);
  }
  // No type constraint at all: null is already allowed.
  return schema;
}

function withAnyOf(rest: Json, alternatives: unknown[]): Json {
  if (rest.anyOf === undefined) return { ...rest, anyOf: alternatives };
  // Both sides already constrain: require the existing anyOf and allow the new alternatives.
  const { anyOf, ...others } = rest;
  return { ...others, allOf: [{ anyOf }, { anyOf: alternatives }] };
}

async function main(argv: string[]): Promise<number> {
  const args: string[] = [];
  const prefixes: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--prefix") prefixes.push(argv[++i] ?? "");
    else args.push(argv[i] as string);
  }
  const [input, output] = args;
  if (!input) {
    console.error(
      "usage: npm run spec:trim -- <full-spec.yaml|json> [out.yaml|out.json] [--prefix /images]…",
    );
    return 2;
  }
  const trimmed = trimSpec(await readSpecFile(input), prefixes.length > 0 ? { prefix: prefixes } : {});
  if (output) {
    await writeSpecFile(output, trimmed);
    const c = isObject(trimmed.components) ? trimmed.components : {};
    const counts = Object.entries(c).map(([k, v]) => `${Object.keys(v as Json).length} ${k}`);
    console.error(
      `wrote ${output}: ${Object.keys(trimmed.paths as Json).length} paths, ${counts.join(", ")}`,
    );
  } else {
    process.stdout.write(formatSpec(trimmed));
  }
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  process.exitCode = await main(process.argv.slice(2));
}

/**
 * Reports how another OpenAPI document (say, a new OpenAI spec) differs from `openapi/images.yaml`,
 * after trimming it to the `/images/*` paths the same way `spec:trim` does.
 *
 *   npm run spec:diff -- <other-spec.yaml|json>              human-readable report
 *   npm run spec:diff -- <other-spec> --json                 the differences as JSON
 *   npm run spec:diff -- <other-spec> --base <our-spec>      compare against another base
 *
 * Exit code: 0 when nothing differs, 1 when something does (like `diff`), 2 on bad usage.
 *
 * What is compared, per operation: the paths and methods; request and response content types;
 * response statuses; header/query parameters; and every field of every request and response body
 * (nested properties, array items, stream event variants): its presence, required flag, types,
 * enum values, default, bounds, format and pattern.
 */
import { fileURLToPath, pathToFileURL } from "node:url";
import { isObject, type Json, readSpecFile } from "./spec-io.js";
import { trimSpec } from "./trim-spec.js";

/** One difference. `ours` is the base (`openapi/images.yaml`), `theirs` the other document. */
export interface SpecDifference {
  /** E.g. `POST /images/edits`, `POST /images/edits request multipart/form-data`, `… response 200 application/json`. */
  where: string;
  /** The field (`quality`, `usage.input_tokens_details.image_tokens`, `image[]`), or "" for the place itself. */
  field: string;
  /** `added`: only in theirs. `removed`: only in ours. `changed`: in both, differently. */
  change: "added" | "removed" | "changed";
  /** What differs: `path`, `operation`, `content type`, `status`, `parameter`, `field`, `required`, `enum`, `type`, … */
  aspect: string;
  ours?: unknown;
  theirs?: unknown;
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/**
 * Compares two documents (the second is trimmed to `/images/*` first).
 * @example
 * const diffs = diffSpecs(await readSpecFile("openapi/images.yaml"), await readSpecFile("openai.yaml"));
 */
export function diffSpecs(
  ours: Json,
  other: Json,
  options: { prefix?: string | undefined } = {},
): SpecDifference[] {
  const theirs = trimSpec(other, { prefix: options.prefix });
  const base = trimSpec(ours, { prefix: options.prefix });
  const out: SpecDifference[] = [];
  const a = operations(base);
  const b = operations(theirs);

  const pathsA = new Set([...a.keys()].map((k) => k.split(" ")[1]));
  const pathsB = new Set([...b.keys()].map((k) => k.split(" ")[1]));
  for (const p of pathsA)
    if (!pathsB.has(p)) out.push({ where: p as string, field: "", change: "removed", aspect: "path" });
  for (const p of pathsB)
    if (!pathsA.has(p)) out.push({ where: p as string, field: "", change: "added", aspect: "path" });

  for (const [key, opA] of a) {
    const opB = b.get(key);
    if (!opB) {
      if (pathsB.has(key.split(" ")[1]))
        out.push({ where: key, field: "", change: "removed", aspect: "operation" });
      continue;
    }
    compareOperation(key, base, opA, theirs, opB, out);
  }
  for (const key of b.keys()) {
    if (!a.has(key) && pathsA.has(key.split(" ")[1]))
      out.push({ where: key, field: "", change: "added", aspect: "operation" });
  }
  return out;
}

function operations(doc: Json): Map<string, Json> {
  const out = new Map<string, Json>();
  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const m of METHODS) if (isObject(item[m])) out.set(`${m.toUpperCase()} ${path}`, item[m] as Json);
  }
  return out;
}

function compareOperation(
  where: string,
  docA: Json,
  opA: Json,
  docB: Json,
  opB: Json,
  out: SpecDifference[],
): void {
  // Header, query, path and cookie parameters, keyed by `in:name`.
  const paramsA = parameterFacts(docA, opA);
  const paramsB = parameterFacts(docB, opB);
  compareFieldMaps(`${where} parameters`, paramsA, paramsB, "parameter", out);

  const bodyA = deref(docA, opA.requestBody);
  const bodyB = deref(docB, opB.requestBody);
  if ((bodyA.required === true) !== (bodyB.required === true)) {
    out.push({
      where: `${where} request`,
      field: "",
      change: "changed",
      aspect: "required",
      ours: bodyA.required === true,
      theirs: bodyB.required === true,
    });
  }
  compareContent(`${where} request`, docA, bodyA.content, docB, bodyB.content, out);

  const respA = isObject(opA.responses) ? opA.responses : {};
  const respB = isObject(opB.responses) ? opB.responses : {};
  for (const status of Object.keys(respA)) {
    if (!(status in respB))
      out.push({ where: `${where} response ${status}`, field: "", change: "removed", aspect: "status" });
  }
  for (const status of Object.keys(respB)) {
    if (!(status in respA))
      out.push({ where: `${where} response ${status}`, field: "", change: "added", aspect: "status" });
  }
  for (const status of Object.keys(respA)) {
    if (!(status in respB)) continue;
    compareContent(
      `${where} response ${status}`,
      docA,
      deref(docA, respA[status]).content,
      docB,
      deref(docB, respB[status]).content,
      out,
    );
  }
}

function compareContent(
  where: string,
  docA: Json,
  a: unknown,
  docB: Json,
  b: unknown,
  out: SpecDifference[],
): void {
  const ca = isObject(a) ? a : {};
  const cb = isObject(b) ? b : {};
  for (const type of Object.keys(ca)) {
    if (!(type in cb))
      out.push({ where: `${where} ${type}`, field: "", change: "removed", aspect: "content type" });
  }
  for (const type of Object.keys(cb)) {
    if (!(type in ca))
      out.push({ where: `${where} ${type}`, field: "", change: "added", aspect: "content type" });
  }
  for (const type of Object.keys(ca)) {
    if (!(type in cb)) continue;
    const fa = flattenSchema(docA, (ca[type] as Json | undefined)?.schema);
    const fb = flattenSchema(docB, (cb[type] as Json | undefined)?.schema);
    compareFieldMaps(`${where} ${type}`, fa, fb, "field", out);
  }
}

/** What we compare about one field. Sets are sorted arrays so they print and compare simply. */
interface FieldFacts {
  required: boolean;
  types: string[];
  enum: unknown[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  format: string[];
  pattern: string[];
}

const SCALAR_FACTS = ["default", "minimum", "maximum", "minItems", "maxItems"] as const;
const LIST_FACTS = ["types", "format", "pattern"] as const;

function compareFieldMaps(
  where: string,
  a: Map<string, FieldFacts>,
  b: Map<string, FieldFacts>,
  aspect: string,
  out: SpecDifference[],
): void {
  for (const field of a.keys()) if (!b.has(field)) out.push({ where, field, change: "removed", aspect });
  for (const field of b.keys()) if (!a.has(field)) out.push({ where, field, change: "added", aspect });
  for (const [field, fa] of a) {
    const fb = b.get(field);
    if (!fb) continue;
    if (fa.required !== fb.required) {
      out.push({
        where,
        field,
        change: "changed",
        aspect: "required",
        ours: fa.required,
        theirs: fb.required,
      });
    }
    const enumChanged = enumChange(where, field, fa.enum, fb.enum);
    if (enumChanged) out.push(enumChanged);
    for (const key of LIST_FACTS) {
      if (fa[key].join("|") !== fb[key].join("|")) {
        out.push({
          where,
          field,
          change: "changed",
          aspect: key === "types" ? "type" : key,
          ours: fa[key].join("|"),
          theirs: fb[key].join("|"),
        });
      }
    }
    for (const key of SCALAR_FACTS) {
      if (JSON.stringify(fa[key]) !== JSON.stringify(fb[key])) {
        out.push({ where, field, change: "changed", aspect: key, ours: fa[key], theirs: fb[key] });
      }
    }
  }
}

function parameterFacts(doc: Json, op: Json): Map<string, FieldFacts> {
  const out = new Map<string, FieldFacts>();
  const list = Array.isArray(op.parameters) ? op.parameters : [];
  for (const raw of list) {
    const p = deref(doc, raw);
    if (typeof p.name !== "string") continue;
    const facts = collectFacts(doc, p.schema);
    facts.required = p.required === true;
    out.set(`${String(p.in)}:${p.name}`, facts);
  }
  return out;
}

/**
 * Every field of a body schema, keyed by its path: `a.b` for properties, `a[]` for array items,
 * `a{}` for additionalProperties, `<tag>` for a discriminated variant. Cycles stop at the second visit.
 */
function flattenSchema(doc: Json, schema: unknown): Map<string, FieldFacts> {
  const out = new Map<string, FieldFacts>();
  walkFields(doc, schema, { additionalProperties: true }, (path, sub, required) => {
    const facts = merge(out.get(path), collectFacts(doc, sub));
    facts.required = facts.required || required;
    out.set(path, facts);
  });
  return out;
}

/** How {@link walkFields} reads a schema where `spec:diff` and `spec:drift` differ. */
export interface WalkOptions {
  /** Walk additionalProperties as `a{}` fields. @default false */
  additionalProperties?: boolean;
  /**
   * Read `anyOf`/`oneOf` with one non-null variant and no properties of its own as that variant,
   * so that its required list holds whenever it is given. @default false
   */
  nullableAsVariant?: boolean;
}

/**
 * Calls `visit` for every field of a body schema, keyed by its path: `a.b` for properties, `a[]` for
 * array items, `a{}` for additionalProperties (when asked), `<tag>` for a discriminated variant.
 * `required` is whether the field is always required where it sits (never for items). A field may
 * be visited more than once (once per variant that declares it). Cycles stop at the second visit.
 *
 * @example
 * walkFields(doc, schema, {}, (path, sub, required) => console.log(path, required));
 */
export function walkFields(
  doc: Json,
  schema: unknown,
  options: WalkOptions,
  visit: (path: string, schema: unknown, required: boolean) => void,
): void {
  const walk = (schema: unknown, prefix: string, stack: string[]): void => {
    if (stack.length > 32) return;
    const ref = isObject(schema) && typeof schema.$ref === "string" ? schema.$ref : undefined;
    if (ref && stack.includes(ref)) return;
    const nextStack = ref ? [...stack, ref] : stack;
    const s = deref(doc, schema);

    const discriminator = isObject(s.discriminator) ? String(s.discriminator.propertyName) : undefined;
    const variants = Array.isArray(s.oneOf) ? s.oneOf : Array.isArray(s.anyOf) ? s.anyOf : undefined;
    if (discriminator && variants) {
      for (const v of variants) {
        const tag = tagOf(doc, v, discriminator);
        walk(v, tag === undefined ? prefix : join(prefix, `<${tag}>`), nextStack);
      }
      return;
    }
    if (options.nullableAsVariant && variants && !isObject(s.properties)) {
      // `anyOf: [X, { type: "null" }]` is X or nothing: X's required list holds whenever it is given.
      const given = variants.filter((v) => deref(doc, v).type !== "null");
      if (given.length === 1) {
        walk(given[0], prefix, nextStack);
        return;
      }
    }

    const { properties, required, items, additional } = shape(doc, s);
    for (const [name, sub] of properties) {
      const path = join(prefix, name);
      visit(path, sub, required.has(name));
      walk(sub, path, nextStack);
    }
    for (const sub of items) {
      visit(`${prefix}[]`, sub, false);
      walk(sub, `${prefix}[]`, nextStack);
    }
    if (options.additionalProperties) {
      for (const sub of additional) {
        visit(`${prefix}{}`, sub, false);
        walk(sub, `${prefix}{}`, nextStack);
      }
    }
  };
  walk(schema, "", []);
}

/** Properties, required names, item and additionalProperties schemas, merged across allOf/anyOf/oneOf. */
export function shape(doc: Json, schema: Json, depth = 0) {
  const properties = new Map<string, unknown>();
  const required = new Set<string>();
  const items: unknown[] = [];
  const additional: unknown[] = [];
  const visit = (node: unknown, viaAllOf: boolean, d: number) => {
    if (d > 16) return;
    const s = deref(doc, node);
    if (isObject(s.properties))
      for (const [k, v] of Object.entries(s.properties)) if (!properties.has(k)) properties.set(k, v);
    // Only required lists that always apply: the schema's own and its allOf parts'.
    if (viaAllOf && Array.isArray(s.required)) for (const r of s.required) required.add(String(r));
    if (s.items !== undefined && typeof s.items !== "boolean") items.push(s.items);
    if (isObject(s.additionalProperties)) additional.push(s.additionalProperties);
    if (Array.isArray(s.allOf)) for (const sub of s.allOf) visit(sub, viaAllOf, d + 1);
    for (const key of ["anyOf", "oneOf"] as const) {
      const list = s[key];
      if (Array.isArray(list)) for (const sub of list) visit(sub, false, d + 1);
    }
  };
  visit(schema, true, depth);
  return { properties, required, items, additional };
}

/** A field's own facts, gathered through $ref and allOf/anyOf/oneOf (not into nested properties). */
function collectFacts(doc: Json, schema: unknown): FieldFacts {
  const types = new Set<string>();
  const enums: unknown[] = [];
  const format = new Set<string>();
  const pattern = new Set<string>();
  const facts: FieldFacts = { required: false, types: [], enum: [], format: [], pattern: [] };
  const visit = (node: unknown, d: number) => {
    if (d > 16) return;
    const s = deref(doc, node);
    if (typeof s.type === "string") types.add(s.type);
    if (Array.isArray(s.type)) for (const t of s.type) types.add(String(t));
    if (Array.isArray(s.enum)) enums.push(...s.enum);
    if ("const" in s) enums.push(s.const);
    if (typeof s.format === "string") format.add(s.format);
    if (typeof s.pattern === "string") pattern.add(s.pattern);
    for (const key of SCALAR_FACTS)
      if (facts[key] === undefined && s[key] !== undefined) facts[key] = s[key] as never;
    for (const key of ["allOf", "anyOf", "oneOf"] as const) {
      const list = s[key];
      if (Array.isArray(list)) for (const sub of list) visit(sub, d + 1);
    }
  };
  visit(schema, 0);
  facts.types = [...types].sort();
  facts.enum = [...new Map(enums.map((v) => [JSON.stringify(v), v])).values()].sort((x, y) =>
    JSON.stringify(x).localeCompare(JSON.stringify(y)),
  );
  facts.format = [...format].sort();
  facts.pattern = [...pattern].sort();
  return facts;
}

function merge(a: FieldFacts | undefined, b: FieldFacts): FieldFacts {
  if (!a) return b;
  const union = (x: string[], y: string[]) => [...new Set([...x, ...y])].sort();
  const merged: FieldFacts = {
    required: a.required || b.required,
    types: union(a.types, b.types),
    enum: [...new Map([...a.enum, ...b.enum].map((v) => [JSON.stringify(v), v])).values()],
    format: union(a.format, b.format),
    pattern: union(a.pattern, b.pattern),
  };
  for (const key of SCALAR_FACTS) {
    const v = a[key] ?? b[key];
    if (v !== undefined) merged[key] = v as never;
  }
  return merged;
}

/** The discriminator value of one variant (its `const` or single-valued `enum`), if it has one. */
export function tagOf(doc: Json, variant: unknown, property: string): string | undefined {
  const { properties } = shape(doc, deref(doc, variant));
  const tag = deref(doc, properties.get(property));
  if ("const" in tag) return String(tag.const);
  if (Array.isArray(tag.enum) && tag.enum.length === 1) return String(tag.enum[0]);
  return undefined;
}

function join(prefix: string, name: string): string {
  return prefix ? `${prefix}.${name}` : name;
}

/** Follows local `$ref`s (`#/components/...`) to the schema they name; `{}` for anything else. */
export function deref(doc: Json, node: unknown, depth = 0): Json {
  if (!isObject(node)) return {};
  if (typeof node.$ref !== "string" || !node.$ref.startsWith("#/") || depth > 32) return node;
  let target: unknown = doc;
  for (const raw of node.$ref.slice(2).split("/")) {
    const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    target = isObject(target) ? target[key] : undefined;
  }
  return deref(doc, target, depth + 1);
}

/** One line per difference, grouped by place: `+` only in theirs, `-` only in ours, `~` changed. */
export function formatDiff(diffs: SpecDifference[], labels: { ours: string; theirs: string }): string {
  return formatReport(
    diffs,
    {
      ours: labels.ours,
      theirs: `${labels.theirs} (trimmed to /images/*)`,
      same: `No differences between ${labels.ours} and ${labels.theirs} (trimmed to /images/*).`,
    },
    describe,
  );
}

/**
 * The text report of `spec:diff` and `spec:drift`: a `---`/`+++` header, the differences grouped by
 * `where` with one `describe`d line each, and their count; `same` alone when there are none.
 *
 * @example
 * formatReport(diffs, { ours: "a.yaml", theirs: "b.yaml", same: "No differences." }, (d) => d.aspect);
 */
export function formatReport(
  diffs: readonly SpecDifference[],
  labels: { ours: string; theirs: string; same: string },
  describe: (d: SpecDifference) => string,
): string {
  if (diffs.length === 0) return `${labels.same}\n`;
  const lines = [`--- ${labels.ours}`, `+++ ${labels.theirs}`];
  const groups = new Map<string, SpecDifference[]>();
  for (const d of diffs) groups.set(d.where, [...(groups.get(d.where) ?? []), d]);
  for (const [where, list] of groups) {
    lines.push("", where);
    for (const d of list) lines.push(`  ${describe(d)}`);
  }
  lines.push("", `${diffs.length} difference(s).`);
  return `${lines.join("\n")}\n`;
}

function describe(d: SpecDifference): string {
  const sign = d.change === "added" ? "+" : d.change === "removed" ? "-" : "~";
  const subject = d.field
    ? `${d.aspect === "field" || d.aspect === "parameter" ? d.aspect : "field"} ${d.field}`
    : d.aspect;
  if (d.change !== "changed") return `${sign} ${subject}`;
  if (d.aspect === "enum") {
    const parts = [
      ...((d.theirs as unknown[] | undefined) ?? []).map((v) => `+${JSON.stringify(v)}`),
      ...((d.ours as unknown[] | undefined) ?? []).map((v) => `-${JSON.stringify(v)}`),
    ];
    return `~ ${subject}: enum ${parts.join(" ")}`;
  }
  if (d.aspect === "required") {
    return `~ ${subject}: ${d.ours ? "required" : "optional"} → ${d.theirs ? "required" : "optional"}`;
  }
  return `~ ${subject}: ${d.aspect} ${show(d.ours)} → ${show(d.theirs)}`;
}

function show(v: unknown): string {
  return v === undefined || v === "" ? "(none)" : typeof v === "string" ? v : JSON.stringify(v);
}

async function main(argv: string[]): Promise<number> {
  const args: string[] = [];
  let base = fileURLToPath(new URL("../openapi/images.yaml", import.meta.url));
  let json = false;
  let prefix: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "--json") json = true;
    else if (a === "--base") base = argv[++i] ?? base;
    else if (a === "--prefix") prefix = argv[++i];
    else args.push(a);
  }
  const [other] = args;
  if (!other) {
    console.error("usage: npm run spec:diff -- <other-spec.yaml|json> [--json] [--base openapi/images.yaml]");
    return 2;
  }
  const diffs = diffSpecs(await readSpecFile(base), await readSpecFile(other), { prefix });
  process.stdout.write(
    json ? `${JSON.stringify(diffs, null, 2)}\n` : formatDiff(diffs, { ours: base, theirs: other }),
  );
  return diffs.length === 0 ? 0 : 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  process.exitCode = await main(process.argv.slice(2));
}

/**
 * The listed values only one side has, as one `enum` difference (`ours`: only ours, `theirs`: only
 * theirs), or `undefined` when both list the same values. Values compare by their JSON text.
 *
 * @example
 * enumChange("POST /images/generations", "quality", ["low"], ["low", "max"])?.theirs; // ["max"]
 */
export function enumChange(
  where: string,
  field: string,
  ours: readonly unknown[],
  theirs: readonly unknown[],
): SpecDifference | undefined {
  const key = (v: unknown) => JSON.stringify(v);
  const inOurs = new Set(ours.map(key));
  const inTheirs = new Set(theirs.map(key));
  const removed = ours.filter((v) => !inTheirs.has(key(v)));
  const added = theirs.filter((v) => !inOurs.has(key(v)));
  if (removed.length === 0 && added.length === 0) return undefined;
  return {
    where,
    field,
    change: "changed",
    aspect: "enum",
    ...(removed.length > 0 ? { ours: removed } : {}),
    ...(added.length > 0 ? { theirs: added } : {}),
  };
}

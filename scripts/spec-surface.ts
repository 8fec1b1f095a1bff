/**
 * Our side of `spec:drift`: what `openapi/images.yaml` and the model table (`src/models/`) state,
 * reduced to the same `Surface` an SDK's `images.d.ts` is read into.
 */
import { KNOWN_MODELS, type Retirement, retirementOf } from "../src/models/index.js";
import { deref, walkFields } from "./spec-diff.js";
import { isObject, type Json } from "./spec-io.js";
import {
  addFacts,
  emptyFacts,
  type FieldFacts,
  type ModelRetirement,
  type OperationSurface,
  type Surface,
} from "./surface.js";

/** The models and their lifecycle, as the model table states them. */
export interface ModelTable {
  readonly models: readonly string[];
  readonly retirementOf: (model: string) => Retirement | undefined;
}

const OUR_TABLE: ModelTable = { models: KNOWN_MODELS, retirementOf };
const METHODS = ["get", "put", "post", "delete", "patch"] as const;

/**
 * The surface of an OpenAPI document (ours: `openapi/images.yaml`) and a model table (ours by default).
 *
 * @example
 * const ours = specSurface(await readSpecFile("openapi/images.yaml"));
 * ours.operations.get("POST /images/edits")?.requests.get("multipart/form-data")?.get("markup");
 */
export function specSurface(doc: Json, table: ModelTable = OUR_TABLE): Surface {
  const operations = new Map<string, OperationSurface>();
  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!path.startsWith("/images/") || !isObject(item)) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const requests = new Map<string, Map<string, FieldFacts>>();
      const body = deref(doc, op.requestBody);
      for (const [type, media] of Object.entries(isObject(body.content) ? body.content : {}))
        requests.set(type, fieldsOf(doc, isObject(media) ? media.schema : undefined));
      const responses = new Map<string, Map<string, FieldFacts>>();
      for (const [status, raw] of Object.entries(isObject(op.responses) ? op.responses : {})) {
        // The SDK types only what a successful call returns.
        if (!/^2/.test(status)) continue;
        const content = deref(doc, raw).content;
        for (const [type, media] of Object.entries(isObject(content) ? content : {}))
          responses.set(type, fieldsOf(doc, isObject(media) ? media.schema : undefined));
      }
      operations.set(`${method.toUpperCase()} ${path}`, {
        deprecated: op.deprecated === true,
        requests,
        responses,
      });
    }
  }
  const retired = new Map<string, ModelRetirement>();
  for (const model of table.models) {
    const r = table.retirementOf(model);
    if (r) {
      retired.set(model, {
        date: r.date,
        text: `${r.source}; use ${r.replacement}`,
      });
    }
  }
  return { operations, models: [...table.models], retired };
}

/**
 * Every field of a body schema, keyed as `spec:diff` keys them: `a.b` for properties, `a[]` for
 * array items, `<tag>.a` for a discriminated variant's fields.
 */
function fieldsOf(doc: Json, schema: unknown): Map<string, FieldFacts> {
  const out = new Map<string, FieldFacts>();
  walkFields(doc, schema, { nullableAsVariant: true }, (path, sub, required) =>
    addFacts(out, path, { ...factsOf(doc, sub), required }),
  );
  return out;
}

/** A field's own facts, gathered through `$ref` and allOf/anyOf/oneOf, in the SDK's terms. */
function factsOf(doc: Json, schema: unknown): FieldFacts {
  const facts = emptyFacts();
  const visit = (node: unknown, depth: number) => {
    if (depth > 16) return;
    // `deprecated` may sit beside a `$ref` (3.1 allows it), marking only this use of the schema.
    if (isObject(node) && node.deprecated === true) facts.deprecated = true;
    const s = deref(doc, node);
    if (s.deprecated === true) facts.deprecated = true;
    const listed = Array.isArray(s.enum) || "const" in s;
    const types = typeof s.type === "string" ? [s.type] : Array.isArray(s.type) ? s.type.map(String) : [];
    for (const t of types) {
      if (t === "string") facts.types.push(s.format === "binary" ? "binary" : listed ? "enum" : "string");
      else if (t === "integer") facts.types.push("number");
      else facts.types.push(t);
    }
    for (const v of [...(Array.isArray(s.enum) ? s.enum : []), ...("const" in s ? [s.const] : [])]) {
      if (v === null) facts.types.push("null");
      else if (typeof v === "string") {
        facts.values.push(v);
        if (types.length === 0) facts.types.push("enum");
      } else facts.types.push(typeof v);
    }
    for (const key of ["allOf", "anyOf", "oneOf"] as const) {
      const list = s[key];
      if (Array.isArray(list)) for (const sub of list) visit(sub, depth + 1);
    }
  };
  visit(schema, 0);
  return facts;
}

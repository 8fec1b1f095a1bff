/**
 * The model table and the parameter declarations against the OpenAPI document: every disagreement as
 * a sentence. Used by model-rules-spec.test.ts on the real pair, and on altered copies to show that a
 * deleted row or an enum value added to the spec alone is caught.
 */
import type { ModelRules, Operation, ParamInfo } from "../../src/models/index.js";
import { FORMATS, UNSTATED } from "../../src/models/index.js";

type Schema = Record<string, unknown>;

/** The request body schema of each operation in `openapi/images.yaml`. */
const BODY: Record<Operation, readonly string[]> = {
  generate: ["CreateImageRequest"],
  edit: ["EditBaseFields", "CreateImageEditRequest", "CreateImageEditJsonRequest"],
  variation: ["CreateImageVariationRequest"],
};

/** Request fields that are not parameters with rules: the model itself and the edit's images. */
const NOT_RULED = new Set(["model", "image", "images"]);

function schemas(spec: Schema): Record<string, Schema> {
  return ((spec.components as Schema).schemas ?? {}) as Record<string, Schema>;
}

function deref(spec: Schema, schema: Schema | undefined): Schema | undefined {
  const ref = schema?.$ref;
  if (typeof ref !== "string") return schema;
  return deref(spec, schemas(spec)[ref.split("/").at(-1) as string]);
}

/** The properties of a schema, `allOf` parts merged. */
function properties(spec: Schema, name: string): Record<string, Schema> {
  const schema = schemas(spec)[name] ?? {};
  const parts = [schema, ...((schema.allOf as Schema[] | undefined) ?? []).map((p) => deref(spec, p) ?? {})];
  return Object.assign({}, ...parts.map((p) => (p.properties ?? {}) as Record<string, Schema>));
}

/**
 * Every enum value a property allows (through `$ref` and `anyOf`), without `null`: null means the
 * field was not given, not a value a model takes.
 */
function enumValues(spec: Schema, schema: Schema | undefined): unknown[] {
  const s = deref(spec, schema);
  if (!s) return [];
  const types: unknown[] = Array.isArray(s.type) ? s.type : [s.type];
  const own = Array.isArray(s.enum) ? s.enum : types.includes("boolean") ? [true, false] : [];
  const nested = ((s.anyOf ?? s.oneOf ?? []) as Schema[]).flatMap((x) => enumValues(spec, x));
  return [...own, ...nested].filter((v) => v !== null);
}

/** The request properties of `op` (all of its body schemas). */
function opProperties(spec: Schema, op: Operation): Record<string, Schema> {
  return Object.assign({}, ...BODY[op].map((name) => properties(spec, name)));
}

/**
 * Every disagreement between the table, the declarations and the spec.
 *
 * @example
 * tableVsSpec(MODEL_RULES, PARAMETERS, openapiDocument); // []
 */
export function tableVsSpec(
  table: Record<string, ModelRules>,
  parameters: Record<string, ParamInfo>,
  spec: Schema,
): string[] {
  const problems: string[] = [];
  const specModels = enumValues(spec, schemas(spec).ImageModel).map(String);
  for (const m of specModels)
    if (!Object.hasOwn(table, m)) problems.push(`model ${m} is in the spec but has no row`);
  for (const m of Object.keys(table))
    if (!specModels.includes(m)) problems.push(`model ${m} has a row but is not in the spec`);

  for (const op of ["generate", "edit", "variation"] as const) {
    const props = opProperties(spec, op);
    for (const name of Object.keys(props)) {
      if (!NOT_RULED.has(name) && !Object.hasOwn(parameters, name)) {
        problems.push(`${op}: parameter ${name} is in the spec but not declared`);
      }
    }
    const rows = Object.entries(table).filter(([, row]) => row[op] !== undefined);
    for (const [name, info] of Object.entries(parameters)) {
      const taken = rows.filter(([, row]) => (row[op] as Record<string, unknown>)[name] !== undefined);
      const inSpec = Object.hasOwn(props, name);
      if (info.kind === "text") {
        if ((info.ops ?? []).includes(op) !== inSpec)
          problems.push(`${op}: ${name}'s ops disagree with the spec`);
        continue;
      }
      if (taken.length > 0 && !inSpec) problems.push(`${op}: ${name} has rules but is not in the spec`);
      if (info.kind !== "enum" || !inSpec) continue;
      const specValues = enumValues(spec, props[name]);
      const tableValues = new Set<unknown>();
      for (const [, row] of taken) {
        const rule = (row[op] as Record<string, unknown>)[name];
        if (rule !== UNSTATED) for (const v of rule as unknown[]) tableValues.add(v);
      }
      for (const v of specValues) {
        if (!tableValues.has(v))
          problems.push(`${op}: ${name} ${JSON.stringify(v)} is in the spec but no model allows it`);
      }
      for (const v of tableValues) {
        if (!specValues.includes(v))
          problems.push(`${op}: ${name} ${JSON.stringify(v)} is in the table but not in the spec`);
      }
    }
  }

  // Output formats: the spec's list is the format table's output formats.
  const outputs = Object.entries(FORMATS)
    .filter(([, f]) => "output" in f)
    .map(([n]) => n);
  const specFormats = enumValues(spec, schemas(spec).OutputFormat).map(String);
  if (outputs.sort().join() !== [...specFormats].sort().join()) {
    problems.push(`output formats differ: table ${outputs.join(", ")}, spec ${specFormats.join(", ")}`);
  }
  return problems;
}

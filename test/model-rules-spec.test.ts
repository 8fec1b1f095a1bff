/**
 * The model table and the parameter declarations against the contract: every model, parameter and
 * enum value named in one is known to the other, so a change to `openapi/images.yaml` that the table
 * misses (or a table edit the spec does not back) fails here.
 */
import { describe, expect, it } from "vitest";
import { svgReasoningEffortValues } from "../generated/images.js";
import { openapiDocument } from "../generated/openapi.js";
import { MODEL_RULES, type ModelRules, PARAMETERS, SVG_EFFORTS } from "../src/models/index.js";
import { tableVsSpec } from "./support/table-vs-spec.js";

const table = MODEL_RULES as Record<string, ModelRules>;

/** A deep copy of the spec, changed by `edit`. */
function specWith(edit: (schemas: Record<string, Record<string, unknown>>) => void): Record<string, unknown> {
  const copy = structuredClone(openapiDocument);
  edit((copy.components as { schemas: Record<string, Record<string, unknown>> }).schemas);
  return copy;
}

describe("the model table matches the spec", () => {
  it("agrees on every model, parameter and enum value", () => {
    expect(tableVsSpec(table, PARAMETERS, openapiDocument)).toEqual([]);
  });

  it("lists the spec's SVG reasoning efforts", () => {
    expect([...SVG_EFFORTS]).toEqual([...svgReasoningEffortValues]);
  });

  it("fails when a model row is deleted", () => {
    const { "gpt-image-2.6-flare": _gone, ...rest } = table;
    expect(tableVsSpec(rest, PARAMETERS, openapiDocument)).toEqual([
      "model gpt-image-2.6-flare is in the spec but has no row",
    ]);
  });

  it("fails when an enum value is added to the spec alone", () => {
    const spec = specWith((s) => {
      const properties = s.CreateImageRequest?.properties as Record<string, { enum: string[] }>;
      properties.quality?.enum.push("ultra");
    });
    expect(tableVsSpec(table, PARAMETERS, spec)).toEqual([
      'generate: quality "ultra" is in the spec but no model allows it',
    ]);
  });

  it("fails when a model is added to the spec alone", () => {
    const spec = specWith((s) => {
      const models = s.ImageModel as { enum: string[] };
      models.enum.push("gpt-image-3");
    });
    expect(tableVsSpec(table, PARAMETERS, spec)).toEqual(["model gpt-image-3 is in the spec but has no row"]);
  });

  it("fails when the spec gains a parameter the declarations do not know", () => {
    const spec = specWith((s) => {
      (s.EditBaseFields?.properties as Record<string, unknown>).seed = { type: "integer" };
    });
    expect(tableVsSpec(table, PARAMETERS, spec)).toEqual([
      "edit: parameter seed is in the spec but not declared",
    ]);
  });

  it("fails when a table value is not in the spec", () => {
    const edited = {
      ...table,
      "gpt-image-1.5": {
        ...table["gpt-image-1.5"],
        generate: { ...table["gpt-image-1.5"]?.generate, quality: ["low", "ultra"] },
      },
    } as Record<string, ModelRules>;
    expect(tableVsSpec(edited, PARAMETERS, openapiDocument)).toContain(
      'generate: quality "ultra" is in the table but not in the spec',
    );
  });
});

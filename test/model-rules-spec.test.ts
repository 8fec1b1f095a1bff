/**
 * The rules table against the contract: every model, size, quality and format named in one is known to
 * the other, so a change to `openapi/images.yaml` that the table misses fails here.
 */
import { describe, expect, it } from "vitest";
import {
  backgroundValues,
  createImageRequestModerationValues,
  createImageRequestQualityValues,
  createImageRequestStyleValues,
  createImageVariationRequestSizeValues,
  editBaseFieldsInput_fidelityValues,
  editBaseFieldsQualityValues,
  editImageSizeAnyOf0Values,
  imageModelValues,
  outputFormatValues,
  responseFormatValues,
  standardImageSizeValues,
} from "../generated/images.js";
import {
  MODEL_RULES,
  modelsFor,
  type Operation,
  type OperationRules,
  rulesFor,
} from "../src/models/index.js";

/** Every value the table lists for `key` on `op`, over all models. */
function tableValues(op: Operation, key: keyof OperationRules): unknown[] {
  const values = new Set<unknown>();
  for (const model of modelsFor(op)) {
    const rules = rulesFor(model, op) as OperationRules;
    const entry = rules[key];
    const list = key === "size" ? rules.size.values : entry;
    if (Array.isArray(list)) for (const v of list) values.add(v);
  }
  return [...values];
}

const sorted = (values: readonly unknown[]) => [...values].map(String).sort();

describe("the rules table matches the spec's enums", () => {
  it("has a record for exactly the spec's models", () => {
    expect(sorted(Object.keys(MODEL_RULES))).toEqual(sorted(imageModelValues));
  });

  it.each([
    ["generate", "size", standardImageSizeValues],
    ["edit", "size", editImageSizeAnyOf0Values],
    ["variation", "size", createImageVariationRequestSizeValues],
    ["generate", "quality", createImageRequestQualityValues],
    ["edit", "quality", editBaseFieldsQualityValues],
    ["generate", "background", backgroundValues],
    ["edit", "background", backgroundValues],
    ["generate", "output_format", outputFormatValues],
    ["edit", "output_format", outputFormatValues],
    ["generate", "response_format", responseFormatValues],
    ["edit", "response_format", responseFormatValues],
    ["variation", "response_format", responseFormatValues],
    ["generate", "moderation", createImageRequestModerationValues],
    ["generate", "style", createImageRequestStyleValues],
    ["edit", "input_fidelity", editBaseFieldsInput_fidelityValues],
  ] as const)("%s %s: the table's values are the spec's values", (op, key, specValues) => {
    expect(sorted(tableValues(op, key))).toEqual(sorted(specValues));
  });

  it("formats named in cross-parameter rules are output formats of the spec", () => {
    for (const op of ["generate", "edit"] as const) {
      for (const key of ["transparentFormats", "compressionFormats"] as const) {
        for (const v of tableValues(op, key)) expect(outputFormatValues).toContain(v);
      }
    }
  });

  it("parameters the spec does not have for an operation are absent from its rules", () => {
    // Variations take no prompt, quality or GPT-only output options; edits take no style or moderation.
    for (const key of ["prompt", "quality", "background", "output_format", "stream", "style"] as const) {
      expect(tableValues("variation", key)).toEqual([]);
      expect(modelsFor("variation").every((m) => rulesFor(m, "variation")?.[key] === undefined)).toBe(true);
    }
    for (const key of ["style", "moderation"] as const) {
      expect(modelsFor("edit").every((m) => rulesFor(m, "edit")?.[key] === undefined)).toBe(true);
    }
  });
});

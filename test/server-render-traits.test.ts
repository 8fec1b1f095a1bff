/**
 * The server renders every quality and output format the model table allows, as itself: the
 * compile-time `satisfies` checks in `src/server/render-traits.ts` have a runtime twin here, and a
 * value without a rendering is refused by the renderer instead of being drawn as another.
 */
import { describe, expect, it } from "vitest";
import { KNOWN_MODELS, rulesFor } from "../src/models/index.js";
import { render } from "../src/server/operations.js";
import {
  FORMAT_RENDERING,
  formatRendering,
  QUALITY_RENDERING,
  renderQuality,
  UnrenderableError,
} from "../src/server/render-traits.js";

/** Every value of an enum parameter over the table's rows. */
function tableValues(param: "quality" | "output_format"): Set<string> {
  const values = new Set<string>();
  for (const model of KNOWN_MODELS) {
    for (const op of ["generate", "edit", "variation"] as const) {
      const rule = rulesFor(model, op)?.[param];
      if (Array.isArray(rule)) for (const v of rule) values.add(String(v));
    }
  }
  return values;
}

describe("render traits", () => {
  it("have a rendering for every quality and output format of the model table", () => {
    expect([...tableValues("quality")].filter((q) => !Object.hasOwn(QUALITY_RENDERING, q))).toEqual([]);
    expect([...tableValues("output_format")].filter((f) => !Object.hasOwn(FORMAT_RENDERING, f))).toEqual([]);
  });

  it("render each quality as itself, auto and standard as medium, hd as high", () => {
    expect(["low", "medium", "high", "xhigh", "max"].map(renderQuality)).toEqual([
      "low",
      "medium",
      "high",
      "xhigh",
      "max",
    ]);
    expect([undefined, "auto", "standard", "hd"].map(renderQuality)).toEqual([
      "medium",
      "medium",
      "medium",
      "high",
    ]);
  });

  it("refuse a value they cannot render instead of drawing it as another", async () => {
    expect(() => renderQuality("ultra")).toThrow(UnrenderableError);
    expect(() => formatRendering("avif")).toThrow(/cannot render output_format "avif"/);
    const input = {
      op: "generate" as const,
      model: "gpt-image-2",
      params: { prompt: "otter", size: "64x64", output_format: "avif" },
      images: [],
      imageSizes: [],
    };
    await expect(render(input)).rejects.toThrow(UnrenderableError);
    await expect(
      render({ ...input, params: { ...input.params, output_format: "png", quality: "ultra" } }),
    ).rejects.toThrow(/cannot render quality "ultra"/);
  });
});

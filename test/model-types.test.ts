/**
 * Per-model parameter types: the commonest mistakes do not compile. Each `@ts-expect-error` line is
 * checked by `npm run typecheck` and by vitest's typecheck under `npm test` (tsc fails when an expected
 * error does not happen), and names the parameter at fault in brackets: test/type-errors.test.ts
 * checks that the compiler blames that one. The runtime assertions check that the types and the
 * rules table agree.
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import type { ImagesClient } from "../src/index.js";
import type { EditParams, GenerateParams, ModelsFor, VariationParams } from "../src/models/index.js";
import { MODEL_RULES, modelsFor, validateRequest } from "../src/models/index.js";
import type { DeclaredParamsAreInSpec } from "../src/models/params.js";
import type { CreateImageRequest, KnownModel } from "../src/types.js";

// The signatures the client's methods use: `M` is inferred from `params.model`.
const generate = <M extends string | undefined = undefined>(params: GenerateParams<M>) => params;
const edit = <M extends string | undefined = undefined>(params: EditParams<M>) => params;
const createVariation = <M extends string | undefined = undefined>(params: VariationParams<M>) => params;

const image = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: "image/png" });
const prompt = "A cute baby sea otter";

describe("per-model parameter types", () => {
  it("refuse the documented mistakes at compile time", () => {
    // @ts-expect-error [n] dall-e-3 makes one image per request
    generate({ model: "dall-e-3", prompt, n: 2 });
    // @ts-expect-error [style] style is dall-e-3 only
    generate({ model: "gpt-image-1", prompt, style: "vivid" });
    // @ts-expect-error [response_format] GPT image models always return base64
    generate({ model: "gpt-image-1.5", prompt, response_format: "url" });
    // @ts-expect-error [background] background is GPT image models only
    generate({ model: "dall-e-2", prompt, background: "transparent" });
    // @ts-expect-error [stream] streaming is GPT image models only
    generate({ model: "dall-e-3", prompt, stream: true });
    // @ts-expect-error [size] 1792x1024 is a dall-e-3 size
    generate({ model: "gpt-image-1", prompt, size: "1792x1024" });
    // @ts-expect-error [model] dall-e-3 cannot edit
    edit({ model: "dall-e-3", prompt, image });
    // @ts-expect-error [model] variations are dall-e-2 only
    createVariation({ model: "gpt-image-1", image });
    // @ts-expect-error [image] dall-e-2 edits take exactly one image
    edit({ model: "dall-e-2", prompt, image: [image, image] });
    // @ts-expect-error [input_fidelity] gpt-image-1-mini takes input_fidelity "low" only (7.30.0)
    edit({ model: "gpt-image-1-mini", prompt, image, input_fidelity: "high" });
    // @ts-expect-error [input_fidelity] gpt-image-2 takes no input_fidelity (7.30.0)
    edit({ model: "gpt-image-2", prompt, image, input_fidelity: "low" });
    // @ts-expect-error [size] custom sizes are for gpt-image-2 and the 2.5 models
    generate({ model: "gpt-image-1.5", prompt, size: "1536x864" });
    // @ts-expect-error [quality] xhigh is for the 2.5 models (7.12.1)
    generate({ model: "gpt-image-1.5", prompt, quality: "xhigh" });
    // @ts-expect-error [quality] max is for the 2.5 models (7.12.1)
    edit({ model: "gpt-image-2", prompt, image, quality: "max" });
    // @ts-expect-error [output_format] gpt-image-1 was shut down before GIF output (7.51.0)
    generate({ model: "gpt-image-1", prompt, output_format: "gif" });
    // @ts-expect-error [complexity] complexity arrived after gpt-image-1 (7.51.0)
    generate({ model: "gpt-image-1", prompt, complexity: "low" });
    // @ts-expect-error [frame_count] frame_count is 2–16 frames of a GIF: a number
    generate({ model: "gpt-image-2.5-flare", prompt, output_format: "gif", frame_count: "9" });
    // @ts-expect-error [markup] markup is not for gpt-image-1 (7.47.0)
    edit({ model: "gpt-image-1", prompt, image, markup: image });
    // @ts-expect-error [markup] markup is not for dall-e-2
    edit({ model: "dall-e-2", prompt, image, markup: image });
    const svg = { model: "m", reasoning: { effort: "extreme" } } as const;
    // @ts-expect-error [svg] svg reasoning efforts are the spec's list
    generate({ model: "gpt-image-2.5-flare", prompt, output_format: "svg", svg });
    // @ts-expect-error [safety_identifier] safety_identifier is text
    generate({ model: "gpt-image-2.5-flare", prompt, safety_identifier: 42 });
  });

  it("are the types of the client's own methods", () => {
    // Compiled, never run: the same mistakes against the real client's signatures (stream overloads included).
    const compileOnly = async (client: ImagesClient) => {
      // @ts-expect-error [n] dall-e-3 makes one image per request
      await client.generate({ model: "dall-e-3", prompt, n: 2 });
      // @ts-expect-error [style] style is dall-e-3 only
      await client.generate({ model: "gpt-image-1", prompt, style: "vivid" });
      // @ts-expect-error [response_format] GPT image models always return base64
      await client.generate({ model: "gpt-image-1.5", prompt, response_format: "url" });
      // @ts-expect-error [background] background is GPT image models only
      await client.generate({ model: "dall-e-2", prompt, background: "transparent" });
      // @ts-expect-error [quality] xhigh is for the 2.5 models (7.12.1)
      await client.generate({ model: "gpt-image-1.5", prompt, quality: "xhigh" });
      // @ts-expect-error [stream] GIF output cannot stream (7.51.0)
      await client.generate({ model: "gpt-image-2.5-flare", prompt, output_format: "gif", stream: true });
      // @ts-expect-error [stream] SVG output cannot stream (7.57.0)
      await client.edit({ model: "gpt-image-2.5-flare", prompt, image, output_format: "svg", stream: true });
      // @ts-expect-error [stream] GIF output cannot stream, whatever the model
      await client.generate({ model: "my-local-model", prompt, output_format: "gif", stream: true });
      // @ts-expect-error [stream] streaming is GPT image models only
      await client.generate({ model: "dall-e-3", prompt, stream: true });
      // @ts-expect-error [size] 1792x1024 is a dall-e-3 size
      await client.generate({ model: "gpt-image-1", prompt, size: "1792x1024" });
      // @ts-expect-error [model] dall-e-3 cannot edit
      await client.edit({ model: "dall-e-3", prompt, image });
      // @ts-expect-error [model] variations are dall-e-2 only
      await client.createVariation({ model: "gpt-image-1", image });
      // Valid, including unknown models with any documented parameter.
      await client.generate({ model: "dall-e-3", prompt, quality: "hd", style: "vivid" });
      await client.generate({ model: "gpt-image-2", prompt, size: "2048x1152", stream: true });
      await client.generate({ model: "gpt-image-2", prompt, background: "transparent" });
      await client.generate({ model: "gpt-image-2.5-sunburst", prompt, quality: "xhigh", size: "1536x864" });
      await client.generate({ model: "gpt-image-2.6-flare", prompt, quality: "max", size: "1000x1000" });
      await client.generate({ model: "gpt-image-2.5-flare", prompt, output_format: "gif", frame_count: 4 });
      await client.edit({ model: "gpt-image-2.5-flare", prompt, image, markup: image, quality: "max" });
      await client.edit({ model: "gpt-image-2.5-flare", prompt, image, stream: true, output_format: "webp" });
      await client.generate({ model: "my-local-model", prompt, style: "vivid", background: "transparent" });
      await client.edit({ model: "my-local-model", prompt, image, response_format: "url" });
      await client.createVariation({ model: "my-local-model", image, n: 5 });
    };
    expect(typeof compileOnly).toBe("function");
  });

  it("accept valid requests, and anything for unknown models", () => {
    const valid = [
      generate({ model: "dall-e-3", prompt, n: 1, style: "vivid", quality: "hd", size: "1792x1024" }),
      generate({ model: "gpt-image-2", prompt, size: "1536x864", background: "opaque", stream: true }),
      generate({ model: "gpt-image-1", prompt, background: "transparent", output_format: "webp" }),
      generate({ model: "gpt-image-2", prompt, background: "transparent" }),
      generate({
        model: "gpt-image-2.5-flare",
        prompt,
        quality: "max",
        complexity: "high",
        safety_identifier: "u-1",
      }),
      generate({
        model: "gpt-image-2.5-sunburst",
        prompt,
        output_format: "svg",
        svg: { model: "m", reasoning: { effort: "high" } },
      }),
      generate({
        model: "gpt-image-1.5",
        prompt,
        output_format: "gif",
        frame_count: 16,
        frame_duration_ms: 120,
      }),
      generate({ prompt, style: "vivid" }),
      generate({ model: "my-local-model", prompt, style: "vivid", background: "transparent", n: 4 }),
      edit({ prompt, image: [image, image] }),
      edit({ model: "dall-e-2", prompt, image, response_format: "url", size: "512x512" }),
      edit({ model: "gpt-image-1", prompt, images: [{ image_url: "https://example.com/a.png" }] }),
      edit({ model: "my-local-model", prompt, image, input_fidelity: "high", response_format: "url" }),
      edit({ model: "gpt-image-2.5-sunburst", prompt, image, markup: image, input_fidelity: "high" }),
      edit({ model: "gpt-image-1-mini", prompt, image, input_fidelity: "low" }),
      edit({
        model: "gpt-image-1.5",
        prompt,
        images: [{ file_id: "file-1" }],
        markup: { file_id: "file-2" },
      }),
      createVariation({ image, n: 3 }),
      createVariation({ model: "my-local-model", image, size: "1024x1024" }),
    ];
    expect(valid).toHaveLength(18);
    const anyName: string = "served-by-someone-else";
    expectTypeOf(generate({ model: anyName, prompt, style: "natural", quality: "high" })).toMatchTypeOf<{
      model?: string | undefined;
    }>();
  });

  it("agree with the table on which models support which operation", () => {
    expectTypeOf<ModelsFor<"variation">>().toEqualTypeOf<"dall-e-2">();
    expectTypeOf<ModelsFor<"edit">>().toEqualTypeOf<Exclude<KnownModel, "dall-e-3">>();
    expectTypeOf<ModelsFor<"generate">>().toEqualTypeOf<KnownModel>();
    expect(modelsFor("variation")).toEqual(["dall-e-2"]);
    expect(modelsFor("edit").sort()).toEqual(
      Object.keys(MODEL_RULES)
        .filter((m) => m !== "dall-e-3")
        .sort(),
    );
    expect(modelsFor("generate")).toHaveLength(Object.keys(MODEL_RULES).length);
  });

  it("agree with the table value by value", () => {
    expectTypeOf<NonNullable<GenerateParams<"dall-e-3">["n"]>>().toEqualTypeOf<1>();
    expectTypeOf<NonNullable<GenerateParams<"dall-e-2">["quality"]>>().toEqualTypeOf<
      (typeof MODEL_RULES)["dall-e-2"]["generate"]["quality"][number]
    >();
    expectTypeOf<NonNullable<GenerateParams<"gpt-image-2">["background"]>>().toEqualTypeOf<
      "transparent" | "opaque" | "auto"
    >();
    expectTypeOf<NonNullable<GenerateParams<"gpt-image-2.5-flare">["quality"]>>().toEqualTypeOf<
      "low" | "medium" | "high" | "xhigh" | "max" | "auto"
    >();
    // An unstated cell takes everything the spec allows.
    expectTypeOf<NonNullable<GenerateParams<"gpt-image-2.6-flare">["quality"]>>().toEqualTypeOf<
      NonNullable<CreateImageRequest["quality"]>
    >();
    expectTypeOf<NonNullable<EditParams<"gpt-image-1-mini">["input_fidelity"]>>().toEqualTypeOf<"low">();
    // A parameter the model does not take may only be left out (undefined, or null: "not given").
    expectTypeOf<EditParams<"gpt-image-2">["input_fidelity"]>().toEqualTypeOf<undefined | null>();
    // Every declared parameter is a field of the spec's request bodies.
    expectTypeOf<DeclaredParamsAreInSpec>().toEqualTypeOf<never>();
    expectTypeOf<NonNullable<GenerateParams<"gpt-image-1">["size"]>>().toEqualTypeOf<
      "auto" | "1024x1024" | "1536x1024" | "1024x1536"
    >();
    expectTypeOf<NonNullable<GenerateParams<"dall-e-3">["stream"]>>().toEqualTypeOf<false>();
    expectTypeOf<NonNullable<VariationParams<"dall-e-2">["size"]>>().toEqualTypeOf<
      "256x256" | "512x512" | "1024x1024"
    >();
    // And the runtime rules refuse what the types refuse.
    const refused = validateRequest("generate", { model: "dall-e-3", prompt, n: 2 }, undefined, {
      target: "other",
    });
    expect(refused.filter((i) => i.severity === "error").map((i) => i.param)).toEqual(["n"]);
  });
});

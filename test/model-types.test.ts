/**
 * Per-model parameter types: the commonest mistakes do not compile. Each `@ts-expect-error` line is
 * checked by `npm run typecheck` (tsc fails when an expected error does not happen); the runtime
 * assertions check that the types and the rules table agree.
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import type { ImagesClient } from "../src/index.js";
import type { EditParams, GenerateParams, ModelsFor, VariationParams } from "../src/models/index.js";
import { MODEL_RULES, modelsFor, validateRequest } from "../src/models/index.js";
import type { KnownModel } from "../src/types.js";

// The signatures the client's methods use: `M` is inferred from `params.model`.
const generate = <M extends string | undefined = undefined>(params: GenerateParams<M>) => params;
const edit = <M extends string | undefined = undefined>(params: EditParams<M>) => params;
const createVariation = <M extends string | undefined = undefined>(params: VariationParams<M>) => params;

const image = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: "image/png" });
const prompt = "A cute baby sea otter";

describe("per-model parameter types", () => {
  it("refuse the documented mistakes at compile time", () => {
    // @ts-expect-error dall-e-3 makes one image per request
    generate({ model: "dall-e-3", prompt, n: 2 });
    // @ts-expect-error style is dall-e-3 only
    generate({ model: "gpt-image-1", prompt, style: "vivid" });
    // @ts-expect-error GPT image models always return base64
    generate({ model: "gpt-image-1.5", prompt, response_format: "url" });
    // @ts-expect-error background is GPT image models only
    generate({ model: "dall-e-2", prompt, background: "transparent" });
    // @ts-expect-error gpt-image-2 has no transparent backgrounds
    generate({ model: "gpt-image-2", prompt, background: "transparent" });
    // @ts-expect-error streaming is GPT image models only
    generate({ model: "dall-e-3", prompt, stream: true });
    // @ts-expect-error 1792x1024 is a dall-e-3 size
    generate({ model: "gpt-image-1", prompt, size: "1792x1024" });
    // @ts-expect-error dall-e-3 cannot edit
    edit({ model: "dall-e-3", prompt, image });
    // @ts-expect-error variations are dall-e-2 only
    createVariation({ model: "gpt-image-1", image });
    // @ts-expect-error dall-e-2 edits take exactly one image
    edit({ model: "dall-e-2", prompt, image: [image, image] });
    // @ts-expect-error input_fidelity is not for gpt-image-1-mini
    edit({ model: "gpt-image-1-mini", prompt, image, input_fidelity: "high" });
    // @ts-expect-error the default edit model (gpt-image-1.5) refuses response_format
    edit({ prompt, image, response_format: "url" });
    // @ts-expect-error custom sizes are gpt-image-2 only
    generate({ model: "gpt-image-1.5", prompt, size: "1536x864" });
  });

  it("are the types of the client's own methods", () => {
    // Compiled, never run: the same mistakes against the real client's signatures (stream overloads included).
    const compileOnly = async (client: ImagesClient) => {
      // @ts-expect-error dall-e-3 makes one image per request
      await client.generate({ model: "dall-e-3", prompt, n: 2 });
      // @ts-expect-error style is dall-e-3 only
      await client.generate({ model: "gpt-image-1", prompt, style: "vivid" });
      // @ts-expect-error GPT image models always return base64
      await client.generate({ model: "gpt-image-1.5", prompt, response_format: "url" });
      // @ts-expect-error background is GPT image models only
      await client.generate({ model: "dall-e-2", prompt, background: "transparent" });
      // @ts-expect-error gpt-image-2 has no transparent backgrounds
      await client.generate({ model: "gpt-image-2", prompt, background: "transparent" });
      // @ts-expect-error streaming is GPT image models only
      await client.generate({ model: "dall-e-3", prompt, stream: true });
      // @ts-expect-error 1792x1024 is a dall-e-3 size
      await client.generate({ model: "gpt-image-1", prompt, size: "1792x1024" });
      // @ts-expect-error dall-e-3 cannot edit
      await client.edit({ model: "dall-e-3", prompt, image });
      // @ts-expect-error variations are dall-e-2 only
      await client.createVariation({ model: "gpt-image-1", image });
      // Valid, including unknown models with any documented parameter.
      await client.generate({ model: "dall-e-3", prompt, quality: "hd", style: "vivid" });
      await client.generate({ model: "gpt-image-2", prompt, size: "2048x1152", stream: true });
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
      generate({ prompt, style: "vivid" }),
      generate({ model: "my-local-model", prompt, style: "vivid", background: "transparent", n: 4 }),
      edit({ prompt, image: [image, image] }),
      edit({ model: "dall-e-2", prompt, image, response_format: "url", size: "512x512" }),
      edit({ model: "gpt-image-1", prompt, images: [{ image_url: "https://example.com/a.png" }] }),
      edit({ model: "my-local-model", prompt, image, input_fidelity: "high", response_format: "url" }),
      createVariation({ image, n: 3 }),
      createVariation({ model: "my-local-model", image, size: "1024x1024" }),
    ];
    expect(valid).toHaveLength(11);
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
      "opaque" | "auto"
    >();
    expectTypeOf<NonNullable<GenerateParams<"gpt-image-1">["size"]>>().toEqualTypeOf<
      "auto" | "1024x1024" | "1536x1024" | "1024x1536"
    >();
    expectTypeOf<NonNullable<GenerateParams<"dall-e-3">["stream"]>>().toEqualTypeOf<false>();
    expectTypeOf<NonNullable<VariationParams<"dall-e-2">["size"]>>().toEqualTypeOf<
      "256x256" | "512x512" | "1024x1024"
    >();
    // And the runtime rules refuse what the types refuse.
    const refused = validateRequest("generate", { model: "dall-e-3", prompt, n: 2 });
    expect(refused.map((i) => i.param)).toEqual(["n"]);
  });
});

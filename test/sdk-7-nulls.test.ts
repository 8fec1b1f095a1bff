/**
 * `null` request fields. The official SDK (openai@7.59.0, installed as `openai-v7` for its types)
 * types most optional request fields as `| null`, and the upstream OpenAPI document marks them
 * nullable: the API reads null as "not given". So the spec, the client's types, the client and the
 * local server must all take them. The lists of null fields below are checked against the SDK's
 * types at compile time (a nullable field the SDK adds fails `npm run typecheck` until it is here).
 */
import type {
  ImageCreateVariationParams,
  ImageEditParamsNonStreaming,
  ImageGenerateParamsNonStreaming,
} from "openai-v7/resources/images";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { createImagesClient } from "../src/client.js";
import type { EditParams, GenerateParams } from "../src/models/index.js";
import { createSpecValidator, type ImagesServer, startImagesServer } from "../src/server/index.js";
import type {
  CreateImageEditJsonRequest,
  CreateImageEditRequest,
  CreateImageRequest,
  CreateImageVariationRequest,
} from "../src/types.js";
import { parseMultipart, useLoopback } from "./loopback.fixtures.js";
import { describe as describeImage, solidPng } from "./server-helpers.js";

/** The keys of `T` whose type admits `null`. */
type NullableKeys<T> = { [K in keyof T]-?: null extends T[K] ? K : never }[keyof T];
/** Every nullable field of `T`, set to null: a missing or extra key is a compile error. */
type AllNull<T> = { [K in NullableKeys<T>]: null };

const GENERATE_NULLS: AllNull<ImageGenerateParamsNonStreaming> = {
  background: null,
  complexity: null,
  frame_count: null,
  frame_duration_ms: null,
  model: null,
  moderation: null,
  n: null,
  output_compression: null,
  output_format: null,
  partial_images: null,
  quality: null,
  response_format: null,
  safety_identifier: null,
  size: null,
  stream: null,
  style: null,
  svg: null,
};

// An edit takes the generation's null fields but moderation and style, plus input_fidelity.
const { moderation: _moderation, style: _style, ...SHARED_NULLS } = GENERATE_NULLS;
const EDIT_NULLS: AllNull<ImageEditParamsNonStreaming> = { ...SHARED_NULLS, input_fidelity: null };

const VARIATION_NULLS: AllNull<ImageCreateVariationParams> = {
  model: null,
  n: null,
  response_format: null,
  size: null,
};

describe("null fields: the spec, generated from openapi/, matches the SDK", () => {
  it("lets exactly the SDK's nullable fields be null", () => {
    expectTypeOf<NullableKeys<CreateImageRequest>>().toEqualTypeOf<
      NullableKeys<ImageGenerateParamsNonStreaming>
    >();
    expectTypeOf<NullableKeys<CreateImageEditRequest>>().toEqualTypeOf<
      NullableKeys<ImageEditParamsNonStreaming>
    >();
    expectTypeOf<NullableKeys<CreateImageEditJsonRequest>>().toEqualTypeOf<
      NullableKeys<ImageEditParamsNonStreaming>
    >();
    expectTypeOf<NullableKeys<CreateImageVariationRequest>>().toEqualTypeOf<
      NullableKeys<ImageCreateVariationParams>
    >();
    // Nested: the SVG author's reasoning and its effort.
    type Svg = NonNullable<CreateImageRequest["svg"]>;
    expectTypeOf<null>().toMatchTypeOf<Svg["reasoning"]>();
    expectTypeOf<null>().toMatchTypeOf<NonNullable<Svg["reasoning"]>["effort"]>();
  });

  it("the client's types take them, for a named model and without one", () => {
    const { model: _model, ...rest } = GENERATE_NULLS;
    expectTypeOf({ prompt: "otter", ...GENERATE_NULLS }).toMatchTypeOf<GenerateParams>();
    expectTypeOf({ model: "gpt-image-2" as const, prompt: "otter", ...rest }).toMatchTypeOf<
      GenerateParams<"gpt-image-2">
    >();
    const { model: _editModel, ...editRest } = EDIT_NULLS;
    expectTypeOf({
      model: "gpt-image-1.5" as const,
      prompt: "hat",
      image: new Blob(),
      ...editRest,
    }).toMatchTypeOf<EditParams<"gpt-image-1.5">>();
  });

  it("the spec validator accepts every null field", () => {
    const spec = createSpecValidator();
    const json = (path: string, body: unknown) =>
      spec.validateRequest({ method: "POST", path, contentType: "application/json", body });
    expect(json("/images/generations", { prompt: "otter", ...GENERATE_NULLS }).valid).toBe(true);
    expect(
      json("/images/edits", {
        prompt: "hat",
        images: [{ image_url: "https://example.com/a.png" }],
        ...EDIT_NULLS,
        svg: { model: "gpt-5", reasoning: null },
      }).valid,
    ).toBe(true);
    expect(
      json("/images/generations", { prompt: "otter", svg: { model: "gpt-5", reasoning: { effort: null } } })
        .valid,
    ).toBe(true);
    // Never null: the prompt and the end-user id.
    expect(json("/images/generations", { prompt: null }).valid).toBe(false);
    expect(json("/images/generations", { prompt: "otter", user: null }).valid).toBe(false);
  });
});

describe("null fields on the wire", () => {
  const loopback = useLoopback();

  it("a JSON body carries them as null; the model falls back to the documented default", async () => {
    const client = createImagesClient({ apiKey: "sk-test", baseUrl: loopback.baseUrl });
    await client.generate({ prompt: "otter", ...GENERATE_NULLS });
    const sent = JSON.parse(loopback.requests[0]?.body.toString("utf8") ?? "{}") as Record<string, unknown>;
    expect(sent.model).toBe("gpt-image-2.5-sunburst");
    expect(sent.quality).toBeNull();
    expect(sent.n).toBeNull();
  });

  it("a client default does not replace an explicit null", async () => {
    const client = createImagesClient({
      apiKey: "sk-test",
      baseUrl: loopback.baseUrl,
      defaults: { quality: "high" },
    });
    await client.generate({ model: "gpt-image-2", prompt: "otter", quality: null });
    const sent = JSON.parse(loopback.requests[0]?.body.toString("utf8") ?? "{}") as Record<string, unknown>;
    expect(sent.quality).toBeNull();
  });

  it("a multipart body leaves them out (a form has no null)", async () => {
    const client = createImagesClient({ apiKey: "sk-test", baseUrl: loopback.baseUrl });
    const { model: _model, ...rest } = EDIT_NULLS;
    await client.edit({
      model: "gpt-image-1.5",
      prompt: "hat",
      image: await solidPng(8, 8, { r: 9, g: 9, b: 9 }),
      ...rest,
    });
    const parts = await parseMultipart(loopback.requests[0] as NonNullable<(typeof loopback.requests)[0]>);
    expect(parts.map((p) => p.name).sort()).toEqual(["image", "model", "prompt"]);
  });
});

describe("null fields at the local server", () => {
  let server: ImagesServer;
  beforeAll(async () => {
    server = await startImagesServer({ retired: "serve" });
  });
  afterAll(() => server.close());

  const post = (path: string, body: unknown) =>
    fetch(`${server.url}${path}`, {
      method: "POST",
      headers: { authorization: "Bearer sk-test", "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("answers a generation whose every nullable field is null as if they were left out", async () => {
    const withNulls = await post("/images/generations", { prompt: "otter", ...GENERATE_NULLS });
    const without = await post("/images/generations", { prompt: "otter" });
    expect(withNulls.status).toBe(200);
    const a = (await withNulls.json()) as { data: { b64_json: string }[]; size?: string; quality?: string };
    const b = (await without.json()) as { data: { b64_json: string }[]; size?: string; quality?: string };
    expect(a.data).toHaveLength(1);
    expect([a.size, a.quality]).toEqual([b.size, b.quality]);
    const [left, right] = await Promise.all([
      describeImage(Buffer.from(a.data[0]?.b64_json ?? "", "base64")),
      describeImage(Buffer.from(b.data[0]?.b64_json ?? "", "base64")),
    ]);
    expect(left).toEqual(right);
  });

  it("answers a JSON edit and a variation with null fields", async () => {
    const png = (await solidPng(64, 64, { r: 200, g: 10, b: 10 })).toString("base64");
    const edit = await post("/images/edits", {
      prompt: "hat",
      images: [{ image_url: `data:image/png;base64,${png}` }],
      ...EDIT_NULLS,
    });
    expect(edit.status).toBe(200);
    const client = createImagesClient({ apiKey: "sk-test", baseUrl: server.url, onWarning: () => {} });
    const { model: _model, ...rest } = VARIATION_NULLS;
    const variation = await client.createVariation({
      model: "dall-e-2",
      image: await solidPng(64, 64, { r: 1, g: 2, b: 3 }),
      ...rest,
    });
    expect(variation.data).toHaveLength(1);
  });
});

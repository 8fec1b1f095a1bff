import { describe, expect, it } from "vitest";
import { createSpecValidator, type SpecFileMarker } from "../src/server/index.js";

const spec = createSpecValidator();
const png: SpecFileMarker = { filename: "otter.png", contentType: "image/png", size: 1024 };
const JSON_CT = "application/json";
const FORM_CT = "multipart/form-data; boundary=----x";

const usage = {
  input_tokens: 50,
  input_tokens_details: { image_tokens: 40, text_tokens: 10 },
  output_tokens: 272,
  total_tokens: 322,
};
const eventBase = {
  b64_json: "iVBORw0KGgo=",
  background: "opaque",
  created_at: 1_700_000_000,
  output_format: "png",
  quality: "high",
  size: "1024x1024",
};

function messages(r: { errors: { instancePath: string; message: string }[] }): string[] {
  return r.errors.map((e) => `${e.instancePath} ${e.message}`);
}

describe("validateRequest: JSON", () => {
  const gen = (body: unknown, contentType = JSON_CT) =>
    spec.validateRequest({ method: "POST", path: "/images/generations", contentType, body });

  it("accepts a minimal and a full generation request", () => {
    expect(gen({ prompt: "a cute baby sea otter" })).toEqual({ valid: true, errors: [] });
    const full = gen({
      prompt: "otter",
      model: "gpt-image-1",
      background: "transparent",
      moderation: "low",
      n: 10,
      output_compression: 0,
      output_format: "webp",
      partial_images: 3,
      quality: "high",
      size: "1536x864",
      stream: true,
      user: "u-1",
    });
    expect(full.valid).toBe(true);
  });

  it("accepts any model name (OpenAI-compatible servers) and custom WIDTHxHEIGHT sizes", () => {
    expect(gen({ prompt: "x", model: "my-local-model", size: "2048x1152" }).valid).toBe(true);
  });

  it("rejects a missing prompt, bad enum values, out-of-range numbers and wrong types", () => {
    const r = gen({ n: 11, quality: "ultra", output_compression: 101, partial_images: -1, stream: "true" });
    expect(r.valid).toBe(false);
    expect(messages(r)).toEqual(
      expect.arrayContaining([
        " must have required property 'prompt'",
        "/n must be <= 10",
        '/quality must be one of "standard", "hd", "low", "medium", "high", "xhigh", "max", "auto"',
        "/output_compression must be <= 100",
        "/partial_images must be >= 0",
        // JSON bodies are never coerced: "true" is a string, not a boolean.
        "/stream must be boolean or null",
      ]),
    );
  });

  it("rejects a size that is neither standard nor WIDTHxHEIGHT", () => {
    expect(gen({ prompt: "x", size: "big" }).valid).toBe(false);
    expect(gen({ prompt: "x", size: "0x100" }).valid).toBe(false);
  });

  it("accepts JSON edits with image references and rejects malformed references", () => {
    const edit = (body: unknown) =>
      spec.validateRequest({ method: "POST", path: "/images/edits", contentType: JSON_CT, body });
    expect(
      edit({
        prompt: "x",
        images: [{ image_url: "data:image/png;base64,AAAA" }, { file_id: "file-1" }],
        mask: { file_id: "file-2" },
      }).valid,
    ).toBe(true);
    expect(edit({ prompt: "x", images: [] }).valid).toBe(false);
    expect(edit({ prompt: "x", images: [{ image_url: "u", file_id: "f" }] }).valid).toBe(false);
    expect(edit({ prompt: "x", images: [{ url: "u" }] }).valid).toBe(false);
  });

  it("ignores content-type parameters and case", () => {
    expect(gen({ prompt: "x" }, "Application/JSON; charset=utf-8").valid).toBe(true);
  });

  it("tolerates the /v1 server prefix and a query string", () => {
    const r = spec.validateRequest({
      method: "post",
      path: "/v1/images/generations?trace=1",
      contentType: JSON_CT,
      body: { prompt: "x" },
    });
    expect(r.valid).toBe(true);
  });

  it("rejects unknown paths, methods and content types with a clear message", () => {
    const unknownPath = spec.validateRequest({
      method: "POST",
      path: "/images/upscale",
      contentType: JSON_CT,
      body: {},
    });
    expect(unknownPath.valid).toBe(false);
    expect(unknownPath.errors[0]?.message).toMatch(/unknown path \/images\/upscale/);

    const unknownMethod = spec.validateRequest({
      method: "GET",
      path: "/images/generations",
      contentType: "",
      body: undefined,
    });
    expect(unknownMethod.valid).toBe(false);
    expect(unknownMethod.errors[0]?.message).toMatch(/GET \/images\/generations is not in the spec/);

    const wrongType = gen({ prompt: "x" }, "multipart/form-data; boundary=b");
    expect(wrongType.valid).toBe(false);
    expect(wrongType.errors[0]?.message).toMatch(
      /content type multipart\/form-data.*accepted: application\/json/,
    );

    const variationsJson = spec.validateRequest({
      method: "POST",
      path: "/images/variations",
      contentType: JSON_CT,
      body: { image: "x" },
    });
    expect(variationsJson.valid).toBe(false);
  });

  it("rejects a missing required body", () => {
    const r = gen(undefined);
    expect(r.valid).toBe(false);
    expect(r.errors[0]?.message).toBe("the request body is required");
  });
});

describe("validateRequest: multipart", () => {
  const edit = (body: Record<string, unknown>) =>
    spec.validateRequest({ method: "POST", path: "/images/edits", contentType: FORM_CT, body });
  const variation = (body: Record<string, unknown>) =>
    spec.validateRequest({ method: "POST", path: "/images/variations", contentType: FORM_CT, body });

  it("coerces string fields to the schema's integer and boolean types and returns the coerced value", () => {
    const body = {
      prompt: "x",
      image: png,
      n: "2",
      stream: "true",
      output_compression: "0",
      partial_images: "3",
    };
    const r = edit(body);
    expect(r).toEqual({
      valid: true,
      errors: [],
      value: { prompt: "x", image: png, n: 2, stream: true, output_compression: 0, partial_images: 3 },
    });
    // The caller's object is left alone.
    expect(body.n).toBe("2");
  });

  it("keeps strings that the schema accepts as strings (model, size, prompt)", () => {
    const r = edit({ prompt: "123", image: png, model: "1", size: "auto" });
    expect(r.valid).toBe(true);
    expect(r.value).toMatchObject({ prompt: "123", model: "1" });
  });

  it("rejects strings that do not coerce", () => {
    const r = edit({ prompt: "x", image: png, n: "two", stream: "yes" });
    expect(messages(r)).toEqual(
      expect.arrayContaining(["/n must be integer", "/stream must be boolean or null"]),
    );
    expect(edit({ prompt: "x", image: png, n: "1.5" }).valid).toBe(false);
    expect(edit({ prompt: "x", image: png, n: "11" }).valid).toBe(false);
  });

  it("accepts one image, image[] arrays and repeated image fields, with a mask", () => {
    expect(edit({ prompt: "x", image: png, mask: png }).valid).toBe(true);
    const r = edit({ prompt: "x", "image[]": [png, png, png], mask: png });
    expect(r.valid).toBe(true);
    expect(r.value).toMatchObject({ image: [png, png, png] });
    expect(edit({ prompt: "x", "image[]": png }).value).toMatchObject({ image: [png] });
    expect(edit({ prompt: "x", image: [png, png] }).valid).toBe(true);
  });

  it("folds the deepObject fields (svg[model], svg[reasoning][effort]) into the object the schema checks", () => {
    const r = edit({
      prompt: "x",
      image: png,
      output_format: "svg",
      "svg[model]": "gpt-5",
      "svg[reasoning][effort]": "low",
    });
    expect(r.valid).toBe(true);
    expect(r.value).toMatchObject({ svg: { model: "gpt-5", reasoning: { effort: "low" } } });
    expect(r.value).not.toHaveProperty("svg[model]");
    // The nested value is judged by the nested schema.
    expect(messages(edit({ prompt: "x", image: png, "svg[reasoning][effort]": "huge" }))).toEqual([
      '/svg/reasoning/effort must be one of "none", "minimal", "low", "medium", "high", "xhigh", "max"',
    ]);
    // A plain `svg` field beside the bracketed ones is not an object: refused, not merged.
    expect(edit({ prompt: "x", image: png, svg: "gpt-5", "svg[model]": "gpt-5" }).valid).toBe(false);
    // Only fields the spec encodes as deepObject are folded; others keep their bracketed names.
    expect(edit({ prompt: "x", image: png, "n[a]": "1" }).value).toMatchObject({ "n[a]": "1" });
  });

  it("rejects more than 16 images, a missing image and a text field where a file belongs", () => {
    expect(edit({ prompt: "x", "image[]": Array.from({ length: 17 }, () => png) }).valid).toBe(false);
    expect(messages(edit({ prompt: "x" }))).toContain(" must have required property 'image'");
    const textImage = edit({ prompt: "x", image: "otter.png" });
    expect(messages(textImage)).toContain("/image must be a file upload ({ filename, contentType, size })");
    expect(messages(edit({ prompt: "x", image: png, mask: "mask.png" }))).toContain(
      "/mask must be a file upload ({ filename, contentType, size })",
    );
  });

  it("rejects a file where a text field belongs and malformed file markers", () => {
    expect(edit({ prompt: png, image: png }).valid).toBe(false);
    expect(edit({ prompt: "x", image: { filename: "a.png", size: -1 } }).valid).toBe(false);
    expect(edit({ prompt: "x", image: { filename: "a.png" } }).valid).toBe(false);
    // A marker may lack filename/contentType (a part without them), but its size is required.
    expect(edit({ prompt: "x", image: { size: 0 } }).valid).toBe(true);
  });

  it("validates variations: size enum, n range, response_format", () => {
    expect(variation({ image: png, n: "4", size: "512x512", response_format: "b64_json" }).valid).toBe(true);
    expect(variation({ image: png, size: "1536x1024" }).valid).toBe(false);
    expect(variation({ image: png, response_format: "png" }).valid).toBe(false);
    expect(variation({ n: "1" }).valid).toBe(false);
  });

  it("refuses a non-object form body", () => {
    const r = spec.validateRequest({
      method: "POST",
      path: "/images/edits",
      contentType: FORM_CT,
      body: "raw",
    });
    expect(r.valid).toBe(false);
  });
});

describe("validateResponse", () => {
  const res = (status: number, body: unknown, contentType = JSON_CT, path = "/images/generations") =>
    spec.validateResponse({ path, status, contentType, body });

  it("accepts an ImagesResponse with usage details and rejects a bad one", () => {
    const ok = res(200, {
      created: 1,
      background: "opaque",
      data: [{ b64_json: "AAAA" }],
      output_format: "png",
      quality: "high",
      size: "1024x1024",
      usage: { ...usage, output_tokens_details: { image_tokens: 272, text_tokens: 0 } },
    });
    expect(ok.valid).toBe(true);
    const bad = res(200, { data: [{ url: 5 }], quality: "auto", usage: { input_tokens: 1 } });
    expect(messages(bad)).toEqual(
      expect.arrayContaining([
        " must have required property 'created'",
        "/data/0/url must be string",
        '/quality must be one of "low", "medium", "high", "xhigh", "max"',
        "/usage must have required property 'output_tokens'",
      ]),
    );
  });

  it("matches 4XX and 5XX ranges to the error body, with nullable param and code", () => {
    const body = {
      error: { message: "Invalid size", type: "invalid_request_error", param: "size", code: null },
    };
    expect(res(400, body).valid).toBe(true);
    expect(
      res(503, { error: { message: "down", type: "server_error", param: null, code: null } }).valid,
    ).toBe(true);
    expect(res(429, { error: { message: "slow down" } }).valid).toBe(false);
    expect(res(400, { error: { message: "m", type: "t", param: 1 } }).valid).toBe(false);
  });

  it("rejects undeclared statuses and content types", () => {
    const redirect = res(302, {});
    expect(redirect.valid).toBe(false);
    expect(redirect.errors[0]?.message).toMatch(/status 302 is not declared/);
    const html = res(200, "<html>", "text/html");
    expect(html.errors[0]?.message).toMatch(/content type text\/html is not declared/);
    // Variations never stream.
    expect(res(200, {}, "text/event-stream", "/images/variations").valid).toBe(false);
  });

  it("validates each event of a text/event-stream body given as an array", () => {
    const events = [
      { type: "image_generation.partial_image", partial_image_index: 0, ...eventBase },
      { type: "image_generation.completed", ...eventBase, usage },
    ];
    expect(res(200, events, "text/event-stream").valid).toBe(true);
    const broken = res(
      200,
      [events[0], { type: "image_generation.completed", ...eventBase }],
      "text/event-stream",
    );
    expect(messages(broken)).toEqual(["/1 must have required property 'usage'"]);
  });
});

describe("validateStreamEvent", () => {
  it("accepts all four events on their own path", () => {
    const cases = [
      [
        "/images/generations",
        { type: "image_generation.partial_image", partial_image_index: 0, ...eventBase },
      ],
      ["/images/generations", { type: "image_generation.completed", ...eventBase, usage }],
      ["/images/edits", { type: "image_edit.partial_image", partial_image_index: 2, ...eventBase }],
      ["/images/edits", { type: "image_edit.completed", ...eventBase, background: "transparent", usage }],
    ] as const;
    for (const [path, event] of cases) {
      expect(spec.validateStreamEvent({ path, event }), `${path} ${event.type}`).toEqual({
        valid: true,
        errors: [],
      });
    }
  });

  it("rejects an edit event on the generations path and an unknown type (discriminator)", () => {
    const r = spec.validateStreamEvent({
      path: "/images/generations",
      event: { type: "image_edit.completed", ...eventBase, usage },
    });
    expect(r.valid).toBe(false);
    expect(r.errors[0]?.instancePath).toBe("/type");
    expect(spec.validateStreamEvent({ path: "/images/edits", event: { type: "done" } }).valid).toBe(false);
  });

  it("names the missing or wrong field of the matching branch only", () => {
    const r = spec.validateStreamEvent({
      path: "/images/edits",
      event: { type: "image_edit.partial_image", ...eventBase, size: "huge" },
    });
    expect(r.valid).toBe(false);
    expect(messages(r)).toContain(" must have required property 'partial_image_index'");
    expect(r.errors.some((e) => e.instancePath === "/size")).toBe(true);
  });

  it("refuses paths without a stream", () => {
    expect(spec.validateStreamEvent({ path: "/images/variations", event: {} }).valid).toBe(false);
  });
});

describe("createSpecValidator(document)", () => {
  const doc = {
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    servers: [{ url: "https://example.test/api/v2" }],
    paths: {
      "/things/{id}": {
        put: {
          requestBody: { $ref: "#/components/requestBodies/Thing" },
          responses: { default: { $ref: "#/components/responses/Pet" } },
        },
      },
    },
    components: {
      requestBodies: {
        Thing: {
          required: true,
          content: {
            "multipart/form-data": {
              schema: {
                type: "object",
                required: ["file"],
                properties: {
                  file: { type: "string", format: "binary" },
                  when: { type: "string", format: "date" },
                },
              },
            },
          },
        },
      },
      responses: {
        Pet: {
          description: "a pet",
          content: { "application/*": { schema: { $ref: "#/components/schemas/Pet" } } },
        },
      },
      schemas: {
        // A discriminator ajv cannot use natively (the tag is an enum on a shared base, not a const per
        // branch): the validator falls back to plain oneOf.
        Pet: {
          oneOf: [{ $ref: "#/components/schemas/Cat" }, { $ref: "#/components/schemas/Dog" }],
          discriminator: { propertyName: "kind", mapping: { cat: "#/components/schemas/Cat" } },
        },
        Cat: {
          type: "object",
          required: ["kind", "meows"],
          properties: { kind: { type: "string" }, meows: { type: "boolean" } },
        },
        Dog: {
          type: "object",
          required: ["kind", "barks"],
          properties: { kind: { type: "string" }, barks: { type: "boolean" } },
        },
      },
    },
  };
  const custom = createSpecValidator(doc);

  it("resolves requestBodies/responses refs, path templates, server prefixes and formats", () => {
    expect(
      custom.validateRequest({
        method: "PUT",
        path: "/api/v2/things/42",
        contentType: FORM_CT,
        body: { file: png },
      }).valid,
    ).toBe(true);
    expect(
      custom.validateRequest({
        method: "PUT",
        path: "/things/42",
        contentType: FORM_CT,
        body: { file: png, when: "not-a-date" },
      }).valid,
    ).toBe(false);
    expect(
      custom.validateRequest({ method: "PUT", path: "/things", contentType: FORM_CT, body: {} }).valid,
    ).toBe(false);
  });

  it("matches default responses and media ranges, falling back to oneOf for odd discriminators", () => {
    const ok = custom.validateResponse({
      path: "/things/1",
      status: 201,
      contentType: "application/vnd.pet+json",
      body: { kind: "cat", meows: true },
    });
    expect(ok.valid).toBe(true);
    const bad = custom.validateResponse({
      path: "/things/1",
      status: 500,
      contentType: "application/json",
      body: { kind: "cat" },
    });
    expect(bad.valid).toBe(false);
  });
});

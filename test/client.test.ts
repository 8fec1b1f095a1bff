import { describe, expect, it } from "vitest";
import { createImagesClient, type ImagesValidationError, isImagesValidationError } from "../src/index.js";
import { json, OK_BODY, parseMultipart, pngBytes, useLoopback } from "./loopback.fixtures.js";

const server = useLoopback();

const client = () => createImagesClient({ apiKey: "sk-test-key", baseUrl: server.baseUrl, maxRetries: 0 });

describe("generate", () => {
  it("sends every parameter as JSON, unchanged, to POST /v1/images/generations", async () => {
    const params = {
      prompt: "A cute baby sea otter",
      model: "gpt-image-1.5",
      background: "transparent",
      moderation: "low",
      n: 1,
      output_compression: 0,
      output_format: "webp",
      partial_images: 0,
      quality: "high",
      size: "1024x1536",
      user: "",
    } as const;
    const res = await client().generate(params);
    expect(res).toEqual(OK_BODY);
    const [req] = server.requests;
    expect(req?.method).toBe("POST");
    expect(req?.url).toBe("/v1/images/generations");
    expect(req?.headers["content-type"]).toBe("application/json");
    expect(req?.headers.authorization).toBe("Bearer sk-test-key");
    expect(Number(req?.headers["content-length"])).toBe(req?.body.length);
    // 0 and "" are meaningful and must reach the wire.
    expect(JSON.parse(req?.body.toString() ?? "")).toEqual(params);
  });

  it("sends the DALL·E parameters (style, response_format) and stream: false", async () => {
    const params = {
      prompt: "otter",
      model: "dall-e-3",
      style: "natural",
      response_format: "b64_json",
      quality: "hd",
      size: "1792x1024",
      stream: false,
    } as const;
    await client().generate(params);
    expect(JSON.parse(server.requests[0]?.body.toString() ?? "")).toEqual(params);
  });

  it("sends organization, project and custom headers; per-request headers win", async () => {
    const c = createImagesClient({
      apiKey: "sk-test-key",
      baseUrl: `${server.baseUrl}/`,
      organization: "org-1",
      project: "proj-1",
      headers: { "x-team": "a", "x-drop": "1" },
    });
    await c.generate({ prompt: "otter" }, { headers: { "x-team": "b", "x-drop": null } });
    const h = server.requests[0]?.headers;
    expect(h?.["openai-organization"]).toBe("org-1");
    expect(h?.["openai-project"]).toBe("proj-1");
    expect(h?.["x-team"]).toBe("b");
    expect(h?.["x-drop"]).toBeUndefined();
    expect(server.requests[0]?.url).toBe("/v1/images/generations");
  });

  it("reads OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_ORG_ID and OPENAI_PROJECT_ID from the environment", async () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      OPENAI_API_KEY: "sk-from-env",
      OPENAI_BASE_URL: server.baseUrl,
      OPENAI_ORG_ID: "org-env",
      OPENAI_PROJECT_ID: "proj-env",
    });
    try {
      await createImagesClient().generate({ prompt: "otter" });
    } finally {
      for (const k of ["OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_ORG_ID", "OPENAI_PROJECT_ID"]) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
    }
    const h = server.requests[0]?.headers;
    expect(h?.authorization).toBe("Bearer sk-from-env");
    expect(h?.["openai-organization"]).toBe("org-env");
    expect(h?.["openai-project"]).toBe("proj-env");
  });

  it("applies the client's default model without overriding the caller's", async () => {
    const c = createImagesClient({ apiKey: "k", baseUrl: server.baseUrl, model: "gpt-image-1" });
    await c.generate({ prompt: "a" });
    await c.generate({ prompt: "b", model: "dall-e-2" });
    expect(server.requests.map((r) => JSON.parse(r.body.toString()).model)).toEqual([
      "gpt-image-1",
      "dall-e-2",
    ]);
  });

  it(".withResponse() gives the request id and the response of a success", async () => {
    server.handle((_req, res) => json(res, 200, OK_BODY, { "x-request-id": "req_123" }));
    const { data, requestId, response } = await client().generate({ prompt: "otter" }).withResponse();
    expect(data).toEqual(OK_BODY);
    expect(requestId).toBe("req_123");
    expect(response.status).toBe(200);
  });
});

describe("edit", () => {
  it("sends every parameter as multipart fields, with the image and mask parts", async () => {
    const image = pngBytes({ width: 8, height: 8 });
    const mask = pngBytes({ width: 8, height: 8 });
    await client().edit({
      model: "gpt-image-1.5",
      image,
      mask,
      prompt: "add a hat",
      background: "opaque",
      input_fidelity: "high",
      n: 2,
      output_compression: 0,
      output_format: "jpeg",
      partial_images: 0,
      quality: "low",
      size: "1536x1024",
      stream: false,
      user: "",
    });
    const req = server.requests[0];
    expect(req?.url).toBe("/v1/images/edits");
    expect(req?.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    expect(Number(req?.headers["content-length"])).toBe(req?.body.length);
    const parts = await parseMultipart(req as NonNullable<typeof req>);
    const fields = Object.fromEntries(
      parts.filter((p) => p.value !== undefined).map((p) => [p.name, p.value]),
    );
    expect(fields).toEqual({
      model: "gpt-image-1.5",
      prompt: "add a hat",
      background: "opaque",
      input_fidelity: "high",
      n: "2",
      output_compression: "0",
      output_format: "jpeg",
      partial_images: "0",
      quality: "low",
      size: "1536x1024",
      stream: "false",
      user: "",
    });
    const files = parts.filter((p) => p.bytes);
    expect(files.map((f) => [f.name, f.filename, f.contentType])).toEqual([
      ["image", "image.png", "image/png"],
      ["mask", "mask.png", "image/png"],
    ]);
    expect(files[0]?.bytes?.equals(image)).toBe(true);
    expect(files[1]?.bytes?.equals(mask)).toBe(true);
  });

  it("sends response_format for dall-e-2 edits", async () => {
    await client().edit({
      model: "dall-e-2",
      image: pngBytes(),
      prompt: "p",
      response_format: "b64_json",
      size: "256x256",
    });
    const parts = await parseMultipart(server.requests[0] as NonNullable<(typeof server.requests)[0]>);
    expect(parts.find((p) => p.name === "response_format")?.value).toBe("b64_json");
    expect(parts.find((p) => p.name === "size")?.value).toBe("256x256");
  });

  it("sends edits by reference as JSON (images and mask refs)", async () => {
    const params = {
      model: "gpt-image-1.5",
      images: [{ image_url: "https://example.com/a.png" }, { file_id: "file-123" }],
      mask: { file_id: "file-mask" },
      prompt: "combine",
      n: 1,
      output_format: "jpeg",
      output_compression: 0,
    } as const;
    await client().edit(params);
    const req = server.requests[0];
    expect(req?.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(req?.body.toString() ?? "")).toEqual(params);
  });

  it("turns `image` given as references into the JSON `images` array", async () => {
    await client().edit({
      model: "gpt-image-1",
      image: { image_url: "data:image/png;base64,AAAA" } as never,
      prompt: "p",
    });
    expect(JSON.parse(server.requests[0]?.body.toString() ?? "")).toEqual({
      images: [{ image_url: "data:image/png;base64,AAAA" }],
      model: "gpt-image-1",
      prompt: "p",
    });
  });
});

describe("createVariation", () => {
  it("sends every parameter to POST /v1/images/variations", async () => {
    const image = pngBytes({ width: 4, height: 4 });
    await client().createVariation({
      model: "dall-e-2",
      image,
      n: 3,
      response_format: "url",
      size: "512x512",
      user: "u-1",
    });
    const req = server.requests[0];
    expect(req?.url).toBe("/v1/images/variations");
    const parts = await parseMultipart(req as NonNullable<typeof req>);
    expect(parts.map((p) => [p.name, p.value ?? p.contentType])).toEqual([
      ["model", "dall-e-2"],
      ["image", "image/png"],
      ["n", "3"],
      ["response_format", "url"],
      ["size", "512x512"],
      ["user", "u-1"],
    ]);
    expect(parts[1]?.bytes?.equals(image)).toBe(true);
  });
});

describe("raw", () => {
  it("is the typed openapi-fetch client with the same base URL, auth and transport", async () => {
    const { data, response } = await client().raw.POST("/images/generations", { body: { prompt: "raw" } });
    expect(response.status).toBe(200);
    expect(data).toEqual(OK_BODY);
    expect(server.requests[0]?.headers.authorization).toBe("Bearer sk-test-key");
  });
});

describe("pre-flight validation and defaults", () => {
  it("refuses a request the model rules reject, with every issue, before any network call", async () => {
    const err = await client()
      .generate({ model: "gpt-image-1.5", prompt: "p", n: 11, size: "256x256" } as never)
      .catch((e: unknown) => e);
    expect(isImagesValidationError(err)).toBe(true);
    expect((err as ImagesValidationError).model).toBe("gpt-image-1.5");
    expect((err as ImagesValidationError).issues.map((i) => i.param).sort()).toEqual(["n", "size"]);
    expect(server.requests).toHaveLength(0);
  });

  it('checks upload headers too (a dall-e-2 variation must be a square PNG); "off" per request sends anyway', async () => {
    const c = client();
    const wide = pngBytes({ width: 20, height: 10 });
    await expect(c.createVariation({ model: "dall-e-2", image: wide })).rejects.toMatchObject({
      name: "ImagesValidationError",
      param: "image",
    });
    expect(server.requests).toHaveLength(0);
    await c.createVariation({ model: "dall-e-2", image: wide }, { validation: "off" });
    expect(server.requests).toHaveLength(1);
  });

  it('"warn" on the client reports through onWarning and sends', async () => {
    const seen: string[] = [];
    const c = createImagesClient({
      apiKey: "k",
      baseUrl: server.baseUrl,
      validation: "warn",
      onWarning: (i) => seen.push(i.param),
    });
    await c.generate({ model: "gpt-image-1.5", prompt: "p", quality: "xhigh" } as never);
    expect(seen).toEqual(["quality"]);
    expect(server.requests).toHaveLength(1);
  });

  it("sends each default only to models that accept it; the caller's values win", async () => {
    const c = createImagesClient({
      apiKey: "k",
      baseUrl: server.baseUrl,
      defaults: { response_format: "b64_json", output_format: "webp" },
    });
    await c.generate({ model: "dall-e-3", prompt: "a" });
    await c.generate({ model: "gpt-image-1.5", prompt: "b" });
    await c.generate({ model: "gpt-image-1.5", prompt: "c", output_format: "png" });
    const bodies = server.requests.map((r) => JSON.parse(r.body.toString()));
    expect(bodies).toEqual([
      { model: "dall-e-3", prompt: "a", response_format: "b64_json" },
      { model: "gpt-image-1.5", prompt: "b", output_format: "webp" },
      { model: "gpt-image-1.5", prompt: "c", output_format: "png" },
    ]);
  });
});

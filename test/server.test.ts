import OpenAI, { toFile } from "openai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createSpecValidator, type ImagesServer, startImagesServer } from "../src/server/index.js";
import { computeUsage } from "../src/server/usage.js";
import {
  b64,
  describe as describeImage,
  halfMask,
  meanColor,
  parseSse,
  pixel,
  solidPng,
} from "./server-helpers.js";
import { allowSpecViolations } from "./support/contract-setup.js";

const spec = createSpecValidator();
let server: ImagesServer;
let sdk: OpenAI;

beforeAll(async () => {
  server = await startImagesServer({ retired: "serve" });
  sdk = new OpenAI({ apiKey: "test-key", baseURL: server.url, maxRetries: 0 });
});
afterAll(() => server.close());
afterEach(() => {
  // Every response and stream event the server sent is checked against the spec as it goes out.
  expect(server.specViolations).toEqual([]);
});

function post(path: string, body: BodyInit, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    body,
    headers: { authorization: "Bearer test-key", ...headers },
  });
}
const postJson = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  post(path, JSON.stringify(body), { "content-type": "application/json", ...headers });

describe("startImagesServer", () => {
  it("listens on loopback and gives a base URL ending in /v1", () => {
    expect(server.host).toBe("127.0.0.1");
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
  });

  it("answers every request with an x-request-id", async () => {
    const res = await postJson("/images/generations", {
      prompt: "otter",
      size: "256x256",
    });
    expect(res.headers.get("x-request-id")).toMatch(/^req_[0-9a-f]{32}$/);
  });
});

describe("generations (official SDK)", () => {
  it("returns a PNG of the requested size with usage from the documented formula", async () => {
    const prompt = "a cute baby sea otter";
    const res = await sdk.images.generate({
      model: "gpt-image-1",
      prompt,
      size: "1024x1024",
      quality: "low",
    });
    expect(
      spec.validateResponse({
        path: "/images/generations",
        status: 200,
        contentType: "application/json",
        body: res,
      }).valid,
    ).toBe(true);
    expect(await describeImage(b64(res.data?.[0]?.b64_json))).toEqual({
      format: "png",
      width: 1024,
      height: 1024,
      hasAlpha: false,
    });
    expect(res).toMatchObject({
      output_format: "png",
      quality: "low",
      size: "1024x1024",
      background: "opaque",
    });
    expect(res.usage).toEqual(computeUsage({ prompt, width: 1024, height: 1024, quality: "low", count: 1 }));
    // 1024×1024 at low quality is 272 output tokens; ceil(21 / 4) = 6 text tokens.
    expect(res.usage).toMatchObject({ output_tokens: 272, input_tokens: 6, total_tokens: 278 });
  });

  it("auto size is 1024x1024 and auto quality is reported as medium", async () => {
    const res = await sdk.images.generate({
      model: "gpt-image-1",
      prompt: "otter",
      size: "auto",
      quality: "auto",
    });
    expect(res.size).toBe("1024x1024");
    expect(res.quality).toBe("medium");
    expect(res.usage?.output_tokens).toBe(1056);
  });

  it("encodes JPEG and WebP and honours output_compression", async () => {
    const base = {
      model: "gpt-image-1",
      prompt: "a red fox in the snow",
      size: "1024x1024",
      quality: "low",
    } as const;
    const jpegHi = await sdk.images.generate({ ...base, output_format: "jpeg", output_compression: 95 });
    const jpegLo = await sdk.images.generate({ ...base, output_format: "jpeg", output_compression: 5 });
    const webp = await sdk.images.generate({ ...base, output_format: "webp", output_compression: 50 });
    expect(await describeImage(b64(jpegHi.data?.[0]?.b64_json))).toMatchObject({
      format: "jpeg",
      width: 1024,
      hasAlpha: false,
    });
    expect(await describeImage(b64(webp.data?.[0]?.b64_json))).toMatchObject({
      format: "webp",
      width: 1024,
      height: 1024,
    });
    expect(b64(jpegLo.data?.[0]?.b64_json).length).toBeLessThan(b64(jpegHi.data?.[0]?.b64_json).length / 2);
  });

  it("draws transparent pixels for background: transparent", async () => {
    for (const output_format of ["png", "webp"] as const) {
      const res = await sdk.images.generate({
        model: "gpt-image-1",
        prompt: "a floating balloon",
        background: "transparent",
        output_format,
        size: "1024x1024",
        quality: "low",
      });
      const img = b64(res.data?.[0]?.b64_json);
      expect(res.background).toBe("transparent");
      expect(await describeImage(img)).toMatchObject({ format: output_format, hasAlpha: true });
      expect((await pixel(img, 2, 2))[3]).toBe(0);
    }
  });

  it("returns n distinct images, the same ones for the same request", async () => {
    const req = { prompt: "three otters", n: 3, size: "256x256" } as const;
    const a = await sdk.images.generate(req);
    const b = await sdk.images.generate(req);
    const imagesA = (a.data ?? []).map((d) => d.b64_json);
    expect(imagesA).toHaveLength(3);
    expect(new Set(imagesA).size).toBe(3);
    expect((b.data ?? []).map((d) => d.b64_json)).toEqual(imagesA);
    const other = await sdk.images.generate({ ...req, prompt: "three beavers" });
    expect(other.data?.[0]?.b64_json).not.toBe(imagesA[0]);
  });

  it("writes the prompt on the picture with its built-in bitmap font (no system fonts needed)", async () => {
    const one = b64((await sdk.images.generate({ prompt: "ABC", size: "256x256" })).data?.[0]?.b64_json);
    const { data, info } = await (await import("sharp"))
      .default(one)
      .raw()
      .toBuffer({ resolveWithObject: true });
    let bright = 0;
    for (let y = Math.floor(info.height * 0.6); y < info.height; y++) {
      for (let x = 0; x < info.width; x++) {
        const i = (y * info.width + x) * info.channels;
        if ((data[i] ?? 0) > 240 && (data[i + 1] ?? 0) > 240 && (data[i + 2] ?? 0) > 190) bright++;
      }
    }
    expect(bright).toBeGreaterThan(100); // the ink of the letters
  });

  it("serves dall-e URLs from the server itself", async () => {
    const res = await sdk.images.generate({ model: "dall-e-2", prompt: "otter", size: "256x256" });
    const url = res.data?.[0]?.url ?? "";
    expect(url.startsWith(server.url.replace(/\/v1$/, ""))).toBe(true);
    expect(res.usage).toBeUndefined();
    const img = await fetch(url);
    expect(img.headers.get("content-type")).toBe("image/png");
    expect(await describeImage(new Uint8Array(await img.arrayBuffer()))).toMatchObject({
      format: "png",
      width: 256,
      height: 256,
    });
  });

  it("image URLs expire (403) and unknown ones are 404", async () => {
    const shortLived = await startImagesServer({ urlTtlMs: 0, retired: "serve" });
    try {
      const client = new OpenAI({ apiKey: "k", baseURL: shortLived.url, maxRetries: 0 });
      const res = await client.images.generate({ model: "dall-e-2", prompt: "otter", size: "256x256" });
      const url = new URL(res.data?.[0]?.url ?? "");
      expect(url.searchParams.get("se")).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect((await fetch(url)).status).toBe(403);
      expect((await fetch(new URL("/files/nope.png", url))).status).toBe(404);
    } finally {
      await shortLived.close();
    }
  });

  it("gives dall-e-3 a revised_prompt", async () => {
    const res = await sdk.images.generate({
      model: "dall-e-3",
      prompt: "a lighthouse",
      response_format: "b64_json",
      style: "natural",
    });
    expect(res.data?.[0]?.revised_prompt).toContain("a lighthouse");
    expect(await describeImage(b64(res.data?.[0]?.b64_json))).toMatchObject({ width: 1024, height: 1024 });
  });

  it("streams partial images, then the completed event with usage", async () => {
    const stream = await sdk.images.generate({
      model: "gpt-image-1",
      prompt: "otter",
      stream: true,
      partial_images: 2,
      size: "1024x1024",
      quality: "low",
      output_format: "jpeg",
    });
    const events = [];
    for await (const event of stream) events.push(event);
    expect(events.map((e) => e.type)).toEqual([
      "image_generation.partial_image",
      "image_generation.partial_image",
      "image_generation.completed",
    ]);
    expect(events.map((e) => ("partial_image_index" in e ? e.partial_image_index : "done"))).toEqual([
      0,
      1,
      "done",
    ]);
    const completed = events[2];
    if (completed?.type !== "image_generation.completed") throw new Error("no completed event");
    expect(completed.usage.output_tokens).toBe(272 + 2 * 100);
    for (const e of events) {
      expect(await describeImage(b64(e.b64_json))).toMatchObject({
        format: "jpeg",
        width: 1024,
        height: 1024,
      });
    }
  });

  it("frames stream events as `event: <type>\\ndata: <json>\\n\\n`", async () => {
    const res = await postJson("/images/generations", {
      model: "gpt-image-1",
      prompt: "otter",
      stream: true,
      partial_images: 1,
      quality: "low",
    });
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const text = await res.text();
    expect(text).toMatch(
      /^event: image_generation\.partial_image\ndata: \{"type":"image_generation\.partial_image",/,
    );
    expect(text.endsWith("\n\n")).toBe(true);
    const events = parseSse(text);
    expect(events.map((e) => e.event)).toEqual([
      "image_generation.partial_image",
      "image_generation.completed",
    ]);
    for (const e of events)
      expect(spec.validateStreamEvent({ path: "/images/generations", event: e.data }).valid).toBe(true);
  });
});

describe("edits", () => {
  it("edits several images with a mask (official SDK): masked pixels kept, transparent region redrawn", async () => {
    const red = await solidPng(1024, 1024, { r: 200, g: 30, b: 30 });
    const blue = await solidPng(256, 256, { r: 20, g: 40, b: 220 });
    const res = await sdk.images.edit({
      model: "gpt-image-1",
      prompt: "add a tiny hat",
      image: [
        await toFile(red, "red.png", { type: "image/png" }),
        await toFile(blue, "blue.png", { type: "image/png" }),
      ],
      mask: await toFile(await halfMask(1024, 1024), "mask.png", { type: "image/png" }),
      quality: "low",
    });
    const out = b64(res.data?.[0]?.b64_json);
    expect(await describeImage(out)).toMatchObject({ format: "png", width: 1024, height: 1024 });
    expect(await pixel(out, 100, 300)).toEqual([200, 30, 30, 255]); // opaque in the mask: untouched
    expect(await pixel(out, 900, 300)).not.toEqual([200, 30, 30, 255]); // transparent: redrawn
    // Input tokens: text plus two images (1024² = 4 tiles, 256² = 1 tile).
    expect(res.usage?.input_tokens_details).toEqual({
      text_tokens: 4,
      image_tokens: 65 + 129 * 4 + 65 + 129,
    });
  });

  it("without a mask the whole image is visibly derived from the input", async () => {
    const edit = async (color: { r: number; g: number; b: number }) => {
      const res = await sdk.images.edit({
        model: "gpt-image-1",
        prompt: "make it festive",
        image: await toFile(await solidPng(512, 512, color), "in.png", { type: "image/png" }),
        size: "1024x1024",
        quality: "low",
        output_format: "webp",
      });
      const out = b64(res.data?.[0]?.b64_json);
      expect(await describeImage(out)).toMatchObject({ format: "webp", width: 1024, height: 1024 });
      return meanColor(out);
    };
    const fromRed = await edit({ r: 230, g: 20, b: 20 });
    const fromGreen = await edit({ r: 20, g: 230, b: 20 });
    expect(fromRed[0]).toBeGreaterThan(fromGreen[0] + 50);
    expect(fromGreen[1]).toBeGreaterThan(fromRed[1] + 50);
  });

  it("accepts repeated `image` fields and `image[]` alike", async () => {
    const png = await solidPng(64, 64, { r: 10, g: 200, b: 10 });
    const answers: string[] = [];
    for (const field of ["image", "image[]"]) {
      const form = new FormData();
      form.append("prompt", "a frog");
      form.append("model", "gpt-image-1");
      form.append("quality", "low");
      form.append(field, new Blob([new Uint8Array(png)], { type: "image/png" }), "a.png");
      form.append(field, new Blob([new Uint8Array(png)], { type: "image/png" }), "b.png");
      const res = await post("/images/edits", form);
      expect(res.status).toBe(200);
      const body = (await res.json()) as {
        data: Array<{ b64_json: string }>;
        usage: { input_tokens_details: { image_tokens: number } };
      };
      expect(body.usage.input_tokens_details.image_tokens).toBe(2 * (65 + 129));
      answers.push(body.data[0]?.b64_json ?? "");
    }
    expect(answers[0]).toBe(answers[1]);
  });

  it("accepts the JSON form with data: URLs, and refuses URLs it would have to fetch", async () => {
    const png = await solidPng(64, 64, { r: 10, g: 10, b: 200 });
    const dataUrl = `data:image/png;base64,${png.toString("base64")}`;
    const ok = await postJson("/images/edits", {
      model: "gpt-image-1",
      prompt: "a boat",
      quality: "low",
      images: [{ image_url: dataUrl }],
    });
    expect(ok.status).toBe(200);
    const bad = await postJson("/images/edits", {
      prompt: "a boat",
      images: [{ image_url: "https://example.com/a.png" }],
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { param: string } }).error.param).toBe("images[0].image_url");
  });

  it("streams edits as image_edit.* events", async () => {
    const stream = await sdk.images.edit({
      model: "gpt-image-1",
      prompt: "add stars",
      image: await toFile(await solidPng(64, 64, { r: 0, g: 0, b: 60 }), "night.png", { type: "image/png" }),
      stream: true,
      partial_images: 1,
      quality: "low",
    });
    const types = [];
    for await (const event of stream) types.push(event.type);
    expect(types).toEqual(["image_edit.partial_image", "image_edit.completed"]);
  });

  it("refuses an upload that is not an image", async () => {
    const res = await sdk.images
      .edit({
        model: "gpt-image-1",
        prompt: "x",
        image: await toFile(Buffer.from("not an image"), "a.png", { type: "image/png" }),
      })
      .catch((e: unknown) => e);
    expect(res).toBeInstanceOf(OpenAI.BadRequestError);
    expect((res as InstanceType<typeof OpenAI.BadRequestError>).param).toBe("image");
  });
});

describe("variations", () => {
  it("returns n distinct PNG variations of the input at the requested size", async () => {
    const input = await solidPng(256, 256, { r: 240, g: 200, b: 20 });
    const res = await sdk.images.createVariation({
      image: await toFile(input, "sun.png", { type: "image/png" }),
      n: 2,
      size: "256x256",
      response_format: "b64_json",
    });
    const [a, b] = (res.data ?? []).map((d) => b64(d.b64_json));
    if (!a || !b) throw new Error("expected two images");
    expect(await describeImage(a)).toMatchObject({ format: "png", width: 256, height: 256 });
    expect(a.equals(b)).toBe(false);
    const dark = await sdk.images.createVariation({
      image: await toFile(await solidPng(256, 256, { r: 10, g: 10, b: 10 }), "dark.png", {
        type: "image/png",
      }),
      size: "256x256",
      response_format: "b64_json",
    });
    // Derived from the input: a bright input gives a brighter variation than a black one.
    const bright = (await meanColor(a)).reduce((s, v) => s + v, 0);
    const black = (await meanColor(b64(dark.data?.[0]?.b64_json))).reduce((s, v) => s + v, 0);
    expect(bright).toBeGreaterThan(black + 100);
  });
});

describe("errors in the API's shape", () => {
  it("401 without a bearer token, or with an empty one", async () => {
    for (const headers of [{}, { authorization: "Bearer " }, { authorization: "Bearer    " }]) {
      const res = await fetch(`${server.url}/images/generations`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ prompt: "otter" }),
      });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({
        error: {
          message: expect.stringContaining("API key"),
          type: "invalid_request_error",
          param: null,
          code: null,
        },
      });
    }
  });

  it("401 invalid_api_key when the server has a key and the request another (never echoing it)", async () => {
    const keyed = await startImagesServer({ apiKey: "right", retired: "serve" });
    try {
      const res = await new OpenAI({ apiKey: "sk-wrong-secret", baseURL: keyed.url, maxRetries: 0 }).images
        .generate({ prompt: "x" })
        .catch((e: unknown) => e as InstanceType<typeof OpenAI.APIError>);
      expect(res).toBeInstanceOf(OpenAI.AuthenticationError);
      expect((res as InstanceType<typeof OpenAI.APIError>).code).toBe("invalid_api_key");
      expect(JSON.stringify((res as InstanceType<typeof OpenAI.APIError>).error)).not.toContain(
        "sk-wrong-secret",
      );
    } finally {
      await keyed.close();
    }
  });

  it("400 with param and code for requests the spec refuses", async () => {
    allowSpecViolations("sends requests the spec refuses, to see them refused");
    const missing = await postJson("/images/generations", { n: 2 });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({
      error: {
        message: "Missing required parameter: 'prompt'.",
        type: "invalid_request_error",
        param: "prompt",
        code: "missing_required_parameter",
      },
    });
    const err = await sdk.images
      .generate({ prompt: "x", quality: "ultra" as "low" })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect((err as InstanceType<typeof OpenAI.BadRequestError>).param).toBe("quality");
    const badJson = await post("/images/generations", "{not json", { "content-type": "application/json" });
    expect(badJson.status).toBe(400);
    const wrongType = await post("/images/variations", "prompt=x", {
      "content-type": "application/x-www-form-urlencoded",
    });
    expect(wrongType.status).toBe(400);
  });

  it("400 naming the parameter for requests the model rules refuse", async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ model: "dall-e-3", prompt: "x", n: 2 }, "n"],
      [{ model: "gpt-image-1.5", prompt: "x", quality: "xhigh" }, "quality"],
      [{ model: "gpt-image-2.5-flare", prompt: "x", output_format: "gif", stream: true }, "stream"],
      [{ model: "dall-e-2", prompt: "x", stream: true }, "stream"],
      [{ model: "gpt-image-1", prompt: "x", response_format: "url" }, "response_format"],
      [{ model: "dall-e-2", prompt: "x", size: "1536x1024" }, "size"],
    ];
    for (const [body, param] of cases) {
      const res = await postJson("/images/generations", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const { error } = (await res.json()) as { error: { param: string; type: string; message: string } };
      expect(error).toMatchObject({ param, type: "invalid_request_error" });
    }
    // dall-e-2 edits need one square PNG: checked from the uploaded bytes.
    const err = await sdk.images
      .edit({
        model: "dall-e-2",
        prompt: "x",
        image: await toFile(await solidPng(64, 32, { r: 1, g: 2, b: 3 }), "wide.png", { type: "image/png" }),
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect((err as InstanceType<typeof OpenAI.BadRequestError>).param).toMatch(/^image/);
  });

  it("serves models it has no rules for like GPT image models", async () => {
    const res = await sdk.images.generate({ model: "my-local-model", prompt: "otter", size: "320x240" });
    expect(await describeImage(b64(res.data?.[0]?.b64_json))).toMatchObject({ width: 320, height: 240 });
    expect(res.usage).toBeDefined();
  });

  it("404 for unknown paths, 405 for other methods", async () => {
    allowSpecViolations("calls a path and a method the spec does not have");
    const unknown = await postJson("/images/nope", { prompt: "x" });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { type: string } }).error.type).toBe("invalid_request_error");
    const get = await fetch(`${server.url}/images/generations`, { headers: { authorization: "Bearer k" } });
    expect(get.status).toBe(405);
  });
});

describe("limits and lifecycle", () => {
  it("413 for a file over the upload limit, a mask over its limit, and a JSON body over its limit", async () => {
    const small = await startImagesServer({
      limits: { imageBytes: 2000, maskBytes: 1000, jsonBytes: 500 },
      retired: "serve",
    });
    try {
      const form = new FormData();
      form.append("prompt", "x");
      form.append("image", new Blob([new Uint8Array(5000)], { type: "image/png" }), "big.png");
      const res = await fetch(`${small.url}/images/edits`, {
        method: "POST",
        body: form,
        headers: { authorization: "Bearer k" },
      });
      expect(res.status).toBe(413);
      expect(((await res.json()) as { error: { type: string; code: string } }).error).toMatchObject({
        type: "invalid_request_error",
        code: "request_too_large",
      });

      const sdkSmall = new OpenAI({ apiKey: "k", baseURL: small.url, maxRetries: 0 });
      const maskErr = await sdkSmall.images
        .edit({
          prompt: "x",
          image: await toFile(new Uint8Array(100), "a.png"),
          mask: await toFile(new Uint8Array(1500), "m.png"),
        })
        .catch((e: unknown) => e);
      expect((maskErr as InstanceType<typeof OpenAI.APIError>).status).toBe(413);

      const json = await fetch(`${small.url}/images/generations`, {
        method: "POST",
        headers: { authorization: "Bearer k", "content-type": "application/json" },
        body: JSON.stringify({ prompt: "x".repeat(1000) }),
      });
      expect(json.status).toBe(413);
      expect(small.specViolations).toEqual([]);
    } finally {
      await small.close();
    }
  });

  it("refuses sizes larger than the server draws", async () => {
    const res = await postJson("/images/generations", {
      model: "my-local-model",
      prompt: "x",
      size: "20000x20000",
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { param: string } }).error.param).toBe("size");
  });

  it("queues requests beyond maxConcurrency and serves them all", async () => {
    const one = await startImagesServer({ maxConcurrency: 1, retired: "serve" });
    try {
      const client = new OpenAI({ apiKey: "k", baseURL: one.url, maxRetries: 0 });
      const results = await Promise.all(
        [1, 2, 3].map((i) => client.images.generate({ prompt: `otter ${i}`, size: "256x256" })),
      );
      expect(results.every((r) => r.data?.length === 1)).toBe(true);
    } finally {
      await one.close();
    }
  });

  it("close() ends in-flight work and stops listening", async () => {
    allowSpecViolations("its in-flight request is cut off before it has a body");
    const s = await startImagesServer({ retired: "serve" });
    const pending = fetch(`${s.url}/images/generations`, {
      method: "POST",
      headers: {
        authorization: "Bearer k",
        "content-type": "application/json",
        "x-images-fault": "delay; ms=60000",
      },
      body: JSON.stringify({ prompt: "x", size: "256x256" }),
    }).then(
      (r) => r.status,
      () => "failed",
    );
    // Wait until the server is handling the request, then close.
    await new Promise<void>((resolve) => {
      const check = () => (s.activeRequests === 0 ? setImmediate(check) : resolve());
      check();
    });
    await s.close();
    expect(await pending).toBe(503); // answered at once, not after the 60 s delay
    await expect(fetch(`${s.url}/images/generations`, { method: "POST" })).rejects.toThrow();
  });
});

/**
 * Our own client (main entry on fetch, and the Node transport) against the local server: the same
 * operations as the official SDK tests, and every fault mode as our client reports it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  createImagesClient,
  finalImage,
  type ImagesClient,
  imageBytes,
  isImagesAPIError,
  isImagesConnectionError,
  isImagesStreamError,
  isImagesTimeoutError,
} from "../src/index.js";
import { createImagesClient as createNodeClient } from "../src/node/index.js";
import { type ImagesServer, startImagesServer } from "../src/server/index.js";
import { b64, describe as describeImage, halfMask, pixel, solidPng } from "./server-helpers.js";

let server: ImagesServer;
let clients: Array<[string, ImagesClient]>;

beforeAll(async () => {
  server = await startImagesServer({ retired: "serve" });
  clients = [
    ["main entry (fetch)", createImagesClient({ apiKey: "test", baseUrl: server.url, maxRetries: 0 })],
    ["Node transport", createNodeClient({ apiKey: "test", baseUrl: server.url, maxRetries: 0 })],
  ];
});
afterAll(() => server.close());
afterEach(() => expect(server.specViolations).toEqual([]));

const fault = (value: string) => ({ headers: { "x-images-fault": value } });

describe("our client gets real images", () => {
  it("generate (JSON): the requested size and format", async () => {
    for (const [name, client] of clients) {
      const res = await client.generate({
        model: "gpt-image-1",
        prompt: "otter",
        quality: "low",
        output_format: "jpeg",
      });
      expect(await describeImage(b64(res.data?.[0]?.b64_json)), name).toMatchObject({
        format: "jpeg",
        width: 1024,
        height: 1024,
      });
      const small = await client.generate({
        model: "dall-e-2",
        prompt: "otter",
        size: "256x256",
        response_format: "b64_json",
      });
      expect(await describeImage(b64(small.data?.[0]?.b64_json)), name).toMatchObject({
        format: "png",
        width: 256,
        height: 256,
      });
    }
  });

  it("generate (stream): partial images, then the final image", async () => {
    for (const [name, client] of clients) {
      const stream = await client.generate({
        model: "gpt-image-1",
        prompt: "otter",
        quality: "low",
        output_format: "webp",
        stream: true,
        partial_images: 2,
      });
      expect(stream.requestId, name).toMatch(/^req_/);
      const partials: number[] = [];
      const done = await finalImage(stream, {
        onPartial: (e) => {
          partials.push(e.partial_image_index);
        },
      });
      expect(partials, name).toEqual([0, 1]);
      expect(done.usage.output_tokens).toBe(272 + 200);
      expect(await describeImage(imageBytes(done)), name).toMatchObject({
        format: "webp",
        width: 1024,
        height: 1024,
      });
    }
  });

  it("edit: several images and a mask", async () => {
    const red = await solidPng(1024, 1024, { r: 200, g: 30, b: 30 });
    const blue = await solidPng(128, 128, { r: 20, g: 40, b: 220 });
    const mask = await halfMask(1024, 1024);
    for (const [name, client] of clients) {
      const res = await client.edit({
        model: "gpt-image-1",
        prompt: "add a hat",
        image: [red, blue],
        mask,
        quality: "low",
      });
      const out = b64(res.data?.[0]?.b64_json);
      expect(await describeImage(out), name).toMatchObject({ format: "png", width: 1024, height: 1024 });
      expect(await pixel(out, 100, 300), name).toEqual([200, 30, 30, 255]);
      expect(res.usage?.input_tokens_details.image_tokens, name).toBe(65 + 129 * 4 + 65 + 129);
    }
  });

  it("edit (stream): image_edit events", async () => {
    const png = await solidPng(64, 64, { r: 0, g: 0, b: 60 });
    for (const [name, client] of clients) {
      const stream = await client.edit({
        model: "gpt-image-1",
        prompt: "stars",
        image: png,
        quality: "low",
        stream: true,
        partial_images: 1,
      });
      const types: string[] = [];
      for await (const e of stream) types.push(e.type);
      expect(types, name).toEqual(["image_edit.partial_image", "image_edit.completed"]);
    }
  });

  it("variation: n images at the requested size", async () => {
    const png = await solidPng(256, 256, { r: 250, g: 200, b: 0 });
    for (const [name, client] of clients) {
      const res = await client.createVariation({
        image: png,
        n: 2,
        size: "256x256",
        response_format: "b64_json",
      });
      expect(res.data, name).toHaveLength(2);
      for (const d of res.data ?? [])
        expect(await describeImage(b64(d.b64_json)), name).toMatchObject({ format: "png", width: 256 });
    }
  });

  it("variation with URLs: the images download from the server", async () => {
    const png = await solidPng(256, 256, { r: 0, g: 200, b: 0 });
    const res = await createImagesClient({ apiKey: "t", baseUrl: server.url }).createVariation({
      image: png,
      size: "256x256",
    });
    const url = res.data?.[0]?.url ?? "";
    expect(await describeImage(new Uint8Array(await (await fetch(url)).arrayBuffer()))).toMatchObject({
      width: 256,
    });
  });
});

describe("every fault mode, as our client reports it", () => {
  const small = { prompt: "otter", size: "256x256" } as const;
  const streamReq = {
    model: "gpt-image-1",
    prompt: "otter",
    quality: "low",
    stream: true,
    partial_images: 2,
  } as const;

  it("429: ImagesAPIError with the headers; retried when retries are allowed", async () => {
    const [, client] = clients[0] ?? [];
    const err = await client?.generate(small, fault("429; retry-after-ms=5")).catch((e: unknown) => e);
    expect(isImagesAPIError(err) && err.status === 429 && err.code === "rate_limit_exceeded").toBe(true);
    if (isImagesAPIError(err)) expect(err.headers.get("retry-after-ms")).toBe("5");
    const retrying = createImagesClient({ apiKey: "t", baseUrl: server.url, maxRetries: 2 });
    const { data, requestId } = await retrying
      .generate(small, fault("429; retry-after-ms=1; times=2; id=ours-429"))
      .withResponse();
    expect(data.data).toHaveLength(1);
    expect(server.requests.filter((r) => r.fault?.includes("id=ours-429")).map((r) => r.status)).toEqual([
      429, 429, 200,
    ]);
    expect(server.requests.at(-1)?.requestId).toBe(requestId);
  });

  it("500 and 503: ImagesAPIError with the status", async () => {
    for (const [name, client] of clients) {
      for (const status of [500, 503]) {
        const err = await client.generate(small, fault(String(status))).catch((e: unknown) => e);
        expect(isImagesAPIError(err) && err.status, name).toBe(status);
      }
    }
  });

  it("a delay before the headers: ImagesTimeoutError", async () => {
    for (const [name, client] of clients) {
      const err = await client
        .generate(small, { ...fault("delay; ms=10000"), timeout: 150 })
        .catch((e: unknown) => e);
      expect(isImagesTimeoutError(err), name).toBe(true);
    }
  });

  it("a connection reset mid-body: ImagesConnectionError", async () => {
    for (const [name, client] of clients) {
      const err = await client.generate(small, fault("reset")).catch((e: unknown) => e);
      expect(isImagesConnectionError(err), `${name}: ${String(err)}`).toBe(true);
    }
  });

  it("a stream cut before completed: ImagesStreamError after the partial images", async () => {
    for (const [name, client] of clients) {
      const stream = await client.generate(streamReq, fault("stream-cut"));
      const types: string[] = [];
      const err = await (async () => {
        for await (const e of stream) types.push(e.type);
      })().catch((e: unknown) => e);
      expect(types, name).toEqual(["image_generation.partial_image", "image_generation.partial_image"]);
      expect(isImagesStreamError(err), name).toBe(true);
    }
  });

  it("an error event mid-stream: ImagesStreamError with the event's code", async () => {
    for (const [name, client] of clients) {
      const stream = await client.generate(
        streamReq,
        fault("stream-error; after=1; code=moderation_blocked"),
      );
      const types: string[] = [];
      const err = await (async () => {
        for await (const e of stream) types.push(e.type);
      })().catch((e: unknown) => e);
      expect(types, name).toEqual(["image_generation.partial_image"]);
      expect(isImagesStreamError(err) && err.code, name).toBe("moderation_blocked");
    }
  });

  it("401 without a key, 413 over the upload limit", async () => {
    const noKey = createImagesClient({ apiKey: "", baseUrl: server.url, maxRetries: 0 });
    const e401 = await noKey.generate(small).catch((e: unknown) => e);
    expect(isImagesAPIError(e401) && e401.status).toBe(401);
    const tiny = await startImagesServer({ retired: "serve", limits: { imageBytes: 1000 } });
    try {
      const client = createImagesClient({ apiKey: "t", baseUrl: tiny.url, maxRetries: 0 });
      const png = await solidPng(256, 256, { r: 1, g: 2, b: 3 });
      const padded = new Uint8Array(5000);
      padded.set(png.subarray(0, Math.min(png.length, 5000)));
      const e413 = await client
        .edit({ model: "gpt-image-1", prompt: "x", image: padded })
        .catch((e: unknown) => e);
      expect(isImagesAPIError(e413) && e413.status, String(e413)).toBe(413);
    } finally {
      await tiny.close();
    }
  });
});

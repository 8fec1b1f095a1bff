/**
 * The contract checker itself: `createContractFetch` passes valid exchanges, and flags each kind of
 * invalid request, response and stream event. The official SDK doubles as an independent client
 * here: what it sends must satisfy our spec too.
 */
import { once } from "node:events";
import OpenAI, { toFile } from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createContractFetch } from "../src/server/index.js";
import { allowSpecViolations } from "./support/contract-setup.js";
import { PNG_1X1_B64, type RecordingServer, startRecordingServer } from "./support/recording-server.js";

const png = Buffer.from(PNG_1X1_B64, "base64");
let server: RecordingServer;
const contract = createContractFetch();

beforeAll(async () => {
  server = await startRecordingServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  contract.reset();
  server.respondWith(undefined);
});

const post = (path: string, body: BodyInit, contentType?: string) =>
  contract(`${server.baseUrl}${path}`, {
    method: "POST",
    body,
    ...(contentType ? { headers: { "content-type": contentType } } : {}),
  });

describe("valid traffic passes", () => {
  it("every operation of the official SDK, JSON and multipart, streaming and not", async () => {
    const sdk = new OpenAI({ apiKey: "sk-test", baseURL: server.baseUrl, maxRetries: 0, fetch: contract });
    await sdk.images.generate({ prompt: "otter" });
    await sdk.images.generate({
      prompt: "otter",
      model: "gpt-image-1",
      n: 2,
      size: "1536x1024",
      quality: "high",
      background: "transparent",
      output_format: "webp",
      output_compression: 80,
      moderation: "low",
      user: "u1",
    });
    await sdk.images.generate({
      prompt: "otter",
      model: "dall-e-3",
      style: "vivid",
      response_format: "b64_json",
    });
    await sdk.images.edit({ prompt: "hat", image: await toFile(png, "otter.png") });
    await sdk.images.edit({
      prompt: "together",
      model: "gpt-image-1",
      image: [await toFile(png, "a.png"), await toFile(png, "b.png")],
      mask: await toFile(png, "mask.png"),
      input_fidelity: "high",
      n: 2,
    });
    await sdk.images.createVariation({ image: await toFile(png, "otter.png"), n: 3, size: "512x512" });
    const types: string[] = [];
    for await (const e of await sdk.images.generate({
      prompt: "otter",
      model: "gpt-image-1",
      stream: true,
      partial_images: 1,
    })) {
      types.push(e.type);
    }
    for await (const e of await sdk.images.edit({
      prompt: "hat",
      model: "gpt-image-1",
      image: await toFile(png, "otter.png"),
      stream: true,
    })) {
      types.push(e.type);
    }
    expect(types).toEqual([
      "image_generation.partial_image",
      "image_generation.completed",
      "image_edit.partial_image",
      "image_edit.completed",
    ]);
    await contract.settled();
    contract.assertClean();
    // The checks really ran: 8 requests, 8 responses (2 of them streams), 4 events.
    expect(contract.checked).toEqual({ requests: 8, responses: 8, events: 4 });
  });

  it("lets non-images URLs through unchecked", async () => {
    server.respondWith((_req, res) => res.end("plain"));
    const res = await contract(`${server.baseUrl.replace("/v1", "")}/files/abc.png`);
    expect(await res.text()).toBe("plain");
    expect(contract.checked.requests).toBe(0);
  });

  it("forwards the request unchanged: method, headers, body bytes", async () => {
    const form = new FormData();
    form.append("prompt", "hat");
    form.append("image", new Blob([png], { type: "image/png" }), "otter.png");
    await contract(`${server.baseUrl}/images/edits`, {
      method: "POST",
      body: form,
      headers: { "x-extra": "1" },
    });
    const recorded = server.requests.at(-1);
    expect(recorded?.headers["x-extra"]).toBe("1");
    expect(recorded?.parts?.map((p) => p.name)).toEqual(["prompt", "image"]);
    expect(recorded?.parts?.[1]?.bytes.equals(png)).toBe(true);
    contract.assertClean();
  });
});

describe("each checker rejects a bad case", () => {
  // The suite-wide checker (test/support/contract-setup.ts) sees this traffic too.
  beforeEach(() => allowSpecViolations("sends and serves invalid traffic on purpose"));

  it("request: a JSON body outside the spec", async () => {
    await post(
      "/images/generations",
      JSON.stringify({ prompt: "otter", n: 20, quality: "ultra" }),
      "application/json",
    );
    expect(contract.violations).toEqual([
      expect.objectContaining({
        kind: "request",
        method: "POST",
        path: "/images/generations",
        errors: expect.arrayContaining([expect.objectContaining({ instancePath: "/n" })]),
      }),
    ]);
    expect(() => contract.assertClean()).toThrow(/request POST \/images\/generations: \/n must be <= 10/);
  });

  it("request: a body that is not JSON at all", async () => {
    await post("/images/generations", "{prompt:", "application/json");
    expect(contract.violations[0]?.errors[0]?.message).toBe("is not valid JSON");
  });

  it("request: a multipart edit with the image sent as a text field", async () => {
    const form = new FormData();
    form.append("prompt", "hat");
    form.append("image", "otter.png");
    await contract(`${server.baseUrl}/images/edits`, { method: "POST", body: form });
    expect(contract.violations[0]).toMatchObject({
      kind: "request",
      errors: expect.arrayContaining([
        { instancePath: "/image", message: "must be a file upload ({ filename, contentType, size })" },
      ]),
    });
  });

  it("request: multipart numbers that are not numbers, and an unknown path", async () => {
    const form = new FormData();
    form.append("image", new Blob([png]), "a.png");
    form.append("n", "two");
    await contract(`${server.baseUrl}/images/variations`, { method: "POST", body: form });
    await post("/images/upscale", "{}", "application/json");
    await contract.settled();
    expect(contract.violations.map((v) => [v.kind, v.errors[0]?.message])).toEqual([
      ["request", "must be integer"],
      ["request", expect.stringMatching(/^unknown path \/images\/upscale/)],
      // The answer to an unknown path cannot match the spec either.
      ["response", expect.stringMatching(/^unknown path \/images\/upscale/)],
    ]);
  });

  it("response: a 200 body that is not an ImagesResponse", async () => {
    server.respondWith((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ data: "nope" }));
    });
    const res = await post("/images/generations", JSON.stringify({ prompt: "otter" }), "application/json");
    // The caller still gets the body: the checker observes, it does not interfere.
    expect(await res.json()).toEqual({ data: "nope" });
    await contract.settled();
    expect(contract.violations).toEqual([
      expect.objectContaining({
        kind: "response",
        status: 200,
        errors: expect.arrayContaining([
          { instancePath: "", message: "must have required property 'created'" },
          { instancePath: "/data", message: "must be array" },
        ]),
      }),
    ]);
  });

  it("response: an error that is not the API's error body, and an undeclared content type", async () => {
    server.respondWith((_req, res) => {
      res.writeHead(429, { "content-type": "application/json" });
      res.end(JSON.stringify({ message: "slow down" }));
    });
    await post("/images/generations", JSON.stringify({ prompt: "otter" }), "application/json");
    server.respondWith((_req, res) => {
      res.writeHead(502, { "content-type": "text/html" });
      res.end("<h1>Bad gateway</h1>");
    });
    await post("/images/generations", JSON.stringify({ prompt: "otter" }), "application/json");
    await contract.settled();
    expect(contract.violations.map((v) => [v.status, v.errors[0]?.message])).toEqual([
      [429, "must have required property 'error'"],
      [502, expect.stringMatching(/content type text\/html is not declared/)],
    ]);
  });

  it("event: a completed event without usage, and an event whose name and type disagree", async () => {
    server.respondWith((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      const base = {
        b64_json: PNG_1X1_B64,
        background: "opaque",
        created_at: 1,
        output_format: "png",
        quality: "low",
        size: "1024x1024",
      };
      const partial = { type: "image_generation.partial_image", ...base, partial_image_index: 0 };
      res.write(`event: image_generation.completed\ndata: ${JSON.stringify(partial)}\n\n`);
      res.end(
        `event: image_generation.completed\ndata: ${JSON.stringify({ type: "image_generation.completed", ...base })}\n\n`,
      );
    });
    const res = await post(
      "/images/generations",
      JSON.stringify({ prompt: "otter", stream: true }),
      "application/json",
    );
    await res.text();
    expect(contract.checked.events).toBe(2);
    expect(
      contract.violations.map((v) => [v.kind, v.errors.map((e) => `${e.instancePath} ${e.message}`)]),
    ).toEqual([
      ["event", ["/type does not match the SSE event name image_generation.completed"]],
      ["event", [" must have required property 'usage'"]],
    ]);
  });

  it("event: data that is not JSON, and a stream on a path that never streams", async () => {
    server.respondWith((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.end("data: [DONE]\n\n");
    });
    await (
      await post("/images/generations", JSON.stringify({ prompt: "otter", stream: true }), "application/json")
    ).text();
    const form = new FormData();
    form.append("image", new Blob([png]), "a.png");
    await (await contract(`${server.baseUrl}/images/variations`, { method: "POST", body: form })).text();
    const messages = contract.violations.map((v) => `${v.kind} ${v.path}: ${v.errors[0]?.message}`);
    expect(messages).toContainEqual("event /images/generations: data is not valid JSON");
    expect(messages).toContainEqual(
      expect.stringMatching(
        /^response \/images\/variations: content type text\/event-stream is not declared/,
      ),
    );
  });
});

describe("error frames in a stream", () => {
  const frame = (data: unknown) => `event: error\ndata: ${JSON.stringify(data)}\n\n`;
  const streamWith = async (text: string) => {
    server.respondWith((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.end(text);
    });
    await (
      await post("/images/generations", JSON.stringify({ prompt: "otter", stream: true }), "application/json")
    ).text();
  };

  it("pass when they carry the API's error object", async () => {
    await streamWith(
      frame({ type: "error", error: { type: "server_error", code: "x", message: "failed", param: null } }),
    );
    expect(contract.checked.events).toBe(1);
    expect(contract.violations).toEqual([]);
  });

  it("fail when the error object is malformed", async () => {
    allowSpecViolations("serves a malformed error frame on purpose");
    await streamWith(frame({ type: "error", error: { code: 500 } }));
    expect(
      contract.violations.map((v) => [v.kind, v.errors.map((e) => `${e.instancePath} ${e.message}`)]),
    ).toEqual([
      [
        "event",
        expect.arrayContaining([
          "/error must have required property 'message'",
          "/error must have required property 'type'",
          "/error/code must be string or null",
        ]),
      ],
    ]);
  });
});

describe("streams", () => {
  it("cancelling the checked body still cancels the request", async () => {
    let closed: Promise<unknown> = Promise.resolve();
    server.respondWith((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write(": keep-alive\n\n");
      // Never ends: only the client going away closes it.
      closed = once(res, "close");
    });
    const res = await post(
      "/images/generations",
      JSON.stringify({ prompt: "otter", stream: true }),
      "application/json",
    );
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    await reader.cancel();
    await closed;
    expect(contract.violations).toEqual([]);
  });
});

/**
 * The contract proof end to end: our client against the local Images server, every operation, JSON
 * and multipart, streaming and not, through both transports. Every request and response and every
 * stream event is checked against the spec: the suite-wide checker (test/support/contract-setup.ts)
 * covers the default fetch transport, and an explicit `createContractFetch` wraps the Node transport.
 * The last tests prove that the suite-wide checker catches what it should.
 */
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createImagesClient, type ImagesClient } from "../src/index.js";
import { createNodeFetch } from "../src/node/index.js";
import { createContractFetch, type ImagesServer, startImagesServer } from "../src/server/index.js";
import { allowSpecViolations, endContractWindow, suiteContract } from "./support/contract-setup.js";
import { type RecordingServer, startRecordingServer } from "./support/recording-server.js";

let server: ImagesServer;
let png: Uint8Array<ArrayBuffer>;
let png2: Uint8Array<ArrayBuffer>;
let mask: Uint8Array<ArrayBuffer>;

beforeAll(async () => {
  server = await startImagesServer({ retired: "serve" });
  const square = (alpha: number) =>
    sharp({ create: { width: 64, height: 64, channels: 4, background: { r: 20, g: 90, b: 200, alpha } } })
      .png()
      .toBuffer()
      .then((b) => new Uint8Array(b));
  [png, png2, mask] = await Promise.all([square(1), square(0.8), square(0)]);
});
afterAll(async () => {
  await server.close();
});

/** Every kind of call the client makes. Each returns the number of stream events it read. */
const CALLS: [string, (c: ImagesClient) => Promise<number>][] = [
  ["generate, defaults", (c) => c.generate({ prompt: "a cute baby sea otter" }).then(() => 0)],
  [
    "generate, GPT parameters",
    (c) =>
      c
        .generate({
          model: "gpt-image-1",
          prompt: "otter",
          size: "1024x1536",
          quality: "low",
          background: "transparent",
          output_format: "webp",
          output_compression: 0,
          moderation: "low",
          n: 2,
        })
        .then(() => 0),
  ],
  [
    "generate, dall-e-3 as a URL",
    (c) =>
      c
        .generate({ model: "dall-e-3", prompt: "otter", style: "natural", response_format: "url" })
        .then(() => 0),
  ],
  [
    "generate, gpt-image-2 custom size",
    (c) => c.generate({ model: "gpt-image-2", prompt: "otter", size: "1536x864" }).then(() => 0),
  ],
  [
    "edit, one image",
    (c) => c.edit({ model: "dall-e-2", image: png, prompt: "hat", size: "256x256" }).then(() => 0),
  ],
  [
    "edit, several images and a mask",
    (c) =>
      c
        .edit({
          model: "gpt-image-1",
          image: [png, png2],
          mask,
          prompt: "together",
          input_fidelity: "high",
          n: 2,
        })
        .then(() => 0),
  ],
  [
    "edit by reference (JSON)",
    (c) =>
      c
        .edit({
          model: "gpt-image-1.5",
          images: [{ image_url: `data:image/png;base64,${Buffer.from(png).toString("base64")}` }],
          prompt: "hat",
        })
        .then(() => 0),
  ],
  [
    "variation",
    (c) => c.createVariation({ model: "dall-e-2", image: png, n: 2, size: "256x256" }).then(() => 0),
  ],
  [
    "generate, streaming",
    async (c) => {
      let n = 0;
      for await (const _ of await c.generate({
        model: "gpt-image-1",
        prompt: "otter",
        stream: true,
        partial_images: 2,
      }))
        n++;
      return n;
    },
  ],
  [
    "edit, streaming",
    async (c) => {
      let n = 0;
      for await (const _ of await c.edit({
        model: "gpt-image-1.5",
        image: [png, png2],
        prompt: "x",
        stream: true,
        partial_images: 1,
      })) {
        n++;
      }
      return n;
    },
  ],
];

describe("our client against the local server, checked against the spec", () => {
  it.each(CALLS)("%s (fetch transport, suite checker)", async (name, call) => {
    const client = createImagesClient({ apiKey: "test", baseUrl: server.url, maxRetries: 0 });
    const events = await call(client);
    if (name.includes("streaming")) expect(events).toBeGreaterThan(1);
    await suiteContract().settled();
    // The checker saw this exchange (and the afterEach hook fails the test on any violation).
    expect(suiteContract().checked.requests).toBe(1);
    expect(suiteContract().checked.responses).toBe(1);
    expect(suiteContract().checked.events).toBe(events);
    expect(suiteContract().violations).toEqual([]);
  });

  it.each(CALLS)("%s (Node transport, explicit checker)", async (_name, call) => {
    const checked = createContractFetch({ fetch: createNodeFetch() });
    const client = createImagesClient({ apiKey: "test", baseUrl: server.url, maxRetries: 0, fetch: checked });
    const events = await call(client);
    await checked.settled();
    checked.assertClean();
    expect(checked.checked).toEqual({ requests: 1, responses: 1, events });
  });

  it("the server's own response check agrees", () => {
    expect(server.specViolations).toEqual([]);
  });
});

describe("the suite-wide checker catches what it should", () => {
  let recorder: RecordingServer;
  beforeAll(async () => {
    recorder = await startRecordingServer();
  });
  afterAll(async () => {
    await recorder.close();
  });

  it("an invalid request sent by our client with validation off", async () => {
    const client = createImagesClient({
      apiKey: "test",
      baseUrl: recorder.baseUrl,
      maxRetries: 0,
      validation: "off",
    });
    await client.generate({ prompt: "otter", n: 0, quality: "ultra" as "high" });
    // What the afterEach hook would see: these would fail the test.
    const caught = await endContractWindow();
    expect(caught).toEqual([
      expect.objectContaining({
        kind: "request",
        path: "/images/generations",
        errors: expect.arrayContaining([
          { instancePath: "/n", message: "must be >= 1" },
          expect.objectContaining({ instancePath: "/quality" }),
        ]),
      }),
    ]);
  });

  it("an invalid response and an invalid stream event", async () => {
    recorder.respondWith((req, res) => {
      if ((req.json as { stream?: boolean }).stream) {
        res.writeHead(200, { "content-type": "text/event-stream" });
        res.end(
          `event: image_generation.completed\ndata: ${JSON.stringify({ type: "image_generation.completed" })}\n\n`,
        );
      } else {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ created: "yesterday", data: [] }));
      }
    });
    try {
      const client = createImagesClient({ apiKey: "test", baseUrl: recorder.baseUrl, maxRetries: 0 });
      // The client refuses this body itself (its `created` is not a number); the checker reports it too.
      await expect(client.generate({ prompt: "otter" })).rejects.toMatchObject({
        name: "ImagesResponseError",
      });
      await (
        await fetch(`${recorder.baseUrl}/images/generations`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ prompt: "otter", stream: true }),
        })
      ).text();
    } finally {
      recorder.respondWith(undefined);
    }
    const caught = await endContractWindow();
    expect(caught.map((v) => [v.kind, v.errors[0]])).toEqual([
      ["response", { instancePath: "/created", message: "must be integer" }],
      ["event", expect.objectContaining({ message: "must have required property 'b64_json'" })],
    ]);
  });

  it("allowSpecViolations lets a test produce them on purpose", async () => {
    allowSpecViolations("this test checks the allowance itself");
    await fetch(`${recorder.baseUrl}/images/generations`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(suiteContract().violations).toHaveLength(1);
    expect(await endContractWindow()).toEqual([]);
  });
});

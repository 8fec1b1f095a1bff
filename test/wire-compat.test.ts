/**
 * Wire compatibility with the official `openai` SDK (v6): the same calls through our client and the
 * SDK reach one recording loopback server, and what each put on the wire is compared: method, path,
 * the headers that matter, JSON bodies, and multipart part names, order, headers and bytes. Every
 * difference is intended, asserted below, and explained. Both clients also go through the contract
 * checker, so every request here is valid against the spec as well.
 */
import OpenAI from "openai";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createImagesClient, DEFAULT_MODELS } from "../src/index.js";
import { createNodeFetch } from "../src/node/index.js";
import { createContractFetch } from "../src/server/index.js";
import {
  type RecordedRequest,
  type RecordingServer,
  startRecordingServer,
} from "./support/recording-server.js";

type Uploads = { png: File; png2: File; jpeg: File; webp: File; mask: File };
interface Case {
  name: string;
  op: "generate" | "edit" | "variation";
  params: (u: Uploads) => Record<string, unknown>;
}

/** The table: each row is sent once by each client with the very same parameter object. */
const CASES: Case[] = [
  { name: "generate: prompt only", op: "generate", params: () => ({ prompt: "a cute baby sea otter" }) },
  {
    name: "generate: gpt-image-1 with every GPT parameter",
    op: "generate",
    params: () => ({
      model: "gpt-image-1",
      prompt: "a cute baby sea otter",
      n: 2,
      size: "1536x1024",
      quality: "high",
      background: "transparent",
      output_format: "webp",
      output_compression: 80,
      moderation: "low",
      partial_images: 2,
      user: "user-1234",
    }),
  },
  {
    name: "generate: meaningful zero values are sent (output_compression 0, partial_images 0)",
    op: "generate",
    params: () => ({
      model: "gpt-image-1.5",
      prompt: "otter",
      output_format: "jpeg",
      output_compression: 0,
      partial_images: 0,
    }),
  },
  {
    name: "generate: gpt-image-2 with a custom WIDTHxHEIGHT size",
    op: "generate",
    params: () => ({ model: "gpt-image-2", prompt: "otter", size: "1536x864", background: "opaque" }),
  },
  {
    name: "generate: dall-e-3 style, hd, b64_json",
    op: "generate",
    params: () => ({
      model: "dall-e-3",
      prompt: "otter",
      style: "natural",
      quality: "hd",
      size: "1792x1024",
      response_format: "b64_json",
    }),
  },
  {
    name: "generate: dall-e-2 several small images as URLs",
    op: "generate",
    params: () => ({ model: "dall-e-2", prompt: "otter", n: 3, size: "256x256", response_format: "url" }),
  },
  {
    name: "generate: unicode prompt",
    op: "generate",
    params: () => ({ model: "gpt-image-1", prompt: "Loutre de mer 🦦 — «très» mignonne\nligne 2" }),
  },
  {
    name: "edit: one image (dall-e-2)",
    op: "edit",
    params: (u) => ({ model: "dall-e-2", image: u.png, prompt: "add a hat", n: 2, size: "512x512" }),
  },
  {
    name: "edit: several images of three formats and a mask (gpt-image-1)",
    op: "edit",
    params: (u) => ({
      model: "gpt-image-1",
      image: [u.png, u.jpeg, u.webp],
      mask: u.mask,
      prompt: "a gift basket with all of these",
      input_fidelity: "high",
      quality: "high",
      output_format: "jpeg",
      output_compression: 50,
      size: "1024x1024",
      n: 1,
    }),
  },
  {
    name: "edit: parameters before the image keep their order",
    op: "edit",
    params: (u) => ({ prompt: "hat", background: "opaque", model: "gpt-image-1.5", image: [u.png, u.png2] }),
  },
  {
    name: "generate: streaming with partial images",
    op: "generate",
    params: () => ({
      model: "gpt-image-1",
      prompt: "otter",
      stream: true,
      partial_images: 2,
      size: "1024x1024",
    }),
  },
  {
    name: "edit: streaming with two images",
    op: "edit",
    params: (u) => ({
      model: "gpt-image-1.5",
      image: [u.png, u.jpeg],
      prompt: "together",
      stream: true,
      partial_images: 1,
    }),
  },
  {
    name: "variation: dall-e-2",
    op: "variation",
    params: (u) => ({ image: u.png, model: "dall-e-2", n: 2, size: "256x256", response_format: "b64_json" }),
  },
];

const API_KEY = "sk-wire-test";
let server: RecordingServer;
let uploads: Uploads;
const ourContract = createContractFetch();
const sdkContract = createContractFetch();

async function image(
  format: "png" | "jpeg" | "webp",
  channels: 3 | 4,
  colour: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const img = sharp({
    create: { width: 64, height: 64, channels, background: { r: colour, g: 80, b: 160, alpha: 0.5 } },
  });
  return new Uint8Array(await img.toFormat(format).toBuffer());
}

beforeAll(async () => {
  server = await startRecordingServer();
  // Files without a type: the SDK then sends application/octet-stream; ours reads the magic bytes.
  uploads = {
    png: new File([await image("png", 4, 10)], "otter.png"),
    png2: new File([await image("png", 4, 200)], "otter-2.png"),
    jpeg: new File([await image("jpeg", 3, 20)], "lotion.jpg"),
    webp: new File([await image("webp", 3, 30)], "soap.webp"),
    mask: new File([await image("png", 4, 0)], "mask.png"),
  };
});
afterAll(async () => {
  await server.close();
});

const common = { organization: "org-wire", project: "proj-wire" };

function ourClient() {
  return createImagesClient({
    apiKey: API_KEY,
    baseUrl: server.baseUrl,
    maxRetries: 0,
    fetch: ourContract,
    ...common,
  });
}

function sdkClient() {
  return new OpenAI({
    apiKey: API_KEY,
    baseURL: server.baseUrl,
    maxRetries: 0,
    fetch: sdkContract,
    ...common,
  });
}

/** Reads a streamed answer to the end (so its events are checked too); returns the event types. */
async function drain(result: unknown): Promise<string[]> {
  const types: string[] = [];
  if (result && typeof result === "object" && Symbol.asyncIterator in result) {
    for await (const e of result as AsyncIterable<{ type: string }>) types.push(e.type);
  }
  return types;
}

async function sendOurs(c: Case, client = ourClient()): Promise<RecordedRequest> {
  const params = c.params(uploads) as never;
  const result =
    c.op === "generate"
      ? await client.generate(params)
      : c.op === "edit"
        ? await client.edit(params)
        : await client.createVariation(params);
  const types = await drain(result);
  if (c.params(uploads).stream === true) expect(types).toHaveLength(2);
  return server.requests.at(-1) as RecordedRequest;
}

async function sendSdk(c: Case): Promise<RecordedRequest> {
  const sdk = sdkClient();
  const params = c.params(uploads) as never;
  const result =
    c.op === "generate"
      ? await sdk.images.generate(params)
      : c.op === "edit"
        ? await sdk.images.edit(params)
        : await sdk.images.createVariation(params);
  const types = await drain(result);
  if (c.params(uploads).stream === true) expect(types).toHaveLength(2);
  return server.requests.at(-1) as RecordedRequest;
}

const mediaType = (h: string | undefined) => h?.split(";")[0]?.trim();

/** The headers whose meaning must be the same from both clients. */
function sameHeaders(ours: RecordedRequest, sdk: RecordedRequest, stream: boolean): void {
  for (const name of ["authorization", "openai-organization", "openai-project"]) {
    expect(ours.headers[name], name).toBe(sdk.headers[name]);
  }
  expect(ours.headers.authorization).toBe(`Bearer ${API_KEY}`);
  expect(mediaType(ours.headers["content-type"])).toBe(mediaType(sdk.headers["content-type"]));
  // Both send an exact length (no chunked uploads), and it is the length of what arrived.
  expect(Number(ours.headers["content-length"])).toBe(ours.body.length);
  expect(Number(sdk.headers["content-length"])).toBe(sdk.body.length);
  // Intended: we are not the SDK and do not claim to be. Its x-stainless-* telemetry headers
  // (OS, arch, runtime version, retry count) are its own business; the API does not need them.
  expect(Object.keys(sdk.headers).some((h) => h.startsWith("x-stainless-"))).toBe(true);
  expect(Object.keys(ours.headers).filter((h) => h.startsWith("x-stainless-"))).toEqual([]);
  expect(sdk.headers["user-agent"]).toMatch(/^OpenAI\/JS /);
  expect(ours.headers["user-agent"] ?? "").not.toMatch(/^OpenAI\/JS /);
  // Intended: for `stream: true` we ask for what we expect back; the SDK sends its usual
  // application/json and relies on the body's `stream` flag. Otherwise we leave fetch's default
  // (`*/*`): the API picks JSON from the body, not from Accept, so both get the same answer.
  expect(sdk.headers.accept).toBe("application/json");
  expect(ours.headers.accept).toBe(stream ? "text/event-stream" : "*/*");
}

describe.each(CASES)("$name", (c) => {
  it("puts the same request on the wire as the official SDK", async () => {
    const ours = await sendOurs(c);
    const sdk = await sendSdk(c);

    expect(ours.method).toBe(sdk.method);
    expect(ours.url).toBe(sdk.url);
    sameHeaders(ours, sdk, c.params(uploads).stream === true);

    if (c.op === "generate") {
      // Intended difference: since openai@7.28.0 the API documents no default model, so ours names
      // one when the caller does not; the SDK leaves it out.
      const named = c.params(uploads).model === undefined ? { model: DEFAULT_MODELS.generate } : {};
      expect(ours.json).toEqual({ ...(sdk.json as object), ...named });
      return;
    }
    const oursParts = ours.parts ?? [];
    const sdkParts = sdk.parts ?? [];
    expect(oursParts.map((p) => p.name)).toEqual(sdkParts.map((p) => p.name));
    expect(oursParts.length).toBeGreaterThan(0);
    for (const [i, o] of oursParts.entries()) {
      const s = sdkParts[i] as (typeof sdkParts)[number];
      expect(o.filename, `part ${i} (${o.name}) filename`).toBe(s.filename);
      expect(o.bytes.equals(s.bytes), `part ${i} (${o.name}) bytes`).toBe(true);
      expect(o.headers["content-disposition"]).toBe(s.headers["content-disposition"]);
      if (o.filename === undefined) {
        // Text fields: no Content-Type from either side.
        expect(o.headers["content-type"]).toBeUndefined();
        expect(s.headers["content-type"]).toBeUndefined();
      } else {
        // Intended difference: the SDK labels a File without a type application/octet-stream, and
        // the API has refused such uploads ("unsupported mimetype"); we send the type the bytes are.
        expect(s.headers["content-type"]).toBe("application/octet-stream");
        const ext = o.filename.split(".").pop();
        const expected = { png: "image/png", jpg: "image/jpeg", webp: "image/webp" }[ext as string];
        expect(o.headers["content-type"]).toBe(expected);
      }
    }
  });
});

describe("the contract held for every request and response above", () => {
  it("our client and the SDK sent only spec-valid requests and got spec-valid answers", async () => {
    await Promise.all([ourContract.settled(), sdkContract.settled()]);
    ourContract.assertClean();
    sdkContract.assertClean();
    expect(ourContract.checked.requests).toBe(CASES.length);
    expect(sdkContract.checked.requests).toBe(CASES.length);
    // Two streamed cases, two events each, from each client.
    expect(ourContract.checked.events).toBe(4);
    expect(sdkContract.checked.events).toBe(4);
  });
});

describe("the Node transport sends the same bytes as fetch", () => {
  it.each(CASES.filter((c) => c.op !== "generate"))("$name", async (c) => {
    const viaFetch = await sendOurs(c);
    const checked = createContractFetch({ fetch: createNodeFetch() });
    const client = createImagesClient({
      apiKey: API_KEY,
      baseUrl: server.baseUrl,
      maxRetries: 0,
      fetch: checked,
      ...common,
    });
    const viaNode = await sendOurs(c, client);
    await checked.settled();
    checked.assertClean();
    expect(viaNode.url).toBe(viaFetch.url);
    expect(
      viaNode.parts?.map((p) => [p.name, p.filename, p.headers["content-type"], p.bytes.length]),
    ).toEqual(viaFetch.parts?.map((p) => [p.name, p.filename, p.headers["content-type"], p.bytes.length]));
  });
});

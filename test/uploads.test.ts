import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createImagesClient, isImagesValidationError } from "../src/index.js";
import { createImagesClient as createNodeClient, fileFromPath } from "../src/node/index.js";
import {
  jpegBytes,
  parseMultipart,
  pngBytes,
  type Recorded,
  useLoopback,
  webpBytes,
} from "./loopback.fixtures.js";

const server = useLoopback();
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "openai-images-uploads-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const PNG = pngBytes({ width: 16, height: 16 });
const JPEG = jpegBytes(16, 16);
const WEBP = webpBytes(16, 16);

// Both transports must put the same bytes on the wire.
const transports = [
  ["fetch", () => createImagesClient({ apiKey: "k", baseUrl: server.baseUrl, maxRetries: 0 })],
  ["node", () => createNodeClient({ apiKey: "k", baseUrl: server.baseUrl, maxRetries: 0 })],
] as const;

async function fileParts(req: Recorded | undefined) {
  if (!req) throw new Error("no request recorded");
  return (await parseMultipart(req)).filter((p) => p.bytes !== undefined);
}

describe.each(transports)("upload kinds over %s", (_name, makeClient) => {
  const kinds: [string, () => Promise<unknown> | unknown, Uint8Array, string, string][] = [
    ["Blob", () => new Blob([PNG]), PNG, "image.png", "image/png"],
    [
      "File with a misleading name and type",
      () => new File([JPEG], "photo.png", { type: "image/png" }),
      JPEG,
      "photo.jpg",
      "image/jpeg",
    ],
    ["Uint8Array", () => new Uint8Array(WEBP), WEBP, "image.webp", "image/webp"],
    // A Buffer that is a view into a larger pool: only its own bytes may be sent, never split into fields.
    [
      "Buffer (pooled view)",
      () => Buffer.concat([Buffer.from("junk"), PNG]).subarray(4),
      PNG,
      "image.png",
      "image/png",
    ],
    ["ArrayBuffer", () => new Uint8Array(JPEG).buffer, JPEG, "image.jpg", "image/jpeg"],
    ["Response", () => new Response(PNG), PNG, "image.png", "image/png"],
    [
      "fileFromPath",
      async () => {
        const path = join(dir, "otter-upload");
        await writeFile(path, WEBP);
        return fileFromPath(path);
      },
      WEBP,
      "otter-upload.webp",
      "image/webp",
    ],
  ];

  it.each(kinds)(
    "%s → one `image` part with detected type, extension and exact bytes",
    async (_k, make, bytes, filename, type) => {
      await makeClient().edit({ model: "gpt-image-1.5", prompt: "p", image: (await make()) as Blob });
      const [part, ...rest] = await fileParts(server.requests[0]);
      expect(rest).toEqual([]);
      expect(part?.name).toBe("image");
      expect(part?.filename).toBe(filename);
      expect(part?.contentType).toBe(type);
      expect(part?.bytes?.equals(bytes)).toBe(true);
    },
  );

  it("an array → repeated `image[]` parts in the caller's order, then `mask`", async () => {
    const images = [new Blob([JPEG]), new Uint8Array(PNG), new File([WEBP], "third")];
    const mask = pngBytes({ width: 16, height: 16 });
    await makeClient().edit({ model: "gpt-image-1.5", image: images, mask, prompt: "p" });
    const parts = await fileParts(server.requests[0]);
    expect(parts.map((p) => [p.name, p.filename, p.contentType])).toEqual([
      ["image[]", "image-0.jpg", "image/jpeg"],
      ["image[]", "image-1.png", "image/png"],
      ["image[]", "third.webp", "image/webp"],
      ["mask", "mask.png", "image/png"],
    ]);
    expect(parts.map((p) => p.bytes?.length)).toEqual([JPEG.length, PNG.length, WEBP.length, mask.length]);
  });
});

describe.each(transports)("November 2026 multipart fields over %s", (_name, makeClient) => {
  it("`markup` is uploaded like `mask` (sniffed type and name), `svg` as svg[model] and svg[reasoning][effort]", async () => {
    const markup = new Blob([pngBytes({ width: 16, height: 16 })]);
    await makeClient().edit({
      model: "gpt-image-2.5-flare",
      image: PNG,
      markup,
      prompt: "p",
      output_format: "svg",
      svg: { model: "gpt-5", reasoning: { effort: "high" } },
      safety_identifier: "",
    });
    const parts = await parseMultipart(server.requests[0] as Recorded);
    expect(parts.filter((p) => p.bytes).map((p) => [p.name, p.filename, p.contentType])).toEqual([
      ["image", "image.png", "image/png"],
      ["markup", "markup.png", "image/png"],
    ]);
    expect(Object.fromEntries(parts.filter((p) => !p.bytes).map((p) => [p.name, p.value]))).toEqual({
      model: "gpt-image-2.5-flare",
      prompt: "p",
      output_format: "svg",
      "svg[model]": "gpt-5",
      "svg[reasoning][effort]": "high",
      // Empty strings are sent, never dropped.
      safety_identifier: "",
    });
  });

  it("a markup that is not an image is refused naming `markup`, and nothing is sent", async () => {
    const err = await makeClient()
      .edit({ model: "gpt-image-2.5-flare", image: PNG, markup: new Blob(["not a png"]), prompt: "p" })
      .catch((e: unknown) => e);
    expect(isImagesValidationError(err) && err.param).toBe("markup");
    expect(server.requests).toHaveLength(0);
  });
});

describe("uploads that are not images", () => {
  const client = () => createImagesClient({ apiKey: "k", baseUrl: server.baseUrl, maxRetries: 0 });

  it.each([
    ["a text file as the second image", { image: [PNG, Buffer.from("hello, not an image")] }, "image[1]"],
    ["a GIF as the image", { image: Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00\x00") }, "image"],
    ["an empty mask", { image: PNG, mask: new Uint8Array(0) }, "mask"],
  ])(
    "%s is refused with ImagesValidationError naming %s, and nothing is sent",
    async (_name, files, param) => {
      const err = await client()
        .edit({ model: "gpt-image-1.5", prompt: "p", ...(files as { image: Uint8Array }) })
        .catch((e: unknown) => e);
      expect(isImagesValidationError(err)).toBe(true);
      expect((err as { param: string }).param).toBe(param);
      expect((err as Error).message).toContain(param);
      expect(server.requests).toHaveLength(0);
    },
  );

  it("a string (a path by mistake) is refused, pointing at fileFromPath", async () => {
    const err = await client()
      .createVariation({ image: "./otter.png" as never })
      .catch((e: unknown) => e);
    expect(isImagesValidationError(err)).toBe(true);
    expect((err as Error).message).toContain("fileFromPath");
    expect(server.requests).toHaveLength(0);
  });

  it("a failed or consumed Response is refused", async () => {
    const bad = new Response("nope", { status: 404 });
    await expect(client().createVariation({ image: bad })).rejects.toThrow(/status 404/);
    const used = new Response(PNG);
    await used.arrayBuffer();
    await expect(client().createVariation({ image: used })).rejects.toThrow(/already read/);
    expect(server.requests).toHaveLength(0);
  });

  it('with validation: "off", unknown bytes are sent as they are (for compatible servers)', async () => {
    const bytes = Buffer.from("custom-format");
    await client().createVariation(
      { image: new File([bytes], "x.custom", { type: "application/x-custom" }) },
      { validation: "off" },
    );
    const [part] = await fileParts(server.requests[0]);
    expect([part?.filename, part?.contentType]).toEqual(["x.custom", "application/x-custom"]);
    expect(part?.bytes?.equals(bytes)).toBe(true);
  });

  it("an unknown model (a compatible server) gets a GIF passed through with its real type", async () => {
    const gif = Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00\x00");
    await client().edit({ model: "acme-image-9", prompt: "p", image: gif });
    const [part] = await fileParts(server.requests[0]);
    expect([part?.filename, part?.contentType]).toEqual(["image.gif", "image/gif"]);
    expect(part?.bytes?.equals(gif)).toBe(true);
  });

  it('with validation: "warn", the problem is reported once and the request is sent', async () => {
    const warnings: string[] = [];
    const c = createImagesClient({
      apiKey: "k",
      baseUrl: server.baseUrl,
      validation: "warn",
      onWarning: (i) => warnings.push(i.message),
    });
    await c.createVariation({ image: Buffer.from("plain text") });
    const afterFirst = [...warnings];
    await c.createVariation({ image: Buffer.from("plain text") });
    expect(afterFirst.some((m) => m.includes("not a recognised image"))).toBe(true);
    expect(warnings).toEqual(afterFirst);
    expect(server.requests).toHaveLength(2);
  });
});

/**
 * The November 2026 API through the official `openai` SDK, unmodified, against the local server. The
 * scenarios are shared by test/sdk-november.test.ts (vitest, the newest SDK that runs on Node 20) and
 * the Node 22 leg of scripts/check-runtimes.ts (the newest 7.x, which needs Node 22): each calls the
 * SDK as a user would and asserts with node:assert, so it runs the same under vitest and as a script.
 * Expected values come from the declarations (`MODEL_RULES`, `FORMATS`) and the documented usage
 * formulas, never from the answers themselves.
 */
import assert from "node:assert/strict";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import type OpenAI from "openai-v7";
import type { toFile } from "openai-v7";
import sharp from "sharp";
import { modelsFor, retirementOf } from "../../src/models/index.js";
import { computeSvgUsage, computeUsage, type UsageQuality } from "../../src/server/usage.js";

/** What a scenario needs: an SDK client on the local server, and that SDK's own `toFile`. */
export interface SdkContext {
  sdk: OpenAI;
  toFile: typeof toFile;
}

/** The models OpenAI serves for generations today, read from the model table. */
export const CURRENT_MODELS = modelsFor("generate").filter((m) => retirementOf(m) === undefined);

/** The model the newest features are documented for. */
const FLARE = "gpt-image-2.5-flare";

function bytesOf(res: { data?: Array<{ b64_json?: string | undefined }> | undefined }, i = 0): Buffer {
  const b64 = res.data?.[i]?.b64_json;
  assert.ok(b64, "the answer carries b64_json");
  return Buffer.from(b64, "base64");
}

/** A PNG of one colour (alpha 1 unless given). */
export function solidPng(
  width: number,
  height: number,
  color: { r: number; g: number; b: number; alpha?: number },
) {
  return sharp({ create: { width, height, channels: 4, background: { alpha: 1, ...color } } })
    .png()
    .toBuffer();
}

/**
 * A markup PNG: an opaque red square over the top-left quarter, transparent elsewhere (or, with
 * `opaque`, white elsewhere — an alpha channel with no transparent pixel).
 */
export async function markupPng(width: number, height: number, opaque = false): Promise<Buffer> {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const stroke = x < width / 2 && y < height / 2;
      data.set(stroke ? [255, 0, 0, 255] : opaque ? [255, 255, 255, 255] : [0, 0, 0, 0], i);
    }
  }
  return sharp(data, { raw: { width, height, channels: 4 } })
    .png()
    .toBuffer();
}

/** Every current model generates a real PNG at the default size, with usage. */
export async function everyCurrentModelGenerates({ sdk }: SdkContext): Promise<void> {
  assert.ok(CURRENT_MODELS.length >= 10, "the table lists the current models");
  for (const model of CURRENT_MODELS) {
    const res = await sdk.images.generate({ model, prompt: `an otter drawn by ${model}` });
    const meta = await sharp(bytesOf(res)).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ["png", 1024, 1024], model);
    assert.equal(res.size, "1024x1024", model);
    assert.ok(res.usage && res.usage.output_tokens > 0, model);
  }
}

/** Every current model edits too. */
export async function everyCurrentModelEdits({ sdk, toFile }: SdkContext): Promise<void> {
  const image = await toFile(await solidPng(64, 64, { r: 40, g: 90, b: 160 }), "in.png", {
    type: "image/png",
  });
  for (const model of modelsFor("edit").filter((m) => retirementOf(m) === undefined)) {
    const res = await sdk.images.edit({ model, image, prompt: "add a hat" });
    assert.equal((await sharp(bytesOf(res)).metadata()).format, "png", model);
  }
}

/**
 * Output tokens the local server reports for one 1024×1024 image, written out here rather than taken
 * from its `computeUsage`, so that a change to the server's accounting fails. `low`, `medium` and `high`
 * are OpenAI's published figures for a 1024×1024 GPT image (its image generation guide's cost table).
 * OpenAI publishes none for `xhigh` and `max`: the local server's are synthetic (each doubles the one
 * below, as the README's server section documents), so these two check the server against its own
 * documentation, not against OpenAI's billing.
 */
const OUTPUT_TOKENS_1024 = { low: 272, medium: 1056, high: 4160, xhigh: 8320, max: 16640 } as const;

/** A usage object with `text` prompt tokens, no input images and `output` image tokens. */
const usageOf = (text: number, output: number) => ({
  input_tokens: text,
  input_tokens_details: { text_tokens: text, image_tokens: 0 },
  output_tokens: output,
  total_tokens: text + output,
  output_tokens_details: { image_tokens: output, text_tokens: 0 },
});

/**
 * `xhigh` and `max`: reported as asked, reported usage as stated in {@link OUTPUT_TOKENS_1024} (synthetic
 * for these two: OpenAI publishes no figures), and drawn with more detail than `high` (sharp's sharpness
 * estimate, the deviation of a Laplacian, grows with each step).
 */
export async function xhighAndMax({ sdk }: SdkContext): Promise<void> {
  const prompt = "a lighthouse at dusk";
  const sharpness: number[] = [];
  for (const quality of ["high", "xhigh", "max"] as const) {
    const res = await sdk.images.generate({ model: FLARE, prompt, quality });
    assert.equal(res.quality, quality);
    // "a lighthouse at dusk": 20 characters, 5 text tokens at the documented 4 characters per token.
    assert.deepEqual(res.usage, usageOf(5, OUTPUT_TOKENS_1024[quality]));
    sharpness.push((await sharp(bytesOf(res)).stats()).sharpness);
  }
  const [high = 0, xhigh = 0, max = 0] = sharpness;
  assert.ok(xhigh > high && max > xhigh, `sharpness high ${high}, xhigh ${xhigh}, max ${max}`);
  // Streamed: the events report it too.
  const stream = await sdk.images.generate({
    model: FLARE,
    prompt,
    quality: "max",
    stream: true,
    partial_images: 1,
  });
  const qualities: string[] = [];
  for await (const event of stream) qualities.push(event.quality);
  assert.deepEqual(qualities, ["max", "max"]);
}

/** A 2.5 model draws an arbitrary `WIDTHxHEIGHT` size and says so. */
export async function arbitrarySize({ sdk }: SdkContext): Promise<void> {
  const res = await sdk.images.generate({
    model: "gpt-image-2.5-sunburst",
    prompt: "a wide bay",
    size: "1536x864",
  });
  const meta = await sharp(bytesOf(res)).metadata();
  assert.deepEqual([meta.width, meta.height], [1536, 864]);
  assert.equal(res.size, "1536x864");
  const quality = res.quality as UsageQuality;
  assert.deepEqual(
    res.usage,
    computeUsage({ prompt: "a wide bay", width: 1536, height: 864, quality, count: 1 }),
  );
}

/** `background: "transparent"` on a 2.5 model: clear corners, in PNG and WebP. */
export async function transparent({ sdk }: SdkContext): Promise<void> {
  for (const output_format of ["png", "webp"] as const) {
    const res = await sdk.images.generate({
      model: "gpt-image-2.5-sunburst",
      prompt: "a balloon",
      background: "transparent",
      output_format,
    });
    assert.equal(res.background, "transparent");
    const bytes = bytesOf(res);
    assert.equal((await sharp(bytes).metadata()).format, output_format);
    const data = await sharp(bytes).ensureAlpha().raw().toBuffer();
    assert.equal(data[3], 0, `${output_format}: the top-left pixel is transparent`);
  }
}

/** A GIF's frames and delays as sharp decodes them. */
export async function gifFacts(
  bytes: Uint8Array,
): Promise<{ format: string | undefined; pages: number | undefined; delay: number[] | undefined }> {
  const meta = await sharp(bytes, { animated: true }).metadata();
  return { format: meta.format, pages: meta.pages, delay: meta.delay };
}

/** GIF output: a real animation with `frame_count` frames and the rounded delay; the defaults are 9 and 200 ms. */
export async function gif({ sdk }: SdkContext): Promise<void> {
  const asked = await sdk.images.generate({
    model: FLARE,
    prompt: "a spinning top",
    output_format: "gif",
    frame_count: 4,
    frame_duration_ms: 125,
  });
  assert.equal(asked.output_format, "gif");
  assert.deepEqual(await gifFacts(bytesOf(asked)), { format: "gif", pages: 4, delay: [130, 130, 130, 130] });
  const quality = asked.quality as keyof typeof OUTPUT_TOKENS_1024;
  assert.ok(quality in OUTPUT_TOKENS_1024, `reported quality ${quality}`);
  // Every frame counts as an image; "a spinning top" is 14 characters, 4 text tokens.
  assert.deepEqual(asked.usage, usageOf(4, 4 * OUTPUT_TOKENS_1024[quality]));
  const defaults = await sdk.images.generate({
    model: "gpt-image-2.6-sunburst",
    prompt: "a bouncing ball",
    output_format: "gif",
    size: "1024x1024",
  });
  assert.deepEqual(await gifFacts(bytesOf(defaults)), {
    format: "gif",
    pages: 9,
    delay: Array.from({ length: 9 }, () => 200),
  });
}

// Text stays text (a prompt of digits is not a number), attributes are kept as `@_name`.
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_", parseTagValue: false });

/** An SVG document parsed as XML: its root's attributes, its title and every text of its `<text>` elements. */
export function svgFacts(text: string): { viewBox: string; width: string; title: string; texts: string[] } {
  assert.equal(XMLValidator.validate(text), true, "the SVG is well-formed XML");
  const svg = (xml.parse(text) as { svg: Record<string, unknown> }).svg;
  const group = svg.g as { text?: unknown } | Array<{ text?: unknown }>;
  const texts = (Array.isArray(group) ? group : [group]).flatMap((g) => {
    const t = g?.text;
    const list: unknown[] = Array.isArray(t) ? t : t === undefined ? [] : [t];
    // An element with attributes parses as `{ "#text", "@_x", … }`.
    return list.map((e) =>
      String(typeof e === "object" && e !== null ? (e as { "#text"?: unknown })["#text"] : e),
    );
  });
  return {
    viewBox: String(svg["@_viewBox"]),
    width: String(svg["@_width"]),
    title: String(svg.title),
    texts,
  };
}

/** SVG output: a document with the requested viewBox and the prompt, and `svg_usage` by the formula. */
export async function svg({ sdk, toFile }: SdkContext): Promise<void> {
  const prompt = `an <otter> & "friends" in 'rain'`;
  const res = await sdk.images.generate({
    model: FLARE,
    prompt,
    size: "1536x864",
    output_format: "svg",
    svg: { model: "svg-author-1", reasoning: { effort: "low" } },
  });
  assert.equal(res.output_format, "svg");
  assert.equal(res.data?.length, 1);
  const document = bytesOf(res).toString("utf8");
  const facts = svgFacts(document);
  assert.equal(facts.viewBox, "0 0 1536 864");
  assert.equal(facts.title, prompt);
  assert.equal(facts.texts.join(" "), prompt);
  assert.deepEqual(
    res.svg_usage,
    computeSvgUsage({ prompt, documents: [document], effort: "low", model: "svg-author-1" }),
  );
  // An edit, as multipart: the SDK sends `svg[model]` and `svg[reasoning][effort]` fields.
  const image = await toFile(await solidPng(96, 64, { r: 200, g: 120, b: 40 }), "in.png", {
    type: "image/png",
  });
  const edited = await sdk.images.edit({
    model: FLARE,
    image,
    prompt: "make it dusk",
    output_format: "svg",
    svg: { model: "svg-author-2", reasoning: { effort: "minimal" } },
  });
  const editDoc = bytesOf(edited).toString("utf8");
  assert.equal(svgFacts(editDoc).viewBox, "0 0 1536 1024");
  assert.deepEqual(
    edited.svg_usage,
    computeSvgUsage({
      prompt: "make it dusk",
      inputImages: [{ width: 96, height: 64 }],
      documents: [editDoc],
      effort: "minimal",
      model: "svg-author-2",
    }),
  );
  // Without `svg`, the image model authors the document itself.
  const plain = await sdk.images.generate({ model: FLARE, prompt: "a kite", output_format: "svg" });
  assert.equal(plain.svg_usage?.model, FLARE);
}

/** Mean of red minus green over the top-left quarter of a picture. */
async function redOverGreen(bytes: Uint8Array): Promise<number> {
  const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let sum = 0;
  let count = 0;
  for (let y = 0; y < info.height / 2; y++) {
    for (let x = 0; x < info.width / 2; x++) {
      const i = (y * info.width + x) * 3;
      sum += (data[i] as number) - (data[i + 1] as number);
      count++;
    }
  }
  return sum / count;
}

/** markup: the overlay shows in the edited picture (its red square, where the plain edit has none). */
export async function markupEdit({ sdk, toFile }: SdkContext): Promise<void> {
  const base = await solidPng(256, 256, { r: 128, g: 128, b: 128 });
  const prompt = "turn the marked corner into a window";
  const image = await toFile(base, "room.png", { type: "image/png" });
  const plain = await sdk.images.edit({ model: FLARE, image, prompt });
  const marked = await sdk.images.edit({
    model: FLARE,
    image: await toFile(base, "room.png", { type: "image/png" }),
    markup: await toFile(await markupPng(256, 256), "markup.png", { type: "image/png" }),
    prompt,
  });
  const [without, withMarkup] = [await redOverGreen(bytesOf(plain)), await redOverGreen(bytesOf(marked))];
  assert.ok(withMarkup - without > 60, `red over green: ${without} without markup, ${withMarkup} with it`);
}

/** The effective safety identifier is echoed: `safety_identifier`, else `user`, in answers and completed events. */
export async function safetyIdentifier({ sdk }: SdkContext): Promise<void> {
  const base = { model: FLARE, prompt: "an otter", quality: "low" } as const;
  assert.equal(
    (await sdk.images.generate({ ...base, safety_identifier: "user-7f3a" })).safety_identifier,
    "user-7f3a",
  );
  assert.equal((await sdk.images.generate({ ...base, user: "legacy-42" })).safety_identifier, "legacy-42");
  assert.equal(
    (await sdk.images.generate({ ...base, safety_identifier: "", user: "legacy-42" })).safety_identifier,
    "legacy-42",
  );
  assert.equal(
    (await sdk.images.generate({ ...base, safety_identifier: null, user: "legacy-42" })).safety_identifier,
    "legacy-42",
  );
  assert.equal("safety_identifier" in (await sdk.images.generate(base)), false);
  const stream = await sdk.images.generate({ ...base, safety_identifier: "user-7f3a", stream: true });
  const completed: unknown[] = [];
  for await (const event of stream)
    if (event.type === "image_generation.completed") completed.push(event.safety_identifier);
  assert.deepEqual(completed, ["user-7f3a"]);
}

/** A call the server must refuse, and the parameter its 400 must name. */
export interface Refusal {
  name: string;
  param: string;
  call: (ctx: SdkContext) => Promise<unknown>;
}

/** Asserts that `call` is answered 400 naming `param`, in the API's error shape. */
export async function expectRefused(ctx: SdkContext, refusal: Refusal): Promise<void> {
  await assert.rejects(
    async () => {
      const res = await refusal.call(ctx);
      // A stream only fails once it is read.
      if (res && typeof res === "object" && Symbol.asyncIterator in res) {
        for await (const _ of res as AsyncIterable<unknown>);
      }
    },
    (err: { status?: number; param?: string | null; type?: string }) => {
      assert.equal(err.status, 400, refusal.name);
      assert.equal(err.param, refusal.param, refusal.name);
      assert.equal(err.type, "invalid_request_error", refusal.name);
      return true;
    },
    refusal.name,
  );
}

const png = (ctx: SdkContext, bytes: Promise<Buffer>, name: string) =>
  bytes.then((b) => ctx.toFile(b, name, { type: "image/png" }));

/** Every combination the rules refuse, with the parameter the API names. */
export const REFUSALS: readonly Refusal[] = [
  {
    name: "GIF with stream",
    param: "stream",
    call: ({ sdk }) => sdk.images.generate({ model: FLARE, prompt: "x", output_format: "gif", stream: true }),
  },
  {
    name: "GIF with partial images",
    param: "partial_images",
    call: ({ sdk }) =>
      sdk.images.generate({ model: FLARE, prompt: "x", output_format: "gif", partial_images: 2 }),
  },
  {
    name: "GIF with a mask",
    param: "mask",
    call: async (ctx) =>
      ctx.sdk.images.edit({
        model: FLARE,
        prompt: "x",
        output_format: "gif",
        image: await png(ctx, solidPng(64, 64, { r: 9, g: 9, b: 9 }), "in.png"),
        mask: await png(ctx, markupPng(64, 64), "mask.png"),
      }),
  },
  {
    name: "GIF with output_compression",
    param: "output_compression",
    call: ({ sdk }) =>
      sdk.images.generate({ model: FLARE, prompt: "x", output_format: "gif", output_compression: 50 }),
  },
  {
    name: "frame_count without GIF",
    param: "frame_count",
    call: ({ sdk }) =>
      sdk.images.generate({ model: FLARE, prompt: "x", output_format: "png", frame_count: 4 }),
  },
  {
    name: "SVG with n 2",
    param: "n",
    call: ({ sdk }) => sdk.images.generate({ model: FLARE, prompt: "x", output_format: "svg", n: 2 }),
  },
  {
    name: "SVG with stream",
    param: "stream",
    call: ({ sdk }) => sdk.images.generate({ model: FLARE, prompt: "x", output_format: "svg", stream: true }),
  },
  {
    name: "svg options without SVG output",
    param: "svg",
    call: ({ sdk }) => sdk.images.generate({ model: FLARE, prompt: "x", svg: { model: "svg-author-1" } }),
  },
  {
    name: "markup with a mask",
    param: "markup",
    call: async (ctx) =>
      ctx.sdk.images.edit({
        model: FLARE,
        prompt: "x",
        image: await png(ctx, solidPng(64, 64, { r: 9, g: 9, b: 9 }), "in.png"),
        mask: await png(ctx, markupPng(64, 64), "mask.png"),
        markup: await png(ctx, markupPng(64, 64), "markup.png"),
      }),
  },
  {
    name: "JPEG markup",
    param: "markup",
    call: async (ctx) =>
      ctx.sdk.images.edit({
        model: FLARE,
        prompt: "x",
        image: await png(ctx, solidPng(64, 64, { r: 9, g: 9, b: 9 }), "in.png"),
        markup: await ctx.toFile(
          await sharp(await markupPng(64, 64))
            .jpeg()
            .toBuffer(),
          "markup.jpg",
          {
            type: "image/jpeg",
          },
        ),
      }),
  },
  {
    name: "markup without transparent pixels",
    param: "markup",
    call: async (ctx) =>
      ctx.sdk.images.edit({
        model: FLARE,
        prompt: "x",
        image: await png(ctx, solidPng(64, 64, { r: 9, g: 9, b: 9 }), "in.png"),
        markup: await png(ctx, markupPng(64, 64, true), "markup.png"),
      }),
  },
  {
    name: "markup of another size than the first image",
    param: "markup",
    call: async (ctx) =>
      ctx.sdk.images.edit({
        model: FLARE,
        prompt: "x",
        image: await png(ctx, solidPng(64, 64, { r: 9, g: 9, b: 9 }), "in.png"),
        markup: await png(ctx, markupPng(32, 64), "markup.png"),
      }),
  },
];

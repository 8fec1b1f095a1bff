/**
 * The server's November 2026 outputs, unit by unit: GIF delays and frames, SVG documents for any
 * prompt, markup transparency, the usage formulas for the new qualities and formats, and what the
 * URL store serves them as.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FORMATS, validateRequest } from "../src/models/index.js";
import { encodeGif, gifDelay, MAX_GIF_DELAY_MS } from "../src/server/images/gif.js";
import { hasTransparentPixels, overlayMarkup } from "../src/server/images/markup.js";
import { renderScene } from "../src/server/images/scene.js";
import { sceneSvg, xmlText } from "../src/server/images/svg-output.js";
import { type ImagesServer, startImagesServer } from "../src/server/index.js";
import { GIF_PIXEL_BUDGET } from "../src/server/request-input.js";
import { createUrlStore } from "../src/server/url-store.js";
import { computeSvgUsage, computeUsage, imageOutputTokens } from "../src/server/usage.js";
import { markupPng } from "./support/sdk-scenarios.js";

describe("GIF", () => {
  it("delays are rounded to 10 ms (GIF counts centiseconds) and kept in what the encoder writes", () => {
    expect([gifDelay(200), gifDelay(204), gifDelay(205), gifDelay(0.4), gifDelay(-30)]).toEqual([
      200, 200, 210, 0, 0,
    ]);
    expect(gifDelay(655_350)).toBe(MAX_GIF_DELAY_MS);
  });

  it("encodes one frame per frame_count, each with the delay, each different", async () => {
    const raw = await renderScene({
      prompt: "top",
      width: 64,
      height: 48,
      transparent: false,
      detail: "low",
      seed: [],
    });
    const gif = await encodeGif(raw, { frames: 3, delayMs: 70, seed: [] });
    const meta = await sharp(gif, { animated: true }).metadata();
    expect({ pages: meta.pages, delay: meta.delay, loop: meta.loop, pageHeight: meta.pageHeight }).toEqual({
      pages: 3,
      delay: [70, 70, 70],
      loop: 0,
      pageHeight: 48,
    });
    const frames = await Promise.all([0, 1, 2].map((page) => sharp(gif, { page }).raw().toBuffer()));
    expect(frames[0]).not.toEqual(frames[1]);
    expect(frames[1]).not.toEqual(frames[2]);
  });
});

describe("SVG documents", () => {
  it("escape the prompt and drop what XML cannot hold, staying well-formed", () => {
    expect(xmlText(`a <b> & "c" 'd'`)).toBe("a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;");
    const nasty = "x\u0000y\u0008 <]]> &amp; \uD800 \u{1F9A6}\uFFFE";
    const doc = sceneSvg({
      prompt: nasty,
      width: 320,
      height: 160,
      transparent: false,
      detail: "max",
      seed: [],
    });
    expect(XMLValidator.validate(doc)).toBe(true);
    const svg = (
      new XMLParser({ ignoreAttributes: false, parseTagValue: false }).parse(doc) as {
        svg: Record<string, unknown>;
      }
    ).svg;
    expect(svg["@_viewBox"]).toBe("0 0 320 160");
    expect(svg.title).toBe("xy <]]> &amp;  \u{1F9A6}");
  });
});

describe("markup", () => {
  it("counts real transparent pixels, not the alpha channel's presence", async () => {
    expect(await hasTransparentPixels(await markupPng(8, 8))).toBe(true);
    expect(await hasTransparentPixels(await markupPng(8, 8, true))).toBe(false);
    const rgb = await sharp({ create: { width: 4, height: 4, channels: 3, background: "#123456" } })
      .png()
      .toBuffer();
    expect(await hasTransparentPixels(rgb)).toBe(false);
  });

  it("is drawn over the base where it is opaque, and leaves the rest alone", async () => {
    const base = { data: new Uint8Array(8 * 8 * 4).fill(100), width: 8, height: 8 };
    const out = await overlayMarkup(base, await markupPng(8, 8));
    expect([...out.data.subarray(0, 4)]).toEqual([255, 0, 0, 255]); // top-left: the red stroke
    const last = (8 * 8 - 1) * 4;
    expect([...out.data.subarray(last, last + 4)]).toEqual([100, 100, 100, 100]); // untouched
  });

  it("without transparent pixels is refused by the rules (the server supplies the fact)", () => {
    const info = { format: "png", width: 64, height: 64, hasAlpha: true, bytes: 100 } as const;
    const params = { model: "gpt-image-2.5-flare", prompt: "x", image: "i", markup: "m" };
    const images = (transparentPixels: boolean | undefined) => ({
      image: [info],
      markup: { ...info, transparentPixels },
    });
    expect(validateRequest("edit", params, images(true)).filter((i) => i.severity === "error")).toEqual([]);
    expect(validateRequest("edit", params, images(undefined)).filter((i) => i.severity === "error")).toEqual(
      [],
    );
    expect(validateRequest("edit", params, images(false))).toContainEqual(
      expect.objectContaining({
        param: "markup",
        severity: "error",
        message: expect.stringContaining("no transparent pixels"),
      }),
    );
  });
});

describe("usage of the new qualities and formats", () => {
  it("doubles per step above high, and counts every GIF frame", () => {
    expect(imageOutputTokens(1024, 1024, "xhigh")).toBe(2 * imageOutputTokens(1024, 1024, "high"));
    expect(imageOutputTokens(1024, 1024, "max")).toBe(2 * imageOutputTokens(1024, 1024, "xhigh"));
    const base = { prompt: "otter", width: 1024, height: 1024, quality: "low", count: 1 } as const;
    expect(computeUsage({ ...base, frames: 9 }).output_tokens).toBe(9 * computeUsage(base).output_tokens);
  });

  it("svg_usage: the input, a token per 4 characters of the document, reasoning by effort", () => {
    const usage = (effort: string | undefined) =>
      computeSvgUsage({ prompt: "12345678", documents: ["x".repeat(41)], effort, model: "m" });
    expect(usage("low")).toEqual({
      input_tokens: 2,
      output_tokens: 11,
      reasoning_tokens: 512,
      total_tokens: 525,
      model: "m",
    });
    expect(usage(undefined)).toEqual(usage("medium"));
    expect(usage("none").reasoning_tokens).toBe(0);
    expect(usage("max").reasoning_tokens).toBeGreaterThan(usage("xhigh").reasoning_tokens);
  });
});

describe("URL store", () => {
  it("serves each format with the MIME type and extension of the format table", () => {
    const store = createUrlStore({ ttlMs: 60_000, maxEntries: 10 });
    for (const format of ["gif", "svg", "jpeg"] as const) {
      const path = store.put(Buffer.from("x"), format);
      expect(path).toMatch(new RegExp(`\\.${FORMATS[format].ext}\\?se=`));
      const token = /\/files\/([^.]+)\./.exec(path)?.[1] ?? "";
      expect(store.get(token)).toMatchObject({ status: "ok", contentType: FORMATS[format].mime });
    }
  });
});

describe("the server's GIF budget", () => {
  let server: ImagesServer;
  beforeAll(async () => {
    server = await startImagesServer({ retired: "serve", maxPixels: 512 * 512 });
  });
  afterAll(() => server.close());

  it(`refuses more than ${GIF_PIXEL_BUDGET} × maxPixels over all frames, naming frame_count`, async () => {
    const gif = (frame_count: number) =>
      fetch(`${server.url}/images/generations`, {
        method: "POST",
        headers: { authorization: "Bearer test", "content-type": "application/json" },
        body: JSON.stringify({
          model: "gpt-image-2.5-flare",
          prompt: "x",
          size: "512x512",
          output_format: "gif",
          frame_count,
        }),
      });
    expect((await gif(GIF_PIXEL_BUDGET)).status).toBe(200);
    const refused = await gif(GIF_PIXEL_BUDGET + 1);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { param: string } }).error.param).toBe("frame_count");
    expect(server.specViolations).toEqual([]);
  });
});

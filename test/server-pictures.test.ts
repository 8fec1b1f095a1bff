import { describe, expect, it } from "vitest";
import { drawText, measureLine } from "../src/server/images/bitmap-font.js";
import { encodePicture } from "../src/server/images/pictures.js";
import { renderScene } from "../src/server/images/scene.js";
import { seededRng } from "../src/server/images/seed.js";
import { createLimiter, QUEUE_FULL } from "../src/server/limiter.js";
import { createUrlStore } from "../src/server/url-store.js";
import { computeUsage, imageInputTokens, imageOutputTokens } from "../src/server/usage.js";
import { describe as describeImage } from "./server-helpers.js";

describe("bitmap font", () => {
  it("draws lit cells for letters and nothing for spaces", () => {
    const { width, height } = measureLine("A B");
    expect(width).toBe(17);
    const px = new Uint8Array(width * height * 4);
    drawText(px, width, height, "A B", { x: 0, y: 0, scale: 1, color: [255, 255, 255, 255] });
    const lit = (x0: number, x1: number) => {
      let n = 0;
      for (let y = 0; y < height; y++)
        for (let x = x0; x < x1; x++) n += px[(y * width + x) * 4 + 3] === 255 ? 1 : 0;
      return n;
    };
    expect(lit(0, 5)).toBeGreaterThan(10); // A
    expect(lit(6, 11)).toBe(0); // space
    expect(lit(12, 17)).toBeGreaterThan(10); // B
  });

  it("draws lower case as upper case and unknown characters as '?'", () => {
    const draw = (text: string) => {
      const px = new Uint8Array(5 * 7 * 4);
      drawText(px, 5, 7, text, { x: 0, y: 0, scale: 1, color: [255, 255, 255, 255] });
      return px;
    };
    expect(draw("q")).toEqual(draw("Q"));
    expect(draw("λ")).toEqual(draw("?"));
    expect(draw("Q")).not.toEqual(draw("O"));
  });
});

describe("pictures", () => {
  it("are deterministic for the same seed and differ for another", async () => {
    const scene = (seed: unknown[]) =>
      renderScene({
        prompt: "a cute baby sea otter",
        width: 128,
        height: 96,
        transparent: false,
        detail: "low",
        seed,
      });
    const a = await scene([1]);
    expect(a.width * a.height * 4).toBe(a.data.length);
    expect((await scene([1])).data).toEqual(a.data);
    expect((await scene([2])).data).not.toEqual(a.data);
  });

  it("encode to the requested format, flattening alpha for jpeg and opaque", async () => {
    const raw = await renderScene({
      prompt: "balloon",
      width: 64,
      height: 64,
      transparent: true,
      detail: "low",
      seed: [],
    });
    expect(await describeImage((await encodePicture(raw, { format: "png" })).bytes)).toMatchObject({
      format: "png",
      hasAlpha: true,
    });
    expect(
      await describeImage((await encodePicture(raw, { format: "jpeg", compression: 0 })).bytes),
    ).toMatchObject({ format: "jpeg", hasAlpha: false });
    const opaque = await encodePicture(raw, { format: "webp", background: "opaque" });
    expect(opaque.transparent).toBe(false);
    expect(await describeImage(opaque.bytes)).toMatchObject({ format: "webp", hasAlpha: false });
  });

  it("seededRng is stable across runs", () => {
    const r = seededRng("otter", 1);
    expect([r.int(0, 1000), r.int(0, 1000), r.int(0, 1000)]).toEqual(
      ((s) => [s.int(0, 1000), s.int(0, 1000), s.int(0, 1000)])(seededRng("otter", 1)),
    );
    expect(seededRng("otter", 1).next()).not.toBe(seededRng("otter", 2).next());
  });
});

describe("usage formula", () => {
  it("reproduces the published output tokens for the standard sizes", () => {
    expect(imageOutputTokens(1024, 1024, "low")).toBe(272);
    expect(imageOutputTokens(1024, 1024, "medium")).toBe(1056);
    expect(imageOutputTokens(1024, 1024, "high")).toBe(4160);
    expect(imageOutputTokens(1536, 1024, "low")).toBe(408);
    expect(imageOutputTokens(1024, 1536, "medium")).toBe(1584);
    expect(imageOutputTokens(1536, 1024, "high")).toBe(6240);
  });

  it("counts input images in 512-px tiles after fitting into 1024x1024", () => {
    expect(imageInputTokens(256, 256)).toBe(65 + 129);
    expect(imageInputTokens(1024, 1024)).toBe(65 + 129 * 4);
    expect(imageInputTokens(2048, 1024)).toBe(65 + 129 * 2); // fits as 1024x512
  });

  it("adds text, images, n and partial images", () => {
    expect(
      computeUsage({
        prompt: "12345678",
        inputImages: [{ width: 256, height: 256 }],
        width: 1024,
        height: 1024,
        quality: "low",
        count: 2,
        partialImages: 1,
      }),
    ).toEqual({
      input_tokens: 2 + 194,
      input_tokens_details: { text_tokens: 2, image_tokens: 194 },
      output_tokens: 2 * (272 + 100),
      total_tokens: 196 + 744,
      output_tokens_details: { image_tokens: 744, text_tokens: 0 },
    });
  });
});

describe("limiter", () => {
  it("runs at most `max` jobs, queues `maxQueue`, refuses the rest", async () => {
    const limit = createLimiter(1, 1);
    let release: () => void = () => {};
    const first = limit.run(() => new Promise<string>((r) => (release = () => r("first"))));
    const second = limit.run(async () => "second");
    await expect(limit.run(async () => "third")).rejects.toThrow(QUEUE_FULL);
    expect([limit.active, limit.waiting]).toEqual([1, 1]);
    release();
    expect(await Promise.all([first, second])).toEqual(["first", "second"]);
    expect(limit.active).toBe(0);
  });
});

describe("URL store", () => {
  it("serves until expiry, then reports expired; unknown tokens are missing", () => {
    let now = 1000;
    const store = createUrlStore({ ttlMs: 60_000, maxEntries: 2, now: () => now });
    const path = store.put(Buffer.from("png"), "png");
    const token = /\/files\/([^.]+)\.png\?se=/.exec(path)?.[1] ?? "";
    expect(store.get(token)).toMatchObject({ status: "ok", contentType: "image/png" });
    now += 60_000;
    expect(store.get(token)).toEqual({ status: "expired" });
    expect(store.get("nope")).toEqual({ status: "missing" });
  });

  it("keeps only the newest entries", () => {
    const store = createUrlStore({ ttlMs: 60_000, maxEntries: 1 });
    const token = (p: string) => /\/files\/([^.]+)\./.exec(p)?.[1] ?? "";
    const a = token(store.put(Buffer.from("a"), "png"));
    const b = token(store.put(Buffer.from("b"), "webp"));
    expect(store.get(a).status).toBe("missing");
    expect(store.get(b).status).toBe("ok");
  });
});

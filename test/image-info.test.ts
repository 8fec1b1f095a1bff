import sharp from "sharp";
import { describe, expect, it, vi } from "vitest";
import { detectFormat, inspectImage } from "../src/image-info.js";
import { jpegBytes, pngBytes, webpBytes } from "./loopback.fixtures.js";

const solid = (channels: 3 | 4) =>
  sharp({ create: { width: 24, height: 12, channels, background: { r: 10, g: 20, b: 30, alpha: 0.5 } } });

describe("inspectImage on real encoder output (sharp)", () => {
  it.each([
    ["RGBA PNG", () => solid(4).png().toBuffer(), { format: "png", width: 24, height: 12, hasAlpha: true }],
    ["RGB PNG", () => solid(3).png().toBuffer(), { format: "png", width: 24, height: 12, hasAlpha: false }],
    [
      "palette PNG with transparency",
      () => solid(4).png({ palette: true }).toBuffer(),
      { format: "png", hasAlpha: true },
    ],
    ["JPEG", () => solid(3).jpeg().toBuffer(), { format: "jpeg", width: 24, height: 12, hasAlpha: false }],
    [
      "lossy WebP with alpha",
      () => solid(4).webp().toBuffer(),
      { format: "webp", width: 24, height: 12, hasAlpha: true },
    ],
    [
      "lossless WebP without alpha",
      () => solid(3).webp({ lossless: true }).toBuffer(),
      { format: "webp", hasAlpha: false },
    ],
    ["GIF", () => solid(3).gif().toBuffer(), { format: "gif", width: 24, height: 12 }],
  ])("%s", async (_name, make, expected) => {
    const bytes = await make();
    const info = await inspectImage(new Blob([new Uint8Array(bytes)]));
    expect(info).toMatchObject({ ...expected, bytes: bytes.length });
  });
});

describe("dimensions from each header kind the encoders write (sharp as the reference)", () => {
  // Odd sizes above 255 so that every byte of a multi-byte field matters.
  const picture = (channels: 3 | 4) =>
    sharp({
      create: { width: 517, height: 263, channels, background: { r: 200, g: 90, b: 30, alpha: 0.5 } },
    });
  it.each([
    ["baseline JPEG (SOF0)", () => picture(3).jpeg().toBuffer()],
    ["progressive JPEG (SOF2)", () => picture(3).jpeg({ progressive: true }).toBuffer()],
    [
      "JPEG with an ICC profile segment before its frame",
      () => picture(3).jpeg().withMetadata({ icc: "p3" }).toBuffer(),
    ],
    ["lossy WebP without alpha (VP8)", () => picture(3).webp().toBuffer()],
    ["lossy WebP with alpha (VP8X)", () => picture(4).webp().toBuffer()],
    ["lossless WebP (VP8L)", () => picture(4).webp({ lossless: true }).toBuffer()],
    ["GIF", () => picture(3).gif().toBuffer()],
    ["PNG", () => picture(4).png().toBuffer()],
  ])("%s", async (_name, make) => {
    const bytes = await make();
    const meta = await sharp(bytes).metadata();
    const info = await inspectImage(new Blob([new Uint8Array(bytes)]));
    expect({ width: info.width, height: info.height }).toEqual({ width: meta.width, height: meta.height });
    expect(info.width).toBe(517);
  });

  it("a header cut before its size fields gives the format without dimensions", async () => {
    // Each cut keeps the magic bytes and stops before the width and height fields.
    for (const [bytes, cut] of [
      [await picture(4).png().toBuffer(), 20],
      [await picture(3).jpeg().toBuffer(), 16],
      [await picture(3).webp().toBuffer(), 24],
      [await picture(3).gif().toBuffer(), 8],
    ] as const) {
      const info = await inspectImage(new Blob([new Uint8Array(bytes.subarray(0, cut))]));
      expect(info.format).not.toBe("unknown");
      expect(info).not.toHaveProperty("width");
    }
  });
});

describe("inspectImage on hand-made headers", () => {
  it("PNG colour types: 4 and 6 have alpha, 0/2/3 only with a tRNS chunk before IDAT", async () => {
    const alpha = async (o: Parameters<typeof pngBytes>[0]) =>
      (await inspectImage(new Blob([pngBytes(o)]))).hasAlpha;
    expect(await alpha({ colourType: 6 })).toBe(true);
    expect(await alpha({ colourType: 4 })).toBe(true);
    expect(await alpha({ colourType: 2 })).toBe(false);
    expect(await alpha({ colourType: 0 })).toBe(false);
    expect(await alpha({ colourType: 3, tRNS: true })).toBe(true);
    expect(await alpha({ colourType: 2, tRNS: true })).toBe(true);
  });

  it("JPEG magic bytes; lossless WebP dimensions and the VP8L alpha bit", async () => {
    expect(await inspectImage(new Blob([jpegBytes(640, 480)]))).toMatchObject({
      format: "jpeg",
      hasAlpha: false,
    });
    expect(await inspectImage(new Blob([webpBytes(300, 200, false)]))).toMatchObject({
      format: "webp",
      width: 300,
      height: 200,
      hasAlpha: false,
    });
  });

  it("unknown bytes are `unknown` with their size, and nothing else", async () => {
    expect(await inspectImage(new Blob(["not an image"]))).toEqual({ format: "unknown", bytes: 12 });
    expect(detectFormat(new Uint8Array(0))).toBe("unknown");
  });

  it("reads only the head of a large file", async () => {
    const big = new Blob([pngBytes({ width: 4000, height: 3000 }), new Uint8Array(20 * 1024 * 1024)]);
    const slice = vi.spyOn(big, "slice");
    const info = await inspectImage(big);
    expect(info).toMatchObject({ format: "png", width: 4000, height: 3000, bytes: big.size });
    const read = slice.mock.calls.reduce((sum, [start = 0, end = big.size]) => sum + (end - start), 0);
    expect(read).toBeLessThanOrEqual(64 * 1024 + 8 * 10);
  });
});

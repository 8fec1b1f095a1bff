/** Shared fixtures of the server tests: small images made with sharp, and decoding helpers. */
import sharp from "sharp";

/** A solid-colour PNG (optionally with alpha). */
export function solidPng(
  width: number,
  height: number,
  color: { r: number; g: number; b: number; alpha?: number },
): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: { alpha: 1, ...color } } })
    .png()
    .toBuffer();
}

/** A PNG mask: opaque on the left half (keep), fully transparent on the right half (edit). */
export async function halfMask(width: number, height: number): Promise<Buffer> {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      data[i + 3] = x < width / 2 ? 255 : 0;
    }
  }
  return sharp(data, { raw: { width, height, channels: 4 } })
    .png()
    .toBuffer();
}

/** Format, size and alpha of an encoded image. */
export async function describe(
  bytes: Uint8Array,
): Promise<{ format: string; width: number; height: number; hasAlpha: boolean }> {
  const m = await sharp(bytes).metadata();
  return {
    format: m.format ?? "",
    width: m.width ?? 0,
    height: m.height ?? 0,
    hasAlpha: m.hasAlpha ?? false,
  };
}

/** The RGBA value of one pixel. */
export async function pixel(
  bytes: Uint8Array,
  x: number,
  y: number,
): Promise<[number, number, number, number]> {
  const { data, info } = await sharp(bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * 4;
  return [data[i] ?? 0, data[i + 1] ?? 0, data[i + 2] ?? 0, data[i + 3] ?? 0];
}

/** Mean of each RGB channel. */
export async function meanColor(bytes: Uint8Array): Promise<[number, number, number]> {
  const stats = await sharp(bytes).stats();
  return [stats.channels[0]?.mean ?? 0, stats.channels[1]?.mean ?? 0, stats.channels[2]?.mean ?? 0];
}

/** Decodes a base64 image. */
export function b64(data: string | undefined): Buffer {
  if (!data) throw new Error("no b64_json in the response");
  return Buffer.from(data, "base64");
}

/** Splits an SSE body into `{ event, data }` records. */
export function parseSse(text: string): Array<{ event: string; data: unknown }> {
  return text
    .split("\n\n")
    .filter((block) => block.trim().length > 0)
    .map((block) => {
      const lines = block.split("\n");
      const event = lines.find((l) => l.startsWith("event: "))?.slice(7) ?? "";
      const data = lines
        .filter((l) => l.startsWith("data: "))
        .map((l) => l.slice(6))
        .join("\n");
      return { event, data: JSON.parse(data) as unknown };
    });
}

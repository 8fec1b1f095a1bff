/**
 * The pictures the local server returns. They are not art, but they are real images: the requested
 * size and format, deterministic for a request (seeded from its prompt and parameters), recognisably
 * about the prompt (its words are drawn on them with a built-in bitmap font, and a few words pick the
 * colours), and for edits and variations visibly made from the uploaded images.
 */
import { sharp } from "../peers.js";
import { decodeTo, decoding, imageParam } from "./decode.js";
import { overlayMarkup } from "./markup.js";
import { drawCaption, hsl, type RawImage, renderScene, type SceneOptions } from "./scene.js";
import { seededRng } from "./seed.js";

export type { RawImage } from "./scene.js";

/** An encoded output format. */
export type PictureFormat = "png" | "jpeg" | "webp";

/** How a picture is encoded. */
export interface EncodeOptions {
  format: PictureFormat;
  /** Encoder quality in percent (`output_compression`): 100 is the best quality and the largest file. */
  compression?: number | undefined;
  /** `"opaque"` flattens any transparency onto white; otherwise PNG and WebP keep it. */
  background?: "transparent" | "opaque" | "auto" | undefined;
}

/** An encoded picture and whether it kept an alpha channel. */
export interface EncodedPicture {
  bytes: Buffer;
  transparent: boolean;
}

function hasTransparency(raw: RawImage): boolean {
  for (let i = 3; i < raw.data.length; i += 4) if ((raw.data[i] as number) < 255) return true;
  return false;
}

/**
 * Encodes RGBA pixels. JPEG has no alpha, and `background: "opaque"` asks for none, so those are
 * flattened onto white; PNG and WebP keep transparency when the pixels have any.
 */
export async function encodePicture(raw: RawImage, options: EncodeOptions): Promise<EncodedPicture> {
  const keepAlpha = options.format !== "jpeg" && options.background !== "opaque" && hasTransparency(raw);
  let img = sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: 4 } });
  if (!keepAlpha) img = img.flatten({ background: "#ffffff" });
  // Encoders take 1–100; `output_compression: 0` means "as small as possible".
  const quality = Math.min(100, Math.max(1, Math.round(options.compression ?? 100)));
  switch (options.format) {
    case "jpeg":
      img = img.jpeg({ quality });
      break;
    case "webp":
      img = img.webp({ quality, alphaQuality: 100, effort: 2 });
      break;
    case "png":
      img = img.png({ compressionLevel: 6 });
      break;
    default: {
      // A format added to PictureFormat without an encoder here fails to compile.
      const unknown: never = options.format;
      throw new Error(`No encoder for ${String(unknown)}.`);
    }
  }
  return { bytes: await img.toBuffer(), transparent: keepAlpha };
}

/** Options of {@link editPicture}. */
export interface EditOptions extends Omit<SceneOptions, "transparent"> {
  /** The uploaded images; the first is the one being edited. */
  images: readonly Uint8Array[];
  /** A PNG whose fully transparent pixels mark where the first image may change. */
  mask?: Uint8Array | undefined;
  /** A PNG overlaid on the first image before the edit (`markup`). */
  markup?: Uint8Array | undefined;
  transparent: boolean;
}

/**
 * An edit: the first image (with the markup drawn over it, when there is one), changed where the mask
 * is transparent (everywhere, more gently, without a mask) by a new scene for the prompt; the other
 * images appear as thumbnails in the new content. Where the mask is opaque the first image's pixels
 * are kept as they were.
 */
export async function editPicture(options: EditOptions): Promise<RawImage> {
  const { width, height } = options;
  const [first, ...others] = options.images;
  if (!first) throw new Error("editPicture needs at least one image");
  const count = options.images.length;
  const decoded = await decodeTo(first, width, height, imageParam(0, count));
  const base = options.markup ? await overlayMarkup(decoded, options.markup) : decoded;
  const layer = await renderScene({ ...options, seed: ["edit", ...options.seed] });
  const thumb = Math.max(8, Math.round(Math.min(width, height) / 6));
  const margin = Math.max(2, Math.round(thumb / 8));
  for (const [i, img] of others.entries()) {
    const small = await decodeTo(img, thumb, thumb, imageParam(i + 1, count));
    const left = margin + i * (thumb + margin);
    const top = margin + Math.floor(left / width) * (thumb + margin);
    paste(layer, small, left % width, top);
  }
  const out = new Uint8Array(base.data.length);
  if (options.mask) {
    const mask = options.mask;
    const maskAlpha = await decoding("mask", () =>
      sharp(mask).resize(width, height, { fit: "fill" }).ensureAlpha().extractChannel(3).raw().toBuffer(),
    );
    for (let p = 0; p < width * height; p++) {
      const keep = (maskAlpha[p] as number) / 255;
      for (let c = 0; c < 4; c++) {
        const i = p * 4 + c;
        out[i] = Math.round((base.data[i] as number) * keep + (layer.data[i] as number) * (1 - keep));
      }
    }
    return { data: out, width, height };
  }
  // Without a mask the whole image is edited: the new scene shows through the original at 45%.
  for (let p = 0; p < width * height; p++) {
    const i = p * 4;
    const a = (0.45 * (layer.data[i + 3] as number)) / 255;
    for (let c = 0; c < 3; c++) {
      out[i + c] = Math.round((base.data[i + c] as number) * (1 - a) + (layer.data[i + c] as number) * a);
    }
    out[i + 3] = base.data[i + 3] as number;
  }
  const edited = { data: out, width, height };
  drawCaption(edited, options.prompt, seededRng("caption", options.prompt, options.seed));
  return edited;
}

function paste(target: RawImage, src: RawImage, left: number, top: number): void {
  for (let y = 0; y < src.height; y++) {
    const ty = top + y;
    if (ty < 0 || ty >= target.height) continue;
    for (let x = 0; x < src.width; x++) {
      const tx = left + x;
      if (tx < 0 || tx >= target.width) continue;
      const si = (y * src.width + x) * 4;
      const ti = (ty * target.width + tx) * 4;
      for (let c = 0; c < 4; c++) target.data[ti + c] = src.data[si + c] as number;
    }
  }
}

/**
 * A variation: the input recoloured, maybe mirrored, and overlaid with a few seeded shapes. Each
 * `index` gives a different, deterministic variation.
 */
export async function varyPicture(
  input: Uint8Array,
  width: number,
  height: number,
  seed: readonly unknown[],
): Promise<RawImage> {
  const rng = seededRng("variation", width, height, seed);
  let img = sharp(input)
    .resize(width, height, { fit: "cover" })
    .modulate({
      hue: rng.int(25, 335),
      saturation: 0.8 + rng.next() * 0.5,
      brightness: 0.85 + rng.next() * 0.3,
    });
  if (rng.next() < 0.5) img = img.flop();
  const shapes: string[] = [];
  for (let i = 0; i < 5; i++) {
    const r = rng.int(Math.round(width * 0.03), Math.round(width * 0.12));
    shapes.push(
      `<circle cx="${rng.int(0, width)}" cy="${rng.int(0, height)}" r="${r}" fill="${hsl(rng.int(0, 359), 70, 60)}" fill-opacity="0.45"/>`,
    );
  }
  const overlay = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${shapes.join("")}</svg>`,
  );
  const data = await decoding("image", () =>
    img
      .composite([{ input: overlay }])
      .ensureAlpha()
      .raw()
      .toBuffer(),
  );
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width, height };
}

/**
 * The partial images streamed before a final one: the final picture pixelated, coarse first and
 * finer with each step, so a client sees the image being "refined".
 */
export async function partialPictures(
  final: RawImage,
  count: number,
  options: EncodeOptions,
): Promise<EncodedPicture[]> {
  const out: EncodedPicture[] = [];
  for (let i = 0; i < count; i++) {
    const block = 2 ** (2 + count - i);
    const small = await sharp(final.data, { raw: { width: final.width, height: final.height, channels: 4 } })
      .resize(Math.max(1, Math.round(final.width / block)), Math.max(1, Math.round(final.height / block)))
      .raw()
      .toBuffer();
    const data = await sharp(small, {
      raw: {
        width: Math.max(1, Math.round(final.width / block)),
        height: Math.max(1, Math.round(final.height / block)),
        channels: 4,
      },
    })
      .resize(final.width, final.height, { kernel: "nearest" })
      .raw()
      .toBuffer();
    out.push(
      await encodePicture({ data: new Uint8Array(data), width: final.width, height: final.height }, options),
    );
  }
  return out;
}

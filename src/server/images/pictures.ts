/**
 * The pictures the local server returns. They are not art, but they are real images: the requested
 * size and format, deterministic for a request (seeded from its prompt and parameters), recognisably
 * about the prompt (its words are drawn on them with a built-in bitmap font, and a few words pick the
 * colours), and for edits and variations visibly made from the uploaded images.
 */
import { sharp } from "../peers.js";
import { drawText, fillRect, GLYPH_CELLS, measureLine } from "./bitmap-font.js";
import { type Rng, seededRng } from "./seed.js";

/** Uncompressed RGBA pixels. */
export interface RawImage {
  data: Uint8Array;
  width: number;
  height: number;
}

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

/** What a scene is drawn from. */
export interface SceneOptions {
  prompt: string;
  width: number;
  height: number;
  /** Leave everything but the subject and the caption fully transparent. */
  transparent: boolean;
  /** More shapes for higher quality settings. */
  detail: "low" | "medium" | "high";
  /** Everything else that should change the picture (model, index among `n`, …). */
  seed: readonly unknown[];
}

// A few words steer the colours so that pictures look a little like what they describe.
const HUE_WORDS: ReadonlyArray<[RegExp, number]> = [
  [/\b(sea|ocean|water|river|lake|sky|blue|wave|rain)/i, 205],
  [/\b(forest|tree|grass|leaf|green|garden|frog|jungle)/i, 120],
  [/\b(fire|sun|sunset|orange|lava|autumn|fox)/i, 25],
  [/\b(otter|bear|wood|coffee|brown|dog|horse|bread)/i, 30],
  [/\b(rose|pink|flamingo|love|heart|cherry)/i, 335],
  [/\b(night|space|galaxy|purple|violet|star|moon)/i, 265],
  [/\b(snow|ice|winter|cloud|white|polar)/i, 195],
  [/\b(gold|yellow|banana|lemon|sand|desert|cat)/i, 48],
  [/\b(red|apple|strawberry|tomato|dragon)/i, 2],
];

function promptHue(prompt: string, rng: Rng): number {
  for (const [pattern, hue] of HUE_WORDS)
    if (pattern.test(prompt)) return (hue + rng.int(-12, 12) + 360) % 360;
  return rng.int(0, 359);
}

function hsl(h: number, s: number, l: number): string {
  return `hsl(${Math.round(h)}, ${Math.round(s)}%, ${Math.round(l)}%)`;
}

/** Renders an SVG made only of shapes (no `<text>`: that needs fonts) into RGBA pixels. */
async function rasterize(svg: string): Promise<RawImage> {
  const { data, info } = await sharp(Buffer.from(svg))
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    width: info.width,
    height: info.height,
  };
}

/**
 * Draws the seeded background, shapes and subject of a scene, then the prompt as a caption.
 *
 * @example
 * const raw = await renderScene({ prompt: "otter", width: 256, height: 256, transparent: false, detail: "low", seed: [] });
 */
export async function renderScene(options: SceneOptions): Promise<RawImage> {
  const { width: w, height: h, prompt } = options;
  const rng = seededRng("scene", prompt, w, h, options.transparent, options.detail, options.seed);
  const hue = promptHue(prompt, rng);
  const shapes = { low: 6, medium: 12, high: 20 }[options.detail];
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">`,
    `<defs><linearGradient id="bg" x1="0" y1="0" x2="${rng.next().toFixed(2)}" y2="1">`,
    `<stop offset="0" stop-color="${hsl(hue, 55, 78)}"/><stop offset="1" stop-color="${hsl(hue + rng.int(20, 70), 60, 38)}"/>`,
    "</linearGradient></defs>",
  ];
  if (!options.transparent) parts.push(`<rect width="${w}" height="${h}" fill="url(#bg)"/>`);
  const shortSide = Math.min(w, h);
  const shapesGroup: string[] = [];
  for (let i = 0; i < shapes; i++) {
    const cx = rng.int(0, w);
    const cy = rng.int(0, h);
    const r = rng.int(Math.round(shortSide * 0.03), Math.round(shortSide * 0.18));
    const fill = hsl(hue + rng.int(-60, 60), rng.int(40, 80), rng.int(35, 80));
    const opacity = (0.35 + rng.next() * 0.5).toFixed(2);
    shapesGroup.push(
      rng.next() < 0.6
        ? `<circle cx="${cx}" cy="${cy}" r="${r}" fill="${fill}" fill-opacity="${opacity}"/>`
        : `<rect x="${cx - r}" y="${cy - r}" width="${r * 2}" height="${Math.round(r * 1.3)}" rx="${Math.round(r / 4)}" fill="${fill}" fill-opacity="${opacity}"/>`,
    );
  }
  // On a transparent background the shapes stay inside the subject so that the corners stay clear.
  if (options.transparent) {
    parts.push(
      `<clipPath id="subject"><ellipse cx="${w / 2}" cy="${h * 0.42}" rx="${w * 0.3}" ry="${h * 0.28}"/></clipPath>`,
    );
  }
  parts.push(
    `<ellipse cx="${w / 2}" cy="${h * 0.42}" rx="${w * 0.3}" ry="${h * 0.28}" fill="${hsl(hue + 180, 45, 55)}"/>`,
    `<g${options.transparent ? ' clip-path="url(#subject)"' : ""}>${shapesGroup.join("")}</g>`,
    "</svg>",
  );
  const raw = await rasterize(parts.join(""));
  drawCaption(raw, prompt, rng);
  return raw;
}

/** The prompt as it is drawn: shortened, because a 32000-character prompt cannot fit on a picture. */
function captionText(prompt: string): string {
  const flat = prompt.replace(/\s+/g, " ").trim() || "(empty prompt)";
  return flat.length > 80 ? `${flat.slice(0, 77).trimEnd()}...` : flat;
}

/** Greedy word wrap to lines of at most `maxChars` characters (long words are cut). */
function wrap(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    for (let rest = word; rest.length > 0; rest = rest.slice(maxChars)) {
      const piece = rest.slice(0, maxChars);
      if (line.length === 0) line = piece;
      else if (line.length + 1 + piece.length <= maxChars) line = `${line} ${piece}`;
      else {
        lines.push(line);
        line = piece;
      }
    }
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

/**
 * Writes the prompt onto the lower part of a picture on a dark panel, at the largest scale that fits
 * 86% of the width and 40% of the height.
 */
export function drawCaption(raw: RawImage, prompt: string, rng: Rng): void {
  const text = captionText(prompt);
  const cellW = GLYPH_CELLS.width + 1;
  const lineCells = GLYPH_CELLS.height + 3;
  let scale = Math.max(1, Math.floor((raw.width * 0.86) / (cellW * 10)));
  let lines = wrap(text, Math.max(1, Math.floor((raw.width * 0.86) / (cellW * scale))));
  while (scale > 1 && lines.length * lineCells * scale > raw.height * 0.4) {
    scale--;
    lines = wrap(text, Math.max(1, Math.floor((raw.width * 0.86) / (cellW * scale))));
  }
  const blockH = lines.length * lineCells * scale;
  const blockW = Math.max(...lines.map((l) => measureLine(l).width)) * scale;
  const pad = 2 * scale;
  const top = Math.round(raw.height * 0.78 - blockH / 2);
  const panelTop = Math.max(0, Math.min(raw.height - blockH - 2 * pad, top - pad));
  const panelLeft = Math.round((raw.width - blockW) / 2) - pad;
  fillRect(
    raw.data,
    raw.width,
    raw.height,
    panelLeft,
    panelTop,
    blockW + 2 * pad,
    blockH + pad,
    [15, 15, 25, 215],
  );
  const ink: [number, number, number, number] = [255, 255, rng.int(200, 255), 255];
  lines.forEach((line, i) => {
    const lineW = measureLine(line).width * scale;
    drawText(raw.data, raw.width, raw.height, line, {
      x: Math.round((raw.width - lineW) / 2),
      y: panelTop + pad + i * lineCells * scale,
      scale,
      color: ink,
    });
  });
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
  if (options.format === "jpeg") img = img.jpeg({ quality });
  else if (options.format === "webp") img = img.webp({ quality, alphaQuality: 100, effort: 2 });
  else img = img.png({ compressionLevel: 6 });
  return { bytes: await img.toBuffer(), transparent: keepAlpha };
}

/**
 * An upload sharp could read the header of but not decode (a truncated or corrupt file): the
 * client's fault, not the server's. `param` names the upload as the API would (`image[1]`, `mask`).
 */
export class UnreadableImageError extends Error {
  override name = "UnreadableImageError";
  readonly param: string;
  constructor(param: string, cause: unknown) {
    super(`The ${param} could not be decoded: ${(cause as Error).message ?? String(cause)}`, { cause });
    this.param = param;
  }
}

/** The API's name for the `index`-th of `count` uploaded images. */
export function imageParam(index: number, count: number): string {
  return count > 1 ? `image[${index}]` : "image";
}

/** Runs a decode of an upload, turning sharp's failure into an {@link UnreadableImageError}. */
async function decoding<T>(param: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (cause) {
    throw new UnreadableImageError(param, cause);
  }
}

/** Decodes any image sharp reads into RGBA pixels covering `width`×`height` (centre crop). */
export async function decodeTo(
  input: Uint8Array,
  width: number,
  height: number,
  param = "image",
): Promise<RawImage> {
  const data = await decoding(param, () =>
    sharp(input).resize(width, height, { fit: "cover" }).ensureAlpha().raw().toBuffer(),
  );
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width, height };
}

/** Options of {@link editPicture}. */
export interface EditOptions extends Omit<SceneOptions, "transparent"> {
  /** The uploaded images; the first is the one being edited. */
  images: readonly Uint8Array[];
  /** A PNG whose fully transparent pixels mark where the first image may change. */
  mask?: Uint8Array | undefined;
  transparent: boolean;
}

/**
 * An edit: the first image, changed where the mask is transparent (everywhere, more gently, without
 * a mask) by a new scene for the prompt; the other images appear as thumbnails in the new content.
 * Where the mask is opaque the first image's pixels are kept as they were.
 */
export async function editPicture(options: EditOptions): Promise<RawImage> {
  const { width, height } = options;
  const [first, ...others] = options.images;
  if (!first) throw new Error("editPicture needs at least one image");
  const count = options.images.length;
  const base = await decodeTo(first, width, height, imageParam(0, count));
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

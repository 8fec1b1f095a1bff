/**
 * The scene the local server draws for a prompt: a seeded background, shapes and a subject, with the
 * prompt as a caption. The same scene is rasterized for PNG, JPEG, WebP and GIF output and written
 * as vector markup for SVG output, so every format shows the same picture.
 */
import { sharp } from "../peers.js";
import type { UsageQuality } from "../usage.js";
import { drawText, fillRect, GLYPH_CELLS, measureLine } from "./bitmap-font.js";
import { type Rng, seededRng } from "./seed.js";

/** Uncompressed RGBA pixels. */
export interface RawImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/**
 * How much detail a scene has, per rendering quality: `shapes` seeded shapes, and for the qualities
 * above `high` a layer of fine shapes (`finePerMegapixel` of them per 1024² pixels, at most
 * `fineRadius` of the short side each) — the visibly higher detail that `xhigh` and `max` pay for.
 */
export const DETAIL = {
  low: { shapes: 6, finePerMegapixel: 0, fineRadius: 0 },
  medium: { shapes: 12, finePerMegapixel: 0, fineRadius: 0 },
  high: { shapes: 20, finePerMegapixel: 0, fineRadius: 0 },
  xhigh: { shapes: 20, finePerMegapixel: 700, fineRadius: 0.012 },
  max: { shapes: 20, finePerMegapixel: 2000, fineRadius: 0.008 },
} as const satisfies Record<UsageQuality, { shapes: number; finePerMegapixel: number; fineRadius: number }>;

/** A detail level of {@link DETAIL}: the rendering qualities the usage formula bills. */
export type Detail = keyof typeof DETAIL;

/** What a scene is drawn from. */
export interface SceneOptions {
  prompt: string;
  width: number;
  height: number;
  /** Leave everything but the subject and the caption fully transparent. */
  transparent: boolean;
  /** More shapes for higher quality settings. */
  detail: Detail;
  /** Everything else that should change the picture (model, index among `n`, …). */
  seed: readonly unknown[];
}

/** A scene as SVG elements (shapes only), and the generator that drew it, for the caption after it. */
export interface SceneMarkup {
  /** The elements inside `<svg>`: gradient, background, subject, shapes. */
  body: string;
  rng: Rng;
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

/** A CSS `hsl()` colour. */
export function hsl(h: number, s: number, l: number): string {
  return `hsl(${Math.round(h)}, ${Math.round(s)}%, ${Math.round(l)}%)`;
}

/** The opening tag of a `width`×`height` SVG document whose viewBox is its size. */
export function svgOpen(width: number, height: number): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`;
}

/**
 * The seeded background, subject and shapes of a scene, as SVG elements. Deterministic: the same
 * options give the same markup (and leave the generator in the same state for the caption).
 */
export function sceneMarkup(options: SceneOptions): SceneMarkup {
  const { width: w, height: h, prompt } = options;
  const rng = seededRng("scene", prompt, w, h, options.transparent, options.detail, options.seed);
  const hue = promptHue(prompt, rng);
  const detail = DETAIL[options.detail];
  const parts: string[] = [
    `<defs><linearGradient id="bg" x1="0" y1="0" x2="${rng.next().toFixed(2)}" y2="1">`,
    `<stop offset="0" stop-color="${hsl(hue, 55, 78)}"/><stop offset="1" stop-color="${hsl(hue + rng.int(20, 70), 60, 38)}"/>`,
    "</linearGradient></defs>",
  ];
  if (!options.transparent) parts.push(`<rect width="${w}" height="${h}" fill="url(#bg)"/>`);
  const shortSide = Math.min(w, h);
  const shapesGroup: string[] = [];
  for (let i = 0; i < detail.shapes; i++) {
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
  // Fine detail: many small, crisp, high-contrast shapes, so that the extra detail shows.
  const fine = Math.round((detail.finePerMegapixel * w * h) / (1024 * 1024));
  const fineMax = Math.max(1, Math.round(shortSide * detail.fineRadius));
  for (let i = 0; i < fine; i++) {
    const cx = rng.int(0, w);
    const cy = rng.int(0, h);
    const r = rng.int(1, fineMax);
    const fill = hsl(hue + rng.int(-90, 90), rng.int(50, 95), rng.pick([15, 30, 70, 88]));
    shapesGroup.push(
      rng.next() < 0.5
        ? `<circle cx="${cx}" cy="${cy}" r="${r}" fill="${fill}"/>`
        : `<rect x="${cx - r}" y="${cy - r}" width="${r * 2}" height="${r * 2}" fill="${fill}"/>`,
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
  );
  return { body: parts.join(""), rng };
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
  const { body, rng } = sceneMarkup(options);
  const raw = await rasterize(`${svgOpen(options.width, options.height)}${body}</svg>`);
  drawCaption(raw, options.prompt, rng);
  return raw;
}

/** The prompt as it is drawn: shortened, because a 32000-character prompt cannot fit on a picture. */
export function captionText(prompt: string): string {
  const flat = prompt.replace(/\s+/g, " ").trim() || "(empty prompt)";
  return flat.length > 80 ? `${flat.slice(0, 77).trimEnd()}...` : flat;
}

/** Greedy word wrap to lines of at most `maxChars` characters (long words are cut). */
export function wrap(text: string, maxChars: number): string[] {
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

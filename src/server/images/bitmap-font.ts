/**
 * A tiny built-in 5×7 bitmap font, so the server can write the prompt onto its pictures on machines
 * without any system fonts (fresh CI images often have none, and SVG `<text>` then renders nothing).
 * Letters are upper case only; lower case is drawn upper case. Unknown characters draw as `?`.
 */

const GLYPH_WIDTH = 5;
const GLYPH_HEIGHT = 7;

// Each glyph is seven rows of five cells, `#` lit; rows are separated by spaces for readability.
const GLYPHS: Record<string, string> = {
  " ": "..... ..... ..... ..... ..... ..... .....",
  A: ".###. #...# #...# ##### #...# #...# #...#",
  B: "####. #...# #...# ####. #...# #...# ####.",
  C: ".###. #...# #.... #.... #.... #...# .###.",
  D: "###.. #..#. #...# #...# #...# #..#. ###..",
  E: "##### #.... #.... ####. #.... #.... #####",
  F: "##### #.... #.... ####. #.... #.... #....",
  G: ".###. #...# #.... #.### #...# #...# .####",
  H: "#...# #...# #...# ##### #...# #...# #...#",
  I: ".###. ..#.. ..#.. ..#.. ..#.. ..#.. .###.",
  J: "..### ...#. ...#. ...#. ...#. #..#. .##..",
  K: "#...# #..#. #.#.. ##... #.#.. #..#. #...#",
  L: "#.... #.... #.... #.... #.... #.... #####",
  M: "#...# ##.## #.#.# #.#.# #...# #...# #...#",
  N: "#...# #...# ##..# #.#.# #..## #...# #...#",
  O: ".###. #...# #...# #...# #...# #...# .###.",
  P: "####. #...# #...# ####. #.... #.... #....",
  Q: ".###. #...# #...# #...# #.#.# #..#. .##.#",
  R: "####. #...# #...# ####. #.#.. #..#. #...#",
  S: ".#### #.... #.... .###. ....# ....# ####.",
  T: "##### ..#.. ..#.. ..#.. ..#.. ..#.. ..#..",
  U: "#...# #...# #...# #...# #...# #...# .###.",
  V: "#...# #...# #...# #...# #...# .#.#. ..#..",
  W: "#...# #...# #...# #.#.# #.#.# #.#.# .#.#.",
  X: "#...# #...# .#.#. ..#.. .#.#. #...# #...#",
  Y: "#...# #...# .#.#. ..#.. ..#.. ..#.. ..#..",
  Z: "##### ....# ...#. ..#.. .#... #.... #####",
  "0": ".###. #...# #..## #.#.# ##..# #...# .###.",
  "1": "..#.. .##.. ..#.. ..#.. ..#.. ..#.. .###.",
  "2": ".###. #...# ....# ...#. ..#.. .#... #####",
  "3": "####. ....# ....# .###. ....# ....# ####.",
  "4": "...#. ..##. .#.#. #..#. ##### ...#. ...#.",
  "5": "##### #.... ####. ....# ....# #...# .###.",
  "6": "..##. .#... #.... ####. #...# #...# .###.",
  "7": "##### ....# ...#. ..#.. .#... .#... .#...",
  "8": ".###. #...# #...# .###. #...# #...# .###.",
  "9": ".###. #...# #...# .#### ....# ...#. .##..",
  ".": "..... ..... ..... ..... ..... .##.. .##..",
  ",": "..... ..... ..... ..... .##.. ..#.. .#...",
  "!": "..#.. ..#.. ..#.. ..#.. ..#.. ..... ..#..",
  "?": ".###. #...# ....# ...#. ..#.. ..... ..#..",
  "'": "..#.. ..#.. .#... ..... ..... ..... .....",
  '"': ".#.#. .#.#. ..... ..... ..... ..... .....",
  "-": "..... ..... ..... .###. ..... ..... .....",
  "+": "..... ..#.. ..#.. ##### ..#.. ..#.. .....",
  "=": "..... ..... ##### ..... ##### ..... .....",
  ":": "..... .##.. .##.. ..... .##.. .##.. .....",
  ";": "..... .##.. .##.. ..... .##.. ..#.. .#...",
  "(": "...#. ..#.. .#... .#... .#... ..#.. ...#.",
  ")": ".#... ..#.. ...#. ...#. ...#. ..#.. .#...",
  "/": "....# ...#. ...#. ..#.. .#... .#... #....",
  "&": ".##.. #..#. #.#.. .#... #.#.# #..#. .##.#",
  "#": ".#.#. .#.#. ##### .#.#. ##### .#.#. .#.#.",
  "%": "##..# ##.#. ...#. ..#.. .#... .#.## #..##",
  "*": "..... #.#.# .###. ##### .###. #.#.# .....",
  _: "..... ..... ..... ..... ..... ..... #####",
  "@": ".###. #...# #.### #.#.# #.### #.... .###.",
  "<": "...#. ..#.. .#... #.... .#... ..#.. ...#.",
  ">": ".#... ..#.. ...#. ....# ...#. ..#.. .#...",
};

/** Lit cells of each glyph, decoded once: `bits[row * 5 + col]`. */
const DECODED = new Map<string, Uint8Array>(
  Object.entries(GLYPHS).map(([ch, rows]) => {
    const cells = rows.replaceAll(" ", "");
    if (cells.length !== GLYPH_WIDTH * GLYPH_HEIGHT) throw new Error(`bitmap font: glyph ${ch} is malformed`);
    const bits = new Uint8Array(GLYPH_WIDTH * GLYPH_HEIGHT);
    for (let i = 0; i < bits.length; i++) bits[i] = cells[i] === "#" ? 1 : 0;
    return [ch, bits];
  }),
);

/** The glyph drawn for a character (upper-cased; `?` when the font has none). */
function glyphFor(ch: string): Uint8Array {
  return DECODED.get(ch.toUpperCase()) ?? (DECODED.get("?") as Uint8Array);
}

/** Width and height in cells of one line of text: one blank column between glyphs. */
export function measureLine(text: string): { width: number; height: number } {
  const n = [...text].length;
  return { width: n === 0 ? 0 : n * (GLYPH_WIDTH + 1) - 1, height: GLYPH_HEIGHT };
}

/** Options of {@link drawText}. */
export interface DrawTextOptions {
  /** Left edge in pixels. */
  x: number;
  /** Top edge in pixels. */
  y: number;
  /** Pixels per font cell. */
  scale: number;
  /** RGBA colour of lit cells. */
  color: readonly [number, number, number, number];
}

/**
 * Draws one line of text into an RGBA pixel buffer (`width` pixels per row, 4 bytes per pixel).
 * Pixels outside the buffer are clipped.
 *
 * @example
 * const px = new Uint8Array(64 * 16 * 4);
 * drawText(px, 64, 16, "OTTER", { x: 1, y: 1, scale: 2, color: [255, 255, 255, 255] });
 */
export function drawText(
  pixels: Uint8Array,
  width: number,
  height: number,
  text: string,
  options: DrawTextOptions,
): void {
  const { x, y, scale, color } = options;
  let penX = x;
  for (const ch of text) {
    const bits = glyphFor(ch);
    for (let row = 0; row < GLYPH_HEIGHT; row++) {
      for (let col = 0; col < GLYPH_WIDTH; col++) {
        if (bits[row * GLYPH_WIDTH + col] === 0) continue;
        fillRect(pixels, width, height, penX + col * scale, y + row * scale, scale, scale, color);
      }
    }
    penX += (GLYPH_WIDTH + 1) * scale;
  }
}

/** Fills a rectangle of an RGBA buffer with a colour, alpha-blending over what is there. */
export function fillRect(
  pixels: Uint8Array,
  width: number,
  height: number,
  left: number,
  top: number,
  w: number,
  h: number,
  color: readonly [number, number, number, number],
): void {
  const x0 = Math.max(0, Math.floor(left));
  const y0 = Math.max(0, Math.floor(top));
  const x1 = Math.min(width, Math.floor(left + w));
  const y1 = Math.min(height, Math.floor(top + h));
  const [r, g, b, a] = color;
  const alpha = a / 255;
  for (let py = y0; py < y1; py++) {
    for (let px = x0; px < x1; px++) {
      const i = (py * width + px) * 4;
      const under = (pixels[i + 3] as number) / 255;
      const outA = alpha + under * (1 - alpha);
      if (outA === 0) continue;
      pixels[i] = Math.round((r * alpha + (pixels[i] as number) * under * (1 - alpha)) / outA);
      pixels[i + 1] = Math.round((g * alpha + (pixels[i + 1] as number) * under * (1 - alpha)) / outA);
      pixels[i + 2] = Math.round((b * alpha + (pixels[i + 2] as number) * under * (1 - alpha)) / outA);
      pixels[i + 3] = Math.round(outA * 255);
    }
  }
}

/** Cells of a font glyph, for layout: width and height in cells. */
export const GLYPH_CELLS = { width: GLYPH_WIDTH, height: GLYPH_HEIGHT } as const;

/**
 * GIF output: the picture as a real animated GIF (sharp's encoder), one frame per `frame_count`, each
 * shown for `frame_duration_ms`. Each frame is the picture with a marker a step further along an orbit
 * around the subject, so the animation is visible and every frame differs.
 */
import { sharp } from "../peers.js";
import type { RawImage } from "./scene.js";
import { seededRng } from "./seed.js";

/** What an animation is made of. */
export interface GifOptions {
  /** Frames (`frame_count`). */
  frames: number;
  /** Delay of each frame in ms, already rounded (see {@link gifDelay}). */
  delayMs: number;
  /** Seeds where the marker starts and its colour. */
  seed: readonly unknown[];
}

/**
 * The longest delay written: GIF stores centiseconds in 16 bits (655350 ms, the API's cap), but
 * sharp accepts delays up to 65535 ms only, so the local server caps at the last 10 ms below that.
 */
export const MAX_GIF_DELAY_MS = 65_530;

/**
 * A requested frame duration as GIF stores it: rounded to the nearest 10 ms (GIF counts
 * centiseconds), at least 0 and at most {@link MAX_GIF_DELAY_MS}.
 *
 * @example
 * gifDelay(204); // 200
 * gifDelay(205); // 210
 */
export function gifDelay(frameDurationMs: number): number {
  return Math.min(MAX_GIF_DELAY_MS, Math.max(0, Math.round(frameDurationMs / 10) * 10));
}

/** Paints a filled disc with a dark rim, clipped to the image. */
function disc(
  pixels: Uint8Array,
  width: number,
  height: number,
  cx: number,
  cy: number,
  radius: number,
  color: readonly [number, number, number],
): void {
  const rim = Math.max(1, radius * 0.2);
  for (let y = Math.max(0, Math.floor(cy - radius)); y <= Math.min(height - 1, cy + radius); y++) {
    for (let x = Math.max(0, Math.floor(cx - radius)); x <= Math.min(width - 1, cx + radius); x++) {
      const d = Math.hypot(x - cx, y - cy);
      if (d > radius) continue;
      const i = (y * width + x) * 4;
      const [r, g, b] = d > radius - rim ? [20, 20, 30] : color;
      pixels[i] = r;
      pixels[i + 1] = g;
      pixels[i + 2] = b;
      pixels[i + 3] = 255;
    }
  }
}

/**
 * Encodes `raw` as an animated GIF of `frames` frames, looping forever. GIF has one transparent
 * palette entry at most, and the API allows no transparent background with it: the picture is
 * flattened onto white first.
 *
 * @example
 * const gif = await encodeGif(raw, { frames: 9, delayMs: 200, seed: [] });
 * (await sharp(gif).metadata()).pages; // 9
 */
export async function encodeGif(raw: RawImage, options: GifOptions): Promise<Buffer> {
  const { width, height } = raw;
  const { frames } = options;
  const flat = await sharp(raw.data, { raw: { width, height, channels: 4 } })
    .flatten({ background: "#ffffff" })
    .ensureAlpha()
    .raw()
    .toBuffer();
  const frameBytes = width * height * 4;
  const all = Buffer.alloc(frameBytes * frames);
  const rng = seededRng("gif", width, height, options.seed);
  const phase = rng.next() * 2 * Math.PI;
  const color: [number, number, number] = [rng.int(200, 255), rng.int(60, 255), rng.int(0, 120)];
  const radius = Math.max(2, Math.round(Math.min(width, height) * 0.06));
  for (let k = 0; k < frames; k++) {
    const frame = all.subarray(k * frameBytes, (k + 1) * frameBytes);
    flat.copy(frame);
    const angle = phase + (2 * Math.PI * k) / frames;
    const cx = Math.round(width / 2 + Math.cos(angle) * width * 0.36);
    const cy = Math.round(height * 0.42 + Math.sin(angle) * height * 0.33);
    disc(frame, width, height, cx, cy, radius, color);
  }
  return sharp(all, { raw: { width, height: height * frames, channels: 4, pageHeight: height } })
    .gif({
      delay: Array.from({ length: frames }, () => options.delayMs),
      loop: 0,
      // Identical frames (a marker off the picture) still count: the request asked for `frames`.
      keepDuplicateFrames: true,
      // Flat colours need no dithering, and without it the encoder is about a quarter faster.
      dither: 0,
      effort: 1,
    })
    .toBuffer();
}

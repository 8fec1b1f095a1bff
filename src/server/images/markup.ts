/**
 * `markup` on edits: a PNG with transparent pixels whose drawn (opaque) parts are overlaid on the
 * first image to guide the edit. The overlay is applied before the edit, so its strokes show in the
 * result the way a model would follow them.
 */
import { sharp } from "../peers.js";
import { decoding } from "./decode.js";
import type { RawImage } from "./scene.js";

/**
 * Whether an image has at least one pixel that is not fully opaque, read from its decoded alpha (a
 * PNG can declare an alpha channel and still be opaque everywhere). Undecodable input is the
 * client's fault: an `UnreadableImageError` for `param`.
 *
 * @example
 * await hasTransparentPixels(await sharp({ create: { width: 2, height: 2, channels: 4, background: "#f00" } }).png().toBuffer()); // false
 */
export async function hasTransparentPixels(bytes: Uint8Array, param = "markup"): Promise<boolean> {
  // The decoded alpha itself: sharp's stats() describe the input's channels, not a pipeline's result.
  const alpha = await decoding(param, () => sharp(bytes).ensureAlpha().extractChannel(3).raw().toBuffer());
  return alpha.some((a) => a < 255);
}

/**
 * `base` with the markup drawn over it ("source over"), the markup stretched to the base's size
 * (the rules ask for the same size; models without that rule get theirs fitted).
 */
export async function overlayMarkup(base: RawImage, markup: Uint8Array): Promise<RawImage> {
  const { width, height } = base;
  const over = await decoding("markup", () =>
    sharp(markup).resize(width, height, { fit: "fill" }).ensureAlpha().raw().toBuffer(),
  );
  const out = new Uint8Array(base.data.length);
  for (let i = 0; i < out.length; i += 4) {
    const a = (over[i + 3] as number) / 255;
    const under = (base.data[i + 3] as number) / 255;
    const outA = a + under * (1 - a);
    for (let c = 0; c < 3; c++) {
      out[i + c] =
        outA === 0
          ? 0
          : Math.round(((over[i + c] as number) * a + (base.data[i + c] as number) * under * (1 - a)) / outA);
    }
    out[i + 3] = Math.round(outA * 255);
  }
  return { data: out, width, height };
}

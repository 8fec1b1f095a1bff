/**
 * The images a mock server uses in place of uploads it cannot use (placeholder bytes such as the SDK
 * tests' `Example data`, a `file_id` it does not hold, an image over `maxInputPixels`): a real PNG,
 * so that an edit or a variation is drawn from it as from any upload. Drawn once per process.
 */
import type { ImageInfo } from "../../models/index.js";
import { sharp } from "../peers.js";
import { describeImage } from "./image-info.js";
import { encodePicture } from "./pictures.js";
import { renderScene } from "./scene.js";

/** A placeholder upload: its bytes and what the server reads of them. */
export interface Placeholder {
  bytes: Uint8Array;
  info: ImageInfo;
}

/** The side of the placeholder images, in pixels: square, so an `auto` edit is drawn square. */
export const PLACEHOLDER_SIDE = 512;

let image: Promise<Placeholder> | undefined;
let mask: Promise<Placeholder> | undefined;

async function described(bytes: Uint8Array): Promise<Placeholder> {
  return { bytes, info: await describeImage(bytes) };
}

/**
 * The placeholder for an `image` upload: an opaque scene captioned "placeholder image".
 *
 * @example
 * const { bytes, info } = await placeholderImage(); // info.width === 512
 */
export function placeholderImage(): Promise<Placeholder> {
  image ??= renderScene({
    prompt: "placeholder image",
    width: PLACEHOLDER_SIDE,
    height: PLACEHOLDER_SIDE,
    transparent: false,
    detail: "low",
    seed: ["placeholder"],
  })
    .then((raw) => encodePicture(raw, { format: "png", background: "opaque" }))
    .then((p) => described(p.bytes))
    .catch(forget(() => (image = undefined)));
  return image;
}

/**
 * The placeholder for a `mask` or `markup` upload: fully transparent, so a mask lets the whole image
 * change and a markup draws nothing over it.
 */
export function placeholderOverlay(): Promise<Placeholder> {
  mask ??= sharp({
    create: {
      width: PLACEHOLDER_SIDE,
      height: PLACEHOLDER_SIDE,
      channels: 4,
      background: { r: 0, g: 0, b: 0, alpha: 0 },
    },
  })
    .png()
    .toBuffer()
    .then(described)
    .catch(forget(() => (mask = undefined)));
  return mask;
}

/** A failed drawing is not kept: the next request draws again instead of failing for good. */
function forget(reset: () => void): (err: unknown) => never {
  return (err) => {
    reset();
    throw err;
  };
}

/** Facts about an uploaded image, for the model rules (format, size, alpha) and the usage formula. */

import type { ImageInfo } from "../../models/index.js";
import { sharp } from "../peers.js";

/**
 * Reads an upload's format, dimensions and alpha with sharp. Anything sharp cannot read is
 * `"unknown"` (the caller answers 400 for it).
 */
export async function describeImage(data: Uint8Array): Promise<ImageInfo> {
  try {
    const meta = await sharp(data).metadata();
    const known = ["png", "jpeg", "webp", "gif"] as const;
    const format = known.find((f) => f === meta.format) ?? "unknown";
    return { format, width: meta.width, height: meta.height, hasAlpha: meta.hasAlpha, bytes: data.length };
  } catch {
    return { format: "unknown", bytes: data.length };
  }
}

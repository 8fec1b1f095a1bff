/**
 * What the pre-flight checks know about an uploaded image. It is read from the file's first bytes only
 * (magic bytes, header dimensions, PNG colour type), so a 50 MB upload is never read whole to check it.
 * `inspectImage()` in `src/image-info.ts` produces it; the model rules consume it.
 *
 * @example
 * const info: ImageInfo = { format: "png", width: 1024, height: 1024, hasAlpha: true, bytes: 183_204 };
 */
export interface ImageInfo {
  /** The container format, by magic bytes. `"unknown"` when none of the known signatures matched. */
  format: "png" | "jpeg" | "webp" | "gif" | "unknown";
  /** Width in pixels, when the header gave it. */
  width?: number | undefined;
  /** Height in pixels, when the header gave it. */
  height?: number | undefined;
  /** Whether the image has an alpha channel (PNG colour type or `tRNS` chunk), when known. */
  hasAlpha?: boolean | undefined;
  /**
   * Whether some pixel is less than fully opaque, when the pixels were decoded: an alpha channel
   * can be opaque everywhere. Header inspection (`inspectImage()`) leaves it unknown; the local
   * server decodes `markup` uploads to know it.
   */
  transparentPixels?: boolean | undefined;
  /** Size of the whole upload in bytes. */
  bytes: number;
}

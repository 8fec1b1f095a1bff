/**
 * Image formats, declared once: how each is named in messages, its MIME type and file extension, and
 * what the API allows with it as an `output_format`. Uploads (sniffed from magic bytes), the
 * cross-parameter rules, the README, the server and the CLI's file names all read this table.
 *
 * Sources: the seed documents (transparency needs png or webp; compression is for jpeg and webp), then
 * openai@7.51.0 and 7.57.0 for GIF and SVG output.
 */
import { joinWords } from "./checks.js";

/** What the API allows with an output format. A trait left out means "no restriction stated". */
export interface OutputTraits {
  /** `background: "transparent"` works with it. */
  readonly transparency?: true;
  /** `output_compression` other than the default 100 applies to it. */
  readonly compression?: true;
  /** Refused with `stream: true` and with partial images. */
  readonly noStreaming?: true;
  /** Refused with an edit `mask`. */
  readonly noMask?: true;
  /** Most images per request (`n`). */
  readonly maxN?: number;
  /** Parameters that apply only to this format (refused with any other). */
  readonly params?: readonly string[];
}

/** One image format. */
export interface FormatInfo {
  /** The name used in messages, e.g. `"JPEG"`. */
  readonly name: string;
  readonly mime: string;
  /** The usual file extension, without the dot. */
  readonly ext: string;
  /** Present when the format is an `output_format` value. */
  readonly output?: OutputTraits;
}

/**
 * Every format the library names: upload formats (by magic bytes) and output formats.
 *
 * @example
 * FORMATS.jpeg.ext;                 // "jpg"
 * FORMATS.gif.output?.noStreaming;  // true
 */
export const FORMATS = {
  png: { name: "PNG", mime: "image/png", ext: "png", output: { transparency: true } },
  jpeg: { name: "JPEG", mime: "image/jpeg", ext: "jpg", output: { compression: true } },
  webp: { name: "WebP", mime: "image/webp", ext: "webp", output: { transparency: true, compression: true } },
  gif: {
    name: "GIF",
    mime: "image/gif",
    ext: "gif",
    output: { noStreaming: true, noMask: true, params: ["frame_count", "frame_duration_ms"] },
  },
  svg: {
    name: "SVG",
    mime: "image/svg+xml",
    ext: "svg",
    output: { noStreaming: true, maxN: 1, params: ["svg"] },
  },
  unknown: { name: "unrecognised", mime: "application/octet-stream", ext: "bin" },
} as const satisfies Record<string, FormatInfo>;

/** A format the table knows. */
export type FormatName = keyof typeof FORMATS;

/** The output formats whose images can be streamed (the stream events' `output_format`). */
export type StreamableFormat = {
  [F in FormatName]: (typeof FORMATS)[F] extends { output: { noStreaming: true } }
    ? never
    : (typeof FORMATS)[F] extends { output: object }
      ? F
      : never;
}[FormatName];

/** The format the API uses when `output_format` is omitted. */
export const DEFAULT_OUTPUT_FORMAT = "png" satisfies FormatName;

/**
 * The table's record for `name`, or `undefined` for a name it does not know.
 *
 * @example
 * formatInfo("webp")?.mime; // "image/webp"
 */
export function formatInfo(name: unknown): FormatInfo | undefined {
  return typeof name === "string" && Object.hasOwn(FORMATS, name)
    ? (FORMATS as Record<string, FormatInfo>)[name]
    : undefined;
}

/** "PNG", "PNG or WebP", "PNG, JPEG or WebP". */
export function formatNames(formats: readonly FormatName[], last = "or"): string {
  return joinWords(
    formats.map((f) => FORMATS[f].name),
    last,
  );
}

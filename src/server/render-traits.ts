/**
 * What the server can render, declared against the model table and the spec so that the two cannot
 * drift apart: every quality value and output format the table (or the spec) allows has a rendering
 * here, and every declared parameter says how the server honours it. A value added to a model row
 * without one fails to compile (`satisfies Record<…>` over the table's union); a value that reaches
 * the renderer without one is a 500 naming it, never drawn as something else.
 */
import type { ParamName } from "../models/parameters.js";
import type { ModelRulesTable } from "../models/rules.js";
import type { CreateImageEditRequest, CreateImageRequest, KnownModel } from "../types.js";
import type { PictureFormat } from "./images/pictures.js";
import type { Operation } from "./model-traits.js";
import type { UsageQuality } from "./usage.js";

/** Every value the model table allows for the enum parameter `P`, on any model and operation. */
export type TableValues<P extends ParamName> = {
  [M in KnownModel]: {
    [O in Operation]: ModelRulesTable[M] extends { readonly [K in O]: infer R }
      ? R extends { readonly [K in P]: infer V }
        ? V extends readonly (infer X)[]
          ? X
          : never
        : never
      : never;
  }[Operation];
}[KnownModel];

/** Every value the spec allows for a request field `K` of a generation or an edit. */
type SpecValues<K extends keyof CreateImageRequest & keyof CreateImageEditRequest> = NonNullable<
  CreateImageRequest[K] | CreateImageEditRequest[K]
>;

/** A `quality` the table or the spec allows. */
export type ServedQuality = TableValues<"quality"> | SpecValues<"quality">;

/** An `output_format` the table or the spec allows. */
export type ServedFormat = TableValues<"output_format"> | SpecValues<"output_format">;

/**
 * How each quality is drawn and billed. `auto` (and an omitted quality) and DALL·E's `standard` are
 * drawn and billed as `medium`; DALL·E's `hd` draws with more detail, as `high`.
 */
export const QUALITY_RENDERING = {
  low: "low",
  medium: "medium",
  high: "high",
  xhigh: "xhigh",
  max: "max",
  auto: "medium",
  standard: "medium",
  hd: "high",
} as const satisfies Record<ServedQuality, UsageQuality>;

/** How an output format is made: encoded pixels, an animated GIF of frames, or an SVG document. */
export type FormatRendering =
  | { readonly kind: "raster"; readonly encoder: PictureFormat }
  | { readonly kind: "animation" }
  | { readonly kind: "vector" };

/** How each output format is made. */
export const FORMAT_RENDERING = {
  png: { kind: "raster", encoder: "png" },
  jpeg: { kind: "raster", encoder: "jpeg" },
  webp: { kind: "raster", encoder: "webp" },
  gif: { kind: "animation" },
  svg: { kind: "vector" },
} as const satisfies Record<ServedFormat, FormatRendering>;

/**
 * How the server honours each request parameter the library declares (`models/parameters.ts`). A
 * parameter added there fails to compile here until the server says what it does with it.
 */
export const PARAMETER_SERVING = {
  prompt: "drawn as the caption; a few words pick the colours",
  image: "the pictures an edit or a variation is made from",
  mask: "where an edit may change the first image",
  markup: "drawn over the first image before the edit",
  n: "how many pictures",
  size: "the pictures' size",
  quality: "the detail drawn and the tokens billed (QUALITY_RENDERING)",
  background: "transparent or opaque pictures",
  output_format: "how the pictures are made (FORMAT_RENDERING)",
  output_compression: "the encoder's quality",
  moderation: "accepted; part of the picture's seed",
  input_fidelity: "accepted; part of the picture's seed",
  complexity: "accepted; part of the picture's seed",
  frame_count: "the frames of a GIF",
  frame_duration_ms: "the delay between a GIF's frames",
  svg: "the author and reasoning tokens of svg_usage",
  stream: "answers as server-sent events",
  partial_images: "the partial images streamed per picture",
  response_format: "base64 or the URL of a stored picture",
  style: "the revised prompt of models that rewrite prompts",
  safety_identifier: "echoed in the answer",
  user: "echoed as the safety identifier when none is given",
} as const satisfies Record<ParamName, string>;

/** A value the renderer has no rendering for: the server's own defect, answered as a 500. */
export class UnrenderableError extends Error {
  override name = "UnrenderableError";
}

/** The quality a request is drawn and billed at (an omitted quality is `auto`). */
export function renderQuality(quality: unknown): UsageQuality {
  const value = quality ?? "auto";
  if (typeof value === "string" && Object.hasOwn(QUALITY_RENDERING, value)) {
    return QUALITY_RENDERING[value as ServedQuality];
  }
  throw new UnrenderableError(`The local server cannot render quality ${JSON.stringify(quality)}.`);
}

/** How an output format is made. */
export function formatRendering(format: unknown): FormatRendering {
  if (typeof format === "string" && Object.hasOwn(FORMAT_RENDERING, format)) {
    return FORMAT_RENDERING[format as ServedFormat];
  }
  throw new UnrenderableError(`The local server cannot render output_format ${JSON.stringify(format)}.`);
}

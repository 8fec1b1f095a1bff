/**
 * The token usage the local server reports for GPT image models. The real API does not publish its
 * accounting, so this is a documented approximation that tests can recompute exactly:
 *
 * - text tokens: `ceil(prompt characters / 4)` (the usual ~4 characters per token);
 * - input image tokens, per uploaded image: scale it to fit inside 1024×1024 (never up), count 512-px
 *   tiles, `65 + 129 × tiles`;
 * - output tokens, per image: `perMegapixel[quality] × width × height / 1024²`, rounded up, with
 *   `perMegapixel = { low: 272, medium: 1056, high: 4160, xhigh: 8320, max: 16640 }` (`auto` counts
 *   as `medium`) — the first three reproduce OpenAI's published table for 1024×1024, 1024×1536 and
 *   1536×1024; OpenAI publishes no figures for `xhigh` and `max`, so each doubles the one below —
 *   times the frames of a GIF (each frame is an image), plus 100 tokens per streamed partial image.
 *
 * SVG output also reports `svg_usage`, the tokens of authoring the document ({@link computeSvgUsage}):
 * the same input tokens, `ceil(document characters / 4)` output tokens, and reasoning tokens by
 * effort `{ none: 0, minimal: 128, low: 512, medium: 2048, high: 8192, xhigh: 16384, max: 32768 }`
 * (`medium` when no effort is given).
 */
import type { SVG_EFFORTS } from "../models/index.js";
import type { ImagesResponse, ImageUsage } from "../types.js";

const OUTPUT_TOKENS_PER_MEGAPIXEL = { low: 272, medium: 1056, high: 4160, xhigh: 8320, max: 16640 } as const;

/** The quality a usage figure is computed for (`auto` and unknown values count as `medium`). */
export type UsageQuality = keyof typeof OUTPUT_TOKENS_PER_MEGAPIXEL;

/** Inputs of {@link computeUsage}. */
export interface UsageInput {
  prompt: string;
  /** Dimensions of each uploaded image (edits). */
  inputImages?: ReadonlyArray<{ width: number; height: number }>;
  width: number;
  height: number;
  quality: UsageQuality;
  /** Images generated (`n`). */
  count: number;
  /** Partial images streamed per image. */
  partialImages?: number;
  /** Frames per image (GIF output). @default 1 */
  frames?: number;
}

/** Text tokens of a prompt: about 4 characters per token. */
export function textTokens(prompt: string): number {
  return Math.ceil([...prompt].length / 4);
}

/** Input tokens of one uploaded image. */
export function imageInputTokens(width: number, height: number): number {
  const fit = Math.min(1, 1024 / Math.max(width, height));
  const tiles = Math.ceil((width * fit) / 512) * Math.ceil((height * fit) / 512);
  return 65 + 129 * tiles;
}

/** Output tokens of one generated image. */
export function imageOutputTokens(width: number, height: number, quality: UsageQuality): number {
  return Math.ceil((OUTPUT_TOKENS_PER_MEGAPIXEL[quality] * width * height) / (1024 * 1024));
}

/**
 * Usage of one request, in the API's shape.
 *
 * @example
 * computeUsage({ prompt: "otter", width: 1024, height: 1024, quality: "low", count: 1 }).output_tokens // 272
 */
export function computeUsage(input: UsageInput): ImageUsage {
  const { text, image } = inputTokens(input.prompt, input.inputImages);
  const perImage =
    imageOutputTokens(input.width, input.height, input.quality) * (input.frames ?? 1) +
    100 * (input.partialImages ?? 0);
  const output = perImage * input.count;
  return {
    input_tokens: text + image,
    input_tokens_details: { text_tokens: text, image_tokens: image },
    output_tokens: output,
    total_tokens: text + image + output,
    output_tokens_details: { image_tokens: output, text_tokens: 0 },
  };
}

function inputTokens(
  prompt: string,
  inputImages: ReadonlyArray<{ width: number; height: number }> = [],
): { text: number; image: number } {
  const image = inputImages.reduce((sum, im) => sum + imageInputTokens(im.width, im.height), 0);
  return { text: textTokens(prompt), image };
}

/** Reasoning tokens of an SVG author, per reasoning effort. */
const REASONING_TOKENS: Record<(typeof SVG_EFFORTS)[number], number> = {
  none: 0,
  minimal: 128,
  low: 512,
  medium: 2048,
  high: 8192,
  xhigh: 16384,
  max: 32768,
};

/** The effort an SVG author uses when the request names none. */
export const DEFAULT_SVG_EFFORT = "medium" satisfies keyof typeof REASONING_TOKENS;

/** Inputs of {@link computeSvgUsage}. */
export interface SvgUsageInput {
  prompt: string;
  inputImages?: ReadonlyArray<{ width: number; height: number }>;
  /** The SVG documents written (one: SVG output allows `n` 1 only on the models with rules). */
  documents: readonly string[];
  /** `svg.reasoning.effort`, when given. */
  effort?: string | undefined;
  /** The model that authored the document. */
  model: string;
}

/**
 * The `svg_usage` of an SVG answer.
 *
 * @example
 * computeSvgUsage({ prompt: "otter", documents: ["<svg/>"], effort: "none", model: "gpt-image-2.5-flare" });
 * // { input_tokens: 2, output_tokens: 2, reasoning_tokens: 0, total_tokens: 4, model: "gpt-image-2.5-flare" }
 */
export function computeSvgUsage(input: SvgUsageInput): NonNullable<ImagesResponse["svg_usage"]> {
  const { text, image } = inputTokens(input.prompt, input.inputImages);
  const effort = Object.hasOwn(REASONING_TOKENS, input.effort ?? "")
    ? (input.effort as keyof typeof REASONING_TOKENS)
    : DEFAULT_SVG_EFFORT;
  const output = input.documents.reduce((sum, doc) => sum + Math.ceil([...doc].length / 4), 0);
  const reasoning = REASONING_TOKENS[effort] * input.documents.length;
  return {
    input_tokens: text + image,
    output_tokens: output,
    reasoning_tokens: reasoning,
    total_tokens: text + image + output + reasoning,
    model: input.model,
  };
}

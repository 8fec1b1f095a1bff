/**
 * The token usage the local server reports for GPT image models. The real API does not publish its
 * accounting, so this is a documented approximation that tests can recompute exactly:
 *
 * - text tokens: `ceil(prompt characters / 4)` (the usual ~4 characters per token);
 * - input image tokens, per uploaded image: scale it to fit inside 1024×1024 (never up), count 512-px
 *   tiles, `65 + 129 × tiles`;
 * - output tokens, per image: `perMegapixel[quality] × width × height / 1024²`, rounded up, with
 *   `perMegapixel = { low: 272, medium: 1056, high: 4160 }` (`auto` counts as `medium`) — this
 *   reproduces OpenAI's published table for 1024×1024, 1024×1536 and 1536×1024 — plus 100 tokens
 *   per streamed partial image.
 */
import type { ImageUsage } from "../types.js";

const OUTPUT_TOKENS_PER_MEGAPIXEL = { low: 272, medium: 1056, high: 4160 } as const;

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
}

/** Text tokens of a prompt. */
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
  const text = textTokens(input.prompt);
  const image = (input.inputImages ?? []).reduce((sum, im) => sum + imageInputTokens(im.width, im.height), 0);
  const perImage =
    imageOutputTokens(input.width, input.height, input.quality) + 100 * (input.partialImages ?? 0);
  const output = perImage * input.count;
  return {
    input_tokens: text + image,
    input_tokens_details: { text_tokens: text, image_tokens: image },
    output_tokens: output,
    total_tokens: text + image + output,
    output_tokens_details: { image_tokens: output, text_tokens: 0 },
  };
}

/**
 * "Ask for base64?", answered once from the model table: which format a model's images come back in
 * when a request does not say, and so whether a caller that wants the bytes (the CLI, the batch
 * runner) must ask for `b64_json`. The local server answers with the same default.
 */

import type { Operation } from "./operations.js";
import { isKnownModel, rulesFor } from "./rules.js";

/** How images come back: as base64 in the body, or as a URL to fetch. */
export type ResponseFormat = "url" | "b64_json";

/**
 * The format `model` answers `op` in when the request names no `response_format`: `url` where the
 * model's rules take `response_format` with `url` among its values (the DALL·E models, whose
 * documented default is `url`), else `b64_json` (GPT image models, which always answer in base64, and
 * unknown models, which pass through without rules).
 *
 * @example
 * defaultResponseFormat("generate", "dall-e-3");    // "url"
 * defaultResponseFormat("generate", "gpt-image-2"); // "b64_json"
 */
export function defaultResponseFormat(op: Operation, model: string): ResponseFormat {
  if (!isKnownModel(model)) return "b64_json";
  const rule = rulesFor(model, op)?.response_format;
  return Array.isArray(rule) && rule.includes("url") ? "url" : "b64_json";
}

/**
 * Whether a request for `model` must ask for `response_format: "b64_json"` to get the image bytes in
 * the answer (it would get URLs otherwise).
 *
 * @example
 * asksForBase64("variation", "dall-e-2"); // true
 */
export function asksForBase64(op: Operation, model: string): boolean {
  return defaultResponseFormat(op, model) === "url";
}

/**
 * The parameters a batch line is sent with, the same in both engines so that both write the same
 * files: images come back as base64 (a URL answer expires, and a Batch API result may be collected
 * hours later), asked for only where the model rules say the model takes `response_format`.
 */
import { resolveModel } from "../models/index.js";
import { asksForBase64 } from "../models/response-format.js";
import type { BatchLine } from "./lines.js";

/**
 * @example
 * sendParams({ id: "a", op: "generate", line: 1, params: { model: "dall-e-2", prompt: "otter" } });
 * // { model: "dall-e-2", prompt: "otter", response_format: "b64_json" }
 */
export function sendParams(line: BatchLine): Record<string, unknown> {
  const { params, op } = line;
  const { model } = resolveModel(op, params);
  if (params.response_format !== undefined || !asksForBase64(op, model)) return params;
  return { ...params, response_format: "b64_json" };
}

/**
 * The parameters a batch line is sent with, the same in both engines so that both write the same
 * files: images come back as base64 (a URL answer expires, and a Batch API result may be collected
 * hours later), asked for only where the model rules say the model takes `response_format`.
 */
import { judge } from "../models/checks.js";
import { isKnownModel, resolveModel, rulesFor } from "../models/index.js";
import type { BatchLine } from "./lines.js";

/**
 * @example
 * sendParams({ id: "a", op: "generate", line: 1, params: { model: "dall-e-2", prompt: "otter" } });
 * // { model: "dall-e-2", prompt: "otter", response_format: "b64_json" }
 */
export function sendParams(line: BatchLine): Record<string, unknown> {
  const { params, op } = line;
  const { model } = resolveModel(op, params);
  if (params.response_format !== undefined || !isKnownModel(model)) return params;
  // The model rule alone decides (what the validator would say of `response_format`), without
  // validating the whole line again: it is validated before the run and by the client.
  const rules = rulesFor(model, op);
  return rules && !judge(rules, "response_format", "b64_json").ok
    ? params
    : { ...params, response_format: "b64_json" };
}

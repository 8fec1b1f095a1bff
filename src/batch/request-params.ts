/**
 * The parameters a batch line is sent with, the same in both engines so that both write the same
 * files: images come back as base64 (a URL answer expires, and a Batch API result may be collected
 * hours later), asked for only where the model rules say the model takes `response_format`.
 */
import { isKnownModel, resolveModel, validateRequest } from "../node/index.js";
import type { BatchLine } from "./lines.js";

/**
 * @example
 * sendParams({ id: "a", op: "generate", line: 1, params: { model: "dall-e-2", prompt: "otter" } });
 * // { model: "dall-e-2", prompt: "otter", response_format: "b64_json" }
 */
export function sendParams(line: BatchLine): Record<string, unknown> {
  const { params, op } = line;
  if (params.response_format !== undefined || !isKnownModel(resolveModel(op, params).model)) return params;
  const asked = { ...params, response_format: "b64_json" };
  const refused = validateRequest(op, asked).some(
    (i) => i.param === "response_format" && i.severity === "error",
  );
  return refused ? params : asked;
}

/**
 * Client-wide and per-model default parameters, applied only where the request's model accepts them.
 *
 * Precedence, highest first:
 *   1. what the caller passed in the request (any value but `undefined`, including `0`, `false`, `""`, `null`);
 *   2. `defaults.byModel[model]` for the request's model;
 *   3. the client-wide `defaults`;
 *   4. the API's own default (the parameter is left out).
 * The model itself: the request's `model`, else the client's `model` when it supports the operation,
 * else the API's default for the operation. A default the model would refuse is skipped, never sent.
 */
import type { CreateImageEditRequest, CreateImageRequest, ModelName } from "../types.js";
import { isRuledFor, RULED_PARAMS } from "./checks.js";
import { effectiveModel } from "./resolve.js";
import { isKnownModel, type Operation, rulesFor } from "./rules.js";
import { validateResolved } from "./validate.js";

/** Parameters that can be given a default. `stream` cannot: it changes what a call returns. */
export interface DefaultParams {
  /** @example 2 */
  n?: number | undefined;
  /** @example "1024x1024" */
  size?: CreateImageRequest["size"] | undefined;
  quality?: CreateImageRequest["quality"] | CreateImageEditRequest["quality"] | undefined;
  background?: CreateImageRequest["background"] | undefined;
  output_format?: CreateImageRequest["output_format"] | undefined;
  output_compression?: number | undefined;
  moderation?: CreateImageRequest["moderation"] | undefined;
  response_format?: CreateImageRequest["response_format"] | undefined;
  style?: CreateImageRequest["style"] | undefined;
  input_fidelity?: CreateImageEditRequest["input_fidelity"] | undefined;
  partial_images?: number | undefined;
  user?: string | undefined;
}

/**
 * Default parameters for a client: client-wide, optionally overridden per model. Each default is sent
 * only to models that accept it and only when the request does not set the parameter itself.
 *
 * @example
 * const defaults: ModelDefaults = {
 *   response_format: "b64_json", // sent to DALL·E models only
 *   output_format: "webp",       // sent to GPT image models only
 *   byModel: { "dall-e-3": { quality: "hd" } },
 * };
 */
export interface ModelDefaults extends DefaultParams {
  /** Defaults for one model, winning over the client-wide ones for requests on that model. */
  byModel?: { [model in ModelName]?: DefaultParams | undefined } | undefined;
}

/** The client configuration `applyDefaults` reads. */
export interface DefaultsConfig {
  /** The client's default model, used when a request names none and the model supports the operation. */
  model?: string | undefined;
  defaults?: ModelDefaults | undefined;
}

// Order matters: output_format is settled before the parameters judged by it (background, compression).
const DEFAULTABLE = [
  "output_format",
  ...RULED_PARAMS.filter((p) => p !== "output_format" && p !== "prompt" && p !== "stream"),
  "user",
] as const;

/**
 * Returns `params` with the client's default model and default parameters filled in, following the
 * precedence above. Never overrides a value the caller passed; never adds a parameter the request's
 * model refuses. Unknown models (OpenAI-compatible servers) receive every default the operation
 * documents, since no rules are known for them.
 *
 * @example
 * applyDefaults("generate", { model: "dall-e-3", prompt: "otter" },
 *   { defaults: { response_format: "b64_json", output_format: "webp" } });
 * // { model: "dall-e-3", prompt: "otter", response_format: "b64_json" }
 */
export function applyDefaults(
  op: Operation,
  params: Record<string, unknown>,
  config: DefaultsConfig,
): Record<string, unknown> {
  const result: Record<string, unknown> = { ...params };
  const clientModel = config.model;
  if (result.model === undefined && clientModel !== undefined) {
    if (!isKnownModel(clientModel) || rulesFor(clientModel, op) !== undefined) result.model = clientModel;
  }
  const defaults = config.defaults;
  if (defaults === undefined) return result;

  // The model is decided by the caller's parameters, before any default: a GPT-only default must not
  // silently move a generation off the API's default model.
  const resolution = effectiveModel(op, result);
  const perModel = resolution.model === undefined ? undefined : defaults.byModel?.[resolution.model];
  const documented = DEFAULTABLE.filter((p) => p === "user" || isRuledFor(op, p));
  let errors = countErrors(validateResolved(op, result, resolution));
  for (const layer of [perModel, defaults]) {
    if (layer === undefined) continue;
    for (const param of documented) {
      const value = layer[param];
      if (value === undefined || result[param] !== undefined) continue;
      const trial = { ...result, [param]: value };
      const after = countErrors(validateResolved(op, trial, resolution));
      if (after > errors) continue;
      result[param] = value;
      errors = after;
    }
  }
  return result;
}

function countErrors(issues: readonly { severity: string }[]): number {
  return issues.filter((i) => i.severity === "error").length;
}

/**
 * The request plan: a call's options pass through here once, in one direction. The model is resolved
 * once (the request's, else the client's, else the documented default, always sent explicitly), the
 * client's defaults are applied once where that model accepts them, and the result is what the
 * validator checks and the transport sends.
 *
 * Default precedence, highest first:
 *   1. what the caller passed in the request (any value but `undefined`, including `0`, `false`, `""`, `null`);
 *   2. `defaults.byModel[model]` for the request's model;
 *   3. the client-wide `defaults`;
 *   4. the API's own default (the parameter is left out).
 * A default the model would refuse, alone or together with the request's other parameters, is
 * dropped, never sent.
 */
import type { CreateImageEditRequest, CreateImageRequest, ModelName } from "../types.js";
import { judge } from "./checks.js";
import type { Operation } from "./operations.js";
import { DEFAULTABLE_PARAMS, PARAMETERS, type ParamInfo } from "./parameters.js";
import { DEFAULT_MODELS, isKnownModel, type OperationRules, rulesFor } from "./rules.js";
import { combinationFindings, type ResolvedModel } from "./validate.js";

/** Parameters that can be given a default. `stream` cannot: it changes what a call returns. */
export type DefaultParams = {
  [P in (typeof DEFAULTABLE_PARAMS)[number]]?: P extends keyof CreateImageRequest
    ? CreateImageRequest[P] | undefined
    : P extends keyof CreateImageEditRequest
      ? CreateImageEditRequest[P] | undefined
      : never;
};

/**
 * Default parameters for a client: client-wide, optionally overridden per model. Each default is sent
 * only to models that accept it and only when the request does not set the parameter itself.
 *
 * @example
 * const defaults: ModelDefaults = {
 *   output_format: "webp",       // sent to GPT image models only
 *   safety_identifier: "user-7f3a",
 *   byModel: { "gpt-image-2.5-flare": { quality: "xhigh" } },
 * };
 */
export interface ModelDefaults extends DefaultParams {
  /** Defaults for one model, winning over the client-wide ones for requests on that model. */
  byModel?: { [model in ModelName]?: DefaultParams | undefined } | undefined;
}

/** The client settings a plan reads. */
export interface PlanSettings {
  /** The client's model, used when a request names none and the model supports the operation. */
  model?: string | undefined;
  defaults?: ModelDefaults | undefined;
}

/** One call, planned: what is sent, for which model. */
export interface RequestPlan extends ResolvedModel {
  op: Operation;
  /** The parameters to send: the caller's, the model, and the defaults that apply. */
  params: Record<string, unknown>;
}

/**
 * Plans one call: resolves the model once and applies the client's defaults.
 *
 * @example
 * planRequest("generate", { prompt: "otter" }, { defaults: { output_format: "webp", style: "vivid" } });
 * // { op: "generate", model: "gpt-image-2.5-sunburst", source: "default",
 * //   params: { prompt: "otter", model: "gpt-image-2.5-sunburst", output_format: "webp" } }
 */
export function planRequest(
  op: Operation,
  input: Record<string, unknown>,
  settings: PlanSettings = {},
): RequestPlan {
  const resolved = resolvePlanModel(op, input, settings.model);
  // A model that is not a string is kept as given, for the validator to name (and "warn" to send).
  const given = input.model;
  const model = given === undefined || given === null || typeof given === "string" ? resolved.model : given;
  const params: Record<string, unknown> = { ...input, model };
  applyDefaults(op, params, resolved.model, settings.defaults);
  return { op, ...resolved, params };
}

function resolvePlanModel(
  op: Operation,
  input: Record<string, unknown>,
  clientModel: string | undefined,
): ResolvedModel {
  if (input.model !== undefined && input.model !== null)
    return { model: String(input.model), source: "request" };
  if (clientModel !== undefined && (!isKnownModel(clientModel) || rulesFor(clientModel, op) !== undefined)) {
    return { model: clientModel, source: "client" };
  }
  return { model: DEFAULT_MODELS[op], source: "default" };
}

/** Whether `value` may be a default of `param` for a request on these rules. */
function accepts(
  op: Operation,
  rules: OperationRules | undefined,
  known: boolean,
  param: string,
  value: unknown,
) {
  const info: ParamInfo = (PARAMETERS as Record<string, ParamInfo>)[param] as ParamInfo;
  if (info.kind === "text") return info.ops?.includes(op) ?? false;
  // Unknown models (OpenAI-compatible servers) receive every default, since no rules are known.
  if (!known) return true;
  return rules !== undefined && judge(rules, param as never, value).ok;
}

/** Fills `params` with the defaults that apply (in place); the caller's values always win. */
function applyDefaults(
  op: Operation,
  params: Record<string, unknown>,
  model: string,
  defaults: ModelDefaults | undefined,
) {
  if (defaults === undefined) return;
  const known = isKnownModel(model);
  const rules = known ? rulesFor(model, op) : undefined;
  const applied: string[] = [];
  for (const layer of [defaults.byModel?.[model], defaults]) {
    if (layer === undefined) continue;
    for (const param of DEFAULTABLE_PARAMS) {
      const value = layer[param];
      if (value === undefined || params[param] !== undefined) continue;
      if (!accepts(op, rules, known, param, value)) continue;
      params[param] = value;
      applied.push(param);
    }
  }
  if (rules === undefined || applied.length === 0) return;
  // A default that clashes with the request's other parameters (webp compression on a png request,
  // a gif format on a stream) is dropped: the caller asked for the rest.
  // When two defaults clash, the one applied last (the less specific) gives way. Dropping one can
  // strand another (frame_count without its gif), so look again until nothing changes.
  for (;;) {
    const last = combinationFindings(rules, model, params)
      .filter((finding) => finding.issue.severity === "error")
      .map((finding) => applied.filter((p) => p in params && finding.involves.includes(p)).at(-1))
      .find((param) => param !== undefined);
    if (last === undefined) return;
    delete params[last];
  }
}

/**
 * What the server needs to know about a model, read from the model rules (the one table in
 * `src/models/`): which model a request is served as, its family (GPT image models answer in base64
 * with usage; DALL·E models with URLs by default) and whether it rewrites prompts. Unknown model
 * names are served like GPT image models and pass the rules untouched.
 */
import type { ValidationIssue } from "../errors.js";
import type { Operation } from "../models/operations.js";
import { isKnownModel, MODEL_RULES, retirementOf, rulesFor } from "../models/rules.js";
import { type RequestImages, resolveModel, validateRequest } from "../models/validate.js";
import { failure, type HttpFailure } from "./http-io.js";

export type { Operation } from "../models/operations.js";

/** How the server behaves for a model. */
export interface ModelTraits {
  family: "gpt-image" | "dall-e";
  /** Whether responses carry `revised_prompt`. */
  revisesPrompt: boolean;
}

/**
 * The model a request is served as: explicit, else the documented default the client would send
 * (the API itself documents none since openai@7.28.0).
 */
export function servedModel(op: Operation, params: Record<string, unknown>): string {
  return resolveModel(op, params).model;
}

/**
 * Traits of a model. The models that take a `style` (dall-e-3) are the ones that rewrite prompts and
 * report `revised_prompt`.
 */
export function modelTraits(model: string): ModelTraits {
  if (!isKnownModel(model)) return { family: "gpt-image", revisesPrompt: false };
  return {
    family: MODEL_RULES[model].family,
    revisesPrompt: rulesFor(model, "generate")?.style !== undefined,
  };
}

/**
 * How the server answers retired models and the retired variations endpoint: `"refuse"` answers as
 * OpenAI's API does today (the model "does not exist"; the endpoint is a bare 404); `"serve"` answers
 * them as OpenAI did before their retirement, as OpenAI-compatible servers still do.
 */
export type Lifecycle = "serve" | "refuse";

/** The model rules' verdict on a request: every issue, errors and warnings. */
export function checkRules(
  op: Operation,
  params: Record<string, unknown>,
  images: RequestImages,
  retired: Lifecycle = "serve",
): ValidationIssue[] {
  // Served: a retirement is a warning, as for any server that still serves the model. Refused: the
  // validator's own error for OpenAI's API, so the message is the one the client library gives.
  return validateRequest(op, params, images, { target: retired === "refuse" ? "openai" : "other" });
}

/**
 * The 400 for the first error of the model rules, in the API's error shape. A retirement has its own
 * code (`model_retired`, `endpoint_retired`; OpenAI documents none), and an endpoint is not a
 * parameter (`param: null`).
 */
export function ruleFailure(issue: ValidationIssue): HttpFailure {
  if (issue.param === "endpoint") return failure(400, issue.message, { code: "endpoint_retired" });
  // The validator reports a retired model before anything else about it, so an error on a retired
  // model's `model` is its retirement.
  const retired = issue.param === "model" && retirementOf(String(issue.value)) !== undefined;
  return failure(400, issue.message, {
    param: issue.param,
    code: retired ? "model_retired" : "invalid_value",
  });
}

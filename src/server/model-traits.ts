/**
 * What the server needs to know about a model, read from the model rules (the one table in
 * `src/models/`): which model a request is served as, its family (GPT image models answer in base64
 * with usage; DALL·E models with URLs by default) and whether it rewrites prompts. Unknown model
 * names are served like GPT image models and pass the rules untouched.
 */
import type { ValidationIssue } from "../errors.js";
import {
  effectiveModel,
  isKnownModel,
  MODEL_RULES,
  type Operation,
  type RequestImages,
  rulesFor,
  validateRequest,
} from "../models/index.js";

export type { Operation } from "../models/index.js";

/** How the server behaves for a model. */
export interface ModelTraits {
  family: "gpt-image" | "dall-e";
  /** Whether responses carry `revised_prompt`. */
  revisesPrompt: boolean;
}

/**
 * The model a request is served as: explicit, else the API's default for the operation. When the
 * API would pick among several (a generation without `model` but with GPT-only parameters), the
 * first candidate of the table is used.
 */
export function servedModel(op: Operation, params: Record<string, unknown>): string {
  const resolution = effectiveModel(op, params);
  return resolution.model ?? resolution.candidates[0] ?? String(params.model ?? "");
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

/** The model rules' verdict on a request: every issue, errors and warnings. */
export function checkRules(
  op: Operation,
  params: Record<string, unknown>,
  images: RequestImages,
): ValidationIssue[] {
  return validateRequest(op, params, images);
}

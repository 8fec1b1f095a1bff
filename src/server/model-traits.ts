/**
 * What the server needs to know about a model, read from the model rules (the one table in
 * `src/models/`): which model a request is served as, its family (GPT image models answer in base64
 * with usage; DALL·E models with URLs by default) and whether it rewrites prompts. Unknown model
 * names are served like GPT image models and pass the rules untouched.
 */
import type { ValidationIssue } from "../errors.js";
import {
  isKnownModel,
  MODEL_RULES,
  type Operation,
  type RequestImages,
  resolveModel,
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

/** The model rules' verdict on a request: every issue, errors and warnings. */
export function checkRules(
  op: Operation,
  params: Record<string, unknown>,
  images: RequestImages,
): ValidationIssue[] {
  // The server still serves retired models and endpoints: their retirement is a warning here.
  return validateRequest(op, params, images, { target: "other" });
}

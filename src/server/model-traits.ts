/**
 * What the server needs to know about a model, read from the model rules (the one table): its family
 * (GPT image models answer in base64 with usage; DALL·E with URLs by default) and whether it rewrites
 * prompts. Unknown model names are served like GPT image models.
 *
 * INTERIM: until `src/models/` lands, the family is read from the spec's enum order and defaults.
 */
import type { ValidationIssue } from "../errors.js";
import type { ImageInfo } from "./images/image-info.js";

/** The operations of the Images API. */
export type Operation = "generate" | "edit" | "variation";

/** How the server behaves for a model. */
export interface ModelTraits {
  family: "gpt-image" | "dall-e";
  /** Whether responses carry `revised_prompt` (dall-e-3). */
  revisesPrompt: boolean;
}

const DEFAULT_MODEL: Record<Operation, string> = {
  generate: "dall-e-2",
  edit: "gpt-image-1.5",
  variation: "dall-e-2",
};

/** The model a request is served as: explicit, else the operation's default. */
export function servedModel(op: Operation, params: Record<string, unknown>): string {
  return typeof params.model === "string" && params.model.length > 0 ? params.model : DEFAULT_MODEL[op];
}

/** Traits of a model (unknown models behave like GPT image models). */
export function modelTraits(model: string): ModelTraits {
  const dalle = model.startsWith("dall-e");
  return { family: dalle ? "dall-e" : "gpt-image", revisesPrompt: model === "dall-e-3" };
}

/** The model rules' verdict on a request (INTERIM: no rules yet). */
export function checkRules(
  _op: Operation,
  _params: Record<string, unknown>,
  _images: { image?: ImageInfo[]; mask?: ImageInfo },
): ValidationIssue[] {
  return [];
}

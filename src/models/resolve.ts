/**
 * Which model the API will use for a request, and the rules that follow from it. When `model` is
 * omitted the API picks a per-endpoint default, and for generations the choice depends on the other
 * parameters; when we cannot know the exact model we check only what every candidate model forbids,
 * so a request the API would accept is never refused.
 */
import type { KnownModel } from "../types.js";
import { ENUM_PARAM_NAMES, modelsAccepting, RULED_PARAMS } from "./checks.js";
import {
  API_DEFAULTS,
  type ImageRule,
  type IntRange,
  isKnownModel,
  type MaskRule,
  MODEL_RULES,
  modelsFor,
  type Operation,
  type OperationRules,
  rulesFor,
} from "./rules.js";

/** How the model of a request was determined. */
export type ModelSource =
  /** `params.model` names it. */
  | "explicit"
  /** `model` is omitted; the API's default for the operation applies. */
  | "default"
  /** Generation without `model`, with a GPT-image-only parameter: the API picks a GPT image model. */
  | "gpt-inferred"
  /** Generation without `model`, with parameters only GPT image models take and others only DALL·E takes. */
  | "ambiguous";

/** The model a request will run on, as far as the rules can tell. */
export interface ModelResolution {
  /** The model name: explicit, or the API default. `undefined` when the API picks among several. */
  model: string | undefined;
  /** `true` when model rules apply (a documented model, or a documented family); `false` passes through. */
  known: boolean;
  /** The documented models the request may run on; the rules applied are what all of them forbid. */
  candidates: readonly KnownModel[];
  /** How the model was determined. */
  source: ModelSource;
  /** The parameters that decided a `"gpt-inferred"` or `"ambiguous"` resolution. */
  because: readonly string[];
}

/**
 * The model the API will use for `params`: `params.model` when given, else the operation's default
 * (generate: `dall-e-2`, unless a parameter only GPT image models take is present; edit:
 * `gpt-image-1.5`; variation: `dall-e-2`). Unknown model names resolve with `known: false`.
 *
 * @example
 * effectiveModel("generate", { prompt: "otter" }).model;                       // "dall-e-2"
 * effectiveModel("generate", { prompt: "otter", background: "opaque" }).source; // "gpt-inferred"
 * effectiveModel("edit", { prompt: "beret" }).model;                          // "gpt-image-1.5"
 */
export function effectiveModel(op: Operation, params: Record<string, unknown>): ModelResolution {
  const explicit = params.model;
  if (explicit !== undefined && explicit !== null) {
    const name = String(explicit);
    return isKnownModel(name)
      ? { model: name, known: true, candidates: [name], source: "explicit", because: [] }
      : { model: name, known: false, candidates: [], source: "explicit", because: [] };
  }
  if (op === "edit") return byDefault(API_DEFAULTS.editModel);
  if (op === "variation") return byDefault(API_DEFAULTS.variationModel);

  // Generations: the reference says the default is dall-e-2 "unless a parameter specific to the GPT
  // image models is used". A value only GPT image models accept counts too (e.g. quality "high").
  const gptOnly = familySignals(op, params, "gpt-image");
  if (gptOnly.length === 0) return byDefault(API_DEFAULTS.generateModel);
  const dallEOnly = familySignals(op, params, "dall-e");
  const gpt = modelsFor(op).filter((m) => MODEL_RULES[m].family === "gpt-image");
  if (dallEOnly.length === 0) {
    return { model: undefined, known: true, candidates: gpt, source: "gpt-inferred", because: gptOnly };
  }
  return {
    model: undefined,
    known: true,
    candidates: modelsFor(op),
    source: "ambiguous",
    because: [...gptOnly, ...dallEOnly],
  };
}

function byDefault(model: KnownModel): ModelResolution {
  return { model, known: true, candidates: [model], source: "default", because: [] };
}

/** Parameters whose value only models of `family` accept (and no model of the other family). */
function familySignals(op: Operation, params: Record<string, unknown>, family: string): string[] {
  return RULED_PARAMS.filter((param) => {
    // Prompt length and n are limits, not parameters "specific to" a family.
    if (param === "prompt" || param === "n") return false;
    const value = params[param];
    if (value === undefined || value === null) return false;
    const accepting = modelsAccepting(op, param, value);
    return accepting.length > 0 && accepting.every((m) => MODEL_RULES[m].family === family);
  });
}

/** A short description of the resolved model, for messages. */
export function describeResolution(op: Operation, resolution: ModelResolution): string {
  switch (resolution.source) {
    case "explicit":
      return resolution.model ?? "";
    case "default":
      return `${resolution.model} (the API's default for ${OPERATION_NOUN[op]} when model is omitted)`;
    case "gpt-inferred":
      return `the GPT image models (model is omitted and ${resolution.because.join(", ")} implies one)`;
    case "ambiguous":
      return "an unspecified image model (model is omitted)";
  }
}

const OPERATION_NOUN: Record<Operation, string> = {
  generate: "generations",
  edit: "edits",
  variation: "variations",
};

/**
 * The rules of several candidate models combined so that a value is allowed when any candidate allows
 * it: what remains forbidden is forbidden for all of them.
 */
export function combinedRules(op: Operation, candidates: readonly KnownModel[]): OperationRules | undefined {
  const list = candidates.map((m) => rulesFor(m, op)).filter((r): r is OperationRules => r !== undefined);
  const [first, ...rest] = list;
  if (first === undefined) return undefined;
  return rest.reduce(mergeTwo, first);
}

function mergeTwo(a: OperationRules, b: OperationRules): OperationRules {
  const merged: Record<string, unknown> = {
    n: range(a.n, b.n),
    size: {
      values: union(a.size.values, b.size.values),
      ...((a.size.custom ?? b.size.custom) ? { custom: a.size.custom ?? b.size.custom } : {}),
    },
  };
  const prompt =
    a.prompt && b.prompt ? { maxLength: Math.max(a.prompt.maxLength, b.prompt.maxLength) } : undefined;
  set(merged, "prompt", prompt ?? a.prompt ?? b.prompt);
  for (const key of [...ENUM_PARAM_NAMES, "transparentFormats", "compressionFormats"] as const) {
    set(merged, key, optionalUnion<unknown>(a[key], b[key]));
  }
  for (const key of ["output_compression", "partial_images"] as const) {
    const x = a[key];
    const y = b[key];
    set(merged, key, x && y ? range(x, y) : (x ?? y));
  }
  set(merged, "image", a.image && b.image ? mergeImage(a.image, b.image) : (a.image ?? b.image));
  set(merged, "mask", a.mask && b.mask ? mergeMask(a.mask, b.mask) : (a.mask ?? b.mask));
  return merged as unknown as OperationRules;
}

function set(target: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== undefined) target[key] = value;
}

function union<T>(a: readonly T[], b: readonly T[]): T[] {
  return [...new Set([...a, ...b])];
}

function optionalUnion<T>(a: readonly T[] | undefined, b: readonly T[] | undefined): T[] | undefined {
  if (a === undefined && b === undefined) return undefined;
  return union(a ?? [], b ?? []);
}

function range(a: IntRange, b: IntRange): IntRange {
  return { min: Math.min(a.min, b.min), max: Math.max(a.max, b.max) };
}

function mergeImage(a: ImageRule, b: ImageRule): ImageRule {
  return {
    maxCount: Math.max(a.maxCount, b.maxCount),
    formats: union(a.formats, b.formats),
    maxBytes: Math.max(a.maxBytes, b.maxBytes),
    square: a.square && b.square,
  };
}

function mergeMask(a: MaskRule, b: MaskRule): MaskRule {
  return {
    formats: union(a.formats, b.formats),
    maxBytes: Math.max(a.maxBytes, b.maxBytes),
    needsAlpha: a.needsAlpha && b.needsAlpha,
    sameSizeAsImage: a.sameSizeAsImage && b.sameSizeAsImage,
  };
}

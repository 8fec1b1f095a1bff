/**
 * The model rules: one record per documented model, and nothing else. Every check in
 * `validate.ts`, every default in `defaults.ts`, the per-model parameter types in `params.ts` and the
 * README's rules section all read this table, so a rule is written exactly once.
 *
 * Source: the OpenAI Images API reference (the project's seed documents). Where the reference is vague
 * the table leans towards accepting: a valid request must never be refused.
 */
import type { KnownModel } from "../types.js";
import type { ImageInfo } from "./image-info-type.js";

/** The three endpoints. */
export type Operation = "generate" | "edit" | "variation";

/** Which family a model belongs to; "GPT-only" parameters are derived from it. */
export type ModelFamily = "gpt-image" | "dall-e";

/** An inclusive integer range. */
export interface IntRange {
  readonly min: number;
  readonly max: number;
}

/** Free-form `WIDTHxHEIGHT` sizes (gpt-image-2). */
export interface CustomSizeRule {
  /** Both sides must be a multiple of this. */
  readonly multipleOf: number;
  /** Largest allowed ratio of long side to short side (3 means between 1:3 and 3:1). */
  readonly maxAspectRatio: number;
  /** Longest allowed side in pixels. */
  readonly maxEdge: number;
  /** Most pixels allowed (width × height). */
  readonly maxPixels: number;
  /** Above this many pixels the size is experimental: allowed, with a warning. */
  readonly experimentalAbovePixels: number;
}

/** Rules for the uploaded `image` (or `images` references) of an edit or variation. */
export interface ImageRule {
  /** How many images one request may carry. */
  readonly maxCount: number;
  /** Accepted formats, by magic bytes. */
  readonly formats: readonly ImageInfo["format"][];
  /** Each image must be smaller than this many bytes. */
  readonly maxBytes: number;
  /** Whether width must equal height. */
  readonly square: boolean;
}

/** Rules for the edit `mask`. */
export interface MaskRule {
  readonly formats: readonly ImageInfo["format"][];
  readonly maxBytes: number;
  /** Fully transparent pixels mark the edit, so the mask needs an alpha channel. */
  readonly needsAlpha: boolean;
  /** Must have the first image's width and height. */
  readonly sameSizeAsImage: boolean;
}

/** What one model accepts on one endpoint. A parameter left out is not supported by the model there. */
export interface OperationRules {
  /** Present ⇒ `prompt` is required; at most `maxLength` characters (code points). */
  readonly prompt?: { readonly maxLength: number };
  readonly n: IntRange;
  readonly size: { readonly values: readonly string[]; readonly custom?: CustomSizeRule };
  readonly quality?: readonly string[];
  readonly background?: readonly string[];
  readonly output_format?: readonly string[];
  readonly output_compression?: IntRange;
  readonly moderation?: readonly string[];
  readonly response_format?: readonly string[];
  /** Accepted values of `stream`; DALL·E models accept only `false` (the default). */
  readonly stream?: readonly boolean[];
  readonly partial_images?: IntRange;
  readonly style?: readonly string[];
  readonly input_fidelity?: readonly string[];
  /** `output_format` values that `background: "transparent"` works with. */
  readonly transparentFormats?: readonly string[];
  /** `output_format` values that `output_compression` works with. */
  readonly compressionFormats?: readonly string[];
  readonly image?: ImageRule;
  readonly mask?: MaskRule;
}

/** Everything the library knows about one model. An operation left out is not supported by the model. */
export interface ModelRules {
  readonly family: ModelFamily;
  readonly generate?: OperationRules;
  readonly edit?: OperationRules;
  readonly variation?: OperationRules;
}

/**
 * What the API uses when a request leaves a parameter out (only those the rules depend on).
 *
 * @example
 * API_DEFAULTS.editModel; // "gpt-image-1.5"
 */
export const API_DEFAULTS = {
  /** `output_format` when omitted; `transparent` and `output_compression` are judged against it. */
  output_format: "png",
  /** The edit model when `model` is omitted. */
  editModel: "gpt-image-1.5",
  /** The variation model when `model` is omitted. */
  variationModel: "dall-e-2",
  /** The generation model when `model` is omitted and no GPT-image-only parameter is present. */
  generateModel: "dall-e-2",
} as const satisfies Record<string, string>;

// "Less than 4MB / 50MB" in the reference; binary megabytes are the lenient reading.
const MB = 1024 * 1024;

const GPT_SIZES = ["auto", "1024x1024", "1536x1024", "1024x1536"] as const;
const DALL_E_2_SIZES = ["256x256", "512x512", "1024x1024"] as const;
const DALL_E_3_SIZES = ["1024x1024", "1792x1024", "1024x1792"] as const;

// gpt-image-2 takes any WIDTHxHEIGHT within these limits; the standard sizes stay valid too.
const GPT_IMAGE_2_CUSTOM_SIZE = {
  multipleOf: 16,
  maxAspectRatio: 3,
  maxEdge: 3840,
  maxPixels: 3840 * 2160,
  experimentalAbovePixels: 2560 * 1440,
} as const satisfies CustomSizeRule;

const MASK = { formats: ["png"], maxBytes: 4 * MB, needsAlpha: true, sameSizeAsImage: true } as const;

// What every GPT image model takes in both generations and edits.
const GPT_COMMON = {
  prompt: { maxLength: 32000 },
  n: { min: 1, max: 10 },
  size: { values: GPT_SIZES },
  quality: ["low", "medium", "high", "auto"],
  background: ["transparent", "opaque", "auto"],
  output_format: ["png", "jpeg", "webp"],
  output_compression: { min: 0, max: 100 },
  stream: [true, false],
  partial_images: { min: 0, max: 3 },
  transparentFormats: ["png", "webp"],
  compressionFormats: ["jpeg", "webp"],
} as const;

const GPT_GENERATE = {
  ...GPT_COMMON,
  moderation: ["low", "auto"],
} as const satisfies OperationRules;

// gpt-image-1-mini takes everything but input_fidelity; the other GPT image models add it.
const GPT_EDIT_WITHOUT_FIDELITY = {
  ...GPT_COMMON,
  image: { maxCount: 16, formats: ["png", "webp", "jpeg"], maxBytes: 50 * MB, square: false },
  mask: MASK,
} as const satisfies OperationRules;

const GPT_EDIT = {
  ...GPT_EDIT_WITHOUT_FIDELITY,
  input_fidelity: ["high", "low"],
} as const satisfies OperationRules;

// gpt-image-2 and its snapshot: custom sizes, and no transparent backgrounds.
const GPT_IMAGE_2 = {
  family: "gpt-image",
  generate: {
    ...GPT_GENERATE,
    size: { values: GPT_SIZES, custom: GPT_IMAGE_2_CUSTOM_SIZE },
    background: ["opaque", "auto"],
  },
  edit: {
    ...GPT_EDIT,
    size: { values: GPT_SIZES, custom: GPT_IMAGE_2_CUSTOM_SIZE },
    background: ["opaque", "auto"],
  },
} as const satisfies ModelRules;

/**
 * The rules of every documented model. Typed `satisfies Record<KnownModel, ModelRules>`: a model added
 * to `openapi/images.yaml` fails the build until it has a record here.
 *
 * @example
 * MODEL_RULES["dall-e-3"].generate.n.max; // 1
 * "edit" in MODEL_RULES["dall-e-3"];      // false: dall-e-3 cannot edit
 */
export const MODEL_RULES = {
  "gpt-image-1": { family: "gpt-image", generate: GPT_GENERATE, edit: GPT_EDIT },
  "gpt-image-1-mini": { family: "gpt-image", generate: GPT_GENERATE, edit: GPT_EDIT_WITHOUT_FIDELITY },
  "gpt-image-1.5": { family: "gpt-image", generate: GPT_GENERATE, edit: GPT_EDIT },
  "gpt-image-2": GPT_IMAGE_2,
  "gpt-image-2-2026-04-21": GPT_IMAGE_2,
  "chatgpt-image-latest": { family: "gpt-image", generate: GPT_GENERATE, edit: GPT_EDIT },
  "dall-e-2": {
    family: "dall-e",
    generate: {
      prompt: { maxLength: 1000 },
      n: { min: 1, max: 10 },
      size: { values: DALL_E_2_SIZES },
      quality: ["standard", "auto"],
      response_format: ["url", "b64_json"],
      stream: [false],
    },
    edit: {
      prompt: { maxLength: 1000 },
      n: { min: 1, max: 10 },
      size: { values: DALL_E_2_SIZES },
      quality: ["standard", "auto"],
      response_format: ["url", "b64_json"],
      stream: [false],
      image: { maxCount: 1, formats: ["png"], maxBytes: 4 * MB, square: true },
      mask: MASK,
    },
    variation: {
      n: { min: 1, max: 10 },
      size: { values: DALL_E_2_SIZES },
      response_format: ["url", "b64_json"],
      image: { maxCount: 1, formats: ["png"], maxBytes: 4 * MB, square: true },
    },
  },
  "dall-e-3": {
    family: "dall-e",
    generate: {
      prompt: { maxLength: 4000 },
      n: { min: 1, max: 1 },
      size: { values: DALL_E_3_SIZES },
      quality: ["standard", "hd", "auto"],
      response_format: ["url", "b64_json"],
      stream: [false],
      style: ["vivid", "natural"],
    },
  },
} as const satisfies Record<KnownModel, ModelRules>;

/** The table's type, for deriving parameter types from it. */
export type ModelRulesTable = typeof MODEL_RULES;

/**
 * The documented models, in table order.
 *
 * @example
 * KNOWN_MODELS.includes("dall-e-3"); // true
 */
export const KNOWN_MODELS: readonly KnownModel[] = Object.keys(MODEL_RULES) as KnownModel[];

/**
 * True when `model` has a record in the rules table (other names pass through unchecked).
 *
 * @example
 * isKnownModel("gpt-image-2"); // true
 * isKnownModel("flux-dev");    // false
 */
export function isKnownModel(model: unknown): model is KnownModel {
  return typeof model === "string" && Object.hasOwn(MODEL_RULES, model);
}

/**
 * The rules of `model` for `op`, or `undefined` when the model does not support the operation.
 *
 * @example
 * rulesFor("dall-e-2", "variation")?.size.values; // ["256x256", "512x512", "1024x1024"]
 * rulesFor("dall-e-3", "edit");                    // undefined
 */
export function rulesFor(model: KnownModel, op: Operation): OperationRules | undefined {
  const rules: ModelRules = MODEL_RULES[model];
  return rules[op];
}

/**
 * The known models that support `op`, in table order.
 *
 * @example
 * modelsFor("variation"); // ["dall-e-2"]
 */
export function modelsFor(op: Operation): KnownModel[] {
  return KNOWN_MODELS.filter((m) => rulesFor(m, op) !== undefined);
}

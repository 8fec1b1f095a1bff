/**
 * The model table: one row per documented model, with its lifecycle and, per endpoint, the rule of
 * every parameter it takes. The validator, the defaults, the per-model types (`params.ts`), the
 * README tables, the local server and the CLI all read it. Adding a model is: the spec's `ImageModel`
 * enum, one row here and its source in `MODEL_SOURCES`, `npm run generate`.
 *
 * Sources: the seed documents (the API reference of mid-2026), then the official SDK's
 * `resources/images.d.ts` up to openai@7.59.0 for every later change; `MODEL_SOURCES` names each row's.
 * Where the sources say nothing about a model and a parameter, the cell is `UNSTATED`: the parameter
 * is passed through unchecked, never refused. Retired rows keep the rules they had when OpenAI
 * served them, for servers that still do.
 */
import type { KnownModel } from "../types.js";
import type { FormatName } from "./formats.js";
import type { Operation, Retirement } from "./operations.js";
import type { KindOf, RuledParam } from "./parameters.js";

export type { Operation, Retirement } from "./operations.js";

/** A cell the sources leave open: anything the spec allows is passed through unchecked. */
export const UNSTATED = "unstated";
export type Unstated = typeof UNSTATED;

/** An inclusive integer range. */
export interface IntRange {
  readonly min: number;
  readonly max: number;
}

/** Free-form `WIDTHxHEIGHT` sizes. */
export interface CustomSizeRule {
  /** Both sides must be a multiple of this. */
  readonly multipleOf: number;
  /** Largest allowed ratio of long side to short side (3 means between 1:3 and 3:1). */
  readonly maxAspectRatio: number;
  /** Longest allowed side in pixels. */
  readonly maxEdge: number;
  /** Most pixels allowed (width × height). */
  readonly maxPixels: number;
  /** Fewest pixels allowed (width × height): the API's "minimum pixel budget" (`RULE_EVIDENCE`). */
  readonly minPixels?: number;
  /** Above this many pixels the size is experimental: allowed, with a warning. */
  readonly experimentalAbovePixels: number;
}

/** The rule of `size`: listed values, plus custom sizes for the models that take them. */
export interface SizeRule {
  readonly values: readonly string[];
  readonly custom?: CustomSizeRule;
}

/** The rule of an upload (`image`, `mask`, `markup`). */
export interface UploadRule {
  /** Accepted formats, by magic bytes. */
  readonly formats: readonly FormatName[];
  /** Each file must be smaller than this many bytes. */
  readonly maxBytes?: number;
  /** How many files one request may carry. @default 1 */
  readonly maxCount?: number;
  /** Width must equal height. */
  readonly square?: true;
  /** It needs an alpha channel (its transparent pixels carry the meaning). */
  readonly needsAlpha?: true;
  /** It must have the first image's width and height. */
  readonly sameSizeAsImage?: true;
}

/** The shape of a rule, per parameter kind. */
interface RuleByKind {
  prompt: { readonly maxLength: number };
  enum: readonly (string | boolean)[];
  int: IntRange;
  number: true;
  size: SizeRule;
  upload: UploadRule;
  object: true;
  text: never;
}

/** What one model accepts on one endpoint. A parameter left out is refused for the model there. */
export type OperationRules = {
  readonly [P in RuledParam]?: RuleByKind[KindOf<P>] | Unstated;
} & {
  /** Values that are accepted but documented as "in preview" (a warning says so). */
  readonly preview?: { readonly [P in RuledParam]?: readonly unknown[] };
};

/** Everything the library knows about one model. An endpoint left out is not supported by it. */
export interface ModelRules {
  /** GPT image models answer in base64 with usage; DALL·E models with URLs by default. */
  readonly family: "gpt-image" | "dall-e";
  /** Present when OpenAI's API no longer serves the model. */
  readonly retired?: Retirement;
  readonly generate?: OperationRules;
  readonly edit?: OperationRules;
  readonly variation?: OperationRules;
}

// "Less than 4MB / 50MB" in the reference; binary megabytes are the lenient reading.
const MB = 1024 * 1024;

const GPT_SIZES = ["auto", "1024x1024", "1536x1024", "1024x1536"] as const;
const DALL_E_2_SIZES = ["256x256", "512x512", "1024x1024"] as const;

const CUSTOM_SIZES = {
  values: GPT_SIZES,
  custom: {
    multipleOf: 16,
    maxAspectRatio: 3,
    maxEdge: 3840,
    maxPixels: 3840 * 2160,
    // An area, not a side: 800x800 is refused, 816x816 and 1024x640 (655,360) pass.
    minPixels: 1024 * 640,
    experimentalAbovePixels: 2560 * 1440,
  },
} as const satisfies SizeRule;

const MASK = { formats: ["png"], maxBytes: 4 * MB, needsAlpha: true, sameSizeAsImage: true } as const;
const GPT_IMAGES = { maxCount: 16, formats: ["png", "webp", "jpeg"], maxBytes: 50 * MB } as const;
const DALL_E_IMAGE = { formats: ["png"], maxBytes: 4 * MB, square: true } as const;

// The GPT image models as the seed documents describe them; gpt-image-1 keeps exactly these.
const GPT_SEED = {
  prompt: { maxLength: 32000 },
  n: { min: 1, max: 10 },
  size: { values: GPT_SIZES },
  quality: ["low", "medium", "high", "auto"],
  background: ["transparent", "opaque", "auto"],
  output_format: ["png", "jpeg", "webp"],
  output_compression: { min: 0, max: 100 },
  stream: [true, false],
  partial_images: { min: 0, max: 3 },
} as const satisfies OperationRules;

// What every current GPT image model gained: GIF and SVG output with their options (7.51.0, SVG
// edits 7.57.0) and complexity (7.51.0). Which models render GIF or SVG is unstated: none is refused.
const GPT_CURRENT = {
  ...GPT_SEED,
  output_format: ["png", "jpeg", "webp", "gif", "svg"],
  complexity: ["low", "medium", "high"],
  frame_count: { min: 2, max: 16 },
  frame_duration_ms: true,
  svg: true,
} as const satisfies OperationRules;

/** A GPT image model's generate and edit rules from shared parts plus its own differences. */
function gpt<const G extends OperationRules, const E extends OperationRules>(both: G, editOnly: E) {
  return {
    family: "gpt-image",
    generate: { ...both, moderation: ["low", "auto"] },
    edit: { ...both, image: GPT_IMAGES, mask: MASK, ...editOnly },
  } as const;
}

// input_fidelity: high and low on gpt-image-1.5, low only on gpt-image-1-mini, omitted for gpt-image-2
// (7.30.0); unstated for the newer models. markup is documented for GPT Image 2.5 (7.47.0).
const GPT_1_5_SOURCE = "seeds; openai@7.30.0, 7.51.0";
const GPT_1_5 = gpt(GPT_CURRENT, {
  input_fidelity: ["high", "low"],
  markup: UNSTATED,
});

// gpt-image-2 and its snapshot: custom sizes; transparent backgrounds in preview (7.6.0).
const GPT_2_SOURCE = "seeds; openai@7.6.0, 7.30.0, 7.51.0; API answers (pixel budget)";
const GPT_2 = gpt(
  { ...GPT_CURRENT, size: CUSTOM_SIZES, preview: { background: ["transparent"] } },
  { markup: UNSTATED },
);

// The 2.5 models and their snapshots (7.12.1): xhigh and max, custom sizes, transparent, markup.
const GPT_2_5_SOURCE = "openai@7.12.1, 7.47.0, 7.51.0; API answers (pixel budget)";
const GPT_2_5 = gpt(
  { ...GPT_CURRENT, size: CUSTOM_SIZES, quality: ["low", "medium", "high", "xhigh", "max", "auto"] },
  { input_fidelity: UNSTATED, markup: { formats: ["png"], needsAlpha: true, sameSizeAsImage: true } },
);

// The 2.6 models (7.51.0) are named as generate and edit models; their qualities, sizes, backgrounds
// and input fidelity are not documented, so those cells stay open.
const GPT_2_6_SOURCE = "openai@7.51.0 (names only)";
const GPT_2_6 = gpt(
  { ...GPT_CURRENT, quality: UNSTATED, size: UNSTATED, background: UNSTATED },
  { input_fidelity: UNSTATED, markup: UNSTATED },
);

// dall-e-2 as the seed documents describe it: its edits take what its generations take, plus uploads.
const DALL_E_2 = {
  prompt: { maxLength: 1000 },
  n: { min: 1, max: 10 },
  size: { values: DALL_E_2_SIZES },
  quality: ["standard", "auto"],
  response_format: ["url", "b64_json"],
  stream: [false],
} as const satisfies OperationRules;

const GPT_IMAGE_1_RETIRED = {
  date: "2026-10-23",
  replacement: "gpt-image-2.5-sunburst or gpt-image-2.5-flare",
  source: "openai@7.45.1",
} as const satisfies Retirement;

const DALL_E_RETIRED = {
  date: "2026-05-12",
  replacement: "a GPT image model, e.g. gpt-image-2.5-sunburst",
  source: "openai@7.28.0",
} as const satisfies Retirement;

/**
 * The rules of every documented model. Typed `satisfies Record<KnownModel, ModelRules>`: a model added
 * to `openapi/images.yaml` fails the build until it has a row here.
 *
 * @example
 * MODEL_RULES["dall-e-3"].generate.n.max; // 1
 * MODEL_RULES["gpt-image-1"].retired;     // { date: "2026-10-23", … }
 */
export const MODEL_RULES = {
  "gpt-image-2.5-sunburst": GPT_2_5,
  "gpt-image-2.5-sunburst-2026-09-08": GPT_2_5,
  "gpt-image-2.5-flare": GPT_2_5,
  "gpt-image-2.5-flare-2026-09-08": GPT_2_5,
  "gpt-image-2.6-sunburst": GPT_2_6,
  "gpt-image-2.6-flare": GPT_2_6,
  "gpt-image-2": GPT_2,
  "gpt-image-2-2026-04-21": GPT_2,
  "gpt-image-1.5": GPT_1_5,
  "gpt-image-1-mini": gpt(GPT_CURRENT, {
    input_fidelity: ["low"],
    markup: UNSTATED,
  }),
  "chatgpt-image-latest": GPT_1_5,
  "gpt-image-1": {
    ...gpt(GPT_SEED, { input_fidelity: ["high", "low"] }),
    retired: GPT_IMAGE_1_RETIRED,
  },
  "dall-e-2": {
    family: "dall-e",
    retired: DALL_E_RETIRED,
    generate: DALL_E_2,
    edit: { ...DALL_E_2, image: DALL_E_IMAGE, mask: MASK },
    variation: {
      n: { min: 1, max: 10 },
      size: { values: DALL_E_2_SIZES },
      response_format: ["url", "b64_json"],
      image: DALL_E_IMAGE,
    },
  },
  "dall-e-3": {
    family: "dall-e",
    retired: DALL_E_RETIRED,
    generate: {
      prompt: { maxLength: 4000 },
      n: { min: 1, max: 1 },
      size: { values: ["1024x1024", "1792x1024", "1024x1792"] },
      quality: ["standard", "hd", "auto"],
      response_format: ["url", "b64_json"],
      stream: [false],
      style: ["vivid", "natural"],
    },
  },
} as const satisfies Record<KnownModel, ModelRules>;

/**
 * Where each row's rules come from: the seed documents and the official SDK versions that state them
 * (the README's model table shows it). Kept beside the table rather than in its rows, so the client's
 * bundle, which never shows it, does not carry it.
 */
export const MODEL_SOURCES = {
  "gpt-image-2.5-sunburst": GPT_2_5_SOURCE,
  "gpt-image-2.5-sunburst-2026-09-08": GPT_2_5_SOURCE,
  "gpt-image-2.5-flare": GPT_2_5_SOURCE,
  "gpt-image-2.5-flare-2026-09-08": GPT_2_5_SOURCE,
  "gpt-image-2.6-sunburst": GPT_2_6_SOURCE,
  "gpt-image-2.6-flare": GPT_2_6_SOURCE,
  "gpt-image-2": GPT_2_SOURCE,
  "gpt-image-2-2026-04-21": GPT_2_SOURCE,
  "gpt-image-1.5": GPT_1_5_SOURCE,
  "gpt-image-1-mini": GPT_1_5_SOURCE,
  "chatgpt-image-latest": GPT_1_5_SOURCE,
  "gpt-image-1": "seeds",
  "dall-e-2": "seeds",
  "dall-e-3": "seeds",
} as const satisfies Record<KnownModel, string>;

/**
 * The rules that come from how the API answers rather than from the documentation, each with the
 * evidence it follows: ids of `API_ANSWERS` (`api-answers.ts`), where the quotes, dates and sources
 * are. Kept beside the table, out of the client's bundle; a test checks that every id exists.
 */
export const RULE_EVIDENCE = {
  /** `CustomSizeRule.minPixels`: gpt-image-2 and the 2.5 models refuse sizes under 655,360 pixels. */
  "size.minPixels": [
    "size-below-pixel-budget:768x768",
    "size-below-pixel-budget:800x800",
    "size-below-pixel-budget:1024x576",
    "size-below-pixel-budget:gpt-image-2.5",
    "size-accepted:816x816",
    "size-accepted:1024x640",
  ],
  /** The prompt may not be empty (blank is fine). */
  "prompt.notEmpty": ["prompt-empty", "prompt-blank-accepted"],
  /** A null for a parameter the model does not take is an unknown parameter, not an absent one. */
  "null.notTaken": ["response-format-gpt-image-2:null", "input-fidelity-null-on-generation"],
  /** Names the Images API does not have are refused on OpenAI's API. */
  "param.unknownName": ["unknown-parameter:bogus_field", "unknown-parameter:x_proxy_image_route"],
  /** The model must be a string, and one the API serves ("" does not exist). */
  "model.string": ["model-decimal", "model-boolean", "model-does-not-exist:empty"],
  /** Unknown model names: passed through, with a warning on OpenAI's API, which answers "does not exist". */
  "model.unknownWarning": ["model-does-not-exist:gpt-image-9"],
} as const;

/** The table's type, for deriving parameter types from it. */
export type ModelRulesTable = typeof MODEL_RULES;

/**
 * The model a request uses when neither it nor the client names one. Since openai@7.28.0 the API
 * documents no default, so the client always sends a model: this one.
 *
 * @example
 * DEFAULT_MODELS.generate; // "gpt-image-2.5-sunburst"
 */
export const DEFAULT_MODELS = {
  generate: "gpt-image-2.5-sunburst",
  edit: "gpt-image-2.5-sunburst",
  // The retired endpoint's only model.
  variation: "dall-e-2",
} as const satisfies Record<Operation, KnownModel>;

/**
 * The documented models, in table order (current models first).
 *
 * @example
 * KNOWN_MODELS.includes("dall-e-3"); // true
 */
export const KNOWN_MODELS: readonly KnownModel[] = Object.keys(MODEL_RULES) as KnownModel[];

/**
 * True when `model` has a row in the table (other names pass through unchecked).
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
 * rulesFor("dall-e-2", "variation")?.size; // { values: ["256x256", "512x512", "1024x1024"] }
 * rulesFor("dall-e-3", "edit");            // undefined
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

/**
 * The retirement of `model`, or `undefined` while OpenAI serves it (and for unknown names).
 *
 * @example
 * retirementOf("dall-e-3")?.date; // "2026-05-12"
 */
export function retirementOf(model: string): Retirement | undefined {
  return isKnownModel(model) ? (MODEL_RULES[model] as ModelRules).retired : undefined;
}

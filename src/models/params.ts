/**
 * Per-model parameter types, derived from the rules table (`typeof MODEL_RULES`), so the types and the
 * runtime checks cannot drift: change a rule and both change. The commonest mistakes fail to compile:
 *
 * ```ts
 * // @ts-expect-error dall-e-3 makes one image per request
 * client.generate({ model: "dall-e-3", prompt: "otter", n: 2 });
 * ```
 *
 * Unknown model names (OpenAI-compatible servers) accept every documented parameter.
 *
 * Each `XxxParams<M>` starts with `{ model?: M }` so a generic method infers `M` from the literal:
 * `generate<M extends string | undefined = undefined>(params: GenerateParams<M>)`.
 */
import type {
  CreateImageEditRequest,
  CreateImageRequest,
  ImageRef,
  KnownModel,
  Uploadable,
} from "../types.js";
import type { ModelRulesTable, Operation } from "./rules.js";

/** The rules of model `M` for operation `O` (never when `M` does not support `O`). */
type OpRules<M extends KnownModel, O extends Operation> = ModelRulesTable[M] extends {
  readonly [K in O]: infer R;
}
  ? R
  : never;

/** The values a listed parameter accepts, or `never` when the model does not take it. */
type ListValues<R, K extends string> = R extends { readonly [P in K]: readonly (infer V)[] } ? V : never;

/** A number parameter: `number` when the model takes it. */
type RangeValue<R, K extends string> = R extends { readonly [P in K]: { readonly max: number } }
  ? number
  : never;

/** An optional field whose type is `T`; a field the model does not take may only be `undefined`. */
type Field<T> = [T] extends [never] ? undefined : T | undefined;

/** `n`: exactly `1` for models limited to one image, else any number (the range is checked at run time). */
type Count<R> = R extends { readonly n: { readonly max: 1 } } ? 1 : number;

/** `size`: the listed sizes, plus `WIDTHxHEIGHT` for models that take custom sizes. */
type Size<R> = R extends { readonly size: { readonly values: readonly (infer V)[]; readonly custom: object } }
  ? V | `${number}x${number}`
  : R extends { readonly size: { readonly values: readonly (infer V)[] } }
    ? V
    : never;

/** Parameters every operation shares. */
interface Common {
  /** A unique identifier for your end-user, to help detect abuse. */
  user?: string | undefined;
}

/** Output parameters shared by generations and edits, typed by the rules `R`. */
interface OutputFields<R> extends Common {
  n?: Field<Count<R>>;
  size?: Field<Size<R>>;
  quality?: Field<ListValues<R, "quality">>;
  background?: Field<ListValues<R, "background">>;
  output_format?: Field<ListValues<R, "output_format">>;
  output_compression?: Field<RangeValue<R, "output_compression">>;
  response_format?: Field<ListValues<R, "response_format">>;
  stream?: Field<ListValues<R, "stream">>;
  partial_images?: Field<RangeValue<R, "partial_images">>;
}

/** Generation parameters for the documented model `M`. */
export interface KnownGenerateParams<M extends KnownModel, R = OpRules<M, "generate">>
  extends OutputFields<R> {
  model: M;
  /** What to draw. */
  prompt: string;
  moderation?: Field<ListValues<R, "moderation">>;
  style?: Field<ListValues<R, "style">>;
}

/** How an edit's source images are given: uploads in `image`, or references in `images`. */
type EditImages<R> =
  | {
      /** The image(s) to edit. Models limited to one image take exactly one. */
      image: R extends { readonly image: { readonly maxCount: 1 } }
        ? Uploadable | readonly [Uploadable]
        : Uploadable | readonly Uploadable[];
      images?: undefined;
      /** A PNG whose fully transparent pixels mark where to edit; same size as the first image. */
      mask?: Uploadable | undefined;
    }
  | {
      /** The images to edit, by URL (`https:` or `data:`) or file id. */
      images: readonly ImageRef[];
      image?: undefined;
      mask?: ImageRef | undefined;
    };

/** Edit parameters for the documented model `M` (which must support edits). */
export type KnownEditParams<M extends KnownModel, R = OpRules<M, "edit">> = OutputFields<R> &
  EditImages<R> & {
    model: M;
    /** What the edited image should show. */
    prompt: string;
    input_fidelity?: Field<ListValues<R, "input_fidelity">>;
  };

/** Variation parameters for the documented model `M` (which must support variations). */
export interface KnownVariationParams<M extends KnownModel, R = OpRules<M, "variation">> extends Common {
  model: M;
  /** The image to vary: a square PNG under 4 MB. */
  image: Uploadable;
  n?: Field<Count<R>>;
  size?: Field<Size<R>>;
  response_format?: Field<ListValues<R, "response_format">>;
}

/** The documented models that support operation `O`. */
export type ModelsFor<O extends Operation> = {
  [M in KnownModel]: [OpRules<M, O>] extends [never] ? never : M;
}[KnownModel];

/** Makes `model` optional (the API default applies) on a parameter type. */
type WithoutModel<T> = T extends unknown ? Omit<T, "model"> & { model?: undefined } : never;

/** Every documented parameter, loosely typed, for model names the rules do not know. */
type Loose<T> = { [K in keyof T]: T[K] | undefined };

/** Generation parameters for a model the rules do not know: everything the API documents. */
export type UnknownModelGenerateParams<M extends string> = Loose<
  Omit<CreateImageRequest, "model" | "prompt">
> & {
  model: M;
  prompt: string;
};

/** Edit parameters for a model the rules do not know. */
export type UnknownModelEditParams<M extends string> = Loose<
  Omit<CreateImageEditRequest, "model" | "prompt" | "image" | "mask">
> &
  EditImages<unknown> & { model: M; prompt: string };

/** Variation parameters for a model the rules do not know. */
export interface UnknownModelVariationParams<M extends string> extends Common {
  model: M;
  image: Uploadable;
  n?: number | undefined;
  size?: string | undefined;
  response_format?: CreateImageRequest["response_format"] | undefined;
}

/**
 * Parameters of `generate`, typed for the model `M`. Without `model` the API picks `dall-e-2`, or a
 * GPT image model when a GPT-only parameter is present, so every documented parameter is accepted
 * and the run-time rules decide.
 *
 * @example
 * const params: GenerateParams<"gpt-image-1.5"> = { model: "gpt-image-1.5", prompt: "otter", quality: "high" };
 */
export type GenerateParams<M extends string | undefined = string | undefined> = {
  model?: M;
} & GenerateParamsOf<M>;

type GenerateParamsOf<M extends string | undefined> = M extends KnownModel
  ? M extends ModelsFor<"generate">
    ? KnownGenerateParams<M>
    : never
  : M extends string
    ? UnknownModelGenerateParams<M>
    : WithoutModel<UnknownModelGenerateParams<string>>;

/**
 * Parameters of `edit`, typed for the model `M`; without `model` they are `gpt-image-1.5`'s, the
 * API's default. `dall-e-3` cannot edit, so `EditParams<"dall-e-3">` is `never`.
 *
 * @example
 * const params: EditParams<"dall-e-2"> = { model: "dall-e-2", prompt: "beret", image: png, size: "512x512" };
 */
export type EditParams<M extends string | undefined = string | undefined> = { model?: M } & EditParamsOf<M>;

type EditParamsOf<M extends string | undefined> = M extends KnownModel
  ? M extends ModelsFor<"edit">
    ? KnownEditParams<M>
    : never
  : M extends string
    ? UnknownModelEditParams<M>
    : WithoutModel<KnownEditParams<"gpt-image-1.5">>;

/**
 * Parameters of `createVariation`: only `dall-e-2` makes variations (also the default without `model`).
 *
 * @example
 * const params: VariationParams<"dall-e-2"> = { model: "dall-e-2", image: png, n: 2 };
 */
export type VariationParams<M extends string | undefined = string | undefined> = {
  model?: M;
} & VariationParamsOf<M>;

type VariationParamsOf<M extends string | undefined> = M extends KnownModel
  ? M extends ModelsFor<"variation">
    ? KnownVariationParams<M>
    : never
  : M extends string
    ? UnknownModelVariationParams<M>
    : WithoutModel<KnownVariationParams<"dall-e-2">>;

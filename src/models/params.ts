/**
 * Per-model parameter types, derived from the model table (`typeof MODEL_RULES`) and the parameter
 * declarations (`PARAMETERS`), so the types and the run-time checks cannot drift: change a rule or
 * declare a parameter and both change. The commonest mistakes fail to compile:
 *
 * ```ts
 * // @ts-expect-error xhigh is for the gpt-image-2.5 models
 * client.generate({ model: "gpt-image-1.5", prompt: "otter", quality: "xhigh" });
 * ```
 *
 * Unknown model names (OpenAI-compatible servers), and requests that leave the model to the client's
 * settings, accept every documented parameter; the run-time rules decide.
 *
 * Each `XxxParams<M>` starts with `{ model?: M }` so a generic method infers `M` from the literal:
 * `generate<M extends string | null | undefined = undefined>(params: GenerateParams<M>)`.
 */
import type {
  CreateImageEditRequest,
  CreateImageRequest,
  CreateImageVariationRequest,
  ImageRef,
  KnownModel,
  Uploadable,
} from "../types.js";
import type { Operation } from "./operations.js";
import type { KindOf, ParamName, ParamsOfKind, RuledParam, UploadParam } from "./parameters.js";
import type { DEFAULT_MODELS, ModelRulesTable, Unstated } from "./rules.js";

/** The rules of model `M` for operation `O` (never when `M` does not support `O`). */
type OpRules<M extends KnownModel, O extends Operation> = ModelRulesTable[M] extends {
  readonly [K in O]: infer R;
}
  ? R
  : never;

/** The spec's request body of each operation. */
interface SpecBodies {
  generate: CreateImageRequest;
  edit: CreateImageEditRequest;
  variation: CreateImageVariationRequest;
}

/** The spec's type of `P` on operation `O`, without `null`. */
type SpecType<O extends Operation, P extends string> = P extends keyof SpecBodies[O]
  ? NonNullable<SpecBodies[O][P]>
  : never;

/** The rule of `P` in `R`, or `never` when the model does not take it. */
type RuleOf<R, P extends string> = R extends { readonly [K in P]: infer V } ? V : never;

/** `size`: the listed sizes, plus `WIDTHxHEIGHT` for models that take custom sizes. */
type Size<S> = S extends { readonly values: readonly (infer V)[]; readonly custom: object }
  ? V | `${number}x${number}`
  : S extends { readonly values: readonly (infer V)[] }
    ? V
    : never;

/** The value type of a rule, by the parameter's kind. */
type ValueOf<O extends Operation, P extends RuledParam, Rule> = Rule extends Unstated
  ? SpecType<O, P>
  : KindOf<P> extends "enum"
    ? Rule extends readonly (infer V)[]
      ? V
      : never
    : KindOf<P> extends "int"
      ? Rule extends { readonly min: 1; readonly max: 1 }
        ? 1
        : number
      : KindOf<P> extends "number"
        ? number
        : KindOf<P> extends "size"
          ? Size<Rule>
          : KindOf<P> extends "upload"
            ? Uploadable
            : SpecType<O, P>;

/** The type of `P` for a model with rules `R` on `O`: `never` when the model does not take it. */
type ParamType<O extends Operation, R, P extends RuledParam> = [RuleOf<R, P>] extends [never]
  ? never
  : ValueOf<O, P, RuleOf<R, P>>;

/**
 * `null` when the spec lets `P` on `O` be null (the API reads it as "not given"), else `never`.
 * Nullable fields take `null` whatever the model, as the official SDK's types do.
 */
type NullOf<O extends Operation, P extends string> = P extends keyof SpecBodies[O]
  ? null extends SpecBodies[O][P]
    ? null
    : never
  : never;

/** An optional field whose type is `T`; a field the model does not take may only be `undefined`. */
type Field<T> = [T] extends [never] ? undefined : T | undefined;

/** Parameters every model takes on `O` (kind `text`), typed from the spec. */
type TextFields<O extends Operation> = {
  [P in ParamsOfKind<"text"> & keyof SpecBodies[O]]?: SpecBodies[O][P] | undefined;
};

/** The ruled parameters of a request besides the prompt and the uploads. */
type OptionParam = Exclude<RuledParam, ParamsOfKind<"prompt"> | ParamsOfKind<"upload">>;

/** The option parameters of operation `O` (those its spec body has), typed by the rules `R`. */
type OptionFields<O extends Operation, R> = {
  [P in OptionParam & keyof SpecBodies[O]]?: Field<ParamType<O, R, P>> | NullOf<O, P>;
} & TextFields<O>;

/** Generation parameters for the documented model `M`. */
export type KnownGenerateParams<M extends KnownModel, R = OpRules<M, "generate">> = OptionFields<
  "generate",
  R
> & {
  model: M;
  /** What to draw. */
  prompt: string;
};

/** How an edit's source images are given: uploads in `image`, or references in `images`. */
type EditImages<R> =
  | {
      /** The image(s) to edit. Models limited to one image take exactly one. */
      image: R extends { readonly image: { readonly maxCount: number } }
        ? Uploadable | readonly Uploadable[]
        : Uploadable | readonly [Uploadable];
      images?: undefined;
      /** A PNG whose fully transparent pixels mark where to edit; same size as the first image. */
      mask?: Field<ParamType<"edit", R, "mask">>;
      /** A PNG with transparent pixels overlaid on the first image to guide the edit; never with `mask`. */
      markup?: Field<ParamType<"edit", R, "markup">>;
    }
  | {
      /** The images to edit, by URL (`https:` or `data:`) or file id. */
      images: readonly ImageRef[];
      image?: undefined;
      mask?: ([ParamType<"edit", R, "mask">] extends [never] ? undefined : ImageRef) | undefined;
      markup?: ([ParamType<"edit", R, "markup">] extends [never] ? undefined : ImageRef) | undefined;
    };

/** Edit parameters for the documented model `M` (which must support edits). */
export type KnownEditParams<M extends KnownModel, R = OpRules<M, "edit">> = OptionFields<"edit", R> &
  EditImages<R> & {
    model: M;
    /** What the edited image should show. */
    prompt: string;
  };

/** Variation parameters for the documented model `M` (which must support variations). */
export type KnownVariationParams<M extends KnownModel, R = OpRules<M, "variation">> = OptionFields<
  "variation",
  R
> & {
  model: M;
  /** The image to vary: a square PNG under 4 MB. */
  image: Uploadable;
};

/** The documented models that support operation `O`. */
export type ModelsFor<O extends Operation> = {
  [M in KnownModel]: [OpRules<M, O>] extends [never] ? never : M;
}[KnownModel];

/** Makes `model` optional (the client's model or the documented default applies). */
type WithoutModel<T> = T extends unknown ? Omit<T, "model"> & { model?: null | undefined } : never;

/** Every documented parameter of `Body`, loosely typed, for models the rules do not decide. */
type Loose<Body> = { [K in keyof Body]?: Body[K] | undefined };

/** Generation parameters for a model the rules do not know: everything the API documents. */
export type UnknownModelGenerateParams<M extends string> = Loose<
  Omit<CreateImageRequest, "model" | "prompt">
> & {
  model: M;
  prompt: string;
};

/** Edit parameters for a model the rules do not know. */
export type UnknownModelEditParams<M extends string> = Loose<
  Omit<CreateImageEditRequest, "model" | "prompt" | UploadParam>
> &
  EditImages<{
    readonly image: { readonly maxCount: number };
    readonly mask: Unstated;
    readonly markup: Unstated;
  }> & {
    model: M;
    prompt: string;
  };

/** Variation parameters for a model the rules do not know. */
export type UnknownModelVariationParams<M extends string> = Loose<
  Omit<CreateImageVariationRequest, "model" | "image">
> & {
  model: M;
  image: Uploadable;
};

/**
 * Parameters of `generate`, typed for the model `M`. Without `model` the client's model or the
 * documented default (`DEFAULT_MODELS.generate`) is sent, and every documented parameter is accepted
 * at compile time; the run-time rules decide.
 *
 * @example
 * const params: GenerateParams<"gpt-image-2.5-flare"> = { model: "gpt-image-2.5-flare", prompt: "otter", quality: "max" };
 */
export type GenerateParams<M extends string | null | undefined = string | null | undefined> = {
  model?: M;
} & GenerateParamsOf<M>;

type GenerateParamsOf<M extends string | null | undefined> = M extends KnownModel
  ? M extends ModelsFor<"generate">
    ? KnownGenerateParams<M>
    : never
  : M extends string
    ? UnknownModelGenerateParams<M>
    : WithoutModel<UnknownModelGenerateParams<string>>;

/**
 * Parameters of `edit`, typed for the model `M`. `dall-e-3` cannot edit, so `EditParams<"dall-e-3">`
 * is `never`.
 *
 * @example
 * const params: EditParams<"gpt-image-2.5-flare"> = { model: "gpt-image-2.5-flare", prompt: "beret", image: png, markup };
 */
export type EditParams<M extends string | null | undefined = string | null | undefined> = {
  model?: M;
} & EditParamsOf<M>;

type EditParamsOf<M extends string | null | undefined> = M extends KnownModel
  ? M extends ModelsFor<"edit">
    ? KnownEditParams<M>
    : never
  : M extends string
    ? UnknownModelEditParams<M>
    : WithoutModel<UnknownModelEditParams<string>>;

/**
 * Parameters of `createVariation` (a retired endpoint): only `dall-e-2` made variations, and it is
 * the default without `model`.
 *
 * @example
 * const params: VariationParams<"dall-e-2"> = { model: "dall-e-2", image: png, n: 2 };
 */
export type VariationParams<M extends string | null | undefined = string | null | undefined> = {
  model?: M;
} & VariationParamsOf<M>;

type VariationParamsOf<M extends string | null | undefined> = M extends KnownModel
  ? M extends ModelsFor<"variation">
    ? KnownVariationParams<M>
    : never
  : M extends string
    ? UnknownModelVariationParams<M>
    : WithoutModel<KnownVariationParams<(typeof DEFAULT_MODELS)["variation"]>>;

/** Every parameter name `P` of the declarations is typed here or in the spec: a compile-time check. */
export type DeclaredParamsAreInSpec = Exclude<
  ParamName,
  keyof CreateImageRequest | keyof CreateImageEditRequest | keyof CreateImageVariationRequest
>;

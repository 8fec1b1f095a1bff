/**
 * The request parameters, declared once. A parameter's kind decides how its rule in the model table
 * is written and judged, how its per-model type is derived, how its README cell is rendered, whether
 * it can have a client default, and how the CLI parses its flags (`src/cli/flags.ts` names them). Adding a parameter is: the spec, one line
 * here, rules in the model table (`rules.ts`) where models take it, `npm run generate`.
 */

/**
 * How a parameter's rule is written in the model table:
 * - `prompt`: `{ maxLength }`; the parameter is required where the rule exists;
 * - `enum`: the list of allowed values;
 * - `int`: an inclusive `{ min, max }` range of integers;
 * - `number`: `true` (any number the spec allows);
 * - `size`: listed sizes, plus a custom `WIDTHxHEIGHT` rule;
 * - `upload`: an `UploadRule` (formats, byte limit, count, shape);
 * - `object`: `true` (the nested fields are checked against the spec's enums);
 * - `text`: not in the model table; every model takes it on the operations listed in `ops`.
 */
export type ParamKind = "prompt" | "enum" | "int" | "number" | "size" | "upload" | "object" | "text";

/** One parameter's declaration. */
export interface ParamInfo {
  readonly kind: ParamKind;
  /** For `text` parameters: the operations that take them. */
  readonly ops?: readonly ("generate" | "edit" | "variation")[];
  /** For uploads: a parameter it can never be sent with. */
  readonly excludes?: string;
  /** Cannot be a client default: it changes what a call returns (`stream`). */
  readonly noDefault?: true;
  /**
   * The API's code when a model that does not take the parameter gets it on an operation, where it
   * is not `unknown_parameter` (evidence: `api-answers.ts`).
   */
  readonly refusedAs?: { readonly [op in "generate" | "edit" | "variation"]?: string };
}

/**
 * The reasoning efforts of an SVG author (`svg.reasoning.effort`), as the spec's `SvgReasoningEffort`
 * lists them; model-rules-spec.test.ts fails when the two differ. Kept here rather than imported from
 * `generated/` so the client's bundle does not carry the generated module.
 */
export const SVG_EFFORTS = ["none", "minimal", "low", "medium", "high", "xhigh", "max"] as const;

/**
 * Every request parameter the library knows, in the order messages and tables list them.
 *
 * @example
 * PARAMETERS.quality.kind;        // "enum"
 * PARAMETERS.frame_count.kind;    // "int"
 */
export const PARAMETERS = {
  prompt: { kind: "prompt" },
  image: { kind: "upload" },
  mask: { kind: "upload" },
  markup: { kind: "upload", excludes: "mask" },
  n: { kind: "int" },
  size: { kind: "size" },
  quality: { kind: "enum" },
  background: { kind: "enum" },
  output_format: { kind: "enum" },
  output_compression: { kind: "int" },
  moderation: { kind: "enum" },
  // gpt-image-2 answers an edit's input_fidelity with its own code (input-fidelity-gpt-image-2-edit).
  input_fidelity: { kind: "enum", refusedAs: { edit: "invalid_input_fidelity_model" } },
  complexity: { kind: "enum" },
  frame_count: { kind: "int" },
  frame_duration_ms: { kind: "number" },
  svg: { kind: "object" },
  stream: { kind: "enum", noDefault: true },
  partial_images: { kind: "int" },
  response_format: { kind: "enum" },
  style: { kind: "enum" },
  safety_identifier: { kind: "text", ops: ["generate", "edit"] },
  user: { kind: "text", ops: ["generate", "edit", "variation"] },
} as const satisfies Record<string, ParamInfo>;

/** A parameter the library knows. */
export type ParamName = keyof typeof PARAMETERS;

/** The kind of parameter `P`. */
export type KindOf<P extends ParamName> = (typeof PARAMETERS)[P]["kind"];

/** The parameters whose rules live in the model table (every kind but `text`). */
export type RuledParam = { [P in ParamName]: KindOf<P> extends "text" ? never : P }[ParamName];

/** The parameters of kind `K`. */
export type ParamsOfKind<K extends ParamKind> = {
  [P in ParamName]: KindOf<P> extends K ? P : never;
}[ParamName];

/**
 * Why a parameter is deprecated (it is still accepted and typed), for the README. Kept beside
 * `PARAMETERS` rather than in it, so the client's bundle, which never shows it, does not carry it.
 */
export const DEPRECATIONS: { readonly [P in ParamName]?: string } = {
  response_format: "a legacy parameter of the retired DALL·E models",
  style: "a legacy parameter of the retired dall-e-3",
  user: "use safety_identifier",
};

/** The parameters, in declaration order. */
export const PARAM_NAMES = Object.keys(PARAMETERS) as ParamName[];

/** The upload parameters: `image`, `mask`, `markup`. */
export type UploadParam = ParamsOfKind<"upload">;

/** The uploads that go with an edit's first image (every upload but `image`): `mask`, `markup`. */
export type OverlayParam = Exclude<UploadParam, "image">;

/** The upload parameters, in declaration order. */
export const UPLOAD_PARAMS = /* @__PURE__ */ PARAM_NAMES.filter(
  (p) => PARAMETERS[p].kind === "upload",
) as UploadParam[];

/** The overlay uploads, in declaration order. */
export const OVERLAY_PARAMS = /* @__PURE__ */ UPLOAD_PARAMS.filter((p) => p !== "image") as OverlayParam[];

/** The parameters that have rules in the model table, in declaration order. */
export const RULED_PARAMS = PARAM_NAMES.filter((p) => PARAMETERS[p].kind !== "text") as RuledParam[];

/**
 * The parameters a client may give a default: everything but the prompt, uploads and `stream`.
 *
 * @example
 * DEFAULTABLE_PARAMS.includes("quality"); // true
 */
export const DEFAULTABLE_PARAMS = PARAM_NAMES.filter((p) => {
  const info: ParamInfo = PARAMETERS[p];
  return info.kind !== "prompt" && info.kind !== "upload" && !info.noDefault;
});

/** The declaration of `name`, or `undefined` for a name the library does not know. */
export function paramInfo(name: string): ParamInfo | undefined {
  return Object.hasOwn(PARAMETERS, name) ? (PARAMETERS as Record<string, ParamInfo>)[name] : undefined;
}

/**
 * The request parameters, declared once. A parameter's kind decides how its rule in the model table
 * is written and judged, how its per-model type is derived, how its README cell is rendered, whether
 * it can have a client default, and which CLI flags set it. Adding a parameter is: the spec, one line
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

/** A command-line flag that sets a parameter (or one field of an object parameter). */
export interface CliFlag {
  /** The long flag, without `--`. */
  readonly flag: string;
  readonly short?: string;
  /** What the value is; the allowed values are appended from the model table. */
  readonly help: string;
  /** How the flag's text becomes the value. @default "string" */
  readonly type?: "string" | "int" | "number" | "boolean" | "file";
  /** For object parameters: the field the flag sets, e.g. `["reasoning", "effort"]`. */
  readonly path?: readonly string[];
  /** Allowed values of a nested field, listed in the help (top-level values come from the model table). */
  readonly values?: readonly string[];
}

/** One parameter's declaration. */
export interface ParamInfo {
  readonly kind: ParamKind;
  /** For `text` parameters: the operations that take them. */
  readonly ops?: readonly ("generate" | "edit" | "variation")[];
  /** The flags that set it on the command line. */
  readonly cli?: readonly CliFlag[];
  /** For uploads: a parameter it can never be sent with. */
  readonly excludes?: string;
  /** Why it is deprecated (it is still accepted and typed). */
  readonly deprecated?: string;
  /** Cannot be a client default: it changes what a call returns (`stream`). */
  readonly noDefault?: true;
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
 * PARAMETERS.frame_count.cli;     // [{ flag: "frames", type: "int", … }]
 */
export const PARAMETERS = {
  prompt: { kind: "prompt" },
  image: { kind: "upload" },
  mask: {
    kind: "upload",
    cli: [{ flag: "mask", type: "file", help: "PNG whose fully transparent pixels mark where to edit" }],
  },
  markup: {
    kind: "upload",
    excludes: "mask",
    cli: [
      {
        flag: "markup",
        type: "file",
        help: "PNG with transparent pixels, overlaid on the first image to guide the edit",
      },
    ],
  },
  n: { kind: "int", cli: [{ flag: "n", short: "n", type: "int", help: "number of images" }] },
  size: { kind: "size", cli: [{ flag: "size", short: "s", help: "image size" }] },
  quality: { kind: "enum", cli: [{ flag: "quality", short: "q", help: "rendering quality" }] },
  background: { kind: "enum", cli: [{ flag: "background", help: "background transparency" }] },
  output_format: { kind: "enum", cli: [{ flag: "format", short: "f", help: "output format" }] },
  output_compression: {
    kind: "int",
    cli: [{ flag: "compression", type: "int", help: "compression in percent" }],
  },
  moderation: { kind: "enum", cli: [{ flag: "moderation", help: "content-moderation level" }] },
  input_fidelity: {
    kind: "enum",
    cli: [{ flag: "input-fidelity", help: "how closely to keep the input images' features" }],
  },
  complexity: { kind: "enum", cli: [{ flag: "complexity", help: "planning effort, apart from quality" }] },
  frame_count: { kind: "int", cli: [{ flag: "frames", type: "int", help: "GIF frames" }] },
  frame_duration_ms: {
    kind: "number",
    cli: [{ flag: "frame-duration", type: "number", help: "GIF delay per frame in ms (rounded to 10 ms)" }],
  },
  svg: {
    kind: "object",
    cli: [
      { flag: "svg-model", path: ["model"], help: "the model that authors SVG output" },
      {
        flag: "svg-effort",
        path: ["reasoning", "effort"],
        help: "SVG author's reasoning effort",
        values: SVG_EFFORTS,
      },
    ],
  },
  stream: {
    kind: "enum",
    noDefault: true,
    cli: [
      { flag: "stream", type: "boolean", help: "stream partial images; each is saved beside the output" },
    ],
  },
  partial_images: {
    kind: "int",
    cli: [{ flag: "partials", type: "int", help: "partial images to stream (default 2 with --stream)" }],
  },
  response_format: { kind: "enum", deprecated: "a legacy parameter of the retired DALL·E models" },
  style: {
    kind: "enum",
    deprecated: "a legacy parameter of the retired dall-e-3",
    cli: [{ flag: "style", help: "dall-e-3's style" }],
  },
  safety_identifier: {
    kind: "text",
    ops: ["generate", "edit"],
    cli: [{ flag: "safety-identifier", help: "a stable, hashed id of your end user" }],
  },
  user: { kind: "text", ops: ["generate", "edit", "variation"], deprecated: "use safety_identifier" },
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

/** The parameters, in declaration order. */
export const PARAM_NAMES = Object.keys(PARAMETERS) as ParamName[];

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

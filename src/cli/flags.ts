/**
 * The command line's names for the API parameters: the flags that set each one, with a short help
 * text. Only the CLI reads this (it is not part of the client's bundle); what a flag's value may be
 * comes from the parameter's kind (`PARAMETERS`) and the model table, never from here.
 */
import { type ParamName, SVG_EFFORTS } from "../models/index.js";

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

/**
 * The flags of each parameter that has some. A parameter left out (`prompt`, `image`: positional;
 * `response_format`: the CLI asks for base64 itself; `user`: deprecated) has none.
 *
 * @example
 * CLI_FLAGS.frame_count; // [{ flag: "frames", type: "int", help: "GIF frames" }]
 */
export const CLI_FLAGS: { readonly [P in ParamName]?: readonly CliFlag[] } = {
  mask: [{ flag: "mask", type: "file", help: "PNG whose fully transparent pixels mark where to edit" }],
  markup: [
    {
      flag: "markup",
      type: "file",
      help: "PNG with transparent pixels, overlaid on the first image to guide the edit",
    },
  ],
  n: [{ flag: "n", short: "n", type: "int", help: "number of images" }],
  size: [{ flag: "size", short: "s", help: "image size" }],
  quality: [{ flag: "quality", short: "q", help: "rendering quality" }],
  background: [{ flag: "background", help: "background transparency" }],
  output_format: [{ flag: "format", short: "f", help: "output format" }],
  output_compression: [{ flag: "compression", type: "int", help: "compression in percent" }],
  moderation: [{ flag: "moderation", help: "content-moderation level" }],
  input_fidelity: [{ flag: "input-fidelity", help: "how closely to keep the input images' features" }],
  complexity: [{ flag: "complexity", help: "planning effort, apart from quality" }],
  frame_count: [{ flag: "frames", type: "int", help: "GIF frames" }],
  frame_duration_ms: [
    { flag: "frame-duration", type: "number", help: "GIF delay per frame in ms (rounded to 10 ms)" },
  ],
  svg: [
    { flag: "svg-model", path: ["model"], help: "the model that authors SVG output" },
    {
      flag: "svg-effort",
      path: ["reasoning", "effort"],
      help: "SVG author's reasoning effort",
      values: SVG_EFFORTS,
    },
  ],
  stream: [
    { flag: "stream", type: "boolean", help: "stream partial images; each is saved beside the output" },
  ],
  partial_images: [
    { flag: "partials", type: "int", help: "partial images to stream (default 2 with --stream)" },
  ],
  style: [{ flag: "style", help: "dall-e-3's style" }],
  safety_identifier: [{ flag: "safety-identifier", help: "a stable, hashed id of your end user" }],
};

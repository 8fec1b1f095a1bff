/**
 * The CLI's parameters, checked against the declarations so that they are the typed client's own
 * request types (no casts): every value has its parameter's kind, and every listed value is one the
 * model table names for the operation. The model rules proper are left to the client's pre-flight.
 */
import {
  formatInfo,
  type Operation,
  PARAMETERS,
  type ParamInfo,
  type ParamName,
  resolveModel,
  type StreamableFormat,
  type UnknownModelEditParams,
  type UnknownModelGenerateParams,
  type UnknownModelVariationParams,
} from "../models/index.js";
import { paramFlags, tableValues, UsageError } from "./args.js";

/** The typed request of each command (the model is always named). */
export interface Requests {
  generate: UnknownModelGenerateParams<string>;
  edit: UnknownModelEditParams<string>;
  variation: UnknownModelVariationParams<string>;
}

const isFile = (v: unknown) => v instanceof Blob;

/** Why `value` does not fit `param` on `op`, or `undefined` when it does. */
function misfit(op: Operation, param: ParamName, value: unknown): string | undefined {
  const info: ParamInfo = PARAMETERS[param];
  switch (info.kind) {
    case "enum": {
      const allowed = tableValues(op, param);
      return allowed.includes(value) ? undefined : `one of ${allowed.join(", ")}`;
    }
    case "int":
    case "number":
      return typeof value === "number" ? undefined : "a number";
    case "upload":
      return isFile(value) || (param === "image" && Array.isArray(value) && value.every(isFile))
        ? undefined
        : "a file";
    case "object":
      return typeof value === "object" && value !== null ? undefined : "an object";
    default:
      return typeof value === "string" ? undefined : "text";
  }
}

/** The flag that sets `param`, for messages. */
function flagOf(op: Operation, param: string): string {
  const flag = paramFlags(op).find((f) => f.param === param);
  return flag ? `--${flag.flag}` : param;
}

/**
 * Checks the CLI's parameters for `op` and names the model (the documented default when no
 * `--model` was given), so they are the typed client's request type.
 *
 * @example
 * const params: Record<string, unknown> = { prompt: "otter", quality: "low" };
 * assertRequest("generate", params); // params: UnknownModelGenerateParams<string>
 */
export function assertRequest<O extends Operation>(
  op: O,
  params: Record<string, unknown>,
): asserts params is Record<string, unknown> & Requests[O] {
  params.model = resolveModel(op, params).model;
  for (const [key, value] of Object.entries(params)) {
    if (key === "model") continue;
    if (!Object.hasOwn(PARAMETERS, key)) throw new UsageError(`${key} is not a parameter of ${op}`, key);
    const problem = misfit(op, key as ParamName, value);
    if (problem) {
      throw new UsageError(
        `${flagOf(op, key)} must be ${problem}, got ${JSON.stringify(value)} (parameter ${key})`,
        key,
      );
    }
  }
}

function isStreamable(format: string): format is StreamableFormat {
  const output = formatInfo(format)?.output;
  return output !== undefined && !output.noStreaming;
}

/**
 * The output format of a streamed request: GIF and SVG cannot stream, so `--stream` with them is a
 * usage error before anything is sent.
 */
export function streamableFormat(format: string | null | undefined): StreamableFormat | undefined {
  if (format === undefined || format === null) return undefined;
  if (isStreamable(format)) return format;
  throw new UsageError(
    `--stream is not available with output_format ${JSON.stringify(format)} (parameter stream)`,
    "stream",
  );
}

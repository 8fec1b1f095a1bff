/**
 * Judging one parameter value against one set of operation rules. No model names here: the rules
 * say what is allowed, these functions only compare. Cross-parameter rules (transparent needs png or
 * webp, …) and image checks live in `validate.ts`.
 */
import type { KnownModel } from "../types.js";
import { MODEL_RULES, modelsFor, type Operation, type OperationRules, rulesFor } from "./rules.js";

/** The request parameters the rules table has something to say about, in reporting order. */
export const RULED_PARAMS = [
  "prompt",
  "n",
  "size",
  "quality",
  "background",
  "output_format",
  "output_compression",
  "moderation",
  "response_format",
  "stream",
  "partial_images",
  "style",
  "input_fidelity",
] as const;

/** A parameter the rules table has something to say about. */
export type RuledParam = (typeof RULED_PARAMS)[number];

/** The parameters whose rules are a list of allowed values. */
export const ENUM_PARAM_NAMES = [
  "quality",
  "background",
  "output_format",
  "moderation",
  "response_format",
  "stream",
  "style",
  "input_fidelity",
] as const;
type EnumParam = (typeof ENUM_PARAM_NAMES)[number];
type RangeParam = "n" | "output_compression" | "partial_images";

const ENUM_PARAMS: ReadonlySet<string> = new Set<EnumParam>(ENUM_PARAM_NAMES);

/** The outcome of judging one value. */
export type Verdict =
  | { readonly ok: true; readonly warning?: string }
  | { readonly ok: false; readonly unsupported: true }
  | { readonly ok: false; readonly unsupported: false; readonly allowed: string; readonly reason?: string };

const OK: Verdict = { ok: true };

/** Whether the operation's rules (for any model) mention `param` at all. */
export function isRuledFor(op: Operation, param: RuledParam): boolean {
  return modelsFor(op).some((m) => takes(rulesFor(m, op), param));
}

/** Whether `rules` mention `param` (a model's rules leave out what it does not take). */
export function takes(rules: OperationRules | undefined, param: RuledParam): boolean {
  return rules !== undefined && rules[param] !== undefined;
}

/**
 * Judges `value` for `param` against `rules`. `value` is never `undefined` or `null` here: an
 * omitted parameter has nothing to judge (except a missing `prompt`, which `validate.ts` reports).
 */
export function judge(rules: OperationRules, param: RuledParam, value: unknown): Verdict {
  if (param === "prompt") return judgePrompt(rules, value);
  if (param === "size") return judgeSize(rules, value);
  if (ENUM_PARAMS.has(param)) {
    const values = rules[param as EnumParam] as readonly unknown[] | undefined;
    if (values === undefined) return { ok: false, unsupported: true };
    return values.includes(value)
      ? OK
      : { ok: false, unsupported: false, allowed: `one of ${values.map(show).join(", ")}` };
  }
  const range = rules[param as RangeParam];
  if (range === undefined) return { ok: false, unsupported: true };
  if (typeof value === "number" && Number.isInteger(value) && value >= range.min && value <= range.max) {
    return OK;
  }
  const allowed = range.min === range.max ? `${range.min}` : `an integer from ${range.min} to ${range.max}`;
  return { ok: false, unsupported: false, allowed };
}

/** Prompt length in code points: a conservative reading of the API's "characters". */
export function promptLength(prompt: string): number {
  let count = 0;
  for (const _ of prompt) count++;
  return count;
}

function judgePrompt(rules: OperationRules, value: unknown): Verdict {
  if (rules.prompt === undefined) return { ok: false, unsupported: true };
  const allowed = `a string of at most ${rules.prompt.maxLength} characters`;
  if (typeof value !== "string") return { ok: false, unsupported: false, allowed };
  const length = promptLength(value);
  return length <= rules.prompt.maxLength
    ? OK
    : { ok: false, unsupported: false, allowed, reason: `it has ${length} characters` };
}

const SIZE_PATTERN = /^(\d+)x(\d+)$/;

function judgeSize(rules: OperationRules, value: unknown): Verdict {
  const { values, custom } = rules.size;
  if (values.includes(value as string)) return OK;
  const listed = values.map(show).join(", ");
  const allowed =
    custom === undefined
      ? `one of ${listed}`
      : `one of ${listed}, or WIDTHxHEIGHT with both sides multiples of ${custom.multipleOf}, ` +
        `an aspect ratio between 1:${custom.maxAspectRatio} and ${custom.maxAspectRatio}:1, ` +
        `no side above ${custom.maxEdge} and at most ${custom.maxPixels} pixels (3840x2160)`;
  const match = typeof value === "string" && custom !== undefined ? SIZE_PATTERN.exec(value) : null;
  if (custom === undefined || match === null) return { ok: false, unsupported: false, allowed };
  const width = Number(match[1]);
  const height = Number(match[2]);
  const reason = customSizeProblem(custom, width, height);
  if (reason !== undefined) return { ok: false, unsupported: false, allowed, reason };
  return width * height > custom.experimentalAbovePixels
    ? {
        ok: true,
        warning: `sizes above 2560x1440 (${custom.experimentalAbovePixels} pixels) are experimental`,
      }
    : OK;
}

function customSizeProblem(
  custom: NonNullable<OperationRules["size"]["custom"]>,
  width: number,
  height: number,
): string | undefined {
  if (width === 0 || height === 0) return "a side is zero";
  if (width % custom.multipleOf !== 0 || height % custom.multipleOf !== 0) {
    return `both sides must be multiples of ${custom.multipleOf}`;
  }
  const long = Math.max(width, height);
  const short = Math.min(width, height);
  if (long > custom.maxAspectRatio * short) return `the aspect ratio is beyond ${custom.maxAspectRatio}:1`;
  if (long > custom.maxEdge) return `a side is above ${custom.maxEdge}`;
  if (width * height > custom.maxPixels) return `it has more than ${custom.maxPixels} pixels`;
  return undefined;
}

/** The known models (supporting `op`) whose rules accept `value` for `param`. */
export function modelsAccepting(op: Operation, param: RuledParam, value: unknown): KnownModel[] {
  return modelsFor(op).filter((m) => judge(rulesFor(m, op) as OperationRules, param, value).ok);
}

/**
 * Names a set of models the short way: "the GPT image models" when it is exactly that family
 * (for this operation), else the names.
 */
export function describeModels(op: Operation, models: readonly KnownModel[]): string {
  const gpt = modelsFor(op).filter((m) => MODEL_RULES[m].family === "gpt-image");
  const set = new Set(models);
  if (gpt.length > 1 && gpt.every((m) => set.has(m))) {
    const others = models.filter((m) => MODEL_RULES[m].family !== "gpt-image");
    return joinWords(["the GPT image models", ...others]);
  }
  return joinWords(models);
}

/** "a", "a and b", "a, b and c". */
export function joinWords(words: readonly string[], last = "and"): string {
  return words.length > 1 ? `${words.slice(0, -1).join(", ")} ${last} ${words.at(-1)}` : (words[0] ?? "");
}

/** Shows a value in a message: strings quoted, the rest as JSON. */
export function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === undefined) return "undefined";
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

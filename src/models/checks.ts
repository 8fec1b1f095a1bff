/**
 * Judging one parameter value against its rule. No model names here: the table says what is allowed,
 * these functions only compare, dispatching on the parameter's declared kind. Cross-parameter rules
 * and uploads live in `validate.ts`.
 */
import { PARAMETERS, type RuledParam } from "./parameters.js";
import type { CustomSizeRule, IntRange, OperationRules, SizeRule } from "./rules.js";
import { UNSTATED } from "./rules.js";

/** The outcome of judging one value. */
export type Verdict =
  | { readonly ok: true; readonly warning?: string }
  | { readonly ok: false; readonly unsupported: true }
  | { readonly ok: false; readonly unsupported: false; readonly allowed: string; readonly reason?: string };

const OK: Verdict = { ok: true };
const UNSUPPORTED: Verdict = { ok: false, unsupported: true };

/** Whether `rules` mention `param` (a model's rules leave out what it does not take). */
export function takes(rules: OperationRules | undefined, param: RuledParam): boolean {
  return rules?.[param] !== undefined;
}

/**
 * Judges `value` for `param` against `rules`. `value` is never `undefined` or `null` here: an omitted
 * parameter has nothing to judge (a missing `prompt` is reported by `validate.ts`). Uploads are judged
 * from their header facts in `validate.ts`; here only their presence is.
 *
 * @example
 * judge(MODEL_RULES["dall-e-3"].generate, "n", 2); // { ok: false, unsupported: false, allowed: "1" }
 */
export function judge(rules: OperationRules, param: RuledParam, value: unknown): Verdict {
  const rule = rules[param];
  if (rule === undefined) return UNSUPPORTED;
  if (rule === UNSTATED) return OK;
  const preview = rules.preview?.[param];
  switch (PARAMETERS[param].kind) {
    case "prompt":
      return judgePrompt(rule as { maxLength: number }, value);
    case "size":
      return judgeSize(rule as SizeRule, value);
    case "int":
      return judgeRange(rule as IntRange, value);
    case "number":
      return typeof value === "number" && Number.isFinite(value)
        ? OK
        : { ok: false, unsupported: false, allowed: "a number" };
    case "enum": {
      const values = rule as readonly unknown[];
      if (!values.includes(value)) {
        return { ok: false, unsupported: false, allowed: `one of ${values.map(show).join(", ")}` };
      }
      return preview?.includes(value) ? { ok: true, warning: "it is in preview" } : OK;
    }
    default:
      // object and upload: presence is all the table decides.
      return OK;
  }
}

function judgeRange(range: IntRange, value: unknown): Verdict {
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

function judgePrompt(rule: { maxLength: number }, value: unknown): Verdict {
  const allowed = `a string of at most ${rule.maxLength} characters`;
  if (typeof value !== "string") return { ok: false, unsupported: false, allowed };
  const length = promptLength(value);
  return length <= rule.maxLength
    ? OK
    : { ok: false, unsupported: false, allowed, reason: `it has ${length} characters` };
}

const SIZE_PATTERN = /^(\d+)x(\d+)$/;

/** `WxH` for a pixel count when it is a known 16:9 size, else the count. */
function pixels(count: number): string {
  const height = Math.round(Math.sqrt((count * 9) / 16));
  const width = (height * 16) / 9;
  return Number.isInteger(width) && width * height === count ? `${width}x${height}` : `${count} pixels`;
}

function judgeSize(rule: SizeRule, value: unknown): Verdict {
  const { values, custom } = rule;
  if (values.includes(value as string)) return OK;
  const match = typeof value === "string" && custom !== undefined ? SIZE_PATTERN.exec(value) : null;
  if (custom === undefined || match === null)
    return { ok: false, unsupported: false, allowed: sizesAllowed(rule) };
  const width = Number(match[1]);
  const height = Number(match[2]);
  const reason = customSizeProblem(custom, width, height);
  if (reason !== undefined) return { ok: false, unsupported: false, allowed: sizesAllowed(rule), reason };
  return width * height > custom.experimentalAbovePixels
    ? { ok: true, warning: `sizes above ${pixels(custom.experimentalAbovePixels)} are experimental` }
    : OK;
}

/** What a size rule allows, for messages (built only when a size is refused). */
function sizesAllowed({ values, custom }: SizeRule): string {
  const listed = values.map(show).join(", ");
  return custom === undefined
    ? `one of ${listed}`
    : `one of ${listed}, or WIDTHxHEIGHT with both sides multiples of ${custom.multipleOf}, ` +
        `an aspect ratio between 1:${custom.maxAspectRatio} and ${custom.maxAspectRatio}:1, ` +
        `no side above ${custom.maxEdge} and at most ${pixels(custom.maxPixels)}`;
}

function customSizeProblem(custom: CustomSizeRule, width: number, height: number): string | undefined {
  if (width === 0 || height === 0) return "a side is zero";
  if (width % custom.multipleOf !== 0 || height % custom.multipleOf !== 0) {
    return `both sides must be multiples of ${custom.multipleOf}`;
  }
  const long = Math.max(width, height);
  const short = Math.min(width, height);
  if (long > custom.maxAspectRatio * short) return `the aspect ratio is beyond ${custom.maxAspectRatio}:1`;
  if (long > custom.maxEdge) return `a side is above ${custom.maxEdge}`;
  if (width * height > custom.maxPixels) return `it has more than ${pixels(custom.maxPixels)}`;
  return undefined;
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

/**
 * Judging one parameter value against its rule. No model names here: the table says what is allowed,
 * these functions only compare, dispatching on the parameter's declared kind. Cross-parameter rules
 * and uploads live in `validate.ts`.
 */
import { PARAMETERS, type RuledParam } from "./parameters.js";
import type { IntRange, OperationRules, SizeRule } from "./rules.js";
import { UNSTATED } from "./rules.js";

/** The outcome of judging one value. */
export type Verdict =
  | { readonly ok: true; readonly warning?: string }
  | { readonly ok: false; readonly unsupported: true }
  | {
      readonly ok: false;
      readonly unsupported?: undefined;
      readonly allowed: string;
      readonly reason?: string;
      /** The code OpenAI's API answers this with, where the evidence shows it (`api-answers.ts`). */
      readonly code?: string;
      /**
       * The rule comes from how OpenAI's API answers, not from the documentation (`RULE_EVIDENCE`):
       * refused for OpenAI's API, a warning for other servers, which may not share it.
       */
      readonly observed?: true;
    };

const OK: Verdict = { ok: true };
const UNSUPPORTED: Verdict = { ok: false, unsupported: true };
const refused = (allowed: string, reason?: string, code?: string, observed?: true): Verdict => ({
  ok: false,
  allowed,
  ...(reason === undefined ? {} : { reason }),
  ...(code === undefined ? {} : { code }),
  ...(observed ? { observed } : {}),
});
// The API's codes for a value of the wrong JSON type, or outside the allowed set.
const INVALID_TYPE = "invalid_type";
const INVALID_VALUE = "invalid_value";
const warned = (warning: string): Verdict => ({ ok: true, warning });

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
 * judge(MODEL_RULES["dall-e-3"].generate, "n", 2); // { ok: false, allowed: "1" }
 */
export function judge(rules: OperationRules, param: RuledParam, value: unknown): Verdict {
  const rule = rules[param];
  if (rule === undefined) return UNSUPPORTED;
  if (rule === UNSTATED) return OK;
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
        : refused("a number", undefined, INVALID_TYPE);
    case "enum": {
      const allowed = rule as readonly unknown[];
      return !allowed.includes(value)
        ? refused(
            oneOf(allowed),
            undefined,
            allowed.some((v) => typeof v === typeof value) ? INVALID_VALUE : INVALID_TYPE,
          )
        : rules.preview?.[param]?.includes(value)
          ? warned("it is in preview")
          : OK;
    }
    default:
      // object and upload: presence is all the table decides.
      return OK;
  }
}

function judgeRange({ min, max }: IntRange, value: unknown): Verdict {
  const integer = typeof value === "number" && Number.isInteger(value);
  return integer && value >= min && value <= max
    ? OK
    : refused(
        min === max ? `${min}` : `an integer from ${min} to ${max}`,
        undefined,
        !integer ? INVALID_TYPE : value < min ? "integer_below_min_value" : "integer_above_max_value",
      );
}

/** Prompt length in code points: a conservative reading of the API's "characters". */
export function promptLength(prompt: string): number {
  let count = 0;
  for (const _ of prompt) count++;
  return count;
}

function judgePrompt({ maxLength }: { maxLength: number }, value: unknown): Verdict {
  const allowed = `a string of at most ${maxLength} characters`;
  if (typeof value !== "string") return refused(allowed, undefined, INVALID_TYPE);
  // The API refuses an empty prompt (a blank one passes): api-answers.ts, prompt-empty.
  if (value === "")
    return refused(`a string of 1 to ${maxLength} characters`, "it is empty", "empty_string", true);
  const length = promptLength(value);
  return length <= maxLength ? OK : refused(allowed, `it has ${length} characters`);
}

/** `WxH` for a pixel count when it is a known 16:9 size, else the count. */
function pixels(count: number): string {
  const height = Math.round(Math.sqrt((count * 9) / 16));
  const width = (height * 16) / 9;
  return Number.isInteger(width) && width * height === count ? `${width}x${height}` : `${count} pixels`;
}

function judgeSize({ values, custom }: SizeRule, value: unknown): Verdict {
  if (values.includes(value as string)) return OK;
  const code = typeof value === "string" ? INVALID_VALUE : INVALID_TYPE;
  if (custom === undefined) return refused(oneOf(values), undefined, code);
  const { multipleOf, maxAspectRatio: ratio, maxEdge, maxPixels, minPixels = 0 } = custom;
  // Built only when a size is refused: valid custom sizes are the common case.
  const allowed = () =>
    `${oneOf(values)}, or WIDTHxHEIGHT with both sides multiples of ${multipleOf}, ` +
    `an aspect ratio between 1:${ratio} and ${ratio}:1, no side above ${maxEdge} and at most ${pixels(maxPixels)}` +
    (minPixels ? ` (at least ${minPixels} pixels)` : "");
  const match = typeof value === "string" ? /^(\d+)x(\d+)$/.exec(value) : null;
  if (match === null) return refused(allowed(), undefined, code);
  const width = Number(match[1]);
  const height = Number(match[2]);
  const long = Math.max(width, height);
  const reason =
    width === 0 || height === 0
      ? "a side is zero"
      : width % multipleOf !== 0 || height % multipleOf !== 0
        ? `both sides must be multiples of ${multipleOf}`
        : long > ratio * Math.min(width, height)
          ? `the aspect ratio is beyond ${ratio}:1`
          : long > maxEdge
            ? `a side is above ${maxEdge}`
            : width * height > maxPixels
              ? `it has more than ${pixels(maxPixels)}`
              : undefined;
  if (reason !== undefined) return refused(allowed(), reason, INVALID_VALUE);
  // The pixel budget is observed, not documented (RULE_EVIDENCE "size.minPixels").
  if (width * height < minPixels) {
    return refused(
      allowed(),
      `it has fewer than ${minPixels} pixels, the API's minimum pixel budget`,
      INVALID_VALUE,
      true,
    );
  }
  return width * height > custom.experimentalAbovePixels
    ? warned(`sizes above ${pixels(custom.experimentalAbovePixels)} are experimental`)
    : OK;
}

/** "one of \"a\", \"b\"": the values a message offers. */
export function oneOf(values: readonly unknown[]): string {
  return `one of ${values.map(show).join(", ")}`;
}

/** "a", "a and b", "a, b and c". */
export function joinWords(words: readonly string[], last = "and"): string {
  return words.length > 1 ? `${words.slice(0, -1).join(", ")} ${last} ${words.at(-1)}` : (words[0] ?? "");
}

/** Shows a value in a message: strings quoted, the rest as JSON. */
export function show(value: unknown): string {
  // JSON has no undefined, function or symbol: String() names those; it also covers what cannot be
  // serialised (a BigInt, a cycle).
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

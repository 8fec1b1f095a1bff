/**
 * The pre-flight validator: reads the rules table, returns every problem of a request. Pure and
 * synchronous; image checks use header facts (`ImageInfo`) that the caller obtained beforehand.
 */
import { ImagesValidationError, type ValidationIssue } from "../errors.js";
import {
  describeModels,
  isRuledFor,
  judge,
  modelsAccepting,
  RULED_PARAMS,
  type RuledParam,
  show,
  takes,
} from "./checks.js";
import type { ImageInfo } from "./image-info-type.js";
import { combinedRules, describeResolution, effectiveModel, type ModelResolution } from "./resolve.js";
import {
  API_DEFAULTS,
  type ImageRule,
  modelsFor,
  type Operation,
  type OperationRules,
  rulesFor,
} from "./rules.js";

/**
 * How pre-flight validation treats a request that breaks a rule:
 * `"strict"` refuses it with `ImagesValidationError` (nothing is sent), `"warn"` reports each problem
 * once and sends the request anyway, `"off"` skips validation entirely.
 *
 * @default "strict"
 */
export type ValidationMode = "strict" | "warn" | "off";

/** Header facts about the request's uploads, from `inspectImage()`. */
export interface RequestImages {
  /** One entry per uploaded `image`, in order. */
  image?: readonly ImageInfo[] | undefined;
  mask?: ImageInfo | undefined;
}

/**
 * Checks a request against the model rules and returns every problem: errors (the API would refuse
 * the request) and warnings (allowed, but worth knowing). Unknown model names return `[]`.
 *
 * @example
 * validateRequest("generate", { model: "dall-e-3", prompt: "otter", n: 2, style: "vivid" });
 * // [{ param: "n", value: 2, severity: "error",
 * //    message: 'n 2 is not allowed for dall-e-3: use 1. 2 works with the GPT image models and dall-e-2.' }]
 */
export function validateRequest(
  op: Operation,
  params: Record<string, unknown>,
  images?: RequestImages,
): ValidationIssue[] {
  return validateResolved(op, params, effectiveModel(op, params), images);
}

/** `validateRequest` for an already resolved model (used by `applyDefaults`, which fixes the model first). */
export function validateResolved(
  op: Operation,
  params: Record<string, unknown>,
  resolution: ModelResolution,
  images?: RequestImages,
): ValidationIssue[] {
  if (!resolution.known) return [];
  const rules = combinedRules(op, resolution.candidates);
  const label = describeResolution(op, resolution);
  if (rules === undefined) {
    const supported = modelsFor(op);
    return [
      issue(
        "model",
        resolution.model,
        `model ${show(resolution.model)} does not support ${OPERATION_NOUN[op]}: use ${supported.length > 1 ? "one of " : ""}${supported.join(", ")}.`,
      ),
    ];
  }
  const issues: ValidationIssue[] = [];
  if (resolution.source === "ambiguous") {
    issues.push(
      issue(
        "model",
        undefined,
        `model is omitted and the parameters point to different models (${resolution.because.join(", ")}): ` +
          "only rules every model shares were checked. Set model to be sure what the API will do.",
        "warning",
      ),
    );
  }
  for (const param of RULED_PARAMS) {
    if (!isRuledFor(op, param)) continue;
    issues.push(...checkParam(op, rules, label, param, params[param]));
  }
  issues.push(...checkCombinations(rules, label, params));
  issues.push(...checkImages(op, rules, label, params, images));
  return issues;
}

const OPERATION_NOUN: Record<Operation, string> = {
  generate: "generations",
  edit: "edits",
  variation: "variations",
};

function issue(
  param: string,
  value: unknown,
  message: string,
  severity: ValidationIssue["severity"] = "error",
): ValidationIssue {
  return { param, value, message, severity };
}

function checkParam(
  op: Operation,
  rules: OperationRules,
  label: string,
  param: RuledParam,
  value: unknown,
): ValidationIssue[] {
  if (value === undefined || value === null) {
    return param === "prompt" && rules.prompt !== undefined
      ? [issue("prompt", value, `prompt is required for ${label}.`)]
      : [];
  }
  const verdict = judge(rules, param, value);
  if (verdict.ok) {
    return verdict.warning === undefined
      ? []
      : [
          issue(
            param,
            value,
            `${param} ${show(value)} is allowed for ${label}, but ${verdict.warning}.`,
            "warning",
          ),
        ];
  }
  const others = modelsAccepting(op, param, value);
  if (verdict.unsupported) {
    const supporters = modelsFor(op).filter((m) => takes(rulesFor(m, op), param));
    const who = describeModels(op, supporters);
    return [
      issue(
        param,
        value,
        `${param} is not supported by ${label}${who ? `; only ${who} accept${supporters.length === 1 ? "s" : ""} it` : ""}.`,
      ),
    ];
  }
  const reason = verdict.reason === undefined ? "" : ` (${verdict.reason})`;
  const elsewhere = others.length > 0 ? ` ${show(value)} works with ${describeModels(op, others)}.` : "";
  const shown = param === "prompt" ? "" : ` ${show(value)}`;
  return [
    issue(
      param,
      value,
      `${param}${shown} is not allowed for ${label}${reason}: use ${verdict.allowed}.${elsewhere}`,
    ),
  ];
}

/** Rules that tie two parameters together. */
function checkCombinations(
  rules: OperationRules,
  label: string,
  params: Record<string, unknown>,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const format = params.output_format ?? API_DEFAULTS.output_format;
  // An invalid output_format was reported already; judging other parameters by it adds only noise.
  if (!rules.output_format?.includes(format as string)) return issues;
  const formatText = params.output_format === undefined ? `${show(format)} (the default)` : show(format);

  if (
    params.background === "transparent" &&
    rules.transparentFormats &&
    rules.background?.includes("transparent")
  ) {
    if (!rules.transparentFormats.includes(format as string)) {
      issues.push(
        issue(
          "background",
          "transparent",
          `background "transparent" needs output_format ${rules.transparentFormats.map(show).join(" or ")} for ${label}, not ${formatText}.`,
        ),
      );
    }
  }
  const compression = params.output_compression;
  if (
    compression !== undefined &&
    compression !== null &&
    rules.compressionFormats &&
    rules.output_compression
  ) {
    if (!rules.compressionFormats.includes(format as string)) {
      const needs = `output_compression applies only to output_format ${rules.compressionFormats.map(show).join(" or ")}`;
      // 100 is the documented default: sending it with png changes nothing, so it is not refused.
      issues.push(
        compression === 100
          ? issue(
              "output_compression",
              compression,
              `${needs}; with ${formatText} it has no effect.`,
              "warning",
            )
          : issue("output_compression", compression, `${needs} for ${label}, not ${formatText}.`),
      );
    }
  }
  if (
    params.partial_images !== undefined &&
    params.partial_images !== null &&
    params.stream !== true &&
    rules.partial_images
  ) {
    issues.push(
      issue(
        "partial_images",
        params.partial_images,
        "partial_images has an effect only with stream: true; without it the request returns the final images only.",
        "warning",
      ),
    );
  }
  return issues;
}

/** How many images the request carries: uploads in `image`, or references in `images`. */
function imageCount(params: Record<string, unknown>): { param: string; count: number } | undefined {
  for (const param of ["image", "images"]) {
    const value = params[param];
    if (value === undefined || value === null) continue;
    return { param, count: Array.isArray(value) ? value.length : 1 };
  }
  return undefined;
}

const FORMAT_NAMES: Record<ImageInfo["format"], string> = {
  png: "PNG",
  jpeg: "JPEG",
  webp: "WebP",
  gif: "GIF",
  unknown: "unrecognised",
};

function formatList(formats: readonly ImageInfo["format"][]): string {
  const names = formats.map((f) => FORMAT_NAMES[f]);
  return names.length > 1 ? `${names.slice(0, -1).join(", ")} or ${names.at(-1)}` : (names[0] ?? "");
}

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(2)} MB`;
}

function checkImages(
  op: Operation,
  rules: OperationRules,
  label: string,
  params: Record<string, unknown>,
  images: RequestImages | undefined,
): ValidationIssue[] {
  const rule = rules.image;
  if (rule === undefined) return [];
  const issues: ValidationIssue[] = [];
  const counted = imageCount(params);
  const count = counted?.count ?? images?.image?.length ?? 0;
  if (count === 0) {
    issues.push(issue("image", undefined, `image is required for ${OPERATION_NOUN[op]} with ${label}.`));
  } else if (count > rule.maxCount) {
    issues.push(
      issue(
        counted?.param ?? "image",
        `${count} images`,
        `${counted?.param ?? "image"} has ${count} images; ${label} accepts ${rule.maxCount === 1 ? "exactly one" : `at most ${rule.maxCount}`}.`,
      ),
    );
  }
  const infos = images?.image ?? [];
  infos.forEach((info, index) => {
    const param = infos.length > 1 || Array.isArray(params.image) ? `image[${index}]` : "image";
    issues.push(...checkOneImage(rule, label, param, info));
  });
  const mask = images?.mask;
  if (mask !== undefined && rules.mask !== undefined) {
    const m = rules.mask;
    const problems: string[] = [];
    if (!m.formats.includes(mask.format))
      problems.push(`it must be a ${formatList(m.formats)} file, not ${FORMAT_NAMES[mask.format]}`);
    if (mask.bytes >= m.maxBytes)
      problems.push(`it must be under ${megabytes(m.maxBytes)}, not ${megabytes(mask.bytes)}`);
    if (m.needsAlpha && mask.hasAlpha === false) {
      problems.push("it needs an alpha channel: its fully transparent pixels mark where to edit");
    }
    const first = infos[0];
    if (
      m.sameSizeAsImage &&
      first?.width !== undefined &&
      first.height !== undefined &&
      mask.width !== undefined &&
      mask.height !== undefined &&
      (first.width !== mask.width || first.height !== mask.height)
    ) {
      problems.push(
        `it must match the first image's ${first.width}x${first.height}, not ${mask.width}x${mask.height}`,
      );
    }
    for (const problem of problems)
      issues.push(issue("mask", describeImage(mask), `mask for ${label}: ${problem}.`));
  }
  return issues;
}

function checkOneImage(rule: ImageRule, label: string, param: string, info: ImageInfo): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const value = describeImage(info);
  if (!rule.formats.includes(info.format)) {
    issues.push(
      issue(
        param,
        value,
        `${param} is ${FORMAT_NAMES[info.format]}; ${label} accepts ${formatList(rule.formats)} files.`,
      ),
    );
  }
  if (info.bytes >= rule.maxBytes) {
    issues.push(
      issue(
        param,
        value,
        `${param} is ${megabytes(info.bytes)}; ${label} accepts images under ${megabytes(rule.maxBytes)}.`,
      ),
    );
  }
  if (rule.square && info.width !== undefined && info.height !== undefined && info.width !== info.height) {
    issues.push(
      issue(param, value, `${param} is ${info.width}x${info.height}; ${label} needs a square image.`),
    );
  }
  return issues;
}

/** Uploads are described in issues, never included. */
function describeImage(info: ImageInfo): string {
  const size = info.width !== undefined && info.height !== undefined ? ` ${info.width}x${info.height}` : "";
  return `${FORMAT_NAMES[info.format]}${size}, ${info.bytes} bytes`;
}

/** Options of `enforceValidation`. */
export interface EnforceOptions {
  mode: ValidationMode;
  /** The model named in a thrown error (usually `effectiveModel(...).model`). */
  model: string | undefined;
  /** Receives warnings, and in `"warn"` mode errors too. */
  report: (issue: ValidationIssue) => void;
}

/**
 * Acts on validation issues according to the mode: in `"strict"` throws `ImagesValidationError` when
 * any issue is an error (and reports warnings otherwise); in `"warn"` reports every issue; in `"off"`
 * does nothing.
 *
 * @example
 * const issues = validateRequest("generate", params);
 * enforceValidation(issues, { mode: "strict", model: "dall-e-3", report: console.warn });
 */
export function enforceValidation(issues: readonly ValidationIssue[], options: EnforceOptions): void {
  if (options.mode === "off") return;
  if (options.mode === "strict" && issues.some((i) => i.severity === "error")) {
    throw new ImagesValidationError(issues, options.model);
  }
  for (const i of issues) options.report(i);
}

/**
 * A warning sink that reports each distinct problem once: to `onWarning` when given, else
 * `console.warn`. Keep one per client so a loop of identical requests does not flood the log.
 *
 * @example
 * const report = createWarningReporter();
 * report({ param: "size", value: "3840x2160", message: "…experimental…", severity: "warning" });
 */
export function createWarningReporter(
  onWarning?: (issue: ValidationIssue) => void,
): (issue: ValidationIssue) => void {
  const seen = new Set<string>();
  return (i) => {
    const key = `${i.severity}\u0000${i.param}\u0000${i.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    if (onWarning) onWarning(i);
    else console.warn(`openai-images: ${i.message}`);
  };
}

/**
 * The pre-flight validator: reads the model table, the parameter and format declarations, and
 * returns every problem of a request. Pure and synchronous; upload checks use header facts
 * (`ImageInfo`) that the caller read beforehand.
 */

import { isRecord } from "../body-reading.js";
import { ImagesValidationError, type ValidationIssue } from "../errors.js";
import type { KnownModel } from "../types.js";
import { joinWords, judge, oneOf, show, takes } from "./checks.js";
import { DEFAULT_OUTPUT_FORMAT, FORMATS, type FormatName, formatInfo, formatNames } from "./formats.js";
import { OPERATIONS, type Operation, type OperationInfo } from "./operations.js";
import {
  OVERLAY_PARAMS,
  PARAM_NAMES,
  PARAMETERS,
  type ParamInfo,
  RULED_PARAMS,
  type RuledParam,
  SVG_EFFORTS,
} from "./parameters.js";
import {
  DEFAULT_MODELS,
  isKnownModel,
  MODEL_RULES,
  type ModelRules,
  modelsFor,
  type OperationRules,
  type Retirement,
  rulesFor,
  UNSTATED,
  type UploadRule,
} from "./rules.js";

/**
 * What the pre-flight checks know about an uploaded image. It is read from the file's first bytes only
 * (magic bytes, header dimensions, PNG colour type), so a 50 MB upload is never read whole to check it.
 * `inspectImage()` in `src/image-info.ts` produces it; the model rules consume it.
 *
 * @example
 * const info: ImageInfo = { format: "png", width: 1024, height: 1024, hasAlpha: true, bytes: 183_204 };
 */
export interface ImageInfo {
  /** The container format, by magic bytes. `"unknown"` when none of the known signatures matched. */
  format: "png" | "jpeg" | "webp" | "gif" | "unknown";
  /** Width in pixels, when the header gave it. */
  width?: number | undefined;
  /** Height in pixels, when the header gave it. */
  height?: number | undefined;
  /** Whether the image has an alpha channel (PNG colour type or `tRNS` chunk), when known. */
  hasAlpha?: boolean | undefined;
  /**
   * Whether some pixel is less than fully opaque, when the pixels were decoded: an alpha channel
   * can be opaque everywhere. Header inspection (`inspectImage()`) leaves it unknown; the local
   * server decodes `markup` uploads to know it.
   */
  transparentPixels?: boolean | undefined;
  /** Size of the whole upload in bytes. */
  bytes: number;
}

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
  markup?: ImageInfo | undefined;
}

/** Where a request goes, for the lifecycle rules. */
export interface ValidationContext {
  /**
   * `"openai"`: OpenAI's API, which no longer serves retired models and endpoints (refused);
   * `"other"`: Azure or another server, which may still serve them (a warning).
   * @default "openai"
   */
  target?: "openai" | "other" | undefined;
  /**
   * How the rules known from OpenAI's observed answers rather than its documentation apply (the
   * pixel budget, empty prompts, nulls it reads as unknown parameters, unknown parameter names):
   * `"refuse"` for OpenAI's API, `"warn"` for a check that does not know where the request will go
   * (the client checks again when it sends). Other targets always get warnings.
   * @default "refuse"
   */
  observed?: "refuse" | "warn" | undefined;
}

/** The model a request runs on, resolved once. */
export interface ResolvedModel {
  /** The model name that is sent. */
  model: string;
  /** Where it came from, for messages. */
  source: "request" | "client" | "default";
}

/**
 * The model of `params` for `op`: its `model`, else the default the client sends (`DEFAULT_MODELS`).
 *
 * @example
 * resolveModel("edit", { prompt: "beret" }); // { model: "gpt-image-2.5-sunburst", source: "default" }
 */
export function resolveModel(op: Operation, params: Record<string, unknown>): ResolvedModel {
  const model = params.model;
  return model === undefined || model === null
    ? { model: DEFAULT_MODELS[op], source: "default" }
    : { model: String(model), source: "request" };
}

/**
 * Checks a request against the model rules and returns every problem: errors (the API would refuse
 * the request) and warnings (allowed, but worth knowing). Unknown model names get only the endpoint's
 * lifecycle check.
 *
 * @example
 * validateRequest("generate", { model: "dall-e-3", prompt: "otter", n: 2 }, undefined, { target: "other" });
 * // [{ param: "model", severity: "warning", message: 'model "dall-e-3" was retired on 2026-05-12 …' },
 * //  { param: "n", value: 2, severity: "error", message: 'n 2 is not allowed for dall-e-3: use 1. …' }]
 */
export function validateRequest(
  op: Operation,
  params: Record<string, unknown>,
  images?: RequestImages,
  context?: ValidationContext,
): ValidationIssue[] {
  return validateResolved(op, params, resolveModel(op, params), images, context);
}

/** `validateRequest` for a model resolved beforehand (the client's request plan). */
export function validateResolved(
  op: Operation,
  params: Record<string, unknown>,
  resolved: ResolvedModel,
  images?: RequestImages,
  context?: ValidationContext,
): ValidationIssue[] {
  const openai = (context?.target ?? "openai") === "openai";
  // What OpenAI's API refuses but another server may take is an error there, a warning elsewhere.
  const severity = openai ? "error" : "warning";
  const observed = openai && context?.observed !== "warn" ? "error" : "warning";
  const issues: ValidationIssue[] = [];
  const endpoint: OperationInfo = OPERATIONS[op];
  if (endpoint.retired) issues.push(retiredIssue("endpoint", op, endpoint.retired, severity));
  const { model } = resolved;
  // RULE_EVIDENCE "model.string": the API answers a non-string model invalid_type and "" "does not exist".
  const given = params.model;
  if (given !== undefined && given !== null && (typeof given !== "string" || given === "")) {
    issues.push(
      issue(
        "model",
        given,
        `model ${show(given)} is not a model name: use a non-empty string, e.g. ${DEFAULT_MODELS[op]}.`,
        "error",
        typeof given === "string" ? "invalid_value" : "invalid_type",
      ),
    );
    return issues;
  }
  if (openai) issues.push(...unknownNames(op, params, observed));
  if (!isKnownModel(model)) {
    // RULE_EVIDENCE "model.unknownWarning": sent anyway, since new models appear before our releases.
    if (openai) {
      issues.push(
        issue(
          "model",
          model,
          `model ${show(model)} is not one this library knows; it is sent without model rules. OpenAI's API answers "The model '${model}' does not exist." for names it does not serve.`,
          "warning",
          "invalid_value",
        ),
      );
    }
    return issues;
  }
  const row: ModelRules = MODEL_RULES[model];
  if (row.retired) issues.push(retiredIssue("model", model, row.retired, severity));
  const rules = rulesFor(model, op);
  const label = resolved.source === "default" ? `${model} (the default model)` : model;
  if (rules === undefined) {
    const supported = modelsFor(op);
    issues.push(
      issue(
        "model",
        model,
        `model ${show(model)} does not support ${OPERATIONS[op].noun}: use ${supported.length > 1 ? "one of " : ""}${supported.join(", ")}.`,
      ),
    );
    return issues;
  }
  for (const param of JUDGED_PARAMS) {
    const found = checkParam(op, rules, label, param, params[param], observed);
    if (found) issues.push(found);
    // The API judges an edit's images after the prompt, before n.
    const refs = param === "prompt" && op === "edit" ? referenceIssue(params) : undefined;
    if (refs) return [...issues, refs];
  }
  // Uploads known only by their header facts (the server strips the bytes) still count as present.
  let view = params;
  if (images?.mask || images?.markup) {
    view = { ...params };
    if (images.mask) view.mask = params.mask ?? images.mask;
    if (images.markup) view.markup = params.markup ?? images.markup;
  }
  for (const finding of combinationFindings(rules, label, view)) issues.push(finding.issue);
  const svg = svgShapeIssue(op, label, params.svg);
  if (svg) issues.push(svg);
  issues.push(...checkUploads(op, rules, label, params, images ?? {}));
  return issues;
}

/**
 * The shape of `svg` that the SDK's types require (openai@7.59.0): a generation's names its `model`,
 * and an edit's reasoning effort is never null. A JavaScript caller can send either anyway.
 */
function svgShapeIssue(op: Operation, label: string, svg: unknown): ValidationIssue | undefined {
  if (!isRecord(svg)) return undefined;
  if (op === "generate" && typeof svg.model !== "string") {
    const message = `svg.model is required when svg is sent to ${label}: name the model that authors the SVG, or leave svg out.`;
    return issue("svg.model", svg.model, message, "error", "missing_required_parameter");
  }
  const reasoning = svg.reasoning;
  if (op === "edit" && isRecord(reasoning) && reasoning.effort === null) {
    return issue(
      "svg.reasoning.effort",
      null,
      `svg.reasoning.effort cannot be null for edits with ${label}: use ${oneOf(SVG_EFFORTS)}, or leave it out.`,
    );
  }
  return undefined;
}

/** An edit by reference: `images` is a non-empty array of objects, as the API checks it (before `n`). */
function referenceIssue(params: Record<string, unknown>): ValidationIssue | undefined {
  const refs = params.images;
  if (refs === undefined) return undefined;
  const bad = Array.isArray(refs) ? refs.findIndex((r) => typeof r !== "object" || r === null) : -1;
  const [param, code] = !Array.isArray(refs)
    ? ["images", "invalid_type"]
    : refs.length === 0
      ? ["images", "empty_array"]
      : bad >= 0
        ? [`images[${bad}]`, "invalid_type"]
        : [];
  return param
    ? issue(
        param,
        refs,
        `${param} must be a non-empty array of { image_url } or { file_id } objects.`,
        "error",
        code,
      )
    : undefined;
}

/** The parameters judged one by one (uploads are judged from their header facts in `checkUploads`). */
const JUDGED_PARAMS = RULED_PARAMS.filter((param) => PARAMETERS[param].kind !== "upload");

function issue(
  param: string,
  value: unknown,
  message: string,
  severity: ValidationIssue["severity"] = "error",
  code?: string,
): ValidationIssue {
  return code === undefined ? { param, value, message, severity } : { param, value, message, severity, code };
}

/** The request parameters the Images API has, by name. */
const KNOWN_NAMES = new Set<string>(["model", ...PARAM_NAMES]);

/**
 * RULE_EVIDENCE "param.unknownName": names the Images API does not have, which OpenAI's API refuses
 * (`unknown_parameter`). Other servers may take them, so only OpenAI's API gets this check.
 */
function unknownNames(
  op: Operation,
  params: Record<string, unknown>,
  severity: ValidationIssue["severity"],
): ValidationIssue[] {
  return (
    Object.keys(params)
      // An edit by reference names its images `images`.
      .filter((name) => !KNOWN_NAMES.has(name) && !(op === "edit" && name === "images"))
      .map((name) =>
        issue(
          name,
          params[name],
          `${name} is not a parameter of ${OPERATIONS[op].noun}: OpenAI's API refuses it ("Unknown parameter"). To send it anyway, pass { validation: "warn" } as this call's options (or set baseUrl to a server that takes it).`,
          severity,
          "unknown_parameter",
        ),
      )
  );
}

function retiredIssue(
  what: "endpoint" | "model",
  name: string,
  retired: Retirement,
  severity: ValidationIssue["severity"],
): ValidationIssue {
  const subject =
    what === "model" ? `model ${show(name)}` : `the ${OPERATIONS[name as Operation].noun} endpoint`;
  const when = retired.date ? ` on ${retired.date}` : "";
  const advice =
    severity === "error"
      ? 'to send it to a server that still does, set baseUrl to that server (or validation: "warn")'
      : "sent anyway, as this server may";
  return issue(
    what,
    name,
    `${subject} was retired${when} (${retired.source}): use ${retired.replacement} instead. OpenAI's API no longer serves it; ${advice}.`,
    severity,
    // The API answers a retired model "does not exist" (invalid_value) and the endpoint a bare 404.
    what === "model" ? "invalid_value" : undefined,
  );
}

/** The known models whose rules for `op` pass `test`, in table order. */
function modelsWhere(op: Operation, test: (rules: OperationRules) => boolean): KnownModel[] {
  return modelsFor(op).filter((m) => test(rulesFor(m, op) as OperationRules));
}

/** The issue of a parameter `label` does not take, naming the models that do. */
function unsupported(
  op: Operation,
  label: string,
  param: RuledParam,
  value: unknown,
  severity: ValidationIssue["severity"] = "error",
): ValidationIssue {
  const supporters = modelsWhere(op, (rules) => takes(rules, param));
  const who = describeModels(op, supporters);
  const only = who ? `; only ${who} accept${supporters.length === 1 ? "s" : ""} it` : "";
  // RULE_EVIDENCE "null.notTaken": the API refuses the name itself, so a null is no way to leave it out.
  const leaveOut = value === null ? "; OpenAI's API refuses it even as null, so leave it out" : "";
  const info: ParamInfo = PARAMETERS[param];
  return issue(
    param,
    value,
    `${param} is not supported by ${label}${only}${leaveOut}.`,
    severity,
    info.refusedAs?.[op] ?? "unknown_parameter",
  );
}

/**
 * Names models the short way: "the GPT image models" when every GPT image model that OpenAI serves
 * for this operation is among them; retired ones are marked.
 */
function describeModels(op: Operation, models: readonly KnownModel[]): string {
  const retired = (m: KnownModel) => (MODEL_RULES[m] as ModelRules).retired;
  const gpt = modelsFor(op).filter((m) => MODEL_RULES[m].family === "gpt-image" && !retired(m));
  const grouped = gpt.length > 1 && gpt.every((m) => models.includes(m));
  return joinWords([
    ...(grouped ? ["the GPT image models"] : []),
    ...models.filter((m) => !(grouped && gpt.includes(m))).map((m) => (retired(m) ? `${m} (retired)` : m)),
  ]);
}

function checkParam(
  op: Operation,
  rules: OperationRules,
  label: string,
  param: RuledParam,
  value: unknown,
  severity: ValidationIssue["severity"],
): ValidationIssue | undefined {
  if (value === null && rules[param] === undefined) return unsupported(op, label, param, value, severity);
  if (value === undefined || value === null) {
    return param === "prompt" && rules.prompt !== undefined
      ? issue(
          "prompt",
          value,
          `prompt is required for ${label}.`,
          "error",
          value === null ? "invalid_type" : "missing_required_parameter",
        )
      : undefined;
  }
  const verdict = judge(rules, param, value);
  if (verdict.ok) {
    return verdict.warning === undefined
      ? undefined
      : issue(
          param,
          value,
          `${param} ${show(value)} is allowed for ${label}, but ${verdict.warning}.`,
          "warning",
        );
  }
  if (verdict.unsupported) return unsupported(op, label, param, value);
  // The models that accept the value, to say where it works.
  const others = modelsWhere(op, (rules) => rules[param] !== UNSTATED && judge(rules, param, value).ok);
  const reason = verdict.reason === undefined ? "" : ` (${verdict.reason})`;
  const elsewhere = others.length > 0 ? ` ${show(value)} works with ${describeModels(op, others)}.` : "";
  const shown = param === "prompt" ? "" : ` ${show(value)}`;
  return issue(
    param,
    value,
    `${param}${shown} is not allowed for ${label}${reason}: use ${verdict.allowed}.${elsewhere}`,
    verdict.observed ? severity : "error",
    verdict.code,
  );
}

/** A cross-parameter problem, with the parameters it ties together (a client default among them is dropped). */
export interface Finding {
  issue: ValidationIssue;
  involves: readonly string[];
}

const present = (value: unknown) => value !== undefined && value !== null;

/** The API's code for output_compression below 100 with a png output (api-answers.ts). */
const PNG_COMPRESSION = "invalid_png_output_compression";

/** The output formats with `trait`, for messages: "png or webp". */
function formatsWith(trait: "transparency" | "compression"): string {
  const names = (Object.keys(FORMATS) as FormatName[]).filter(
    (f) => (FORMATS[f] as { output?: Record<string, unknown> }).output?.[trait],
  );
  return joinWords(names.map(show), "or");
}

// Read from the declarations once, not on every request.
/** Parameters that exclude another: `[name, excluded]`. */
const EXCLUSIONS = (Object.entries(PARAMETERS) as [string, ParamInfo][]).flatMap(([name, info]) =>
  info.excludes ? [[name, info.excludes] as const] : [],
);
/** The options that belong to one output format: `[format, params]`. */
const FORMAT_PARAMS = Object.entries(FORMATS).map(
  ([format, info]) =>
    [format, (info as { output?: { params?: readonly string[] } }).output?.params ?? []] as const,
);

/**
 * Rules that tie parameters together, read from the format and parameter declarations: what an
 * output format allows (transparency, compression, streaming, masks, `n`, its own options), and
 * uploads that exclude each other.
 */
export function combinationFindings(
  rules: OperationRules,
  label: string,
  params: Record<string, unknown>,
): Finding[] {
  const findings: Finding[] = [];
  // Most findings tie a parameter to the output format; a warning ties nothing (it drops no default).
  const add = (
    param: string,
    message: string,
    involves: readonly string[] = [param, "output_format"],
    severity?: "warning",
    code?: string,
  ) => findings.push({ issue: issue(param, params[param], message, severity, code), involves });

  for (const [name, excludes] of EXCLUSIONS) {
    if (present(params[name]) && present(params[excludes])) {
      add(name, `${name} cannot be sent together with ${excludes} to ${label}; send one of them.`, [
        name,
        excludes,
      ]);
    }
  }

  const svg = params.svg as { reasoning?: { effort?: unknown } | null } | null | undefined;
  const effort = svg?.reasoning?.effort;
  if (present(effort) && !(SVG_EFFORTS as readonly unknown[]).includes(effort)) {
    findings.push({
      issue: issue(
        "svg.reasoning.effort",
        effort,
        `svg.reasoning.effort ${show(effort)} is not allowed for ${label}: use ${oneOf(SVG_EFFORTS)}.`,
      ),
      involves: ["svg"],
    });
  }

  const format = params.output_format ?? DEFAULT_OUTPUT_FORMAT;
  const allowed = rules.output_format;
  const traits = formatInfo(format)?.output;
  // An invalid output_format was reported already; judging other parameters by it adds only noise.
  if (traits === undefined || (allowed !== UNSTATED && !allowed?.includes(format as string))) return findings;
  const formatText = present(params.output_format) ? show(format) : `${show(format)} (the default)`;

  for (const [other, formatParams] of FORMAT_PARAMS) {
    for (const param of formatParams) {
      if (other !== format && present(params[param])) {
        add(
          param,
          `${param} applies only with output_format ${show(other)} for ${label}, not ${formatText}.`,
        );
      }
    }
  }
  if (params.background === "transparent" && takes(rules, "background") && !traits.transparency) {
    add(
      "background",
      `background "transparent" needs output_format ${formatsWith("transparency")} for ${label}, not ${formatText}.`,
    );
  }
  const compression = params.output_compression;
  if (present(compression) && takes(rules, "output_compression") && !traits.compression) {
    const needs = `output_compression applies only to output_format ${formatsWith("compression")}`;
    // 100 is the documented default: sending it with png changes nothing, so it is not refused.
    if (compression === 100)
      add("output_compression", `${needs}; with ${formatText} it has no effect.`, [], "warning");
    else
      add(
        "output_compression",
        `${needs} for ${label}, not ${formatText}.`,
        undefined,
        undefined,
        PNG_COMPRESSION,
      );
  }
  const partials = params.partial_images;
  const unavailable = (param: string, what: string) =>
    add(param, `${what} not available with output_format ${formatText} for ${label}.`);
  if (traits.noStreaming && params.stream === true) unavailable("stream", "stream: true is");
  if (traits.noStreaming && typeof partials === "number" && partials > 0) {
    unavailable("partial_images", "partial images are");
  }
  if (traits.noMask && present(params.mask)) unavailable("mask", "mask is");
  const n = params.n;
  if (traits.maxN !== undefined && typeof n === "number" && n > traits.maxN) {
    add("n", `n ${n} is not allowed with output_format ${formatText} for ${label}: use ${traits.maxN}.`);
  }
  if (present(partials) && params.stream !== true && takes(rules, "partial_images") && !traits.noStreaming) {
    add(
      "partial_images",
      "partial_images has an effect only with stream: true; without it the request returns the final images only.",
      [],
      "warning",
    );
  }
  return findings;
}

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(2)} MB`;
}

/** Uploads are described in issues, never included. */
function describeImage(info: ImageInfo): string {
  const size = sizeOf(info);
  return `${FORMATS[info.format].name}${size ? ` ${size}` : ""}, ${info.bytes} bytes`;
}

/** `WIDTHxHEIGHT` of an upload, when its header gave both. */
function sizeOf(info: ImageInfo | undefined): string | undefined {
  return info?.width !== undefined && info.height !== undefined ? `${info.width}x${info.height}` : undefined;
}

function checkUploads(
  op: Operation,
  rules: OperationRules,
  label: string,
  params: Record<string, unknown>,
  images: RequestImages,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const rule = rules.image;
  if (rule !== undefined && rule !== UNSTATED) {
    // The images the request carries: uploads in `image`, or references in `images`.
    const param = present(params.image) || !present(params.images) ? "image" : "images";
    const given = params[param];
    const count = present(given) ? (Array.isArray(given) ? given.length : 1) : (images.image?.length ?? 0);
    const max = rule.maxCount ?? 1;
    if (count === 0) {
      issues.push(
        issue(
          "image",
          undefined,
          `image is required for ${OPERATIONS[op].noun} with ${label}.`,
          "error",
          "missing_required_parameter",
        ),
      );
    } else if (count > max) {
      const accepts = max === 1 ? "exactly one" : `at most ${max}`;
      issues.push(
        issue(param, `${count} images`, `${param} has ${count} images; ${label} accepts ${accepts}.`),
      );
    }
    const infos = images.image ?? [];
    infos.forEach((info, index) => {
      const name = infos.length > 1 || Array.isArray(params.image) ? `image[${index}]` : "image";
      issues.push(...checkUpload(rule, label, name, info, undefined));
    });
  }
  const first = images.image?.[0];
  for (const param of OVERLAY_PARAMS) {
    const info = images[param];
    if (!present(params[param]) && info === undefined) continue;
    const shown = info ? describeImage(info) : "an image";
    const upload = rules[param];
    if (upload === undefined) issues.push(unsupported(op, label, param, shown));
    else if (upload !== UNSTATED && info) {
      issues.push(...checkUpload(upload, label, param, info, first));
    }
  }
  return issues;
}

/** The problems of one upload against its rule. */
function checkUpload(
  rule: UploadRule,
  label: string,
  param: string,
  info: ImageInfo,
  first: ImageInfo | undefined,
): ValidationIssue[] {
  // Each problem with the API's code where the evidence shows one: the client labels an upload with
  // its sniffed type, which the API judges (unsupported_file_mimetype), and a mask of another size is
  // invalid_mask_image_format.
  const problems: [string, (string | undefined)?][] = [];
  if (!rule.formats.includes(info.format)) {
    problems.push([
      `it is ${FORMATS[info.format].name}; ${label} accepts ${formatNames(rule.formats)} files`,
      "unsupported_file_mimetype",
    ]);
  }
  if (rule.maxBytes !== undefined && info.bytes >= rule.maxBytes) {
    problems.push([
      `it is ${megabytes(info.bytes)}; ${label} accepts files under ${megabytes(rule.maxBytes)}`,
    ]);
  }
  const size = sizeOf(info);
  if (rule.square && size && info.width !== info.height) {
    problems.push([`it is ${size}; ${label} needs a square image`]);
  }
  if (rule.needsAlpha && info.hasAlpha === false) {
    problems.push(["it needs an alpha channel: its transparent pixels carry the meaning"]);
  } else if (rule.needsAlpha && info.transparentPixels === false) {
    problems.push(["it has no transparent pixels, and its transparent pixels carry the meaning"]);
  }
  const firstSize = sizeOf(first);
  if (rule.sameSizeAsImage && firstSize && size && firstSize !== size) {
    problems.push([
      `it must match the first image's ${firstSize}, not ${size}`,
      param === "mask" ? "invalid_mask_image_format" : undefined,
    ]);
  }
  return problems.map(([problem, code]) =>
    issue(param, describeImage(info), `${param} for ${label}: ${problem}.`, "error", code),
  );
}

/** Options of `enforceValidation`. */
export interface EnforceOptions {
  mode: ValidationMode;
  /** The model named in a thrown error. */
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
 * enforceValidation(issues, { mode: "strict", model: "gpt-image-2", report: console.warn });
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

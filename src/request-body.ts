/**
 * A planned request becomes its body: uploads are read (their header only) and checked with the rest
 * of the request, then the body is encoded once — JSON for generations and edits by reference,
 * multipart for uploads — so every attempt re-sends the same bytes.
 */

import { isRecord } from "./body-reading.js";
import type { ValidationIssue } from "./errors.js";
import { invalidParam } from "./invalid-param.js";
import {
  enforceValidation,
  isKnownModel,
  PARAMETERS,
  type ParamInfo,
  type RequestImages,
  type RequestPlan,
  type ValidationContext,
  type ValidationMode,
  validateResolved,
} from "./models/index.js";
import { encodeMultipart, type MultipartValue } from "./multipart.js";
import type { ImageRef } from "./types.js";
import { isUploadable, type PreparedUpload, prepareUpload } from "./uploads.js";

/** A request body, encoded once. */
export interface EncodedBody {
  body: string | Blob;
  contentType: string;
  size: number;
}

/** How pre-flight validation runs for one call. */
export interface CheckOptions {
  mode: ValidationMode;
  report: (issue: ValidationIssue) => void;
  context: ValidationContext;
}

/** One encoder for every JSON body (a body's byte length is its Content-Length). */
const UTF8 = new TextEncoder();

/** The upload parameters, from the declarations: `image`, `mask`, `markup`. */
const UPLOAD_PARAMS = (Object.entries(PARAMETERS) as [string, ParamInfo][])
  .filter(([, info]) => info.kind === "upload")
  .map(([name]) => name);

/**
 * Validates the plan (with the uploads' header facts) and encodes its body.
 *
 * @example
 * const body = await encodeRequest(planRequest("generate", { prompt: "otter" }), { mode: "strict", report, context: {} });
 */
export async function encodeRequest(plan: RequestPlan, check: CheckOptions): Promise<EncodedBody> {
  const { op, params } = plan;
  if (op === "generate" || (op === "edit" && isReferenceEdit(plan))) {
    const json = op === "generate" ? params : toReferenceEdit(params);
    preflight(plan, json, {}, [], check);
    const text = JSON.stringify(json);
    return { body: text, contentType: "application/json", size: UTF8.encode(text).byteLength };
  }

  const issues: ValidationIssue[] = [];
  const uploads = new Map<string, PreparedUpload[]>();
  if (params.image === undefined) {
    throw invalidParam("image", undefined, "image is required.", plan.model, "missing_required_parameter");
  }
  for (const param of UPLOAD_PARAMS) {
    const value = params[param];
    if (value === undefined || value === null) continue;
    const many = Array.isArray(value);
    const prepared: PreparedUpload[] = [];
    for (const [i, item] of (many ? value : [value]).entries()) {
      const { upload, issue } = await prepareUpload(
        item,
        many ? `${param}[]` : param,
        many ? `${param}[${i}]` : param,
      );
      prepared.push(upload);
      if (issue) issues.push(issue);
    }
    uploads.set(param, prepared);
  }
  const infos: RequestImages = {
    image: uploads.get("image")?.map((u) => u.info),
    mask: uploads.get("mask")?.[0]?.info,
    markup: uploads.get("markup")?.[0]?.info,
  };
  preflight(plan, params, infos, issues, check);

  const entries: [string, MultipartValue][] = [];
  for (const [key, value] of Object.entries(params)) {
    const files = uploads.get(key);
    if (files) for (const file of files) entries.push([file.field, file]);
    else appendField(entries, key, value);
  }
  const { body, contentType } = encodeMultipart(entries);
  return { body, contentType, size: body.size };
}

/**
 * Validates `params` (and the uploads' header facts) before anything is sent. `uploadIssues` come
 * from reading the uploads (bytes that are not an accepted image) and are judged like rule
 * violations; which image types a model takes is a model rule, so unknown models (compatible
 * servers) get their uploads passed through untouched.
 */
function preflight(
  plan: RequestPlan,
  params: Record<string, unknown>,
  images: RequestImages,
  uploadIssues: readonly ValidationIssue[],
  check: CheckOptions,
): void {
  if (check.mode === "off") return;
  const known = isKnownModel(plan.model);
  const issues = [
    ...(known ? uploadIssues : []),
    ...validateResolved(plan.op, params, plan, images, check.context),
  ];
  enforceValidation(issues, { mode: check.mode, model: plan.model, report: check.report });
}

/**
 * Form fields the way the official SDKs write them, so servers see the same form: scalars as text
 * (`0`, `false` and `""` included), arrays as repeated `key[]`, objects as `key[prop]` (so
 * `svg: { reasoning: { effort } }` is `svg[reasoning][effort]`).
 */
function appendField(entries: [string, MultipartValue][], key: string, value: unknown): void {
  if (value === undefined || value === null) return;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    entries.push([key, String(value)]);
  } else if (Array.isArray(value)) {
    for (const item of value) appendField(entries, `${key}[]`, item);
  } else if (typeof value === "object") {
    for (const [name, item] of Object.entries(value)) appendField(entries, `${key}[${name}]`, item);
  }
}

function isRef(value: unknown): value is ImageRef {
  return (
    isRecord(value) &&
    !isUploadable(value) &&
    (typeof value.image_url === "string" || typeof value.file_id === "string")
  );
}

/** An edit is by reference when it uses `images`, or when its uploads are `{ image_url }`/`{ file_id }`. */
function isReferenceEdit(plan: RequestPlan): boolean {
  const { params } = plan;
  if (params.images !== undefined) return true;
  const image = params.image;
  const list = Array.isArray(image) ? image : image === undefined ? [] : [image];
  const refs = list.filter(isRef).length;
  if (refs > 0 && refs < list.length) {
    throw invalidParam(
      "image",
      `${refs} references and ${list.length - refs} uploads`,
      "image: mix of references ({ image_url } / { file_id }) and uploads; send one kind per edit.",
      plan.model,
    );
  }
  return refs > 0 || UPLOAD_PARAMS.some((p) => p !== "image" && isRef(params[p]));
}

function toReferenceEdit(params: Record<string, unknown>): Record<string, unknown> {
  if (params.images !== undefined || params.image === undefined) return params;
  const { image, ...rest } = params;
  // Keep the caller's key order apart from the rename; `images` is always an array on the wire.
  return { images: Array.isArray(image) ? image : [image], ...rest };
}

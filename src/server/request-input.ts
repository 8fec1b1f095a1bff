/**
 * From an HTTP request to a validated {@link RenderInput}: read the body (JSON or multipart), check it
 * against the spec and the model rules, and collect the uploaded images.
 */
import type { IncomingMessage } from "node:http";
import { API_ERRORS, firstRefusal, type WireRequest } from "../models/api-errors.js";
import type { ImageInfo } from "../models/index.js";
import { OVERLAY_PARAMS, type OverlayParam } from "../models/parameters.js";
import { failure, type HttpFailure, isHttpFailure, readBody } from "./http-io.js";
import { imageParam } from "./images/decode.js";
import { describeImage } from "./images/image-info.js";
import { hasTransparentPixels } from "./images/markup.js";
import { placeholderImage, placeholderOverlay } from "./images/placeholder.js";
import { jsonLimit, type ServerLimits } from "./limits.js";
import { checkRules, type Operation, ruleFailure, servedModel } from "./model-traits.js";
import { formForValidation, parseMultipart } from "./multipart.js";
import { drawSize, frameCount, outputFormat, type RenderInput } from "./operations.js";
import type { ServerPolicy } from "./policy.js";
import { refusalFailure } from "./refusal.js";
import type { SpecIssue, SpecValidator } from "./spec-validator.js";
import { IMAGE_REFS, isImageField, uploadLimit, withoutUploads } from "./uploads.js";

/** A request body as read: multipart form, parsed JSON, or anything else as text. */
export type RequestBody =
  | { kind: "form"; form: Awaited<ReturnType<typeof parseMultipart>> }
  | { kind: "json"; value: unknown }
  | { kind: "other"; text: string };

/** One Images request as read, from an HTTP request or a Batch API line. */
export interface ImagesRequest {
  op: Operation;
  /** The spec's path of the operation, e.g. `/images/edits`. */
  specPath: string;
  contentType: string;
  body: RequestBody;
  /** The Azure deployment named in the path, if any (the model when the body names none). */
  deployment: string | undefined;
}

/** What the checks of a request depend on: the parts of the server's policy (`policy.ts`) they read. */
export type CheckPolicy = Pick<ServerPolicy, "retired" | "checks" | "unusableUpload" | "apiRefusals">;

/** Reads and checks requests for one server. */
export interface RequestReader {
  /** Reads the body of a request for `op`; rejects with a 413 or 400 {@link HttpFailure}. */
  read(req: IncomingMessage, contentType: string, op: Operation): Promise<RequestBody>;
  /** Validates a request and gathers what rendering needs; rejects with a 400 or 413 {@link HttpFailure}. */
  prepare(policy: CheckPolicy, request: ImagesRequest): Promise<RenderInput>;
}

/**
 * @example
 * const reader = createRequestReader({ spec: createSpecValidator(), limits, maxPixels: 3840 * 2160 });
 * const body = await reader.read(req, ct, "generate");
 * const input = await reader.prepare(policy, { op: "generate", specPath: "/images/generations", contentType: ct, body, deployment: undefined });
 */
export function createRequestReader(config: {
  spec: SpecValidator;
  limits: ServerLimits;
  maxPixels: number;
  /** Largest uploaded image (width × height) the server decodes. */
  maxInputPixels: number;
  /** The bytes of an uploaded file (`/v1/files`), for `{ file_id }` image references. */
  fileBytes?: ((fileId: string) => Uint8Array | undefined) | undefined;
}): RequestReader {
  const { spec, limits, maxPixels, maxInputPixels, fileBytes } = config;

  async function read(req: IncomingMessage, contentType: string, op: Operation): Promise<RequestBody> {
    const media = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
    if (media === "multipart/form-data") {
      return { kind: "form", form: await parseMultipart(req, limits) };
    }
    const raw = await readBody(req, jsonLimit(limits, op));
    if (media !== "application/json") return { kind: "other", text: raw.toString("utf8") };
    let value: unknown;
    try {
      value = JSON.parse(raw.toString("utf8"));
    } catch {
      throw failure(
        400,
        "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly.)",
      );
    }
    // Nothing in the API nests deeper than a few levels; deeper input would only reach code that
    // recurses over parameters (hashing them for the picture's seed) and overflow its stack.
    if (nestingExceeds(value, MAX_JSON_DEPTH)) {
      throw failure(400, `The JSON body is nested more than ${MAX_JSON_DEPTH} levels deep.`, {
        code: "invalid_request",
      });
    }
    return { kind: "json", value };
  }

  async function prepare(policy: CheckPolicy, request: ImagesRequest): Promise<RenderInput> {
    const { op, specPath, contentType, body, deployment } = request;
    // Azure's deployment paths are Azure's API (the deployment names the model), not OpenAI's.
    if (policy.apiRefusals && deployment === undefined) {
      const wire = wireRequest(op, body);
      const refused = wire && firstRefusal(wire, { retired: policy.retired });
      if (refused) throw refusalFailure(refused);
    }
    const specBody =
      body.kind === "form" ? formForValidation(body.form) : body.kind === "json" ? body.value : body.text;
    const checked = spec.validateRequest({ method: "POST", path: specPath, contentType, body: specBody });
    if (!checked.valid) throw specFailure(checked.errors);
    // The API reads a null field as one not given (the spec lets most be null), so the renderer and
    // the defaults below see it absent.
    const params = dropNulls({ ...((checked.value ?? specBody) as Record<string, unknown>) });
    if (deployment !== undefined && params.model === undefined)
      params.model = safeDecode(deployment) ?? deployment;

    const placeholders = policy.unusableUpload === "placeholder";
    // A reference the server cannot resolve is, to a mock, an upload that is not an image (no bytes).
    const resolveRef = (ref: unknown, param: string): Uint8Array => {
      try {
        return decodeImageRef(ref, param, fileBytes);
      } catch (err) {
        if (placeholders && isHttpFailure(err)) return new Uint8Array(0);
        throw err;
      }
    };
    let images: Uint8Array[] = [];
    const overlays: Partial<Record<OverlayParam, Uint8Array>> = {};
    if (body.kind === "form") {
      images = body.form.files.filter((f) => isImageField(f.field)).map((f) => f.data);
      for (const param of OVERLAY_PARAMS) {
        const data = body.form.files.find((f) => f.field === param)?.data;
        if (data) overlays[param] = data;
      }
    } else if (body.kind === "json" && Array.isArray(params[IMAGE_REFS])) {
      images = (params[IMAGE_REFS] as unknown[]).map((ref, i) => resolveRef(ref, `${IMAGE_REFS}[${i}]`));
      for (const param of OVERLAY_PARAMS) {
        if (params[param] !== undefined) overlays[param] = resolveRef(params[param], param);
      }
    }
    for (const [i, img] of images.entries()) {
      if (img.length > limits.imageBytes)
        throw failure(413, `Image ${i + 1} is over ${limits.imageBytes} bytes.`, {
          code: "request_too_large",
          param: "image",
        });
    }
    for (const param of OVERLAY_PARAMS) {
      const limit = limits[uploadLimit(param)];
      if ((overlays[param]?.length ?? 0) > limit)
        throw failure(413, `The ${param} is over ${limit} bytes.`, { code: "request_too_large", param });
    }
    const infos = await Promise.all(images.map(describeImage));
    for (const [i, info] of infos.entries()) {
      const param = imageParam(i, images.length);
      const refusal = unusable(
        info,
        maxInputPixels,
        param,
        `Invalid image file or mode for image ${i + 1}, please check your image file.`,
      );
      if (!refusal) continue;
      if (!placeholders) {
        // The API's own envelope for an image it cannot read (the catalogue's wording).
        const notAnImage = refusal.body?.error.code === "invalid_image_file";
        throw notAnImage && policy.apiRefusals ? refusalFailure(API_ERRORS.invalidImageFile(i + 1)) : refusal;
      }
      const stand = await placeholderImage();
      images[i] = stand.bytes;
      infos[i] = { ...stand.info };
    }
    const overlayInfos: Partial<Record<OverlayParam, ImageInfo>> = {};
    for (const param of OVERLAY_PARAMS) {
      const bytes = overlays[param];
      if (!bytes) continue;
      const info = await describeImage(bytes);
      const refusal = unusable(
        info,
        maxInputPixels,
        param,
        `Invalid ${param} image file, please check your ${param} file.`,
      );
      if (refusal && !placeholders) throw refusal;
      const stand = refusal ? await placeholderOverlay() : undefined;
      if (stand) overlays[param] = stand.bytes;
      overlayInfos[param] = stand ? { ...stand.info } : info;
    }

    if (policy.checks === "spec-and-rules") {
      // The rules judge markup by its pixels: an alpha channel that is opaque everywhere carries nothing.
      const markupInfo = overlayInfos.markup;
      if (overlays.markup && markupInfo?.hasAlpha)
        markupInfo.transparentPixels = await hasTransparentPixels(overlays.markup);
      const issues = checkRules(
        op,
        withoutUploads(params),
        { ...(infos.length > 0 ? { image: infos } : {}), ...overlayInfos },
        policy.retired,
      ).filter((i) => i.severity === "error");
      const first = issues[0];
      if (first?.code === "invalid_mask_image_format" && policy.apiRefusals)
        throw refusalFailure(API_ERRORS.maskSizeMismatch());
      if (first) throw ruleFailure(first);
    }
    const { mask, markup } = overlays;

    const model = servedModel(op, params);
    const imageSizes = infos.map((i) => ({ width: i.width ?? 0, height: i.height ?? 0 }));
    const size = drawSize(op, params, imageSizes);
    checkDrawable(params.size, size, maxPixels);
    checkFrames(frameCount(outputFormat(model, params), params), size, maxPixels);
    return { op, model, params, images, imageSizes, mask, markup };
  }

  return { read, prepare };
}

/** The request as `firstRefusal()` reads it: a JSON body, or every form part in body order. */
function wireRequest(op: Operation, body: RequestBody): WireRequest | undefined {
  if (body.kind === "json") return { op, json: body.value };
  if (body.kind === "form") return { op, form: body.form.parts };
  return undefined;
}

/** Deeper JSON than this is refused (the API's own bodies nest three levels). */
const MAX_JSON_DEPTH = 64;

/** The widest or tallest picture the encoders write (WebP's limit; sharp's SVG input stops at 32767). */
const MAX_SIDE = 16383;

/** Whether a parsed JSON value nests deeper than `max`; iterative, so any depth is safe to check. */
function nestingExceeds(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [node, depth] = item;
    if (typeof node !== "object" || node === null) continue;
    if (depth >= max) return true;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * The size a request would be drawn at must be one the server can draw: each side 1 to
 * {@link MAX_SIDE}, at most `maxPixels` in all. The model rules check known models' sizes; this
 * catches the rest (unknown models) and a server configured to draw small pictures only.
 */
function checkDrawable(
  size: unknown,
  { width, height }: { width: number; height: number },
  maxPixels: number,
): void {
  const reason =
    width < 1 || height < 1
      ? "each side must be at least 1 pixel"
      : width > MAX_SIDE || height > MAX_SIDE
        ? `each side must be at most ${MAX_SIDE} pixels`
        : width * height > maxPixels
          ? `the local server draws at most ${maxPixels} pixels`
          : undefined;
  if (reason) {
    const named = typeof size === "string" ? size : "auto";
    throw failure(400, `Invalid size ${named} (${width}x${height}): ${reason}.`, {
      param: "size",
      code: "invalid_value",
    });
  }
}

/**
 * All frames of a GIF are held at once while it is encoded: their pixels together may be at most
 * this many times `maxPixels` (with the defaults, 16 frames of 1920×1080, or 4 of 3840×2160).
 */
export const GIF_PIXEL_BUDGET = 4;

function checkFrames(
  frames: number,
  { width, height }: { width: number; height: number },
  maxPixels: number,
) {
  const budget = GIF_PIXEL_BUDGET * maxPixels;
  if (frames <= 1 || frames * width * height <= budget) return;
  throw failure(
    400,
    `${frames} frames of ${width}x${height} are more than the local server draws for one GIF (${budget} pixels over all frames): ask for fewer frames or a smaller size.`,
    { param: "frame_count", code: "invalid_value" },
  );
}

/**
 * Why an upload cannot be used, as the 400 to answer with: not an image sharp reads (`notAnImage`, the
 * message), or larger than the server decodes (a small file can declare a huge image). `undefined` when it can be used.
 */
function unusable(
  info: ImageInfo,
  maxInputPixels: number,
  param: string,
  notAnImage: string,
): HttpFailure | undefined {
  if (info.format === "unknown" || !info.width || !info.height) {
    return failure(400, notAnImage, { param, code: "invalid_image_file" });
  }
  if (info.width * info.height <= maxInputPixels) return undefined;
  return failure(
    400,
    `The ${param} is ${info.width}x${info.height}: the local server decodes images of at most ${maxInputPixels} pixels.`,
    { param, code: "image_too_large" },
  );
}

/** The 400 for a request the spec refuses, naming the parameter like the API does. */
function specFailure(errors: SpecIssue[]): HttpFailure {
  const first = errors[0] ?? { instancePath: "", message: "is invalid" };
  const missing = /required property '([^']+)'/.exec(first.message)?.[1];
  if (missing) {
    return failure(400, `Missing required parameter: '${missing}'.`, {
      param: missing,
      code: "missing_required_parameter",
    });
  }
  const param = pointerToParam(first.instancePath);
  if (!param) return failure(400, `Invalid request: ${first.message}.`, { code: "invalid_request" });
  return failure(400, `Invalid value for '${param}': ${first.message}.`, { param, code: "invalid_value" });
}

/** `/images/0/image_url` → `images[0].image_url`. */
function pointerToParam(pointer: string): string {
  return pointer
    .split("/")
    .slice(1)
    .map((seg) => seg.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce((acc, seg) => (/^\d+$/.test(seg) ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg), "");
}

/**
 * Decodes a `data:` URL image reference, or reads a `file_id` uploaded to this server; remote URLs are
 * never fetched by a local server.
 */
function decodeImageRef(
  ref: unknown,
  param: string,
  fileBytes: ((fileId: string) => Uint8Array | undefined) | undefined,
): Uint8Array {
  const r = ref as { image_url?: string; file_id?: string };
  if (typeof r.image_url === "string") {
    const m = /^data:([^;,]*)((?:;[^;,]*)*),(.*)$/s.exec(r.image_url);
    if (m) {
      const isBase64 = (m[2] ?? "").split(";").includes("base64");
      const payload = m[3] ?? "";
      if (isBase64) return Buffer.from(payload, "base64");
      const text = safeDecode(payload);
      if (text !== undefined) return Buffer.from(text, "latin1");
    }
    throw failure(
      400,
      `The local Images server accepts only well-formed data: URLs in ${param}.image_url (it never fetches remote URLs).`,
      {
        param: `${param}.image_url`,
        code: "invalid_image_url",
      },
    );
  }
  const stored = typeof r.file_id === "string" ? fileBytes?.(r.file_id) : undefined;
  if (stored) return stored;
  throw failure(
    400,
    `No file ${r.file_id} was uploaded to this server (POST /v1/files): upload it first, or use a data: URL in ${param}.image_url.`,
    {
      param: `${param}.file_id`,
      code: "invalid_file_id",
    },
  );
}

/**
 * Deletes the null fields of `fields` and of the objects nested in it (arrays are kept as they are),
 * in place: keys are deleted, never assigned, so a field named `__proto__` stays a plain field.
 */
export function dropNulls(fields: Record<string, unknown>): Record<string, unknown> {
  for (const key of Object.keys(fields)) {
    const value = fields[key];
    if (value === null) delete fields[key];
    else if (typeof value === "object" && !Array.isArray(value) && !ArrayBuffer.isView(value))
      dropNulls(value as Record<string, unknown>);
  }
  return fields;
}

/** `decodeURIComponent`, or `undefined` for malformed escapes (a 400, not a crash). */
function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

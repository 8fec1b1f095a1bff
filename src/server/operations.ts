/**
 * Turns a validated request into pictures and the API's answer: the JSON `ImagesResponse`, or the
 * list of stream events (partial images, then the completed event with usage).
 */
import { createHash } from "node:crypto";
import { DEFAULT_OUTPUT_FORMAT, PARAMETERS } from "../models/index.js";
import { defaultResponseFormat } from "../models/response-format.js";
import type { CreateImageRequest, ImagesResponse } from "../types.js";
import { encodeGif, gifDelay } from "./images/gif.js";
import {
  type EncodedPicture,
  editPicture,
  encodePicture,
  partialPictures,
  type RawImage,
  varyPicture,
} from "./images/pictures.js";
import { renderScene } from "./images/scene.js";
import { pictureSvg, sceneSvg } from "./images/svg-output.js";
import { type ModelTraits, modelTraits, type Operation } from "./model-traits.js";
import { formatRendering, renderQuality } from "./render-traits.js";
import { specNumber } from "./spec-defaults.js";
import { withoutUploads } from "./uploads.js";
import { computeSvgUsage, computeUsage, type UsageQuality } from "./usage.js";

/** The default size for `size: "auto"` (and an omitted size) when no input image suggests a shape. */
export const AUTO_SIZE = { width: 1024, height: 1024 } as const;

/** An `output_format` the server writes. */
export type OutputFormat = NonNullable<CreateImageRequest["output_format"]>;

/** A validated request, ready to render. */
export interface RenderInput {
  op: Operation;
  model: string;
  params: Record<string, unknown>;
  /** Uploaded images (edits: one or more; variations: one). */
  images: readonly Uint8Array[];
  /** Dimensions of each uploaded image, in order. */
  imageSizes: ReadonlyArray<{ width: number; height: number }>;
  mask?: Uint8Array | undefined;
  /** The `markup` overlay of an edit. */
  markup?: Uint8Array | undefined;
}

/** What was rendered for a request. */
export interface Rendered {
  traits: ModelTraits;
  width: number;
  height: number;
  format: OutputFormat;
  quality: UsageQuality;
  /** Frames of each picture: `frame_count` for GIF output, else 1. */
  frames: number;
  /** Whether the pictures kept transparency. */
  transparent: boolean;
  pictures: EncodedPicture[];
  /** Per picture, its partial images (streaming only). */
  partials: EncodedPicture[][];
}

/**
 * Resolves the size to draw: `WIDTHxHEIGHT` as given; `auto` or none → 1024×1024, except edits,
 * which follow the first image's shape (landscape 1536×1024, portrait 1024×1536, else square).
 */
export function resolveSize(
  size: unknown,
  op: Operation,
  first?: { width: number; height: number },
): { width: number; height: number } {
  const m = typeof size === "string" ? /^(\d+)x(\d+)$/.exec(size) : null;
  if (m) return { width: Number(m[1]), height: Number(m[2]) };
  if (op === "edit" && first) {
    const ratio = first.width / first.height;
    if (ratio > 1.2) return { width: 1536, height: 1024 };
    if (ratio < 1 / 1.2) return { width: 1024, height: 1536 };
  }
  return { ...AUTO_SIZE };
}

/** The size a request is drawn at: {@link resolveSize} of its `size` (variations default to 1024×1024). */
export function drawSize(
  op: Operation,
  params: Record<string, unknown>,
  imageSizes: ReadonlyArray<{ width: number; height: number }>,
): { width: number; height: number } {
  return op === "variation"
    ? resolveSize(params.size ?? "1024x1024", op)
    : resolveSize(params.size, op, imageSizes[0]);
}

/** The format a request is answered in: its `output_format` on GPT image models, else PNG. */
export function outputFormat(model: string, params: Record<string, unknown>): OutputFormat {
  return modelTraits(model).family === "gpt-image"
    ? ((params.output_format as OutputFormat | undefined) ?? DEFAULT_OUTPUT_FORMAT)
    : "png";
}

/** Frames per picture: `frame_count` (the spec's default when omitted) for GIF output, else 1. */
export function frameCount(format: OutputFormat, params: Record<string, unknown>): number {
  if (format !== "gif") return 1;
  return typeof params.frame_count === "number" ? params.frame_count : specNumber("FrameCount");
}

/**
 * The safety identifier in effect, echoed in answers: a non-empty `safety_identifier`, else a
 * non-empty deprecated `user` (as the spec documents), on the operations that take it.
 */
export function effectiveSafetyIdentifier(
  op: Operation,
  params: Record<string, unknown>,
): string | undefined {
  if (!(PARAMETERS.safety_identifier.ops as readonly Operation[]).includes(op)) return undefined;
  for (const value of [params.safety_identifier, params.user]) {
    if (typeof value === "string" && value !== "") return value;
  }
  return undefined;
}

/**
 * Parameters that change the picture; `n`, streaming, delivery options and the end user's identity
 * do not. Input images count by their bytes, not by how they were sent (multipart upload, `data:` URL
 * or `file_id`), so the same edit draws the same picture whichever way it arrives.
 */
function pictureSeed(input: RenderInput, index: number): unknown[] {
  const {
    n: _n,
    stream: _s,
    partial_images: _p,
    response_format: _r,
    user: _u,
    safety_identifier: _si,
    ...rest
  } = withoutUploads(input.params);
  const sorted = Object.fromEntries(Object.entries(rest).sort(([a], [b]) => a.localeCompare(b)));
  const digest = createHash("sha256");
  const uploads = [
    ...input.images,
    ...(input.mask ? [input.mask] : []),
    ...(input.markup ? [input.markup] : []),
  ];
  for (const bytes of uploads) digest.update(bytes);
  return [input.op, input.model, sorted, input.images.length > 0 ? digest.digest("hex") : "", index];
}

/** Draws one picture of a request as RGBA pixels. */
async function draw(
  input: RenderInput,
  scene: { prompt: string; width: number; height: number; transparent: boolean; detail: UsageQuality },
  seed: readonly unknown[],
): Promise<RawImage> {
  if (input.op === "generate") return renderScene({ ...scene, seed });
  if (input.op === "edit") {
    return editPicture({ ...scene, seed, images: input.images, mask: input.mask, markup: input.markup });
  }
  const first = input.images[0];
  if (!first) throw new Error("a variation needs an image");
  return varyPicture(first, scene.width, scene.height, seed);
}

const svgPicture = (document: string): EncodedPicture => ({
  bytes: Buffer.from(document, "utf8"),
  transparent: false,
});

/** Renders every picture (and its partial images when `stream` is set) of a request. */
export async function render(input: RenderInput): Promise<Rendered> {
  const { params, op } = input;
  const traits = modelTraits(input.model);
  const { width, height } = drawSize(op, params, input.imageSizes);
  const format = outputFormat(input.model, params);
  const frames = frameCount(format, params);
  const quality = renderQuality(params.quality);
  const how = formatRendering(format);
  const background = (params.background as "transparent" | "opaque" | "auto" | undefined) ?? "auto";
  const n = typeof params.n === "number" ? params.n : 1;
  const prompt = typeof params.prompt === "string" ? params.prompt : "";
  const partialCount = params.stream === true ? ((params.partial_images as number | undefined) ?? 0) : 0;
  const scene = { prompt, width, height, transparent: background === "transparent", detail: quality };
  const pictures: EncodedPicture[] = [];
  const partials: EncodedPicture[][] = [];
  for (let i = 0; i < n; i++) {
    const seed = pictureSeed(input, i);
    partials.push([]);
    if (how.kind === "vector") {
      // A generation is drawn as vector shapes; an edit's content is pixels, embedded as such.
      const document =
        op === "generate"
          ? sceneSvg({ ...scene, seed })
          : await pictureSvg(await draw(input, scene, seed), prompt);
      pictures.push(svgPicture(document));
      continue;
    }
    const raw = await draw(input, scene, seed);
    if (how.kind === "animation") {
      const delayMs = gifDelay(
        typeof params.frame_duration_ms === "number"
          ? params.frame_duration_ms
          : specNumber("FrameDurationMs"),
      );
      pictures.push({ bytes: await encodeGif(raw, { frames, delayMs, seed }), transparent: false });
      continue;
    }
    const encode = {
      format: how.encoder,
      compression: params.output_compression as number | undefined,
      // Generations are opaque unless asked; edits keep the input's transparency unless told otherwise.
      background: op === "generate" && background === "auto" ? ("opaque" as const) : background,
    };
    pictures.push(await encodePicture(raw, encode));
    if (partialCount > 0) partials[i] = await partialPictures(raw, partialCount, encode);
  }
  return {
    traits,
    width,
    height,
    format,
    quality,
    frames,
    transparent: pictures.some((p) => p.transparent),
    pictures,
    partials,
  };
}

/** The prompt dall-e-3 reports having used: the request's prompt, made more explicit. */
export function revisePrompt(prompt: string, style: unknown): string {
  const look = style === "natural" ? "natural, photographic" : "vivid, dramatic";
  return `A ${look} illustration of ${prompt.trim().replace(/[.!?]+$/, "")}, centred in the frame, with the words of the prompt written on a caption panel.`;
}

/** Builds the JSON answer. `toUrl` stores a picture and returns its URL (`response_format: "url"`). */
export function buildResponse(
  input: RenderInput,
  rendered: Rendered,
  created: number,
  toUrl: (picture: EncodedPicture, format: OutputFormat) => string,
): ImagesResponse {
  const { params } = input;
  const safety = effectiveSafetyIdentifier(input.op, params);
  const identified = safety === undefined ? {} : { safety_identifier: safety };
  const gpt = rendered.traits.family === "gpt-image";
  const responseFormat = params.response_format ?? defaultResponseFormat(input.op, input.model);
  const prompt = typeof params.prompt === "string" ? params.prompt : "";
  const data = rendered.pictures.map((p) => ({
    ...(responseFormat === "url"
      ? { url: toUrl(p, rendered.format) }
      : { b64_json: p.bytes.toString("base64") }),
    ...(rendered.traits.revisesPrompt ? { revised_prompt: revisePrompt(prompt, params.style) } : {}),
  }));
  if (!gpt) return { created, data, ...identified };
  return {
    created,
    background: rendered.transparent ? "transparent" : "opaque",
    data,
    output_format: rendered.format,
    quality: rendered.quality,
    ...identified,
    size: `${rendered.width}x${rendered.height}`,
    ...(rendered.format === "svg" ? { svg_usage: svgUsage(input, rendered) } : {}),
    usage: computeUsage({
      prompt,
      inputImages: input.imageSizes,
      width: rendered.width,
      height: rendered.height,
      quality: rendered.quality,
      count: rendered.pictures.length,
      frames: rendered.frames,
    }),
  };
}

/** The `svg_usage` of an SVG answer; the author is `svg.model`, else the image model itself. */
function svgUsage(input: RenderInput, rendered: Rendered): NonNullable<ImagesResponse["svg_usage"]> {
  const svg = input.params.svg as { model?: unknown; reasoning?: { effort?: unknown } | null } | undefined;
  return computeSvgUsage({
    prompt: typeof input.params.prompt === "string" ? input.params.prompt : "",
    inputImages: input.imageSizes,
    documents: rendered.pictures.map((p) => p.bytes.toString("utf8")),
    effort: typeof svg?.reasoning?.effort === "string" ? svg.reasoning.effort : undefined,
    model: typeof svg?.model === "string" && svg.model !== "" ? svg.model : input.model,
  });
}

/** One server-sent event: its `event:` name and `data:` JSON. */
export interface StreamEvent {
  type: string;
  data: Record<string, unknown>;
}

/**
 * The events of a streamed generation or edit: for each image, its partial images
 * (`partial_image_index` 0, 1, …) and then its completed event, whose usage covers that image.
 */
export function buildStreamEvents(input: RenderInput, rendered: Rendered, createdAt: number): StreamEvent[] {
  const prefix = input.op === "edit" ? "image_edit" : "image_generation";
  const prompt = typeof input.params.prompt === "string" ? input.params.prompt : "";
  const safety = effectiveSafetyIdentifier(input.op, input.params);
  const common = {
    background: rendered.transparent ? "transparent" : "opaque",
    created_at: createdAt,
    output_format: rendered.format,
    quality: rendered.quality,
    size: `${rendered.width}x${rendered.height}`,
  };
  const events: StreamEvent[] = [];
  rendered.pictures.forEach((picture, i) => {
    (rendered.partials[i] ?? []).forEach((partial, k) => {
      const type = `${prefix}.partial_image`;
      events.push({
        type,
        data: { type, b64_json: partial.bytes.toString("base64"), ...common, partial_image_index: k },
      });
    });
    const type = `${prefix}.completed`;
    const usage = computeUsage({
      prompt,
      inputImages: input.imageSizes,
      width: rendered.width,
      height: rendered.height,
      quality: rendered.quality,
      count: 1,
      partialImages: rendered.partials[i]?.length ?? 0,
    });
    const identified = safety === undefined ? {} : { safety_identifier: safety };
    events.push({
      type,
      data: { type, b64_json: picture.bytes.toString("base64"), ...common, usage, ...identified },
    });
  });
  return events;
}

/** Frames one event as the API does: `event: <type>\ndata: <json>\n\n`. */
export function frameEvent(event: StreamEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`;
}

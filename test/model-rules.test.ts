/**
 * The model rules, one row per rule and direction: refused when broken, accepted just inside the limit.
 * Each row cites its rule: from the API reference (seed 000), or with the official SDK version that
 * states it (`7.x.y`: openai@7.x.y's images.d.ts). Every row runs twice: through the pure validator,
 * and through the real client against a loopback server that counts requests — a refused row must
 * send nothing, an accepted row must arrive. Both run as for a server that still serves retired
 * models (their retirement is a warning there; the lifecycle has its own test below).
 */
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createImagesClient, type ImagesClient } from "../src/client.js";
import { isImagesAPIError, isImagesValidationError, type ValidationIssue } from "../src/errors.js";
import type { ImageInfo, Operation, RequestImages } from "../src/models/index.js";
import { validateRequest } from "../src/models/index.js";
import { allowSpecViolations } from "./support/contract-setup.js";

interface Row {
  /** The rule this row checks, as the API reference states it. */
  rule: string;
  op: Operation;
  params: Record<string, unknown>;
  images?: RequestImages;
  /** `undefined`: accepted with no issue; else the parameter expected to carry an error or a warning. */
  refused?: string;
  warned?: string;
}

const accept = (rule: string, op: Operation, params: Record<string, unknown>, images?: RequestImages): Row =>
  images ? { rule, op, params, images } : { rule, op, params };
const refuse = (
  rule: string,
  op: Operation,
  params: Record<string, unknown>,
  refused: string,
  images?: RequestImages,
): Row => (images ? { rule, op, params, refused, images } : { rule, op, params, refused });
const warn = (rule: string, op: Operation, params: Record<string, unknown>, warned: string): Row => ({
  rule,
  op,
  params,
  warned,
});

const MB = 1024 * 1024;
const text = (length: number) => "a".repeat(length);
const png = (width = 1024, height = width, bytes = 1000, hasAlpha = true): ImageInfo => ({
  format: "png",
  width,
  height,
  bytes,
  hasAlpha,
});
const file = (format: ImageInfo["format"], bytes = 1000, width = 1024, height = width): ImageInfo => ({
  format,
  width,
  height,
  bytes,
});
const blob = new Blob(["not really an image"]);
const gen = (model: string | undefined, extra: Record<string, unknown> = {}) => ({
  ...(model === undefined ? {} : { model }),
  prompt: "A cute baby sea otter",
  ...extra,
});
const edit = (model: string | undefined, extra: Record<string, unknown> = {}) => ({
  ...(model === undefined ? {} : { model }),
  prompt: "Add a beret",
  image: blob,
  ...extra,
});
const vary = (model: string | undefined, extra: Record<string, unknown> = {}) => ({
  ...(model === undefined ? {} : { model }),
  image: blob,
  ...extra,
});
const one = (info: ImageInfo, mask?: ImageInfo, markup?: ImageInfo): RequestImages => ({
  image: [info],
  ...(mask ? { mask } : {}),
  ...(markup ? { markup } : {}),
});
/** An edit carrying a markup upload (its header facts come from the row's `images`). */
const marked = (model: string, extra: Record<string, unknown> = {}) =>
  edit(model, { markup: blob, ...extra });

const G = "generate" as const;
const E = "edit" as const;
const V = "variation" as const;

const rows: Row[] = [
  // ── Generations: prompt ────────────────────────────────────────────────────────────────────────
  refuse("gen: prompt is required", G, { model: "gpt-image-1" }, "prompt"),
  accept("gen: prompt is required", G, gen("gpt-image-1")),
  refuse("gen: prompt ≤ 1000 characters for dall-e-2", G, gen("dall-e-2", { prompt: text(1001) }), "prompt"),
  accept("gen: prompt ≤ 1000 characters for dall-e-2", G, gen("dall-e-2", { prompt: text(1000) })),
  refuse("gen: prompt ≤ 4000 characters for dall-e-3", G, gen("dall-e-3", { prompt: text(4001) }), "prompt"),
  accept("gen: prompt ≤ 4000 characters for dall-e-3", G, gen("dall-e-3", { prompt: text(4000) })),
  refuse(
    "gen: prompt ≤ 32000 characters for GPT",
    G,
    gen("gpt-image-1.5", { prompt: text(32001) }),
    "prompt",
  ),
  accept("gen: prompt ≤ 32000 characters for GPT", G, gen("gpt-image-1.5", { prompt: text(32000) })),
  accept(
    "gen: prompt counts characters, not UTF-16 units",
    G,
    gen("dall-e-2", { prompt: "🦦".repeat(1000) }),
  ),
  // ── Generations: n ─────────────────────────────────────────────────────────────────────────────
  refuse("gen: n between 1 and 10", G, gen("gpt-image-1", { n: 0 }), "n"),
  accept("gen: n between 1 and 10", G, gen("gpt-image-1", { n: 1 })),
  refuse("gen: n between 1 and 10", G, gen("dall-e-2", { n: 11 }), "n"),
  accept("gen: n between 1 and 10", G, gen("dall-e-2", { n: 10 })),
  refuse("gen: n is an integer", G, gen("gpt-image-1", { n: 1.5 }), "n"),
  refuse("gen: dall-e-3 only n=1", G, gen("dall-e-3", { n: 2 }), "n"),
  accept("gen: dall-e-3 only n=1", G, gen("dall-e-3", { n: 1 })),
  // ── Generations: size ──────────────────────────────────────────────────────────────────────────
  refuse("gen: dall-e-2 sizes 256/512/1024", G, gen("dall-e-2", { size: "1792x1024" }), "size"),
  accept("gen: dall-e-2 sizes 256/512/1024", G, gen("dall-e-2", { size: "256x256" })),
  accept("gen: dall-e-2 sizes 256/512/1024", G, gen("dall-e-2", { size: "512x512" })),
  refuse("gen: dall-e-2 sizes (no auto)", G, gen("dall-e-2", { size: "auto" }), "size"),
  refuse(
    "gen: dall-e-3 sizes 1024x1024/1792x1024/1024x1792",
    G,
    gen("dall-e-3", { size: "512x512" }),
    "size",
  ),
  accept("gen: dall-e-3 sizes 1024x1024/1792x1024/1024x1792", G, gen("dall-e-3", { size: "1792x1024" })),
  accept("gen: dall-e-3 sizes 1024x1024/1792x1024/1024x1792", G, gen("dall-e-3", { size: "1024x1792" })),
  refuse(
    "gen: GPT sizes auto/1024x1024/1536x1024/1024x1536",
    G,
    gen("gpt-image-1", { size: "1792x1024" }),
    "size",
  ),
  accept("gen: GPT sizes auto/1024x1024/1536x1024/1024x1536", G, gen("gpt-image-1", { size: "1536x1024" })),
  accept(
    "gen: GPT sizes auto/1024x1024/1536x1024/1024x1536",
    G,
    gen("chatgpt-image-latest", { size: "auto" }),
  ),
  refuse("gen: custom sizes are gpt-image-2 only", G, gen("gpt-image-1.5", { size: "1536x864" }), "size"),
  accept("gen: gpt-image-2 custom WIDTHxHEIGHT", G, gen("gpt-image-2", { size: "1536x864" })),
  accept(
    "gen: gpt-image-2 snapshot custom WIDTHxHEIGHT",
    G,
    gen("gpt-image-2-2026-04-21", { size: "1536x864" }),
  ),
  refuse("gen: gpt-image-2 sides divisible by 16", G, gen("gpt-image-2", { size: "1000x1000" }), "size"),
  accept("gen: gpt-image-2 sides divisible by 16", G, gen("gpt-image-2", { size: "1008x1008" })),
  refuse("gen: gpt-image-2 aspect ratio ≤ 3:1", G, gen("gpt-image-2", { size: "3088x1024" }), "size"),
  accept("gen: gpt-image-2 aspect ratio ≤ 3:1", G, gen("gpt-image-2", { size: "3072x1024" })),
  refuse("gen: gpt-image-2 aspect ratio ≥ 1:3", G, gen("gpt-image-2", { size: "512x1552" }), "size"),
  accept("gen: gpt-image-2 aspect ratio ≥ 1:3", G, gen("gpt-image-2", { size: "512x1536" })),
  refuse("gen: gpt-image-2 at most 3840x2160", G, gen("gpt-image-2", { size: "3856x2160" }), "size"),
  refuse("gen: gpt-image-2 at most 3840x2160 (pixels)", G, gen("gpt-image-2", { size: "2896x2896" }), "size"),
  // RULE_EVIDENCE "size.minPixels": the API's minimum pixel budget, an area (api-answers.ts). This
  // table runs for other servers, where the observed rules warn; api-answers-client.test.ts holds
  // the refusals on OpenAI's API.
  warn("gen: gpt-image-2 at least 655,360 pixels", G, gen("gpt-image-2", { size: "800x800" }), "size"),
  warn(
    "gen: gpt-image-2 at least 655,360 pixels (16:9)",
    G,
    gen("gpt-image-2", { size: "1024x576" }),
    "size",
  ),
  accept("gen: gpt-image-2 at least 655,360 pixels", G, gen("gpt-image-2", { size: "816x816" })),
  accept("gen: gpt-image-2 at least 655,360 pixels (exactly)", G, gen("gpt-image-2", { size: "1024x640" })),
  warn(
    "gen: gpt-image-2.5 at least 655,360 pixels",
    G,
    gen("gpt-image-2.5-flare", { size: "768x768" }),
    "size",
  ),
  // RULE_EVIDENCE "prompt.notEmpty": empty is refused, blank is not.
  warn("gen: the prompt is not empty", G, gen("gpt-image-2", { prompt: "" }), "prompt"),
  accept("gen: a blank prompt is a prompt", G, gen("gpt-image-2", { prompt: "   " })),
  warn(
    "gen: gpt-image-2 above 2560x1440 is experimental",
    G,
    gen("gpt-image-2", { size: "3840x2160" }),
    "size",
  ),
  warn(
    "gen: gpt-image-2 above 2560x1440 is experimental",
    G,
    gen("gpt-image-2", { size: "2160x3840" }),
    "size",
  ),
  accept(
    "gen: gpt-image-2 up to 2560x1440 is not experimental",
    G,
    gen("gpt-image-2", { size: "2560x1440" }),
  ),
  refuse("gen: size is WIDTHxHEIGHT", G, gen("gpt-image-2", { size: "big" }), "size"),
  // ── Generations: quality ───────────────────────────────────────────────────────────────────────
  accept("gen: quality auto for all models", G, gen("dall-e-3", { quality: "auto" })),
  accept("gen: dall-e-2 only standard", G, gen("dall-e-2", { quality: "standard" })),
  refuse("gen: dall-e-2 only standard", G, gen("dall-e-2", { quality: "hd" }), "quality"),
  accept("gen: hd/standard for dall-e-3", G, gen("dall-e-3", { quality: "hd" })),
  refuse("gen: low/medium/high are GPT only", G, gen("dall-e-3", { quality: "high" }), "quality"),
  accept("gen: low/medium/high for GPT", G, gen("gpt-image-1-mini", { quality: "low" })),
  refuse("gen: hd is dall-e-3 only", G, gen("gpt-image-1", { quality: "hd" }), "quality"),
  // ── Generations: background ────────────────────────────────────────────────────────────────────
  refuse("gen: background is GPT only", G, gen("dall-e-2", { background: "transparent" }), "background"),
  refuse("gen: background is GPT only", G, gen("dall-e-3", { background: "opaque" }), "background"),
  accept("gen: background transparent for gpt-image-1", G, gen("gpt-image-1", { background: "transparent" })),
  warn(
    "gen: gpt-image-2 transparent in preview (7.6.0)",
    G,
    gen("gpt-image-2", { background: "transparent" }),
    "background",
  ),
  warn(
    "gen: gpt-image-2 snapshot transparent in preview (7.6.0)",
    G,
    gen("gpt-image-2-2026-04-21", { background: "transparent" }),
    "background",
  ),
  accept("gen: gpt-image-2 takes opaque", G, gen("gpt-image-2", { background: "opaque" })),
  refuse(
    "gen: transparent needs png or webp",
    G,
    gen("gpt-image-1", { background: "transparent", output_format: "jpeg" }),
    "background",
  ),
  accept(
    "gen: transparent needs png or webp",
    G,
    gen("gpt-image-1", { background: "transparent", output_format: "webp" }),
  ),
  // ── Generations: output_format, output_compression, moderation ────────────────────────────────
  refuse("gen: output_format is GPT only", G, gen("dall-e-3", { output_format: "png" }), "output_format"),
  accept("gen: output_format png/jpeg/webp", G, gen("gpt-image-1.5", { output_format: "jpeg" })),
  refuse(
    "gen: output_format png/jpeg/webp for gpt-image-1 (retired before GIF)",
    G,
    gen("gpt-image-1", { output_format: "gif" }),
    "output_format",
  ),
  refuse(
    "gen: output_compression is GPT only",
    G,
    gen("dall-e-2", { output_compression: 50 }),
    "output_compression",
  ),
  accept(
    "gen: output_compression 0–100",
    G,
    gen("gpt-image-1", { output_format: "jpeg", output_compression: 0 }),
  ),
  accept(
    "gen: output_compression 0–100",
    G,
    gen("gpt-image-1", { output_format: "webp", output_compression: 100 }),
  ),
  refuse(
    "gen: output_compression 0–100",
    G,
    gen("gpt-image-1", { output_format: "jpeg", output_compression: 101 }),
    "output_compression",
  ),
  refuse(
    "gen: output_compression 0–100",
    G,
    gen("gpt-image-1", { output_format: "jpeg", output_compression: -1 }),
    "output_compression",
  ),
  refuse(
    "gen: output_compression only with jpeg or webp",
    G,
    gen("gpt-image-1", { output_compression: 80 }),
    "output_compression",
  ),
  warn(
    "gen: output_compression defaults to 100 (no effect with png)",
    G,
    gen("gpt-image-1", { output_format: "png", output_compression: 100 }),
    "output_compression",
  ),
  refuse("gen: moderation is GPT only", G, gen("dall-e-3", { moderation: "low" }), "moderation"),
  accept("gen: moderation low/auto", G, gen("gpt-image-1", { moderation: "low" })),
  refuse("gen: moderation low/auto", G, gen("gpt-image-1", { moderation: "high" }), "moderation"),
  // ── Generations: response_format, stream, partial_images, style ───────────────────────────────
  refuse(
    "gen: response_format is DALL·E only",
    G,
    gen("gpt-image-1.5", { response_format: "url" }),
    "response_format",
  ),
  refuse(
    "gen: response_format is DALL·E only",
    G,
    gen("gpt-image-2", { response_format: "b64_json" }),
    "response_format",
  ),
  accept("gen: response_format url/b64_json for DALL·E", G, gen("dall-e-2", { response_format: "url" })),
  accept("gen: response_format url/b64_json for DALL·E", G, gen("dall-e-3", { response_format: "b64_json" })),
  refuse("gen: stream is GPT only", G, gen("dall-e-3", { stream: true }), "stream"),
  accept("gen: stream false is the default everywhere", G, gen("dall-e-3", { stream: false })),
  accept("gen: stream for GPT", G, gen("gpt-image-1.5", { stream: true })),
  accept("gen: partial_images 0–3", G, gen("gpt-image-1", { stream: true, partial_images: 3 })),
  accept("gen: partial_images 0–3", G, gen("gpt-image-1", { stream: true, partial_images: 0 })),
  refuse(
    "gen: partial_images 0–3",
    G,
    gen("gpt-image-1", { stream: true, partial_images: 4 }),
    "partial_images",
  ),
  refuse("gen: partial_images is GPT only", G, gen("dall-e-2", { partial_images: 1 }), "partial_images"),
  warn(
    "gen: partial_images is for streaming",
    G,
    gen("gpt-image-1", { partial_images: 2 }),
    "partial_images",
  ),
  refuse("gen: style is dall-e-3 only", G, gen("gpt-image-1", { style: "vivid" }), "style"),
  refuse("gen: style is dall-e-3 only", G, gen("dall-e-2", { style: "natural" }), "style"),
  accept("gen: style vivid/natural", G, gen("dall-e-3", { style: "natural" })),
  refuse("gen: style vivid/natural", G, gen("dall-e-3", { style: "bold" }), "style"),
  // ── Generations: the model when omitted (7.28.0: no documented default; the client sends one) ──
  accept(
    "gen: model omitted → gpt-image-2.5-sunburst",
    G,
    gen(undefined, { quality: "xhigh", size: "1536x864" }),
  ),
  refuse(
    "gen: model omitted → gpt-image-2.5-sunburst (sizes)",
    G,
    gen(undefined, { size: "1000x1000" }),
    "size",
  ),
  refuse(
    "gen: model omitted → gpt-image-2.5-sunburst (no style)",
    G,
    gen(undefined, { style: "vivid" }),
    "style",
  ),
  refuse("gen: model omitted → gpt-image-2.5-sunburst (n ≤ 10)", G, gen(undefined, { n: 11 }), "n"),
  accept("unknown models pass through", G, {
    model: "my-local-model",
    prompt: text(50000),
    n: 99,
    style: "x",
  }),
  // ── Edits ──────────────────────────────────────────────────────────────────────────────────────
  refuse("edit: not dall-e-3", E, edit("dall-e-3"), "model"),
  accept("edit: dall-e-2 or a GPT image model", E, edit("dall-e-2"), one(png())),
  accept("edit: model omitted → gpt-image-2.5-sunburst", E, edit(undefined, { quality: "max" })),
  refuse(
    "edit: model omitted → gpt-image-2.5-sunburst (no response_format)",
    E,
    edit(undefined, { response_format: "url" }),
    "response_format",
  ),
  refuse("edit: image is required", E, { model: "gpt-image-1", prompt: "x" }, "image"),
  refuse("edit: prompt is required", E, { model: "gpt-image-1", image: blob }, "prompt"),
  refuse("edit: prompt ≤ 1000 for dall-e-2", E, edit("dall-e-2", { prompt: text(1001) }), "prompt"),
  accept("edit: prompt ≤ 1000 for dall-e-2", E, edit("dall-e-2", { prompt: text(1000) })),
  refuse("edit: prompt ≤ 32000 for GPT", E, edit("gpt-image-1", { prompt: text(32001) }), "prompt"),
  accept("edit: prompt ≤ 32000 for GPT", E, edit("gpt-image-1", { prompt: text(32000) })),
  accept("edit: GPT up to 16 images", E, edit("gpt-image-1.5", { image: Array(16).fill(blob) })),
  refuse("edit: GPT up to 16 images", E, edit("gpt-image-1.5", { image: Array(17).fill(blob) }), "image"),
  refuse(
    "edit: GPT up to 16 images (references)",
    E,
    { model: "gpt-image-1", prompt: "x", images: Array(17).fill({ file_id: "file-1" }) },
    "images",
  ),
  refuse("edit: dall-e-2 exactly one image", E, edit("dall-e-2", { image: [blob, blob] }), "image"),
  accept("edit: GPT png, webp or jpeg", E, edit("gpt-image-1"), one(file("webp"))),
  accept("edit: GPT png, webp or jpeg", E, edit("gpt-image-1"), one(file("jpeg"))),
  refuse("edit: GPT png, webp or jpeg", E, edit("gpt-image-1"), "image", one(file("gif"))),
  refuse("edit: GPT png, webp or jpeg", E, edit("gpt-image-1"), "image", one(file("unknown"))),
  accept("edit: GPT images under 50MB", E, edit("gpt-image-1"), one(file("jpeg", 50 * MB - 1))),
  refuse("edit: GPT images under 50MB", E, edit("gpt-image-1"), "image", one(file("jpeg", 50 * MB))),
  accept("edit: GPT images need not be square", E, edit("gpt-image-1"), one(png(1536, 1024))),
  refuse("edit: dall-e-2 png only", E, edit("dall-e-2"), "image", one(file("webp"))),
  accept("edit: dall-e-2 under 4MB", E, edit("dall-e-2"), one(png(1024, 1024, 4 * MB - 1))),
  refuse("edit: dall-e-2 under 4MB", E, edit("dall-e-2"), "image", one(png(1024, 1024, 4 * MB))),
  refuse("edit: dall-e-2 square", E, edit("dall-e-2"), "image", one(png(1024, 1023))),
  refuse("edit: mask is png", E, edit("gpt-image-1"), "mask", one(png(), file("jpeg"))),
  refuse("edit: mask under 4MB", E, edit("gpt-image-1"), "mask", one(png(), png(1024, 1024, 4 * MB))),
  accept("edit: mask under 4MB", E, edit("gpt-image-1"), one(png(), png(1024, 1024, 4 * MB - 1))),
  refuse(
    "edit: mask has an alpha channel",
    E,
    edit("dall-e-2"),
    "mask",
    one(png(), png(1024, 1024, 1000, false)),
  ),
  refuse(
    "edit: mask same dimensions as image",
    E,
    edit("gpt-image-1"),
    "mask",
    one(png(1024, 1536), png(1024, 1024)),
  ),
  accept(
    "edit: mask same dimensions as image",
    E,
    edit("gpt-image-1"),
    one(png(1024, 1536), png(1024, 1536)),
  ),
  refuse(
    "edit: input_fidelity not gpt-image-1-mini",
    E,
    edit("gpt-image-1-mini", { input_fidelity: "high" }),
    "input_fidelity",
  ),
  accept("edit: input_fidelity gpt-image-1", E, edit("gpt-image-1", { input_fidelity: "low" })),
  refuse(
    "edit: input_fidelity is GPT only",
    E,
    edit("dall-e-2", { input_fidelity: "low" }),
    "input_fidelity",
  ),
  refuse(
    "edit: input_fidelity high/low",
    E,
    edit("gpt-image-1.5", { input_fidelity: "max" }),
    "input_fidelity",
  ),
  accept("edit: response_format for dall-e-2", E, edit("dall-e-2", { response_format: "b64_json" })),
  refuse(
    "edit: response_format dall-e-2 only",
    E,
    edit("gpt-image-1", { response_format: "b64_json" }),
    "response_format",
  ),
  accept("edit: quality standard for dall-e-2", E, edit("dall-e-2", { quality: "standard" })),
  refuse("edit: quality low/medium/high GPT only", E, edit("dall-e-2", { quality: "high" }), "quality"),
  accept("edit: quality low/medium/high GPT", E, edit("gpt-image-1", { quality: "medium" })),
  warn(
    "edit: gpt-image-2 transparent in preview (7.6.0)",
    E,
    edit("gpt-image-2", { background: "transparent" }),
    "background",
  ),
  accept("edit: background transparent GPT", E, edit("gpt-image-1", { background: "transparent" })),
  accept("edit: gpt-image-2 custom sizes", E, edit("gpt-image-2", { size: "1536x864" })),
  refuse("edit: dall-e-2 sizes", E, edit("dall-e-2", { size: "1536x1024" }), "size"),
  accept("edit: dall-e-2 sizes", E, edit("dall-e-2", { size: "512x512" })),
  accept("edit: stream for GPT", E, edit("gpt-image-1", { stream: true, partial_images: 2 })),
  refuse("edit: stream GPT only", E, edit("dall-e-2", { stream: true }), "stream"),
  refuse("edit: n between 1 and 10", E, edit("gpt-image-1", { n: 11 }), "n"),
  accept("edit: n between 1 and 10", E, edit("gpt-image-1", { n: 10 })),
  refuse(
    "edit: output_compression jpeg/webp only",
    E,
    edit("gpt-image-1", { output_compression: 10 }),
    "output_compression",
  ),
  accept(
    "edit: output_compression jpeg/webp",
    E,
    edit("gpt-image-1", { output_format: "webp", output_compression: 10 }),
  ),
  // ── November 2026 (openai@7.59.0): quality, sizes, background ───────────────────────────────────
  ...[
    "gpt-image-2.5-sunburst",
    "gpt-image-2.5-sunburst-2026-09-08",
    "gpt-image-2.5-flare",
    "gpt-image-2.5-flare-2026-09-08",
  ].flatMap((m) => [
    accept("gen: quality xhigh for the 2.5 models (7.12.1)", G, gen(m, { quality: "xhigh" })),
    accept("edit: quality max for the 2.5 models (7.12.1)", E, edit(m, { quality: "max" })),
    accept("gen: 2.5 arbitrary sizes (7.12.1)", G, gen(m, { size: "1536x864" })),
    accept("gen: 2.5 transparent backgrounds (7.12.1)", G, gen(m, { background: "transparent" })),
  ]),
  refuse(
    "gen: quality xhigh for the 2.5 models only (7.12.1)",
    G,
    gen("gpt-image-1.5", { quality: "xhigh" }),
    "quality",
  ),
  refuse(
    "gen: quality max for the 2.5 models only (7.12.1)",
    G,
    gen("gpt-image-2", { quality: "max" }),
    "quality",
  ),
  refuse(
    "edit: quality xhigh for the 2.5 models only (7.12.1)",
    E,
    edit("gpt-image-1-mini", { quality: "xhigh" }),
    "quality",
  ),
  accept(
    "gen: 2.6 quality not documented: passed through (7.51.0)",
    G,
    gen("gpt-image-2.6-flare", { quality: "max" }),
  ),
  refuse(
    "gen: 2.5 sizes are multiples of 16 (7.12.1)",
    G,
    gen("gpt-image-2.5-flare", { size: "1000x1000" }),
    "size",
  ),
  refuse(
    "gen: 2.5 sizes within 1:3–3:1 (7.12.1)",
    G,
    gen("gpt-image-2.5-flare", { size: "3840x1024" }),
    "size",
  ),
  refuse(
    "gen: 2.5 sizes at most 3840x2160 (7.12.1)",
    G,
    gen("gpt-image-2.5-flare", { size: "3840x2176" }),
    "size",
  ),
  warn(
    "gen: 2.5 sizes above 2560x1440 experimental (7.12.1)",
    G,
    gen("gpt-image-2.5-flare", { size: "3840x2160" }),
    "size",
  ),
  refuse("gen: arbitrary sizes not for gpt-image-1.5", G, gen("gpt-image-1.5", { size: "1536x864" }), "size"),
  accept(
    "gen: 2.6 sizes not documented: passed through (7.51.0)",
    G,
    gen("gpt-image-2.6-sunburst", { size: "1000x1000" }),
  ),
  // ── complexity, safety_identifier (7.51.0, 7.36.0) ─────────────────────────────────────────────
  accept("gen: complexity low/medium/high (7.51.0)", G, gen("gpt-image-2.5-flare", { complexity: "high" })),
  accept("edit: complexity low/medium/high (7.51.0)", E, edit("gpt-image-1.5", { complexity: "low" })),
  refuse(
    "gen: complexity low/medium/high (7.51.0)",
    G,
    gen("gpt-image-2", { complexity: "extreme" }),
    "complexity",
  ),
  refuse(
    "gen: complexity not for gpt-image-1 (shut down first)",
    G,
    gen("gpt-image-1", { complexity: "low" }),
    "complexity",
  ),
  accept(
    "gen: safety_identifier for every model (7.36.0)",
    G,
    gen("gpt-image-2.6-flare", { safety_identifier: "u-7f3a" }),
  ),
  accept(
    "edit: safety_identifier and user together (7.36.0)",
    E,
    edit("gpt-image-1.5", { safety_identifier: "u-1", user: "u-2" }),
  ),
  // ── GIF output (7.51.0) ─────────────────────────────────────────────────────────────────────────
  accept(
    "gen: gif with frame_count 2–16 (7.51.0)",
    G,
    gen("gpt-image-2.5-sunburst", { output_format: "gif", frame_count: 16 }),
  ),
  accept(
    "gen: gif frame_duration_ms, capped not refused (7.51.0)",
    G,
    gen("gpt-image-2", { output_format: "gif", frame_duration_ms: 700000 }),
  ),
  refuse(
    "gen: frame_count 2–16 (7.51.0)",
    G,
    gen("gpt-image-1.5", { output_format: "gif", frame_count: 1 }),
    "frame_count",
  ),
  refuse(
    "gen: frame_count 2–16 (7.51.0)",
    G,
    gen("gpt-image-1.5", { output_format: "gif", frame_count: 17 }),
    "frame_count",
  ),
  refuse(
    "gen: frame_count only with gif (7.51.0)",
    G,
    gen("gpt-image-1.5", { frame_count: 4 }),
    "frame_count",
  ),
  refuse(
    "gen: frame_duration_ms only with gif (7.51.0)",
    G,
    gen("gpt-image-1.5", { output_format: "webp", frame_duration_ms: 100 }),
    "frame_duration_ms",
  ),
  refuse(
    "gen: gif does not stream (7.51.0)",
    G,
    gen("gpt-image-2.5-flare", { output_format: "gif", stream: true }),
    "stream",
  ),
  refuse(
    "gen: gif has no partial images (7.51.0)",
    G,
    gen("gpt-image-2.5-flare", { output_format: "gif", stream: true, partial_images: 2 }),
    "partial_images",
  ),
  refuse(
    "gen: gif has no output_compression (7.51.0)",
    G,
    gen("gpt-image-2.5-flare", { output_format: "gif", output_compression: 50 }),
    "output_compression",
  ),
  refuse(
    "gen: gif with transparent needs png or webp",
    G,
    gen("gpt-image-2.5-flare", { output_format: "gif", background: "transparent" }),
    "background",
  ),
  refuse(
    "edit: gif has no mask (7.51.0)",
    E,
    edit("gpt-image-2.5-flare", { output_format: "gif" }),
    "mask",
    one(png(), png()),
  ),
  accept(
    "edit: gif edits (7.51.0)",
    E,
    edit("gpt-image-2.5-flare", { output_format: "gif", frame_count: 4 }),
  ),
  // ── SVG output (7.51.0, edits 7.57.0) ────────────────────────────────────────────────────────────
  accept(
    "gen: svg with its author (7.51.0)",
    G,
    gen("gpt-image-2.5-sunburst", {
      output_format: "svg",
      svg: { model: "gpt-5", reasoning: { effort: "high" } },
    }),
  ),
  accept("edit: svg edits (7.57.0)", E, edit("gpt-image-2.5-sunburst", { output_format: "svg", n: 1 })),
  refuse(
    "gen: svg needs n=1 (7.51.0)",
    G,
    gen("gpt-image-2.5-sunburst", { output_format: "svg", n: 2 }),
    "n",
  ),
  refuse(
    "gen: svg does not stream (7.51.0)",
    G,
    gen("gpt-image-1.5", { output_format: "svg", stream: true }),
    "stream",
  ),
  refuse(
    "edit: svg has no output_compression (7.57.0)",
    E,
    edit("gpt-image-1.5", { output_format: "svg", output_compression: 80 }),
    "output_compression",
  ),
  refuse(
    "gen: svg options only with svg output (7.51.0)",
    G,
    gen("gpt-image-1.5", { svg: { model: "gpt-5" } }),
    "svg",
  ),
  refuse(
    "gen: svg names its author model (7.59.0 types svg.model as required)",
    G,
    gen("gpt-image-2.5-sunburst", { output_format: "svg", svg: { reasoning: { effort: "high" } } }),
    "svg.model",
  ),
  refuse(
    "edit: an edit's svg effort is never null (7.59.0)",
    E,
    edit("gpt-image-2.5-sunburst", { output_format: "svg", svg: { reasoning: { effort: null } } }),
    "svg.reasoning.effort",
  ),
  refuse(
    "gen: svg reasoning efforts (7.51.0)",
    G,
    gen("gpt-image-1.5", { output_format: "svg", svg: { model: "gpt-5", reasoning: { effort: "extreme" } } }),
    "svg.reasoning.effort",
  ),
  // ── input_fidelity (7.30.0) ──────────────────────────────────────────────────────────────────────
  accept(
    "edit: input_fidelity low on gpt-image-1-mini (7.30.0)",
    E,
    edit("gpt-image-1-mini", { input_fidelity: "low" }),
  ),
  refuse(
    "edit: input_fidelity omitted for gpt-image-2 (7.30.0)",
    E,
    edit("gpt-image-2", { input_fidelity: "low" }),
    "input_fidelity",
  ),
  accept(
    "edit: input_fidelity on 2.5 not documented: passed through",
    E,
    edit("gpt-image-2.5-flare", { input_fidelity: "high" }),
  ),
  // ── markup (7.47.0) ─────────────────────────────────────────────────────────────────────────────
  accept(
    "edit: markup, a PNG with alpha of the first image's size (7.47.0)",
    E,
    marked("gpt-image-2.5-flare"),
    one(png(), undefined, png()),
  ),
  refuse(
    "edit: markup never with mask (7.47.0)",
    E,
    marked("gpt-image-2.5-flare"),
    "markup",
    one(png(), png(), png()),
  ),
  refuse(
    "edit: markup is a PNG (7.47.0)",
    E,
    marked("gpt-image-2.5-flare"),
    "markup",
    one(png(), undefined, file("webp")),
  ),
  refuse(
    "edit: markup has transparent pixels (7.47.0)",
    E,
    marked("gpt-image-2.5-sunburst"),
    "markup",
    one(png(), undefined, png(1024, 1024, 1000, false)),
  ),
  refuse(
    "edit: markup matches the first image (7.47.0)",
    E,
    marked("gpt-image-2.5-sunburst"),
    "markup",
    one(png(1536, 1024), undefined, png()),
  ),
  accept(
    "edit: markup outside 2.5 not documented: passed through",
    E,
    marked("gpt-image-1.5"),
    one(png(), undefined, png()),
  ),
  refuse(
    "edit: markup not for gpt-image-1 (shut down first)",
    E,
    marked("gpt-image-1"),
    "markup",
    one(png(), undefined, png()),
  ),
  // ── Variations ─────────────────────────────────────────────────────────────────────────────────
  refuse("variation: dall-e-2 only", V, vary("gpt-image-1"), "model"),
  refuse("variation: dall-e-2 only", V, vary("dall-e-3"), "model"),
  accept("variation: model omitted → dall-e-2", V, vary(undefined), one(png())),
  accept("variation: dall-e-2", V, vary("dall-e-2", { response_format: "b64_json" })),
  refuse("variation: image is required", V, { model: "dall-e-2" }, "image"),
  refuse("variation: size 256/512/1024", V, vary("dall-e-2", { size: "1536x1024" }), "size"),
  accept("variation: size 256/512/1024", V, vary("dall-e-2", { size: "256x256" })),
  refuse("variation: n between 1 and 10", V, vary("dall-e-2", { n: 11 }), "n"),
  accept("variation: n between 1 and 10", V, vary("dall-e-2", { n: 10 })),
  refuse("variation: square png", V, vary(undefined), "image", one(png(512, 1024))),
  refuse("variation: square png", V, vary(undefined), "image", one(file("jpeg"))),
  refuse("variation: under 4MB", V, vary(undefined), "image", one(png(1024, 1024, 4 * MB))),
  accept("variation: under 4MB", V, vary(undefined), one(png(1024, 1024, 4 * MB - 1))),
  accept("unknown models pass through", V, vary("my-local-model", { n: 50 }), one(png(512, 1024))),
];

describe("model rules table", () => {
  it("has at least 80 rows, each citing a rule, both directions present", () => {
    expect(rows.length).toBeGreaterThanOrEqual(80);
    expect(rows.filter((r) => r.refused).length).toBeGreaterThanOrEqual(40);
    expect(rows.filter((r) => !r.refused).length).toBeGreaterThanOrEqual(40);
    for (const r of rows) expect(r.rule).toMatch(/^(gen|edit|variation|unknown)/);
  });

  it.each(
    rows.map((r) => [`${r.refused ? "refuses" : "accepts"} ${r.op} — ${r.rule} — ${label(r)}`, r] as const),
  )("%s", (_name, row) => {
    const issues = validateRequest(row.op, row.params, row.images, { target: "other" });
    const errors = issues.filter((i) => i.severity === "error");
    // Retired models and the variations endpoint are served here with a warning; the lifecycle test covers it.
    const warnings = issues.filter((i) => i.severity === "warning" && !isRetirement(i));
    if (row.refused) {
      expect(errors.map((e) => e.param)).toContain(row.refused);
      const issue = errors.find((e) => e.param === row.refused);
      // A message a person can act on: it names the model the rules were applied for.
      const model = typeof row.params.model === "string" ? row.params.model : "";
      expect(issue?.message).toContain(model);
      if (row.refused in row.params && !["image", "images", "mask", "markup"].includes(row.refused)) {
        expect(issue?.value).toEqual(row.params[row.refused]);
      }
    } else {
      expect(errors).toEqual([]);
      if (row.warned) expect(warnings.map((w) => w.param)).toContain(row.warned);
      else expect(warnings).toEqual([]);
    }
  });
});

describe("model rules table through the client: zero network calls for refused rows", () => {
  let server: Server;
  let client: ImagesClient;
  let requests = 0;

  beforeAll(async () => {
    // Counts every request and answers 400, so an accepted row ends in an API error, never in a
    // validation error: the two are told apart by type.
    server = createServer((req, res) => {
      requests++;
      req.resume();
      req.on("end", () => {
        res.writeHead(400, { "content-type": "application/json", "x-request-id": "req_counted" });
        res.end(JSON.stringify({ error: { message: "counted", type: "invalid_request_error" } }));
      });
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const { port } = server.address() as AddressInfo;
    client = createImagesClient({
      apiKey: "sk-test-rules",
      baseUrl: `http://127.0.0.1:${port}/v1`,
      maxRetries: 0,
      onWarning: () => {},
    });
  });
  afterAll(async () => {
    server.closeAllConnections();
    server.close();
    await once(server, "close");
  });

  it.each(
    rows.map(
      (r) => [`${r.refused ? "sends nothing for" : "sends"} ${r.op} — ${r.rule} — ${label(r)}`, r] as const,
    ),
  )("%s", async (_name, row) => {
    if (row.rule === "unknown models pass through") {
      // The rules let unknown models through untouched (n=99 and all), past the spec's bounds.
      allowSpecViolations("an unknown model's request is sent as given, even outside the spec");
    }
    const before = requests;
    const outcome = await send(client, row).then(
      () => undefined,
      (err: unknown) => err,
    );
    if (row.refused) {
      expect(isImagesValidationError(outcome), String(outcome)).toBe(true);
      expect(requests).toBe(before);
    } else {
      expect(isImagesAPIError(outcome) && outcome.status === 400, String(outcome)).toBe(true);
      expect(requests).toBe(before + 1);
    }
  });
});

/** Calls the client method for the row's operation with real uploads built from the row's header facts. */
function send(client: ImagesClient, row: Row): Promise<unknown> {
  const params: Record<string, unknown> = { ...row.params };
  if (params.image !== undefined) {
    const infos = row.images?.image;
    if (infos !== undefined) {
      params.image = Array.isArray(params.image) ? infos.map(synthesize) : synthesize(infos[0] as ImageInfo);
    } else {
      params.image = Array.isArray(params.image)
        ? params.image.map(() => synthesize(png()))
        : synthesize(png());
    }
  }
  if (row.images?.mask) params.mask = synthesize(row.images.mask);
  if (row.images?.markup) params.markup = synthesize(row.images.markup);
  // The table's params are plain records; the typed methods are exercised in model-types.test.ts.
  const call = {
    generate: (p: Record<string, unknown>) => client.generate(p as never),
    edit: (p: Record<string, unknown>) => client.edit(p as never),
    variation: (p: Record<string, unknown>) => client.createVariation(p as never),
  }[row.op];
  return call(params);
}

/** A file whose header says exactly what `info` says, padded to `info.bytes`. */
function synthesize(info: ImageInfo): Blob {
  const width = info.width ?? 1024;
  const height = info.height ?? 1024;
  const bytes = new Uint8Array(info.bytes);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string) => {
    for (let k = 0; k < text.length; k++) bytes[offset + k] = text.charCodeAt(k);
  };
  switch (info.format) {
    case "png": {
      // Signature, IHDR (RGBA or RGB), one IDAT holding the padding, IEND.
      bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 0);
      view.setUint32(8, 13);
      ascii(12, "IHDR");
      view.setUint32(16, width);
      view.setUint32(20, height);
      bytes[24] = 8;
      bytes[25] = info.hasAlpha === false ? 2 : 6;
      view.setUint32(33, info.bytes - 57);
      ascii(37, "IDAT");
      ascii(info.bytes - 8, "IEND");
      break;
    }
    case "jpeg": {
      // SOI, then a baseline SOF0 segment carrying the dimensions.
      bytes.set([0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 0x08], 0);
      view.setUint16(7, height);
      view.setUint16(9, width);
      bytes[11] = 3;
      bytes.set([0xff, 0xd9], info.bytes - 2);
      break;
    }
    case "webp": {
      ascii(0, "RIFF");
      view.setUint32(4, info.bytes - 8, true);
      ascii(8, "WEBPVP8X");
      view.setUint32(16, 10, true);
      view.setUint32(24, width - 1, true);
      view.setUint32(27, height - 1, true);
      break;
    }
    case "gif": {
      ascii(0, "GIF89a");
      view.setUint16(6, width, true);
      view.setUint16(8, height, true);
      break;
    }
    case "unknown":
      break;
  }
  return new Blob([bytes]);
}

function isRetirement(issue: ValidationIssue): boolean {
  return (issue.param === "model" || issue.param === "endpoint") && issue.message.includes("was retired");
}

function label(row: Row): string {
  const shown = Object.entries(row.params)
    .filter(([k]) => k !== "image" && k !== "images")
    .map(
      ([k, v]) => `${k}=${typeof v === "string" && v.length > 20 ? `${v.length} chars` : JSON.stringify(v)}`,
    )
    .join(" ");
  return shown;
}

describe("lifecycle: retired models and the retired variations endpoint", () => {
  /** A client whose every request is counted and answered with an empty success. */
  function counting(options: Parameters<typeof createImagesClient>[0]) {
    const sent: string[] = [];
    const warnings: ValidationIssue[] = [];
    const client = createImagesClient({
      apiKey: "sk-lifecycle",
      maxRetries: 0,
      ...options,
      onWarning: (issue) => warnings.push(issue),
      fetch: async (request: Request) => {
        sent.push(new URL(request.url).pathname);
        return Response.json({ created: 1, data: [] }, { headers: { "x-request-id": "req_lifecycle" } });
      },
    });
    return { client, sent, warnings };
  }
  const png1 = synthesize(png(256, 256));
  const azure = {
    endpoint: "https://r.openai.azure.com",
    apiVersion: "2025-04-01-preview",
    apiKey: "az-key",
  };
  const retired = [
    ["gpt-image-1", "2026-10-23", "gpt-image-2.5-sunburst or gpt-image-2.5-flare"],
    ["dall-e-2", "2026-05-12", "a GPT image model"],
    ["dall-e-3", "2026-05-12", "a GPT image model"],
  ] as const;

  it.each(retired)(
    "%s on OpenAI's API: refused before the network, naming %s and the replacement",
    async (model, date, replacement) => {
      const { client, sent } = counting({});
      const err = await client.generate({ model, prompt: "otter" }).catch((e: unknown) => e);
      expect(isImagesValidationError(err)).toBe(true);
      if (!isImagesValidationError(err)) return;
      expect(err.param).toBe("model");
      expect(err.message).toContain(`was retired on ${date}`);
      expect(err.message).toContain(replacement);
      // It says how to send it anyway.
      expect(err.message).toMatch(/baseUrl.*validation: "warn"/);
      expect(sent).toEqual([]);
    },
  );

  it.each(retired)('%s with validation "warn" on OpenAI\'s API: a warning, then sent', async (model) => {
    const { client, sent, warnings } = counting({ validation: "warn" });
    await client.generate({ model, prompt: "otter" });
    expect(sent).toEqual(["/v1/images/generations"]);
    expect(warnings.map((w) => [w.param, w.severity])).toContainEqual(["model", "error"]);
  });

  it.each(retired)("%s on a custom base URL: a warning, then sent", async (model, date) => {
    const { client, sent, warnings } = counting({ baseUrl: "http://images.internal/v1" });
    await client.generate({ model, prompt: "otter" });
    expect(sent).toEqual(["/v1/images/generations"]);
    const warning = warnings.find((w) => w.param === "model");
    expect(warning?.severity).toBe("warning");
    expect(warning?.message).toContain(date);
  });

  it.each(retired)("%s on Azure: a warning, then sent to the deployment", async (model) => {
    const { client, sent, warnings } = counting({ azure });
    await client.generate({ model, prompt: "otter" });
    expect(sent).toEqual([`/openai/deployments/${model}/images/generations`]);
    expect(warnings.find((w) => w.param === "model")?.severity).toBe("warning");
  });

  it("current models on OpenAI's API: no lifecycle issue", async () => {
    const { client, sent, warnings } = counting({});
    await client.generate({ model: "gpt-image-2.5-flare", prompt: "otter", quality: "max" });
    expect(sent).toEqual(["/v1/images/generations"]);
    expect(warnings).toEqual([]);
  });

  it("the variations endpoint on OpenAI's API: refused, pointing to edit()", async () => {
    const { client, sent } = counting({});
    const err = await client.createVariation({ model: "dall-e-2", image: png1 }).catch((e: unknown) => e);
    expect(isImagesValidationError(err)).toBe(true);
    if (!isImagesValidationError(err)) return;
    expect(err.issues.map((i) => i.param)).toEqual(expect.arrayContaining(["endpoint", "model"]));
    expect(err.issues.find((i) => i.param === "endpoint")?.message).toMatch(
      /variations endpoint was retired.*edit\(\)/,
    );
    expect(sent).toEqual([]);
  });

  it.each([
    ["a custom base URL", { baseUrl: "http://images.internal/v1" }, "/v1/images/variations"],
    ["Azure", { azure }, "/openai/deployments/dall-e-2/images/variations"],
  ] as const)("the variations endpoint on %s: warnings, then sent", async (_where, options, path) => {
    const { client, sent, warnings } = counting(options);
    await client.createVariation({ model: "dall-e-2", image: png1 });
    expect(sent).toEqual([path]);
    expect(
      warnings
        .filter((w) => w.severity === "warning")
        .map((w) => w.param)
        .sort(),
    ).toEqual(["endpoint", "model"]);
  });
});

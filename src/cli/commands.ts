/** The CLI's commands: build the request from the options, call the client, write the images. */

import { basename, extname } from "node:path";
import type { ImagesClient } from "../client.js";
import { effectiveModel, isKnownModel, MODEL_RULES } from "../models/index.js";
import { fileFromPath } from "../node/index.js";
import { imageBytes } from "../stream-helpers.js";
import type { ImagesResponse } from "../types.js";
import { intOption, type OptionValues, stringOption, UsageError } from "./args.js";
import { outputPath, partialPath, slug, writeImage } from "./output.js";

/** What a command needs from its surroundings. */
export interface CommandContext {
  client: ImagesClient;
  values: OptionValues;
  /** Progress lines (stderr). */
  progress: (line: string) => void;
  /** Result lines (stdout). */
  print: (line: string) => void;
}

type Params = Record<string, unknown>;

/** Sets `key` only when the value is defined: the API should see only what the user asked for. */
function put(params: Params, key: string, value: unknown): void {
  if (value !== undefined) params[key] = value;
}

function imageParams(values: OptionValues): Params {
  const params: Params = {};
  put(params, "model", stringOption(values, "model"));
  put(params, "size", stringOption(values, "size"));
  put(params, "quality", stringOption(values, "quality"));
  put(params, "n", intOption(values, "n", "n"));
  put(params, "output_format", stringOption(values, "format"));
  put(params, "background", stringOption(values, "background"));
  put(params, "output_compression", intOption(values, "compression", "output_compression"));
  if (values.stream === true) {
    params.stream = true;
    params.partial_images = intOption(values, "partials", "partial_images") ?? 2;
  } else if (values.partials !== undefined) {
    throw new UsageError("--partials needs --stream (parameter partial_images)", "partial_images");
  }
  return params;
}

/**
 * DALL·E models answer with URLs unless told otherwise; the CLI writes files, so it asks for
 * base64 (read from the model rules: only the DALL·E family takes `response_format`).
 */
function wantBase64(op: "generate" | "edit" | "variation", params: Params): void {
  const model = effectiveModel(op, params).model;
  if (model !== undefined && isKnownModel(model) && MODEL_RULES[model].family === "dall-e") {
    params.response_format = "b64_json";
  }
}

function elapsed(start: number): string {
  return `${((Date.now() - start) / 1000).toFixed(1)}s`;
}

/** `generate "<prompt>"`. */
export async function generate(ctx: CommandContext, positionals: string[]): Promise<void> {
  const [prompt, ...extra] = positionals;
  if (prompt === undefined || extra.length > 0) {
    throw new UsageError(
      'generate takes exactly one prompt: openai-images generate "<prompt>" (parameter prompt)',
      "prompt",
    );
  }
  const params: Params = { prompt, ...imageParams(ctx.values) };
  put(params, "style", stringOption(ctx.values, "style"));
  put(params, "moderation", stringOption(ctx.values, "moderation"));
  wantBase64("generate", params);
  await run(ctx, "generate", params, prompt);
}

/** `edit <image…> [--mask m.png] "<prompt>"`. */
export async function edit(ctx: CommandContext, positionals: string[]): Promise<void> {
  const prompt = positionals.at(-1);
  const paths = positionals.slice(0, -1);
  if (prompt === undefined || paths.length === 0) {
    throw new UsageError(
      'edit needs at least one image and a prompt: openai-images edit <image…> "<prompt>" (parameter image)',
      "image",
    );
  }
  const params: Params = { prompt, ...imageParams(ctx.values) };
  put(params, "input_fidelity", stringOption(ctx.values, "input-fidelity"));
  params.image = await Promise.all(paths.map((p) => openFile(p, "image")));
  const mask = stringOption(ctx.values, "mask");
  if (mask !== undefined) params.mask = await openFile(mask, "mask");
  wantBase64("edit", params);
  await run(ctx, "edit", params, prompt);
}

/** `variation <image>`. */
export async function variation(ctx: CommandContext, positionals: string[]): Promise<void> {
  const [path, ...extra] = positionals;
  if (path === undefined || extra.length > 0) {
    throw new UsageError(
      "variation takes exactly one image: openai-images variation <image> (parameter image)",
      "image",
    );
  }
  const params: Params = { image: await openFile(path, "image") };
  put(params, "model", stringOption(ctx.values, "model"));
  put(params, "size", stringOption(ctx.values, "size"));
  put(params, "n", intOption(ctx.values, "n", "n"));
  wantBase64("variation", params);
  const stem = basename(path, extname(path));
  await run(ctx, "variation", params, `${stem} variation`);
}

async function openFile(path: string, param: string): Promise<File> {
  try {
    return await fileFromPath(path);
  } catch (err) {
    throw new UsageError(
      `cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message} (parameter ${param})`,
      param,
    );
  }
}

async function run(
  ctx: CommandContext,
  op: "generate" | "edit" | "variation",
  params: Params,
  label: string,
): Promise<void> {
  const start = Date.now();
  const out = stringOption(ctx.values, "out");
  const format = (params.output_format as string | undefined) ?? "png";
  const count = (params.n as number | undefined) ?? 1;
  const name = slug(label);
  const model = effectiveModel(op, params).model ?? "the API's default model";
  ctx.progress(`${op === "generate" ? "Generating" : op === "edit" ? "Editing" : "Varying"} with ${model}…`);
  const written: string[] = [];

  if (params.stream === true) {
    const stream =
      op === "edit"
        ? await ctx.client.edit(params as never as Parameters<ImagesClient["edit"]>[0] & { stream: true })
        : await ctx.client.generate(
            params as never as Parameters<ImagesClient["generate"]>[0] & { stream: true },
          );
    let completed = 0;
    let last: Record<string, unknown> | undefined;
    for await (const event of stream) {
      const target = outputPath({ out, name, format: event.output_format, index: completed, count });
      if (event.type.endsWith(".partial_image")) {
        const index = (event as { partial_image_index: number }).partial_image_index;
        const path = partialPath(target, index);
        await writeImage(path, imageBytes(event));
        ctx.progress(`partial image ${index + 1} after ${elapsed(start)} → ${path}`);
      } else {
        await writeImage(target, imageBytes(event));
        written.push(target);
        completed++;
        const { b64_json: _b, ...meta } = event;
        last = meta;
        ctx.progress(`image ${completed} of ${count} after ${elapsed(start)}`);
      }
    }
    report(ctx, written, { ...last, files: written, request_id: stream.requestId });
    return;
  }

  const call =
    op === "generate"
      ? ctx.client.generate(params as never)
      : op === "edit"
        ? ctx.client.edit(params as never)
        : ctx.client.createVariation(params as never);
  const { data: res, requestId } = await call.withResponse();
  for (const [i, image] of (res.data ?? []).entries()) {
    const target = outputPath({
      out,
      name,
      format: res.output_format ?? format,
      index: i,
      count: res.data?.length ?? 1,
    });
    const bytes = image.b64_json ? imageBytes(image) : await download(image.url);
    await writeImage(target, bytes);
    written.push(target);
  }
  ctx.progress(`${written.length} image${written.length === 1 ? "" : "s"} in ${elapsed(start)}`);
  report(ctx, written, { ...metadata(res), files: written, request_id: requestId });
}

/** The response without image bytes. */
function metadata(res: ImagesResponse): Record<string, unknown> {
  return { ...res, data: (res.data ?? []).map(({ b64_json: _b, ...rest }) => rest) };
}

async function download(url: string | undefined): Promise<Uint8Array> {
  if (!url) throw new Error("the response has neither b64_json nor url");
  const res = await fetch(url);
  if (!res.ok) throw new Error(`downloading ${url} failed with status ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

function report(ctx: CommandContext, written: string[], meta: Record<string, unknown>): void {
  if (ctx.values.json === true) ctx.print(JSON.stringify(meta, null, 2));
  else for (const path of written) ctx.print(path);
}

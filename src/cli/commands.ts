/** The CLI's commands: build the request from the options, call the client, write the images. */

import { basename, extname } from "node:path";
import type { APIPromise, ImagesClient } from "../client.js";
import { isImagesValidationError } from "../errors.js";
import {
  DEFAULT_MODELS,
  DEFAULT_OUTPUT_FORMAT,
  OPERATIONS,
  type Operation,
  type Retirement,
} from "../models/index.js";
import { asksForBase64 } from "../models/response-format.js";
import { fileFromPath } from "../node/index.js";
import { imageBytes } from "../stream-helpers.js";
import type { ImageStream } from "../streaming.js";
import type { ImageEditStreamEvent, ImageGenStreamEvent, ImagesResponse } from "../types.js";
import {
  intOption,
  numberOption,
  type OptionValues,
  type ParamFlag,
  paramFlags,
  stringOption,
  UsageError,
} from "./args.js";
import { outputPath, partialPath, slug, writeImage } from "./output.js";
import { assertRequest, streamableFormat } from "./request.js";

/** What a command needs from its surroundings. */
export interface CommandContext {
  client: ImagesClient;
  values: OptionValues;
  /** Progress lines (stderr). */
  progress: (line: string) => void;
  /** Result lines (stdout). */
  print: (line: string) => void;
  /**
   * Resolves a path the user gave against the run's working folder; printed paths stay as given.
   * @default resolved against the process's working folder
   */
  resolvePath?: ((path: string) => string) | undefined;
}

/** The path to read or write for `path` as the user gave it. */
function located(ctx: CommandContext, path: string): string {
  return ctx.resolvePath ? ctx.resolvePath(path) : path;
}

/**
 * The API parameters the command's flags set, read through the declarations: ints and numbers parsed,
 * files opened, nested fields (`--svg-effort`) placed in their object.
 */
export async function flagParams(
  op: Operation,
  values: OptionValues,
  options: {
    /** @default the command's own flags */
    flags?: readonly ParamFlag[] | undefined;
    /** Where a file flag's path is on disk. @default the path as given */
    resolvePath?: ((path: string) => string) | undefined;
  } = {},
): Promise<Record<string, unknown>> {
  const { flags = paramFlags(op), resolvePath = (path: string) => path } = options;
  const params: Record<string, unknown> = {};
  const model = stringOption(values, "model");
  if (model !== undefined) params.model = model;
  for (const f of flags) {
    const raw = values[f.flag];
    if (raw === undefined) continue;
    let value: unknown;
    if (f.type === "boolean") value = raw === true;
    else if (f.type === "int") value = intOption(values, f.flag, f.param);
    else if (f.type === "number") value = numberOption(values, f.flag, f.param);
    else if (f.type === "file") value = await openFile(resolvePath(String(raw)), f.param, String(raw));
    else value = raw;
    if (f.path) setPath(params, f.param, f.path, value);
    else params[f.param] = value;
  }
  if (params.stream === true) params.partial_images ??= 2;
  else if (params.partial_images !== undefined) {
    throw new UsageError("--partials needs --stream (parameter partial_images)", "partial_images");
  }
  return params;
}

/** Sets `params[param].path…` to `value`, creating the objects on the way. */
function setPath(
  params: Record<string, unknown>,
  param: string,
  path: readonly string[],
  value: unknown,
): void {
  let target = params;
  for (const key of [param, ...path.slice(0, -1)]) {
    target[key] ??= {};
    target = target[key] as Record<string, unknown>;
  }
  target[path.at(-1) as string] = value;
}

/**
 * The CLI writes files, so it asks for base64 from models that would answer with URLs (the model
 * table decides, through {@link asksForBase64}).
 */
function wantBase64(
  op: Operation,
  params: { model: string; response_format?: "url" | "b64_json" | null | undefined },
): void {
  if (asksForBase64(op, params.model)) params.response_format = "b64_json";
}

function elapsed(start: number): string {
  return `${((Date.now() - start) / 1000).toFixed(1)}s`;
}

/** What a command's output is called and how many images it expects. */
interface Output {
  label: string;
  count: number;
  format: string;
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
  const params = {
    ...(await flagParams("generate", ctx.values, { resolvePath: (p) => located(ctx, p) })),
    prompt,
  };
  assertRequest("generate", params);
  wantBase64("generate", params);
  const output = {
    label: prompt,
    count: params.n ?? 1,
    format: params.output_format ?? DEFAULT_OUTPUT_FORMAT,
  };
  ctx.progress(`Generating with ${params.model}…`);
  if (params.stream === true) {
    const request = {
      ...params,
      stream: true as const,
      output_format: streamableFormat(params.output_format),
    };
    await writeStream(ctx, await ctx.client.generate(request), output);
  } else {
    await writeResponse(ctx, ctx.client.generate({ ...params, stream: false }), output);
  }
}

/** `edit <image…> [--mask m.png | --markup m.png] "<prompt>"`. */
export async function edit(ctx: CommandContext, positionals: string[]): Promise<void> {
  const prompt = positionals.at(-1);
  const paths = positionals.slice(0, -1);
  if (prompt === undefined || paths.length === 0) {
    throw new UsageError(
      'edit needs at least one image and a prompt: openai-images edit <image…> "<prompt>" (parameter image)',
      "image",
    );
  }
  const image = await Promise.all(paths.map((p) => openFile(located(ctx, p), "image", p)));
  const params = {
    ...(await flagParams("edit", ctx.values, { resolvePath: (p) => located(ctx, p) })),
    prompt,
    image,
  };
  assertRequest("edit", params);
  wantBase64("edit", params);
  const output = {
    label: prompt,
    count: params.n ?? 1,
    format: params.output_format ?? DEFAULT_OUTPUT_FORMAT,
  };
  ctx.progress(`Editing with ${params.model}…`);
  if (params.stream === true) {
    const request = {
      ...params,
      stream: true as const,
      output_format: streamableFormat(params.output_format),
    };
    await writeStream(ctx, await ctx.client.edit(request), output);
  } else {
    await writeResponse(ctx, ctx.client.edit({ ...params, stream: false }), output);
  }
}

/** `variation <image>`: a retired endpoint, still served by the embedded and compatible servers. */
export async function variation(ctx: CommandContext, positionals: string[]): Promise<void> {
  const [path, ...extra] = positionals;
  if (path === undefined || extra.length > 0) {
    throw new UsageError(
      "variation takes exactly one image: openai-images variation <image> (parameter image)",
      "image",
    );
  }
  const params = {
    ...(await flagParams("variation", ctx.values, { resolvePath: (p) => located(ctx, p) })),
    image: await openFile(located(ctx, path), "image", path),
  };
  assertRequest("variation", params);
  wantBase64("variation", params);
  const label = `${basename(path, extname(path))} variation`;
  ctx.progress(`Varying with ${params.model}…`);
  try {
    await writeResponse(ctx, ctx.client.createVariation(params), {
      label,
      count: params.n ?? 1,
      format: DEFAULT_OUTPUT_FORMAT,
    });
  } catch (err) {
    throw retiredVariation(err, path) ?? err;
  }
}

/**
 * The client refuses the variations endpoint on OpenAI's API (it is retired there); say it in the
 * CLI's terms: the `edit` command that does the same, and how to reach a server that still serves it.
 */
function retiredVariation(err: unknown, path: string): UsageError | undefined {
  if (!isImagesValidationError(err)) return undefined;
  if (!err.issues.some((i) => i.param === "endpoint" && i.severity === "error")) return undefined;
  const { date, source } = OPERATIONS.variation.retired as Retirement;
  return new UsageError(
    `the variations endpoint was retired on OpenAI's API${date ? ` on ${date}` : ""} (${source}). ` +
      `Do the same with edit and a GPT image model:\n` +
      `  openai-images edit ${path} "a variation of this image" --model ${DEFAULT_MODELS.edit}\n` +
      "variation still works against a server that serves the endpoint: the embedded one (no " +
      "OPENAI_API_KEY), or --base-url <url> (parameter endpoint)",
    "endpoint",
  );
}

/** Opens the upload at `path` (`shown` is the path as the user gave it, for messages). */
async function openFile(path: string, param: string, shown = path): Promise<File> {
  try {
    return await fileFromPath(path);
  } catch (err) {
    throw new UsageError(
      `cannot read ${shown}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message} (parameter ${param})`,
      param,
    );
  }
}

/** Writes every image of a JSON answer; the file extension follows the answer's `output_format`. */
async function writeResponse(ctx: CommandContext, call: APIPromise<ImagesResponse>, output: Output) {
  const start = Date.now();
  const out = stringOption(ctx.values, "out");
  const name = slug(output.label);
  const { data: res, requestId } = await call.withResponse();
  const written: string[] = [];
  const data: Array<Record<string, unknown>> = [];
  for (const [i, image] of (res.data ?? []).entries()) {
    const format = res.output_format ?? output.format;
    const target = outputPath({
      out,
      name,
      format,
      index: i,
      count: res.data?.length ?? 1,
      located: (p) => located(ctx, p),
    });
    const bytes = image.b64_json ? imageBytes(image) : await download(image.url);
    await writeImage(located(ctx, target), bytes);
    written.push(target);
    // Each image's metadata with the file it was written to, instead of its bytes.
    const { b64_json: _b, ...rest } = image;
    data.push({ file: target, ...rest });
  }
  ctx.progress(`${written.length} image${written.length === 1 ? "" : "s"} in ${elapsed(start)}`);
  report(ctx, written, { ...res, data, files: written, request_id: requestId });
}

/** Writes each partial image beside its final image, and the final images, as events arrive. */
async function writeStream(
  ctx: CommandContext,
  stream: ImageStream<ImageGenStreamEvent | ImageEditStreamEvent>,
  output: Output,
) {
  const start = Date.now();
  const out = stringOption(ctx.values, "out");
  const name = slug(output.label);
  const written: string[] = [];
  let completed = 0;
  let last: Record<string, unknown> | undefined;
  for await (const event of stream) {
    const target = outputPath({
      out,
      name,
      format: event.output_format,
      index: completed,
      count: output.count,
      located: (p) => located(ctx, p),
    });
    if (event.type === "image_generation.partial_image" || event.type === "image_edit.partial_image") {
      // Counted from 1 in the label and the file name alike, as the `-1`, `-2` of several images are.
      const number = event.partial_image_index + 1;
      const path = partialPath(target, number);
      await writeImage(located(ctx, path), imageBytes(event));
      ctx.progress(`partial image ${number} after ${elapsed(start)} → ${path}`);
    } else {
      await writeImage(located(ctx, target), imageBytes(event));
      written.push(target);
      completed++;
      const { b64_json: _b, ...meta } = event;
      last = meta;
      ctx.progress(`image ${completed} of ${output.count} after ${elapsed(start)}`);
    }
  }
  report(ctx, written, { ...last, files: written, request_id: stream.requestId });
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

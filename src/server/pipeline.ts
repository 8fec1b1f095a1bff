/**
 * One request pipeline for every Images request the server answers, sent directly or as a Batch API
 * line: read → check → render → answer. The transport reads (an HTTP body, or a line's JSON); the
 * pipeline checks, renders and builds the answer, and maps whatever a step throws to the API's error
 * in one place ({@link Pipeline.failureOf}).
 *
 * How the server answers is a {@link ServerPolicy} (`policy.ts`: the API's, or a schema-only mock's),
 * passed to the steps that depend on it: the modes are policy objects for the same steps, not
 * separate handlers.
 */

import { API_ERRORS } from "../models/api-errors.js";
import { OPERATIONS, type OperationInfo } from "../models/operations.js";
import type { ImagesResponse } from "../types.js";
import { failure, type HttpFailure, isHttpFailure } from "./http-io.js";
import { UnreadableImageError } from "./images/decode.js";
import type { EncodedPicture } from "./images/pictures.js";
import { placeholderImage, placeholderOverlay } from "./images/placeholder.js";
import { type Limiter, QueueFullError } from "./limiter.js";
import type { Operation } from "./model-traits.js";
import { buildResponse, type OutputFormat, type Rendered, type RenderInput, render } from "./operations.js";
import type { ServerPolicy } from "./policy.js";
import { refusalFailure } from "./refusal.js";
import type { ImagesRequest, RequestReader } from "./request-input.js";

/**
 * What a request does when every render slot is taken and the queue is full: a direct request is
 * refused with the API's 429, a Batch API line waits for a slot (the API queues batches, it does not
 * fail their lines for load).
 */
export type WhenBusy = "refuse" | "wait";

/** A whole answer to one request, for callers that do not stream (Batch API lines). */
export interface PipelineAnswer {
  status: number;
  body: unknown;
}

/** The steps; see the module comment. */
export interface Pipeline {
  /** The refusal of a retired endpoint, decided from the route alone (before the body is read). */
  refuseEndpoint(policy: ServerPolicy, op: Operation): HttpFailure | undefined;
  /** Checks a request against the spec and the model rules; gathers what rendering needs. */
  check(policy: ServerPolicy, request: ImagesRequest): Promise<RenderInput>;
  /**
   * Renders once a slot is free (a full queue: see {@link WhenBusy}). An upload whose header reads
   * but whose pixels do not (a truncated file) is refused, or drawn as the placeholder, as the
   * policy says.
   */
  render(policy: ServerPolicy, input: RenderInput, whenBusy: WhenBusy): Promise<Rendered>;
  /** The JSON answer; `response_format: "url"` images are stored and linked through the one URL builder. */
  answer(input: RenderInput, rendered: Rendered, created: number): ImagesResponse;
  /** Maps whatever a step threw to the API's error answer: the one error mapping of the server. */
  failureOf(err: unknown): HttpFailure;
  /** Every step for a request given whole (a Batch API line): a 200 and its body, or the error. */
  run(policy: ServerPolicy, request: ImagesRequest): Promise<PipelineAnswer>;
}

/**
 * @example
 * const pipeline = createPipeline({ reader, limiter, imageUrl: (p, format) => origin + store.put(p.bytes, format) });
 * const input = await pipeline.check(serverPolicy({ mode: "mock" }), request);
 */
export function createPipeline(deps: {
  reader: RequestReader;
  limiter: Limiter;
  /** Stores a picture for `response_format: "url"` and returns its URL (honouring `publicUrl`). */
  imageUrl: (picture: EncodedPicture, format: OutputFormat) => string;
}): Pipeline {
  const { reader, limiter, imageUrl } = deps;

  async function renderWhenFree(input: RenderInput, whenBusy: WhenBusy): Promise<Rendered> {
    for (;;) {
      try {
        return await limiter.run(() => render(input));
      } catch (err) {
        if (!(err instanceof QueueFullError) || whenBusy === "refuse") throw err;
        await new Promise((resolve) => setTimeout(resolve, BUSY_RETRY_MS));
      }
    }
  }

  const pipeline: Pipeline = {
    refuseEndpoint: (policy, op) =>
      // The API's order of checks starts with the endpoint: the retired one is a bare 404.
      policy.retired === "refuse" && (OPERATIONS[op] as OperationInfo).retired
        ? refusalFailure(API_ERRORS.notFound())
        : undefined,
    check: (policy, request) => reader.prepare(policy, request),
    async render(policy, input, whenBusy) {
      let drawn = input;
      // Each retry replaces one more upload, so this ends after at most every upload is replaced.
      for (;;) {
        try {
          return await renderWhenFree(drawn, whenBusy);
        } catch (err) {
          if (!(err instanceof UnreadableImageError) || policy.unusableUpload !== "placeholder") throw err;
          const replaced = await withPlaceholder(drawn, err.param);
          if (!replaced) throw err;
          drawn = replaced;
        }
      }
    },
    answer: (input, rendered, created) => buildResponse(input, rendered, created, imageUrl),
    failureOf,
    async run(policy, request) {
      try {
        const gone = pipeline.refuseEndpoint(policy, request.op);
        if (gone) throw gone;
        const input = await pipeline.check(policy, request);
        const rendered = await pipeline.render(policy, input, "wait");
        return { status: 200, body: pipeline.answer(input, rendered, Math.floor(Date.now() / 1000)) };
      } catch (err) {
        const f = failureOf(err);
        return { status: f.status, body: f.body };
      }
    },
  };
  return pipeline;
}

/**
 * The input with the upload `param` names (`image`, `image[1]`, `mask`, `markup`) replaced by the
 * placeholder image; `undefined` when it already is the placeholder (nothing left to replace).
 */
async function withPlaceholder(input: RenderInput, param: string): Promise<RenderInput | undefined> {
  const index = param === "image" ? 0 : Number(/^image\[(\d+)\]$/.exec(param)?.[1] ?? Number.NaN);
  if (Number.isInteger(index)) {
    const stand = await placeholderImage();
    if (input.images[index] === undefined || input.images[index] === stand.bytes) return undefined;
    const images = input.images.map((img, i) => (i === index ? stand.bytes : img));
    const imageSizes = input.imageSizes.map((size, i) =>
      i === index ? { width: stand.info.width ?? 0, height: stand.info.height ?? 0 } : size,
    );
    return { ...input, images, imageSizes };
  }
  if (param !== "mask" && param !== "markup") return undefined;
  const stand = await placeholderOverlay();
  if (input[param] === undefined || input[param] === stand.bytes) return undefined;
  return { ...input, [param]: stand.bytes };
}

/** How long a waiting Batch API line sleeps before asking the limiter for a slot again. */
const BUSY_RETRY_MS = 5;

/**
 * Maps a thrown value to the API's error: an {@link HttpFailure} as itself, an upload sharp cannot
 * decode as the API's 400 `invalid_image_file`, a full render queue as the API's 429, anything else
 * as a 500.
 */
export function failureOf(err: unknown): HttpFailure {
  if (isHttpFailure(err)) return err;
  if (err instanceof UnreadableImageError) {
    return failure(400, `Invalid image file or mode for ${err.param}, please check your image file.`, {
      param: err.param,
      code: "invalid_image_file",
    });
  }
  if (err instanceof QueueFullError) {
    return failure(429, "Too many requests are waiting for the local Images server; retry shortly.", {
      type: "requests",
      code: "rate_limit_exceeded",
      headers: { "retry-after": "1", "retry-after-ms": "250" },
    });
  }
  return failure(500, `The local Images server failed: ${(err as Error)?.message ?? String(err)}`, {
    type: "server_error",
  });
}

/**
 * `createImagesClient`: generate, edit and createVariation over openapi-fetch. The typed
 * openapi-fetch client does the HTTP (and is exposed as `client.raw`); this layer adds what the
 * Images API needs on top: env defaults, Azure routing, uploads with real content types, pre-flight
 * validation, typed errors, retries and timeouts.
 */
import createClient, { type Client } from "openapi-fetch";
import type { paths } from "../generated/images.js";
import { isOpenAI, NO_KEY_MESSAGE, OPENAI_ORIGIN } from "./api-key.js";
import { type AzureOptions, azureAuthHeader, azureRoute } from "./azure.js";
import type { ValidationIssue } from "./errors.js";
import { invalidParam } from "./invalid-param.js";
// Each from its own module, not models/index: a declaration no public type reaches is not shipped.
import type { StreamableFormat } from "./models/formats.js";
import { OPERATIONS, type Operation } from "./models/operations.js";
import type { EditParams, GenerateParams, VariationParams } from "./models/params.js";
import { type ModelDefaults, planRequest } from "./models/plan.js";
import { createWarningReporter, type ValidationContext, type ValidationMode } from "./models/validate.js";
import { type ExchangeResult, send } from "./request.js";
import { encodeRequest } from "./request-body.js";
import { imagesResponseProblem } from "./response-shape.js";
import { createImageStream, type ImageStream } from "./streaming.js";
import { guardTransport, pathOf, takesInit } from "./transport-guard.js";
import type { ImageEditStreamEvent, ImageGenStreamEvent, ImagesResponse } from "./types.js";

/** A `fetch`-compatible function. openapi-fetch always calls it with a `Request`. */
export type FetchLike = (input: Request) => Promise<Response>;

/** Header values; `null` removes a header the client would otherwise send. */
export type HeadersOption = Record<string, string | null | undefined>;

/** Options of {@link createImagesClient}. */
export interface ImagesClientOptions {
  /** Sent as `Authorization: Bearer …`. @default `OPENAI_API_KEY` when `process` exists */
  apiKey?: string | undefined;
  /** @default `OPENAI_BASE_URL` when `process` exists, else `https://api.openai.com/v1` */
  baseUrl?: string | undefined;
  /** Sent as `OpenAI-Organization`. @default `OPENAI_ORG_ID` when `process` exists */
  organization?: string | undefined;
  /** Sent as `OpenAI-Project`. @default `OPENAI_PROJECT_ID` when `process` exists */
  project?: string | undefined;
  /** Extra headers on every request. */
  headers?: HeadersOption | undefined;
  /**
   * The transport. @default `globalThis.fetch`. On Node, `openai-images/node` uses its own transport
   * that streams uploads with backpressure and has no hidden 5-minute timeouts.
   */
  fetch?: FetchLike | undefined;
  /** Milliseconds per attempt (a stream: until it ends). @default 600000 (10 minutes) */
  timeout?: number | undefined;
  /** Retries after a failed attempt (408, 409, 429, ≥ 500, connection errors, timeouts). @default 2 */
  maxRetries?: number | undefined;
  /** Route requests to Azure OpenAI instead of `baseUrl`. */
  azure?: AzureOptions | undefined;
  /**
   * The model used when a request names none (and it supports the operation). Without it, the
   * documented default (`DEFAULT_MODELS`) is sent: the API no longer documents a default of its own.
   */
  model?: string | undefined;
  /** Default parameters, applied only where valid for the request's model; the caller's values win. */
  defaults?: ModelDefaults | undefined;
  /** Pre-flight validation. @default "strict" */
  validation?: ValidationMode | undefined;
  /** Receives validation warnings (and in `"warn"` mode, errors), once per distinct problem. @default console.warn */
  onWarning?: ((issue: ValidationIssue) => void) | undefined;
}

/** Per-request options, the second argument of every method. */
export interface RequestOptions {
  /** Aborting rejects the call with the signal's reason, also while waiting to retry. */
  signal?: AbortSignal | undefined;
  /** Milliseconds per attempt. */
  timeout?: number | undefined;
  /** Retries for this call. */
  maxRetries?: number | undefined;
  /** Extra headers for this call; they win over the client's. */
  headers?: HeadersOption | undefined;
  /** Validation mode for this call. */
  validation?: ValidationMode | undefined;
  /**
   * Streams only: the longest wait in milliseconds for more bytes before the stream fails with an
   * `ImagesTimeoutError`. `timeout` still bounds the whole stream. @default undefined (no idle limit)
   */
  idleTimeout?: number | undefined;
}

/** Parameters that ask for a stream of events instead of one JSON answer (GIF and SVG cannot stream). */
export type Streaming<P> = P & { stream: true; output_format?: StreamableFormat | undefined };
/** Parameters that ask for one JSON answer. */
export type NonStreaming<P> = P & { stream?: false | null | undefined };
/** Either, decided at run time; a stream still excludes GIF and SVG output. */
export type MaybeStreaming<P> = P &
  ({ stream?: false | null | undefined } | { output_format?: StreamableFormat | undefined });

/** A successful call with its HTTP response. */
export interface WithResponse<T> {
  data: T;
  response: Response;
  /** The `x-request-id` response header, for support tickets. */
  requestId: string | undefined;
}

/** A `Promise` of the response body that can also give the HTTP response and request id. */
export interface APIPromise<T> extends Promise<T> {
  /**
   * @example
   * const { data, requestId } = await client.generate({ prompt: "otter" }).withResponse();
   */
  withResponse(): Promise<WithResponse<T>>;
}

/** The client. */
export interface ImagesClient {
  /**
   * `POST /images/generations`.
   * @example
   * const res = await client.generate({ model: "gpt-image-1.5", prompt: "a cute baby sea otter" });
   */
  generate<M extends string | null | undefined = undefined>(
    params: NonStreaming<GenerateParams<M>>,
    options?: RequestOptions,
  ): APIPromise<ImagesResponse>;
  /**
   * `POST /images/generations` with `stream: true`: resolves, once the response headers arrive, to
   * an async iterable of partial and completed image events. A non-2xx answer rejects (and is
   * retried) like any request; `signal` and `timeout` cover the whole stream.
   * @example
   * const stream = await client.generate({ model: "gpt-image-1.5", prompt: "otter", stream: true, partial_images: 2 });
   * for await (const event of stream) console.log(event.type);
   */
  generate<M extends string | null | undefined = undefined>(
    params: Streaming<GenerateParams<M>>,
    options?: RequestOptions,
  ): Promise<ImageStream<ImageGenStreamEvent>>;
  generate<M extends string | null | undefined = undefined>(
    params: MaybeStreaming<GenerateParams<M>>,
    options?: RequestOptions,
  ): Promise<ImagesResponse | ImageStream<ImageGenStreamEvent>>;
  /**
   * `POST /images/edits`, multipart for uploads, JSON for references.
   * @example
   * const res = await client.edit({ model: "gpt-image-1.5", image: [a, b], prompt: "put them together" });
   */
  edit<M extends string | null | undefined = undefined>(
    params: NonStreaming<EditParams<M>>,
    options?: RequestOptions,
  ): APIPromise<ImagesResponse>;
  /**
   * `POST /images/edits` with `stream: true`: an async iterable of partial and completed edit events.
   * @example
   * const stream = await client.edit({ model: "gpt-image-1.5", image: png, prompt: "add a hat", stream: true });
   * const done = await finalImage(stream);
   */
  edit<M extends string | null | undefined = undefined>(
    params: Streaming<EditParams<M>>,
    options?: RequestOptions,
  ): Promise<ImageStream<ImageEditStreamEvent>>;
  edit<M extends string | null | undefined = undefined>(
    params: MaybeStreaming<EditParams<M>>,
    options?: RequestOptions,
  ): Promise<ImagesResponse | ImageStream<ImageEditStreamEvent>>;
  /**
   * `POST /images/variations` (dall-e-2). Retired on OpenAI's API: refused there before sending unless
   * `validation` is `"warn"` or `"off"`; kept for servers that still serve it. `edit()` with a GPT image
   * model and a prompt does the same on OpenAI's API today.
   * @deprecated
   * @example
   * const res = await client.createVariation({ model: "dall-e-2", image: png });
   */
  createVariation<M extends string | null | undefined = undefined>(
    params: VariationParams<M>,
    options?: RequestOptions,
  ): APIPromise<ImagesResponse>;
  /** The typed openapi-fetch client with this client's base URL, headers, auth and transport. */
  readonly raw: Client<paths>;
}

const DEFAULT_BASE_URL = `${OPENAI_ORIGIN}/v1`;
const DEFAULT_TIMEOUT = 10 * 60 * 1000;
const DEFAULT_MAX_RETRIES = 2;

/**
 * Creates an Images API client.
 *
 * @example
 * import { createImagesClient } from "openai-images";
 * const client = createImagesClient(); // OPENAI_API_KEY from the environment
 * const { data } = await client.generate({ model: "gpt-image-1.5", prompt: "a cute baby sea otter" });
 */
export function createImagesClient(options: ImagesClientOptions = {}): ImagesClient {
  const azure = options.azure;
  const apiKey = azure
    ? (azure.apiKey ?? env("AZURE_OPENAI_API_KEY"))
    : (options.apiKey ?? env("OPENAI_API_KEY"));
  const organization = options.organization ?? (azure ? undefined : env("OPENAI_ORG_ID"));
  const project = options.project ?? (azure ? undefined : env("OPENAI_PROJECT_ID"));
  const baseUrl = trimSlash(options.baseUrl ?? env("OPENAI_BASE_URL") ?? DEFAULT_BASE_URL);
  const timeout = options.timeout ?? DEFAULT_TIMEOUT;
  const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
  const report = createWarningReporter(options.onWarning);
  // Bearer tokens from azure.tokenProvider join the API key here, so no error can carry them.
  const secrets = new Set<string>(apiKey ? [apiKey] : []);

  // openapi-fetch skips `undefined` values (and removes `null` ones), so absent settings send nothing.
  const baseHeaders: HeadersOption = {
    authorization: !azure && apiKey ? `Bearer ${apiKey}` : undefined,
    "api-key": azure && !azure.tokenProvider && apiKey ? apiKey : undefined,
    "openai-organization": organization || undefined,
    "openai-project": project || undefined,
    ...options.headers,
  };

  // `raw` on Azure: the configured deployment (or default model); otherwise the caller adds it.
  const rawDeployment = azure ? (azure.deployment ?? options.model) : undefined;
  const rawRoute = azure && rawDeployment ? azureRoute(azure, rawDeployment) : undefined;
  const rawQuery = azure ? `api-version=${encodeURIComponent(azure.apiVersion)}` : undefined;
  const transport = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  // Every transport alike: redirects never followed, error bodies capped, failures typed.
  const guarded = guardTransport(transport, secrets);
  const transportTakesInit = takesInit(transport);
  const raw = createClient<paths>({
    baseUrl: rawRoute ? rawRoute.baseUrl : azure ? `${trimSlash(azure.endpoint)}/openai` : baseUrl,
    ...(rawQuery ? { querySerializer: () => rawQuery } : {}),
    headers: baseHeaders,
    fetch: guarded,
    // Built that way from the start, so the guard need not copy each request (and its body) to set it.
    redirect: "manual",
  });
  if (azure?.tokenProvider) {
    raw.use({
      async onRequest({ request }) {
        const header = await azureAuthHeader(azure, apiKey);
        if (!header) return undefined;
        secrets.add(header[1].slice("Bearer ".length));
        request.headers.set(header[0], header[1]);
        return request;
      },
    });
  }

  // Where requests go decides the lifecycle rules: OpenAI's API no longer serves retired models.
  const toOpenAI = !azure && isOpenAI(baseUrl);
  const context: ValidationContext = { target: toOpenAI ? "openai" : "other" };

  /**
   * One call: client settings → one request plan (model resolved once, defaults applied once) →
   * checked body, encoded once so every attempt sends the same bytes again → the request with its
   * retries. A stream resolves once the response headers arrive; from there it owns the attempt's
   * timer and the caller's signal until it settles.
   */
  async function run(
    op: Operation,
    input: unknown,
    requestOptions: RequestOptions = {},
    stream = false,
  ): Promise<WithResponse<ImagesResponse> | ImageStream<{ type: string }>> {
    const plan = planRequest(op, input as Record<string, unknown>, {
      model: options.model,
      defaults: options.defaults,
    });
    const mode = requestOptions.validation ?? options.validation ?? "strict";
    const body = await encodeRequest(plan, { mode, report, context });
    // OpenAI's API refuses a request without a key: so does the client, before the network.
    if (toOpenAI && !apiKey) throw invalidParam("apiKey", apiKey, NO_KEY_MESSAGE);
    // Azure addresses deployments: a model the caller named (not the library's default) is one.
    const route = azure ? azureRoute(azure, plan.source === "default" ? undefined : plan.model) : undefined;
    const path = OPERATIONS[op].path;
    const headers: HeadersOption = {
      "content-type": body.contentType,
      // Known up front (a string or a Blob): lets transports stream without chunked encoding.
      "content-length": String(body.size),
      accept: stream ? "text/event-stream" : undefined,
      ...requestOptions.headers,
    };
    // One loosely typed view of the openapi-fetch call: the body is already serialised by us
    // (JSON text or a multipart Blob), which its per-operation body types cannot express.
    const post = raw.POST as unknown as (
      path: string,
      init: Record<string, unknown>,
    ) => Promise<ExchangeResult<unknown>>;
    const sent = await send({
      method: "POST",
      path: pathOf((route ? route.baseUrl : baseUrl) + path),
      timeout: requestOptions.timeout ?? timeout,
      maxRetries: requestOptions.maxRetries ?? maxRetries,
      signal: requestOptions.signal,
      keepAlive: stream,
      // The live set: a bearer token fetched during this very attempt must be redacted too.
      secrets,
      // A 2xx JSON answer must at least look like an ImagesResponse (a stream is checked as it is read).
      checkData: stream ? undefined : imagesResponseProblem,
      exchange: (signal) =>
        post(path, {
          // A transport that takes them beside the request gets the signal and body there, and the
          // Request is built without them (see `takesInit`).
          ...(transportTakesInit
            ? { fetch: (request: Request) => guarded(request, { signal, body: body.body }) }
            : { body: body.body, bodySerializer: (b: unknown) => b, signal }),
          headers,
          parseAs: stream ? "stream" : "json",
          ...(route ? { baseUrl: route.baseUrl, querySerializer: () => route.query } : {}),
        }),
    });
    return stream
      ? createImageStream(sent.response, {
          kind: op as "generate" | "edit",
          abort: sent.abort,
          onSettled: sent.settle,
          idleTimeout: requestOptions.idleTimeout,
          signal: requestOptions.signal,
          secrets,
        })
      : // `imagesResponseProblem` refused anything but an ImagesResponse (an empty body included).
        { data: sent.data as ImagesResponse, response: sent.response, requestId: sent.requestId };
  }

  const call = (op: Operation, params: unknown, requestOptions?: RequestOptions) =>
    toAPIPromise(run(op, params, requestOptions) as Promise<WithResponse<ImagesResponse>>);
  /** `generate` and `edit` dispatch on `stream` (overloads cannot be expressed by an arrow function). */
  const streamable =
    (op: "generate" | "edit") => (params: { stream?: unknown }, requestOptions?: RequestOptions) =>
      params.stream === true ? run(op, params, requestOptions, true) : call(op, params, requestOptions);

  return {
    generate: streamable("generate") as unknown as ImagesClient["generate"],
    edit: streamable("edit") as unknown as ImagesClient["edit"],
    createVariation: (params, requestOptions) => call("variation", params, requestOptions),
    raw,
  };
}

function toAPIPromise<T>(result: Promise<WithResponse<T>>): APIPromise<T> {
  const data = result.then((r) => r.data);
  return Object.assign(data, {
    withResponse() {
      // The caller handles `result`; keep the unused `data` promise from reporting the same failure.
      data.catch(() => {});
      return result;
    },
  });
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

/** Reads an environment variable only where `process` exists (not in browsers or workers). */
function env(name: string): string | undefined {
  const proc = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  return proc?.env?.[name] || undefined;
}

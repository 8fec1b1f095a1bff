/**
 * The error family of openai-images. Every error the library throws is an `ImagesError`;
 * each subclass has stable fields so callers branch on types and fields, never on message text.
 *
 * The `isXxxError` guards check `name` as well as `instanceof`, so they work across realms
 * (iframes, workers, duplicated copies of this package in node_modules).
 */

/** One problem found by pre-flight validation. */
export interface ValidationIssue {
  /** The API parameter at fault, e.g. `"size"` or `"image[2]"`. */
  param: string;
  /** The value the caller passed (uploads are described, never included). */
  value: unknown;
  /** A sentence naming the value, the model and what is allowed. */
  message: string;
  /** `"error"` is refused; `"warning"` is allowed but worth knowing (e.g. an experimental size). */
  severity: "error" | "warning";
}

/** Base class of every error thrown by openai-images. */
export class ImagesError extends Error {
  override name = "ImagesError";
}

/** Options shared by the API error constructor. */
export interface ImagesAPIErrorInit {
  status: number;
  method: string;
  path: string;
  headers: Headers;
  body: unknown;
}

/**
 * The API answered with a non-2xx status.
 *
 * @example
 * try { await client.generate({ prompt: "otter" }) }
 * catch (err) { if (isImagesAPIError(err) && err.status === 429) console.log(err.requestId) }
 */
export class ImagesAPIError extends ImagesError {
  override name = "ImagesAPIError";
  /** HTTP status code. */
  readonly status: number;
  /** The API's error code (`error.code`), e.g. `"invalid_size"`, or `undefined`. */
  readonly code: string | undefined;
  /** The API's error type (`error.type`), e.g. `"invalid_request_error"`. */
  readonly type: string | undefined;
  /** The parameter the API blamed (`error.param`), if any. */
  readonly param: string | undefined;
  /** The `x-request-id` response header, for support tickets. */
  readonly requestId: string | undefined;
  /** The response headers. */
  readonly headers: Headers;
  /** The parsed error body (or the raw text when it was not JSON). */
  readonly error: unknown;

  constructor(init: ImagesAPIErrorInit) {
    const apiError = extractApiError(init.body);
    const detail =
      apiError?.message ?? (typeof init.body === "string" && init.body ? init.body : "no error message");
    super(`${init.method} ${init.path} failed with status ${init.status}: ${detail}`);
    this.status = init.status;
    this.code = stringOrUndefined(apiError?.code);
    this.type = stringOrUndefined(apiError?.type);
    this.param = stringOrUndefined(apiError?.param);
    this.requestId = init.headers.get("x-request-id") ?? undefined;
    this.headers = init.headers;
    this.error = init.body;
  }
}

/** The request never got an HTTP answer (DNS, refused or reset connection, TLS, …). */
export class ImagesConnectionError extends ImagesError {
  override name = "ImagesConnectionError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** An attempt (or a stream's idle gap) took longer than the configured timeout. */
export class ImagesTimeoutError extends ImagesError {
  override name = "ImagesTimeoutError";
  /** The timeout that fired, in milliseconds. */
  readonly timeout: number;
  constructor(message: string, timeout: number, options?: { cause?: unknown }) {
    super(message, options);
    this.timeout = timeout;
  }
}

/**
 * Our model rules refused the request before any network call. Not an API error: nothing was sent
 * and nothing was billed. `issues` lists every problem of the request; the top-level fields
 * describe the first.
 *
 * @example
 * try { await client.generate({ model: "dall-e-3", prompt: "otter", n: 2 }) }
 * catch (err) { if (isImagesValidationError(err)) console.log(err.param, err.issues) } // "n"
 */
export class ImagesValidationError extends ImagesError {
  override name = "ImagesValidationError";
  /** The first offending parameter. */
  readonly param: string;
  /** The first offending value. */
  readonly value: unknown;
  /** The model the rules were applied for (`undefined` when the API default was assumed). */
  readonly model: string | undefined;
  /** Every problem found, errors and warnings. */
  readonly issues: readonly ValidationIssue[];

  constructor(issues: readonly ValidationIssue[], model: string | undefined) {
    const errors = issues.filter((i) => i.severity === "error");
    const first = errors[0] ?? issues[0];
    const extra =
      errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? "s" : ""})` : "";
    super(first ? `${first.message}${extra}` : "Invalid request");
    this.param = first?.param ?? "";
    this.value = first?.value;
    this.model = model;
    this.issues = issues;
  }
}

/** Options for a stream error. */
export interface ImagesStreamErrorInit {
  code?: string | undefined;
  requestId?: string | undefined;
  cause?: unknown;
}

/** A streaming response failed after it started: an error event, or the stream ended early. */
export class ImagesStreamError extends ImagesError {
  override name = "ImagesStreamError";
  /** The error code from the error event, or `"stream_truncated"` / `"stream_already_consumed"` etc. */
  readonly code: string | undefined;
  /** The `x-request-id` of the streaming response. */
  readonly requestId: string | undefined;
  constructor(message: string, init: ImagesStreamErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.requestId = init.requestId;
  }
}

function hasName(err: unknown, names: readonly string[]): boolean {
  return (
    typeof err === "object" && err !== null && names.includes((err as { name?: unknown }).name as string)
  );
}

/** True for any error thrown by openai-images. */
export function isImagesError(err: unknown): err is ImagesError {
  return (
    err instanceof ImagesError ||
    hasName(err, [
      "ImagesError",
      "ImagesAPIError",
      "ImagesConnectionError",
      "ImagesTimeoutError",
      "ImagesValidationError",
      "ImagesStreamError",
    ])
  );
}
/** True when the API answered with a non-2xx status. */
export function isImagesAPIError(err: unknown): err is ImagesAPIError {
  return err instanceof ImagesAPIError || hasName(err, ["ImagesAPIError"]);
}
/** True when no HTTP answer was received. */
export function isImagesConnectionError(err: unknown): err is ImagesConnectionError {
  return err instanceof ImagesConnectionError || hasName(err, ["ImagesConnectionError"]);
}
/** True when a timeout fired. */
export function isImagesTimeoutError(err: unknown): err is ImagesTimeoutError {
  return err instanceof ImagesTimeoutError || hasName(err, ["ImagesTimeoutError"]);
}
/** True when the model rules refused the request before sending it. */
export function isImagesValidationError(err: unknown): err is ImagesValidationError {
  return err instanceof ImagesValidationError || hasName(err, ["ImagesValidationError"]);
}
/** True when a stream failed after it started. */
export function isImagesStreamError(err: unknown): err is ImagesStreamError {
  return err instanceof ImagesStreamError || hasName(err, ["ImagesStreamError"]);
}

interface ApiErrorShape {
  message?: string;
  type?: unknown;
  param?: unknown;
  code?: unknown;
}

function extractApiError(body: unknown): ApiErrorShape | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const inner = (body as { error?: unknown }).error;
  if (typeof inner !== "object" || inner === null) return undefined;
  const e = inner as Record<string, unknown>;
  return {
    ...(typeof e.message === "string" ? { message: e.message } : {}),
    type: e.type,
    param: e.param,
    code: e.code,
  };
}

function stringOrUndefined(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

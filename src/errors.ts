/**
 * The error family of openai-images. Every error the library throws is an `ImagesError`;
 * each subclass has stable fields so callers branch on types and fields, never on message text.
 *
 * The `isXxxError` guards check a brand, not `instanceof`, so they work across realms (iframes,
 * workers) and across copies of this package (two versions in node_modules, two bundles): each class
 * carries a `Symbol.for` key on its prototype, which every copy and realm resolves to the same symbol,
 * and a subclass inherits its parents' brands.
 */

import { isRecord, preview } from "./body-reading.js";

/** The brand of an error class: a registered symbol, the same in every realm and every copy. */
function brandOf(className: string): symbol {
  return Symbol.for(`openai-images.${className}`);
}

/** Marks `cls` (and so its subclasses) with its brand. */
function brand(cls: abstract new (...args: never[]) => ImagesError, className: string): void {
  Object.defineProperty(cls.prototype, brandOf(className), { value: true });
}

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
  /**
   * The `error.code` OpenAI's API answers the same problem with (`"unknown_parameter"`,
   * `"integer_below_min_value"`, …), where public evidence shows it; `param` is the API's `param`.
   * Lets calling code handle a pre-flight refusal and an API refusal alike.
   */
  code?: string | undefined;
}

/** Base class of every error thrown by openai-images. */
export class ImagesError extends Error {
  override name = "ImagesError";
  static {
    brand(ImagesError, "ImagesError");
  }
}

/** Options shared by the API error constructor. */
export interface ImagesAPIErrorInit {
  status: number;
  method: string;
  path: string;
  headers: Headers;
  body: unknown;
  /** Where a redirect pointed, resolved against the request's URL. */
  location?: string | undefined;
  /** Whether `body` is only the start of a longer body (see `MAX_ERROR_BODY_BYTES`). */
  bodyTruncated?: boolean | undefined;
}

/** The longest stretch of an error body quoted in a message; the `error` field keeps what was read. */
const MESSAGE_BODY_CHARS = 500;

/**
 * The API answered with a non-2xx status. A redirect (3xx) is one too: redirects are never followed,
 * so no credential or upload goes to another address; `location` says where it pointed.
 *
 * @example
 * try { await client.generate({ prompt: "otter" }) }
 * catch (err) { if (isImagesAPIError(err) && err.status === 429) console.log(err.requestId) }
 */
export class ImagesAPIError extends ImagesError {
  override name = "ImagesAPIError";
  static {
    brand(ImagesAPIError, "ImagesAPIError");
  }
  /** HTTP status code. */
  declare readonly status: number;
  /** The API's error code (`error.code`), e.g. `"invalid_size"`, or `undefined`. */
  declare readonly code: string | undefined;
  /** The API's error type (`error.type`), e.g. `"invalid_request_error"`. */
  declare readonly type: string | undefined;
  /** The parameter the API blamed (`error.param`), if any. */
  declare readonly param: string | undefined;
  /** The `x-request-id` response header, for support tickets. */
  declare readonly requestId: string | undefined;
  /** The response headers. */
  declare readonly headers: Headers;
  /**
   * The parsed error body, or its text when it was not JSON: at most `MAX_ERROR_BODY_BYTES` of it
   * (`bodyTruncated` says when the server sent more, which was never read).
   */
  declare readonly error: unknown;
  /** Whether the server's error body was longer than what `error` holds. */
  declare readonly bodyTruncated: boolean;
  /**
   * For a redirect (3xx): its `Location`, resolved against the request's URL (`undefined` when the
   * runtime hides it, as browsers do). The redirect was not followed.
   */
  declare readonly location: string | undefined;

  constructor(init: ImagesAPIErrorInit) {
    const { body, status, bodyTruncated = false } = init;
    const apiError = isRecord(body) && isRecord(body.error) ? body.error : undefined;
    const text = typeof body === "string" && body ? body : undefined;
    const quoted = text && preview(text, MESSAGE_BODY_CHARS, bodyTruncated);
    const message = apiError?.message;
    const detail = (typeof message === "string" ? message : quoted) ?? "no error message";
    super(
      status >= 300 && status < 400
        ? `${init.method} ${init.path} was redirected (${status}) to ${init.location ?? "an address the runtime hides"}; redirects are not followed, so nothing was sent there`
        : `${init.method} ${init.path} failed with status ${status}: ${detail}`,
    );
    this.status = status;
    this.code = stringOrUndefined(apiError?.code);
    this.type = stringOrUndefined(apiError?.type);
    this.param = stringOrUndefined(apiError?.param);
    this.requestId = init.headers.get("x-request-id") ?? undefined;
    this.headers = init.headers;
    this.error = body;
    this.bodyTruncated = bodyTruncated;
    this.location = init.location;
  }
}

/**
 * The server answered 2xx, but not with an Images API response: a body that is not JSON, or JSON
 * without the `ImagesResponse` shape (`null`, `42`, `[1,2,3]`, `{"data":"oops"}`). Typically a proxy,
 * a captive portal or a wrong `baseUrl`. Not retried.
 *
 * @example
 * try { await client.generate({ prompt: "otter" }) }
 * catch (err) { if (isImagesResponseError(err)) console.log(err.status, err.message) }
 */
export class ImagesResponseError extends ImagesError {
  override name = "ImagesResponseError";
  static {
    brand(ImagesResponseError, "ImagesResponseError");
  }
  /** HTTP status code of the answer (a 2xx), when known (not for a body that failed to parse). */
  declare readonly status: number | undefined;
  /** The `x-request-id` response header, when known. */
  declare readonly requestId: string | undefined;
  constructor(
    message: string,
    init: { status: number | undefined; requestId: string | undefined; cause?: unknown },
  ) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.requestId = init.requestId;
  }
}

/** The request never got an HTTP answer (DNS, refused or reset connection, TLS, …). */
export class ImagesConnectionError extends ImagesError {
  override name = "ImagesConnectionError";
  static {
    brand(ImagesConnectionError, "ImagesConnectionError");
  }
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** An attempt (or a stream's idle gap) took longer than the configured timeout. */
export class ImagesTimeoutError extends ImagesError {
  override name = "ImagesTimeoutError";
  static {
    brand(ImagesTimeoutError, "ImagesTimeoutError");
  }
  /** The timeout that fired, in milliseconds. */
  declare readonly timeout: number;
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
  static {
    brand(ImagesValidationError, "ImagesValidationError");
  }
  /** The first offending parameter. */
  declare readonly param: string;
  /** The first offending value. */
  declare readonly value: unknown;
  /**
   * The API's `error.code` for the first problem, when known: the same value an `ImagesAPIError` would
   * carry had the request been sent.
   *
   * @example
   * catch (err) { if ((isImagesValidationError(err) || isImagesAPIError(err)) && err.code === "unknown_parameter") … }
   */
  declare readonly code: string | undefined;
  /** The model the rules were applied for (`undefined` when the API default was assumed). */
  declare readonly model: string | undefined;
  /** Every problem found, errors and warnings. */
  declare readonly issues: readonly ValidationIssue[];

  constructor(issues: readonly ValidationIssue[], model: string | undefined) {
    const errors = issues.filter((i) => i.severity === "error");
    const first = errors[0] ?? issues[0];
    const extra =
      errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? "s" : ""})` : "";
    super(first ? `${first.message}${extra}` : "Invalid request");
    this.param = first?.param ?? "";
    this.value = first?.value;
    this.code = first?.code;
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
  static {
    brand(ImagesStreamError, "ImagesStreamError");
  }
  /** The error code from the error event, or `"stream_truncated"` / `"stream_already_consumed"` etc. */
  declare readonly code: string | undefined;
  /** The `x-request-id` of the streaming response. */
  declare readonly requestId: string | undefined;
  constructor(message: string, init: ImagesStreamErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.requestId = init.requestId;
  }
}

function hasBrand(err: unknown, className: string): boolean {
  return (
    typeof err === "object" && err !== null && (err as Record<symbol, unknown>)[brandOf(className)] === true
  );
}

/** True for any error thrown by openai-images (any copy of it). */
export function isImagesError(err: unknown): err is ImagesError {
  return hasBrand(err, "ImagesError");
}
/** True when the API answered with a non-2xx status. */
export function isImagesAPIError(err: unknown): err is ImagesAPIError {
  return hasBrand(err, "ImagesAPIError");
}
/** True when no HTTP answer was received. */
export function isImagesConnectionError(err: unknown): err is ImagesConnectionError {
  return hasBrand(err, "ImagesConnectionError");
}
/** True when a timeout fired. */
export function isImagesTimeoutError(err: unknown): err is ImagesTimeoutError {
  return hasBrand(err, "ImagesTimeoutError");
}
/** True when the model rules refused the request before sending it. */
export function isImagesValidationError(err: unknown): err is ImagesValidationError {
  return hasBrand(err, "ImagesValidationError");
}
/** True when a 2xx answer was not an Images API response. */
export function isImagesResponseError(err: unknown): err is ImagesResponseError {
  return hasBrand(err, "ImagesResponseError");
}
/** True when a stream failed after it started. */
export function isImagesStreamError(err: unknown): err is ImagesStreamError {
  return hasBrand(err, "ImagesStreamError");
}

function stringOrUndefined(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

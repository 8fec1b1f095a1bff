/**
 * The error catalogue: OpenAI's error envelopes, `{ error: { message, type, param, code } }`, with
 * their placeholders filled the API's way, and `firstRefusal()`, which returns the first refusal the
 * API answers to a request, in its order of checks. Derived from the evidence table
 * (`api-answers.ts`); the tests hold every reproducible entry of that table against it.
 *
 * Pure and independent of the server: the server's pipeline calls `firstRefusal()` with the request
 * it has read (a JSON body, or multipart fields and file parts with their content types). The client
 * does not import this module.
 */
import { FORMATS } from "./formats.js";
import { OPERATIONS, type Operation } from "./operations.js";
import { PARAM_NAMES, PARAMETERS, type ParamInfo, type RuledParam } from "./parameters.js";
import {
  type CustomSizeRule,
  DEFAULT_MODELS,
  type IntRange,
  isKnownModel,
  MODEL_RULES,
  type ModelRules,
  type OperationRules,
  rulesFor,
  type SizeRule,
  UNSTATED,
  type UploadRule,
} from "./rules.js";

/** The API's error object. */
export interface ApiErrorObject {
  message: string;
  type: string;
  param: string | null;
  code: string | null;
}

/** An error answer: its status and body (`null`: an answer without a body, the bare 404). */
export interface ApiRefusal {
  status: number;
  body: { error: ApiErrorObject } | null;
  /**
   * `true` when status, type, code and message follow quoted evidence; `false` when the table quotes
   * none for this check and the envelope is the nearest quoted one with our own message.
   */
  quoted: boolean;
}

const REQUEST = "invalid_request_error";
const IMAGE_USER = "image_generation_user_error";

function refusal(
  type: string,
  param: string | null,
  code: string | null,
  message: string,
  quoted = true,
  status = 400,
): ApiRefusal {
  return { status, body: { error: { message, type, param, code } }, quoted };
}

/** `'a'`, `'a' and 'b'`, `'a', 'b', and 'c'`: the API's lists (an Oxford comma from three on). */
export function apiList(values: readonly unknown[], last: "and" | "or" = "and"): string {
  const quoted = values.map((v) => `'${String(v)}'`);
  if (quoted.length < 3) return quoted.join(` ${last} `);
  return `${quoted.slice(0, -1).join(", ")}, ${last} ${quoted.at(-1)}`;
}

/** How the API names a JSON value's type in messages. */
export function jsonTypeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  switch (typeof value) {
    case "number":
      return Number.isInteger(value) ? "an integer" : "a decimal number";
    case "string":
      return "a string";
    case "boolean":
      return "a boolean";
    case "object":
      return "an object";
    default:
      return typeof value;
  }
}

/**
 * The API's envelopes, one function per kind of refusal. Each message is the quoted one with its
 * placeholders (parameter, value, bounds, the allowed values) filled in.
 *
 * @example
 * API_ERRORS.unknownParameter("response_format").body?.error.message; // "Unknown parameter: 'response_format'."
 */
export const API_ERRORS = {
  /** The retired variations endpoint: a bare 404, no body. */
  notFound: (): ApiRefusal => ({ status: 404, body: null, quoted: true }),
  missingRequired: (param: string) =>
    refusal(REQUEST, param, "missing_required_parameter", `Missing required parameter: '${param}'.`),
  invalidType: (param: string, expected: string, value: unknown) =>
    refusal(
      REQUEST,
      param,
      "invalid_type",
      `Invalid type for '${param}': expected ${expected}, but got ${jsonTypeName(value)} instead.`,
    ),
  /** A multipart integer field that is not digits. */
  notAnIntegerString: (param: string) =>
    refusal(
      REQUEST,
      param,
      "invalid_type",
      `Invalid type for '${param}': expected an integer, but got a string value that could not be converted into an integer.`,
    ),
  emptyString: (param: string) =>
    refusal(
      REQUEST,
      param,
      "empty_string",
      `Invalid '${param}': empty string. Expected a string with minimum length 1, but got an empty string instead.`,
    ),
  emptyArray: (param: string) =>
    refusal(
      REQUEST,
      param,
      "empty_array",
      `Invalid '${param}': empty array. Expected an array with minimum length 1, but got an empty array instead.`,
      false,
    ),
  integerBelowMin: (param: string, min: number, value: number) =>
    refusal(
      REQUEST,
      param,
      "integer_below_min_value",
      `Invalid '${param}': integer below minimum value. Expected a value >= ${min}, but got ${value} instead.`,
    ),
  integerAboveMax: (param: string, max: number, value: number) =>
    refusal(
      REQUEST,
      param,
      "integer_above_max_value",
      `Invalid '${param}': integer above maximum value. Expected a value <= ${max}, but got ${value} instead.`,
    ),
  invalidValue: (param: string, value: unknown, allowed: readonly unknown[]) =>
    refusal(
      REQUEST,
      param,
      "invalid_value",
      `Invalid value: '${String(value)}'. Supported values are: ${apiList(allowed)}.`,
    ),
  invalidEnumType: (param: string, allowed: readonly unknown[], value: unknown) =>
    refusal(
      REQUEST,
      param,
      "invalid_type",
      `Invalid type for '${param}': expected one of ${apiList(allowed, "or")}, but got ${jsonTypeName(value)} instead.`,
    ),
  unknownParameter: (param: string) =>
    refusal(REQUEST, param, "unknown_parameter", `Unknown parameter: '${param}'.`),
  /** `image` or `image[]` in a JSON edit, which names its images `images`. */
  jsonImageKey: (param: string) =>
    refusal(
      REQUEST,
      param,
      "invalid_value",
      `Unknown parameter: '${param}'. For application/json on /v1/images/edits, use 'images' (array).`,
    ),
  /** A multipart part named `images`. */
  formImagesKey: () =>
    refusal(
      REQUEST,
      "images",
      "invalid_value",
      "Unknown parameter: 'images'. For multipart/form-data use 'image' or 'image[]'.",
    ),
  duplicateParameter: (param: string) =>
    refusal(
      REQUEST,
      param,
      "duplicate_parameter",
      // The quotes give the first two sentences and the end ("…use the array syntax instead e.g.
      // 'image[]=<value>'."); what joins them is not quoted, so only the first two are sent.
      `Duplicate parameter: '${param}'. You provided multiple values for this parameter, whereas only one is allowed.`,
    ),
  unsupportedMimetype: (param: string, mimetype: string, supported: readonly string[]) =>
    refusal(
      REQUEST,
      param,
      "unsupported_file_mimetype",
      `Invalid file '${param}': unsupported mimetype ('${mimetype}'). Supported file formats are ${apiList(supported)}.`,
    ),
  missingMimetype: (param: string) =>
    refusal(
      REQUEST,
      param,
      "missing_file_mimetype",
      `Invalid file '${param}': failed to determine mimetype. Ensure you are providing the file's mimetype as part of the 'Content-Type' header.`,
    ),
  invalidImageFile: (position: number) =>
    refusal(
      IMAGE_USER,
      "",
      "invalid_image_file",
      `Invalid image file or mode for image ${position}, please check your image file.`,
    ),
  maskSizeMismatch: () =>
    refusal(
      IMAGE_USER,
      null,
      "invalid_mask_image_format",
      "Invalid mask image format - mask size does not match image size",
    ),
  modelDoesNotExist: (model: string) =>
    refusal(IMAGE_USER, "model", "invalid_value", `The model '${model}' does not exist.`),
  inputFidelityModel: (model: string) =>
    refusal(
      IMAGE_USER,
      "input_fidelity",
      "invalid_input_fidelity_model",
      `The model '${model}' does not support the 'input_fidelity' parameter.`,
    ),
  size: {
    notWxH: (size: string) =>
      refusal(
        IMAGE_USER,
        "size",
        "invalid_value",
        `Invalid size '${size}'. Expected WIDTHxHEIGHT, for example '1824x1024'.`,
      ),
    notMultiple: (size: string) =>
      refusal(
        IMAGE_USER,
        "size",
        "invalid_value",
        `Invalid size '${size}'. Width and height must both be divisible by 16.`,
      ),
    edgeTooLong: (size: string, maxEdge: number) =>
      refusal(
        IMAGE_USER,
        "size",
        "invalid_value",
        `Invalid size '${size}'. The longest edge must be less than or equal to ${maxEdge}.`,
      ),
    belowPixelBudget: (size: string) =>
      refusal(
        IMAGE_USER,
        "size",
        "invalid_value",
        `Invalid size '${size}'. Requested resolution is below the current minimum pixel budget.`,
      ),
    abovePixelBudget: (size: string) =>
      refusal(
        IMAGE_USER,
        "size",
        "invalid_value",
        `Invalid size '${size}'. Requested resolution exceeds the current pixel budget.`,
      ),
    /** Not quoted: the ratio rule is documented, its answer is not. */
    aspectRatio: (size: string, ratio: number) =>
      refusal(
        IMAGE_USER,
        "size",
        "invalid_value",
        `Invalid size '${size}'. The aspect ratio must be between 1:${ratio} and ${ratio}:1.`,
        false,
      ),
  },
  pngCompression: () =>
    refusal(
      REQUEST,
      "output_compression",
      "invalid_png_output_compression",
      // The code is quoted; the message is not.
      "output_compression below 100 needs output_format jpeg or webp, not png.",
      false,
    ),
  /** Fault injection: a moderation block (the local server has no safety system). */
  moderationBlocked: (requestId: string, categories: readonly string[] = ["sexual"]) => {
    const answer = refusal(
      IMAGE_USER,
      null,
      "moderation_blocked",
      `Your request was rejected by the safety system. If you believe this is an error, contact us at help.openai.com and include the request ID ${requestId}. safety_violations=[${categories.join(", ")}].`,
    );
    return {
      ...answer,
      body: {
        error: {
          ...(answer.body as { error: ApiErrorObject }).error,
          moderation_details: { moderation_stage: "output", categories },
        },
      },
    } as ApiRefusal;
  },
  /** Fault injection: a per-minute rate limit (send `retry-after` with it). */
  rateLimited: (model: string, retryAfterMs = 240) =>
    refusal(
      "input-images",
      null,
      "rate_limit_exceeded",
      `Rate limit reached for ${model} on input-images per min: Limit 250, Used 250, Requested 1. Please try again in ${retryAfterMs}ms.`,
      true,
      429,
    ),
  /** Fault injection: an exhausted quota. */
  insufficientQuota: () =>
    refusal(
      "insufficient_quota",
      null,
      "insufficient_quota",
      "You exceeded your current quota, please check your plan and billing details.",
      true,
      429,
    ),
} as const;

/**
 * The order the API lists an enum's values in, where it differs from the model table's. From the
 * quoted messages: `moderation` lists `'auto' and 'low'`, `output_format` `'png', 'webp', and 'jpeg'`,
 * the standard sizes `'1024x1024', '1024x1536', '1536x1024', and 'auto'`. Values the quotes do not
 * show keep the table's order, after these.
 */
export const API_VALUE_ORDER: { readonly [P in RuledParam]?: readonly string[] } = {
  moderation: ["auto", "low"],
  output_format: ["png", "webp", "jpeg"],
  size: ["1024x1024", "1024x1536", "1536x1024", "auto"],
};

/** `allowed` in the API's order. */
export function apiOrder(param: RuledParam, allowed: readonly unknown[]): unknown[] {
  const order = API_VALUE_ORDER[param] ?? [];
  const first = order.filter((v) => allowed.includes(v));
  return [...first, ...allowed.filter((v) => !first.includes(v as string))];
}

/** One part of a multipart request, as the server read it. */
export interface WirePart {
  readonly name: string;
  /** A text field's value. */
  readonly value?: string | undefined;
  /** A file part: its `Content-Type` header, `null` when it has none. */
  readonly file?: { readonly contentType: string | null } | undefined;
}

/** A request as the server reads it: the endpoint and a JSON body, or the multipart parts in order. */
export interface WireRequest {
  readonly op: Operation;
  readonly json?: unknown;
  readonly form?: readonly WirePart[];
}

/** How a server answers for the models and endpoint OpenAI has retired. */
export interface RefusalPolicy {
  /**
   * `"refuse"` (OpenAI's API today): retired and unknown models "do not exist", the variations endpoint
   * is a bare 404, a request without a model is refused. `"serve"` (an OpenAI-compatible server that
   * still serves them): retired models are judged by their rules, a missing model is the documented
   * default, variations are served.
   * @default "refuse"
   */
  retired?: "refuse" | "serve" | undefined;
}

/** The parameters of the request, by name, and the multipart file parts. */
interface ReadRequest {
  readonly encoding: "json" | "multipart";
  /** Field values in body order; a repeated multipart field keeps every value. */
  readonly fields: ReadonlyMap<string, unknown[]>;
  readonly files: readonly { name: string; contentType: string | null }[];
}

function readRequest(request: WireRequest): ReadRequest | undefined {
  if (request.form) {
    const fields = new Map<string, unknown[]>();
    const files: { name: string; contentType: string | null }[] = [];
    for (const part of request.form) {
      if (part.file) files.push({ name: part.name, contentType: part.file.contentType });
      const values = fields.get(part.name) ?? [];
      values.push(part.file ? part.file : part.value);
      fields.set(part.name, values);
    }
    return { encoding: "multipart", fields, files };
  }
  const body = request.json;
  if (typeof body !== "object" || body === null || Array.isArray(body)) return undefined;
  return {
    encoding: "json",
    fields: new Map(Object.entries(body).map(([k, v]) => [k, [v]])),
    files: [],
  };
}

/** `image[]` and `svg[reasoning][effort]` name the parameters `image` and `svg`. */
const baseName = (key: string) => key.replace(/\[.*$/, "");

/** Whether the API serves `model` under `policy`. */
function served(model: string, policy: RefusalPolicy): model is keyof typeof MODEL_RULES {
  if (!isKnownModel(model)) return false;
  return policy.retired === "serve" || (MODEL_RULES[model] as ModelRules).retired === undefined;
}

/**
 * The parameters a model takes on an endpoint, by name: the ruled ones its rules mention, the text
 * ones of the endpoint, the model, and the endpoint's image parameter as the encoding spells it.
 */
function acceptedNames(op: Operation, rules: OperationRules, encoding: "json" | "multipart"): Set<string> {
  const names = new Set<string>(["model"]);
  for (const name of PARAM_NAMES) {
    const info: ParamInfo = PARAMETERS[name];
    if (info.kind === "text" ? info.ops?.includes(op) : rules[name as RuledParam] !== undefined)
      names.add(name);
  }
  // A JSON edit names its images `images` (references); a form names them `image` / `image[]`.
  if (op === "edit" && encoding === "json") {
    names.delete("image");
    names.add("images");
  }
  return names;
}

/**
 * The API's first refusal of `request`, in its order of checks, or `undefined` when none of the
 * checks the evidence covers refuses it. Order (from the quoted answers): the endpoint, the model,
 * unknown parameters (by name, null included), the prompt, the images, `n`, then the other values in
 * declaration order, then combinations. Checks whose answer no source quotes (prompt length, upload
 * bytes and dimensions, mask alpha) are not made here: the server's model rules make them.
 *
 * @example
 * firstRefusal({ op: "generate", json: { model: "gpt-image-2", prompt: "otter", n: 0 } })?.body?.error.code;
 * // "integer_below_min_value"
 */
export function firstRefusal(request: WireRequest, policy: RefusalPolicy = {}): ApiRefusal | undefined {
  const { op } = request;
  if (OPERATIONS[op].path === OPERATIONS.variation.path && policy.retired !== "serve")
    return API_ERRORS.notFound();
  const read = readRequest(request);
  if (!read) return undefined;
  const { encoding, fields } = read;
  const value = (name: string): unknown => fields.get(name)?.[0];
  const has = (name: string) => fields.has(name);

  // 1. The model.
  let model: string;
  if (!has("model")) {
    if (policy.retired !== "serve") return API_ERRORS.missingRequired("model");
    model = DEFAULT_MODELS[op];
  } else {
    const given = value("model");
    if (typeof given !== "string") return API_ERRORS.invalidType("model", "a string", given);
    model = given;
  }
  if (!served(model, policy)) {
    return policy.retired === "serve" && !isKnownModel(model) && model !== ""
      ? undefined
      : API_ERRORS.modelDoesNotExist(model);
  }
  const rules = rulesFor(model, op);
  if (rules === undefined) return API_ERRORS.modelDoesNotExist(model);

  // 2. Unknown parameters, in body order: by name, so a null does not make one absent.
  const accepted = acceptedNames(op, rules, encoding);
  for (const key of fields.keys()) {
    const name = baseName(key);
    if (encoding === "json" && op === "edit" && name === "image") return API_ERRORS.jsonImageKey(key);
    if (encoding === "multipart" && name === "images") return API_ERRORS.formImagesKey();
    if (accepted.has(name)) continue;
    const refusedAs = (PARAMETERS as Record<string, ParamInfo>)[name]?.refusedAs?.[op];
    if (refusedAs === "invalid_input_fidelity_model") return API_ERRORS.inputFidelityModel(model);
    return API_ERRORS.unknownParameter(key);
  }

  // 3. The prompt.
  if (rules.prompt !== undefined) {
    if (!has("prompt")) return API_ERRORS.missingRequired("prompt");
    const prompt = value("prompt");
    if (typeof prompt !== "string") return API_ERRORS.invalidType("prompt", "a string", prompt);
    if (prompt === "") return API_ERRORS.emptyString("prompt");
  }

  // 4. The images of an edit.
  const images = op === "edit" ? checkImages(read, rules) : undefined;
  if (images) return images;

  // 5. n, then the other values, in declaration order.
  for (const param of ["n", ...PARAM_NAMES.filter((p) => p !== "n")] as RuledParam[]) {
    const info: ParamInfo = PARAMETERS[param];
    if (info.kind === "text" || info.kind === "upload" || info.kind === "prompt" || !has(param)) continue;
    const given = value(param);
    if (given === null || given === undefined) continue;
    const rule = rules[param];
    if (rule === undefined || rule === UNSTATED) continue;
    const found = checkValue(param, info, rule, given, encoding);
    if (found) return found;
  }

  // 6. Combinations.
  const format = value("output_format");
  const compression = value("output_compression");
  if (format === "png" && compression !== undefined && compression !== null && Number(compression) < 100) {
    return API_ERRORS.pngCompression();
  }
  return undefined;
}

function checkImages(read: ReadRequest, rules: OperationRules): ApiRefusal | undefined {
  if (read.encoding === "json") {
    if (!read.fields.has("images")) return API_ERRORS.missingRequired("images");
    const images = read.fields.get("images")?.[0];
    if (!Array.isArray(images)) return API_ERRORS.invalidType("images", "an array of objects", images);
    if (images.length === 0) return API_ERRORS.emptyArray("images");
    const bad = images.findIndex((item) => typeof item !== "object" || item === null || Array.isArray(item));
    if (bad >= 0) return API_ERRORS.invalidType(`images[${bad}]`, "an object", images[bad]);
    return undefined;
  }
  const parts = read.files.filter((file) => baseName(file.name) === "image");
  if (parts.length === 0) return API_ERRORS.missingRequired("image");
  // One scalar `image` part is fine; several must be `image[]`.
  if (parts.filter((file) => file.name === "image").length > 1) return API_ERRORS.duplicateParameter("image");
  const rule = rules.image;
  const supported =
    rule === undefined || rule === UNSTATED
      ? undefined
      : (rule as UploadRule).formats.map((f): string => FORMATS[f].mime);
  let index = 0;
  for (const part of parts) {
    const param = part.name === "image[]" ? `image[${index++}]` : "image";
    // The API trusts the part's Content-Type, not the filename or the bytes (openai-node#1468).
    const type = part.contentType?.split(";")[0]?.trim().toLowerCase() ?? null;
    if (type === null || type === "") return API_ERRORS.missingMimetype(param);
    if (supported && !supported.includes(type)) {
      return API_ERRORS.unsupportedMimetype(param, type, [...supported].sort());
    }
  }
  return undefined;
}

function checkValue(
  param: RuledParam,
  info: ParamInfo,
  rule: unknown,
  given: unknown,
  encoding: "json" | "multipart",
): ApiRefusal | undefined {
  switch (info.kind) {
    case "int": {
      const { min, max } = rule as IntRange;
      let n: unknown = given;
      if (encoding === "multipart") {
        if (typeof given !== "string" || !/^-?\d+$/.test(given)) return API_ERRORS.notAnIntegerString(param);
        n = Number(given);
      }
      if (typeof n !== "number" || !Number.isInteger(n))
        return API_ERRORS.invalidType(param, "an integer", n);
      if (n < min) return API_ERRORS.integerBelowMin(param, min, n);
      if (n > max) return API_ERRORS.integerAboveMax(param, max, n);
      return undefined;
    }
    case "enum": {
      const allowed = rule as readonly (string | boolean)[];
      if (allowed.every((v) => typeof v === "boolean")) {
        const b = encoding === "multipart" ? { true: true, false: false }[given as string] : given;
        if (typeof b !== "boolean") return API_ERRORS.invalidType(param, "a boolean", given);
        return allowed.includes(b) ? undefined : API_ERRORS.invalidValue(param, b, allowed);
      }
      const ordered = apiOrder(param, allowed);
      if (typeof given !== "string") return API_ERRORS.invalidEnumType(param, ordered, given);
      return allowed.includes(given) ? undefined : API_ERRORS.invalidValue(param, given, ordered);
    }
    case "size":
      return checkSize(rule as SizeRule, given);
    default:
      return undefined;
  }
}

function checkSize({ values, custom }: SizeRule, given: unknown): ApiRefusal | undefined {
  if (typeof given !== "string") return API_ERRORS.invalidType("size", "a string", given);
  if (values.includes(given)) return undefined;
  if (custom === undefined) return API_ERRORS.invalidValue("size", given, apiOrder("size", values));
  return checkCustomSize(custom, given);
}

function checkCustomSize(custom: CustomSizeRule, size: string): ApiRefusal | undefined {
  const match = /^(\d+)x(\d+)$/.exec(size);
  const width = Number(match?.[1]);
  const height = Number(match?.[2]);
  if (!match || width === 0 || height === 0) return API_ERRORS.size.notWxH(size);
  if (width % custom.multipleOf !== 0 || height % custom.multipleOf !== 0)
    return API_ERRORS.size.notMultiple(size);
  const long = Math.max(width, height);
  if (long > custom.maxEdge) return API_ERRORS.size.edgeTooLong(size, custom.maxEdge);
  if (long > custom.maxAspectRatio * Math.min(width, height)) {
    return API_ERRORS.size.aspectRatio(size, custom.maxAspectRatio);
  }
  const pixels = width * height;
  if (custom.minPixels !== undefined && pixels < custom.minPixels)
    return API_ERRORS.size.belowPixelBudget(size);
  if (pixels > custom.maxPixels) return API_ERRORS.size.abovePixelBudget(size);
  return undefined;
}

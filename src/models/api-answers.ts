/**
 * The evidence table: how OpenAI's Images API actually answers, quoted from public issue threads,
 * pull requests, probe logs and gateway documentation. Each entry is one request and the answer a
 * source quotes for it, with the source's address, date and whether the call went to the API
 * directly or through a relay. Nothing here is guessed: a field no source quotes is `"unknown"`.
 *
 * The error catalogue (`api-errors.ts`) is derived from this table and tested against every entry
 * the local server can reproduce; the client's pre-flight rules cite the entries they follow
 * (`RULE_EVIDENCE` in `rules.ts`). The client never imports this file, so its bundle does not
 * carry the quotes.
 *
 * Where sources disagree, the newest direct evidence wins. Where the evidence disagrees with the
 * official SDK's documentation, the documentation wins: such an entry names the conflict in
 * `conflictsWithDocs` and the README lists it.
 */
import type { Operation } from "./operations.js";

/** A field no source quotes. */
export const UNKNOWN = "unknown";
export type Unknown = typeof UNKNOWN;

/** One part of a multipart form, as the source describes it. */
export interface AnswerPart {
  readonly name: string;
  /** A text field's value. */
  readonly value?: string;
  /**
   * A file part: its `Content-Type` header (`null` when the part has none) and what its bytes are
   * (`"garbage"`: bytes that are no image at all).
   */
  readonly file?: { readonly contentType: string | null; readonly bytes: "png" | "jpeg" | "garbage" };
}

/** The request of an entry: a JSON body, or a multipart form (edits). */
export interface AnswerRequest {
  readonly op: Operation;
  readonly json?: Readonly<Record<string, unknown>>;
  readonly form?: readonly AnswerPart[];
}

/** The API's answer as quoted. `null` is a quoted JSON null; `"unknown"` was not quoted. */
export interface QuotedAnswer {
  readonly status: number | Unknown;
  /** `"none"`: the answer had no body at all (the retired variations endpoint). */
  readonly body?: "none";
  readonly type?: string | null | Unknown;
  readonly code?: string | null | Unknown;
  readonly param?: string | null | Unknown;
  readonly message?: string | Unknown;
  /**
   * `true` when `message` is quoted whole; otherwise it is a fragment the real message contains
   * (a source shortened it, or quoted it without the part before it).
   */
  readonly messageWhole?: boolean;
}

/** Where an answer is quoted. */
export interface AnswerSource {
  /** The thread, pull request, file or page; `"unidentified"` when a code search found the file but not its repository. */
  readonly url: string;
  /** When the answer was observed (or the source written): ISO date, or a month when no day is given. */
  readonly date: string;
  /**
   * `"direct"`: a call to api.openai.com; `"relay"`: through a gateway or compatible server that
   * forwarded the API's answer; `"gateway docs"`: a gateway's documentation of the limits.
   */
  readonly via: "direct" | "relay" | "gateway docs";
  readonly note?: string;
}

/** Why the local server cannot reproduce an entry. */
export type NotReproducible =
  | "account: rate limits belong to an organisation"
  | "billing: quota belongs to an account"
  | "real safety filters"
  | "model retired since: see the replay"
  | "conflicts with the SDK documentation, which wins";

/** One request and the API's answer to it. */
export interface ApiAnswer {
  /** Stable id, cited by `RULE_EVIDENCE` and the tests. */
  readonly id: string;
  readonly request: AnswerRequest;
  readonly answer: QuotedAnswer;
  readonly sources: readonly AnswerSource[];
  /**
   * What refuses it: the request body alone (`"body"`, which the client can refuse before sending),
   * an upload part as the form labels it (`"upload"`), the endpoint, or something outside the request
   * (`"account"`, `"content"`). Absent for an accepted request.
   */
  readonly cause?: "body" | "upload" | "endpoint" | "account" | "content";
  /** Absent when the local server can reproduce the entry. */
  readonly notReproducible?: NotReproducible;
  /**
   * For an answer observed on a model OpenAI has retired since: the same request on a current model,
   * for the checks that do not depend on the model (the local server reproduces this one).
   */
  readonly replay?: { readonly model: string };
  /** The SDK documentation this answer contradicts (the documentation wins). */
  readonly conflictsWithDocs?: string;
  /**
   * For a body refusal the client deliberately does not make: why (e.g. the client always sends a
   * model, so it never sends a request without one).
   */
  readonly clientDiffers?: string;
}

// Sources quoted more than once.
const ADAPTER_TEST =
  "https://github.com/kangminlee-maker/local-OAuth-CLI-API-adapter/blob/main/test/images-contract.test.mjs";
const ADAPTER_MATRIX =
  "https://github.com/kangminlee-maker/local-OAuth-CLI-API-adapter/blob/main/docs/conformance-matrix.md";
const PROBE_NOTE =
  "third-party probe log: the adapter pins the envelope it measured on the direct API (as the file says)";
const adapter = (date: string): AnswerSource => ({
  url: ADAPTER_TEST,
  date,
  via: "direct",
  note: PROBE_NOTE,
});
const matrix = (date: string): AnswerSource => ({
  url: ADAPTER_MATRIX,
  date,
  via: "direct",
  note: "third-party probe log (§3 OpenAI Images, VERIFIED rows)",
});
const SIZE_PROBE: AnswerSource = {
  url: "unidentified",
  date: "2026-04-28",
  via: "direct",
  note: "public notes 'OpenAI gpt-image-2 — direct API behaviour' (probes of api.openai.com, captured 2026-04-28); found by code search, repository not exposed by the index",
};
const ANYFAST_DOCS: AnswerSource = {
  url: "https://docs.anyfast.ai/api-reference/model-api/openai/gpt-image-2",
  date: "2026",
  via: "gateway docs",
  note: "states the size limits: multiples of 16, ratio ≤ 3:1, total pixels between 655,360 and 8,294,400, edge ≤ 3840",
};

const GEN = "generate" as const;
const EDIT = "edit" as const;
const gen = (json: Record<string, unknown>): AnswerRequest => ({
  op: GEN,
  json: { model: "gpt-image-2", prompt: "a dot", ...json },
});
const jsonEdit = (json: Record<string, unknown>): AnswerRequest => ({
  op: EDIT,
  json: { model: "gpt-image-2", prompt: "a dot", ...json },
});
const PNG_PART = (name = "image"): AnswerPart => ({ name, file: { contentType: "image/png", bytes: "png" } });
const form = (model: string, ...parts: AnswerPart[]): AnswerRequest => ({
  op: EDIT,
  form: [{ name: "model", value: model }, { name: "prompt", value: "a dot" }, ...parts],
});

const invalidRequest = (param: string, code: string, message: string): QuotedAnswer => ({
  status: 400,
  type: "invalid_request_error",
  param,
  code,
  message,
  messageWhole: true,
});
/** An answer whose type the source did not quote (the adapter pins code, param and message). */
const quoted = (param: string, code: string, message: string | Unknown): QuotedAnswer => ({
  status: 400,
  type: UNKNOWN,
  param,
  code,
  message,
  messageWhole: message !== UNKNOWN,
});
const sizeRefusal = (message: string, messageWhole: boolean): QuotedAnswer => ({
  status: 400,
  type: "image_generation_user_error",
  param: "size",
  code: "invalid_value",
  message,
  messageWhole,
});
const ACCEPTED: QuotedAnswer = { status: 200 };

/**
 * The table. Grouped by what is judged, in the API's order of checks: the endpoint, the model,
 * unknown parameters, the prompt, the images, `n`, the other values, then what is outside the request.
 */
export const API_ANSWERS: readonly ApiAnswer[] = [
  // The retired endpoint.
  {
    id: "variations-bare-404",
    request: { op: "variation", form: [{ name: "model", value: "dall-e-2" }, PNG_PART()] },
    answer: { status: 404, body: "none" },
    sources: [adapter("2026-08-29"), matrix("2026-08-29")],
    cause: "endpoint",
  },

  // The model: required, a string, and one the API serves.
  {
    id: "model-missing",
    request: { op: GEN, json: { prompt: "a dot" } },
    answer: quoted("model", "missing_required_parameter", "Missing required parameter: 'model'."),
    sources: [adapter("2026-08-29"), matrix("2026-08-29")],
    cause: "body",
    clientDiffers: "the client always sends a model: the request's, the client's, or DEFAULT_MODELS",
  },
  {
    id: "model-null",
    request: { op: GEN, json: { model: null, prompt: "a dot" } },
    answer: quoted(
      "model",
      "invalid_type",
      "Invalid type for 'model': expected a string, but got null instead.",
    ),
    sources: [adapter("2026-08-29")],
    cause: "body",
    clientDiffers: "null means 'not given' in the client's types: it sends the default model instead",
  },
  {
    id: "model-decimal",
    request: { op: GEN, json: { model: 1.5, prompt: "a dot" } },
    answer: quoted(
      UNKNOWN,
      "invalid_type",
      "Invalid type for 'model': expected a string, but got a decimal number instead.",
    ),
    sources: [adapter("2026-08-30")],
    cause: "body",
  },
  {
    id: "model-boolean",
    request: { op: GEN, json: { model: true, prompt: "a dot" } },
    answer: quoted(
      UNKNOWN,
      "invalid_type",
      "Invalid type for 'model': expected a string, but got a boolean instead.",
    ),
    sources: [adapter("2026-08-30")],
    cause: "body",
  },
  ...(["dall-e-2", "dall-e-3", "", "gpt-image-9"] as const).map(
    (model): ApiAnswer => ({
      id: `model-does-not-exist:${model || "empty"}`,
      request: { op: GEN, json: { model, prompt: "a dot" } },
      answer: {
        status: 400,
        type: "image_generation_user_error",
        param: "model",
        code: "invalid_value",
        message: `The model '${model}' does not exist.`,
        messageWhole: true,
      },
      sources: [adapter("2026-08-29"), matrix("2026-08-29")],
      cause: "body",
      ...(model === "gpt-image-9"
        ? {
            clientDiffers:
              "unknown model names pass through (new models appear before our releases); on OpenAI's base URL with a warning",
          }
        : {}),
    }),
  ),

  // Parameters the API does not know, by name: null does not make them absent.
  {
    id: "unknown-parameter:bogus_field",
    request: gen({ bogus_field: 1 }),
    answer: quoted("bogus_field", "unknown_parameter", "Unknown parameter: 'bogus_field'."),
    sources: [adapter("2026-08-30"), matrix("2026-08-30")],
    cause: "body",
  },
  {
    id: "unknown-parameter:x_proxy_image_route",
    request: gen({ x_proxy_image_route: { geometry_mode: "strict" } }),
    answer: quoted("x_proxy_image_route", "unknown_parameter", "Unknown parameter: 'x_proxy_image_route'."),
    sources: [matrix("2026-08-30")],
    cause: "body",
  },
  {
    id: "response-format-gpt-image-1",
    request: { op: GEN, json: { model: "gpt-image-1", prompt: "a cat", response_format: "b64_json" } },
    answer: invalidRequest("response_format", "unknown_parameter", "Unknown parameter: 'response_format'."),
    sources: [
      {
        url: "https://github.com/vercel/ai/issues/6102",
        date: "2025-05-01",
        via: "direct",
        note: "@ai-sdk/openai's generateImage sent response_format; the response body is quoted whole",
      },
    ],
    cause: "body",
    notReproducible: "model retired since: see the replay",
    replay: { model: "gpt-image-1.5" },
  },
  {
    id: "response-format-gpt-image-1.5",
    request: { op: GEN, json: { model: "gpt-image-1.5", prompt: "a cat", response_format: "url" } },
    answer: {
      status: 400,
      type: "invalid_request_error",
      param: "response_format",
      code: UNKNOWN,
      message: "Unknown parameter: 'response_format'.",
      messageWhole: true,
    },
    sources: [
      {
        url: "https://github.com/GetfroggyHoe/universal-immersion-engine/issues/5",
        date: "2026-01-16",
        via: "direct",
        note: 'the quoted body is cut off inside the code ("unknown…")',
      },
    ],
    cause: "body",
  },
  ...(["url", "b64_json", null] as const).map(
    (value): ApiAnswer => ({
      id: `response-format-gpt-image-2:${value}`,
      request: gen({ response_format: value }),
      answer: quoted("response_format", "unknown_parameter", "Unknown parameter: 'response_format'."),
      sources: [
        adapter("2026-08-29"),
        matrix("2026-08-29"),
        { url: "https://github.com/vercel/ai/issues/6102", date: "2025-05-01", via: "direct" },
      ],
      cause: "body",
    }),
  ),
  {
    id: "style-gpt-image-2",
    request: gen({ style: "vivid" }),
    answer: quoted("style", "unknown_parameter", "Unknown parameter: 'style'."),
    sources: [adapter("2026-08-29"), matrix("2026-08-29")],
    cause: "body",
  },
  {
    id: "input-fidelity-on-generation",
    request: gen({ input_fidelity: "high" }),
    answer: quoted("input_fidelity", "unknown_parameter", UNKNOWN),
    sources: [matrix("2026-08-29")],
    cause: "body",
  },
  {
    id: "input-fidelity-null-on-generation",
    request: { op: GEN, json: { model: "gpt-image-1", prompt: "a dot", input_fidelity: null } },
    answer: quoted("input_fidelity", "unknown_parameter", UNKNOWN),
    sources: [adapter("2026-08-29")],
    cause: "body",
    notReproducible: "model retired since: see the replay",
    replay: { model: "gpt-image-1.5" },
  },
  ...(["mask", "images"] as const).map(
    (key): ApiAnswer => ({
      id: `unknown-parameter-on-generation:${key}`,
      request: gen({ [key]: 42 }),
      answer: quoted(key, "unknown_parameter", UNKNOWN),
      sources: [adapter("2026-08-30")],
      cause: "body",
    }),
  ),
  {
    id: "input-fidelity-gpt-image-2-edit",
    request: form("gpt-image-2", PNG_PART(), { name: "input_fidelity", value: "high" }),
    answer: {
      status: 400,
      type: "image_generation_user_error",
      param: "input_fidelity",
      code: "invalid_input_fidelity_model",
      message: "The model 'gpt-image-2' does not support the 'input_fidelity' parameter.",
      messageWhole: true,
    },
    sources: [
      {
        url: "https://github.com/vulca-org/vulca-visual-control-sdk/issues/12",
        date: "2026-04-24",
        via: "direct",
        note: "curl to api.openai.com/v1/images/edits; the whole response is quoted",
      },
    ],
    cause: "body",
  },
  {
    id: "input-fidelity-gpt-image-1-mini",
    request: form("gpt-image-1-mini", PNG_PART(), { name: "input_fidelity", value: "low" }),
    answer: quoted("input_fidelity", "unknown_parameter", UNKNOWN),
    sources: [matrix("2026-08-29")],
    cause: "body",
    notReproducible: "conflicts with the SDK documentation, which wins",
    conflictsWithDocs: "openai@7.30.0 documents input_fidelity 'low' for gpt-image-1-mini",
  },
  {
    id: "style-on-multipart-edit",
    request: form("gpt-image-2", PNG_PART(), { name: "style", value: "vivid" }),
    answer: quoted("style", "unknown_parameter", UNKNOWN),
    sources: [adapter("2026-08-30")],
    cause: "body",
  },
  {
    id: "json-edit-image-key",
    request: jsonEdit({ image: [{ image_url: "https://example.com/a.png" }] }),
    answer: quoted(
      "image",
      "invalid_value",
      "Unknown parameter: 'image'. For application/json on /v1/images/edits, use 'images' (array).",
    ),
    sources: [matrix("2026-08-29"), adapter("2026-08-29")],
    cause: "body",
    clientDiffers: "the client sends an edit by reference as `images`, whatever the caller named it",
  },
  {
    id: "multipart-images-part",
    request: form("gpt-image-2", PNG_PART("images")),
    answer: quoted(
      "images",
      "invalid_value",
      "Unknown parameter: 'images'. For multipart/form-data use 'image' or 'image[]'.",
    ),
    sources: [adapter("2026-08-30")],
    cause: "upload",
  },

  // The prompt: required, a string, not empty (blank is fine).
  {
    id: "prompt-empty",
    request: gen({ prompt: "" }),
    answer: quoted(
      "prompt",
      "empty_string",
      "Invalid 'prompt': empty string. Expected a string with minimum length 1, but got an empty string instead.",
    ),
    sources: [
      adapter("2026-08-30"),
      matrix("2026-08-30"),
      {
        url: "unidentified",
        date: "2026-06-15",
        via: "direct",
        note: "a project's debugging log: gpt-image-2 threw `400 Invalid 'prompt': empty string` (fragment)",
      },
    ],
    cause: "body",
  },
  {
    id: "prompt-null",
    request: gen({ prompt: null }),
    answer: quoted(
      "prompt",
      "invalid_type",
      "Invalid type for 'prompt': expected a string, but got null instead.",
    ),
    sources: [adapter("2026-08-30")],
    cause: "body",
  },
  {
    id: "prompt-integer",
    request: gen({ prompt: 123 }),
    answer: quoted(
      "prompt",
      "invalid_type",
      "Invalid type for 'prompt': expected a string, but got an integer instead.",
    ),
    sources: [adapter("2026-08-30")],
    cause: "body",
  },
  {
    id: "prompt-missing-edit",
    request: { op: EDIT, form: [{ name: "model", value: "gpt-image-1.5" }, PNG_PART()] },
    answer: quoted("prompt", "missing_required_parameter", UNKNOWN),
    sources: [adapter("2026-08-30")],
    cause: "body",
  },
  {
    id: "prompt-blank-accepted",
    request: gen({ prompt: "   " }),
    answer: ACCEPTED,
    sources: [adapter("2026-08-30"), matrix("2026-08-30")],
  },

  // The images of an edit.
  {
    id: "json-edit-images-missing",
    request: jsonEdit({}),
    answer: quoted("images", "missing_required_parameter", UNKNOWN),
    sources: [adapter("2026-08-29"), matrix("2026-08-29")],
    cause: "body",
    clientDiffers:
      "the client refuses it too, naming its own parameter `image` (code missing_required_parameter)",
  },
  {
    id: "json-edit-images-object",
    request: jsonEdit({ images: { image_url: "https://example.com/a.png" } }),
    answer: quoted(
      "images",
      "invalid_type",
      "Invalid type for 'images': expected an array of objects, but got an object instead.",
    ),
    sources: [adapter("2026-08-29")],
    cause: "body",
  },
  {
    id: "json-edit-images-null",
    request: jsonEdit({ images: null }),
    answer: quoted(
      "images",
      "invalid_type",
      "Invalid type for 'images': expected an array of objects, but got null instead.",
    ),
    sources: [adapter("2026-08-29")],
    cause: "body",
  },
  {
    id: "json-edit-images-string-member",
    request: jsonEdit({ images: ["https://example.com/x.png"] }),
    answer: quoted(
      "images[0]",
      "invalid_type",
      "Invalid type for 'images[0]': expected an object, but got a string instead.",
    ),
    sources: [adapter("2026-08-29")],
    cause: "body",
  },
  {
    id: "json-edit-images-empty",
    request: jsonEdit({ images: [], n: 0 }),
    answer: quoted("images", "empty_array", UNKNOWN),
    sources: [adapter("2026-08-30")],
    cause: "body",
  },
  {
    id: "upload-octet-stream-dall-e-2",
    request: form("dall-e-2", {
      name: "image",
      file: { contentType: "application/octet-stream", bytes: "png" },
    }),
    answer: invalidRequest(
      "image",
      "unsupported_file_mimetype",
      "Invalid file 'image': unsupported mimetype ('application/octet-stream'). Supported file formats are 'image/png'.",
    ),
    sources: [
      { url: "https://github.com/jezs00/pycasso/issues/72", date: "2025-04-21", via: "direct" },
      { url: "https://github.com/openai/openai-node/issues/1468", date: "2025-04", via: "direct" },
    ],
    cause: "upload",
    // Superseded by upload-octet-stream: a GPT image model lists three formats, not one.
    notReproducible: "model retired since: see the replay",
  },
  {
    id: "upload-octet-stream",
    request: form("gpt-image-1", {
      name: "image",
      file: { contentType: "application/octet-stream", bytes: "png" },
    }),
    answer: invalidRequest(
      "image",
      "unsupported_file_mimetype",
      "Invalid file 'image': unsupported mimetype ('application/octet-stream'). Supported file formats are 'image/jpeg', 'image/png', and 'image/webp'.",
    ),
    sources: [
      {
        url: "https://github.com/64bit/async-openai/issues/364",
        date: "2025-05-08",
        via: "direct",
        note: "async-openai forced application/octet-stream on a PNG named image.png: the API trusts the part's Content-Type, not the filename",
      },
      { url: "https://github.com/openai/openai-ruby/issues/147", date: "2025-05-23", via: "direct" },
      { url: "https://github.com/Comfy-Org/ComfyUI/issues/9329", date: "2025-08-14", via: "direct" },
    ],
    cause: "upload",
    notReproducible: "model retired since: see the replay",
    replay: { model: "gpt-image-1.5" },
  },
  {
    id: "upload-octet-stream-array",
    request: form(
      "gpt-image-1",
      { name: "image[]", file: { contentType: "application/octet-stream", bytes: "png" } },
      { name: "image[]", file: { contentType: "application/octet-stream", bytes: "png" } },
    ),
    answer: invalidRequest(
      "image[0]",
      "unsupported_file_mimetype",
      "Invalid file 'image[0]': unsupported mimetype ('application/octet-stream'). Supported file formats are 'image/jpeg', 'image/png', and 'image/webp'.",
    ),
    sources: [
      {
        url: "https://github.com/prism-php/prism/pull/725",
        date: "2025-11-07",
        via: "direct",
        note: "the same PR found that the mask part is not judged by its Content-Type",
      },
    ],
    cause: "upload",
    notReproducible: "model retired since: see the replay",
    replay: { model: "gpt-image-1.5" },
  },
  {
    id: "upload-without-content-type",
    request: form("gpt-image-1", { name: "image", file: { contentType: null, bytes: "png" } }),
    answer: {
      status: UNKNOWN,
      type: UNKNOWN,
      param: UNKNOWN,
      code: "missing_file_mimetype",
      message:
        "Invalid file 'image': failed to determine mimetype. Ensure you are providing the file's mimetype as part of the 'Content-Type' header.",
      messageWhole: true,
    },
    sources: [
      { url: "https://github.com/sashabaranov/go-openai/issues/1012", date: "2025-06-03", via: "direct" },
    ],
    cause: "upload",
    notReproducible: "model retired since: see the replay",
    replay: { model: "gpt-image-1.5" },
  },
  {
    id: "upload-duplicate-image-parts",
    request: form("gpt-image-2", PNG_PART(), PNG_PART()),
    answer: {
      status: 400,
      type: UNKNOWN,
      param: UNKNOWN,
      code: "duplicate_parameter",
      message:
        "Duplicate parameter: 'image'. You provided multiple values for this parameter, whereas only one is allowed.",
      messageWhole: false,
    },
    sources: [
      {
        url: "https://github.com/openai/openai-ruby/pull/311",
        date: "2026-07-16",
        via: "direct",
        note: "live API contract check by an OpenAI engineer: repeated `image` parts get duplicate_parameter; `image[]` reaches image validation",
      },
      {
        url: "https://github.com/diaomin66/astrbot_plugin_omnidraw/pull/58",
        date: "2026-07-22",
        via: "relay",
        note: "quotes the message's end: \"...use the array syntax instead e.g. 'image[]=<value>'.\"",
      },
      {
        url: "unidentified",
        date: "2026",
        via: "direct",
        note: "an app's source comment quotes the message's first two sentences (the part quoted here)",
      },
    ],
    cause: "upload",
  },
  {
    id: "upload-undecodable",
    request: form("gpt-image-2", PNG_PART("image[]"), PNG_PART("image[]"), {
      name: "image[]",
      file: { contentType: "image/png", bytes: "garbage" },
    }),
    answer: {
      status: UNKNOWN,
      type: "image_generation_user_error",
      param: "",
      code: "invalid_image_file",
      message: "Invalid image file or mode for image 3, please check your image file.",
      messageWhole: true,
    },
    sources: [
      {
        url: "https://github.com/openai/openai-ruby/pull/311",
        date: "2026-07-16",
        via: "direct",
        note: "names the code (invalid_image_file) for a request that reached image validation",
      },
      {
        url: "unidentified",
        date: "2026",
        via: "relay",
        note: "an app's test quotes the whole upstream envelope; the number is the image's place among the uploads",
      },
    ],
    cause: "upload",
  },
  {
    id: "mask-size-mismatch",
    request: form("gpt-image-1.5", PNG_PART(), {
      name: "mask",
      file: { contentType: "image/png", bytes: "png" },
    }),
    answer: {
      status: 400,
      type: "image_generation_user_error",
      param: UNKNOWN,
      code: "invalid_mask_image_format",
      message: "Invalid mask image format - mask size does not match image size",
      messageWhole: true,
    },
    sources: [
      {
        url: "unidentified",
        date: "2026",
        via: "relay",
        note: "a gateway's tests quote the upstream Images API envelope for a mask whose size differs from the image's",
      },
    ],
    cause: "upload",
  },

  // n and the other integers: the bound crossed, or the JSON type got.
  ...(
    [
      [
        "n",
        0,
        "integer_below_min_value",
        "Invalid 'n': integer below minimum value. Expected a value >= 1, but got 0 instead.",
      ],
      [
        "n",
        -1,
        "integer_below_min_value",
        "Invalid 'n': integer below minimum value. Expected a value >= 1, but got -1 instead.",
      ],
      [
        "n",
        11,
        "integer_above_max_value",
        "Invalid 'n': integer above maximum value. Expected a value <= 10, but got 11 instead.",
      ],
      [
        "n",
        1.5,
        "invalid_type",
        "Invalid type for 'n': expected an integer, but got a decimal number instead.",
      ],
      ["n", "two", "invalid_type", "Invalid type for 'n': expected an integer, but got a string instead."],
      ["n", "2", "invalid_type", "Invalid type for 'n': expected an integer, but got a string instead."],
      ["n", true, "invalid_type", "Invalid type for 'n': expected an integer, but got a boolean instead."],
      [
        "output_compression",
        101,
        "integer_above_max_value",
        "Invalid 'output_compression': integer above maximum value. Expected a value <= 100, but got 101 instead.",
      ],
      [
        "output_compression",
        -1,
        "integer_below_min_value",
        "Invalid 'output_compression': integer below minimum value. Expected a value >= 0, but got -1 instead.",
      ],
      [
        "output_compression",
        1.5,
        "invalid_type",
        "Invalid type for 'output_compression': expected an integer, but got a decimal number instead.",
      ],
      [
        "output_compression",
        "50",
        "invalid_type",
        "Invalid type for 'output_compression': expected an integer, but got a string instead.",
      ],
      [
        "partial_images",
        4,
        "integer_above_max_value",
        "Invalid 'partial_images': integer above maximum value. Expected a value <= 3, but got 4 instead.",
      ],
      [
        "partial_images",
        -1,
        "integer_below_min_value",
        "Invalid 'partial_images': integer below minimum value. Expected a value >= 0, but got -1 instead.",
      ],
    ] as const
  ).map(
    ([param, value, code, message]): ApiAnswer => ({
      id: `integer:${param}=${JSON.stringify(value)}`,
      // output_compression with jpeg, so the value alone is judged.
      request: gen(
        param === "output_compression" ? { output_format: "jpeg", [param]: value } : { [param]: value },
      ),
      answer: quoted(param, code, message),
      sources: [adapter("2026-08-30"), matrix("2026-08-30")],
      cause: "body",
    }),
  ),
  {
    id: "multipart-integer-not-digits",
    request: form("gpt-image-2", PNG_PART(), { name: "n", value: "abc" }),
    answer: quoted(
      "n",
      UNKNOWN,
      "Invalid type for 'n': expected an integer, but got a string value that could not be converted into an integer.",
    ),
    sources: [adapter("2026-08-30")],
    cause: "body",
  },
  {
    id: "nullable-integers-accepted",
    request: gen({ n: null, partial_images: null, output_compression: null }),
    answer: ACCEPTED,
    sources: [adapter("2026-08-30")],
  },
  {
    id: "check-order:n-before-enums",
    request: gen({ n: 0, quality: "ultra" }),
    answer: quoted("n", "integer_below_min_value", UNKNOWN),
    sources: [adapter("2026-08-30")],
    cause: "body",
  },
  {
    id: "check-order:unknown-before-n",
    request: gen({ bogus: 1, n: 0 }),
    answer: quoted("bogus", "unknown_parameter", UNKNOWN),
    sources: [adapter("2026-08-30")],
    cause: "body",
  },
  {
    id: "check-order:prompt-before-n",
    request: gen({ prompt: "", n: 0 }),
    answer: quoted("prompt", "empty_string", UNKNOWN),
    sources: [adapter("2026-08-30")],
    cause: "body",
  },

  // Enums: a string outside the set lists the set; another type is a type error.
  ...(
    [
      [
        "quality",
        "ultra",
        "invalid_value",
        "Invalid value: 'ultra'. Supported values are: 'low', 'medium', 'high', and 'auto'.",
      ],
      [
        "quality",
        "standard",
        "invalid_value",
        "Invalid value: 'standard'. Supported values are: 'low', 'medium', 'high', and 'auto'.",
      ],
      [
        "quality",
        "hd",
        "invalid_value",
        "Invalid value: 'hd'. Supported values are: 'low', 'medium', 'high', and 'auto'.",
      ],
      [
        "quality",
        "",
        "invalid_value",
        "Invalid value: ''. Supported values are: 'low', 'medium', 'high', and 'auto'.",
      ],
      [
        "quality",
        1,
        "invalid_type",
        "Invalid type for 'quality': expected one of 'low', 'medium', 'high', or 'auto', but got an integer instead.",
      ],
      [
        "moderation",
        "bogus",
        "invalid_value",
        "Invalid value: 'bogus'. Supported values are: 'auto' and 'low'.",
      ],
      [
        "background",
        "bogus",
        "invalid_value",
        "Invalid value: 'bogus'. Supported values are: 'transparent', 'opaque', and 'auto'.",
      ],
      [
        "stream",
        "yes",
        "invalid_type",
        "Invalid type for 'stream': expected a boolean, but got a string instead.",
      ],
    ] as const
  ).map(
    ([param, value, code, message]): ApiAnswer => ({
      id: `enum:${param}=${JSON.stringify(value)}`,
      request: gen({ [param]: value }),
      answer: quoted(param, code, message),
      sources: [adapter("2026-08-30"), matrix("2026-08-30")],
      cause: "body",
    }),
  ),
  {
    id: "enum:output_format=gif",
    request: gen({ output_format: "gif" }),
    answer: quoted(
      "output_format",
      "invalid_value",
      "Invalid value: 'gif'. Supported values are: 'png', 'webp', and 'jpeg'.",
    ),
    sources: [adapter("2026-08-30")],
    cause: "body",
    notReproducible: "conflicts with the SDK documentation, which wins",
    conflictsWithDocs: "openai@7.51.0 documents gif (and svg) output for the current GPT image models",
  },
  {
    id: "enum:size-gpt-image-1",
    request: {
      op: EDIT,
      form: [
        { name: "model", value: "gpt-image-1" },
        { name: "prompt", value: "a dot" },
        PNG_PART(),
        { name: "size", value: "1920x1080" },
      ],
    },
    answer: {
      status: 400,
      type: UNKNOWN,
      param: UNKNOWN,
      code: UNKNOWN,
      message:
        "Invalid value: '1920x1080'. Supported values are: '1024x1024', '1024x1536', '1536x1024', and 'auto'.",
      messageWhole: true,
    },
    sources: [
      {
        url: "https://github.com/shekar369/studioAI/blob/main/ISSUE_FIXED.md",
        date: "2025",
        via: "direct",
        note: "gpt-image-1 edits; lists the sizes in this order",
      },
    ],
    cause: "body",
    notReproducible: "model retired since: see the replay",
    replay: { model: "gpt-image-1.5" },
  },

  // Sizes on gpt-image-2 and the 2.5 models: free-form, within an edge, a grid and a pixel budget.
  ...(["bogus", "0x0"] as const).map(
    (size): ApiAnswer => ({
      id: `size:${size}`,
      request: gen({ size }),
      answer: sizeRefusal(`Invalid size '${size}'. Expected WIDTHxHEIGHT, for example '1824x1024'.`, true),
      sources: [adapter("2026-08-30"), matrix("2026-08-30")],
      cause: "body",
    }),
  ),
  {
    id: "size:9x9",
    request: gen({ size: "9x9" }),
    answer: sizeRefusal("Invalid size '9x9'. Width and height must both be divisible by 16.", true),
    sources: [adapter("2026-08-30"), matrix("2026-08-30")],
    cause: "body",
  },
  {
    id: "size:1500x1500",
    request: gen({ size: "1500x1500" }),
    answer: sizeRefusal("Width and height must both be divisible by 16.", false),
    sources: [SIZE_PROBE],
    cause: "body",
  },
  {
    id: "size:4096x4096",
    request: gen({ size: "4096x4096" }),
    answer: sizeRefusal("The longest edge must be less than or equal to 3840.", false),
    sources: [SIZE_PROBE],
    cause: "body",
  },
  ...(["768x768", "800x800", "1024x576"] as const).map(
    (size): ApiAnswer => ({
      id: `size-below-pixel-budget:${size}`,
      request: gen({ size }),
      answer: sizeRefusal("Requested resolution is below the current minimum pixel budget.", false),
      sources:
        size === "1024x576"
          ? [
              {
                url: "unidentified",
                date: "2026-06-02",
                via: "direct",
                note: "a project's regression test: 16:9 at 1024x576 'observed LIVE 2026-06-02' refused with this sentence",
              },
              {
                url: "unidentified",
                date: "2026-04-26",
                via: "relay",
                note: "a gateway's ops log: `1024x576` refused upstream with `Invalid size ... below the current minimum pixel budget`",
              },
            ]
          : [SIZE_PROBE],
      cause: "body",
    }),
  ),
  {
    id: "size-below-pixel-budget:gpt-image-2.5",
    request: { op: GEN, json: { model: "gpt-image-2.5-flare", prompt: "a dot", size: "16x16" } },
    answer: sizeRefusal("below the current minimum pixel budget", false),
    sources: [
      {
        url: "unidentified",
        date: "2026-09",
        via: "direct",
        note: "a project's model registry: 'Size rules were probed against the live API' for gpt-image-2.5-*: a minimum total pixel budget, 16x16 refused",
      },
    ],
    cause: "body",
  },
  ...(["816x816", "832x832", "896x896", "3840x2160"] as const).map(
    (size): ApiAnswer => ({
      id: `size-accepted:${size}`,
      request: gen({ size }),
      answer: ACCEPTED,
      sources: [SIZE_PROBE],
    }),
  ),
  {
    id: "size-accepted:1024x640",
    request: gen({ size: "1024x640" }),
    answer: ACCEPTED,
    sources: [
      ANYFAST_DOCS,
      {
        url: "unidentified",
        date: "2026",
        via: "direct",
        note: "a bot's sizing notes: the endpoint's minimum pixel budget 'determined empirically to be ~655,360 px'",
      },
    ],
  },
  {
    id: "size-above-pixel-budget:3008x3008",
    request: gen({ size: "3008x3008" }),
    answer: sizeRefusal("Requested resolution exceeds the current pixel budget.", false),
    sources: [SIZE_PROBE],
    cause: "body",
  },

  // Output options that conflict.
  {
    id: "png-output-compression",
    request: gen({ output_format: "png", output_compression: 80 }),
    answer: {
      status: 400,
      type: UNKNOWN,
      param: UNKNOWN,
      code: "invalid_png_output_compression",
      message: UNKNOWN,
    },
    sources: [
      {
        url: "unidentified",
        date: "2026",
        via: "direct",
        note: "a tool's changelog: 'OpenAI hard-rejects output_compression on png output (HTTP 400 invalid_png_output_compression)'",
      },
    ],
    cause: "body",
  },
  {
    id: "output-compression-default-format-accepted",
    request: gen({ output_compression: 50 }),
    answer: ACCEPTED,
    sources: [matrix("2026-08-30")],
    notReproducible: "conflicts with the SDK documentation, which wins",
    conflictsWithDocs:
      "the SDK documents output_compression for webp and jpeg only (png is the default output_format)",
  },
  {
    id: "transparent-gpt-image-2",
    request: gen({ background: "transparent" }),
    answer: {
      status: 400,
      type: "image_generation_user_error",
      param: UNKNOWN,
      code: "invalid_value",
      message: "Transparent background is not supported for this model.",
      messageWhole: true,
    },
    sources: [
      { url: "https://github.com/gaoren002/GPT2Image-Pro/issues/2", date: "2026-05-30", via: "relay" },
      {
        url: "https://github.com/Wei-Shaw/sub2api/issues/7150",
        date: "2026-09-15",
        via: "relay",
        note: "gpt-image-2, gpt-image-2.5-flare and gpt-image-2.5-sunburst all answered this",
      },
    ],
    cause: "body",
    notReproducible: "conflicts with the SDK documentation, which wins",
    conflictsWithDocs:
      "openai@7.6.0 documents transparent backgrounds on gpt-image-2 as preview (openai/openai-python#3703, 2026-08-20)",
  },

  // Outside the request: the content, the account.
  {
    id: "moderation-blocked",
    request: gen({ prompt: "(a prompt the safety system refuses)" }),
    answer: {
      status: 400,
      type: "image_generation_user_error",
      param: null,
      code: "moderation_blocked",
      message:
        "Your request was rejected by the safety system. If you believe this is an error, contact us at help.openai.com and include the request ID 1d3a2c41-754a-4707-a0c9-f811d72d45b5. safety_violations=[sexual].",
      messageWhole: true,
    },
    sources: [
      {
        url: "https://github.com/openai/codex/issues/38582",
        date: "2026-08-14",
        via: "relay",
        note: "image edits through Codex; the message names the request id and the categories",
      },
      {
        url: "https://github.com/ucx0204/CarrotMangaTranslator/issues/122",
        date: "2026-09-20",
        via: "relay",
        note: "the whole envelope: type, param null, code, and moderation_details { moderation_stage, categories }",
      },
    ],
    cause: "content",
    notReproducible: "real safety filters",
  },
  {
    id: "rate-limit",
    request: gen({}),
    answer: {
      status: 429,
      type: "input-images",
      param: UNKNOWN,
      code: "rate_limit_exceeded",
      message:
        "Rate limit reached for gpt-image-2 on input-images per min: Limit 250, Used 250, Requested 1. Please try again in 240ms.",
      messageWhole: true,
    },
    sources: [
      {
        url: "unidentified",
        date: "2026",
        via: "direct",
        note: "an app's tests quote the envelope; another quotes type 'requests' for images per min (IPM)",
      },
    ],
    cause: "account",
    notReproducible: "account: rate limits belong to an organisation",
  },
  {
    id: "insufficient-quota",
    request: gen({}),
    answer: {
      status: 429,
      type: "insufficient_quota",
      param: null,
      code: "insufficient_quota",
      message: "You exceeded your current quota, please check your plan and billing details.",
      messageWhole: true,
    },
    sources: [
      {
        url: "unidentified",
        date: "2026",
        via: "direct",
        note: "an app's error classifier tests quote the envelope",
      },
    ],
    cause: "account",
    notReproducible: "billing: quota belongs to an account",
  },
];

/**
 * The entry with `id`.
 *
 * @example
 * answerById("prompt-empty").answer.code; // "empty_string"
 */
export function answerById(id: string): ApiAnswer {
  const found = API_ANSWERS.find((entry) => entry.id === id);
  if (!found) throw new Error(`no API answer with id ${id}`);
  return found;
}

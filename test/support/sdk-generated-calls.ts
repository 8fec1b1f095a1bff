/**
 * The calls of the official SDKs' generated API tests for images, files and batches, declared as
 * data: what each test sends, with our own literals that reproduce the same shapes (placeholder
 * bytes, placeholder ids, every documented parameter at once). Read from the SDKs' public
 * repositories, never copied:
 *
 * - openai-node `tests/api-resources/{images,files,batches}.test.ts` (v7.5.0, 2026-08-21; only the
 *   attribution header changed since v7.0.0). One client, `baseURL` from `TEST_API_BASE_URL`, default
 *   `http://127.0.0.1:4010` (no `/v1`). "Only required params" tests take the raw `Response`
 *   (`asResponse()`), the parsed value (not a `Response`) and `withResponse()` (the same two);
 *   "required and optional params" tests only await the call; the two "list: request options and
 *   params" tests send every list parameter to `/_stainless_unknown_path` and expect a `NotFoundError`.
 *   Run through openai@7.59.0 by test/support/sdk-generated-calls.child.ts.
 * - openai-python `tests/api_resources/test_{images,files,batches}.py` (3.3.1, 2026-08-19). Every test
 *   function exists twice (a sync class run with a "loose" and a "strict" client, an async class run
 *   with "loose", "strict" and "aiohttp" clients), with a plain, a `with_raw_response` and a
 *   `with_streaming_response` variant of each required-params call. The `path_params` tests raise a
 *   `ValueError` in the SDK and never reach the server; the `content` tests answer from a respx mock
 *   (skipped on aiohttp). Python cannot run here (no PyPI), so its requests are reproduced as raw HTTP
 *   ({@link PythonRequest}) with what httpx sends: multipart fields `image`, `mask`, `file`; a bytes
 *   upload named `upload` and labelled `application/octet-stream`; booleans as `true`/`false`;
 *   nested objects as `expires_after[anchor]`; arrays as `name[]`.
 *
 * The placeholder ids differ between releases: openai-python 3.3.1 sends `string` (ids, `after`,
 * `input_file_id`); its main branch since 2026-08-20 and openai-node send `file_id`, `batch_id`,
 * `input_file_id` and `after`. Both spellings are declared below, one per SDK.
 */

/** The resources the calls cover. */
export type Resource = "images" | "files" | "batches";

/** The spec operations (operationId in `openapi/images.yaml` and `openapi/files-batches.yaml`). */
export type OperationId =
  | "createImage"
  | "createImageEdit"
  | "createImageVariation"
  | "createFile"
  | "listFiles"
  | "retrieveFile"
  | "deleteFile"
  | "downloadFile"
  | "createBatch"
  | "listBatches"
  | "retrieveBatch"
  | "cancelBatch";

/** A placeholder upload: the SDK test's bytes and file name, with no content type given. */
export interface UploadPlaceholder {
  readonly upload: string;
  readonly filename: string;
}

/** A request argument: JSON values, with uploads where the SDK takes a file. */
export type CallArg =
  | string
  | number
  | boolean
  | UploadPlaceholder
  | { readonly [key: string]: CallArg }
  | readonly CallArg[];

/** The openai-node methods the generated tests call. */
export type NodeMethod =
  | "images.createVariation"
  | "images.edit"
  | "images.generate"
  | "files.create"
  | "files.retrieve"
  | "files.list"
  | "files.delete"
  | "batches.create"
  | "batches.retrieve"
  | "batches.list"
  | "batches.cancel";

/**
 * What the generated test checks:
 * - `raw-and-parsed`: `asResponse()` is a `Response`, the awaited value is not, and `withResponse()`
 *   returns both;
 * - `resolves`: the awaited call does not throw;
 * - `not-found`: the call rejects with the SDK's `NotFoundError` (a 404).
 */
export type NodeCheck = "raw-and-parsed" | "resolves" | "not-found";

/** One openai-node generated test: the SDK call it makes. */
export interface NodeCall {
  readonly sdk: "openai-node";
  /** `<resource>.<test name>`, e.g. `images.generate: only required params`. */
  readonly name: string;
  readonly resource: Resource;
  readonly operation: OperationId;
  readonly method: "GET" | "POST" | "DELETE";
  /** The path after the base URL (placeholders filled in). */
  readonly path: string;
  readonly call: NodeMethod;
  /** The arguments, in order (an id, then a body or query object). */
  readonly args: readonly CallArg[];
  /** Request options given as the last argument (the unknown-path tests). */
  readonly options?: { readonly path: string };
  readonly check: NodeCheck;
}

/** The part of a raw multipart body: a text field, or a file. */
export type MultipartPart =
  | { readonly name: string; readonly value: string }
  | { readonly name: string; readonly file: string; readonly filename: string; readonly contentType: string };

/** What a response must be for the python test to pass. */
export type PythonParse =
  /** A JSON object (a model: ImagesResponse, FileObject, FileDeleted, Batch). */
  | "object"
  /** A JSON cursor page: an object with a `data` array. */
  | "page"
  /** A server-sent event stream (the test opens it and closes it). */
  | "stream"
  /** Any text (`retrieve_content` returns `str`). */
  | "text";

/** One request openai-python sends, reproduced as raw HTTP. */
export interface PythonRequest {
  readonly sdk: "openai-python";
  /** `python.<resource>.<method>[ with all params][ stream]`. */
  readonly name: string;
  readonly resource: Resource;
  readonly operation: OperationId;
  readonly method: "GET" | "POST" | "DELETE";
  readonly path: string;
  /** Query parameters, in the order the SDK writes them. */
  readonly query?: readonly (readonly [string, string])[];
  /** A JSON body. */
  readonly json?: { readonly [key: string]: CallArg };
  /** A multipart body: text fields first, then files, as httpx writes them. */
  readonly multipart?: readonly MultipartPart[];
  readonly parse: PythonParse;
}

/** What one call got, as the runner prints it (one JSON line per call). */
export interface CallOutcome {
  readonly sdk: "openai-node" | "openai-python";
  readonly name: string;
  /** The generated test's own assertion held (for a `not-found` call: the SDK threw `NotFoundError`). */
  readonly ok: boolean;
  /** The HTTP status, or `null` when no response came (connection refused, timeout). */
  readonly status: number | null;
  /** The error body's `error` object (or the text) when the call failed, else `null`. */
  readonly error: unknown;
  /** The response parsed as the test expects (a model, a page, a stream, text). */
  readonly parsed: boolean;
}

/** How a python test function is answered. */
export type PythonReach =
  /** It sends the named request ({@link PYTHON_REQUESTS}) to the server. */
  | { readonly sends: string }
  /** The SDK refuses an empty path parameter before sending anything. */
  | { readonly validation: string }
  /** A respx mock answers in-process (skipped on the aiohttp client). */
  | { readonly respx: string };

/** One python generated test function (it runs once per client: see {@link pythonRuns}). */
export interface PythonTest {
  readonly resource: Resource;
  /** The function name, e.g. `test_raw_response_edit_overload_2`. */
  readonly test: string;
  readonly reach: PythonReach;
}

const EXAMPLE_UPLOAD: UploadPlaceholder = { upload: "Example data", filename: "README.md" };
/** The bytes openai-python tests pass (`b"Example data"`); httpx names a bare bytes upload `upload`. */
const PY_BYTES = "Example data";
const pyFile = (name: string): MultipartPart => ({
  name,
  file: PY_BYTES,
  filename: "upload",
  contentType: "application/octet-stream",
});

const GENERATE_PROMPT = "A cute baby sea otter";
const EDIT_PROMPT = "A cute baby sea otter wearing a beret";

/** Every documented parameter of each images call, as both SDKs' "all params" tests send them. */
const VARIATION_ALL = {
  model: "gpt-image-1",
  n: 1,
  response_format: "url",
  size: "1024x1024",
  user: "user-1234",
};
const EDIT_ALL = {
  background: "transparent",
  input_fidelity: "high",
  model: "gpt-image-2",
  n: 1,
  output_compression: 100,
  output_format: "png",
  partial_images: 1,
  quality: "high",
  response_format: "url",
  size: "256x256",
} as const;
const GENERATE_ALL = {
  background: "transparent",
  model: "gpt-image-2",
  moderation: "low",
  n: 1,
  output_compression: 100,
  output_format: "png",
  partial_images: 1,
  quality: "medium",
  response_format: "url",
  size: "auto",
} as const;
const USER = "user-1234";
const EXPIRES_AFTER = { anchor: "created_at", seconds: 3600 } as const;
const BATCH_REQUIRED = { completion_window: "24h", endpoint: "/v1/responses" } as const;

/** The 18 openai-node generated tests, in file order. */
export const NODE_CALLS: readonly NodeCall[] = [
  {
    sdk: "openai-node",
    name: "images.createVariation: only required params",
    resource: "images",
    operation: "createImageVariation",
    method: "POST",
    path: "/images/variations",
    call: "images.createVariation",
    args: [{ image: EXAMPLE_UPLOAD }],
    check: "raw-and-parsed",
  },
  {
    sdk: "openai-node",
    name: "images.createVariation: required and optional params",
    resource: "images",
    operation: "createImageVariation",
    method: "POST",
    path: "/images/variations",
    call: "images.createVariation",
    args: [{ image: EXAMPLE_UPLOAD, ...VARIATION_ALL }],
    check: "resolves",
  },
  {
    sdk: "openai-node",
    name: "images.edit: only required params",
    resource: "images",
    operation: "createImageEdit",
    method: "POST",
    path: "/images/edits",
    call: "images.edit",
    args: [{ image: EXAMPLE_UPLOAD, prompt: EDIT_PROMPT }],
    check: "raw-and-parsed",
  },
  {
    sdk: "openai-node",
    name: "images.edit: required and optional params",
    resource: "images",
    operation: "createImageEdit",
    method: "POST",
    path: "/images/edits",
    call: "images.edit",
    args: [
      {
        image: EXAMPLE_UPLOAD,
        prompt: EDIT_PROMPT,
        ...EDIT_ALL,
        mask: EXAMPLE_UPLOAD,
        stream: false,
        user: USER,
      },
    ],
    check: "resolves",
  },
  {
    sdk: "openai-node",
    name: "images.generate: only required params",
    resource: "images",
    operation: "createImage",
    method: "POST",
    path: "/images/generations",
    call: "images.generate",
    args: [{ prompt: GENERATE_PROMPT }],
    check: "raw-and-parsed",
  },
  {
    sdk: "openai-node",
    name: "images.generate: required and optional params",
    resource: "images",
    operation: "createImage",
    method: "POST",
    path: "/images/generations",
    call: "images.generate",
    args: [{ prompt: GENERATE_PROMPT, ...GENERATE_ALL, stream: false, style: "vivid", user: USER }],
    check: "resolves",
  },
  {
    sdk: "openai-node",
    name: "files.create: only required params",
    resource: "files",
    operation: "createFile",
    method: "POST",
    path: "/files",
    call: "files.create",
    args: [{ file: EXAMPLE_UPLOAD, purpose: "assistants" }],
    check: "raw-and-parsed",
  },
  {
    sdk: "openai-node",
    name: "files.create: required and optional params",
    resource: "files",
    operation: "createFile",
    method: "POST",
    path: "/files",
    call: "files.create",
    args: [{ file: EXAMPLE_UPLOAD, purpose: "assistants", expires_after: EXPIRES_AFTER }],
    check: "resolves",
  },
  {
    sdk: "openai-node",
    name: "files.retrieve",
    resource: "files",
    operation: "retrieveFile",
    method: "GET",
    path: "/files/file_id",
    call: "files.retrieve",
    args: ["file_id"],
    check: "raw-and-parsed",
  },
  {
    sdk: "openai-node",
    name: "files.list",
    resource: "files",
    operation: "listFiles",
    method: "GET",
    path: "/files",
    call: "files.list",
    args: [],
    check: "raw-and-parsed",
  },
  {
    sdk: "openai-node",
    name: "files.list: request options and params are passed correctly",
    resource: "files",
    operation: "listFiles",
    method: "GET",
    path: "/_stainless_unknown_path",
    call: "files.list",
    args: [{ after: "after", limit: 0, order: "asc", purpose: "purpose" }],
    options: { path: "/_stainless_unknown_path" },
    check: "not-found",
  },
  {
    sdk: "openai-node",
    name: "files.delete",
    resource: "files",
    operation: "deleteFile",
    method: "DELETE",
    path: "/files/file_id",
    call: "files.delete",
    args: ["file_id"],
    check: "raw-and-parsed",
  },
  {
    sdk: "openai-node",
    name: "batches.create: only required params",
    resource: "batches",
    operation: "createBatch",
    method: "POST",
    path: "/batches",
    call: "batches.create",
    args: [{ ...BATCH_REQUIRED, input_file_id: "input_file_id" }],
    check: "raw-and-parsed",
  },
  {
    sdk: "openai-node",
    name: "batches.create: required and optional params",
    resource: "batches",
    operation: "createBatch",
    method: "POST",
    path: "/batches",
    call: "batches.create",
    args: [
      {
        ...BATCH_REQUIRED,
        input_file_id: "input_file_id",
        metadata: { foo: "string" },
        output_expires_after: EXPIRES_AFTER,
      },
    ],
    check: "resolves",
  },
  {
    sdk: "openai-node",
    name: "batches.retrieve",
    resource: "batches",
    operation: "retrieveBatch",
    method: "GET",
    path: "/batches/batch_id",
    call: "batches.retrieve",
    args: ["batch_id"],
    check: "raw-and-parsed",
  },
  {
    sdk: "openai-node",
    name: "batches.list",
    resource: "batches",
    operation: "listBatches",
    method: "GET",
    path: "/batches",
    call: "batches.list",
    args: [],
    check: "raw-and-parsed",
  },
  {
    sdk: "openai-node",
    name: "batches.list: request options and params are passed correctly",
    resource: "batches",
    operation: "listBatches",
    method: "GET",
    path: "/_stainless_unknown_path",
    call: "batches.list",
    args: [{ after: "after", limit: 0 }],
    options: { path: "/_stainless_unknown_path" },
    check: "not-found",
  },
  {
    sdk: "openai-node",
    name: "batches.cancel",
    resource: "batches",
    operation: "cancelBatch",
    method: "POST",
    path: "/batches/batch_id/cancel",
    call: "batches.cancel",
    args: ["batch_id"],
    check: "raw-and-parsed",
  },
];

/** Text fields of a multipart body, as httpx writes them (numbers and booleans as text). */
function fields(values: { readonly [key: string]: string | number | boolean }): MultipartPart[] {
  return Object.entries(values).map(([name, value]) => ({ name, value: String(value) }));
}

const pyEditFields = (stream: boolean) => fields({ prompt: EDIT_PROMPT, ...EDIT_ALL, stream, user: USER });

/** The distinct requests openai-python 3.3.1's generated tests send to the server (23). */
export const PYTHON_REQUESTS: readonly PythonRequest[] = [
  {
    sdk: "openai-python",
    name: "python.images.create_variation",
    resource: "images",
    operation: "createImageVariation",
    method: "POST",
    path: "/images/variations",
    multipart: [pyFile("image")],
    parse: "object",
  },
  {
    sdk: "openai-python",
    name: "python.images.create_variation with all params",
    resource: "images",
    operation: "createImageVariation",
    method: "POST",
    path: "/images/variations",
    multipart: [...fields(VARIATION_ALL), pyFile("image")],
    parse: "object",
  },
  {
    sdk: "openai-python",
    name: "python.images.edit",
    resource: "images",
    operation: "createImageEdit",
    method: "POST",
    path: "/images/edits",
    multipart: [...fields({ prompt: EDIT_PROMPT }), pyFile("image")],
    parse: "object",
  },
  {
    sdk: "openai-python",
    name: "python.images.edit with all params",
    resource: "images",
    operation: "createImageEdit",
    method: "POST",
    path: "/images/edits",
    multipart: [...pyEditFields(false), pyFile("image"), pyFile("mask")],
    parse: "object",
  },
  {
    sdk: "openai-python",
    name: "python.images.edit stream",
    resource: "images",
    operation: "createImageEdit",
    method: "POST",
    path: "/images/edits",
    multipart: [...fields({ prompt: EDIT_PROMPT, stream: true }), pyFile("image")],
    parse: "stream",
  },
  {
    sdk: "openai-python",
    name: "python.images.edit with all params stream",
    resource: "images",
    operation: "createImageEdit",
    method: "POST",
    path: "/images/edits",
    multipart: [...pyEditFields(true), pyFile("image"), pyFile("mask")],
    parse: "stream",
  },
  {
    sdk: "openai-python",
    name: "python.images.generate",
    resource: "images",
    operation: "createImage",
    method: "POST",
    path: "/images/generations",
    json: { prompt: GENERATE_PROMPT },
    parse: "object",
  },
  {
    sdk: "openai-python",
    name: "python.images.generate with all params",
    resource: "images",
    operation: "createImage",
    method: "POST",
    path: "/images/generations",
    json: { prompt: GENERATE_PROMPT, ...GENERATE_ALL, stream: false, style: "vivid", user: USER },
    parse: "object",
  },
  {
    sdk: "openai-python",
    name: "python.images.generate stream",
    resource: "images",
    operation: "createImage",
    method: "POST",
    path: "/images/generations",
    json: { prompt: GENERATE_PROMPT, stream: true },
    parse: "stream",
  },
  {
    sdk: "openai-python",
    name: "python.images.generate with all params stream",
    resource: "images",
    operation: "createImage",
    method: "POST",
    path: "/images/generations",
    json: { prompt: GENERATE_PROMPT, stream: true, ...GENERATE_ALL, style: "vivid", user: USER },
    parse: "stream",
  },
  {
    sdk: "openai-python",
    name: "python.files.create",
    resource: "files",
    operation: "createFile",
    method: "POST",
    path: "/files",
    multipart: [...fields({ purpose: "assistants" }), pyFile("file")],
    parse: "object",
  },
  {
    sdk: "openai-python",
    name: "python.files.create with all params",
    resource: "files",
    operation: "createFile",
    method: "POST",
    path: "/files",
    multipart: [
      ...fields({
        purpose: "assistants",
        "expires_after[anchor]": EXPIRES_AFTER.anchor,
        "expires_after[seconds]": EXPIRES_AFTER.seconds,
      }),
      pyFile("file"),
    ],
    parse: "object",
  },
  {
    sdk: "openai-python",
    name: "python.files.retrieve",
    resource: "files",
    operation: "retrieveFile",
    method: "GET",
    path: "/files/string",
    parse: "object",
  },
  {
    sdk: "openai-python",
    name: "python.files.list",
    resource: "files",
    operation: "listFiles",
    method: "GET",
    path: "/files",
    parse: "page",
  },
  {
    sdk: "openai-python",
    name: "python.files.list with all params",
    resource: "files",
    operation: "listFiles",
    method: "GET",
    path: "/files",
    query: [
      ["after", "string"],
      ["limit", "0"],
      ["order", "asc"],
      ["purpose", "purpose"],
    ],
    parse: "page",
  },
  {
    sdk: "openai-python",
    name: "python.files.delete",
    resource: "files",
    operation: "deleteFile",
    method: "DELETE",
    path: "/files/string",
    parse: "object",
  },
  {
    sdk: "openai-python",
    name: "python.files.retrieve_content",
    resource: "files",
    operation: "downloadFile",
    method: "GET",
    path: "/files/string/content",
    parse: "text",
  },
  {
    sdk: "openai-python",
    name: "python.batches.create",
    resource: "batches",
    operation: "createBatch",
    method: "POST",
    path: "/batches",
    json: { ...BATCH_REQUIRED, input_file_id: "string" },
    parse: "object",
  },
  {
    sdk: "openai-python",
    name: "python.batches.create with all params",
    resource: "batches",
    operation: "createBatch",
    method: "POST",
    path: "/batches",
    json: {
      ...BATCH_REQUIRED,
      input_file_id: "string",
      metadata: { foo: "string" },
      output_expires_after: EXPIRES_AFTER,
    },
    parse: "object",
  },
  {
    sdk: "openai-python",
    name: "python.batches.retrieve",
    resource: "batches",
    operation: "retrieveBatch",
    method: "GET",
    path: "/batches/string",
    parse: "object",
  },
  {
    sdk: "openai-python",
    name: "python.batches.list",
    resource: "batches",
    operation: "listBatches",
    method: "GET",
    path: "/batches",
    parse: "page",
  },
  {
    sdk: "openai-python",
    name: "python.batches.list with all params",
    resource: "batches",
    operation: "listBatches",
    method: "GET",
    path: "/batches",
    query: [
      ["after", "string"],
      ["limit", "0"],
    ],
    parse: "page",
  },
  {
    sdk: "openai-python",
    name: "python.batches.cancel",
    resource: "batches",
    operation: "cancelBatch",
    method: "POST",
    path: "/batches/string/cancel",
    parse: "object",
  },
];

/** The four tests of a call that has an "all params" form: plain, all params, raw, streaming. */
function fourVariants(
  resource: Resource,
  method: string,
  request: string,
  allParams = `${request} with all params`,
): PythonTest[] {
  // `edit_overload_2` → `test_method_edit_with_all_params_overload_2`
  const withAll = method.replace(/(_overload_\d)?$/, "_with_all_params$1");
  return [
    { resource, test: `test_method_${method}`, reach: { sends: request } },
    { resource, test: `test_method_${withAll}`, reach: { sends: allParams } },
    { resource, test: `test_raw_response_${method}`, reach: { sends: request } },
    { resource, test: `test_streaming_response_${method}`, reach: { sends: request } },
  ];
}

/** The three tests of a call without one (plain, raw, streaming), and its path-parameter check. */
function idVariants(resource: Resource, method: string, request: string, param: string): PythonTest[] {
  return [
    { resource, test: `test_method_${method}`, reach: { sends: request } },
    { resource, test: `test_raw_response_${method}`, reach: { sends: request } },
    { resource, test: `test_streaming_response_${method}`, reach: { sends: request } },
    { resource, test: `test_path_params_${method}`, reach: { validation: `empty ${param}` } },
  ];
}

/** The 60 python test functions (each in a sync and an async class), in file order. */
export const PYTHON_TESTS: readonly PythonTest[] = [
  ...fourVariants("images", "create_variation", "python.images.create_variation"),
  ...fourVariants("images", "edit_overload_1", "python.images.edit"),
  ...fourVariants(
    "images",
    "edit_overload_2",
    "python.images.edit stream",
    "python.images.edit with all params stream",
  ),
  ...fourVariants("images", "generate_overload_1", "python.images.generate"),
  ...fourVariants(
    "images",
    "generate_overload_2",
    "python.images.generate stream",
    "python.images.generate with all params stream",
  ),
  ...fourVariants("files", "create", "python.files.create"),
  ...idVariants("files", "retrieve", "python.files.retrieve", "file_id"),
  ...fourVariants("files", "list", "python.files.list"),
  ...idVariants("files", "delete", "python.files.delete", "file_id"),
  ...["test_method_content", "test_raw_response_content", "test_streaming_response_content"].map(
    (test): PythonTest => ({ resource: "files", test, reach: { respx: "GET /files/string/content" } }),
  ),
  { resource: "files", test: "test_path_params_content", reach: { validation: "empty file_id" } },
  ...idVariants("files", "retrieve_content", "python.files.retrieve_content", "file_id"),
  ...fourVariants("batches", "create", "python.batches.create"),
  ...idVariants("batches", "retrieve", "python.batches.retrieve", "batch_id"),
  ...fourVariants("batches", "list", "python.batches.list"),
  ...idVariants("batches", "cancel", "python.batches.cancel", "batch_id"),
];

/**
 * How many pytest items a python test function makes: two sync clients (loose, strict) and three
 * async ones (loose, strict, aiohttp); the suite's conftest skips respx-mocked tests on aiohttp.
 */
export function pythonRuns(test: PythonTest): { run: number; skipped: number } {
  return "respx" in test.reach ? { run: 4, skipped: 1 } : { run: 5, skipped: 0 };
}

/** The python request a test sends, or `undefined` when it never reaches the server. */
export function pythonRequestOf(test: PythonTest): PythonRequest | undefined {
  const reach = test.reach;
  return "sends" in reach ? PYTHON_REQUESTS.find((r) => r.name === reach.sends) : undefined;
}

/** Whether an argument is an upload placeholder. */
export function isUpload(arg: CallArg): arg is UploadPlaceholder {
  return typeof arg === "object" && arg !== null && "upload" in arg && "filename" in arg;
}

/**
 * The fetch request of a python request against `baseUrl` (with or without `/v1`), with the
 * headers openai-python sends that a server may look at.
 *
 * @example
 * const { url, init } = pythonFetch("http://127.0.0.1:4010", PYTHON_REQUESTS[0]);
 * const res = await fetch(url, init);
 */
export function pythonFetch(baseUrl: string, request: PythonRequest): { url: string; init: RequestInit } {
  const url = new URL(`${baseUrl.replace(/\/+$/, "")}${request.path}`);
  for (const [key, value] of request.query ?? []) url.searchParams.append(key, value);
  const headers: Record<string, string> = {
    authorization: "Bearer My API Key",
    accept: "application/json",
    "user-agent": "OpenAI/Python 3.3.1",
    "x-stainless-lang": "python",
  };
  let body: RequestInit["body"];
  if (request.json) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(request.json);
  } else if (request.multipart) {
    const form = new FormData();
    for (const part of request.multipart) {
      if ("value" in part) form.append(part.name, part.value);
      else form.append(part.name, new Blob([part.file], { type: part.contentType }), part.filename);
    }
    body = form;
  }
  return {
    url: url.href,
    init: { method: request.method, headers, ...(body === undefined ? {} : { body }) },
  };
}

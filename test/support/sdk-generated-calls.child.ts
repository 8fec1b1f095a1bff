/**
 * Runs the calls of test/support/sdk-generated-calls.ts against a base URL and prints one JSON line
 * per call ({@link CallOutcome}): the openai-node calls through the official SDK, openai@7.59.0
 * (the `openai-v7` alias; it needs Node 22), and the openai-python requests as raw HTTP with fetch
 * and FormData. Started by test/support/sdk-generated-calls-runner.ts, which bundles it first.
 *
 * Usage: node sdk-generated-calls.child.mjs <baseUrl> [openai-node] [openai-python]
 */
import OpenAI, { NotFoundError, toFile } from "openai-v7";
import {
  type CallArg,
  type CallOutcome,
  isUpload,
  NODE_CALLS,
  type NodeCall,
  type NodeMethod,
  PYTHON_REQUESTS,
  type PythonRequest,
  pythonFetch,
} from "./sdk-generated-calls.js";

/** What the generated tests use of the SDK's `APIPromise`. */
interface CallPromise extends PromiseLike<unknown> {
  asResponse(): Promise<Response>;
  withResponse(): Promise<{ data: unknown; response: Response }>;
}

const TIMEOUT_MS = 20_000;
const [baseUrl, ...sdks] = process.argv.slice(2);
if (!baseUrl) throw new Error("usage: sdk-generated-calls.child <baseUrl> [openai-node] [openai-python]");
const wanted = (sdk: string) => sdks.length === 0 || sdks.includes(sdk);

// The generated tests' client (an API key and an admin key), without retries: a refusal is one
// request, and a 5xx shows as itself.
const sdk = new OpenAI({
  apiKey: "My API Key",
  adminAPIKey: "My Admin API Key",
  baseURL: baseUrl,
  maxRetries: 0,
  timeout: TIMEOUT_MS,
});

async function materialize(arg: CallArg): Promise<unknown> {
  if (isUpload(arg)) return toFile(Buffer.from(arg.upload), arg.filename);
  if (Array.isArray(arg)) return Promise.all(arg.map(materialize));
  if (typeof arg === "object") {
    const entries = await Promise.all(Object.entries(arg).map(async ([k, v]) => [k, await materialize(v)]));
    return Object.fromEntries(entries);
  }
  return arg;
}

// The SDK's overloads (stream or not) make each method's return type a union; every one of them is
// an APIPromise, which is all the generated tests use.
function invoke(method: NodeMethod, args: unknown[], options: NodeCall["options"]): CallPromise {
  const [a] = args as [never];
  const opts = options ?? {};
  switch (method) {
    case "images.createVariation":
      return sdk.images.createVariation(a, opts);
    case "images.edit":
      return sdk.images.edit(a, opts) as CallPromise;
    case "images.generate":
      return sdk.images.generate(a, opts) as CallPromise;
    case "files.create":
      return sdk.files.create(a, opts);
    case "files.retrieve":
      return sdk.files.retrieve(a, opts);
    case "files.list":
      return sdk.files.list(a, opts);
    case "files.delete":
      return sdk.files.delete(a, opts);
    case "batches.create":
      return sdk.batches.create(a, opts);
    case "batches.retrieve":
      return sdk.batches.retrieve(a, opts);
    case "batches.list":
      return sdk.batches.list(a, opts);
    case "batches.cancel":
      return sdk.batches.cancel(a, opts);
  }
}

function failed(call: { name: string; sdk: CallOutcome["sdk"] }, err: unknown): CallOutcome {
  const e = err as { status?: unknown; error?: unknown; message?: unknown };
  return {
    sdk: call.sdk,
    name: call.name,
    ok: false,
    status: typeof e.status === "number" ? e.status : null,
    error: e.error ?? String(e.message ?? err),
    parsed: false,
  };
}

async function runNode(call: NodeCall): Promise<CallOutcome> {
  const args = await Promise.all(call.args.map(materialize));
  const promise = invoke(call.call, args, call.options);
  const base = { sdk: call.sdk, name: call.name };
  try {
    if (call.check === "raw-and-parsed") {
      const raw = await promise.asResponse();
      const data = await promise;
      const both = await promise.withResponse();
      const parsed =
        raw instanceof Response && !(data instanceof Response) && both.data === data && both.response === raw;
      return { ...base, ok: parsed, status: raw.status, error: null, parsed };
    }
    const { data, response } = await promise.withResponse();
    const parsed = !(data instanceof Response) && data !== undefined;
    // A `not-found` call that resolves is a failed test: the unknown path answered.
    return { ...base, ok: call.check === "resolves" && parsed, status: response.status, error: null, parsed };
  } catch (err) {
    const outcome = failed(base, err);
    return call.check === "not-found" && err instanceof NotFoundError ? { ...outcome, ok: true } : outcome;
  }
}

function parses(request: PythonRequest, res: Response, text: string): boolean {
  if (request.parse === "text") return true;
  if (request.parse === "stream") {
    if (!res.headers.get("content-type")?.startsWith("text/event-stream")) return false;
    const data = text.split("\n").filter((line) => line.startsWith("data:"));
    return data.length > 0 && data.every((line) => jsonObject(line.slice(5)) !== undefined);
  }
  const body = jsonObject(text);
  if (body === undefined) return false;
  return request.parse === "object" || Array.isArray(body.data);
}

function jsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

async function runPython(request: PythonRequest): Promise<CallOutcome> {
  const base = { sdk: request.sdk, name: request.name };
  const { url, init } = pythonFetch(baseUrl as string, request);
  try {
    // httpx does not follow redirects unless asked to.
    const res = await fetch(url, { ...init, redirect: "manual", signal: AbortSignal.timeout(TIMEOUT_MS) });
    const text = await res.text();
    if (res.status < 200 || res.status > 299) {
      const body = jsonObject(text);
      return {
        ...base,
        ok: false,
        status: res.status,
        error: body?.error ?? text.slice(0, 500),
        parsed: false,
      };
    }
    const parsed = parses(request, res, text);
    return { ...base, ok: parsed, status: res.status, error: null, parsed };
  } catch (err) {
    return failed(base, err);
  }
}

if (wanted("openai-node")) {
  for (const call of NODE_CALLS) console.log(JSON.stringify(await runNode(call)));
}
if (wanted("openai-python")) {
  for (const request of PYTHON_REQUESTS) console.log(JSON.stringify(await runPython(request)));
}

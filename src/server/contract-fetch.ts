/**
 * A `fetch` wrapper that checks every Images API exchange against the OpenAPI document: the request
 * body (JSON or multipart) before it is sent, the JSON response, and each server-sent event as it
 * streams past. Use it in your own tests: hand it to `createImagesClient({ fetch })` or to any other
 * client with a `fetch` option, run the tests, then assert `violations` is empty.
 *
 * It reads the whole request body to check it, so uploads are buffered: a tool for tests, not for
 * production traffic.
 */
import { createParser } from "eventsource-parser";
import { createSpecValidator, type SpecIssue, type SpecValidator } from "./spec-validator.js";

/** Something the spec does not allow, seen on the wire. */
export interface ContractViolation {
  /** What was wrong: the request body, a (non-stream) response, or one stream event. */
  kind: "request" | "response" | "event";
  method: string;
  /** The spec path, e.g. `/images/edits`. */
  path: string;
  /** The response status (responses and events). */
  status?: number | undefined;
  errors: SpecIssue[];
}

/** Options of {@link createContractFetch}. */
export interface ContractFetchOptions {
  /** The fetch that really sends (any standard fetch: `createNodeFetch()`, undici's…). @default globalThis.fetch */
  fetch?: ((input: RequestInfo | URL, init?: RequestInit) => Promise<Response>) | undefined;
  /** @default createSpecValidator() (the bundled `openapi/images.yaml`) */
  validator?: SpecValidator | undefined;
  /** Called for each violation as it is found (they are also collected in `violations`). */
  onViolation?: ((violation: ContractViolation) => void) | undefined;
  /**
   * Maps a request URL to the spec path to check it against; `undefined` lets it through unchecked.
   * @default everything from `/images/` on (`/v1/images/edits` and Azure's
   * `/openai/deployments/NAME/images/edits` both give `/images/edits`)
   */
  specPath?: ((url: URL) => string | undefined) | undefined;
}

/** A fetch that checks what it carries. */
export interface ContractFetch {
  (input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  /** Everything found so far. */
  readonly violations: readonly ContractViolation[];
  /** How much was checked, so a test can prove the checks ran. */
  readonly checked: { readonly requests: number; readonly responses: number; readonly events: number };
  /** Throws an `Error` listing every violation, if there is any. */
  assertClean(): void;
  /**
   * Resolves when every JSON response seen so far has been checked (they are checked from a clone,
   * in the background). Event streams need no waiting: each event is checked as the caller reads it.
   */
  settled(): Promise<void>;
  /** Forgets violations and counts. */
  reset(): void;
}

/**
 * Wraps a fetch so that every `/images/*` exchange is checked against the spec.
 *
 * @example
 * import { createImagesClient } from "openai-images";
 * import { createContractFetch } from "openai-images/server";
 * const fetch = createContractFetch();
 * const client = createImagesClient({ baseUrl: server.url, apiKey: "test", fetch });
 * await client.generate({ prompt: "a cute baby sea otter" });
 * fetch.assertClean();
 */
export function createContractFetch(options: ContractFetchOptions = {}): ContractFetch {
  const inner =
    options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  // Compiled on the first Images API call: wrapping fetch stays free for traffic that never needs it.
  let compiled = options.validator;
  const spec = (): SpecValidator => {
    compiled ??= createSpecValidator();
    return compiled;
  };
  const specPath = options.specPath ?? defaultSpecPath;
  const violations: ContractViolation[] = [];
  const checked = { requests: 0, responses: 0, events: 0 };

  const pending = new Set<Promise<void>>();
  function track(p: Promise<void>): void {
    pending.add(p);
    void p.finally(() => pending.delete(p));
  }

  function report(v: ContractViolation): void {
    violations.push(v);
    options.onViolation?.(v);
  }

  async function contractFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const url = input instanceof Request ? input.url : String(input);
    let path: string | undefined;
    try {
      path = specPath(new URL(url));
    } catch {
      path = undefined;
    }
    // Anything that is not an Images API call goes through untouched, exactly as given.
    if (path === undefined) return inner(input, init);
    // `duplex` lets a streamed body through the Request constructor.
    const original = new Request(input, init ? ({ ...init, duplex: "half" } as RequestInit) : undefined);

    const method = original.method;
    const bytes = original.body ? new Uint8Array(await original.arrayBuffer()) : undefined;
    const contentType = original.headers.get("content-type") ?? "";
    checked.requests++;
    const body = bytes === undefined ? undefined : await decodeBody(bytes, contentType);
    const result =
      body instanceof ParseFailure
        ? { valid: false, errors: [{ instancePath: "", message: body.message }] }
        : spec().validateRequest({ method, path, contentType, body });
    if (!result.valid) report({ kind: "request", method, path, errors: result.errors });

    // The body was consumed above: send an identical request with the bytes we read. The headers
    // already carry the multipart boundary those bytes use.
    const forward = new Request(original.url, {
      method,
      headers: original.headers,
      signal: original.signal,
      // A caller that handles redirects itself (as openai-images' client does) must still get them.
      redirect: original.redirect,
      ...(bytes === undefined ? {} : { body: bytes }),
    });
    const response = await inner(forward);
    return checkResponse(method, path, response);
  }

  async function checkResponse(method: string, path: string, response: Response): Promise<Response> {
    const status = response.status;
    const contentType = response.headers.get("content-type") ?? "";
    if (contentType.toLowerCase().startsWith("text/event-stream") && response.body) {
      return rewrapStream(response, method, path);
    }
    checked.responses++;
    // Checked from a clone, in the background: the caller sees the body (and any failure reading
    // it, such as a reset connection) exactly when and as it would without the checker.
    const check = response
      .clone()
      .text()
      .then(
        (text) => {
          let body: unknown = text;
          if (/json/i.test(contentType)) {
            try {
              body = JSON.parse(text);
            } catch {
              report({
                kind: "response",
                method,
                path,
                status,
                errors: [{ instancePath: "", message: "is not valid JSON" }],
              });
              return;
            }
          }
          const result = spec().validateResponse({ method, path, status, contentType, body });
          if (!result.valid) report({ kind: "response", method, path, status, errors: result.errors });
        },
        // A body that never arrives whole is a transport failure, not a contract violation.
        () => {},
      );
    track(check);
    return response;
  }

  /** Passes the stream through untouched while parsing and checking each event on the way. */
  function rewrapStream(response: Response, method: string, path: string): Response {
    const status = response.status;
    checked.responses++;
    const declared = spec().validateResponse({
      method,
      path,
      status,
      contentType: "text/event-stream",
      body: [],
    });
    if (!declared.valid) report({ kind: "response", method, path, status, errors: declared.errors });
    const parser = createParser({
      // Partial images are multi-megabyte `data:` lines; do not cap them here.
      maxBufferSize: Number.POSITIVE_INFINITY,
      onEvent(message) {
        checked.events++;
        let event: unknown;
        try {
          event = JSON.parse(message.data);
        } catch {
          report({
            kind: "event",
            method,
            path,
            status,
            errors: [{ instancePath: "", message: "data is not valid JSON" }],
          });
          return;
        }
        const errors: SpecIssue[] = [];
        const type = (event as { type?: unknown } | null)?.type;
        if (message.event === "error" || type === "error") {
          // The API ends a failing stream with an `error` frame carrying its usual error object; the
          // spec lists only the image events, so hold the frame to the error body of a 5XX answer.
          const error = (event as { error?: unknown } | null)?.error;
          const r = spec().validateResponse({
            method,
            path,
            status: 500,
            contentType: "application/json",
            body: { error },
          });
          if (!r.valid) errors.push(...r.errors);
          if (errors.length > 0) report({ kind: "event", method, path, status, errors });
          return;
        }
        const r = spec().validateStreamEvent({ method, path, event });
        if (!r.valid) errors.push(...r.errors);
        // The API names each event twice, in `event:` and in the JSON `type`; they must agree.
        if (message.event !== undefined && message.event !== type) {
          errors.push({
            instancePath: "/type",
            message: `does not match the SSE event name ${message.event}`,
          });
        }
        if (errors.length > 0) report({ kind: "event", method, path, status, errors });
      },
    });
    const decoder = new TextDecoder();
    // pipeThrough, not tee(): cancelling the returned body must still cancel the request.
    const body = (response.body as ReadableStream<Uint8Array>).pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          parser.feed(decoder.decode(chunk, { stream: true }));
          controller.enqueue(chunk);
        },
        flush() {
          parser.feed(decoder.decode());
        },
      }),
    );
    const wrapped = new Response(body, {
      status,
      statusText: response.statusText,
      headers: response.headers,
    });
    Object.defineProperty(wrapped, "url", { value: response.url });
    return wrapped;
  }

  return Object.assign(contractFetch, {
    violations,
    checked,
    assertClean() {
      if (violations.length === 0) return;
      const lines = violations.map(
        (v) =>
          `${v.kind} ${v.method} ${v.path}${v.status ? ` (${v.status})` : ""}: ${v.errors
            .map((e) => `${e.instancePath || "(body)"} ${e.message}`)
            .join("; ")}`,
      );
      throw new Error(`${violations.length} spec violation(s):\n${lines.join("\n")}`);
    },
    async settled() {
      await Promise.all([...pending]);
    },
    reset() {
      violations.length = 0;
      checked.requests = 0;
      checked.responses = 0;
      checked.events = 0;
    },
  });
}

function defaultSpecPath(url: URL): string | undefined {
  const i = url.pathname.indexOf("/images/");
  return i < 0 ? undefined : url.pathname.slice(i);
}

class ParseFailure {
  constructor(readonly message: string) {}
}

/** JSON → value; multipart → fields with file markers; anything else → its text. */
async function decodeBody(bytes: Uint8Array, contentType: string): Promise<unknown> {
  const media = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  if (media === "application/json" || media.endsWith("+json")) {
    try {
      return JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      return new ParseFailure("is not valid JSON");
    }
  }
  if (media === "multipart/form-data") {
    let form: FormData;
    try {
      form = await new Response(bytes as Uint8Array<ArrayBuffer>, {
        headers: { "content-type": contentType },
      }).formData();
    } catch (error) {
      return new ParseFailure(`is not a valid multipart body (${(error as Error).message})`);
    }
    const fields: Record<string, unknown> = {};
    for (const [name, value] of form) {
      const v =
        typeof value === "string"
          ? value
          : { filename: value.name, contentType: value.type, size: value.size };
      const prev = fields[name];
      fields[name] = prev === undefined ? v : [...(Array.isArray(prev) ? prev : [prev]), v];
    }
    return fields;
  }
  return new TextDecoder().decode(bytes);
}

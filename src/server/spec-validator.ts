/**
 * Validates requests, responses and stream events against the OpenAPI 3.1 document (by default the
 * bundled `openapi/images.yaml`). Node-only: it compiles schemas with ajv, so it lives under
 * `openai-images/server`, never in the main entry.
 *
 * How bodies are represented:
 * - JSON bodies are the parsed JSON value.
 * - `multipart/form-data` bodies are a plain object of fields. Text fields are strings (as they arrive
 *   on the wire); they are coerced to the schema's `integer`/`number`/`boolean` before validation, and
 *   the coerced object is returned as `value`. Files are {@link SpecFileMarker} objects, never bytes:
 *   a `format: binary` schema accepts exactly such a marker and nothing else. Repeated fields are
 *   arrays, and a field named `image[]` counts as `image` (the API accepts both spellings).
 * - `text/event-stream` responses are validated one event at a time: the schema under that content
 *   type describes a single event's `data` JSON.
 */
import type { ErrorObject, ValidateFunction } from "ajv";
import { openapiDocument } from "../../generated/openapi.js";
import { Ajv2020, addFormats } from "./peers.js";

/**
 * How a multipart file part is handed to the validator: its metadata, not its bytes.
 * @example
 * const marker: SpecFileMarker = { filename: "otter.png", contentType: "image/png", size: 12_345 };
 */
export interface SpecFileMarker {
  /** The `filename` of the part's `Content-Disposition`. */
  filename?: string | undefined;
  /** The part's `Content-Type`. */
  contentType?: string | undefined;
  /** Size in bytes. */
  size: number;
}

/** One problem found by the validator. `instancePath` is a JSON pointer into the body ("" for the whole). */
export interface SpecIssue {
  instancePath: string;
  message: string;
}

/** The outcome of one validation. */
export interface SpecResult {
  valid: boolean;
  errors: SpecIssue[];
  /** For requests: the body as validated (multipart fields normalized and coerced). */
  value?: unknown;
}

/** A request to check: `path` without the server prefix (`/images/edits`; a leading `/v1` is tolerated). */
export interface SpecRequestInput {
  method: string;
  path: string;
  /** The request's `Content-Type` header; parameters such as `boundary` are ignored. */
  contentType: string;
  body: unknown;
}

/** A response to check. For `text/event-stream`, `body` is one event or an array of events. */
export interface SpecResponseInput {
  /** Defaults to the only operation of the path (all images paths have just `post`). */
  method?: string | undefined;
  path: string;
  status: number;
  contentType: string;
  body: unknown;
}

/** A streamed event (the parsed `data:` JSON) of a 200 `text/event-stream` response. */
export interface SpecStreamEventInput {
  method?: string | undefined;
  path: string;
  event: unknown;
}

/** The validator returned by {@link createSpecValidator}. */
export interface SpecValidator {
  validateRequest(input: SpecRequestInput): SpecResult;
  validateResponse(input: SpecResponseInput): SpecResult;
  validateStreamEvent(input: SpecStreamEventInput): SpecResult;
}

type Json = Record<string, unknown>;

const DOC_ID = "urn:openai-images:openapi";
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/**
 * Compiles every request body, response and stream-event schema of `document` once, up front.
 *
 * @param document an OpenAPI 3.1 document; defaults to the bundled `openapi/images.yaml`.
 * @example
 * const spec = createSpecValidator();
 * const r = spec.validateRequest({
 *   method: "POST", path: "/images/generations", contentType: "application/json",
 *   body: { prompt: "a cute baby sea otter", n: 2 },
 * });
 * if (!r.valid) console.error(r.errors);
 */
export function createSpecValidator(document: object = openapiDocument): SpecValidator {
  const doc = prepareDocument(document as Json);
  const root = document as Json;
  const paths = (isObject(root.paths) ? root.paths : {}) as Record<string, Json>;
  const serverPrefix = serverBasePath(root);

  let ajv = newAjv(true);
  ajv.addSchema(doc, DOC_ID);
  const compiled = new Map<string, ValidateFunction>();
  const compileAll = () => {
    compiled.clear();
    for (const pointer of schemaPointers(root)) {
      compiled.set(pointer, ajv.compile({ $ref: `${DOC_ID}#${pointer}` }));
    }
  };
  try {
    compileAll();
  } catch (error) {
    // ajv's discriminator support is narrower than OpenAPI's (every branch needs a `const` tag).
    // `oneOf` alone is the same check with noisier errors, so fall back to it for such documents.
    if (!String((error as Error).message).startsWith("discriminator")) throw error;
    ajv = newAjv(false);
    ajv.addSchema(stripDiscriminators(doc) as Json, DOC_ID);
    compileAll();
  }

  const templates = Object.keys(paths).map((template) => ({ template, regex: templateRegex(template) }));

  function findPath(path: string): { template: string; item: Json } | undefined {
    let p = path.split("?")[0] ?? path;
    if (serverPrefix && p.startsWith(`${serverPrefix}/`)) p = p.slice(serverPrefix.length);
    for (const { template, regex } of templates) {
      if (regex.test(p)) return { template, item: paths[template] as Json };
    }
    return undefined;
  }

  function findOperation(
    path: string,
    method: string | undefined,
  ): { pointer: string; operation: Json } | SpecResult {
    const found = findPath(path);
    if (!found) {
      return fail("", `unknown path ${path} (the spec has ${Object.keys(paths).join(", ") || "no paths"})`);
    }
    const methods = METHODS.filter((m) => isObject(found.item[m]));
    const m = method?.toLowerCase() ?? (methods.length === 1 ? methods[0] : undefined);
    if (!m || !methods.includes(m as (typeof METHODS)[number])) {
      return fail(
        "",
        `${method ?? "(no method)"} ${found.template} is not in the spec (allowed: ${methods.join(", ")})`,
      );
    }
    return { pointer: `/paths/${escapePointer(found.template)}/${m}`, operation: found.item[m] as Json };
  }

  function run(pointer: string, body: unknown, value?: unknown): SpecResult {
    const validate = compiled.get(pointer);
    if (!validate) return fail("", `no schema compiled at ${pointer}`);
    if (validate(body))
      return value === undefined ? { valid: true, errors: [] } : { valid: true, errors: [], value };
    const errors = formatErrors(validate.errors ?? []);
    return value === undefined ? { valid: false, errors } : { valid: false, errors, value };
  }

  function validateRequest(input: SpecRequestInput): SpecResult {
    const op = findOperation(input.path, input.method);
    if ("valid" in op) return op;
    const { pointer: opPointer, operation } = op;
    const [bodyPointer, requestBody] = deref(root, `${opPointer}/requestBody`, operation.requestBody);
    if (!isObject(requestBody)) {
      return input.body === undefined || input.body === null
        ? { valid: true, errors: [] }
        : fail("", `${input.method.toUpperCase()} ${input.path} takes no request body`);
    }
    if (input.body === undefined) {
      return requestBody.required === true
        ? fail("", "the request body is required")
        : { valid: true, errors: [] };
    }
    const content = (isObject(requestBody.content) ? requestBody.content : {}) as Json;
    const media = matchMediaType(content, input.contentType);
    if (!media) {
      return fail(
        "",
        `content type ${input.contentType || "(none)"} is not accepted by ${input.method.toUpperCase()} ${input.path} (accepted: ${Object.keys(content).join(", ")})`,
      );
    }
    const pointer = `${bodyPointer}/content/${escapePointer(media)}/schema`;
    if (media === "multipart/form-data" || media === "application/x-www-form-urlencoded") {
      if (!isObject(input.body)) return fail("", "form bodies must be given as an object of fields");
      const schema = resolveSchemaAt(root, pointer);
      const mediaObject = content[media];
      const encoding = isObject(mediaObject) && isObject(mediaObject.encoding) ? mediaObject.encoding : {};
      const value = coerceForm(root, schema, normalizeFormFields(input.body, deepObjectFields(encoding)));
      return run(pointer, value, value);
    }
    return run(pointer, input.body);
  }

  function validateResponse(input: SpecResponseInput): SpecResult {
    const op = findOperation(input.path, input.method);
    if ("valid" in op) return op;
    const responses = (isObject(op.operation.responses) ? op.operation.responses : {}) as Json;
    const key = matchStatus(responses, input.status);
    if (key === undefined) {
      return fail(
        "",
        `status ${input.status} is not declared for ${input.path} (declared: ${Object.keys(responses).join(", ")})`,
      );
    }
    const [responsePointer, response] = deref(
      root,
      `${op.pointer}/responses/${escapePointer(key)}`,
      responses[key],
    );
    const content = (isObject(response) && isObject(response.content) ? response.content : {}) as Json;
    const media = matchMediaType(content, input.contentType);
    if (!media) {
      return fail(
        "",
        `content type ${input.contentType || "(none)"} is not declared for status ${input.status} of ${input.path} (declared: ${Object.keys(content).join(", ") || "none"})`,
      );
    }
    const pointer = `${responsePointer}/content/${escapePointer(media)}/schema`;
    if (media === "text/event-stream" && Array.isArray(input.body)) {
      const errors: SpecIssue[] = [];
      input.body.forEach((event, i) => {
        for (const e of run(pointer, event).errors)
          errors.push({ ...e, instancePath: `/${i}${e.instancePath}` });
      });
      return { valid: errors.length === 0, errors };
    }
    return run(pointer, input.body);
  }

  function validateStreamEvent(input: SpecStreamEventInput): SpecResult {
    return validateResponse({
      method: input.method,
      path: input.path,
      status: 200,
      contentType: "text/event-stream",
      body: input.event,
    });
  }

  return { validateRequest, validateResponse, validateStreamEvent };
}

function newAjv(discriminator: boolean) {
  const ajv = new Ajv2020({
    // OpenAPI documents carry keywords JSON Schema does not know (`example`, `xml`, `x-*`, …).
    strict: false,
    allErrors: true,
    discriminator,
    validateFormats: true,
  });
  addFormats(ajv);
  // OpenAI's own format for Unix timestamps in seconds (`created_at`, …), used by the Files and Batch APIs.
  ajv.addFormat("unixtime", { type: "number", validate: (n: number) => Number.isInteger(n) && n >= 0 });
  ajv.addKeyword({
    keyword: "x-file-upload",
    schemaType: "boolean",
    errors: true,
    validate: function isFileMarker(_schema: boolean, data: unknown) {
      const ok =
        isObject(data) &&
        typeof data.size === "number" &&
        Number.isInteger(data.size) &&
        data.size >= 0 &&
        (data.filename === undefined || typeof data.filename === "string") &&
        (data.contentType === undefined || typeof data.contentType === "string");
      if (!ok) {
        (isFileMarker as unknown as { errors: Partial<ErrorObject>[] }).errors = [
          { keyword: "x-file-upload", message: "must be a file upload", params: {} },
        ];
      }
      return ok;
    },
  });
  return ajv;
}

/**
 * A copy of the document that ajv can compile: `format: binary` strings become file markers, and
 * discriminators keep only `propertyName` (ajv rejects `mapping`; the `oneOf` branches carry the same
 * information as `const` tags).
 */
function prepareDocument(document: Json): Json {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!isObject(node)) return node;
    const out: Json = {};
    for (const [k, v] of Object.entries(node)) out[k] = walk(v);
    if (out.format === "binary" && (out.type === "string" || out.type === undefined)) {
      delete out.format;
      delete out.type;
      out["x-file-upload"] = true;
    }
    if (isObject(out.discriminator) && typeof out.discriminator.propertyName === "string") {
      out.discriminator = { propertyName: out.discriminator.propertyName };
    }
    return out;
  };
  return walk(document) as Json;
}

function stripDiscriminators(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(stripDiscriminators);
  if (!isObject(node)) return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) if (k !== "discriminator") out[k] = stripDiscriminators(v);
  return out;
}

/** JSON pointers of every request-body and response schema in the document. */
function schemaPointers(root: Json): string[] {
  const out: string[] = [];
  const paths = (isObject(root.paths) ? root.paths : {}) as Record<string, unknown>;
  for (const [template, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const m of METHODS) {
      const op = item[m];
      if (!isObject(op)) continue;
      const opPointer = `/paths/${escapePointer(template)}/${m}`;
      const [bodyPointer, body] = deref(root, `${opPointer}/requestBody`, op.requestBody);
      if (isObject(body) && isObject(body.content)) {
        for (const [media, entry] of Object.entries(body.content)) {
          if (isObject(entry) && entry.schema !== undefined) {
            out.push(`${bodyPointer}/content/${escapePointer(media)}/schema`);
          }
        }
      }
      if (!isObject(op.responses)) continue;
      for (const [status, r] of Object.entries(op.responses)) {
        const [responsePointer, response] = deref(root, `${opPointer}/responses/${escapePointer(status)}`, r);
        if (!isObject(response) || !isObject(response.content)) continue;
        for (const [media, entry] of Object.entries(response.content)) {
          if (isObject(entry) && entry.schema !== undefined) {
            out.push(`${responsePointer}/content/${escapePointer(media)}/schema`);
          }
        }
      }
    }
  }
  return [...new Set(out)];
}

/** Follows a `$ref` (requestBodies, responses, …) and returns its pointer and target. */
function deref(root: Json, pointer: string, node: unknown, depth = 0): [string, unknown] {
  if (isObject(node) && typeof node.$ref === "string" && node.$ref.startsWith("#") && depth < 32) {
    const target = node.$ref.slice(1);
    return deref(root, target, getPointer(root, target), depth + 1);
  }
  return [pointer, node];
}

function getPointer(root: unknown, pointer: string): unknown {
  let node = root;
  for (const raw of pointer.split("/").slice(1)) {
    const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    if (!isObject(node) && !Array.isArray(node)) return undefined;
    node = (node as Json)[key];
  }
  return node;
}

function escapePointer(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

function resolveSchemaAt(root: Json, pointer: string): unknown {
  return deref(root, pointer, getPointer(root, pointer))[1];
}

/** `/images/{id}` → a regex matching one path segment per parameter. */
function templateRegex(template: string): RegExp {
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith("{") ? "[^/]+" : part.replace(/[.*+?^$()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}/?$`);
}

function serverBasePath(root: Json): string {
  const first = Array.isArray(root.servers) ? root.servers[0] : undefined;
  if (!isObject(first) || typeof first.url !== "string") return "";
  try {
    return new URL(first.url, "http://localhost").pathname.replace(/\/$/, "");
  } catch {
    return "";
  }
}

/** Exact media type first, then `type/*`, then `*\/*`. */
function matchMediaType(content: Json, contentType: string): string | undefined {
  const media = (contentType.split(";")[0] ?? "").trim().toLowerCase();
  if (!media) return undefined;
  const keys = Object.keys(content);
  const lower = (k: string) => k.toLowerCase();
  return (
    keys.find((k) => lower(k) === media) ??
    keys.find((k) => lower(k) === `${media.split("/")[0]}/*`) ??
    keys.find((k) => k === "*/*")
  );
}

/** Exact status first, then its range (`4XX`), then `default`. */
function matchStatus(responses: Json, status: number): string | undefined {
  const keys = Object.keys(responses);
  return (
    keys.find((k) => k === String(status)) ??
    keys.find((k) => k.toUpperCase() === `${Math.floor(status / 100)}XX`) ??
    keys.find((k) => k === "default")
  );
}

/** The form fields whose `encoding` is `style: deepObject` (sent as `svg[model]`, `svg[reasoning][effort]`). */
function deepObjectFields(encoding: Json): Set<string> {
  return new Set(
    Object.entries(encoding)
      .filter(([, e]) => isObject(e) && e.style === "deepObject")
      .map(([name]) => name),
  );
}

// `svg[reasoning][effort]` → `svg` and the path `reasoning`, `effort`.
const BRACKETED = /^([^[\]]+)((?:\[[^[\]]+\])+)$/;

/**
 * `image[]` → `image` (always an array); for the `deepObject` fields, `svg[model]` and
 * `svg[reasoning][effort]` → `svg: { model, reasoning: { effort } }`, as the spec's encoding says;
 * other keys are kept as given. Field names come from the client, so every object made here has no
 * prototype and `__proto__` or `constructor` are ordinary fields.
 */
function normalizeFormFields(body: Json, deepObjects: ReadonlySet<string> = new Set()): Json {
  const out: Json = Object.create(null);
  for (const [key, value] of Object.entries(body)) {
    const bracketed = BRACKETED.exec(key);
    const base = bracketed?.[1];
    if (
      bracketed &&
      base !== undefined &&
      deepObjects.has(base) &&
      setDeep(out, base, bracketed[2] ?? "", value)
    ) {
      continue;
    }
    if (key.endsWith("[]")) {
      const base = key.slice(0, -2);
      const prev = out[base];
      const list = Array.isArray(value) ? value : [value];
      out[base] = prev === undefined ? list : [...(Array.isArray(prev) ? prev : [prev]), ...list];
    } else if (Object.hasOwn(out, key)) {
      // `image[]` seen first, then `image`: keep them together in arrival order.
      const prev = out[key];
      out[key] = [...(Array.isArray(prev) ? prev : [prev]), ...(Array.isArray(value) ? value : [value])];
    } else {
      out[key] = value;
    }
  }
  return out;
}

/**
 * Places `value` at `base[a][b]…` in `out`, making the objects on the way. Returns false (and changes
 * nothing) when something that is not such an object is already in the way, e.g. a plain `svg` field
 * next to `svg[model]`: the field is then kept under its own name and the spec judges the plain one.
 */
function setDeep(out: Json, base: string, path: string, value: unknown): boolean {
  const keys = [...path.matchAll(/\[([^[\]]+)\]/g)].map((m) => m[1] as string);
  let target = out;
  for (const key of [base, ...keys.slice(0, -1)]) {
    const next = target[key];
    if (next === undefined) target[key] = Object.create(null);
    else if (!isObject(next) || Object.getPrototypeOf(next) !== null) return false;
    target = target[key] as Json;
  }
  const last = keys.at(-1) as string;
  if (Object.hasOwn(target, last)) return false;
  target[last] = value;
  return true;
}

/** Form fields arrive as strings: turn each into the scalar type its property schema asks for. */
function coerceForm(root: Json, schema: unknown, body: Json): Json {
  const props = collectProperties(root, schema, 0);
  const out: Json = Object.create(null);
  for (const [key, value] of Object.entries(body)) {
    const types = props.get(key);
    if (!types) {
      out[key] = value;
    } else if (Array.isArray(value)) {
      out[key] = value.map((v) => coerceScalar(v, types.items));
    } else {
      out[key] = coerceScalar(value, types.self);
    }
  }
  return out;
}

interface FieldTypes {
  self: Set<string>;
  items: Set<string>;
}

/** The JSON types each top-level property (and its array items) allows, through $ref/allOf/anyOf/oneOf. */
function collectProperties(root: Json, schema: unknown, depth: number): Map<string, FieldTypes> {
  const out = new Map<string, FieldTypes>();
  const s = deref(root, "", schema)[1];
  if (!isObject(s) || depth > 16) return out;
  if (isObject(s.properties)) {
    for (const [name, prop] of Object.entries(s.properties)) {
      const entry = out.get(name) ?? { self: new Set<string>(), items: new Set<string>() };
      collectTypes(root, prop, entry.self, entry.items, 0);
      out.set(name, entry);
    }
  }
  for (const key of ["allOf", "anyOf", "oneOf"] as const) {
    const list = s[key];
    if (!Array.isArray(list)) continue;
    for (const sub of list) {
      for (const [name, types] of collectProperties(root, sub, depth + 1)) {
        const entry = out.get(name) ?? { self: new Set<string>(), items: new Set<string>() };
        for (const t of types.self) entry.self.add(t);
        for (const t of types.items) entry.items.add(t);
        out.set(name, entry);
      }
    }
  }
  return out;
}

function collectTypes(
  root: Json,
  schema: unknown,
  self: Set<string>,
  items: Set<string>,
  depth: number,
): void {
  const s = deref(root, "", schema)[1];
  if (!isObject(s) || depth > 16) return;
  const types = Array.isArray(s.type) ? s.type : s.type === undefined ? [] : [s.type];
  for (const t of types) if (typeof t === "string") self.add(t);
  if (s.items !== undefined) collectTypes(root, s.items, items, new Set(), depth + 1);
  for (const key of ["allOf", "anyOf", "oneOf"] as const) {
    const list = s[key];
    if (Array.isArray(list)) for (const sub of list) collectTypes(root, sub, self, items, depth + 1);
  }
}

function coerceScalar(value: unknown, types: Set<string>): unknown {
  // A string the schema also accepts as a string stays a string.
  if (typeof value !== "string" || types.has("string")) return value;
  if (
    (types.has("integer") || types.has("number")) &&
    /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value.trim())
  ) {
    return Number(value);
  }
  if (types.has("boolean") && (value === "true" || value === "false")) return value === "true";
  if (types.has("null") && value === "null") return null;
  return value;
}

/**
 * A nullable field's `null` alternative ("not given") is not what a caller got wrong: its own errors
 * ("must be null") go, and so does the `anyOf` summary when a more specific error names the field or
 * something inside it.
 */
function withoutNullNoise(errors: ErrorObject[]): ErrorObject[] {
  const isNullBranch = (e: ErrorObject) =>
    e.keyword === "type" && (e.params as { type?: unknown }).type === "null";
  const kept = errors.filter((e) => !isNullBranch(e));
  const nullable = new Set(errors.filter(isNullBranch).map((e) => e.instancePath));
  const explained = (path: string) =>
    kept.some(
      (e) => e.keyword !== "anyOf" && (e.instancePath === path || e.instancePath.startsWith(`${path}/`)),
    );
  return kept.filter(
    (e) => !(e.keyword === "anyOf" && nullable.has(e.instancePath) && explained(e.instancePath)),
  );
}

function formatErrors(all: ErrorObject[]): SpecIssue[] {
  const out: SpecIssue[] = [];
  const seen = new Set<string>();
  for (const e of withoutNullNoise(all)) {
    const params = e.params as Record<string, unknown>;
    // ajv reports a bad discriminator tag on the object; point at the tag itself.
    const instancePath =
      e.keyword === "discriminator" && typeof params.tag === "string"
        ? `${e.instancePath}/${escapePointer(params.tag)}`
        : e.instancePath;
    const issue = { instancePath, message: describe(e) };
    const key = `${issue.instancePath}\0${issue.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(issue);
    }
  }
  return out;
}

function describe(e: ErrorObject): string {
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "enum":
      return `must be one of ${(params.allowedValues as unknown[])
        .filter((v) => v !== null)
        .map((v) => JSON.stringify(v))
        .join(", ")}`;
    case "type":
      // ajv writes a type list as "string,null".
      return `must be ${String(params.type).split(",").join(" or ")}`;
    case "const":
      return `must be ${JSON.stringify(params.allowedValue)}`;
    case "required":
      return `must have required property '${String(params.missingProperty)}'`;
    case "additionalProperties":
      return `must not have additional property '${String(params.additionalProperty)}'`;
    case "discriminator":
      return params.error === "tag"
        ? `must be a string tag`
        : `has no schema for ${JSON.stringify(params.tagValue)} (discriminator '${String(params.tag)}')`;
    case "x-file-upload":
      return "must be a file upload ({ filename, contentType, size })";
    default:
      return e.message ?? e.keyword;
  }
}

function fail(instancePath: string, message: string): SpecResult {
  return { valid: false, errors: [{ instancePath, message }] };
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

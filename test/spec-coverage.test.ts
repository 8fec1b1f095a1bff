/**
 * The spec carries every parameter, enum value, bound and default that seed 000 (the newest API
 * reference) states, updated with what the official SDK's `images.d.ts` states up to openai@7.59.0
 * (each change marked with the version that first has it). The tables below were written by hand from
 * those sources, not from the spec, so a spec edit that drops or changes one of them fails here.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { type Json, readSpecFile } from "../scripts/spec-io.js";

const doc = await readSpecFile(fileURLToPath(new URL("../openapi/images.yaml", import.meta.url)));

const MODELS = [
  // 7.12.1 and 7.51.0
  "gpt-image-2.5-sunburst",
  "gpt-image-2.5-sunburst-2026-09-08",
  "gpt-image-2.5-flare",
  "gpt-image-2.5-flare-2026-09-08",
  "gpt-image-2.6-sunburst",
  "gpt-image-2.6-flare",
  "gpt-image-1",
  "gpt-image-1-mini",
  "gpt-image-2",
  "gpt-image-2-2026-04-21",
  "gpt-image-1.5",
  "chatgpt-image-latest",
  "dall-e-2",
  "dall-e-3",
];

/** One parameter as the seed states it. `anyString`: the seed types it `Union[str, Literal[...]]`. */
interface Param {
  type: "string" | "integer" | "number" | "boolean" | "object" | "file" | "file-or-files";
  enum?: unknown[];
  anyString?: boolean;
  min?: number;
  max?: number;
  default?: unknown;
  maxItems?: number;
}

interface Operation {
  path: string;
  contentType: string;
  required: string[];
  params: Record<string, Param>;
}

/** Parameters generations and edits gained by openai@7.59.0. */
const NOVEMBER_2026: Record<string, Param> = {
  // 7.36.0
  safety_identifier: { type: "string" },
  // 7.51.0
  complexity: { type: "string", enum: ["low", "medium", "high"] },
  frame_count: { type: "integer", min: 2, max: 16, default: 9 },
  frame_duration_ms: { type: "number", default: 200 },
  svg: { type: "object" },
};

const OPERATIONS: Operation[] = [
  {
    // seed 000 "Create image"
    path: "/images/generations",
    contentType: "application/json",
    required: ["prompt"],
    params: {
      prompt: { type: "string" },
      background: { type: "string", enum: ["transparent", "opaque", "auto"], default: "auto" },
      // 7.28.0: "Specify a model explicitly" (no default any more)
      model: { type: "string", enum: MODELS, anyString: true },
      moderation: { type: "string", enum: ["low", "auto"], default: "auto" },
      n: { type: "integer", min: 1, max: 10 },
      output_compression: { type: "integer", min: 0, max: 100, default: 100 },
      // "should be set to either `png` (default value) or `webp`"; gif and svg 7.51.0
      output_format: { type: "string", enum: ["png", "jpeg", "webp", "gif", "svg"], default: "png" },
      partial_images: { type: "integer", min: 0, max: 3 },
      // xhigh and max 7.12.1
      quality: {
        type: "string",
        enum: ["standard", "hd", "low", "medium", "high", "xhigh", "max", "auto"],
        default: "auto",
      },
      ...NOVEMBER_2026,
      // "if `response_format` is set to `url` (default value)"
      response_format: { type: "string", enum: ["url", "b64_json"], default: "url" },
      size: {
        type: "string",
        enum: ["auto", "1024x1024", "1536x1024", "1024x1536", "256x256", "512x512", "1792x1024", "1024x1792"],
        anyString: true,
      },
      stream: { type: "boolean", default: false },
      style: { type: "string", enum: ["vivid", "natural"] },
      user: { type: "string" },
    },
  },
  {
    // seed 000 "Create image edit"
    path: "/images/edits",
    contentType: "multipart/form-data",
    required: ["image", "prompt"],
    params: {
      image: { type: "file-or-files", maxItems: 16 },
      prompt: { type: "string" },
      background: { type: "string", enum: ["transparent", "opaque", "auto"], default: "auto" },
      input_fidelity: { type: "string", enum: ["high", "low"], default: "low" },
      mask: { type: "file" },
      model: { type: "string", enum: MODELS, anyString: true },
      n: { type: "integer", min: 1, max: 10 },
      output_compression: { type: "integer", min: 0, max: 100, default: 100 },
      output_format: { type: "string", enum: ["png", "jpeg", "webp", "gif", "svg"], default: "png" },
      partial_images: { type: "integer", min: 0, max: 3 },
      quality: {
        type: "string",
        enum: ["standard", "low", "medium", "high", "xhigh", "max", "auto"],
        default: "auto",
      },
      // 7.47.0
      markup: { type: "file" },
      ...NOVEMBER_2026,
      response_format: { type: "string", enum: ["url", "b64_json"], default: "url" },
      size: {
        type: "string",
        enum: ["256x256", "512x512", "1024x1024", "1536x1024", "1024x1536", "auto"],
        anyString: true,
      },
      stream: { type: "boolean", default: false },
      user: { type: "string" },
    },
  },
  {
    // seed 000 "Create image variation"
    path: "/images/variations",
    contentType: "multipart/form-data",
    required: ["image"],
    params: {
      image: { type: "file" },
      model: { type: "string", enum: MODELS, anyString: true },
      n: { type: "integer", min: 1, max: 10 },
      response_format: { type: "string", enum: ["url", "b64_json"] },
      size: { type: "string", enum: ["256x256", "512x512", "1024x1024"] },
      user: { type: "string" },
    },
  },
];

const STREAM_EVENT_FIELDS = {
  background: ["transparent", "opaque", "auto"],
  output_format: ["png", "webp", "jpeg"],
  quality: ["low", "medium", "high", "xhigh", "max", "auto"],
  size: ["1024x1024", "1024x1536", "1536x1024", "auto"],
};

// seed 000 "Domain Types": every field of each event is required (none is Optional).
const STREAM_EVENTS: Record<string, { path: string; union: string; type: string; fields: string[] }> = {
  ImageGenPartialImageEvent: {
    path: "/images/generations",
    union: "ImageGenStreamEvent",
    type: "image_generation.partial_image",
    fields: [
      "b64_json",
      "background",
      "created_at",
      "output_format",
      "partial_image_index",
      "quality",
      "size",
      "type",
    ],
  },
  ImageGenCompletedEvent: {
    path: "/images/generations",
    union: "ImageGenStreamEvent",
    type: "image_generation.completed",
    fields: ["b64_json", "background", "created_at", "output_format", "quality", "size", "type", "usage"],
  },
  ImageEditPartialImageEvent: {
    path: "/images/edits",
    union: "ImageEditStreamEvent",
    type: "image_edit.partial_image",
    fields: [
      "b64_json",
      "background",
      "created_at",
      "output_format",
      "partial_image_index",
      "quality",
      "size",
      "type",
    ],
  },
  ImageEditCompletedEvent: {
    path: "/images/edits",
    union: "ImageEditStreamEvent",
    type: "image_edit.completed",
    fields: ["b64_json", "background", "created_at", "output_format", "quality", "size", "type", "usage"],
  },
};

// --- reading the spec -------------------------------------------------------------------------

function resolve(node: unknown): Json {
  let n = node as Json;
  for (let i = 0; i < 16 && typeof n?.$ref === "string"; i++) {
    n = n.$ref
      .slice(2)
      .split("/")
      .reduce<unknown>((acc, key) => (acc as Json)[key.replace(/~1/g, "/").replace(/~0/g, "~")], doc) as Json;
  }
  return n;
}

/** Every subschema reachable through $ref/allOf/anyOf/oneOf, the schema itself included. */
function branches(node: unknown): Json[] {
  const s = resolve(node);
  const out = [s];
  for (const key of ["allOf", "anyOf", "oneOf"]) {
    const list = s[key];
    if (Array.isArray(list)) for (const sub of list) out.push(...branches(sub));
  }
  return out;
}

function properties(schema: unknown): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const b of branches(schema))
    Object.assign(out, (b.properties as Record<string, Json> | undefined) ?? {});
  return out;
}

function required(schema: unknown): string[] {
  return [...new Set(branches(schema).flatMap((b) => (b.required as string[] | undefined) ?? []))].sort();
}

/** The values a schema lists, without `null` ("not given"; sdk-7-nulls.test.ts checks which fields take it). */
function enumValues(schema: unknown): unknown[] {
  return branches(schema)
    .flatMap((b) => [...((b.enum as unknown[] | undefined) ?? []), ...("const" in b ? [b.const] : [])])
    .filter((v) => v !== null);
}

/** The first of: the property's own keyword, else the one on the schema it references. */
function keyword(schema: unknown, name: string): unknown {
  const own = schema as Json;
  if (own[name] !== undefined) return own[name];
  return branches(schema).find((b) => b[name] !== undefined)?.[name];
}

function operationSchema(path: string, contentType: string): Json {
  const op = ((doc.paths as Json)[path] as Json).post as Json;
  const content = (resolve(op.requestBody).content as Json)[contentType] as Json | undefined;
  expect(content, `${path} accepts ${contentType}`).toBeDefined();
  return (content as Json).schema as Json;
}

const isFile = (s: Json) => s.type === "string" && s.format === "binary";

// --- the checks -------------------------------------------------------------------------------

describe.each(OPERATIONS)(
  "$path ($contentType) covers seed 000",
  ({ path, contentType, required: req, params }) => {
    const schema = operationSchema(path, contentType);
    const props = properties(schema);

    it("has every parameter, and only the seed's required ones are required", () => {
      expect(Object.keys(props).sort()).toEqual(Object.keys(params).sort());
      expect(required(schema)).toEqual([...req].sort());
    });

    it.each(Object.entries(params))("%s: type, enum values, bounds, default", (name, p) => {
      const s = props[name] as Json;
      const all = branches(s);
      if (p.type === "file") {
        expect(all.some(isFile), `${name} is a binary upload`).toBe(true);
      } else if (p.type === "file-or-files") {
        expect(all.some(isFile)).toBe(true);
        const array = all.find((b) => b.type === "array") as Json;
        expect(isFile(resolve(array.items))).toBe(true);
        expect(array.maxItems).toBe(p.maxItems);
      } else {
        expect(all.flatMap((b) => b.type).filter(Boolean)).toContain(p.type);
      }
      if (p.enum) expect([...new Set(enumValues(s))].sort()).toEqual([...p.enum].sort());
      else expect(enumValues(s)).toEqual([]);
      if (p.anyString) {
        // `model` takes any name; `size` takes WIDTHxHEIGHT: a string branch without an enum.
        expect(all.some((b) => b.type === "string" && b.enum === undefined)).toBe(true);
      }
      expect(keyword(s, "minimum")).toBe(p.min);
      expect(keyword(s, "maximum")).toBe(p.max);
      if (p.default !== undefined) expect(keyword(s, "default")).toEqual(p.default);
    });
  },
);

describe("responses cover seed 000", () => {
  const schemas = (doc.components as Json).schemas as Json;

  it("ImagesResponse: created required; background, output_format, quality, size enums; usage details", () => {
    const r = schemas.ImagesResponse as Json;
    expect(required(r)).toEqual(["created"]);
    const p = properties(r);
    expect(Object.keys(p).sort()).toEqual(
      [
        "background",
        "created",
        "data",
        "output_format",
        "quality",
        "size",
        "usage",
        // 7.36.0, 7.51.0
        "safety_identifier",
        "svg_usage",
      ].sort(),
    );
    expect(enumValues(p.background).sort()).toEqual(["opaque", "transparent"]);
    expect(enumValues(p.output_format).sort()).toEqual(["gif", "jpeg", "png", "svg", "webp"]);
    expect(enumValues(p.quality).sort()).toEqual(["high", "low", "max", "medium", "xhigh"]);
    expect(required(p.svg_usage)).toEqual([
      "input_tokens",
      "model",
      "output_tokens",
      "reasoning_tokens",
      "total_tokens",
    ]);
    expect(enumValues(p.size).sort()).toEqual(["1024x1024", "1024x1536", "1536x1024"]);
    expect(Object.keys(properties(resolve(p.data).items)).sort()).toEqual([
      "b64_json",
      "revised_prompt",
      "url",
    ]);
    const usage = p.usage as Json;
    expect(required(usage)).toEqual([
      "input_tokens",
      "input_tokens_details",
      "output_tokens",
      "total_tokens",
    ]);
    const u = properties(usage);
    expect(required(u.input_tokens_details)).toEqual(["image_tokens", "text_tokens"]);
    expect(required(u.output_tokens_details)).toEqual(["image_tokens", "text_tokens"]);
  });

  it.each(Object.entries(STREAM_EVENTS))("%s: required fields, type tag and enums", (name, e) => {
    const s = schemas[name] as Json;
    expect(required(s)).toEqual([...e.fields].sort());
    const p = properties(s);
    expect(enumValues(p.type)).toEqual([e.type]);
    // 7.36.0: completed events carry the effective safety identifier (optional).
    expect("safety_identifier" in p).toBe(e.type.endsWith(".completed"));
    for (const [field, values] of Object.entries(STREAM_EVENT_FIELDS)) {
      expect(enumValues(p[field]).sort(), `${name}.${field}`).toEqual([...values].sort());
    }
    // The union is discriminated on `type` and mapped to this event.
    const union = schemas[e.union] as Json;
    expect((union.discriminator as Json).propertyName).toBe("type");
    expect(((union.discriminator as Json).mapping as Json)[e.type]).toBe(`#/components/schemas/${name}`);
    // And it is what the path streams.
    const op = ((doc.paths as Json)[e.path] as Json).post as Json;
    const stream = (((op.responses as Json)["200"] as Json).content as Json)["text/event-stream"] as Json;
    expect((stream.schema as Json).$ref).toBe(`#/components/schemas/${e.union}`);
  });

  it("errors: 4XX and 5XX carry { error: { message, type, param, code } }", () => {
    for (const path of ["/images/generations", "/images/edits", "/images/variations"]) {
      const responses = (((doc.paths as Json)[path] as Json).post as Json).responses as Json;
      for (const range of ["4XX", "5XX"]) {
        const body = (resolve(responses[range]).content as Json)["application/json"] as Json;
        const error = properties(body.schema).error;
        expect(Object.keys(properties(error)).sort()).toEqual(["code", "message", "param", "type"]);
      }
    }
  });

  it("bearer auth", () => {
    expect(doc.security).toEqual([{ ApiKeyAuth: [] }]);
    expect(((doc.components as Json).securitySchemes as Json).ApiKeyAuth).toEqual({
      type: "http",
      scheme: "bearer",
    });
  });
});

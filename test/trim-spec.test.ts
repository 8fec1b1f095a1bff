import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Json, readSpecFile, writeSpecFile } from "../scripts/spec-io.js";
import { trimSpec } from "../scripts/trim-spec.js";
import { createSpecValidator } from "../src/server/index.js";
import { lintSpecFile } from "./spec-lint.js";

const fixture = fileURLToPath(new URL("./fixtures/spec/openai-full.yaml", import.meta.url));
const tsx = fileURLToPath(new URL("../node_modules/.bin/tsx", import.meta.url));
const script = fileURLToPath(new URL("../scripts/trim-spec.ts", import.meta.url));

let full: Json;
let trimmed: Json;
let dir: string;

beforeAll(async () => {
  full = await readSpecFile(fixture);
  trimmed = trimSpec(full);
  dir = await mkdtemp(join(tmpdir(), "trim-spec-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const schemas = () => (trimmed.components as { schemas: Record<string, Json> }).schemas;
const prop = (schema: string, name: string) =>
  ((schemas()[schema]?.properties ?? {}) as Record<string, Json>)[name];

describe("trimSpec", () => {
  it("keeps only the /images paths and their tags and security schemes", () => {
    expect(Object.keys(trimmed.paths as Json)).toEqual(["/images/generations", "/images/edits"]);
    expect(trimmed.tags).toEqual([{ name: "Images", description: "Images" }]);
    const c = trimmed.components as Record<string, Json>;
    expect(Object.keys(c.securitySchemes ?? {})).toEqual(["ApiKeyAuth"]);
    expect(Object.keys(c.headers ?? {})).toEqual(["RequestId"]);
    expect(Object.keys(c.parameters ?? {})).toEqual(["TraceHeader"]);
    expect(Object.keys(c.requestBodies ?? {})).toEqual(["GenerateBody"]);
    expect(Object.keys(c.responses ?? {})).toEqual(["Error"]);
  });

  it("keeps exactly the schemas reachable from those paths: deep chains, cycles, discriminators", () => {
    expect(Object.keys(schemas()).sort()).toEqual(
      [
        // through a parameter component
        "TraceId",
        // through a requestBody component, then nested properties
        "CreateImageRequest",
        "ImageModel", // anyOf
        "Style", // allOf wrapper
        "Metadata",
        "MetadataValue", // additionalProperties
        "TreeNode",
        "TreeParent", // a cycle TreeNode → TreeParent → TreeNode, and TreeNode → items → TreeNode
        "Deep1",
        "Deep2",
        "Deep3",
        "Deep4", // properties → array items → oneOf
        "Shape",
        "Circle",
        "Square", // discriminator mapping by bare name
        "Triangle", // reachable only through the discriminator mapping
        "SettingsA",
        "CreateImageEditRequest",
        "ImagesResponse",
        "Image",
        "ImageGenStreamEvent",
        "ErrorResponse", // through a response component
        "Error",
      ].sort(),
    );
    // Chat-only schemas are gone.
    expect(schemas().ChatRequest).toBeUndefined();
    expect(schemas().ChatMessage).toBeUndefined();
  });

  it("drops vendor extensions but keeps properties named like them and example data verbatim", () => {
    const text = JSON.stringify(trimmed);
    expect(trimmed["x-oaiMeta"]).toBeUndefined();
    expect((trimmed.info as Json)["x-oaiMeta"]).toBeUndefined();
    expect((trimmed.paths as Json)["x-top-level-extension"]).toBeUndefined();
    expect(schemas().CreateImageRequest?.["x-oaiTypeLabel"]).toBeUndefined();
    expect(prop("CreateImageRequest", "model")?.["x-oaiTypeLabel"]).toBeUndefined();
    expect(prop("CreateImageRequest", "x-custom-prop")).toMatchObject({ type: "string" });
    expect(schemas().CreateImageRequest?.example).toEqual({
      prompt: "otter",
      nullable: true,
      "x-oaiMeta": "data, kept as is",
    });
    expect(text).not.toContain('"x-oaiMeta":{');
  });

  it("rewrites nullable: true into 3.1 forms", () => {
    const text = JSON.stringify(trimmed);
    // The only `nullable` left is the example's data.
    expect(text.match(/"nullable"/g)).toHaveLength(1);
    expect(trimmed.openapi).toBe("3.1.0");
    // type → type array
    expect(prop("CreateImageRequest", "n")).toEqual({
      type: ["integer", "null"],
      minimum: 1,
      maximum: 10,
      default: 1,
    });
    expect(prop("Error", "param")).toEqual({ type: ["string", "null"] });
    // enum gains null too, or the type array would not let null through
    expect(prop("CreateImageRequest", "quality")).toMatchObject({
      type: ["string", "null"],
      enum: ["standard", "hd", null],
    });
    // $ref (via allOf) → anyOf with null, annotations kept outside
    expect(prop("CreateImageRequest", "style")).toEqual({
      description: "Nullable through a $ref wrapper.",
      anyOf: [{ allOf: [{ $ref: "#/components/schemas/Style" }] }, { type: "null" }],
    });
    // anyOf gains a null branch; oneOf is wrapped (a null branch inside oneOf could match twice)
    expect(prop("CreateImageRequest", "model")?.anyOf).toContainEqual({ type: "null" });
    expect(prop("CreateImageRequest", "settings")).toEqual({
      description: "Settings, or null.",
      anyOf: [{ oneOf: [{ $ref: "#/components/schemas/SettingsA" }, { type: "string" }] }, { type: "null" }],
    });
    // 3.0's boolean exclusiveMaximum becomes the 3.1 number
    expect(prop("CreateImageRequest", "compression")).toEqual({
      type: "integer",
      minimum: 0,
      exclusiveMaximum: 101,
    });
  });

  it("produces a document a 3.1 validator enforces, null included", () => {
    const spec = createSpecValidator(trimmed);
    const ok = spec.validateRequest({
      method: "POST",
      path: "/images/generations",
      contentType: "application/json",
      body: { prompt: "x", n: null, quality: null, style: null, model: null, settings: null },
    });
    expect(ok).toEqual({ valid: true, errors: [] });
    const bad = spec.validateRequest({
      method: "POST",
      path: "/images/generations",
      contentType: "application/json",
      body: { prompt: "x", n: 0, quality: "ultra", compression: 101, shape: { kind: "hexagon" } },
    });
    expect(bad.errors.map((e) => e.instancePath)).toEqual(
      expect.arrayContaining(["/n", "/quality", "/compression", "/shape/kind"]),
    );
  });

  it("does not modify its input", () => {
    expect(((full.components as Json).schemas as Json).ChatRequest).toBeDefined();
    expect(JSON.stringify(full)).toContain('"nullable":true');
  });

  it("writes output that Redocly lints without errors", async () => {
    const out = join(dir, "trimmed.yaml");
    await writeSpecFile(out, trimmed);
    const problems = await lintSpecFile(out);
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
  });

  it("the lint check fails on a broken document (a dangling discriminator mapping)", async () => {
    const broken = structuredClone(trimmed);
    delete ((broken.components as Json).schemas as Json).Triangle;
    const out = join(dir, "broken.yaml");
    await writeSpecFile(out, broken);
    const errors = (await lintSpecFile(out)).filter((p) => p.severity === "error");
    expect(errors.map((p) => p.ruleId)).toContain("no-unresolved-refs");
  });

  it("trims the bundled images spec to itself (nothing referenced is lost)", async () => {
    const ours = await readSpecFile(fileURLToPath(new URL("../openapi/images.yaml", import.meta.url)));
    const again = trimSpec(ours);
    expect(again.paths).toEqual(ours.paths);
    expect(again.components).toEqual(ours.components);
  });
});

describe("trimSpec with several prefixes", () => {
  // The upstream document the Files and Batches spec was trimmed from (see shared/upstream/README.md).
  const upstream = fileURLToPath(new URL("../../shared/upstream/openai-openapi-2.3.0.yaml", import.meta.url));

  // The upstream document sits beside the checkout in a development workspace only (it is OpenAI's
  // file, not committed here); on a machine without it this comparison cannot run.
  it.runIf(existsSync(upstream))(
    "keeps the paths under each prefix; openapi/files-batches.yaml is exactly that trim of upstream",
    async () => {
      const both = trimSpec(await readSpecFile(upstream), { prefix: ["/files", "/batches"] });
      expect(Object.keys(both.paths as Json).sort()).toEqual([
        "/batches",
        "/batches/{batch_id}",
        "/batches/{batch_id}/cancel",
        "/files",
        "/files/{file_id}",
        "/files/{file_id}/content",
      ]);
      const ours = await readSpecFile(
        fileURLToPath(new URL("../openapi/files-batches.yaml", import.meta.url)),
      );
      expect(ours).toEqual(both);
    },
  );

  it("keeps the paths under each of several prefixes, and nothing else", () => {
    const two = trimSpec(full, { prefix: ["/images", "/models"] });
    expect(Object.keys(two.paths as Json).sort()).toEqual([
      "/images/edits",
      "/images/generations",
      "/models",
    ]);
    // What /images reaches is kept as with /images alone.
    for (const [name, schema] of Object.entries((trimmed.components as Json).schemas as Json)) {
      expect(((two.components as Json).schemas as Json)[name], name).toEqual(schema);
    }
  });

  it("one prefix in a list trims like the prefix alone", () => {
    expect(trimSpec(full, { prefix: ["/images"] })).toEqual(trimmed);
  });
});

describe("npm run spec:trim", () => {
  it("writes JSON when the output ends in .json", async () => {
    const out = join(dir, "images.json");
    await promisify(execFile)(tsx, [script, fixture, out]);
    const written = JSON.parse(await readFile(out, "utf8")) as Json;
    expect(written).toEqual(trimmed);
  });

  it("prints usage and exits 2 without arguments", async () => {
    const run = promisify(execFile)(tsx, [script]);
    await expect(run).rejects.toMatchObject({ code: 2 });
  });
});

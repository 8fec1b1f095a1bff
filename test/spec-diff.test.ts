import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { diffSpecs, formatDiff } from "../scripts/spec-diff.js";
import { type Json, readSpecFile } from "../scripts/spec-io.js";
import { trimSpec } from "../scripts/trim-spec.js";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const basePath = here("./fixtures/spec/images-base.yaml");
const driftedPath = here("./fixtures/spec/openai-drifted.yaml");
const tsx = here("../node_modules/.bin/tsx");
const script = here("../scripts/spec-diff.ts");

let base: Json;
let drifted: Json;
beforeAll(async () => {
  base = await readSpecFile(basePath);
  drifted = await readSpecFile(driftedPath);
});

const GEN_REQ = "POST /images/generations request application/json";

describe("diffSpecs", () => {
  it("finds nothing between a spec and itself, or its trimmed self", async () => {
    expect(diffSpecs(base, base)).toEqual([]);
    expect(diffSpecs(base, trimSpec(base))).toEqual([]);
    const ours = await readSpecFile(here("../openapi/images.yaml"));
    expect(diffSpecs(ours, ours)).toEqual([]);
  });

  it("reports every change in the drifted fixture (listed in its header), and nothing else", () => {
    expect(diffSpecs(base, drifted)).toEqual([
      { where: "/images/variations", field: "", change: "removed", aspect: "path" },
      { where: "/images/upscales", field: "", change: "added", aspect: "path" },
      { where: GEN_REQ, field: "style", change: "removed", aspect: "field" },
      { where: GEN_REQ, field: "seed", change: "added", aspect: "field" },
      // 3.0 `nullable: true` in the upstream spec reads as a type change once trimmed to 3.1.
      {
        where: GEN_REQ,
        field: "n",
        change: "changed",
        aspect: "type",
        ours: "integer",
        theirs: "integer|null",
      },
      { where: GEN_REQ, field: "n", change: "changed", aspect: "default", ours: 1, theirs: undefined },
      { where: GEN_REQ, field: "n", change: "changed", aspect: "maximum", ours: 10, theirs: 8 },
      {
        where: GEN_REQ,
        field: "quality",
        change: "changed",
        aspect: "enum",
        ours: ["hd"],
        theirs: ["ultra"],
      },
      { where: GEN_REQ, field: "user", change: "changed", aspect: "required", ours: false, theirs: true },
      {
        where: "POST /images/generations response 200 text/event-stream",
        field: "",
        change: "removed",
        aspect: "content type",
      },
      {
        where: "POST /images/generations response 200 application/json",
        field: "model",
        change: "added",
        aspect: "field",
      },
      {
        where: "POST /images/generations response 200 application/json",
        field: "quality",
        change: "changed",
        aspect: "enum",
        theirs: ["auto"],
      },
      {
        where: "POST /images/edits request application/json",
        field: "",
        change: "removed",
        aspect: "content type",
      },
      {
        where: "POST /images/edits request multipart/form-data",
        field: "input_fidelity",
        change: "changed",
        aspect: "default",
        ours: "low",
        theirs: "high",
      },
      {
        where: "POST /images/edits response 200 application/json",
        field: "model",
        change: "added",
        aspect: "field",
      },
      {
        where: "POST /images/edits response 200 application/json",
        field: "quality",
        change: "changed",
        aspect: "enum",
        theirs: ["auto"],
      },
      {
        where: "POST /images/edits response 200 text/event-stream",
        field: "<image_edit.completed>.usage",
        change: "changed",
        aspect: "required",
        ours: true,
        theirs: false,
      },
    ]);
  });

  it("reports operations, statuses, parameters, nested fields and array items", () => {
    const other = structuredClone(base) as Json & { paths: Record<string, Record<string, Json>> };
    const gen = other.paths["/images/generations"] as Record<string, Json>;
    gen.get = { responses: { "200": { description: "list" } } };
    const edit = other.paths["/images/edits"]?.post as Json;
    edit.parameters = [
      { name: "OpenAI-Beta", in: "header", required: true, schema: { type: "string", enum: ["images=v2"] } },
    ];
    delete (edit.responses as Json)["5XX"];
    (edit.responses as Json)["429"] = { description: "slow down" };
    const schemas = (other.components as Json).schemas as Record<string, Json>;
    // A nested field (usage.input_tokens_details.*) and array items (image[] in multipart edits).
    ((schemas.ImageTokenDetails as Json).properties as Json).cached_tokens = { type: "integer" };
    const editFields = ((schemas.CreateImageEditRequest as Json).allOf as Json[])[1] as Json;
    const image = (editFields.properties as Json).image as Json;
    ((image.oneOf as Json[])[1] as Json).maxItems = 10;

    const diffs = diffSpecs(base, other);
    const text = formatDiff(diffs, { ours: "base", theirs: "other" });
    expect(diffs).toContainEqual({
      where: "GET /images/generations",
      field: "",
      change: "added",
      aspect: "operation",
    });
    expect(diffs).toContainEqual({
      where: "POST /images/edits parameters",
      field: "header:OpenAI-Beta",
      change: "added",
      aspect: "parameter",
    });
    expect(diffs).toContainEqual({
      where: "POST /images/edits response 5XX",
      field: "",
      change: "removed",
      aspect: "status",
    });
    expect(diffs).toContainEqual({
      where: "POST /images/edits response 429",
      field: "",
      change: "added",
      aspect: "status",
    });
    expect(diffs).toContainEqual({
      where: "POST /images/edits response 200 application/json",
      field: "usage.input_tokens_details.cached_tokens",
      change: "added",
      aspect: "field",
    });
    expect(diffs).toContainEqual({
      where: "POST /images/edits request multipart/form-data",
      field: "image",
      change: "changed",
      aspect: "maxItems",
      ours: 16,
      theirs: 10,
    });
    expect(text).toContain("  + parameter header:OpenAI-Beta");
    expect(text).toContain("  ~ field image: maxItems 16 → 10");
  });

  it("formats a readable report", () => {
    const text = formatDiff(diffSpecs(base, drifted), { ours: "ours.yaml", theirs: "theirs.yaml" });
    expect(text).toContain("--- ours.yaml\n+++ theirs.yaml (trimmed to /images/*)");
    expect(text).toContain(`\n${GEN_REQ}\n  - field style\n  + field seed\n`);
    expect(text).toContain('  ~ field quality: enum +"ultra" -"hd"');
    expect(text).toContain("  ~ field user: optional → required");
    expect(text).toContain("  ~ field n: maximum 10 → 8");
    expect(text).toContain("17 difference(s).");
    expect(formatDiff([], { ours: "a", theirs: "b" })).toMatch(/^No differences/);
  });
});

describe("npm run spec:diff", () => {
  const run = (args: string[]) =>
    promisify(execFile)(tsx, [script, ...args]).then(
      (r) => ({ code: 0, stdout: r.stdout }),
      (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
    );

  it("exits 1 with the differences (text or --json), 0 when nothing differs, 2 without arguments", async () => {
    // One test, processes in parallel: each tsx start-up costs seconds on a busy machine.
    const [text, json, same, usage] = await Promise.all([
      run([driftedPath, "--base", basePath]),
      run([driftedPath, "--base", basePath, "--json"]),
      run([here("../openapi/images.yaml")]),
      run([]),
    ]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain("/images/upscales\n  + path");
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual(JSON.parse(JSON.stringify(diffSpecs(base, drifted))));
    expect(same).toMatchObject({ code: 0, stdout: expect.stringMatching(/^No differences/) });
    expect(usage.code).toBe(2);
  });
});

/**
 * spec:drift: an SDK's `images.d.ts` against our spec and model table, or against another SDK. The
 * fixtures in `fixtures/drift/` are small images resources written here in the SDK's shape.
 */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { sdkSurface } from "../scripts/sdk-surface.js";
import { driftBetween, formatDrift, loadSdk } from "../scripts/spec-drift.js";
import { type Json, readSpecFile } from "../scripts/spec-io.js";
import { specSurface } from "../scripts/spec-surface.js";
import { isoDate, type Surface } from "../scripts/surface.js";
import { KNOWN_MODELS, retirementOf } from "../src/models/index.js";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const fixture = (name: string) => here(`./fixtures/drift/${name}`);
const tsx = here("../node_modules/.bin/tsx");
const script = here("../scripts/spec-drift.ts");
const pinned = here("../node_modules/openai-v7/resources/images.d.ts");

const GEN = "POST /images/generations";
const GEN_REQ = `${GEN} request application/json`;
const EDIT_FORM = "POST /images/edits request multipart/form-data";

let base: Surface;
let spec: Json;
beforeAll(async () => {
  base = sdkSurface(await readFile(fixture("base.d.ts"), "utf8"));
  spec = await readSpecFile(here("../openapi/images.yaml"));
});

async function sdk(path: string): Promise<Surface> {
  return sdkSurface((await loadSdk(path)).text);
}

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(tsx, [script, ...args], { encoding: "utf8" }, (err, stdout, stderr) =>
      done({ code: err ? Number(err.code) : 0, stdout, stderr }),
    );
  });
}

describe("reading an SDK's images.d.ts", () => {
  it("reads each operation's body, answers and stream events, nested fields included", () => {
    const gen = base.operations.get(GEN);
    const body = gen?.requests.get("application/json");
    expect(body?.get("prompt")).toEqual({ required: true, deprecated: false, types: ["string"], values: [] });
    // `(string & {}) | ImageModel | null`: any string, the listed models named, null allowed.
    expect(body?.get("model")).toEqual({
      required: false,
      deprecated: false,
      types: ["null", "string"],
      values: ["pixel-1", "pixel-2", "sketch-0"],
    });
    // `stream: true` in one overload and optional in the others: optional.
    expect(body?.get("stream")?.required).toBe(false);
    // Through the namespace `ImageGenerateParams.Svg` and its inner `Svg.Reasoning`.
    expect(body?.get("svg.reasoning.effort")?.values).toEqual(["high", "low"]);
    expect(gen?.responses.get("application/json")?.get("usage.output_tokens")?.required).toBe(true);
    expect([...(gen?.responses.get("text/event-stream")?.keys() ?? [])]).toEqual([
      "<picture.partial>.b64_json",
      "<picture.partial>.quality",
      "<picture.partial>.type",
      "<picture.done>.b64_json",
      "<picture.done>.type",
    ]);
    // A body with an upload travels as multipart; its array of uploads has items.
    const edit = base.operations.get("POST /images/edits")?.requests.get("multipart/form-data");
    expect(edit?.get("image")?.types).toEqual(["array", "binary"]);
    expect(edit?.get("image[]")?.types).toEqual(["binary"]);
    expect(base.models).toEqual(["pixel-1", "pixel-2", "sketch-0"]);
    expect(base.retired.size).toBe(0);
  });

  it("finds no drift between a surface and itself", async () => {
    expect(driftBetween(base, base)).toEqual([]);
    expect(driftBetween(specSurface(spec), specSurface(spec))).toEqual([]);
  });

  it("reads retirement dates as the SDK's doc comments write them", () => {
    expect(isoDate("GPT Image 1 was shut down on October 23, 2026.")).toBe("2026-10-23");
    expect(isoDate("retired on May 12, 2026")).toBe("2026-05-12");
    expect(isoDate("since 2026-05-12")).toBe("2026-05-12");
    expect(isoDate("on Funday 3, 2026")).toBeUndefined();
  });
});

describe("drift between two SDKs", () => {
  it("reports every change in drifted.d.ts (listed in its header), and nothing else", async () => {
    expect(driftBetween(base, await sdk(fixture("drifted.d.ts")))).toEqual([
      { where: "models", field: "sketch-0", change: "removed", aspect: "model" },
      { where: "models", field: "pixel-3", change: "added", aspect: "model" },
      {
        where: "models",
        field: "pixel-1",
        change: "changed",
        aspect: "retired",
        ours: "current",
        theirs: { date: "2027-03-03", text: '"pixel-1": Pixel 1 was shut down on March 3, 2027.' },
      },
      {
        where: GEN_REQ,
        field: "style",
        change: "removed",
        aspect: "field",
        ours: 'enum|null "flat" "glossy"',
      },
      { where: GEN_REQ, field: "seed", change: "added", aspect: "field", theirs: "null|number" },
      { where: GEN_REQ, field: "svg.reasoning.summary", change: "added", aspect: "field", theirs: "boolean" },
      { where: GEN_REQ, field: "prompt", change: "changed", aspect: "required", ours: true, theirs: false },
      {
        where: GEN_REQ,
        field: "model",
        change: "changed",
        aspect: "enum",
        ours: ["sketch-0"],
        theirs: ["pixel-3"],
      },
      { where: GEN_REQ, field: "n", change: "changed", aspect: "deprecated", ours: false, theirs: true },
      {
        where: GEN_REQ,
        field: "quality",
        change: "changed",
        aspect: "enum",
        ours: ["auto"],
        theirs: ["ultra"],
      },
      {
        where: GEN_REQ,
        field: "size",
        change: "changed",
        aspect: "type",
        ours: "null|string",
        theirs: "enum|null",
      },
      {
        where: GEN_REQ,
        field: "svg.model",
        change: "changed",
        aspect: "required",
        ours: false,
        theirs: true,
      },
      {
        where: `${GEN} response application/json`,
        field: "usage.cached_tokens",
        change: "added",
        aspect: "field",
        theirs: "number",
      },
      {
        where: `${GEN} response text/event-stream`,
        field: "<picture.done>.quality",
        change: "added",
        aspect: "field",
        theirs: 'enum "high" "low", required',
      },
      { where: EDIT_FORM, field: "image[]", change: "removed", aspect: "field", ours: "binary" },
      {
        where: EDIT_FORM,
        field: "image",
        change: "changed",
        aspect: "type",
        ours: "array|binary",
        theirs: "binary",
      },
      {
        where: EDIT_FORM,
        field: "model",
        change: "changed",
        aspect: "enum",
        ours: ["sketch-0"],
        theirs: ["pixel-3"],
      },
      {
        where: "POST /images/edits response application/json",
        field: "usage.cached_tokens",
        change: "added",
        aspect: "field",
        theirs: "number",
      },
      {
        where: "POST /images/variations",
        field: "",
        change: "changed",
        aspect: "deprecated",
        ours: false,
        theirs: true,
      },
      {
        where: "POST /images/variations response application/json",
        field: "usage.cached_tokens",
        change: "added",
        aspect: "field",
        theirs: "number",
      },
    ]);
  });

  it("lists a whole field once when only one side has it, not each of its nested fields", async () => {
    const withoutSvg = await sdk(fixture("drifted.d.ts"));
    withoutSvg.operations
      .get(GEN)
      ?.requests.set(
        "application/json",
        new Map(
          [...(base.operations.get(GEN)?.requests.get("application/json") ?? [])].filter(
            ([k]) => !k.startsWith("svg"),
          ),
        ),
      );
    const svg = driftBetween(base, withoutSvg).filter((d) => d.field.startsWith("svg"));
    expect(svg).toEqual([
      { where: GEN_REQ, field: "svg", change: "removed", aspect: "field", ours: "null|object" },
    ]);
  });
});

describe("the command", () => {
  it("reports a package that adds a model, a quality value and a parameter, and deprecates one (exit 1)", async () => {
    const { code, stdout } = await cli([fixture("package"), "--from", fixture("base.d.ts")]);
    expect(code).toBe(1);
    expect(stdout).toContain("+++ ");
    expect(stdout).toContain("(openai@0.0.0-fixture)");
    expect(stdout.split("\n").slice(2).join("\n")).toBe(
      [
        "",
        "models",
        "  + model pixel-3",
        "",
        GEN_REQ,
        "  + field seed (null|number)",
        '  ~ field model: values +"pixel-3"',
        '  ~ field quality: values +"ultra"',
        "  ~ field user: not deprecated → deprecated",
        "",
        EDIT_FORM,
        '  ~ field model: values +"pixel-3"',
        "",
        "6 difference(s).",
        "",
      ].join("\n"),
    );
  });

  it("says so and exits 0 when nothing drifted; --json gives the labels and the list; exit 2 on bad usage", async () => {
    const [same, json, bad, missing] = await Promise.all([
      cli([fixture("base.d.ts"), "--from", fixture("base.d.ts")]),
      cli([fixture("drifted.d.ts"), "--from", fixture("base.d.ts"), "--json"]),
      cli(["--from"]),
      // A path that is not there is an error, never a package name to fetch.
      cli(["no/such/images.d.ts"]),
    ]);
    expect(same.code).toBe(0);
    expect(same.stdout).toMatch(/^No drift between .*base\.d\.ts and .*base\.d\.ts\.\n$/);
    expect(json.code).toBe(1);
    const parsed = JSON.parse(json.stdout) as { ours: string; theirs: string; differences: unknown[] };
    expect(parsed.theirs).toMatch(/drifted\.d\.ts$/);
    expect(parsed.differences).toEqual(driftBetween(base, await sdk(fixture("drifted.d.ts"))));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/usage: npm run spec:drift/);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe("spec:drift: no/such/images.d.ts: no such file or folder\n");
  });
});

describe("our spec and model table against the SDK", () => {
  it("finds no drift against the pinned openai@7.59.0 (node_modules/openai-v7)", async () => {
    const diffs = driftBetween(specSurface(spec), await sdk(pinned));
    expect(formatDrift(diffs, { ours: "openapi/images.yaml", theirs: "openai@7.59.0" })).toBe(
      "No drift between openapi/images.yaml and openai@7.59.0.\n",
    );
  });

  it("reports a field the spec lacks, a model the table lacks and a retirement the table misses", async () => {
    const trimmed = structuredClone(spec) as {
      components: { schemas: { CreateImageRequest: { properties: Record<string, unknown> } } };
    };
    delete trimmed.components.schemas.CreateImageRequest.properties.complexity;
    const ours = specSurface(trimmed as unknown as Json, {
      models: KNOWN_MODELS.filter((m) => m !== "gpt-image-2.6-flare"),
      // As if the table had never heard of gpt-image-1's shutdown.
      retirementOf: (m) => (m === "gpt-image-1" ? undefined : retirementOf(m)),
    });
    const diffs = driftBetween(ours, await sdk(pinned));
    expect(diffs).toContainEqual({
      where: "models",
      field: "gpt-image-2.6-flare",
      change: "added",
      aspect: "model",
    });
    expect(diffs).toContainEqual({
      where: "models",
      field: "gpt-image-1",
      change: "changed",
      aspect: "retired",
      ours: "current",
      theirs: {
        date: "2026-10-23",
        text: '"gpt-image-1": GPT Image 1 was shut down on October 23, 2026.',
      },
    });
    expect(diffs).toContainEqual({
      where: GEN_REQ,
      field: "complexity",
      change: "added",
      aspect: "field",
      theirs: 'enum|null "high" "low" "medium"',
    });
    // The edit's JSON form is compared with the SDK's form minus its uploads: no complaint there.
    expect(diffs.filter((d) => d.where === "POST /images/edits request application/json")).toEqual([]);
  });
});

describe("README", () => {
  it("shows lines the report really prints, in their groups (openai@6.49.0 → 7.59.0, installed)", async () => {
    const readme = await readFile(here("../README.md"), "utf8");
    const excerpt = /Lines from the last one's report[\s\S]*?```text\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
    const groups = (text: string) =>
      text
        .split("\n\n")
        .slice(1)
        .map((g) => g.split("\n").filter((l) => l.length > 0));
    const report = formatDrift(driftBetween(await sdk(here("../node_modules/openai")), await sdk(pinned)), {
      ours: "openai@6.49.0",
      theirs: "openai@7.59.0",
    });
    const shown = groups(excerpt);
    expect(shown.length).toBeGreaterThan(1);
    for (const [place, ...lines] of shown) {
      const real = groups(report).find(([p]) => p === place);
      expect(real, place).toBeDefined();
      for (const line of lines) expect(real).toContain(line);
    }
  });
});

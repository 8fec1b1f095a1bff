/**
 * Requests written against the official SDK's own types (openai@7.59.0, installed as `openai-v7`; it
 * needs Node 22 to run, but its types are all this file uses) for every current model, trying every
 * value those types list. The values are read from the SDK's declaration file with the TypeScript
 * compiler (test/support/sdk-types.ts), not from our rules table. A request the rules accept must also
 * pass the project's spec validator and the client's pre-flight; a request they refuse must be refused
 * for the value tried, by a rule the table states, and never for a value the SDK's documentation says
 * that model supports: a valid request is never refused.
 */
import type {
  ImageEditParamsNonStreaming,
  ImageGenerateParamsNonStreaming,
} from "openai-v7/resources/images";
import { describe, expect, expectTypeOf, it } from "vitest";
import { createImagesClient } from "../src/client.js";
import {
  type EditParams,
  type GenerateParams,
  KNOWN_MODELS,
  MODEL_RULES,
  type ModelRules,
  rulesFor,
  UNSTATED,
  validateRequest,
} from "../src/models/index.js";
import { createSpecValidator } from "../src/server/index.js";
import type { KnownModel } from "../src/types.js";
import { solidPng } from "./server-helpers.js";
import { documentedSupport, sdkDoc, sdkValues } from "./support/sdk-types.js";

type Gen = ImageGenerateParamsNonStreaming;
type Edit = ImageEditParamsNonStreaming;

/** A request as a plain record. The requests here carry no null fields: sdk-7-nulls.test.ts has those. */
const plain = (request: object): Record<string, unknown> => ({ ...request });

const GEN = "ImageGenerateParamsBase";
const EDIT = "ImageEditParamsBase";
// Every value of every enum the SDK's generate and edit types list, read from its images.d.ts.
const SDK = {
  generate: {
    quality: sdkValues(GEN, "quality"),
    background: sdkValues(GEN, "background"),
    output_format: sdkValues(GEN, "output_format"),
    moderation: sdkValues(GEN, "moderation"),
    complexity: sdkValues(GEN, "complexity"),
    size: sdkValues(GEN, "size"),
  },
  edit: {
    quality: sdkValues(EDIT, "quality"),
    input_fidelity: sdkValues(EDIT, "input_fidelity"),
    background: sdkValues(EDIT, "background"),
    output_format: sdkValues(EDIT, "output_format"),
    complexity: sdkValues(EDIT, "complexity"),
    size: sdkValues(EDIT, "size"),
  },
  effort: sdkValues("ImageGenerateParams.Svg.Reasoning", "effort"),
} as const;
type Op = "generate" | "edit";

/** Which models the SDK's documentation says support each value of `param` (none: no such statement). */
const DOCUMENTED: Record<Op, Record<string, Map<string, Set<string>>>> = {
  generate: { quality: documentedSupport(sdkDoc(GEN, "quality"), KNOWN_MODELS) },
  edit: {
    quality: documentedSupport(sdkDoc(EDIT, "quality"), KNOWN_MODELS),
    input_fidelity: documentedSupport(sdkDoc(EDIT, "input_fidelity"), KNOWN_MODELS),
  },
};

/** The current models (the SDK's model type names them; the table knows which are retired). */
const CURRENT = KNOWN_MODELS.filter((m) => !(MODEL_RULES[m] as ModelRules).retired);

/**
 * Whether the table's rule for `model` states that `value` of `param` is refused: the parameter left
 * out of the model's rules (the table's way of saying "not accepted"), or a list without the value.
 * `UNSTATED` never refuses.
 */
function statedRefusal(model: KnownModel, op: Op, param: string, value: unknown): boolean {
  const rule = (rulesFor(model, op) as Record<string, unknown> | undefined)?.[param];
  if (rule === undefined) return true;
  if (rule === UNSTATED) return false;
  if (Array.isArray(rule)) return !rule.includes(value);
  const listed = (rule as { values?: readonly unknown[] }).values;
  return Array.isArray(listed) && !listed.includes(value);
}

/** A request, and the one enum value it tries (undefined for the fixed requests). */
interface Tried<R> {
  request: R;
  param?: string;
  value?: string;
}

function generateRequests(model: KnownModel): Tried<Gen>[] {
  const base = { model, prompt: "A cute baby sea otter" } satisfies Gen;
  const tried: Tried<Gen>[] = [
    { request: base },
    { request: { ...base, n: 10 } },
    { request: { ...base, safety_identifier: "u-7f3a", user: "legacy" } },
  ];
  for (const [param, values] of Object.entries(SDK.generate)) {
    for (const value of values) tried.push({ request: { ...base, [param]: value } as Gen, param, value });
  }
  tried.push(
    ...[
      { ...base, output_format: "jpeg", output_compression: 0 },
      { ...base, output_format: "webp", output_compression: 100 },
      { ...base, output_format: "gif", frame_count: 2, frame_duration_ms: 10 },
      { ...base, output_format: "gif", frame_count: 16, frame_duration_ms: 700_000 },
      { ...base, output_format: "svg", n: 1, svg: { model: "gpt-5" } },
    ].map((request) => ({ request: request as Gen })),
    ...SDK.effort.map((effort) => ({
      request: { ...base, output_format: "svg", svg: { model: "gpt-5", reasoning: { effort } } } as Gen,
    })),
  );
  return tried;
}

function editRequests(model: KnownModel, image: File): Tried<Edit>[] {
  const base = { model, prompt: "Add a beret", image } satisfies Edit;
  const tried: Tried<Edit>[] = [
    { request: base },
    { request: { ...base, image: [image, image] } },
    { request: { ...base, safety_identifier: "u-1" } },
  ];
  for (const [param, values] of Object.entries(SDK.edit)) {
    for (const value of values) tried.push({ request: { ...base, [param]: value } as Edit, param, value });
  }
  tried.push(
    ...[
      { ...base, mask: image },
      { ...base, markup: image },
      { ...base, output_format: "gif", frame_count: 4 },
      { ...base, output_format: "svg", svg: { model: "gpt-5", reasoning: { effort: "low" } } },
    ].map((request) => ({ request: request as Edit })),
  );
  return tried;
}

/**
 * A refusal is acceptable only for the value tried, by a rule the table states, and for a value the
 * SDK's documentation does not give to this model.
 */
function expectRightfulRefusal(
  op: Op,
  model: KnownModel,
  tried: Tried<unknown>,
  errors: readonly { param: string }[],
): void {
  const what = `${op} ${model} ${tried.param ?? "(fixed request)"}=${tried.value ?? ""}: ${JSON.stringify(errors)}`;
  expect(tried.param, `a fixed request was refused: ${what}`).toBeDefined();
  const param = tried.param as string;
  expect(
    errors.map((e) => e.param),
    what,
  ).toEqual(errors.map(() => param));
  expect(statedRefusal(model, op, param, tried.value), `refused without a stated rule: ${what}`).toBe(true);
  const documented = DOCUMENTED[op][param]?.get(tried.value as string);
  expect(documented?.has(model) ?? false, `the SDK documents ${tried.value} for ${model}: ${what}`).toBe(
    false,
  );
}

describe("openai@7.59.0's requests for the current models", async () => {
  const png = new File(
    [new Uint8Array(await solidPng(64, 64, { r: 1, g: 2, b: 3, alpha: 0.5 }))],
    "otter.png",
    {
      type: "image/png",
    },
  );
  const info = { format: "png", width: 64, height: 64, hasAlpha: true, bytes: png.size } as const;
  const spec = createSpecValidator();
  const editErrors = (request: Edit) => {
    const images = {
      image: Array.isArray(request.image) ? request.image.map(() => info) : [info],
      ...(request.mask ? { mask: info } : {}),
      ...(request.markup ? { markup: info } : {}),
    };
    const { image: _i, mask: _m, markup: _k, ...rest } = request;
    return validateRequest("edit", { ...rest, image: request.image }, images).filter(
      (i) => i.severity === "error",
    );
  };

  it("reads every value from the SDK's declaration file, and the SDK's documented support", () => {
    expect(SDK.generate.quality).toEqual(["low", "medium", "high", "xhigh", "max", "auto", "standard", "hd"]);
    expect(SDK.edit.input_fidelity).toEqual(expect.arrayContaining(["high", "low"]));
    expect(SDK.effort).toContain("minimal");
    for (const values of [...Object.values(SDK.generate), ...Object.values(SDK.edit)]) {
      expect(values.length).toBeGreaterThan(1);
    }
    expect([...(DOCUMENTED.edit.input_fidelity?.get("high") ?? [])]).toEqual(["gpt-image-1.5"]);
    expect(DOCUMENTED.generate.quality?.get("xhigh")?.has("gpt-image-2.5-flare-2026-09-08")).toBe(true);
    expect(DOCUMENTED.generate.quality?.get("xhigh")?.has("gpt-image-2")).toBe(false);
    // Every model the SDK names has a row.
    expectTypeOf<Exclude<Extract<Gen["model"], string & KnownModel>, KnownModel>>().toEqualTypeOf<never>();
    expect(CURRENT).toHaveLength(11);
  });

  it.each(CURRENT)(
    "%s: every generate request passes the rules and the spec, or is rightly refused",
    (model) => {
      let accepted = 0;
      for (const tried of generateRequests(model)) {
        const errors = validateRequest("generate", plain(tried.request)).filter(
          (i) => i.severity === "error",
        );
        if (errors.length > 0) {
          expectRightfulRefusal("generate", model, tried, errors);
          continue;
        }
        accepted++;
        const checked = spec.validateRequest({
          method: "POST",
          path: "/images/generations",
          contentType: "application/json",
          body: tried.request,
        });
        expect(checked.errors, JSON.stringify(tried.request)).toEqual([]);
      }
      expect(accepted).toBeGreaterThan(20);
    },
  );

  it.each(CURRENT)("%s: every edit request passes the rules, or is rightly refused", (model) => {
    let accepted = 0;
    for (const tried of editRequests(model, png)) {
      const errors = editErrors(tried.request);
      if (errors.length > 0) expectRightfulRefusal("edit", model, tried, errors);
      else accepted++;
    }
    expect(accepted).toBeGreaterThan(15);
  });

  it("the client sends every one of them to OpenAI's API (pre-flight included, uploads read)", async () => {
    const sent: string[] = [];
    const client = createImagesClient({
      apiKey: "sk-sdk7",
      maxRetries: 0,
      fetch: async (request: Request) => {
        sent.push(new URL(request.url).pathname);
        await request.arrayBuffer();
        return Response.json({ created: 1, data: [] });
      },
    });
    let expected = 0;
    for (const model of CURRENT) {
      for (const { request } of generateRequests(model)) {
        if (validateRequest("generate", plain(request)).some((i) => i.severity === "error")) continue;
        await client.generate(plain(request) as GenerateParams<string> & { stream?: false });
        expected++;
      }
      for (const { request } of editRequests(model, png)) {
        if (editErrors(request).length > 0) continue;
        await client.edit(plain(request) as EditParams<string> & { stream?: false });
        expected++;
      }
    }
    expect(sent).toHaveLength(expected);
    expect(expected).toBeGreaterThan(400);
  });
});

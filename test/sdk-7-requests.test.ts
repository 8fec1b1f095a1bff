/**
 * Requests written against the official SDK's own types (openai@7.59.0, installed as `openai-v7`; it
 * needs Node 22 to run, but its types are all this file uses) for every current model, covering every
 * parameter and value those types list. Each must pass the model rules, the project's spec
 * validator, and the client's pre-flight: a valid request is never refused. The value lists are
 * checked against the SDK's types at compile time, so a value the SDK adds fails `npm run typecheck`
 * until it is covered here.
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

type Gen = ImageGenerateParamsNonStreaming;
type Edit = ImageEditParamsNonStreaming;
type Values<T> = readonly NonNullable<T>[];

/** A request as a plain record. The requests here carry no null fields: sdk-7-nulls.test.ts has those. */
const plain = (request: object): Record<string, unknown> => ({ ...request });

// Every value of every enum the SDK's generate and edit types list.
const QUALITY = ["low", "medium", "high", "xhigh", "max", "auto"] as const satisfies Values<Gen["quality"]>;
const LEGACY_QUALITY = ["standard", "hd"] as const satisfies Values<Gen["quality"]>;
const BACKGROUND = ["transparent", "opaque", "auto"] as const satisfies Values<Gen["background"]>;
const FORMAT = ["png", "jpeg", "webp", "gif", "svg"] as const satisfies Values<Gen["output_format"]>;
const MODERATION = ["low", "auto"] as const satisfies Values<Gen["moderation"]>;
const COMPLEXITY = ["low", "medium", "high"] as const satisfies Values<Gen["complexity"]>;
const SIZE = ["auto", "1024x1024", "1536x1024", "1024x1536"] as const satisfies Values<Gen["size"]>;
const EFFORT = ["none", "minimal", "low", "medium", "high", "xhigh", "max"] as const satisfies Values<
  NonNullable<NonNullable<Gen["svg"]>["reasoning"]>["effort"]
>;
const FIDELITY = ["high", "low"] as const satisfies Values<Edit["input_fidelity"]>;

/** The current models (the SDK's model type names them; the table knows which are retired). */
const CURRENT = KNOWN_MODELS.filter((m) => !(MODEL_RULES[m] as ModelRules).retired);

/** Whether the table's rule for `model` lists `value` for `param` (or leaves it unstated). */
function listed(model: KnownModel, op: "generate" | "edit", param: string, value: unknown): boolean {
  const rule = (rulesFor(model, op) as Record<string, unknown> | undefined)?.[param];
  return rule === UNSTATED || (Array.isArray(rule) && rule.includes(value));
}

function generateRequests(model: KnownModel): Gen[] {
  const base = { model, prompt: "A cute baby sea otter" } satisfies Gen;
  const requests: Gen[] = [
    base,
    { ...base, n: 10 },
    { ...base, safety_identifier: "u-7f3a", user: "legacy" },
  ];
  for (const size of SIZE) requests.push({ ...base, size });
  // xhigh and max are documented for the 2.5 models only (openai@7.12.1).
  for (const quality of QUALITY)
    if (listed(model, "generate", "quality", quality)) requests.push({ ...base, quality });
  for (const background of BACKGROUND) requests.push({ ...base, background });
  for (const moderation of MODERATION) requests.push({ ...base, moderation });
  for (const complexity of COMPLEXITY) requests.push({ ...base, complexity });
  for (const output_format of FORMAT) requests.push({ ...base, output_format });
  requests.push(
    { ...base, output_format: "jpeg", output_compression: 0 },
    { ...base, output_format: "webp", output_compression: 100 },
    { ...base, output_format: "gif", frame_count: 2, frame_duration_ms: 10 },
    { ...base, output_format: "gif", frame_count: 16, frame_duration_ms: 700_000 },
    { ...base, output_format: "svg", n: 1, svg: { model: "gpt-5" } },
    ...EFFORT.map(
      (effort): Gen => ({ ...base, output_format: "svg", svg: { model: "gpt-5", reasoning: { effort } } }),
    ),
  );
  return requests;
}

function editRequests(model: KnownModel, image: File): Edit[] {
  const base = { model, prompt: "Add a beret", image } satisfies Edit;
  const requests: Edit[] = [base, { ...base, image: [image, image] }, { ...base, safety_identifier: "u-1" }];
  for (const quality of QUALITY)
    if (listed(model, "edit", "quality", quality)) requests.push({ ...base, quality });
  // input_fidelity: high and low on gpt-image-1.5, low only on gpt-image-1-mini, omitted for gpt-image-2 (7.30.0).
  for (const input_fidelity of FIDELITY) {
    if (listed(model, "edit", "input_fidelity", input_fidelity)) requests.push({ ...base, input_fidelity });
  }
  for (const output_format of FORMAT) requests.push({ ...base, output_format });
  for (const complexity of COMPLEXITY) requests.push({ ...base, complexity });
  requests.push(
    { ...base, mask: image },
    { ...base, markup: image },
    { ...base, output_format: "gif", frame_count: 4 },
    { ...base, output_format: "svg", svg: { model: "gpt-5", reasoning: { effort: "low" } } },
  );
  return requests;
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

  it("cover every value the SDK's types list (checked at compile time)", () => {
    expectTypeOf<
      Exclude<NonNullable<Gen["quality"]>, (typeof QUALITY | typeof LEGACY_QUALITY)[number]>
    >().toEqualTypeOf<never>();
    expectTypeOf<
      Exclude<NonNullable<Gen["output_format"]>, (typeof FORMAT)[number]>
    >().toEqualTypeOf<never>();
    expectTypeOf<
      Exclude<NonNullable<Gen["background"]>, (typeof BACKGROUND)[number]>
    >().toEqualTypeOf<never>();
    expectTypeOf<
      Exclude<NonNullable<Gen["complexity"]>, (typeof COMPLEXITY)[number]>
    >().toEqualTypeOf<never>();
    expectTypeOf<
      Exclude<NonNullable<Edit["input_fidelity"]>, (typeof FIDELITY)[number]>
    >().toEqualTypeOf<never>();
    // Every model the SDK names has a row.
    expectTypeOf<Exclude<Extract<Gen["model"], string & KnownModel>, KnownModel>>().toEqualTypeOf<never>();
    expect(CURRENT).toHaveLength(11);
  });

  it.each(CURRENT)("%s: every generate request passes the rules and the spec", (model) => {
    for (const request of generateRequests(model)) {
      const errors = validateRequest("generate", plain(request)).filter((i) => i.severity === "error");
      expect(errors, JSON.stringify(request)).toEqual([]);
      const checked = spec.validateRequest({
        method: "POST",
        path: "/images/generations",
        contentType: "application/json",
        body: request,
      });
      expect(checked.errors, JSON.stringify(request)).toEqual([]);
    }
  });

  it.each(CURRENT)("%s: every edit request passes the rules", (model) => {
    for (const request of editRequests(model, png)) {
      const images = {
        image: Array.isArray(request.image) ? request.image.map(() => info) : [info],
        ...(request.mask ? { mask: info } : {}),
        ...(request.markup ? { markup: info } : {}),
      };
      const { image: _i, mask: _m, markup: _k, ...rest } = request;
      const errors = validateRequest("edit", { ...rest, image: request.image }, images).filter(
        (i) => i.severity === "error",
      );
      expect(errors, JSON.stringify(rest)).toEqual([]);
    }
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
      for (const request of generateRequests(model)) {
        await client.generate(plain(request) as GenerateParams<string> & { stream?: false });
        expected++;
      }
      for (const request of editRequests(model, png)) {
        await client.edit(plain(request) as EditParams<string> & { stream?: false });
        expected++;
      }
    }
    expect(sent).toHaveLength(expected);
    expect(expected).toBeGreaterThan(400);
  });
});

/**
 * Every example request of the four seed documents (the API reference pages the project was built
 * from) passes validation: the rules must never refuse what the reference itself shows. The requests
 * are copied here as data (the seeds are not part of the repository); seed 002 shows no request.
 * Some name models OpenAI has since retired (openai@7.28.0, 7.45.1): they are checked as for a server
 * that still serves them, where the retirement is a warning.
 */
import { describe, expect, it } from "vitest";
import type { ImageInfo, Operation, RequestImages } from "../src/models/index.js";
import { validateRequest } from "../src/models/index.js";

const upload = new Blob(["Example data"]);
// The gift-basket example uploads four product photos; these are their header facts as PNGs.
const photo: ImageInfo = { format: "png", width: 1024, height: 1024, hasAlpha: false, bytes: 1_500_000 };
const giftBasketPrompt = `
Generate a photorealistic image of a gift basket on a white background
labeled 'Relax & Unwind' with a ribbon and handwriting-like font,
containing all the items in the reference pictures.
`;

interface Example {
  seed: string;
  op: Operation;
  params: Record<string, unknown>;
  images?: RequestImages;
}

const examples: Example[] = [
  { seed: "000 Create image: Example", op: "generate", params: { prompt: "A cute baby sea otter" } },
  {
    seed: "000 Create image: Generate image",
    op: "generate",
    params: { model: "gpt-image-1.5", prompt: "A cute baby sea otter", n: 1, size: "1024x1024" },
  },
  {
    seed: "000 Create image: Streaming",
    op: "generate",
    params: {
      model: "gpt-image-1.5",
      prompt: "A cute baby sea otter",
      n: 1,
      size: "1024x1024",
      stream: true,
    },
  },
  {
    // `image=b"Example data"` is a placeholder, not an image: the request is checked without header facts.
    seed: "000 Create image edit: Example",
    op: "edit",
    params: { image: upload, prompt: "A cute baby sea otter wearing a beret" },
  },
  {
    seed: "000 Create image edit: Edit image",
    op: "edit",
    params: { model: "gpt-image-1.5", image: [upload, upload, upload, upload], prompt: giftBasketPrompt },
    images: { image: [photo, photo, photo, photo] },
  },
  {
    seed: "000 Create image edit: Streaming",
    op: "edit",
    params: {
      model: "gpt-image-1.5",
      image: [upload, upload, upload, upload],
      prompt: giftBasketPrompt,
      stream: true,
    },
    images: { image: [photo, photo, photo, photo] },
  },
  { seed: "000 Create image variation: Example", op: "variation", params: { image: upload } },
  {
    seed: "000 Create image variation: Example (n=2)",
    op: "variation",
    params: { image: upload, n: 2, size: "1024x1024" },
    images: { image: [{ ...photo, hasAlpha: true }] },
  },
  {
    seed: "003 Create image: Example Python Request",
    op: "generate",
    params: { model: "gpt-image-1", prompt: "A cute baby sea otter", n: 1, size: "1024x1024" },
  },
  {
    // The reference's "every parameter" example: GPT-only and DALL·E-only parameters with no model.
    seed: "004 Create image: Example",
    op: "generate",
    params: {
      prompt: "A cute baby sea otter",
      background: "transparent",
      moderation: "low",
      n: 1,
      output_compression: 100,
      output_format: "png",
      partial_images: 1,
      quality: "medium",
      response_format: "url",
      size: "1024x1024",
      style: "vivid",
      user: "user-1234",
    },
  },
  {
    seed: "004 Create image: Generate image",
    op: "generate",
    params: { model: "gpt-image-1.5", prompt: "A cute baby sea otter", n: 1, size: "1024x1024" },
  },
  {
    seed: "004 Create image: Streaming",
    op: "generate",
    params: {
      model: "gpt-image-1.5",
      prompt: "A cute baby sea otter",
      n: 1,
      size: "1024x1024",
      stream: true,
    },
  },
];

/** The "every parameter" example names no model and mixes GPT-only with DALL·E-only parameters. */
const EVERY_PARAMETER = "004 Create image: Example";

describe("the seed documents' example requests", () => {
  it.each(examples.filter((e) => e.seed !== EVERY_PARAMETER).map((e) => [e.seed, e] as const))(
    "%s passes validation",
    (_seed, example) => {
      const issues = validateRequest(example.op, example.params, example.images, { target: "other" });
      expect(issues.filter((i) => i.severity === "error")).toEqual([]);
    },
  );

  it("the every-parameter example: only the legacy DALL·E parameters are refused with today's default model", () => {
    // In the seeds the API picked a model among several; since openai@7.28.0 no default is documented
    // and the client names one, whose rules refuse the retired models' `style` and `response_format`.
    const example = examples.find((e) => e.seed === EVERY_PARAMETER);
    const issues = validateRequest("generate", example?.params ?? {});
    expect(issues.filter((i) => i.severity === "error").map((i) => i.param)).toEqual([
      "response_format",
      "style",
    ]);
    // Without those two, the GPT image models take every other parameter of the example.
    const { style: _s, response_format: _r, ...rest } = example?.params ?? {};
    expect(validateRequest("generate", rest).filter((i) => i.severity === "error")).toEqual([]);
  });
});

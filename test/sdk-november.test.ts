/**
 * The November 2026 API against the local server with the official `openai` SDK, unmodified: the
 * newest release that runs on this machine's Node 20 (openai 6.49.0: every 7.x release requires
 * Node 22; scripts/check-runtimes.ts runs the newest 7.x there). Its requests and the answers go
 * through the suite's contract checker (test/support/contract-setup.ts), and the server checks its
 * own answers against the spec.
 */
import OpenAI, { toFile } from "openai";
import type OpenAIv7 from "openai-v7";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type ImagesServer, startImagesServer } from "../src/server/index.js";
import { allowSpecViolations } from "./support/contract-setup.js";
import {
  arbitrarySize,
  everyCurrentModelEdits,
  everyCurrentModelGenerates,
  expectRefused,
  gif,
  markupEdit,
  markupPng,
  REFUSALS,
  type SdkContext,
  safetyIdentifier,
  solidPng,
  svg,
  svgFacts,
  transparent,
  xhighAndMax,
} from "./support/sdk-scenarios.js";

let server: ImagesServer;
let refusing: ImagesServer;
let ctx: SdkContext;
let ctxRefusing: SdkContext;

/**
 * The scenarios are typed with the newest SDK's request types, which name the new parameters; the
 * 6.49 client is the same class at run time and sends whatever body it is given, unchanged.
 */
function context(url: string): SdkContext {
  const sdk = new OpenAI({ apiKey: "test", baseURL: url, maxRetries: 0 });
  return { sdk: sdk as unknown as OpenAIv7, toFile: toFile as unknown as SdkContext["toFile"] };
}

beforeAll(async () => {
  server = await startImagesServer({ retired: "serve" });
  refusing = await startImagesServer();
  ctx = context(server.url);
  ctxRefusing = context(refusing.url);
});
afterAll(() => Promise.all([server.close(), refusing.close()]));
afterEach(() => {
  expect(server.specViolations).toEqual([]);
  expect(refusing.specViolations).toEqual([]);
});

describe("new models and values (official SDK)", () => {
  it("every current model generates", () => everyCurrentModelGenerates(ctx));
  it("every current model edits", () => everyCurrentModelEdits(ctx));
  it("quality xhigh and max: reported, usage as the local server documents it (synthetic: OpenAI publishes no figures), drawn with more detail than high", () =>
    xhighAndMax(ctx));
  it("a 2.5 model draws an arbitrary size", () => arbitrarySize(ctx));
  it("transparent backgrounds where allowed", () => transparent(ctx));
  it("safety_identifier is echoed as the effective identifier, falling back to user", () =>
    safetyIdentifier(ctx));

  it("complexity is accepted and changes the picture deterministically", async () => {
    const draw = async (complexity: "low" | "high") =>
      (await ctx.sdk.images.generate({ model: "gpt-image-2.6-flare", prompt: "a maze", complexity }))
        .data?.[0]?.b64_json;
    const [low, high, lowAgain] = [await draw("low"), await draw("high"), await draw("low")];
    expect(low).toBe(lowAgain);
    expect(high).not.toBe(low);
  });
});

describe("GIF and SVG output (official SDK)", () => {
  it("GIF: an animation with frame_count frames and the rounded delay", () => gif(ctx));
  it("SVG: a document with the requested viewBox, the prompt and svg_usage", () => svg(ctx));

  it("SVG edits take the JSON svg object too", async () => {
    const png = await solidPng(64, 64, { r: 1, g: 2, b: 3 });
    const res = await fetch(`${server.url}/images/edits`, {
      method: "POST",
      headers: { authorization: "Bearer test", "content-type": "application/json" },
      body: JSON.stringify({
        model: "gpt-image-2.5-flare",
        prompt: "a frame",
        images: [{ image_url: `data:image/png;base64,${png.toString("base64")}` }],
        output_format: "svg",
        svg: { model: "svg-author-3", reasoning: { effort: "high" } },
      }),
    });
    const body = (await res.json()) as { data: [{ b64_json: string }]; svg_usage: { model: string } };
    expect(res.status).toBe(200);
    expect(body.svg_usage.model).toBe("svg-author-3");
    expect(svgFacts(Buffer.from(body.data[0].b64_json, "base64").toString("utf8")).viewBox).toBe(
      "0 0 1024 1024",
    );
  });
});

describe("markup (official SDK)", () => {
  it("the overlay shows in the edited picture", () => markupEdit(ctx));

  it("JSON edits take markup as an image reference", async () => {
    const dataUrl = (b: Buffer) => `data:image/png;base64,${b.toString("base64")}`;
    const send = (markup: Buffer) =>
      fetch(`${server.url}/images/edits`, {
        method: "POST",
        headers: { authorization: "Bearer test", "content-type": "application/json" },
        body: JSON.stringify({
          model: "gpt-image-2.5-flare",
          prompt: "x",
          images: [{ image_url: dataUrl(solid) }],
          markup: { image_url: dataUrl(markup) },
        }),
      });
    const solid = await solidPng(64, 64, { r: 9, g: 9, b: 9 });
    expect((await send(await markupPng(64, 64))).status).toBe(200);
    const refused = await send(await markupPng(64, 64, true));
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { param: string } }).error.param).toBe("markup");
  });
});

describe("refused combinations: 400 in the API's error shape, naming the parameter (official SDK)", () => {
  it.each(REFUSALS.map((r) => [r.name, r] as const))("%s", (_name, refusal) => expectRefused(ctx, refusal));

  it("an unknown SVG reasoning effort (refused by the spec itself)", async () => {
    allowSpecViolations("the request sends an svg.reasoning.effort the spec does not list, on purpose");
    await expectRefused(ctx, {
      name: "svg effort",
      param: "svg.reasoning.effort",
      call: ({ sdk }) =>
        sdk.images.generate({
          model: "gpt-image-2.5-flare",
          prompt: "x",
          output_format: "svg",
          svg: { model: "svg-author-1", reasoning: { effort: "enormous" as "max" } },
        }),
    });
  });
});

describe("lifecycle: retired models and the variations endpoint", () => {
  it('are served with retired: "serve", so older suites keep passing', async () => {
    const png = await toFile(await solidPng(64, 64, { r: 1, g: 2, b: 3 }), "in.png", { type: "image/png" });
    expect((await ctx.sdk.images.generate({ model: "gpt-image-1", prompt: "otter" })).data).toHaveLength(1);
    expect((await ctx.sdk.images.generate({ model: "dall-e-3", prompt: "otter" })).data).toHaveLength(1);
    expect(
      (await ctx.sdk.images.createVariation({ image: png as never, size: "256x256" })).data,
    ).toHaveLength(1);
  });

  it("by default, a retired model does not exist, as OpenAI's API answers", async () => {
    for (const model of ["gpt-image-1", "dall-e-3"] as const) {
      const err = (await ctxRefusing.sdk.images
        .generate({ model, prompt: "otter" })
        .catch((e: unknown) => e)) as {
        status: number;
        type: string;
        param: string;
        code: string;
        message: string;
      };
      expect(err).toMatchObject({
        status: 400,
        type: "image_generation_user_error",
        param: "model",
        code: "invalid_value",
      });
      expect(err.message).toContain(`The model '${model}' does not exist.`);
    }
    // Current models are served as usual.
    expect(
      (await ctxRefusing.sdk.images.generate({ model: "gpt-image-2.5-flare", prompt: "otter" })).data,
    ).toHaveLength(1);
  });

  it("by default, the variations endpoint is a bare 404 without a body, as OpenAI's API answers", async () => {
    allowSpecViolations("the API's bare 404 has no body, which the spec does not describe");
    const png = await toFile(await solidPng(64, 64, { r: 1, g: 2, b: 3 }), "in.png", { type: "image/png" });
    const res = await ctxRefusing.sdk.images
      .createVariation({ image: png as never })
      .asResponse()
      .catch((e: unknown) => e);
    const err = res as { status: number; error: unknown };
    expect(err.status).toBe(404);
    expect(err.error).toBeUndefined();
  });
});

/**
 * The request plan (the model resolved once, model-aware defaults) and what each validation mode does
 * with the issues.
 */
import { describe, expect, it } from "vitest";
import { isImagesValidationError, type ValidationIssue } from "../src/errors.js";
import {
  createWarningReporter,
  DEFAULT_MODELS,
  enforceValidation,
  planRequest,
  resolveModel,
  validateRequest,
} from "../src/models/index.js";

const prompt = "A cute baby sea otter";
const image = new Blob(["png"]);
const mixed = { response_format: "b64_json", output_format: "webp" } as const;

/** The parameters a plan sends. */
const planned = (...args: Parameters<typeof planRequest>) => planRequest(...args).params;

describe("planRequest: defaults", () => {
  it("sends response_format to DALL·E models only and output_format to GPT image models only", () => {
    expect(planned("generate", { model: "dall-e-3", prompt }, { defaults: mixed })).toEqual({
      model: "dall-e-3",
      prompt,
      response_format: "b64_json",
    });
    expect(planned("generate", { model: "gpt-image-1.5", prompt }, { defaults: mixed })).toEqual({
      model: "gpt-image-1.5",
      prompt,
      output_format: "webp",
    });
    expect(planned("edit", { model: "dall-e-2", prompt, image }, { defaults: mixed })).toEqual({
      model: "dall-e-2",
      prompt,
      image,
      response_format: "b64_json",
    });
  });

  it("never overrides what the caller passed, including 0, false and empty strings", () => {
    const params = {
      model: "gpt-image-1.5",
      prompt,
      output_format: "jpeg",
      output_compression: 0,
      stream: false,
      safety_identifier: "",
    };
    const out = planned("generate", params, {
      defaults: { output_format: "webp", output_compression: 80, safety_identifier: "default-user", n: 2 },
    });
    expect(out).toEqual({ ...params, n: 2 });
  });

  it("gives per-model defaults precedence over client-wide ones", () => {
    const defaults = { quality: "high", byModel: { "gpt-image-2.5-flare": { quality: "max" } } } as const;
    expect(planned("generate", { model: "gpt-image-2.5-flare", prompt }, { defaults }).quality).toBe("max");
    expect(planned("generate", { model: "gpt-image-1.5", prompt }, { defaults }).quality).toBe("high");
    // dall-e-2 takes neither: nothing is added.
    expect(planned("generate", { model: "dall-e-2", prompt }, { defaults })).not.toHaveProperty("quality");
  });

  it("sends a default only to the models whose rules accept its value", () => {
    const defaults = { quality: "xhigh", complexity: "high" } as const;
    expect(planned("generate", { model: "gpt-image-2.5-sunburst", prompt }, { defaults })).toMatchObject(
      defaults,
    );
    expect(planned("generate", { model: "gpt-image-1.5", prompt }, { defaults })).toEqual({
      model: "gpt-image-1.5",
      prompt,
      complexity: "high",
    });
  });

  it("drops a default that breaks a rule together with the caller's parameters", () => {
    const defaults = { output_compression: 60, background: "transparent" } as const;
    expect(
      planned("generate", { model: "gpt-image-1.5", prompt, output_format: "png" }, { defaults }),
    ).toEqual({
      model: "gpt-image-1.5",
      prompt,
      output_format: "png",
      background: "transparent",
    });
    expect(
      planned("generate", { model: "gpt-image-1.5", prompt, output_format: "jpeg" }, { defaults }),
    ).toEqual({
      model: "gpt-image-1.5",
      prompt,
      output_format: "jpeg",
      output_compression: 60,
    });
    // A GIF default gives way to the caller's stream; frame_count needs the GIF it came with.
    expect(
      planned(
        "generate",
        { model: "gpt-image-2.5-flare", prompt, stream: true },
        {
          defaults: { output_format: "gif", frame_count: 4 },
        },
      ),
    ).toEqual({ model: "gpt-image-2.5-flare", prompt, stream: true });
  });

  it("when two defaults clash, the less specific one gives way", () => {
    const out = planned(
      "generate",
      { model: "gpt-image-1.5", prompt },
      {
        defaults: { output_compression: 60, byModel: { "gpt-image-1.5": { output_format: "png" } } },
      },
    );
    expect(out).toEqual({ model: "gpt-image-1.5", prompt, output_format: "png" });
  });

  it("gives unknown models every default, and keeps text parameters to their operations", () => {
    const out = planned(
      "edit",
      { model: "my-local-model", prompt, image },
      { defaults: { ...mixed, style: "vivid", moderation: "low", n: 3, safety_identifier: "u-1" } },
    );
    expect(out).toEqual({
      model: "my-local-model",
      prompt,
      image,
      ...mixed,
      style: "vivid",
      moderation: "low",
      n: 3,
      safety_identifier: "u-1",
    });
    expect(
      planned("variation", { model: "my-local-model", image }, { defaults: { safety_identifier: "u-1" } }),
    ).toEqual({
      model: "my-local-model",
      image,
    });
  });
});

describe("planRequest: the model, resolved once", () => {
  it("is the request's model, else the client's (where it supports the operation), else the documented default", () => {
    expect(planRequest("generate", { model: "dall-e-3", prompt })).toMatchObject({
      model: "dall-e-3",
      source: "request",
    });
    expect(planRequest("generate", { prompt }, { model: "gpt-image-1.5" })).toMatchObject({
      model: "gpt-image-1.5",
      source: "client",
    });
    // Variations are dall-e-2 only: the client's GPT model does not apply.
    expect(planRequest("variation", { image }, { model: "gpt-image-1.5" })).toMatchObject({
      model: "dall-e-2",
      source: "default",
    });
    expect(planRequest("generate", { prompt })).toMatchObject({
      model: DEFAULT_MODELS.generate,
      source: "default",
    });
    expect(planRequest("edit", { prompt, image })).toMatchObject({
      model: DEFAULT_MODELS.edit,
      source: "default",
    });
  });

  it("always names the model in what is sent: the API documents no default since openai@7.28.0", () => {
    expect(planRequest("generate", { prompt }).params).toEqual({ prompt, model: "gpt-image-2.5-sunburst" });
    expect(planRequest("edit", { prompt, image }, { model: "my-local-model" }).params.model).toBe(
      "my-local-model",
    );
  });

  it("passes unknown models through", () => {
    expect(resolveModel("edit", { model: "flux-dev" })).toEqual({ model: "flux-dev", source: "request" });
    // No error anywhere; on OpenAI's API (the default target) a warning that it answers "does not exist".
    expect(validateRequest("edit", { model: "flux-dev" }, undefined, { target: "other" })).toEqual([]);
    expect(validateRequest("edit", { model: "flux-dev" })).toEqual([
      expect.objectContaining({ param: "model", severity: "warning", code: "invalid_value" }),
    ]);
  });
});

describe("enforceValidation and the warning reporter", () => {
  const issues = validateRequest("generate", {
    model: "gpt-image-1.5",
    prompt,
    n: 11,
    size: "256x256",
    quality: "xhigh",
  });

  it("strict: throws one ImagesValidationError carrying every issue", () => {
    let caught: unknown;
    try {
      enforceValidation(issues, { mode: "strict", model: "gpt-image-1.5", report: () => {} });
    } catch (err) {
      caught = err;
    }
    expect(isImagesValidationError(caught)).toBe(true);
    if (!isImagesValidationError(caught)) return;
    expect(caught.param).toBe("n");
    expect(caught.value).toBe(11);
    expect(caught.model).toBe("gpt-image-1.5");
    expect(caught.issues.map((i) => i.param)).toEqual(["n", "size", "quality"]);
    expect(caught.message).toContain("(and 2 more problems)");
  });

  it("strict with only warnings, and warn: report instead of throwing", () => {
    const reported: ValidationIssue[] = [];
    const warnings = validateRequest("generate", { model: "gpt-image-2", prompt, size: "3840x2160" });
    enforceValidation(warnings, { mode: "strict", model: "gpt-image-2", report: (i) => reported.push(i) });
    enforceValidation(issues, { mode: "warn", model: "gpt-image-1.5", report: (i) => reported.push(i) });
    expect(reported.map((i) => i.param)).toEqual(["size", "n", "size", "quality"]);
  });

  it("off: does nothing", () => {
    const reported: ValidationIssue[] = [];
    enforceValidation(issues, { mode: "off", model: "gpt-image-1.5", report: (i) => reported.push(i) });
    expect(reported).toEqual([]);
  });

  it("reports each distinct problem once", () => {
    const seen: string[] = [];
    const report = createWarningReporter((i) => seen.push(i.param));
    for (let k = 0; k < 3; k++) for (const i of issues) report(i);
    expect(seen).toEqual(["n", "size", "quality"]);
  });
});

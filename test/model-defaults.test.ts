/**
 * Model-aware defaults, the effective model, and what each validation mode does with the issues.
 */
import { describe, expect, it } from "vitest";
import { isImagesValidationError, type ValidationIssue } from "../src/errors.js";
import {
  applyDefaults,
  createWarningReporter,
  effectiveModel,
  enforceValidation,
  validateRequest,
} from "../src/models/index.js";

const prompt = "A cute baby sea otter";
const image = new Blob(["png"]);
const mixed = { response_format: "b64_json", output_format: "webp" } as const;

describe("applyDefaults", () => {
  it("sends response_format to DALL·E models only and output_format to GPT image models only", () => {
    expect(applyDefaults("generate", { model: "dall-e-3", prompt }, { defaults: mixed })).toEqual({
      model: "dall-e-3",
      prompt,
      response_format: "b64_json",
    });
    expect(applyDefaults("generate", { model: "gpt-image-1", prompt }, { defaults: mixed })).toEqual({
      model: "gpt-image-1",
      prompt,
      output_format: "webp",
    });
    expect(applyDefaults("edit", { model: "dall-e-2", prompt, image }, { defaults: mixed })).toEqual({
      model: "dall-e-2",
      prompt,
      image,
      response_format: "b64_json",
    });
  });

  it("never overrides what the caller passed, including 0, false and empty strings", () => {
    const params = {
      model: "gpt-image-1",
      prompt,
      output_format: "jpeg",
      output_compression: 0,
      stream: false,
      user: "",
    };
    const out = applyDefaults("generate", params, {
      defaults: { output_format: "webp", output_compression: 80, user: "default-user", n: 2 },
    });
    expect(out).toEqual({ ...params, n: 2 });
  });

  it("gives per-model defaults precedence over client-wide ones", () => {
    const defaults = { quality: "high", byModel: { "dall-e-3": { quality: "hd" } } } as const;
    expect(applyDefaults("generate", { model: "dall-e-3", prompt }, { defaults }).quality).toBe("hd");
    expect(applyDefaults("generate", { model: "gpt-image-1", prompt }, { defaults }).quality).toBe("high");
    // dall-e-2 accepts neither: nothing is added.
    expect(applyDefaults("generate", { model: "dall-e-2", prompt }, { defaults })).not.toHaveProperty(
      "quality",
    );
  });

  it("skips a default that breaks a rule together with the caller's parameters", () => {
    const out = applyDefaults(
      "generate",
      { model: "gpt-image-1", prompt, output_format: "png" },
      { defaults: { output_compression: 60, background: "transparent" } },
    );
    expect(out).toEqual({ model: "gpt-image-1", prompt, output_format: "png", background: "transparent" });
    const jpeg = applyDefaults(
      "generate",
      { model: "gpt-image-1", prompt, output_format: "jpeg" },
      { defaults: { output_compression: 60, background: "transparent" } },
    );
    expect(jpeg).toEqual({ model: "gpt-image-1", prompt, output_format: "jpeg", output_compression: 60 });
  });

  it("does not let a GPT-only default move a generation off the API's default model", () => {
    // No model: the API uses dall-e-2, so output_format would be refused (and would change the model).
    expect(applyDefaults("generate", { prompt }, { defaults: mixed })).toEqual({
      prompt,
      response_format: "b64_json",
    });
  });

  it("uses the client's model only for operations it supports", () => {
    const config = { model: "gpt-image-1", defaults: { n: 2 } };
    expect(applyDefaults("generate", { prompt }, config).model).toBe("gpt-image-1");
    expect(applyDefaults("edit", { prompt, image }, config).model).toBe("gpt-image-1");
    // Variations are dall-e-2 only: the API's default applies instead.
    expect(applyDefaults("variation", { image }, config)).toEqual({ image, n: 2 });
    expect(applyDefaults("generate", { model: "dall-e-3", prompt }, config).model).toBe("dall-e-3");
  });

  it("gives unknown models every default the operation documents, and nothing else", () => {
    const out = applyDefaults(
      "edit",
      { model: "my-local-model", prompt, image },
      { defaults: { ...mixed, style: "vivid", moderation: "low", n: 3 } },
    );
    expect(out).toEqual({ model: "my-local-model", prompt, image, ...mixed, n: 3 });
  });
});

describe("effectiveModel", () => {
  it("is the explicit model, else the operation's default", () => {
    expect(effectiveModel("generate", { model: "dall-e-3", prompt })).toMatchObject({
      model: "dall-e-3",
      known: true,
      source: "explicit",
    });
    expect(effectiveModel("generate", { prompt })).toMatchObject({ model: "dall-e-2", source: "default" });
    expect(effectiveModel("edit", { prompt })).toMatchObject({ model: "gpt-image-1.5", source: "default" });
    expect(effectiveModel("variation", {})).toMatchObject({ model: "dall-e-2", source: "default" });
  });

  it("infers a GPT image model from a GPT-only parameter, but not from stream: false", () => {
    const r = effectiveModel("generate", { prompt, moderation: "low" });
    expect(r).toMatchObject({
      model: undefined,
      known: true,
      source: "gpt-inferred",
      because: ["moderation"],
    });
    expect(r.candidates).toContain("gpt-image-2");
    expect(r.candidates).not.toContain("dall-e-2");
    expect(effectiveModel("generate", { prompt, stream: false }).model).toBe("dall-e-2");
    expect(effectiveModel("generate", { prompt, stream: true }).source).toBe("gpt-inferred");
  });

  it("passes unknown models through", () => {
    expect(effectiveModel("edit", { model: "flux-dev" })).toEqual({
      model: "flux-dev",
      known: false,
      candidates: [],
      source: "explicit",
      because: [],
    });
    expect(validateRequest("edit", { model: "flux-dev" })).toEqual([]);
  });
});

describe("enforceValidation and the warning reporter", () => {
  const issues = validateRequest("generate", {
    model: "dall-e-3",
    prompt,
    n: 2,
    size: "256x256",
    quality: "high",
  });

  it("strict: throws one ImagesValidationError carrying every issue", () => {
    let caught: unknown;
    try {
      enforceValidation(issues, { mode: "strict", model: "dall-e-3", report: () => {} });
    } catch (err) {
      caught = err;
    }
    expect(isImagesValidationError(caught)).toBe(true);
    if (!isImagesValidationError(caught)) return;
    expect(caught.param).toBe("n");
    expect(caught.value).toBe(2);
    expect(caught.model).toBe("dall-e-3");
    expect(caught.issues.map((i) => i.param)).toEqual(["n", "size", "quality"]);
    expect(caught.message).toContain("(and 2 more problems)");
  });

  it("strict with only warnings, and warn: report instead of throwing", () => {
    const reported: ValidationIssue[] = [];
    const warnings = validateRequest("generate", { model: "gpt-image-2", prompt, size: "3840x2160" });
    enforceValidation(warnings, { mode: "strict", model: "gpt-image-2", report: (i) => reported.push(i) });
    enforceValidation(issues, { mode: "warn", model: "dall-e-3", report: (i) => reported.push(i) });
    expect(reported.map((i) => i.param)).toEqual(["size", "n", "size", "quality"]);
  });

  it("off: does nothing", () => {
    const reported: ValidationIssue[] = [];
    enforceValidation(issues, { mode: "off", model: "dall-e-3", report: (i) => reported.push(i) });
    expect(reported).toEqual([]);
  });

  it("reports each distinct problem once", () => {
    const seen: string[] = [];
    const report = createWarningReporter((i) => seen.push(i.param));
    for (let k = 0; k < 3; k++) for (const i of issues) report(i);
    expect(seen).toEqual(["n", "size", "quality"]);
  });
});

/**
 * "Ask for base64?" has one answer, read from the model table, shared by the CLI, the batch runner
 * and the local server: DALL·E models answer with URLs unless asked, GPT image models and unknown
 * models in base64.
 */
import { describe, expect, it } from "vitest";
import { sendParams } from "../src/batch/request-params.js";
import { KNOWN_MODELS, MODEL_RULES, rulesFor } from "../src/models/index.js";
import { asksForBase64, defaultResponseFormat } from "../src/models/response-format.js";
import { startImagesServer } from "../src/server/index.js";

describe("defaultResponseFormat", () => {
  it("is url exactly for the operations of the DALL·E family (their rules take response_format: url)", () => {
    for (const model of KNOWN_MODELS) {
      for (const op of ["generate", "edit", "variation"] as const) {
        if (!rulesFor(model, op)) continue;
        const expected = MODEL_RULES[model].family === "dall-e" ? "url" : "b64_json";
        expect([model, op, defaultResponseFormat(op, model)]).toEqual([model, op, expected]);
        expect(asksForBase64(op, model)).toBe(expected === "url");
      }
    }
    expect(defaultResponseFormat("generate", "flux-dev")).toBe("b64_json");
  });

  it("decides what a batch line asks for and what the server answers without response_format", async () => {
    const line = (model: string) => ({
      id: "a",
      op: "generate" as const,
      line: 1,
      params: { model, prompt: "otter" },
    });
    expect(sendParams(line("dall-e-2")).response_format).toBe("b64_json");
    expect(sendParams(line("gpt-image-2")).response_format).toBeUndefined();
    const server = await startImagesServer({ retired: "serve" });
    try {
      for (const model of ["dall-e-2", "gpt-image-2"]) {
        const res = await fetch(`${server.url}/images/generations`, {
          method: "POST",
          headers: { authorization: "Bearer test", "content-type": "application/json" },
          body: JSON.stringify({
            model,
            prompt: "otter",
            size: model === "dall-e-2" ? "256x256" : "1024x1024",
            quality: model === "dall-e-2" ? undefined : "low",
          }),
        });
        const [image] = ((await res.json()) as { data: Array<Record<string, unknown>> }).data;
        expect(Object.keys(image ?? {})).toEqual([defaultResponseFormat("generate", model)]);
      }
    } finally {
      await server.close();
    }
  });
});

/**
 * The evidence table drives the client: every request OpenAI's API refuses because of its body
 * (`cause: "body"`) is refused before the network by the client in strict mode, aimed at OpenAI's
 * base URL, with the API's `param` and `code`; the loopback server behind it counts the requests
 * and receives none. Every request the API accepts is sent.
 */
import { describe, expect, it } from "vitest";
import { createImagesClient } from "../src/client.js";
import { isImagesValidationError } from "../src/errors.js";
import { API_ANSWERS, type ApiAnswer, UNKNOWN } from "../src/models/api-answers.js";
import { pngBytes, useLoopback } from "./loopback.fixtures.js";

/** The entry's request as client parameters: JSON as is, a form's text fields and its PNG parts. */
function toParams(entry: ApiAnswer): Record<string, unknown> {
  const { json, form } = entry.request;
  const params: Record<string, unknown> = json ? { ...json } : {};
  const images: unknown[] = [];
  for (const part of form ?? []) {
    if (part.file) images.push(pngBytes({ width: 1024, height: 1024 }));
    else params[part.name] = part.value;
  }
  if (images.length > 0) params.image = images.length === 1 ? images[0] : images;
  if (entry.replay) params.model = entry.replay.model;
  return params;
}

const bodyRefusals = API_ANSWERS.filter(
  (e) =>
    e.cause === "body" &&
    e.clientDiffers === undefined &&
    (e.notReproducible === undefined || e.replay !== undefined) &&
    !e.request.form?.some((part) => part.file && part.file.contentType !== "image/png"),
);
const accepted = API_ANSWERS.filter((e) => e.answer.status === 200 && e.notReproducible === undefined);

describe("the client refuses what the API refuses because of the body, before the network", () => {
  const loopback = useLoopback();
  // OpenAI's base URL, so the client applies OpenAI's rules; the transport lands on the loopback.
  const client = () =>
    createImagesClient({
      apiKey: "sk-test",
      baseUrl: "https://api.openai.com/v1",
      maxRetries: 0,
      onWarning: () => {},
      fetch: (request: Request) => {
        const url = new URL(request.url);
        return fetch(new Request(`${loopback.origin}${url.pathname}`, request));
      },
    });

  it.each(bodyRefusals.map((e) => [e.id, e] as const))("%s", async (_id, entry) => {
    const op = entry.request.op === "edit" ? "edit" : "generate";
    const params = toParams(entry);
    let caught: unknown;
    try {
      await (op === "edit" ? client().edit(params as never) : client().generate(params as never));
    } catch (err) {
      caught = err;
    }
    expect(isImagesValidationError(caught), `${entry.id}: ${String(caught)}`).toBe(true);
    const error = caught as { param: string; code: string | undefined };
    const { param, code } = entry.answer;
    if (param !== UNKNOWN && param !== undefined) expect(error.param, entry.id).toBe(param);
    if (code !== UNKNOWN && code !== undefined) expect(error.code, entry.id).toBe(code);
    expect(loopback.requests, entry.id).toHaveLength(0);
  });

  it("covers the body refusals of the table", () => {
    expect(bodyRefusals.length).toBeGreaterThanOrEqual(50);
  });

  it.each(accepted.map((e) => [e.id, e] as const))("sends what the API accepts: %s", async (_id, entry) => {
    const params = toParams(entry);
    await client().generate(params as never);
    expect(loopback.requests).toHaveLength(1);
  });
});

describe("OpenAI-compatible servers", () => {
  const loopback = useLoopback();

  it("get unknown parameters and the nulls OpenAI refuses, with a warning for the nulls", async () => {
    const warnings: string[] = [];
    const client = createImagesClient({
      apiKey: "sk-test",
      baseUrl: loopback.baseUrl,
      onWarning: (issue) => warnings.push(`${issue.param}:${issue.code}`),
    });
    await client.generate({
      model: "gpt-image-2",
      prompt: "otter",
      response_format: null,
      drop_params: true,
    } as never);
    expect(loopback.requests).toHaveLength(1);
    expect(warnings).toEqual(["response_format:unknown_parameter"]);
  });

  it("get sizes under OpenAI's pixel budget, with a warning", async () => {
    const warnings: string[] = [];
    const client = createImagesClient({
      apiKey: "sk-test",
      baseUrl: loopback.baseUrl,
      onWarning: (issue) => warnings.push(`${issue.param}:${issue.code}`),
    });
    await client.generate({ model: "gpt-image-2", prompt: "otter", size: "512x512" });
    expect(loopback.requests).toHaveLength(1);
    expect(warnings).toEqual(["size:invalid_value"]);
  });
});

describe("on OpenAI's base URL", () => {
  const loopback = useLoopback();
  const openai = (onWarning: (issue: { param: string; code?: string | undefined }) => void = () => {}) =>
    createImagesClient({
      apiKey: "sk-test",
      baseUrl: "https://api.openai.com/v1",
      onWarning,
      fetch: (request: Request) =>
        fetch(new Request(`${loopback.origin}${new URL(request.url).pathname}`, request)),
    });

  it("an unknown parameter's message says how to send it anyway, and that way sends it", async () => {
    const refused = await openai()
      .generate({ model: "gpt-image-2", prompt: "otter", drop_params: true } as never)
      .catch((err: unknown) => err);
    expect(isImagesValidationError(refused)).toBe(true);
    expect((refused as Error).message).toMatch(/validation: "warn"/);
    await openai().generate({ model: "gpt-image-2", prompt: "otter", drop_params: true } as never, {
      validation: "warn",
    });
    expect(loopback.requests).toHaveLength(1);
    expect(JSON.parse(loopback.requests[0]?.body.toString() ?? "{}").drop_params).toBe(true);
  });

  it("an unknown model passes through, with a warning", async () => {
    const warnings: string[] = [];
    await openai((issue) => warnings.push(`${issue.param}:${issue.code}`)).generate({
      model: "gpt-image-3",
      prompt: "otter",
    });
    expect(loopback.requests).toHaveLength(1);
    expect(warnings).toEqual(["model:invalid_value"]);
  });

  it("an empty or non-string model is refused everywhere", async () => {
    for (const model of ["", 7]) {
      const refused = await createImagesClient({ apiKey: "sk-test", baseUrl: loopback.baseUrl })
        .generate({ model, prompt: "otter" } as never)
        .catch((err: unknown) => err);
      expect(refused).toMatchObject({
        param: "model",
        code: model === "" ? "invalid_value" : "invalid_type",
      });
    }
    expect(loopback.requests).toHaveLength(0);
  });

  it("issues carry the API's codes, and the error the first one's", async () => {
    const refused = await openai()
      .generate({ model: "gpt-image-2", prompt: "", n: 0, quality: "ultra" } as never)
      .catch((err: unknown) => err);
    expect(refused).toMatchObject({ param: "prompt", code: "empty_string" });
    const codes = (refused as { issues: { param: string; code?: string }[] }).issues.map((i) => [
      i.param,
      i.code,
    ]);
    expect(codes).toEqual([
      ["prompt", "empty_string"],
      ["n", "integer_below_min_value"],
      ["quality", "invalid_value"],
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { createImagesClient, isImagesValidationError } from "../src/index.js";
import { json, OK_BODY, parseMultipart, pngBytes, useLoopback } from "./loopback.fixtures.js";

const server = useLoopback();

const API_VERSION = "2025-04-01-preview";
const azure = (extra: object = {}) => ({ endpoint: `${server.origin}/`, apiVersion: API_VERSION, ...extra });

describe("Azure OpenAI routing", () => {
  it("generate → /openai/deployments/{deployment}/images/generations?api-version=…, api-key header", async () => {
    const client = createImagesClient({ azure: azure({ deployment: "my-images", apiKey: "az-key" }) });
    await client.generate({ model: "gpt-image-1", prompt: "otter" });
    const [req] = server.requests;
    expect(req?.url).toBe(`/openai/deployments/my-images/images/generations?api-version=${API_VERSION}`);
    expect(req?.headers["api-key"]).toBe("az-key");
    expect(req?.headers.authorization).toBeUndefined();
    expect(JSON.parse(req?.body.toString() ?? "")).toEqual({ model: "gpt-image-1", prompt: "otter" });
  });

  it("edit keeps the deployment (the official SDK once lost it here)", async () => {
    const client = createImagesClient({ azure: azure({ deployment: "my-images", apiKey: "az-key" }) });
    await client.edit({ model: "gpt-image-1", image: pngBytes(), prompt: "hat" });
    const [req] = server.requests;
    expect(req?.url).toBe(`/openai/deployments/my-images/images/edits?api-version=${API_VERSION}`);
    expect(req?.headers["api-key"]).toBe("az-key");
    const parts = await parseMultipart(req as NonNullable<typeof req>);
    expect(parts.map((p) => p.name)).toEqual(["model", "image", "prompt"]);
  });

  it("without a deployment, the request's model (or the client's default model) names it, for every operation", async () => {
    const client = createImagesClient({ azure: azure({ apiKey: "az-key" }), model: "gpt-image-1.5" });
    await client.generate({ prompt: "a" });
    await client.edit({ model: "gpt-image-1", image: pngBytes(), prompt: "b" });
    await client.createVariation({ model: "dall-e-2", image: pngBytes() });
    expect(server.requests.map((r) => r.url)).toEqual([
      `/openai/deployments/gpt-image-1.5/images/generations?api-version=${API_VERSION}`,
      `/openai/deployments/gpt-image-1/images/edits?api-version=${API_VERSION}`,
      `/openai/deployments/dall-e-2/images/variations?api-version=${API_VERSION}`,
    ]);
  });

  it("tokenProvider → Authorization: Bearer, asked again for every attempt", async () => {
    let calls = 0;
    let first = true;
    server.handle((_req, res) => {
      if (first) {
        first = false;
        json(res, 503, { error: { message: "busy", type: "server_error" } }, { "retry-after-ms": "1" });
      } else json(res, 200, OK_BODY);
    });
    const client = createImagesClient({
      azure: azure({ deployment: "d", tokenProvider: async () => `token-${++calls}` }),
    });
    await client.edit({ image: pngBytes(), prompt: "p" });
    expect(server.requests.map((r) => r.headers.authorization)).toEqual(["Bearer token-1", "Bearer token-2"]);
    expect(server.requests.every((r) => r.headers["api-key"] === undefined)).toBe(true);
  });

  it("no deployment and no model → ImagesValidationError before any network call", async () => {
    const client = createImagesClient({ azure: azure({ apiKey: "az-key" }) });
    const err = await client.generate({ prompt: "p" }).catch((e: unknown) => e);
    expect(isImagesValidationError(err) && err.param).toBe("model");
    expect(server.requests).toHaveLength(0);
  });

  it("raw uses the deployment route and auth too", async () => {
    const client = createImagesClient({ azure: azure({ deployment: "dep", apiKey: "az-key" }) });
    await client.raw.POST("/images/generations", { body: { prompt: "raw" } });
    expect(server.requests[0]?.url).toBe(
      `/openai/deployments/dep/images/generations?api-version=${API_VERSION}`,
    );
    expect(server.requests[0]?.headers["api-key"]).toBe("az-key");
  });
});

/**
 * Redirects are never followed, on either transport: a 301, 302, 303, 307 or 308, to another origin
 * or to the same one, is an `ImagesAPIError` carrying `status` and `location`, and nothing (no key,
 * no Azure key, no organization or custom header, no upload) reaches the address it names. A second
 * loopback server stands for the other origin and counts what it receives.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createImagesClient, type ImagesClientOptions, isImagesAPIError } from "../src/index.js";
import { createImagesClient as createNodeClient } from "../src/node/index.js";
import { type Loopback, OK_BODY, pngBytes, startLoopback } from "./loopback.fixtures.js";
import { allowSpecViolations } from "./support/contract-setup.js";

const KEY = "sk-proj-REDIRECT-0123456789abcdef";
let api: Loopback;
let elsewhere: Loopback;

beforeAll(async () => {
  api = await startLoopback();
  elsewhere = await startLoopback();
});
afterAll(async () => {
  await api.close();
  await elsewhere.close();
});

const TRANSPORTS = [
  ["fetch", createImagesClient],
  ["node", createNodeClient],
] as const;
const STATUSES = [301, 302, 303, 307, 308] as const;

/** Every request the two servers saw, cleared between cases. */
function reset(): void {
  api.requests.length = 0;
  elsewhere.requests.length = 0;
}

function redirectTo(target: () => string, status: number): void {
  api.handle((_req, res) => {
    res.writeHead(status, {
      location: target(),
      "content-type": "text/html",
      "x-request-id": "req_redirect",
    });
    res.end(`<a href="${target()}">moved</a>`);
  });
}

describe.each(TRANSPORTS)("redirects on the %s transport", (_name, make) => {
  const client = (extra: ImagesClientOptions = {}) =>
    make({
      apiKey: KEY,
      baseUrl: api.baseUrl,
      organization: "org-redirect",
      project: "proj_redirect",
      headers: { "x-custom": "custom-value" },
      ...extra,
    });

  describe.each(STATUSES)("%i", (status) => {
    it("to another origin: an ImagesAPIError with the location, and nothing sent there", async () => {
      allowSpecViolations("the API never redirects; this server does on purpose");
      reset();
      redirectTo(() => `${elsewhere.origin}/v1/images/generations?from=redirect`, status);
      // Retries allowed: a redirect must not be retried either.
      const err = await client({ maxRetries: 2 })
        .generate({ model: "gpt-image-1", prompt: "otter" })
        .catch((e: unknown) => e);
      expect(isImagesAPIError(err)).toBe(true);
      expect(err).toMatchObject({
        status,
        location: `${elsewhere.origin}/v1/images/generations?from=redirect`,
        requestId: "req_redirect",
      });
      expect((err as Error).message).toMatch(
        new RegExp(`^POST /v1/images/generations was redirected \\(${status}\\) to ${elsewhere.origin}`),
      );
      expect(api.requests).toHaveLength(1);
      expect(elsewhere.requests).toHaveLength(0);
    });

    it("of an upload to another origin: the body goes nowhere else", async () => {
      allowSpecViolations("the API never redirects; this server does on purpose");
      reset();
      redirectTo(() => `${elsewhere.origin}/upload`, status);
      const err = await client()
        .edit({ model: "gpt-image-1", prompt: "hat", image: pngBytes() })
        .catch((e: unknown) => e);
      expect(err).toMatchObject({ name: "ImagesAPIError", status, location: `${elsewhere.origin}/upload` });
      expect(api.requests).toHaveLength(1);
      expect(elsewhere.requests).toHaveLength(0);
    });

    it("to the same origin: not followed either", async () => {
      allowSpecViolations("the API never redirects; this server does on purpose");
      reset();
      redirectTo(() => "/v1/images/generations/", status);
      const err = await client()
        .generate({ model: "gpt-image-1", prompt: "otter" })
        .catch((e: unknown) => e);
      expect(err).toMatchObject({ status, location: `${api.origin}/v1/images/generations/` });
      expect(api.requests).toHaveLength(1);
    });
  });

  it("a stream request, an Azure key and client.raw are not redirected either", async () => {
    allowSpecViolations("the API never redirects; this server does on purpose");
    reset();
    redirectTo(() => `${elsewhere.origin}/elsewhere`, 307);
    const stream = await client()
      .generate({ model: "gpt-image-1", prompt: "otter", stream: true })
      .catch((e: unknown) => e);
    expect(stream).toMatchObject({ name: "ImagesAPIError", status: 307 });

    const azure = make({
      azure: { endpoint: api.origin, apiVersion: "2025-04-01-preview", deployment: "d", apiKey: KEY },
      maxRetries: 0,
    });
    expect(await azure.generate({ prompt: "otter" }).catch((e: unknown) => e)).toMatchObject({ status: 307 });

    const raw = await client()
      .raw.POST("/images/generations", { body: { prompt: "otter" } })
      .catch((e: unknown) => e);
    expect(raw).toMatchObject({
      name: "ImagesAPIError",
      status: 307,
      location: `${elsewhere.origin}/elsewhere`,
    });
    expect(elsewhere.requests).toHaveLength(0);
    expect(api.requests).toHaveLength(3);
  });

  it("a 3xx without a Location is still an error, never a success", async () => {
    allowSpecViolations("the API never answers 3xx; this server does on purpose");
    reset();
    api.handle((_req, res) => {
      res.writeHead(300, { "content-type": "application/json" });
      res.end(JSON.stringify(OK_BODY));
    });
    const err = await client({ maxRetries: 0 })
      .generate({ prompt: "otter" })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ name: "ImagesAPIError", status: 300, location: undefined });
  });
});

it("both transports throw the same error for the same redirect", async () => {
  allowSpecViolations("the API never redirects; this server does on purpose");
  redirectTo(() => `${elsewhere.origin}/somewhere`, 302);
  const fields = async (make: (typeof TRANSPORTS)[number][1]) => {
    const err = (await make({ apiKey: KEY, baseUrl: api.baseUrl, maxRetries: 0 })
      .generate({ prompt: "otter" })
      .catch((e: unknown) => e)) as Record<string, unknown>;
    const { name, message, status, location, requestId, code, type, param, error, bodyTruncated } = err;
    return { name, message, status, location, requestId, code, type, param, error, bodyTruncated };
  };
  expect(await fields(createNodeClient)).toEqual(await fields(createImagesClient));
});

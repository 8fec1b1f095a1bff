/**
 * CORS on the local server: off by default, and with `cors: true` a browser page on any origin can
 * preflight, call the API and read the headers the client needs. The real-browser test
 * (test/browser/browser.test.ts) does the same through Chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ImagesServer, startImagesServer } from "../src/server/index.js";
import { allowSpecViolations } from "./support/contract-setup.js";

const ORIGIN = "http://page.test:5173";
const preflightHeaders = {
  origin: ORIGIN,
  "access-control-request-method": "POST",
  "access-control-request-headers": "authorization, content-type, x-images-fault",
};

describe("with cors: true", () => {
  let server: ImagesServer;
  beforeAll(async () => {
    server = await startImagesServer({ retired: "serve", cors: true });
  });
  afterAll(() => server.close());

  it("answers a preflight with 204, any origin, the requested headers and the methods", async () => {
    allowSpecViolations("an OPTIONS preflight is browser plumbing, not an Images API operation");
    const res = await fetch(`${server.url}/images/edits`, { method: "OPTIONS", headers: preflightHeaders });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-methods")).toContain("POST");
    expect(res.headers.get("access-control-allow-headers")).toBe(
      preflightHeaders["access-control-request-headers"],
    );
    expect(await res.text()).toBe("");
    expect(server.requests).toEqual([]);
  });

  it("marks API answers, errors and image URLs readable by any origin, with every header exposed", async () => {
    allowSpecViolations("sends a request without a body on purpose, to see the 401 carry the CORS headers");
    const ok = await fetch(`${server.url}/images/generations`, {
      method: "POST",
      headers: { origin: ORIGIN, authorization: "Bearer test", "content-type": "application/json" },
      body: JSON.stringify({ model: "dall-e-2", prompt: "otter", size: "256x256" }),
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("access-control-allow-origin")).toBe("*");
    expect(ok.headers.get("access-control-expose-headers")).toBe("*");
    const { data } = (await ok.json()) as { data: { url: string }[] };
    const image = await fetch(data[0]?.url ?? "", { headers: { origin: ORIGIN } });
    expect(image.headers.get("access-control-allow-origin")).toBe("*");

    const unauthorized = await fetch(`${server.url}/images/generations`, {
      method: "POST",
      headers: { origin: ORIGIN },
    });
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get("access-control-allow-origin")).toBe("*");
  });
});

describe("by default", () => {
  let server: ImagesServer;
  beforeAll(async () => {
    server = await startImagesServer({ retired: "serve" });
  });
  afterAll(() => server.close());

  it("sends no CORS headers, and a preflight is an ordinary refused method", async () => {
    allowSpecViolations("an OPTIONS preflight is not an Images API operation");
    const res = await fetch(`${server.url}/images/edits`, { method: "OPTIONS", headers: preflightHeaders });
    expect(res.status).toBe(405);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });
});

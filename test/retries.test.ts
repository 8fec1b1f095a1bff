import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createImagesClient, isImagesAPIError, isImagesConnectionError } from "../src/index.js";
import { createImagesClient as createNodeClient, fileFromPath } from "../src/node/index.js";
import { retryDelay, shouldRetryResponse } from "../src/retry.js";
import { json, OK_BODY, pngBytes, useLoopback } from "./loopback.fixtures.js";

const server = useLoopback();
afterEach(() => {
  vi.useRealTimers();
});

const ERROR = (message: string) => ({ error: { message, type: "server_error", param: null, code: null } });

/** Answers the given statuses in turn (then 200), each with the given headers. */
function sequence(statuses: number[], headers: Record<string, string> = {}) {
  let i = 0;
  server.handle((_req, res) => {
    const status = statuses[i++];
    if (status === undefined) json(res, 200, OK_BODY);
    else json(res, status, ERROR(`status ${status}`), headers);
  });
}

const client = (maxRetries = 2) => createImagesClient({ apiKey: "k", baseUrl: server.baseUrl, maxRetries });

describe("retry policy (pure)", () => {
  it.each([
    [408, true],
    [409, true],
    [429, true],
    [500, true],
    [503, true],
    [400, false],
    [401, false],
    [404, false],
    [422, false],
  ])("status %i → retry %s", (status, expected) => {
    expect(shouldRetryResponse(status, new Headers())).toBe(expected);
  });

  it("x-should-retry overrides the status both ways", () => {
    expect(shouldRetryResponse(400, new Headers({ "x-should-retry": "true" }))).toBe(true);
    expect(shouldRetryResponse(503, new Headers({ "x-should-retry": "false" }))).toBe(false);
  });

  it("waits retry-after-ms, else retry-after seconds or HTTP date, when within 0–60 s", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(retryDelay(new Headers({ "retry-after-ms": "1500", "retry-after": "9" }), 0, now)).toBe(1500);
    expect(retryDelay(new Headers({ "retry-after": "7" }), 0, now)).toBe(7000);
    expect(retryDelay(new Headers({ "retry-after": "Thu, 01 Jan 2026 00:00:30 GMT" }), 0, now)).toBe(30_000);
    expect(retryDelay(new Headers({ "retry-after": "0" }), 0, now)).toBe(0);
  });

  it("falls back to capped exponential backoff with jitter for missing, negative or > 60 s hints", () => {
    const noJitter = () => 0;
    const fullJitter = () => 1;
    expect(retryDelay(undefined, 0, 0, noJitter)).toBe(500);
    expect(retryDelay(undefined, 1, 0, noJitter)).toBe(1000);
    expect(retryDelay(undefined, 10, 0, noJitter)).toBe(8000);
    expect(retryDelay(undefined, 0, 0, fullJitter)).toBe(375);
    expect(retryDelay(new Headers({ "retry-after": "120" }), 0, 0, noJitter)).toBe(500);
    expect(retryDelay(new Headers({ "retry-after-ms": "-5" }), 1, 0, noJitter)).toBe(1000);
    expect(retryDelay(new Headers({ "retry-after": "soon" }), 0, 0, noJitter)).toBe(500);
  });
});

describe("retries against a server", () => {
  it("retries a 429 after retry-after-ms and succeeds", async () => {
    sequence([429], { "retry-after-ms": "5" });
    await expect(client().generate({ prompt: "p" })).resolves.toEqual(OK_BODY);
    expect(server.requests).toHaveLength(2);
  });

  it("retries 408, 409 and 5xx (retry-after: 0)", async () => {
    sequence([408, 409, 502], { "retry-after": "0" });
    await expect(client(3).generate({ prompt: "p" })).resolves.toEqual(OK_BODY);
    expect(server.requests).toHaveLength(4);
  });

  it("waits the retry-after seconds the server asked for before the next attempt", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    sequence([503], { "retry-after": "30" });
    const result = client().generate({ prompt: "p" });
    await vi.waitFor(() => expect(server.requests).toHaveLength(1), { interval: 5 });
    await vi.advanceTimersByTimeAsync(29_000);
    expect(server.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(result).resolves.toEqual(OK_BODY);
    expect(server.requests).toHaveLength(2);
  });

  it("does not retry a 400", async () => {
    sequence([400, 400]);
    const err = await client()
      .generate({ prompt: "p" })
      .catch((e: unknown) => e);
    expect(isImagesAPIError(err) && err.status).toBe(400);
    expect(server.requests).toHaveLength(1);
  });

  it("honours x-should-retry: false on a 500 and x-should-retry: true on a 400", async () => {
    sequence([500], { "x-should-retry": "false" });
    await expect(client().generate({ prompt: "p" })).rejects.toMatchObject({ status: 500 });
    expect(server.requests).toHaveLength(1);
    server.requests.length = 0;
    sequence([400], { "x-should-retry": "true", "retry-after-ms": "1" });
    await expect(client().generate({ prompt: "p" })).resolves.toEqual(OK_BODY);
    expect(server.requests).toHaveLength(2);
  });

  it("gives up after maxRetries and throws the last API error", async () => {
    sequence([500, 500, 500, 500], { "retry-after-ms": "1" });
    const err = await client(2)
      .generate({ prompt: "p" })
      .catch((e: unknown) => e);
    expect(isImagesAPIError(err) && err.status).toBe(500);
    expect(server.requests).toHaveLength(3);
  });

  it("per-request maxRetries wins over the client's", async () => {
    sequence([500, 500], { "retry-after-ms": "1" });
    await expect(client(5).generate({ prompt: "p" }, { maxRetries: 0 })).rejects.toMatchObject({
      status: 500,
    });
    expect(server.requests).toHaveLength(1);
  });

  it.each([
    ["fetch", createImagesClient],
    ["node", createNodeClient],
  ])("retries a dropped connection (%s) and then throws ImagesConnectionError", async (_n, make) => {
    server.handle((_req, res) => {
      res.socket?.destroy();
    });
    const err = await make({ apiKey: "k", baseUrl: server.baseUrl, maxRetries: 1 })
      .generate({ prompt: "p" })
      .catch((e: unknown) => e);
    expect(isImagesConnectionError(err)).toBe(true);
    expect(server.requests).toHaveLength(2);
  });

  it("replays uploads on retry: a fileFromPath upload is sent whole again", async () => {
    const dir = await mkdtemp(join(tmpdir(), "openai-images-retry-"));
    try {
      const path = join(dir, "in.png");
      await writeFile(path, Buffer.concat([pngBytes({ width: 8, height: 8 }), Buffer.alloc(256 * 1024, 7)]));
      sequence([503], { "retry-after-ms": "1" });
      const c = createNodeClient({ apiKey: "k", baseUrl: server.baseUrl });
      await c.edit({ model: "gpt-image-1.5", image: await fileFromPath(path), prompt: "p" });
      const [first, second] = server.requests;
      expect(second?.body.length).toBeGreaterThan(256 * 1024);
      // Same bytes apart from the random boundary, which is the same within one call.
      expect(second?.body.equals(first?.body ?? Buffer.alloc(0))).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("stops waiting to retry as soon as the caller aborts, with the signal's reason", async () => {
    sequence([429], { "retry-after-ms": "59000" });
    const controller = new AbortController();
    const reason = new Error("user cancelled");
    const result = client().generate({ prompt: "p" }, { signal: controller.signal });
    await vi.waitFor(() => expect(server.requests).toHaveLength(1), { interval: 5 });
    controller.abort(reason);
    await expect(result).rejects.toBe(reason);
    expect(server.requests).toHaveLength(1);
  });
});

import { once } from "node:events";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createImagesClient, isImagesTimeoutError } from "../src/index.js";
import { createImagesClient as createNodeClient } from "../src/node/index.js";
import { useLoopback } from "./loopback.fixtures.js";

const server = useLoopback();
afterEach(() => {
  vi.useRealTimers();
});

/** A handler that never answers, and reports when the client hung up. */
function silent() {
  const closed: Promise<unknown>[] = [];
  server.handle((_req, res) => {
    closed.push(once(res, "close"));
  });
  return closed;
}

describe.each([
  ["fetch", createImagesClient],
  ["node", createNodeClient],
])("timeouts and aborts over %s", (_name, make) => {
  const client = (timeout?: number) =>
    make({ apiKey: "k", baseUrl: server.baseUrl, maxRetries: 0, ...(timeout ? { timeout } : {}) });

  it("a silent server → ImagesTimeoutError with the timeout, and the connection is closed", async () => {
    const closed = silent();
    const err = await client(100)
      .generate({ prompt: "p" })
      .catch((e: unknown) => e);
    expect(isImagesTimeoutError(err)).toBe(true);
    expect((err as { timeout: number }).timeout).toBe(100);
    expect((err as Error).message).toContain("POST /v1/images/generations timed out after 100 ms");
    await Promise.all(closed);
  });

  it("each attempt gets the timeout; timeouts are retried", async () => {
    silent();
    const err = await make({ apiKey: "k", baseUrl: server.baseUrl, maxRetries: 1, timeout: 250 })
      .generate({ prompt: "p" })
      .catch((e: unknown) => e);
    expect(isImagesTimeoutError(err)).toBe(true);
    expect(server.requests).toHaveLength(2);
  });

  it("per-request timeout wins over the client's", async () => {
    silent();
    const err = await client(600_000)
      .generate({ prompt: "p" }, { timeout: 30 })
      .catch((e: unknown) => e);
    expect((err as { timeout: number }).timeout).toBe(30);
  });

  it("aborting mid-request rejects with the signal's reason and closes the connection", async () => {
    const closed = silent();
    const controller = new AbortController();
    const reason = { why: "navigated away" };
    const result = client().generate({ prompt: "p" }, { signal: controller.signal });
    const outcome = result.catch((e: unknown) => e);
    // Wait for this test's request (a slow earlier one may still land in server.requests).
    await vi.waitFor(() => expect(closed.length).toBeGreaterThan(0), { interval: 5 });
    controller.abort(reason);
    expect(await outcome).toBe(reason);
    await Promise.all(closed);
  });

  it("an already aborted signal sends nothing", async () => {
    const reason = new Error("too late");
    await expect(client().generate({ prompt: "p" }, { signal: AbortSignal.abort(reason) })).rejects.toBe(
      reason,
    );
    expect(server.requests).toHaveLength(0);
  });

  it("a timeout while the body is being read still fails with ImagesTimeoutError", async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"created":1,');
      // …and never finishes the JSON.
    });
    const err = await client(150)
      .generate({ prompt: "p" })
      .catch((e: unknown) => e);
    expect(isImagesTimeoutError(err)).toBe(true);
  });
});

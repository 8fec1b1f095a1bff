import { execFileSync } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type ServerResponse } from "node:http";
import { createServer as createHttpsServer, Agent as HttpsAgent } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it, vi } from "vitest";
import { isImagesAPIError, isImagesTimeoutError } from "../src/index.js";
import { createImagesClient, createNodeFetch } from "../src/node/index.js";
import { json, OK_BODY, pngBytes, startLoopback, useLoopback } from "./loopback.fixtures.js";
import { allowSpecViolations } from "./support/contract-setup.js";

const server = useLoopback();
afterEach(() => {
  vi.useRealTimers();
});

const nodeFetch = createNodeFetch();

describe("createNodeFetch over https", () => {
  it("uses the given https agent, and its own default agent (which refuses a certificate nobody vouches for)", async () => {
    // A throwaway self-signed certificate for 127.0.0.1, made by openssl for this test only.
    const dir = mkdtempSync(join(tmpdir(), "openai-images-tls-"));
    try {
      execFileSync(
        "openssl",
        [
          ...["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1"],
          ...[
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            join(dir, "key.pem"),
            "-out",
            join(dir, "cert.pem"),
          ],
        ],
        { stdio: "ignore" },
      );
      const cert = readFileSync(join(dir, "cert.pem"));
      const tls = createHttpsServer({ key: readFileSync(join(dir, "key.pem")), cert }, (_req, res) => {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ secure: true }));
      });
      await new Promise<void>((ok) => tls.listen(0, "127.0.0.1", ok));
      const url = `https://127.0.0.1:${(tls.address() as AddressInfo).port}/`;
      try {
        const trusting = createNodeFetch({ httpsAgent: new HttpsAgent({ ca: cert }) });
        expect(await (await trusting(url)).json()).toEqual({ secure: true });
        await expect(createNodeFetch()(url)).rejects.toThrow(/self[- ]signed/i);
      } finally {
        tls.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("createNodeFetch as a fetch", () => {
  it("sends method, headers and body; returns status, headers, body and url", async () => {
    server.handle((req, res) => json(res, 201, { echo: req.body.toString() }, { "x-request-id": "req_1" }));
    const res = await nodeFetch(`${server.origin}/echo?q=1`, {
      method: "PUT",
      headers: { "x-custom": "yes", "content-type": "text/plain" },
      body: "hello",
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("x-request-id")).toBe("req_1");
    expect(res.url).toBe(`${server.origin}/echo?q=1`);
    expect(await res.json()).toEqual({ echo: "hello" });
    const [req] = server.requests;
    expect([req?.method, req?.url, req?.headers["x-custom"]]).toEqual(["PUT", "/echo?q=1", "yes"]);
  });

  it("takes a signal and a text or Blob body beside a Request, as fetch does: they replace the request's own", async () => {
    server.handle((req, res) => json(res, 200, { echo: req.body.toString() }));
    const request = new Request(`${server.origin}/echo`, { method: "POST", body: "from the request" });
    const text = await nodeFetch(request, { body: "beside", signal: new AbortController().signal });
    expect(await text.json()).toEqual({ echo: "beside" });
    const blob = await nodeFetch(new Request(`${server.origin}/echo`, { method: "POST" }), {
      body: new Blob(["a blob"]),
    });
    expect(await blob.json()).toEqual({ echo: "a blob" });

    server.handle(() => {}); // never answers
    const stop = new AbortController();
    const pending = nodeFetch(new Request(`${server.origin}/slow`, { method: "POST" }), {
      body: "x",
      signal: stop.signal,
    });
    await vi.waitFor(() => expect(server.requests.map((r) => r.url)).toContain("/slow"));
    stop.abort(new Error("stopped beside the request"));
    await expect(pending).rejects.toThrow("stopped beside the request");
  });

  it("decompresses a gzip body, returns 204 without a body, and does not follow redirects", async () => {
    server.handle((req, res) => {
      if (req.url === "/gz") {
        res.writeHead(200, { "content-encoding": "gzip", "content-type": "application/json" });
        res.end(gzipSync(JSON.stringify({ zipped: true })));
      } else if (req.url === "/empty") {
        res.writeHead(204).end();
      } else {
        res.writeHead(307, { location: "/elsewhere" }).end();
      }
    });
    expect(await (await nodeFetch(`${server.origin}/gz`)).json()).toEqual({ zipped: true });
    const empty = await nodeFetch(`${server.origin}/empty`);
    expect([empty.status, empty.body]).toEqual([204, null]);
    const redirect = await nodeFetch(`${server.origin}/r`, { method: "POST", body: "x" });
    expect([redirect.status, redirect.headers.get("location")]).toEqual([307, "/elsewhere"]);
    expect(server.requests.map((r) => r.url)).toEqual(["/gz", "/empty", "/r"]);
  });

  it("rejects when nothing listens", async () => {
    const closed = await startLoopback();
    const origin = closed.origin;
    await closed.close();
    await expect(nodeFetch(`${origin}/`)).rejects.toMatchObject({ code: "ECONNREFUSED" });
  });
});

describe("uploads through the Node transport", () => {
  it("an answer that arrives before the upload ends (413) is returned, not a connection error", async () => {
    const early = createServer((req, res) => {
      // Answer at once and stop reading, as a proxy with a body-size limit does.
      req.pause();
      res.writeHead(413, { "content-type": "application/json", connection: "close" });
      res.end(JSON.stringify({ error: { message: "Request too large", type: "invalid_request_error" } }));
    });
    early.listen(0, "127.0.0.1");
    await once(early, "listening");
    const { port } = early.address() as AddressInfo;
    try {
      const big = new Blob([pngBytes({ width: 8, height: 8 }), new Uint8Array(32 * 1024 * 1024)]);
      const err = await createImagesClient({
        apiKey: "k",
        baseUrl: `http://127.0.0.1:${port}/v1`,
        maxRetries: 0,
      })
        .edit({ model: "gpt-image-1.5", image: big, prompt: "p" })
        .catch((e: unknown) => e);
      expect(isImagesAPIError(err) && err.status).toBe(413);
    } finally {
      early.closeAllConnections();
      early.close();
    }
  });
});

describe("no hidden timeouts", () => {
  /** Holds every response until `release()`; returns the pending responses. */
  function holdResponses() {
    const held: ServerResponse[] = [];
    server.handle((_req, res) => {
      held.push(res);
    });
    return {
      count: () => held.length,
      release: () => {
        for (const res of held.splice(0)) json(res, 200, OK_BODY);
      },
    };
  }

  /**
   * Timers are faked, so "six minutes" pass in milliseconds. The first test is the control: it shows
   * that this method does catch a hidden timeout (undici's 300 s headers timeout, which runs on the
   * same faked timers). The second shows the Node transport has none: the answer arrives after six
   * faked minutes and the call succeeds. Node's socket timeouts would not be faked, but the transport
   * sets none (and the agents it creates have none).
   */
  const FAKE: Parameters<typeof vi.useFakeTimers>[0] = {
    toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"],
  };

  it("control: Node's built-in fetch fails after 300 s without response headers", async () => {
    allowSpecViolations("a bare probe request without a prompt or content type");
    const held = holdResponses();
    vi.useFakeTimers(FAKE);
    const pending = fetch(`${server.baseUrl}/images/generations`, { method: "POST", body: "{}" });
    pending.catch(() => {});
    await vi.waitFor(() => expect(held.count()).toBe(1), { interval: 5 });
    for (let s = 0; s < 301; s += 10) await vi.advanceTimersByTimeAsync(10_000);
    const err = await pending.catch((e: unknown) => e);
    expect((err as { cause?: { code?: string } }).cause?.code).toBe("UND_ERR_HEADERS_TIMEOUT");
    held.release();
  });

  it("the Node transport waits six minutes for headers when the client timeout allows it", async () => {
    const held = holdResponses();
    vi.useFakeTimers(FAKE);
    const client = createImagesClient({
      apiKey: "k",
      baseUrl: server.baseUrl,
      maxRetries: 0,
      timeout: 20 * 60_000,
    });
    const result = client.generate({ prompt: "slow, high quality" });
    await vi.waitFor(() => expect(held.count()).toBe(1), { interval: 5 });
    for (let s = 0; s < 360; s += 10) await vi.advanceTimersByTimeAsync(10_000);
    held.release();
    await expect(result).resolves.toEqual(OK_BODY);
  });

  // Undici's body timeout (also 300 s) would be the control here, but undici's shared timer wheel stays
  // bound to the fake clock of the first test above, so it cannot be shown twice in one process
  // (checked by hand: run alone, built-in fetch fails with UND_ERR_BODY_TIMEOUT at 300 s).
  it("the Node transport also survives a body that stalls for six minutes", async () => {
    const held: ServerResponse[] = [];
    server.handle((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"created":1713833628,');
      held.push(res);
    });
    vi.useFakeTimers(FAKE);
    const ours = createImagesClient({
      apiKey: "k",
      baseUrl: server.baseUrl,
      maxRetries: 0,
      timeout: 20 * 60_000,
    }).generate({ prompt: "p" });
    await vi.waitFor(() => expect(held.length).toBe(1), { interval: 5 });
    for (let s = 0; s < 360; s += 10) await vi.advanceTimersByTimeAsync(10_000);
    for (const res of held) res.end('"data":[]}');
    await expect(ours).resolves.toEqual({ created: 1713833628, data: [] });
  });

  it("…and the client's own timeout is what ends the wait", async () => {
    const held = holdResponses();
    vi.useFakeTimers(FAKE);
    const client = createImagesClient({
      apiKey: "k",
      baseUrl: server.baseUrl,
      maxRetries: 0,
      timeout: 20 * 60_000,
    });
    const result = client.generate({ prompt: "p" }).catch((e: unknown) => e);
    await vi.waitFor(() => expect(held.count()).toBe(1), { interval: 5 });
    await vi.advanceTimersByTimeAsync(20 * 60_000);
    const err = await result;
    expect(isImagesTimeoutError(err) && err.timeout).toBe(20 * 60_000);
    held.release();
  });
});

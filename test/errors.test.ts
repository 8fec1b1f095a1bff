import { join } from "node:path";
import { runInNewContext } from "node:vm";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import {
  createImagesClient,
  ImagesAPIError,
  type ImagesClientOptions,
  ImagesTimeoutError,
  ImagesValidationError,
  isImagesAPIError,
  isImagesConnectionError,
  isImagesError,
  isImagesStreamError,
  isImagesTimeoutError,
  isImagesValidationError,
} from "../src/index.js";
import { createImagesClient as createNodeClient } from "../src/node/index.js";
import { json, startLoopback, useLoopback } from "./loopback.fixtures.js";
import { allowSpecViolations } from "./support/contract-setup.js";
import { everyRendering } from "./support/error-renderings.js";

const KEY = "sk-proj-SECRET-0123456789abcdef";

const server = useLoopback();

const client = (extra: ImagesClientOptions = {}) =>
  createImagesClient({ apiKey: KEY, baseUrl: server.baseUrl, maxRetries: 0, ...extra });

describe("ImagesAPIError", () => {
  it("carries status, code, type, param, requestId, headers and a message with method, path and status", async () => {
    server.handle((_req, res) =>
      json(
        res,
        400,
        {
          error: {
            message: "Invalid size '7x7'.",
            type: "invalid_request_error",
            param: "size",
            code: "invalid_size",
          },
        },
        { "x-request-id": "req_abc" },
      ),
    );
    const err = await client()
      .generate({ prompt: "p", size: "7x7" }, { validation: "off" })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImagesAPIError);
    expect(err).toMatchObject({
      name: "ImagesAPIError",
      status: 400,
      code: "invalid_size",
      type: "invalid_request_error",
      param: "size",
      requestId: "req_abc",
    });
    expect((err as ImagesAPIError).headers.get("x-request-id")).toBe("req_abc");
    expect((err as Error).message).toBe(
      "POST /v1/images/generations failed with status 400: Invalid size '7x7'.",
    );
  });

  it("keeps a non-JSON error body as text", async () => {
    allowSpecViolations("serves an HTML error page, which the spec does not allow");
    server.handle((_req, res) => {
      res.writeHead(502, { "content-type": "text/html" });
      res.end("<h1>Bad gateway</h1>");
    });
    const err = await client()
      .generate({ prompt: "p" })
      .catch((e: unknown) => e);
    expect(isImagesAPIError(err) && err.status).toBe(502);
    expect((err as Error).message).toContain("<h1>Bad gateway</h1>");
    expect((err as ImagesAPIError).code).toBeUndefined();
  });

  it("a 2xx answer that is not JSON is an ImagesError, not a crash", async () => {
    allowSpecViolations("serves HTML labelled as JSON");
    server.handle((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end("<html>proxy login</html>");
    });
    const err = await client()
      .generate({ prompt: "p" })
      .catch((e: unknown) => e);
    expect(isImagesError(err)).toBe(true);
    expect((err as Error).message).toMatch(/not JSON/);
  });
});

describe("the API key never appears in an error", () => {
  it("not when the server echoes it in the error body and headers", async () => {
    server.handle((req, res) =>
      json(
        res,
        401,
        {
          error: {
            message: `Incorrect API key provided: ${req.headers.authorization}`,
            type: "auth",
            code: KEY,
          },
        },
        { "x-echo": String(req.headers.authorization) },
      ),
    );
    const err = await client()
      .generate({ prompt: "p" })
      .catch((e: unknown) => e);
    expect(isImagesAPIError(err)).toBe(true);
    const text = everyRendering(err);
    expect(text).toContain("[redacted]");
    expect(text).not.toContain(KEY);
  });

  it.each([
    ["fetch", createImagesClient],
    ["node", createNodeClient],
  ])("not in connection errors (%s)", async (_n, make) => {
    const closed = await startLoopback();
    await closed.close();
    const err = await make({ apiKey: KEY, baseUrl: closed.baseUrl, maxRetries: 0 })
      .generate({ prompt: "p" })
      .catch((e: unknown) => e);
    expect(isImagesConnectionError(err)).toBe(true);
    expect((err as Error).message).toMatch(
      /POST \/v1\/images\/generations: connection failed \(ECONNREFUSED\)/,
    );
    expect(everyRendering(err)).not.toContain(KEY);
  });

  it("not in timeout errors", async () => {
    server.handle(() => {});
    const err = await client({ timeout: 30 })
      .generate({ prompt: "p" })
      .catch((e: unknown) => e);
    expect(isImagesTimeoutError(err)).toBe(true);
    expect(everyRendering(err)).not.toContain(KEY);
  });

  it("not in validation errors", async () => {
    const err = await client()
      .createVariation({ image: Buffer.from(`text containing nothing secret`) })
      .catch((e: unknown) => e);
    expect(isImagesValidationError(err)).toBe(true);
    expect(everyRendering(err)).not.toContain(KEY);
  });

  it("not in Azure errors (api-key header or a bearer token)", async () => {
    server.handle((req, res) =>
      json(res, 403, {
        error: { message: `denied ${req.headers["api-key"]} ${req.headers.authorization}`, type: "x" },
      }),
    );
    const withKey = createImagesClient({
      azure: { endpoint: server.origin, apiVersion: "v", deployment: "d", apiKey: KEY },
      maxRetries: 0,
    });
    const withToken = createImagesClient({
      azure: {
        endpoint: server.origin,
        apiVersion: "v",
        deployment: "d",
        tokenProvider: async () => `${KEY}-token`,
      },
      maxRetries: 0,
    });
    for (const c of [withKey, withToken]) {
      const err = await c.generate({ prompt: "p" }).catch((e: unknown) => e);
      expect(isImagesAPIError(err)).toBe(true);
      expect(everyRendering(err)).not.toContain(KEY);
    }
  });
});

describe("guards work across copies and realms (by brand)", () => {
  /** The error module bundled on its own, as an ES module or as a script that sets `errors`. */
  async function bundled(format: "esm" | "iife"): Promise<string> {
    const { outputFiles } = await build({
      entryPoints: [join(import.meta.dirname, "../src/errors.ts")],
      bundle: true,
      format,
      globalName: "errors",
      write: false,
      logLevel: "error",
    });
    return outputFiles[0]?.text ?? "";
  }

  /** A second copy of the error module: its classes are not ours. */
  async function anotherCopy(): Promise<typeof import("../src/errors.js")> {
    const code = await bundled("esm");
    return import(`data:text/javascript;base64,${Buffer.from(code).toString("base64")}`);
  }

  it("recognise errors from another copy of the library, and only as what they are", async () => {
    const copy = await anotherCopy();
    const foreign = new copy.ImagesAPIError({
      status: 500,
      method: "POST",
      path: "/v1/images/generations",
      headers: new Headers(),
      body: undefined,
    });
    expect(foreign).not.toBeInstanceOf(ImagesAPIError);
    expect(isImagesAPIError(foreign)).toBe(true);
    expect(isImagesError(foreign)).toBe(true);
    expect(isImagesTimeoutError(foreign)).toBe(false);
    // And the other way round: that copy's guards know ours.
    expect(copy.isImagesValidationError(new ImagesValidationError([], "gpt-image-1.5"))).toBe(true);
  });

  it("recognise an error made in another realm (a vm context with its own Error and Object)", async () => {
    const foreign = runInNewContext(
      `${await bundled("iife")}; new errors.ImagesStreamError("cut", { code: "stream_truncated" })`,
      {},
    ) as object;
    expect(foreign).not.toBeInstanceOf(Error);
    expect([isImagesError(foreign), isImagesStreamError(foreign), isImagesAPIError(foreign)]).toEqual([
      true,
      true,
      false,
    ]);
  });

  it("a name alone is not a brand: another library's error called ImagesAPIError is not ours", () => {
    const lookalike = Object.assign(new Error("x"), { name: "ImagesAPIError", status: 500 });
    expect(isImagesAPIError(lookalike)).toBe(false);
    expect(isImagesError(lookalike)).toBe(false);
  });

  it("a subclass of ours inherits its brands", () => {
    class MyError extends ImagesTimeoutError {}
    const err = new MyError("slow", 10);
    expect([isImagesError(err), isImagesTimeoutError(err), isImagesAPIError(err)]).toEqual([
      true,
      true,
      false,
    ]);
  });
});

/**
 * What the client accepts from a server: a 2xx resolves only with the minimal `ImagesResponse`
 * shape (otherwise an `ImagesResponseError`), and an error body is read only up to
 * `MAX_ERROR_BODY_BYTES` (kept in the error; the rest is never read). Both transports.
 */
import { describe, expect, it } from "vitest";
import {
  createImagesClient,
  ImagesResponseError,
  isImagesAPIError,
  isImagesError,
  isImagesResponseError,
} from "../src/index.js";
import { createImagesClient as createNodeClient } from "../src/node/index.js";
import { imagesResponseProblem } from "../src/response-shape.js";
import { MAX_ERROR_BODY_BYTES } from "../src/transport-guard.js";
import { json, OK_BODY, useLoopback } from "./loopback.fixtures.js";
import { allowSpecViolations } from "./support/contract-setup.js";

const server = useLoopback();

const TRANSPORTS = [
  ["fetch", createImagesClient],
  ["node", createNodeClient],
] as const;

describe.each(TRANSPORTS)("on the %s transport", (name, make) => {
  const client = () => make({ apiKey: "sk-test-shape", baseUrl: server.baseUrl, maxRetries: 2 });

  it.each([
    ["null", "null"],
    ["a number", "42"],
    ["a list", "[1,2,3]"],
    ["data that is not a list", '{"data":"oops"}'],
    ["created that is not a number", '{"created":"yesterday","data":[]}'],
    ["data holding a non-object", '{"created":1,"data":[1]}'],
    ["text that is not JSON", "<html>captive portal</html>"],
  ])("a 200 with %s is an ImagesResponseError, not a result (and is not retried)", async (_what, body) => {
    allowSpecViolations("the server answers outside the spec on purpose");
    server.handle((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "x-request-id": "req_shape" });
      res.end(body);
    });
    const before = server.requests.length;
    const err = await client()
      .generate({ prompt: "otter" })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImagesResponseError);
    expect(isImagesResponseError(err) && isImagesError(err) && !isImagesAPIError(err)).toBe(true);
    expect(server.requests.length - before).toBe(1);
    if (body.startsWith("<")) expect((err as Error).message).toMatch(/not JSON/);
    else expect(err).toMatchObject({ status: 200, requestId: "req_shape" });
  });

  it("a 200 with the minimal shape resolves", async () => {
    server.handle((_req, res) => json(res, 200, OK_BODY));
    expect(await client().generate({ prompt: "otter" })).toEqual(OK_BODY);
  });

  it("a 50 MB HTML 502 is read up to the cap: a short message, the start kept in the error", async () => {
    allowSpecViolations("the server answers outside the spec on purpose");
    const total = 50 * 1024 * 1024;
    const chunk = Buffer.alloc(1024 * 1024, "<p>gateway</p>");
    let written = 0;
    server.handle(
      (_req, res) =>
        new Promise<void>((resolve) => {
          res.writeHead(502, { "content-type": "text/html", "content-length": String(total) });
          const pump = () => {
            while (written < total) {
              written += chunk.length;
              if (!res.write(chunk)) {
                res.once("drain", pump);
                return;
              }
            }
            res.end();
          };
          // The client cancelling the body closes the connection: stop there.
          res.on("close", () => resolve());
          pump();
        }),
    );
    const err = await make({ apiKey: "k", baseUrl: server.baseUrl, maxRetries: 0 })
      .generate({ prompt: "otter" })
      .catch((e: unknown) => e);
    expect(isImagesAPIError(err)).toBe(true);
    const apiError = err as { error: unknown; bodyTruncated: boolean; message: string; status: number };
    expect(apiError.status).toBe(502);
    expect(apiError.bodyTruncated).toBe(true);
    expect(typeof apiError.error === "string" && apiError.error.length).toBe(MAX_ERROR_BODY_BYTES);
    expect(apiError.message.length).toBeLessThan(700);
    expect(apiError.message).toMatch(/… \(truncated\)$/);
    // The server could not write the rest: the client stopped reading. (Not asserted for fetch: the
    // suite's contract checker reads a clone of every response to its end.)
    if (name === "node") expect(written).toBeLessThan(total);
  });
});

it("a short error body is kept whole, and its message quotes at most 500 characters", async () => {
  allowSpecViolations("the server answers outside the spec on purpose");
  const page = `<html>${"x".repeat(2000)}</html>`;
  server.handle((_req, res) => {
    res.writeHead(503, { "content-type": "text/html" });
    res.end(page);
  });
  const err = await createImagesClient({ apiKey: "k", baseUrl: server.baseUrl, maxRetries: 0 })
    .generate({ prompt: "otter" })
    .catch((e: unknown) => e);
  expect(err).toMatchObject({ status: 503, error: page, bodyTruncated: false });
  expect((err as Error).message).toMatch(/… \(2013 characters\)$/);
});

describe("imagesResponseProblem", () => {
  it("names what is wrong, and accepts the spec's minimal response (created, data optional)", () => {
    expect(imagesResponseProblem(null)).toBe("expected a JSON object, got null");
    expect(imagesResponseProblem({ data: "oops" })).toBe("`created` is missing (expected a number)");
    expect(imagesResponseProblem({ created: 1, data: "oops" })).toBe(
      "`data` is a string (expected a list of images)",
    );
    expect(imagesResponseProblem({ created: 1, data: [{}, null] })).toBe(
      "`data[1]` is null (expected an image object)",
    );
    expect(imagesResponseProblem({ created: 1 })).toBeUndefined();
    expect(imagesResponseProblem({ created: 1, data: [{ url: "https://x" }], usage: {} })).toBeUndefined();
  });
});

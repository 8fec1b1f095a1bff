/**
 * One rule without a key, for the client, the Files/Batches client and the CLI: a request that would
 * go to OpenAI's API (the default base URL) without a key is refused before anything is sent, with a
 * message naming OPENAI_API_KEY and the local server; any other base URL gets the request without
 * `Authorization`.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFilesBatchesClient } from "../src/batch/index.js";
import { createImagesClient, isImagesValidationError } from "../src/index.js";
import { OK_BODY, useLoopback } from "./loopback.fixtures.js";
import { cleanEnv, runCli } from "./support/cli-run.js";

const server = useLoopback();
let dir: string;
const saved = { ...process.env };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "openai-images-api-key-"));
  delete process.env.OPENAI_API_KEY;
  delete process.env.OPENAI_BASE_URL;
});
afterAll(async () => {
  for (const key of ["OPENAI_API_KEY", "OPENAI_BASE_URL"]) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
  await rm(dir, { recursive: true, force: true });
});

/** A transport that records what would have left the machine. */
function recorder() {
  const sent: string[] = [];
  const fetch = async (request: Request) => {
    sent.push(request.url);
    return Response.json(OK_BODY);
  };
  return { sent, fetch };
}

function expectMissingKey(err: unknown): void {
  expect(isImagesValidationError(err)).toBe(true);
  const e = err as { param?: string; message: string };
  expect(e.param).toBe("apiKey");
  expect(e.message).toContain("OPENAI_API_KEY");
  expect(e.message).toContain("npx openai-images serve");
}

describe("the client without a key", () => {
  it.each([
    ["the default base URL", {}],
    ["OpenAI's API named explicitly", { baseUrl: "https://api.openai.com/v1/" }],
  ])("refuses a request to %s before the network", async (_label, options) => {
    const { sent, fetch } = recorder();
    const client = createImagesClient({ ...options, fetch });
    expectMissingKey(await client.generate({ prompt: "otter" }).catch((e: unknown) => e));
    expectMissingKey(await client.generate({ prompt: "otter", stream: true }).catch((e: unknown) => e));
    expect(sent).toEqual([]);
  });

  it("still reports the request's own problems first (they cost nothing either)", async () => {
    const { sent, fetch } = recorder();
    const model: string = "gpt-image-1.5";
    const err = await createImagesClient({ fetch })
      .generate({ model, prompt: "otter", quality: "xhigh" })
      .catch((e: unknown) => e);
    expect((err as { param?: string }).param).toBe("quality");
    expect(sent).toEqual([]);
  });

  it("sends to any other base URL without Authorization", async () => {
    const client = createImagesClient({ baseUrl: server.baseUrl, maxRetries: 0 });
    await client.generate({ prompt: "otter" });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
  });

  it("sends to OpenAI's API once there is a key", async () => {
    const { sent, fetch } = recorder();
    await createImagesClient({ apiKey: "sk-test", fetch }).generate({ prompt: "otter" });
    expect(sent).toEqual(["https://api.openai.com/v1/images/generations"]);
  });
});

describe("the Files and Batches client without a key", () => {
  it("refuses a call to OpenAI's API before the network", async () => {
    const { sent, fetch } = recorder();
    const api = createFilesBatchesClient({ fetch, maxRetries: 0 });
    expectMissingKey(await api.retrieveBatch("batch_1").catch((e: unknown) => e));
    expect(sent).toEqual([]);
  });

  it("calls any other base URL without Authorization", async () => {
    server.handle((_req, res) => {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: "No such batch", type: "invalid_request_error" } }));
    });
    const api = createFilesBatchesClient({ baseUrl: server.baseUrl, maxRetries: 0 });
    await api.retrieveBatch("batch_1").catch(() => undefined);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
  });
});

describe("the CLI without a key follows the same rule", () => {
  it("refuses OpenAI's API as --base-url with the library's message, exit 2", async () => {
    const res = await runCli(["generate", "otter", "--base-url", "https://api.openai.com/v1"], dir);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("OPENAI_API_KEY");
    expect(res.stderr).toContain("npx openai-images serve");
  });

  it("sends to another --base-url (or OPENAI_BASE_URL) without Authorization", async () => {
    const byFlag = await runCli(["generate", "otter", "--base-url", server.baseUrl, "--out", "a.png"], dir);
    const byEnv = await runCli(["generate", "otter", "--out", "b.png"], dir, {
      ...cleanEnv(),
      OPENAI_BASE_URL: server.baseUrl,
    });
    expect(server.requests).toHaveLength(2);
    expect(server.requests.map((r) => r.headers.authorization)).toEqual([undefined, undefined]);
    // The loopback's answer carries no image; what matters here is what was sent.
    expect([byFlag.stderr, byEnv.stderr].join("")).not.toContain("OPENAI_API_KEY");
  });
});

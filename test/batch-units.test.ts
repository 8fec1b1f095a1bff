/**
 * The batch runner's parts on their own: input parsing, line checks, rate-limit headers, the
 * throttle (on a fake clock), the manifest after a torn write, and generateMany's stop and cancel.
 */
import { appendFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BatchLine,
  checkBatch,
  generateMany,
  parseDuration,
  parseJsonl,
  parsePrompts,
  readManifest,
  readRateLimits,
} from "../src/batch/index.js";
import { openManifest } from "../src/batch/manifest.js";
import { createThrottle } from "../src/batch/throttle.js";
import { pollDefault } from "../src/cli/batch.js";
import { createImagesClient } from "../src/node/index.js";
import { FIXTURE_PARAMS } from "./batch.fixtures.js";
import { json, OK_BODY, useLoopback } from "./loopback.fixtures.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "openai-images-batch-units-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("parseJsonl", () => {
  it("reports each broken line with its number and the parameter at fault", () => {
    const text = [
      '{"id":"a","prompt":"x"}',
      "",
      "not json",
      "[1]",
      '{"prompt":"no id"}',
      '{"id":"../escape","prompt":"x"}',
      '{"id":"a","prompt":"again"}',
      '{"id":"b","op":"variation","prompt":"x"}',
      '{"id":"c","op":"edit","prompt":"x","image":"p.png"}',
    ].join("\n");
    const { lines, issues } = parseJsonl(text);
    expect(lines.map((l) => [l.id, l.op, l.line])).toEqual([
      ["a", "generate", 1],
      ["c", "edit", 9],
    ]);
    expect(issues.map((i) => [i.line, i.param])).toEqual([
      [3, ""],
      [4, ""],
      [5, "id"],
      [6, "id"],
      [7, "id"],
      [8, "op"],
    ]);
    expect(issues[4]?.message).toContain("repeats line 1");
  });

  it("keeps the parameters as given, 0, false and empty strings included", () => {
    const { lines } = parseJsonl('{"id":"z","prompt":"","output_compression":0,"stream":false}');
    expect(lines[0]?.params).toEqual({ prompt: "", output_compression: 0, stream: false });
  });
});

describe("parsePrompts", () => {
  it("one line per prompt, ids from line numbers, the shared parameters on each", () => {
    const { lines } = parsePrompts("a red fox\n\n  a lighthouse  \n", { model: "gpt-image-1.5", n: 2 });
    expect(lines).toEqual([
      {
        id: "line-1",
        op: "generate",
        line: 1,
        params: { model: "gpt-image-1.5", n: 2, prompt: "a red fox" },
      },
      {
        id: "line-3",
        op: "generate",
        line: 3,
        params: { model: "gpt-image-1.5", n: 2, prompt: "a lighthouse" },
      },
    ]);
  });
});

describe("checkBatch", () => {
  it("applies the model rules to each line, reads local edit images, and refuses streams", async () => {
    await writeFile(join(dir, "note.txt"), "not an image");
    const input = parseJsonl(
      [
        { id: "ok", ...FIXTURE_PARAMS, prompt: "fine" },
        { id: "big-n", ...FIXTURE_PARAMS, prompt: "x", n: 11 },
        { id: "stream", ...FIXTURE_PARAMS, prompt: "x", stream: true },
        { id: "missing", op: "edit", ...FIXTURE_PARAMS, prompt: "x", image: "nowhere.png" },
        { id: "text", op: "edit", ...FIXTURE_PARAMS, prompt: "x", image: ["note.txt"] },
        { id: "ref", op: "edit", ...FIXTURE_PARAMS, prompt: "x", images: [{ file_id: "file-1" }] },
        { id: "bad-ref", op: "edit", ...FIXTURE_PARAMS, prompt: "x", image: 42 },
      ]
        .map((l) => JSON.stringify(l))
        .join("\n"),
    );
    const issues = await checkBatch(input, { baseDir: dir });
    expect(issues.map((i) => [i.line, i.id, i.param])).toEqual([
      [2, "big-n", "n"],
      [3, "stream", "stream"],
      [4, "missing", "image"],
      [5, "text", "image[0]"],
      [7, "bad-ref", "image"],
    ]);
    expect(issues[2]?.message).toMatch(/cannot read nowhere\.png: ENOENT/);
  });
});

describe("rate-limit headers", () => {
  it.each([
    ["20ms", 20],
    ["1s", 1000],
    ["1.5s", 1500],
    ["6m0s", 360_000],
    ["1h2m3s", 3_723_000],
    ["2", 2000],
    ["soon", undefined],
    ["1s later", undefined],
  ])("parseDuration(%j) → %j", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it("reads the requests and tokens headers, leaving absent ones out", () => {
    const headers = new Headers({
      "x-ratelimit-limit-requests": "500",
      "x-ratelimit-remaining-requests": "0",
      "x-ratelimit-reset-requests": "120ms",
      "x-ratelimit-remaining-tokens": "12000",
    });
    expect(readRateLimits(headers)).toEqual({
      limitRequests: 500,
      remainingRequests: 0,
      resetRequestsMs: 120,
      remainingTokens: 12000,
    });
  });
});

describe("the throttle", () => {
  it("halves on a 429 and pauses for its retry-after, then grows by one per answer up to the cap", () => {
    let now = 1_000;
    const throttle = createThrottle(16, () => now);
    expect(throttle.state).toEqual({ limit: 16, pausedUntil: 0 });
    throttle.onRateLimited(250, {});
    expect(throttle.state).toEqual({ limit: 8, pausedUntil: 1_250 });
    now = 1_300;
    throttle.onAnswer({});
    throttle.onAnswer({});
    expect(throttle.state.limit).toBe(10);
    for (let i = 0; i < 20; i++) throttle.onAnswer({});
    expect(throttle.state.limit).toBe(16);
  });

  it("pauses until the announced reset when a window is used up, and never exceeds what is left", () => {
    const now = 5_000;
    const throttle = createThrottle(16, () => now);
    throttle.onAnswer({ remainingRequests: 3 });
    expect(throttle.state.limit).toBe(3);
    throttle.onAnswer({ remainingRequests: 0, resetRequestsMs: 400 });
    expect(throttle.state).toEqual({ limit: 1, pausedUntil: 5_400 });
    // Tokens: 1000 per request so far, 2500 left → room for 2.
    const tokens = createThrottle(16, () => now);
    tokens.onAnswer({ remainingTokens: 2_500 }, 1_000);
    expect(tokens.state.limit).toBe(2);
    tokens.onAnswer({ remainingTokens: 500, resetTokensMs: 90 }, 1_000);
    expect(tokens.state.pausedUntil).toBe(5_090);
  });

  it("a 429 without retry-after waits for the announced reset", () => {
    const throttle = createThrottle(4, () => 0);
    throttle.onRateLimited(0, { resetRequestsMs: 700 });
    expect(throttle.state).toEqual({ limit: 2, pausedUntil: 700 });
  });
});

describe("the manifest", () => {
  it("ignores a torn last line, starts the next record on its own line, last record of an id wins", async () => {
    const path = join(dir, "manifest.jsonl");
    const base = {
      line: 1,
      op: "generate",
      files: [],
      usage: null,
      request_id: null,
      error: null,
      engine: "live",
    };
    await writeFile(path, `${JSON.stringify({ ...base, id: "a", status: "failed", at: "t" })}\n`);
    await appendFile(path, '{"id":"b","status":"do'); // a crash in the middle of a write
    expect([...(await readManifest(path)).keys()]).toEqual(["a"]);
    const writer = await openManifest(path);
    await writer.append({
      ...base,
      id: "a",
      line: 1,
      op: "generate",
      status: "done",
      engine: "live",
      at: "u",
    });
    await writer.close();
    const records = await readManifest(path);
    expect(records.get("a")?.status).toBe("done");
    expect((await readFile(path, "utf8")).split("\n")).toHaveLength(4);
  });
});

describe("generateMany", () => {
  const loopback = useLoopback();
  const lines: BatchLine[] = Array.from({ length: 10 }, (_, i) => ({
    id: `g${i}`,
    op: "generate",
    line: i + 1,
    params: { ...FIXTURE_PARAMS, prompt: `p${i}` },
  }));

  it("yields results as they finish, never more in flight than the cap, retrying its own 429s", async () => {
    let inFlight = 0;
    let most = 0;
    let refused = 0;
    loopback.handle(async (_req, res) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setImmediate(r));
      inFlight--;
      if (refused < 2) {
        refused++;
        json(
          res,
          429,
          { error: { message: "slow down", type: "requests", code: "rate_limit_exceeded" } },
          {
            "retry-after-ms": "5",
            "x-ratelimit-remaining-requests": "0",
            "x-ratelimit-reset-requests": "5ms",
          },
        );
        return;
      }
      json(res, 200, OK_BODY, { "x-ratelimit-remaining-requests": "100" });
    });
    const client = createImagesClient({ apiKey: "k", baseUrl: loopback.baseUrl });
    const results = [];
    for await (const r of generateMany(client, lines, { concurrency: 3 })) results.push(r);
    expect(results.map((r) => r.status)).toEqual(Array(10).fill("done"));
    expect(results.map((r) => r.line.id).sort()).toEqual(lines.map((l) => l.id).sort());
    expect(most).toBeLessThanOrEqual(3);
    expect(loopback.requests).toHaveLength(12);
    expect(results.reduce((n, r) => n + r.attempts, 0)).toBe(12);
  });

  it("a refused line fails with the API's fields and is not retried", async () => {
    loopback.handle((_req, res) =>
      json(res, 400, { error: { message: "no", type: "invalid_request_error", param: "size", code: "bad" } }),
    );
    const client = createImagesClient({ apiKey: "k", baseUrl: loopback.baseUrl });
    const results = [];
    for await (const r of generateMany(client, lines.slice(0, 1))) results.push(r);
    const [first] = results;
    expect(first).toMatchObject({
      status: "failed",
      attempts: 1,
      error: { status: 400, param: "size", code: "bad" },
    });
  });

  it("stopSignal: no new lines, those in flight finish; signal: those in flight are cancelled", async () => {
    const release: Array<() => void> = [];
    loopback.handle(async (_req, res) => {
      await new Promise<void>((r) => release.push(r));
      json(res, 200, OK_BODY);
    });
    const client = createImagesClient({ apiKey: "k", baseUrl: loopback.baseUrl });
    const stop = new AbortController();
    const cancel = new AbortController();
    const seen: string[] = [];
    const run = (async () => {
      for await (const r of generateMany(client, lines, {
        concurrency: 2,
        stopSignal: stop.signal,
        signal: cancel.signal,
      }))
        seen.push(r.status);
    })();
    while (loopback.requests.length < 2) await new Promise((r) => setImmediate(r));
    stop.abort();
    release.shift()?.();
    while (seen.length < 1) await new Promise((r) => setImmediate(r));
    cancel.abort(new Error("second Ctrl-C"));
    await run;
    expect(seen).toEqual(["done", "cancelled"]);
    expect(loopback.requests).toHaveLength(2);
    for (const r of release) r();
  });
});

describe("the CLI's Batch API poll interval by default", () => {
  const connection = (baseUrl: string | undefined, embedded = false) => ({
    apiKey: undefined,
    baseUrl,
    fetch: embedded ? async () => new Response() : undefined,
    close: async () => {},
  });

  it.each([
    ["the embedded server", connection("http://embedded.invalid/v1", true), 250],
    ["a loopback address", connection("http://127.0.0.1:4010/v1"), 250],
    ["localhost", connection("http://localhost:4010/v1"), 250],
    ["IPv6 loopback", connection("http://[::1]:4010/v1"), 250],
    ["OpenAI's API (the library's 15 s)", connection(undefined), undefined],
    ["another host", connection("https://images.example.com/v1"), undefined],
  ])("%s", (_label, conn, expected) => {
    expect(pollDefault(conn)).toBe(expected);
  });
});

/**
 * The Batch API engine against the local server's `/v1/files` and `/v1/batches`: the same 200 lines
 * give the same files and manifest as a live run; a run killed between creating the batch and its
 * completion is resumed from the saved batch id; a failed line and an expired batch are recorded and
 * run again on the next attempt.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createFilesBatchesClient, type ManifestRecord, parseJsonl, runBatch } from "../src/batch/index.js";
import { createImagesClient } from "../src/node/index.js";
import { type ImagesServer, startImagesServer } from "../src/server/index.js";
import {
  FIXTURE_PARAMS,
  INVALID_LINES,
  manifestRecords,
  runCli,
  startCli,
  useBatchFixture,
} from "./batch.fixtures.js";

vi.setConfig({ testTimeout: 120_000 });

const fixture = useBatchFixture("batch-api");

let server: ImagesServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const countOf = (s: ImagesServer, method: string, path: RegExp) =>
  s.requests.filter((r) => r.method === method && path.test(r.path)).length;

/** What must match between engines: everything but ids, times and the engine's own fields. */
function comparable(records: Array<Record<string, unknown>>) {
  const last = new Map(records.filter((r) => typeof r.id === "string").map((r) => [r.id as string, r]));
  return [...last.values()]
    .map((r) => ({ id: r.id, line: r.line, op: r.op, status: r.status, files: r.files, usage: r.usage }))
    .sort((a, b) => (a.line as number) - (b.line as number));
}

async function imagesOf(out: string): Promise<Map<string, Buffer>> {
  const names = (await readdir(out)).filter((f) => /\.(png|webp|jpg)$/.test(f)).sort();
  return new Map(await Promise.all(names.map(async (n) => [n, await readFile(join(out, n))] as const)));
}

describe("openai-images batch --engine batch", () => {
  it("writes the same files and manifest as live mode, and resumes a batch after the process exits", async () => {
    // Held: the batch stays in_progress until the test releases it, after the first process is gone.
    server = await startImagesServer({ retired: "serve", batchFaults: "slow" });
    const live = join(fixture.dir, "live");
    const liveRun = await runCli(
      ["batch", fixture.input, "--out", `${live}/`, "--concurrency", "8"],
      server.url,
      fixture.dir,
    );
    expect(liveRun.code).toBe(2);

    const out = join(fixture.dir, "batch");
    const args = ["batch", fixture.input, "--out", `${out}/`, "--engine", "batch", "--poll-interval", "20"];
    const imagesBefore = countOf(server, "POST", /^\/v1\/images\//);
    const first = startCli(args, server.url, fixture.dir);
    const created = await first.waitForLine(/^batch batch_\w+ in_progress/);
    first.child.kill("SIGKILL");
    expect(await first.exited).toBeNull();
    const batchId = /batch_\w+/.exec(created)?.[0];
    const state = JSON.parse(await readFile(join(out, "batch-state.json"), "utf8")) as {
      batches: Array<{ id: string; endpoint: string }>;
    };
    expect(state.batches.map((b) => b.id)).toContain(batchId);
    // Generations and edits go to two endpoints, so two batches.
    expect(state.batches.map((b) => b.endpoint).sort()).toEqual([
      "/v1/images/edits",
      "/v1/images/generations",
    ]);

    server.releaseBatches();
    const second = await runCli(args, server.url, fixture.dir);
    expect(second.code).toBe(2);
    expect(second.stdout).toMatch(/^done 196, failed 0, cancelled 0, invalid 4, skipped 0/m);

    // One set of batches and input files; the resumed run created nothing new and sent no live request.
    expect(countOf(server, "POST", /^\/v1\/batches$/)).toBe(2);
    expect(countOf(server, "POST", /^\/v1\/images\//)).toBe(imagesBefore);
    // The two edit images were uploaded once, as files, and referenced by file_id.
    expect(countOf(server, "POST", /^\/v1\/files$/)).toBe(2 + 2);
    await expect(readFile(join(out, "batch-state.json"))).rejects.toThrow();

    const batchRecords = await manifestRecords(out);
    expect(comparable(batchRecords)).toEqual(comparable(await manifestRecords(live)));
    expect(comparable(batchRecords).filter((r) => r.status === "done")).toHaveLength(fixture.validIds.length);
    expect(comparable(batchRecords).filter((r) => r.status === "invalid")).toHaveLength(INVALID_LINES);
    expect(batchRecords.filter((r) => r.status === "done").every((r) => r.engine === "batch")).toBe(true);
    expect(await imagesOf(out)).toEqual(await imagesOf(live));
    expect(server.specViolations).toEqual([]);
  });
});

describe("runBatch with the Batch API engine", () => {
  const lines = Array.from({ length: 8 }, (_, i) =>
    JSON.stringify({ id: `l${i + 1}`, ...FIXTURE_PARAMS, prompt: `fault line ${i + 1}` }),
  ).join("\n");

  async function run(out: string, s: ImagesServer) {
    const events: string[] = [];
    const summary = await runBatch({
      input: parseJsonl(lines),
      out,
      engine: "batch",
      client: createImagesClient({ apiKey: "k", baseUrl: s.url }),
      api: createFilesBatchesClient({ apiKey: "k", baseUrl: s.url }),
      pollIntervalMs: 10,
      onEvent: (e) => {
        if (e.type === "batch") events.push(e.batch.status);
      },
    });
    return { summary, events };
  }

  it("records a failed line with its status, and runs it again next time", async () => {
    server = await startImagesServer({
      retired: "serve",
      batchFaults: "line-fail; line=3; status=500, slow; polls=3",
    });
    const out = join(fixture.dir, "line-fail");
    const { summary, events } = await run(out, server);
    expect(summary.counts).toMatchObject({ done: 7, failed: 1 });
    // A slow batch: seen in progress on several polls before it completed.
    expect(events.filter((s) => s === "in_progress").length).toBeGreaterThanOrEqual(2);
    expect(events.at(-1)).toBe("completed");
    const failed = (await manifestRecords(out)).find(
      (r) => r.status === "failed",
    ) as unknown as ManifestRecord;
    expect(failed).toMatchObject({ id: "l3", error: { status: 500 }, engine: "batch" });
    expect(failed.batch_id).toMatch(/^batch_/);

    const second = await run(out, server);
    // Only l3 runs again, as line 1 of a new batch, which the fault does not touch.
    expect(second.summary.counts).toMatchObject({ done: 1, failed: 0, skipped: 7 });
  });

  it("live mode refuses to start while the folder has Batch API batches to collect", async () => {
    server = await startImagesServer({ retired: "serve", batchFaults: "slow" });
    const out = join(fixture.dir, "held");
    const stop = new AbortController();
    const waiting = runBatch({
      input: parseJsonl(lines),
      out,
      engine: "batch",
      client: createImagesClient({ apiKey: "k", baseUrl: server.url }),
      api: createFilesBatchesClient({ apiKey: "k", baseUrl: server.url }),
      pollIntervalMs: 10,
      stopSignal: stop.signal,
      onEvent: (e) => {
        if (e.type === "batch") stop.abort();
      },
    });
    const stopped = await waiting;
    expect(stopped.pendingBatches).toHaveLength(1);
    await expect(
      runBatch({
        input: parseJsonl(lines),
        out,
        client: createImagesClient({ apiKey: "k", baseUrl: server.url }),
      }),
    ).rejects.toThrow(/batch-state\.json lists Batch API batches still to collect/);
    expect(countOf(server, "POST", /^\/v1\/images\//)).toBe(0);
  });

  it("an expired batch: the lines it ran are done, the rest fail with batch_expired and run next time", async () => {
    server = await startImagesServer({ retired: "serve", batchFaults: "expire; after=5" });
    const out = join(fixture.dir, "expired");
    const { summary, events } = await run(out, server);
    expect(events.at(-1)).toBe("expired");
    expect(summary.counts).toMatchObject({ done: 5, failed: 3 });
    const expired = (await manifestRecords(out)).filter((r) => r.status === "failed");
    expect(expired.every((r) => (r.error as { code: string }).code === "batch_expired")).toBe(true);
    // After 5 lines the second batch expires too, so 3 lines take one more run.
    const second = await run(out, server);
    expect(second.summary.counts).toMatchObject({ done: 3, failed: 0, skipped: 5 });
  });
});

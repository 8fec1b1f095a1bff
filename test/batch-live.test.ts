/**
 * Live batch runs of 200 lines through the CLI against the local server: rate limits and 429s with
 * rate-limit headers, a connection reset mid-run, a SIGKILL at a random point and a re-run, Ctrl-C,
 * and `--dry-run`. Request counts come from the server's own records.
 */
import { access, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type ImagesServer, startImagesServer } from "../src/server/index.js";
import {
  FIXTURE_LINES,
  INVALID_LINES,
  manifestRecords,
  runCli,
  startCli,
  useBatchFixture,
} from "./batch.fixtures.js";
import { describe as describeImage } from "./server-helpers.js";

vi.setConfig({ testTimeout: 120_000 });

const fixture = useBatchFixture("batch-live");

let server: ImagesServer;
beforeEach(async () => {
  // 25 requests per 100 ms: 200 lines at concurrency 16 run into the limit again and again.
  server = await startImagesServer({ retired: "serve", rateLimit: { requests: 25, windowMs: 100 } });
});
afterEach(() => server.close());

const imageRequests = () => server.requests.filter((r) => r.path.startsWith("/v1/images/"));
const answered = () => imageRequests().filter((r) => r.status === 200);

/** The last record of each id. */
function latest(records: Array<Record<string, unknown>>): Map<string, Record<string, unknown>> {
  return new Map(records.filter((r) => typeof r.id === "string").map((r) => [r.id as string, r]));
}

async function expectAllDone(out: string): Promise<void> {
  const records = latest(await manifestRecords(out));
  const done = [...records.values()].filter((r) => r.status === "done");
  expect(done.map((r) => r.id).sort()).toEqual([...fixture.validIds].sort());
  expect([...records.values()].filter((r) => r.status === "invalid")).toHaveLength(INVALID_LINES);
  const files = await readdir(out);
  for (const r of done) {
    for (const f of r.files as string[]) expect(files).toContain(f);
    expect(r.request_id).toMatch(/^req_/);
    expect(r.usage).toMatchObject({ total_tokens: expect.any(Number) });
  }
  // Two images for every tenth line, named -1 and -2.
  expect(records.get("item-010")?.files).toEqual(["item-010-1.png", "item-010-2.png"]);
  expect(records.get("item-007")?.files).toEqual(["item-007.webp"]);
}

describe("openai-images batch (live)", () => {
  it("runs 200 lines through 429s and a connection reset: every valid line done exactly once", async () => {
    const out = join(fixture.dir, "live");
    // 429s with retry-after (and, from the rate limiter, x-ratelimit-* headers) on top of the limit.
    server.injectFault("429; retry-after-ms=20", { times: 5 });
    const run = startCli(
      ["batch", fixture.input, "--out", `${out}/`, "--concurrency", "16"],
      server.url,
      fixture.dir,
    );
    // Mid-run: one answer is cut after its headers (a TCP reset), so that line must be sent again.
    await run.waitForLine(/^\[100\/\d+\] done/);
    server.injectFault("reset", { times: 1 });
    expect(await run.exited).toBe(2); // every valid line done; the invalid ones are the exit code
    expect(run.stdout).toMatch(/^done 196, failed 0, cancelled 0, invalid 4, skipped 0/m);

    await expectAllDone(out);
    const limited = imageRequests().filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(5);
    // Every valid line answered once, plus the one whose answer was cut off.
    expect(answered()).toHaveLength(fixture.validIds.length + 1);
    const ids = (await manifestRecords(out)).map((r) => r.request_id).filter(Boolean);
    expect(new Set(ids).size).toBe(fixture.validIds.length);
    const served = new Set(answered().map((r) => r.requestId));
    for (const id of ids) expect(served.has(id as string)).toBe(true);
    expect(run.stderr).toMatch(/^concurrency \d+/m);
    expect(server.specViolations).toEqual([]);

    // Again: nothing left to do, nothing sent.
    const before = server.requests.length;
    const again = await runCli(["batch", fixture.input, "--out", `${out}/`], server.url, fixture.dir);
    expect(again.stdout).toMatch(/done 0, failed 0, cancelled 0, invalid 4, skipped 196/);
    expect(server.requests.length).toBe(before);
  });

  it("killed at a random point and run again: no finished line sent twice, none lost", async () => {
    const out = join(fixture.dir, "killed");
    const killAt = 20 + Math.floor(Math.random() * 140);
    const run = startCli(
      ["batch", fixture.input, "--out", `${out}/`, "--concurrency", "8"],
      server.url,
      fixture.dir,
    );
    await run.waitForLine(new RegExp(`^\\[${killAt}/\\d+\\] done`));
    run.child.kill("SIGKILL");
    expect(await run.exited).toBeNull();

    const finished = [...latest(await manifestRecords(out)).values()].filter((r) => r.status === "done");
    expect(finished.length).toBeGreaterThanOrEqual(killAt);
    // The killed process's requests may still be rendering: let them end on this server, and count
    // the re-run's requests on a fresh one.
    await server.close();
    server = await startImagesServer({ retired: "serve", rateLimit: { requests: 25, windowMs: 100 } });

    const again = await runCli(
      ["batch", fixture.input, "--out", `${out}/`, "--concurrency", "8"],
      server.url,
      fixture.dir,
    );
    expect(again.code).toBe(2);
    expect(again.stdout).toContain(`skipped ${finished.length} (already done)`);
    // The re-run sent exactly the lines the manifest did not have as done.
    expect(answered()).toHaveLength(fixture.validIds.length - finished.length);
    await expectAllDone(out);
    // A kill mid-write leaves at most a temporary file, never half an image under its final name;
    // the re-run removes the leftovers.
    for (const f of await readdir(out)) {
      expect(f).not.toMatch(/\.tmp$/);
      if (f !== "manifest.jsonl") expect((await describeImage(await readFile(join(out, f)))).width).toBe(256);
    }
  });

  it("Ctrl-C stops taking lines, lets those in flight finish, and leaves a consistent manifest", async () => {
    const out = join(fixture.dir, "interrupted");
    const run = startCli(
      ["batch", fixture.input, "--out", `${out}/`, "--concurrency", "4"],
      server.url,
      fixture.dir,
    );
    await run.waitForLine(/^\[30\/\d+\] done/);
    run.child.kill("SIGINT");
    expect(await run.exited).toBe(130);
    expect(run.stderr).toContain("Stopping: no new lines");
    const done = [...latest(await manifestRecords(out)).values()].filter((r) => r.status === "done");
    // Every request the server answered was recorded: the in-flight lines finished before the exit.
    expect(done).toHaveLength(answered().length);
    expect(done.length).toBeLessThan(fixture.validIds.length);
    const again = await runCli(["batch", fixture.input, "--out", `${out}/`], server.url, fixture.dir);
    expect(again.code).toBe(2);
    await expectAllDone(out);
    expect(answered()).toHaveLength(fixture.validIds.length);
  });

  it("--help lists the command and its options", async () => {
    const [top, help] = await Promise.all([
      runCli(["--help"], server.url, fixture.dir),
      runCli(["batch", "--help"], server.url, fixture.dir),
    ]);
    expect(top.stdout).toContain("openai-images batch <in.jsonl|prompts.txt>");
    for (const option of [
      "--out",
      "--dry-run",
      "--engine",
      "--concurrency",
      "--max-retries",
      "--poll-interval",
    ])
      expect(help.stdout).toContain(option);
    expect(help.code).toBe(0);
  });

  it("--dry-run reports every invalid line with its number and parameter, and sends nothing", async () => {
    const res = await runCli(["batch", fixture.input, "--dry-run"], server.url, fixture.dir);
    expect(res.code).toBe(2);
    expect(res.stdout.trim()).toBe(
      `${INVALID_LINES} of ${FIXTURE_LINES} lines are invalid; nothing was sent.`,
    );
    const reported = res.stderr.split("\n").filter((l) => l.startsWith("invalid line"));
    expect(reported).toEqual([
      expect.stringMatching(/^invalid line 20 \(item-020\): parameter size: .*1000x1000/),
      expect.stringMatching(/^invalid line 60 \(item-060\): parameter n: /),
      expect.stringMatching(/^invalid line 120 \(item-120\): parameter quality: .*ultra/),
      expect.stringMatching(/^invalid line 180 \(item-180\): parameter prompt: /),
    ]);
    expect(server.requests).toHaveLength(0);
    await expect(access(join(fixture.dir, "manifest.jsonl"))).rejects.toThrow();
  });
});

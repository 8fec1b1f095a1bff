/**
 * The local server's `/v1/files` and `/v1/batches`, over plain HTTP: uploads and downloads, `file_id`
 * image references in edits, batch validation, cancelling, the rate-limit headers, and that every 200
 * answer fits `openapi/files-batches.yaml`.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type ImagesServer, startImagesServer } from "../src/server/index.js";
import { FIXTURE_PARAMS } from "./batch.fixtures.js";
import { solidPng } from "./server-helpers.js";

let server: ImagesServer;
beforeEach(async () => {
  server = await startImagesServer({ retired: "serve", batchFaults: "slow" });
});
afterEach(async () => {
  expect(server.specViolations).toEqual([]);
  await server.close();
});

const auth = { authorization: "Bearer test" };

async function upload(bytes: Uint8Array<ArrayBuffer> | string, filename: string, purpose: string) {
  const form = new FormData();
  form.append("purpose", purpose);
  form.append("file", new Blob([bytes]), filename);
  return fetch(`${server.url}/files`, { method: "POST", headers: auth, body: form });
}

async function createBatch(lines: object[], endpoint = "/v1/images/generations") {
  const file = (await (
    await upload(lines.map((l) => JSON.stringify(l)).join("\n"), "in.jsonl", "batch")
  ).json()) as {
    id: string;
  };
  const res = await fetch(`${server.url}/batches`, {
    method: "POST",
    headers: { ...auth, "content-type": "application/json" },
    body: JSON.stringify({ input_file_id: file.id, endpoint, completion_window: "24h" }),
  });
  return (await res.json()) as { id: string; status: string };
}

const getBatch = async (id: string) =>
  (await (await fetch(`${server.url}/batches/${id}`, { headers: auth })).json()) as Record<string, unknown>;

describe("/v1/files", () => {
  it("uploads, describes, serves and deletes a file", async () => {
    const res = await upload("hello\n", "notes.jsonl", "batch");
    expect(res.status).toBe(200);
    const file = (await res.json()) as { id: string };
    expect(file).toMatchObject({ object: "file", bytes: 6, filename: "notes.jsonl", purpose: "batch" });
    const meta = await fetch(`${server.url}/files/${file.id}`, { headers: auth });
    expect(await meta.json()).toEqual(file);
    const content = await fetch(`${server.url}/files/${file.id}/content`, { headers: auth });
    expect(await content.text()).toBe("hello\n");
    const deleted = await fetch(`${server.url}/files/${file.id}`, { method: "DELETE", headers: auth });
    expect(await deleted.json()).toEqual({ id: file.id, object: "file", deleted: true });
    expect((await fetch(`${server.url}/files/${file.id}/content`, { headers: auth })).status).toBe(404);
  });

  it("refuses an unknown purpose, a missing file and a missing key like the API", async () => {
    const bad = await upload("x", "x.txt", "gossip");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { param: string } }).error.param).toBe("purpose");
    const form = new FormData();
    form.append("purpose", "batch");
    const missing = await fetch(`${server.url}/files`, { method: "POST", headers: auth, body: form });
    expect(((await missing.json()) as { error: { param: string } }).error.param).toBe("file");
    expect((await fetch(`${server.url}/files/file-nope`)).status).toBe(401);
  });

  it("an uploaded image is an edit's { file_id } reference", async () => {
    const png = await solidPng(256, 256, { r: 10, g: 200, b: 10 });
    const { id } = (await (await upload(new Uint8Array(png), "green.png", "vision")).json()) as {
      id: string;
    };
    const edit = (images: object[]) =>
      fetch(`${server.url}/images/edits`, {
        method: "POST",
        headers: { ...auth, "content-type": "application/json" },
        body: JSON.stringify({ ...FIXTURE_PARAMS, prompt: "add a hat", images }),
      });
    const ok = await edit([{ file_id: id }]);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { data: unknown[] }).data).toHaveLength(1);
    const unknown = await edit([{ file_id: "file-unknown" }]);
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: { param: string } }).error.param).toBe("images[0].file_id");
  });
});

describe("/v1/batches", () => {
  const line = (i: number) => ({
    custom_id: `c${i}`,
    method: "POST",
    url: "/v1/images/generations",
    body: { ...FIXTURE_PARAMS, prompt: `batch line ${i}` },
  });

  it("fails a batch whose input does not fit its endpoint, naming the line", async () => {
    const batch = await createBatch([line(1), { ...line(2), url: "/v1/images/edits" }, line(1)]);
    expect(batch.status).toBe("failed");
    const errors = (await getBatch(batch.id)).errors as { data: Array<{ code: string; line: number }> };
    expect(errors.data.map((e) => [e.code, e.line])).toEqual([
      ["mismatched_endpoint", 2],
      ["duplicate_custom_id", 3],
    ]);
  });

  it("runs lines through the images path: a refused line goes to the error file", async () => {
    const bad = { ...line(2), body: { ...FIXTURE_PARAMS, prompt: "x", n: 11 } };
    const batch = await createBatch([line(1), bad]);
    server.releaseBatches();
    let current = await getBatch(batch.id);
    while (current.status !== "completed") current = await getBatch(batch.id);
    expect(current.request_counts).toEqual({ total: 2, completed: 1, failed: 1 });
    const read = async (id: unknown) =>
      (await (await fetch(`${server.url}/files/${id}/content`, { headers: auth })).text())
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as { custom_id: string; response: { status_code: number; body: unknown } });
    const [ok] = await read(current.output_file_id);
    expect(ok).toMatchObject({ custom_id: "c1", response: { status_code: 200, body: { size: "256x256" } } });
    const [refused] = await read(current.error_file_id);
    expect(refused).toMatchObject({
      custom_id: "c2",
      response: { status_code: 400, body: { error: { param: "n" } } },
    });
  });

  it("cancels a running batch, keeping what it finished", async () => {
    const batch = await createBatch([line(1), line(2), line(3)]);
    const cancel = await fetch(`${server.url}/batches/${batch.id}/cancel`, { method: "POST", headers: auth });
    expect(((await cancel.json()) as { status: string }).status).toBe("cancelling");
    let current = await getBatch(batch.id);
    while (current.status === "cancelling") current = await getBatch(batch.id);
    expect(current).toMatchObject({ status: "cancelled", cancelled_at: expect.any(Number) });
    expect((await fetch(`${server.url}/batches/batch_nope`, { headers: auth })).status).toBe(404);
  });

  it("refuses a batch over a file that is not a batch input", async () => {
    const { id } = (await (await upload("x", "x.png", "vision")).json()) as { id: string };
    const res = await fetch(`${server.url}/batches`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({
        input_file_id: id,
        endpoint: "/v1/images/generations",
        completion_window: "24h",
      }),
    });
    expect(res.status).toBe(400);
    const wrongWindow = await fetch(`${server.url}/batches`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({
        input_file_id: id,
        endpoint: "/v1/images/generations",
        completion_window: "1h",
      }),
    });
    expect(((await wrongWindow.json()) as { error: { param: string } }).error.param).toBe(
      "completion_window",
    );
  });
});

describe("rateLimit", () => {
  it("announces the window on every answer and refuses past it with retry-after", async () => {
    const limited = await startImagesServer({
      retired: "serve",
      rateLimit: { requests: 2, windowMs: 60_000 },
    });
    try {
      const generate = () =>
        fetch(`${limited.url}/images/generations`, {
          method: "POST",
          headers: { ...auth, "content-type": "application/json" },
          body: JSON.stringify({ ...FIXTURE_PARAMS, prompt: "otter" }),
        });
      const answers = [await generate(), await generate(), await generate()];
      expect(answers.map((r) => r.status)).toEqual([200, 200, 429]);
      expect(answers.map((r) => r.headers.get("x-ratelimit-remaining-requests"))).toEqual(["1", "0", "0"]);
      expect(answers[0]?.headers.get("x-ratelimit-limit-requests")).toBe("2");
      expect(answers[0]?.headers.get("x-ratelimit-reset-requests")).toMatch(/^\d+(\.\d+)?s$|^\d+ms$/);
      const refused = answers[2] as Response;
      expect(Number(refused.headers.get("retry-after-ms"))).toBeGreaterThan(0);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("rate_limit_exceeded");
      await Promise.all(answers.slice(0, 2).map((r) => r.arrayBuffer()));
    } finally {
      await limited.close();
    }
  });
});

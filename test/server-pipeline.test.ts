/**
 * One request pipeline: a Batch API line is answered as the same request sent directly is (status,
 * code, image URLs), and `server.requests` records the faults that applied to each request.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type ImagesServer, startImagesServer } from "../src/server/index.js";
import { FIXTURE_PARAMS } from "./batch.fixtures.js";
import { solidPng } from "./server-helpers.js";

const PUBLIC_URL = "https://images.example:8443";
let server: ImagesServer;
beforeEach(async () => {
  server = await startImagesServer({ retired: "serve", publicUrl: PUBLIC_URL });
});
afterEach(async () => {
  expect(server.specViolations).toEqual([]);
  await server.close();
});

const auth = { authorization: "Bearer test" };
const json = { ...auth, "content-type": "application/json" };

/** Sends `body` to `path` directly, and as the only line of a batch; returns both answers. */
async function directAndBatched(path: "/images/generations" | "/images/edits", body: object) {
  const direct = await fetch(`${server.url}${path}`, {
    method: "POST",
    headers: json,
    body: JSON.stringify(body),
  });
  const form = new FormData();
  form.append("purpose", "batch");
  const line = { custom_id: "only", method: "POST", url: `/v1${path}`, body };
  form.append("file", new Blob([`${JSON.stringify(line)}\n`]), "in.jsonl");
  const file = (await (
    await fetch(`${server.url}/files`, { method: "POST", headers: auth, body: form })
  ).json()) as {
    id: string;
  };
  const created = (await (
    await fetch(`${server.url}/batches`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ input_file_id: file.id, endpoint: `/v1${path}`, completion_window: "24h" }),
    })
  ).json()) as { id: string };
  let batch: Record<string, unknown> = {};
  do {
    batch = (await (
      await fetch(`${server.url}/batches/${created.id}`, { headers: auth })
    ).json()) as typeof batch;
  } while (batch.status !== "completed");
  const resultFile = batch.output_file_id ?? batch.error_file_id;
  const text = await (await fetch(`${server.url}/files/${resultFile}/content`, { headers: auth })).text();
  const record = JSON.parse(text.trim()) as { response: { status_code: number; body: unknown } };
  return {
    direct: { status: direct.status, body: (await direct.json()) as Record<string, unknown> },
    batched: { status: record.response.status_code, body: record.response.body as Record<string, unknown> },
  };
}

describe("a Batch API line is answered as the same request sent directly", () => {
  it("an image that cannot be decoded (a truncated PNG as a data: URL) is the same 400", async () => {
    const png = await solidPng(256, 256, { r: 200, g: 30, b: 30 });
    // The header survives, so the image is described; the pixels do not, so decoding fails.
    const truncated = png.subarray(0, Math.floor(png.length / 2));
    const body = {
      ...FIXTURE_PARAMS,
      prompt: "add a hat",
      images: [{ image_url: `data:image/png;base64,${truncated.toString("base64")}` }],
    };
    const { direct, batched } = await directAndBatched("/images/edits", body);
    expect(direct.status).toBe(400);
    expect(direct.body).toMatchObject({ error: { code: "invalid_image_file", param: "image" } });
    expect(batched).toEqual(direct);
  });

  it("image URLs start with publicUrl on both paths", async () => {
    const body = { model: "dall-e-2", prompt: "a lighthouse", size: "256x256", response_format: "url" };
    const { direct, batched } = await directAndBatched("/images/generations", body);
    expect([direct.status, batched.status]).toEqual([200, 200]);
    for (const answer of [direct, batched]) {
      const [image] = answer.body.data as Array<{ url: string }>;
      expect(image?.url.startsWith(`${PUBLIC_URL}/files/`)).toBe(true);
    }
  });
});

describe("server.requests", () => {
  it("records the server-wide faults that applied, beside the fault header", async () => {
    const generate = (headers: Record<string, string> = {}) =>
      fetch(`${server.url}/images/generations`, {
        method: "POST",
        headers: { ...json, ...headers },
        body: JSON.stringify({ ...FIXTURE_PARAMS, prompt: "otter" }),
      }).then(async (r) => {
        await r.arrayBuffer();
        return r.status;
      });
    server.injectFault("503", { times: 1 });
    expect(await generate({ "x-images-fault": "delay; ms=1; id=mine" })).toBe(503);
    expect(await generate()).toBe(200);
    server.injectFault("delay; ms=1");
    expect(await generate()).toBe(200);
    expect(server.requests.map((r) => [r.status, r.fault])).toEqual([
      [503, "delay; ms=1; id=mine, 503"],
      [200, undefined],
      [200, "delay; ms=1"],
    ]);
  });
});

/**
 * The Files and Batches endpoints as `openapi/files-batches.yaml` declares them: list pages with a
 * cursor (over 250 objects), `expires_after` as the SDKs send it, every path with and without `/v1`,
 * and the server's endpoint table held equal to the operations of both specs.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openapiDocument as filesBatchesDocument } from "../generated/files-batches-openapi.js";
import { openapiDocument as imagesDocument } from "../generated/openapi.js";
import { SERVER_ENDPOINTS } from "../src/server/endpoints.js";
import { type ImagesServer, startImagesServer } from "../src/server/index.js";
import { route } from "../src/server/routes.js";

let server: ImagesServer;
let origin: string;
beforeAll(async () => {
  server = await startImagesServer({ retired: "serve" });
  origin = server.url.replace(/\/v1$/, "");
});
afterAll(async () => {
  expect(server.specViolations).toEqual([]);
  await server.close();
});

const auth = { authorization: "Bearer test" };
const json = { ...auth, "content-type": "application/json" };

async function upload(text: string, purpose: string, extra: Record<string, string> = {}, base = server.url) {
  const form = new FormData();
  form.append("purpose", purpose);
  for (const [name, value] of Object.entries(extra)) form.append(name, value);
  form.append("file", new Blob([text]), "input.jsonl");
  const res = await fetch(`${base}/files`, { method: "POST", headers: auth, body: form });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { id: string } };
}

interface Page {
  object: string;
  data: Array<{ id: string; purpose?: string }>;
  has_more: boolean;
  first_id?: string;
  last_id?: string;
}
const list = async (path: string): Promise<Page> => {
  const res = await fetch(`${server.url}${path}`, { headers: auth });
  expect(res.status).toBe(200);
  return (await res.json()) as Page;
};

/** Every id of a list, page by page, following `after` until `has_more` is false. */
async function walk(path: string, limit: number): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let pages = 0;
  let after: string | undefined;
  for (;;) {
    const sep = path.includes("?") ? "&" : "?";
    const page = await list(`${path}${sep}limit=${limit}${after ? `&after=${after}` : ""}`);
    pages++;
    expect(page.object).toBe("list");
    expect(page.data.length).toBeLessThanOrEqual(limit);
    if (page.data.length > 0) {
      expect([page.first_id, page.last_id]).toEqual([page.data[0]?.id, page.data.at(-1)?.id]);
    }
    ids.push(...page.data.map((o) => o.id));
    if (!page.has_more) return { ids, pages };
    after = page.last_id;
  }
}

describe("the endpoint table", () => {
  it("holds exactly the operations of openapi/images.yaml and openapi/files-batches.yaml", () => {
    const specOps = [imagesDocument, filesBatchesDocument].flatMap((doc) =>
      Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, item]) =>
        Object.keys(item)
          .filter((m) => ["get", "post", "delete", "put", "patch"].includes(m))
          .map((m) => `${m.toUpperCase()} ${path}`),
      ),
    );
    const ours = Object.values(SERVER_ENDPOINTS).map((e) => `${e.method} ${e.path}`);
    expect(ours.sort()).toEqual(specOps.sort());
  });

  it("routes every endpoint with and without /v1, and the Images operations under Azure's paths", () => {
    for (const [name, { method, path }] of Object.entries(SERVER_ENDPOINTS)) {
      const concrete = path.replace("{file_id}", "file-abc").replace("{batch_id}", "batch_abc");
      for (const prefix of ["", "/v1"]) {
        expect(route(method, `${prefix}${concrete}`)).toMatchObject({ kind: "endpoint", endpoint: name });
      }
    }
    expect(route("GET", "/files/file-abc/content")).toMatchObject({ params: { file_id: "file-abc" } });
    expect(route("POST", "/openai/deployments/d/images/edits")).toMatchObject({
      endpoint: "edit",
      deployment: "d",
    });
    expect(route("GET", "/openai/deployments/d/files")).toMatchObject({
      kind: "refused",
      failure: { status: 404 },
    });
    expect(route("PUT", "/v1/files")).toMatchObject({ kind: "refused", failure: { status: 405 } });
    expect(route("GET", "/v2/files")).toMatchObject({ kind: "refused", failure: { status: 404 } });
    // A stored image's URL is not a file id.
    expect(route("GET", "/files/AbC_d-1.png")).toEqual({ kind: "file", name: "AbC_d-1.png" });
  });
});

describe("every path answers with and without /v1", () => {
  it("files and batches, created under one prefix and read under the other", async () => {
    const bad = JSON.stringify({ custom_id: "a", method: "POST", url: "/v1/images/edits", body: {} });
    for (const [write, read] of [
      [server.url, origin],
      [origin, server.url],
    ] as const) {
      const file = await upload(`${bad}\n`, "batch", {}, write);
      expect(file.status).toBe(200);
      expect((await fetch(`${read}/files/${file.body.id}`, { headers: auth })).status).toBe(200);
      expect(await (await fetch(`${read}/files/${file.body.id}/content`, { headers: auth })).text()).toBe(
        `${bad}\n`,
      );
      expect(((await (await fetch(`${read}/files`, { headers: auth })).json()) as Page).object).toBe("list");
      const batch = (await (
        await fetch(`${write}/batches`, {
          method: "POST",
          headers: json,
          body: JSON.stringify({
            input_file_id: file.body.id,
            endpoint: "/v1/images/generations",
            completion_window: "24h",
          }),
        })
      ).json()) as { id: string; status: string };
      expect(batch.status).toBe("failed");
      expect((await fetch(`${read}/batches/${batch.id}`, { headers: auth })).status).toBe(200);
      expect(
        (await fetch(`${read}/batches/${batch.id}/cancel`, { method: "POST", headers: auth })).status,
      ).toBe(200);
      expect(((await (await fetch(`${read}/batches`, { headers: auth })).json()) as Page).object).toBe(
        "list",
      );
      const deleted = await fetch(`${read}/files/${file.body.id}`, { method: "DELETE", headers: auth });
      expect(await deleted.json()).toEqual({ id: file.body.id, object: "file", deleted: true });
    }
    const generated = await fetch(`${origin}/images/generations`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ model: "gpt-image-2", prompt: "otter", size: "256x256", quality: "low" }),
    });
    expect(generated.status).toBe(200);
    await generated.arrayBuffer();
  });
});

describe("files.create", () => {
  it("takes expires_after as the SDKs send it, as multipart fields", async () => {
    const file = await upload("x\n", "user_data", {
      "expires_after[anchor]": "created_at",
      "expires_after[seconds]": "3600",
    });
    expect(file.status).toBe(200);
    expect(file.body.expires_at).toBe((file.body.created_at as number) + 3600);
    const short = await upload("x\n", "user_data", {
      "expires_after[anchor]": "created_at",
      "expires_after[seconds]": "60",
    });
    expect(short.status).toBe(400);
    expect((short.body.error as { param: string }).param).toBe("expires_after.seconds");
  });
});

describe("list pages", () => {
  it("pages over 250 files, newest first by default, oldest first with order=asc, filtered by purpose", async () => {
    const created: string[] = [];
    for (let i = 0; i < 250; i++) {
      created.push((await upload(`${i}\n`, i % 5 === 0 ? "vision" : "batch")).body.id);
    }
    const byDefault = await list("/files");
    expect(byDefault.has_more).toBe(false);
    const mine = new Set(created);
    const desc = await walk("/files", 40);
    expect(desc.ids.filter((id) => mine.has(id))).toEqual([...created].reverse());
    expect(desc.pages).toBe(Math.ceil(desc.ids.length / 40));
    const asc = await walk("/files?order=asc", 100);
    expect(asc.ids.filter((id) => mine.has(id))).toEqual(created);
    const vision = await walk("/files?purpose=vision&order=asc", 7);
    expect(vision.ids).toEqual(created.filter((_, i) => i % 5 === 0));
    expect((await list("/files?purpose=fine-tune")).data).toEqual([]);
    const refused = await fetch(`${server.url}/files?limit=0`, { headers: auth });
    expect([refused.status, ((await refused.json()) as { error: { param: string } }).error.param]).toEqual([
      400,
      "limit",
    ]);
  });

  it("pages over 250 batches, newest first, 20 to a page by default and at most 100", async () => {
    // Each batch fails validation at once (its line names another endpoint), so none renders anything.
    const line = JSON.stringify({ custom_id: "a", method: "POST", url: "/v1/images/edits", body: {} });
    const input = (await upload(`${line}\n`, "batch")).body.id;
    const created: string[] = [];
    for (let i = 0; i < 250; i++) {
      const res = await fetch(`${server.url}/batches`, {
        method: "POST",
        headers: json,
        body: JSON.stringify({
          input_file_id: input,
          endpoint: "/v1/images/generations",
          completion_window: "24h",
        }),
      });
      created.push(((await res.json()) as { id: string }).id);
    }
    const first = await list("/batches");
    expect(first.data).toHaveLength(20);
    expect(first.has_more).toBe(true);
    const all = await walk("/batches", 100);
    const mine = new Set(created);
    expect(all.ids.filter((id) => mine.has(id))).toEqual([...created].reverse());
    expect(all.pages).toBe(Math.ceil(all.ids.length / 100));
    const over = await fetch(`${server.url}/batches?limit=101`, { headers: auth });
    expect(over.status).toBe(400);
    await over.arrayBuffer();
  });
});

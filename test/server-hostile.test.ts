/**
 * The server against odd and hostile requests, one behaviour per test: what a request cannot do to
 * the server (500s, image links pointing elsewhere, unbounded state) and the limits it meets instead.
 * Memory and CPU bounds are measured in `server-memory.test.ts`; random damage is in `server-fuzz.test.ts`.
 */
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFaultBook, MAX_HEADER_COUNTERS, parseFaults } from "../src/server/faults.js";
import { type ImagesServer, startImagesServer } from "../src/server/index.js";
import { jsonLimit, resolveLimits } from "../src/server/limits.js";
import { createUrlStore } from "../src/server/url-store.js";
import { solidPng } from "./server-helpers.js";
import { sendRaw } from "./support/raw-http.js";

let server: ImagesServer;
beforeAll(async () => {
  server = await startImagesServer({ retired: "serve" });
});
afterAll(() => server.close());

interface Answer {
  status: number;
  json: {
    error?: { message: string; param: string | null; code: string | null };
    data?: Array<{ url?: string }>;
  };
}

/** A POST over node:http, which (unlike fetch) lets a test set any header, `Host` included. */
function post(
  url: string,
  body: string | Buffer,
  headers: Record<string, string> = { "content-type": "application/json" },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: "POST", headers: { authorization: "Bearer k", ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString("utf8")) }),
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const generations = () => `${server.url}/images/generations`;

describe("odd requests are 400s, not 500s", () => {
  it("an unknown model with a size no encoder can write, or an empty one", async () => {
    for (const size of ["82x99999", "0x64", "64x0", "16384x1"]) {
      const res = await post(generations(), JSON.stringify({ model: "my-model", prompt: "x", size }));
      expect(res.status, size).toBe(400);
      expect(res.json.error?.param, size).toBe("size");
    }
  });

  it("an unknown field nested 5,000 levels deep (which would overflow the seed's hashing)", async () => {
    const deep = `${'{"a":'.repeat(5000)}1${"}".repeat(5000)}`;
    for (const model of ['"my-model"', '"gpt-image-1"']) {
      const res = await post(generations(), `{"model":${model},"prompt":"x","extra":${deep}}`);
      expect(res.status).toBe(400);
      expect(res.json.error?.message).toMatch(/nested more than 64 levels/);
    }
    const wide = `[${"[".repeat(4000)}${"]".repeat(4000)}]`;
    expect((await post(generations(), `{"prompt":"x","extra":${wide}}`)).status).toBe(400);
  });

  it("an upload whose header is an image but whose data is not", async () => {
    const png = await solidPng(64, 64, { r: 10, g: 200, b: 30 });
    // Keep the signature and IHDR (so the dimensions read fine), cut inside the pixel data.
    const broken = png.subarray(0, Math.floor(png.length * 0.6));
    const form = new FormData();
    form.append("model", "gpt-image-1");
    form.append("prompt", "x");
    form.append("image", new Blob([new Uint8Array(broken)], { type: "image/png" }), "broken.png");
    const encoded = new Response(form);
    const res = await post(`${server.url}/images/edits`, Buffer.from(await encoded.arrayBuffer()), {
      "content-type": encoded.headers.get("content-type") ?? "",
    });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ param: "image", code: "invalid_image_file" });
  });

  it("an upload that declares more pixels than the server decodes", async () => {
    const small = await startImagesServer({ retired: "serve", maxInputPixels: 32 * 32 });
    try {
      const form = new FormData();
      form.append("model", "gpt-image-1");
      form.append("prompt", "x");
      form.append(
        "image",
        new Blob([new Uint8Array(await solidPng(64, 64, { r: 1, g: 2, b: 3 }))], { type: "image/png" }),
        "a.png",
      );
      const encoded = new Response(form);
      const res = await post(`${small.url}/images/edits`, Buffer.from(await encoded.arrayBuffer()), {
        "content-type": encoded.headers.get("content-type") ?? "",
      });
      expect(res.status).toBe(400);
      expect(res.json.error).toMatchObject({ param: "image", code: "image_too_large" });
    } finally {
      await small.close();
    }
  });

  it("a size that resolves (auto) to more pixels than the server draws", async () => {
    const small = await startImagesServer({ retired: "serve", maxPixels: 64 * 64 });
    try {
      const res = await post(
        `${small.url}/images/generations`,
        JSON.stringify({ model: "my-model", prompt: "x" }),
      );
      expect(res.status).toBe(400);
      expect(res.json.error?.message).toMatch(/auto \(1024x1024\)/);
    } finally {
      await small.close();
    }
  });
});

describe("image links", () => {
  const dalle = JSON.stringify({ model: "dall-e-2", prompt: "otter", size: "256x256" });

  it("are built from the server's own address, never from the request's Host header", async () => {
    const res = await post(generations(), dalle, {
      "content-type": "application/json",
      host: "evil.example:6666",
    });
    expect(res.status).toBe(200);
    const link = res.json.data?.[0]?.url ?? "";
    expect(new URL(link).origin).toBe(new URL(server.url).origin);
  });

  it("start with publicUrl when one is configured", async () => {
    const proxied = await startImagesServer({ retired: "serve", publicUrl: "https://images.test:8443" });
    try {
      const res = await post(`${proxied.url}/images/generations`, dalle, {
        "content-type": "application/json",
        host: "evil.example",
      });
      expect(res.json.data?.[0]?.url).toMatch(/^https:\/\/images\.test:8443\/files\//);
    } finally {
      await proxied.close();
    }
    await expect(
      startImagesServer({ retired: "serve", publicUrl: "https://images.test/v1" }),
    ).rejects.toThrow(/origin/);
    await expect(startImagesServer({ retired: "serve", publicUrl: "ftp://images.test" })).rejects.toThrow(
      /origin/,
    );
  });

  it("are kept within a byte budget: the oldest images go first", () => {
    const store = createUrlStore({ ttlMs: 60_000, maxEntries: 100, maxBytes: 1000 });
    const first = store.put(Buffer.alloc(600), "png");
    const second = store.put(Buffer.alloc(600), "png");
    const token = (path: string) => path.slice("/files/".length).split(".")[0] ?? "";
    expect(store.get(token(first)).status).toBe("missing");
    expect(store.get(token(second)).status).toBe("ok");
  });
});

describe("limits", () => {
  it("a JSON body is capped at what its operation needs; edits by reference carry base64 images", () => {
    const limits = resolveLimits({});
    expect(jsonLimit(limits, "generate")).toBe(1024 * 1024);
    expect(limits.totalBytes).toBe(limits.imageBytes + limits.maskBytes + 2 * 1024 * 1024);
    expect(jsonLimit(limits, "edit")).toBe(Math.ceil(limits.totalBytes / 3) * 4 + limits.jsonBytes);
    expect(resolveLimits({ imageBytes: 1000, totalBytes: undefined }).totalBytes).toBe(
      1000 + 6 * 1024 * 1024,
    );
  });

  it("a body declared larger than its limit is refused before a byte of it is read", async () => {
    const head =
      "POST /v1/images/generations HTTP/1.1\r\nhost: x\r\nauthorization: Bearer k\r\n" +
      `content-type: application/json\r\ncontent-length: ${99 * 1024 * 1024}\r\nconnection: close\r\n\r\n`;
    // Only the head is sent: the answer cannot depend on reading the body.
    const answer = await sendRaw(server.port, Buffer.from(head));
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body.toString("utf8"))).toMatchObject({ error: { code: "request_too_large" } });
  });

  it("a JSON body past its limit is refused at the first byte past it (chunked, so no length is known)", async () => {
    const small = await startImagesServer({ retired: "serve", limits: { jsonBytes: 1000 } });
    try {
      const answer = await new Promise<number>((resolve, reject) => {
        const req = httpRequest(`${small.url}/images/generations`, {
          method: "POST",
          headers: {
            authorization: "Bearer k",
            "content-type": "application/json",
            "transfer-encoding": "chunked",
          },
        });
        req.on("response", (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on("error", reject);
        // 1001 bytes, then nothing more: the 413 must come without the end of the body.
        req.write(`{"prompt":"${"x".repeat(1001 - 13)}"}`);
      });
      expect(answer).toBe(413);
    } finally {
      await small.close();
    }
  });

  it("slow clients get a 408 in the API's error shape once headersTimeoutMs has passed", async () => {
    const strict = await startImagesServer({ retired: "serve", headersTimeoutMs: 200 });
    try {
      const answer = await sendRaw(
        strict.port,
        Buffer.from("POST /v1/images/generations HTTP/1.1\r\nhost: x\r\n"),
      );
      expect(answer.status).toBe(408);
      expect(JSON.parse(answer.body.toString("utf8"))).toMatchObject({
        error: { type: "invalid_request_error" },
      });
    } finally {
      await strict.close();
    }
  });
});

describe("fault state", () => {
  it("counts at most MAX_HEADER_COUNTERS distinct header faults, forgetting the least recently used", () => {
    const book = createFaultBook();
    const header = (i: number) => `503; times=1; message=m${i}`;
    expect(book.plan(header(0)).failure?.status).toBe(503);
    expect(book.plan(header(0)).failure).toBeUndefined(); // used up
    for (let i = 1; i <= MAX_HEADER_COUNTERS; i++) book.plan(header(i));
    // Header 0 was the least recently used: forgotten, so its fault applies again.
    expect(book.plan(header(0)).failure?.status).toBe(503);
    // The newest counters are still there.
    expect(book.plan(header(MAX_HEADER_COUNTERS)).failure).toBeUndefined();
  });

  it("refuses delays longer than an hour (Node's timers would fire at once)", () => {
    expect(parseFaults("delay; ms=3600000")).toEqual([{ fault: { kind: "delay", ms: 3_600_000 } }]);
    expect(() => parseFaults("delay; ms=3600001")).toThrow(/at most 3600000/);
  });
});

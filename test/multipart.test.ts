import { openAsBlob } from "node:fs";
import { appendFile, mkdtemp, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createBoundary, encodeMultipart } from "../src/multipart.js";
import { parseMultipart } from "./loopback.fixtures.js";

const MiB = 1024 * 1024;

async function roundTrip(entries: Parameters<typeof encodeMultipart>[0]) {
  const { body, contentType } = encodeMultipart(entries, "XyZ");
  const bytes = Buffer.from(await body.arrayBuffer());
  const parts = await parseMultipart({
    method: "POST",
    url: "/",
    headers: { "content-type": contentType },
    body: bytes,
  });
  return { bytes, parts, size: body.size, contentType };
}

describe("encodeMultipart", () => {
  it("writes the exact wire format, with size equal to the bytes", async () => {
    const file = { blob: new Blob([new Uint8Array([1, 2, 3])]), filename: "a.png", contentType: "image/png" };
    const { bytes, size, contentType } = await roundTrip([
      ["n", "0"],
      ["image[]", file],
    ]);
    expect(contentType).toBe("multipart/form-data; boundary=XyZ");
    expect(size).toBe(bytes.length);
    expect(bytes.toString("latin1")).toBe(
      '--XyZ\r\nContent-Disposition: form-data; name="n"\r\n\r\n0\r\n' +
        '--XyZ\r\nContent-Disposition: form-data; name="image[]"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n\x01\x02\x03\r\n' +
        "--XyZ--\r\n",
    );
  });

  it("keeps order, empty values, UTF-8 text and escapes quotes and newlines in names", async () => {
    const { parts } = await roundTrip([
      ["prompt", "ein Otter 🦦\nmit Hut"],
      ["user", ""],
      ['we"ird\nname', "x"],
      ["image", { blob: new Blob(["abc"]), filename: 'q"uote.png', contentType: "image/png" }],
    ]);
    expect(parts.map((p) => [p.name, p.value ?? p.filename])).toEqual([
      ["prompt", "ein Otter 🦦\r\nmit Hut"],
      ["user", ""],
      ["we%22ird%0Aname", "x"],
      ["image", "q%22uote.png"],
    ]);
  });

  it("a body can be streamed again for a retry", async () => {
    const { body } = encodeMultipart([
      ["f", { blob: new Blob(["data"]), filename: "f", contentType: "image/png" }],
    ]);
    const once = await new Response(body.stream()).text();
    const twice = await new Response(body.stream()).text();
    expect(twice).toBe(once);
  });

  it("does not copy file blobs: a 256 MiB file on disk streams through with bounded memory, read from the file itself", async () => {
    const dir = await mkdtemp(join(tmpdir(), "openai-images-multipart-"));
    try {
      const path = join(dir, "big.png");
      await writeFile(path, "");
      await truncate(path, 256 * MiB); // sparse: no disk space, no memory
      const file = await openAsBlob(path);
      const rssBefore = process.memoryUsage().rss;
      const { body } = encodeMultipart(
        [["image", { blob: file, filename: "big.png", contentType: "image/png" }]],
        "B",
      );
      let bytes = 0;
      let peak = 0;
      const reader = body.stream().getReader();
      for (let r = await reader.read(); !r.done; r = await reader.read()) {
        bytes += r.value.length;
        peak = Math.max(peak, process.memoryUsage().rss - rssBefore);
      }
      expect(bytes).toBe(body.size);
      const framing =
        '--B\r\nContent-Disposition: form-data; name="image"; filename="big.png"\r\nContent-Type: image/png\r\n\r\n' +
        "\r\n--B--\r\n";
      expect(body.size).toBe(256 * MiB + framing.length);
      // A copy would hold all 256 MiB; streaming holds a few chunks and their garbage.
      expect(peak).toBeLessThan(128 * MiB);
      // The body refers to the file on disk: once the file changes, reading it fails, where a copy
      // made at encoding time would still read.
      await appendFile(path, "x");
      await expect(new Response(body.stream()).arrayBuffer()).rejects.toThrow();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("random boundaries differ", () => {
    expect(createBoundary()).not.toBe(createBoundary());
    expect(createBoundary()).toMatch(/^----openai-images-[0-9a-f]{24}$/);
  });
});

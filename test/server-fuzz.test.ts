/**
 * Hostile input: the server, in its own process, gets a small valid edit request truncated at every
 * byte offset, with seeded random byte flips, and with corrupted boundaries and headers (a few
 * thousand cases). Each answer must be a 4xx in the API's error shape (a 200 only where the damage
 * left a valid request), or a closed connection: never a 5xx, a hang or an exit. After each batch the
 * process still runs, a normal request succeeds and no request is left in flight.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { solidPng } from "./server-helpers.js";
import { prng } from "./support/prng.js";
import { type RawAnswer, type SendRawOptions, sendRaw } from "./support/raw-http.js";
import { type ServerProcess, startServerProcess } from "./support/server-process.js";

const BOUNDARY = "fuzzBoundary7MA4YWxk";
let server: ServerProcess;
let png: Buffer;
let body: Buffer;

beforeAll(async () => {
  // Short timeouts: a corrupted Content-Length can leave the server waiting for bytes that never come.
  // Pictures of at most 32×32: a flip that loses `size` (1024×1024 by default) is refused, not drawn.
  server = await startServerProcess({
    retired: "serve",
    headersTimeoutMs: 2_000,
    requestTimeoutMs: 3_000,
    maxPixels: 32 * 32,
  });
  png = await solidPng(2, 2, { r: 200, g: 40, b: 40, alpha: 0.5 });
  // A model without rules may ask for any size: 16×16 keeps each of the many renders cheap.
  body = multipart([
    ["model", "fuzz-model"],
    ["prompt", "otter"],
    ["size", "16x16"],
    ["image", png],
  ]);
});
afterAll(() => server.close());

type Field = [name: string, value: string | Buffer];

function multipart(fields: Field[], boundary = BOUNDARY): Buffer {
  const parts = fields.map(([name, value]) =>
    Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"` +
          (typeof value === "string" ? "\r\n\r\n" : `; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`),
      ),
      typeof value === "string" ? Buffer.from(value) : value,
      Buffer.from("\r\n"),
    ]),
  );
  return Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]);
}

/** The request head; `null` drops a header. */
function head(length: number, extra: Record<string, string | null> = {}): string {
  const headers: Record<string, string | null> = {
    host: "127.0.0.1",
    authorization: "Bearer test-key",
    "content-type": `multipart/form-data; boundary=${BOUNDARY}`,
    "content-length": String(length),
    connection: "close",
    ...extra,
  };
  const lines = Object.entries(headers)
    .filter((entry): entry is [string, string] => entry[1] !== null)
    .map(([k, v]) => `${k}: ${v}\r\n`);
  return `POST /v1/images/edits HTTP/1.1\r\n${lines.join("")}\r\n`;
}

function request(b: Buffer, extra: Record<string, string | null> = {}): Buffer {
  return Buffer.concat([Buffer.from(head(b.length, extra)), b]);
}

/** A copy of `bytes` with 1–3 bytes in `[from, to)` set to random values. */
function flip(bytes: Buffer, random: () => number, from = 0, to = bytes.length): Buffer {
  const out = Buffer.from(bytes);
  const count = 1 + Math.floor(random() * 3);
  for (let i = 0; i < count; i++) {
    out[from + Math.floor(random() * (to - from))] = Math.floor(random() * 256);
  }
  return out;
}

type Outcome = "ok" | "refused" | "closed";

/** Sorts an answer, failing the test on anything the server must never do. */
function classify(answer: RawAnswer, what: string): Outcome {
  if (answer.status === undefined) return "closed";
  const text = answer.body.toString("utf8");
  if (answer.status === 200) {
    // A flip in `response_format` may ask for a URL instead of base64.
    const json = JSON.parse(text) as { data?: Array<{ b64_json?: string; url?: string }> };
    expect(json.data?.[0]?.b64_json ?? json.data?.[0]?.url, what).toBeTypeOf("string");
    return "ok";
  }
  expect(answer.status, `${what}: ${answer.head}\n${text}`).toBeGreaterThanOrEqual(400);
  expect(answer.status, `${what}: ${answer.head}\n${text}`).toBeLessThan(500);
  expect(JSON.parse(text), what).toMatchObject({
    error: { message: expect.any(String), type: expect.any(String) },
  });
  return "refused";
}

/** Sends every case (a few at a time) and counts the outcomes. */
async function run(
  cases: Array<{ what: string; bytes: Buffer; options?: SendRawOptions; expect?: Outcome[] }>,
): Promise<Record<Outcome, number>> {
  const counts: Record<Outcome, number> = { ok: 0, refused: 0, closed: 0 };
  let next = 0;
  const worker = async () => {
    for (let c = cases[next++]; c; c = cases[next++]) {
      const outcome = classify(await sendRaw(server.port, c.bytes, c.options), c.what);
      if (c.expect) expect(c.expect, `${c.what}: got ${outcome}`).toContain(outcome);
      counts[outcome]++;
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return counts;
}

/** The server process still runs, answers a normal request, and has nothing left in flight. */
async function expectHealthy(): Promise<void> {
  expect(server.exitCode).toBeNull();
  expect(classify(await sendRaw(server.port, request(body)), "the valid request")).toBe("ok");
  await vi.waitFor(async () => expect((await server.stats()).activeRequests).toBe(0), { timeout: 5_000 });
}

describe("the server under hostile input", () => {
  it("answers the valid request it is fuzzed from", async () => {
    await expectHealthy();
  });

  it("a request cut off at every byte offset, the connection then half-closed: a 4xx or a close, more than half of them a 4xx", async () => {
    const full = request(body);
    const counts = await run(
      Array.from({ length: full.length }, (_, i) => ({
        what: `cut at ${i} of ${full.length}`,
        bytes: full.subarray(0, i),
        options: { halfClose: true },
        expect: ["refused", "closed"] as Outcome[],
      })),
    );
    expect(counts.refused).toBeGreaterThan(full.length / 2);
    await expectHealthy();
  });

  it("a body cut at every byte offset, with a Content-Length to match: a 4xx unless the form is complete", async () => {
    const closing = Buffer.from(`--${BOUNDARY}--`);
    const counts = await run(
      Array.from({ length: body.length }, (_, i) => {
        const cut = body.subarray(0, i);
        // Only the final CRLF after the closing delimiter is optional.
        const complete = cut.includes(closing);
        return {
          what: `body cut at ${i} of ${body.length}`,
          bytes: request(cut),
          expect: [complete ? "ok" : "refused"] as Outcome[],
        };
      }),
    );
    expect(counts.ok).toBe(2);
    await expectHealthy();
  });

  it("1500 bodies with random byte flips (seeded): a 4xx, or a 200 with an image where the flip left a valid request; more than 300 of them a 4xx", async () => {
    const random = prng(15);
    const counts = await run(
      Array.from({ length: 1500 }, (_, i) => ({
        what: `body flip case ${i} (seed 15)`,
        bytes: request(flip(body, random)),
        expect: ["ok", "refused"] as Outcome[],
      })),
    );
    expect(counts.refused).toBeGreaterThan(300);
    await expectHealthy();
  });

  it("500 requests with random byte flips in the head (seeded): a 4xx, a close, or a 200 with an image; more than 100 of them a 4xx", async () => {
    const random = prng(1515);
    const full = request(body);
    const headLength = full.length - body.length;
    const counts = await run(
      Array.from({ length: 500 }, (_, i) => ({
        what: `head flip case ${i} (seed 1515)`,
        bytes: flip(full, random, 0, headLength),
        // A flipped Content-Length may promise more bytes than follow: end the connection for those.
        options: { halfClose: true },
      })),
    );
    expect(counts.refused).toBeGreaterThan(100);
    await expectHealthy();
  });

  it("corrupted boundaries, framing and headers: a 4xx each", async () => {
    const other = "otherBoundary0000";
    const text = body.toString("latin1");
    const withText = (s: string) => Buffer.from(s, "latin1");
    const cases: Array<{ what: string; bytes: Buffer; options?: SendRawOptions }> = [
      { what: "no boundary parameter", bytes: request(body, { "content-type": "multipart/form-data" }) },
      {
        what: "an empty boundary",
        bytes: request(body, { "content-type": "multipart/form-data; boundary=" }),
      },
      {
        what: "a boundary the body does not use",
        bytes: request(body, { "content-type": `multipart/form-data; boundary=${other}` }),
      },
      {
        what: "a boundary of 200 characters",
        bytes: request(body, { "content-type": `multipart/form-data; boundary=${"b".repeat(200)}` }),
      },
      { what: "no closing delimiter", bytes: request(withText(text.replace(`--${BOUNDARY}--`, ""))) },
      {
        what: "no CRLF after the delimiters",
        bytes: request(withText(text.replaceAll(`--${BOUNDARY}\r\n`, `--${BOUNDARY}`))),
      },
      {
        what: "part headers without a blank line",
        bytes: request(withText(text.replaceAll("\r\n\r\n", "\r\n"))),
      },
      {
        what: "a part without Content-Disposition",
        bytes: request(
          withText(text.replace('Content-Disposition: form-data; name="prompt"', "X-Nothing: 1")),
        ),
      },
      {
        what: "a part header of 100 kB",
        bytes: request(
          withText(
            text.replace(
              "Content-Type: image/png",
              `Content-Type: image/png\r\nX-Long: ${"a".repeat(100_000)}`,
            ),
          ),
        ),
      },
      {
        what: "a part without a name",
        bytes: request(Buffer.from(text.replace('; name="image"', ""), "latin1")),
      },
      {
        what: "a field without a name",
        bytes: request(Buffer.from(text.replace('; name="prompt"', ""), "latin1")),
      },
      { what: "a body that is only the boundary", bytes: request(Buffer.from(`--${BOUNDARY}`)) },
      { what: "an empty body", bytes: request(Buffer.alloc(0)) },
      {
        what: "a JSON content type on a multipart body",
        bytes: request(body, { "content-type": "application/json" }),
      },
      { what: "a text content type", bytes: request(body, { "content-type": "text/plain" }) },
      { what: "no content type", bytes: request(body, { "content-type": null }) },
      {
        what: "2000 fields",
        bytes: request(multipart(Array.from({ length: 2000 }, (_, i): Field => [`f${i}`, "x"]))),
      },
      {
        what: "18 files",
        bytes: request(multipart(Array.from({ length: 18 }, (): Field => ["image[]", png]))),
      },
      {
        what: "a mask of 5 MB",
        bytes: request(
          multipart([
            ["prompt", "x"],
            ["image", png],
            ["mask", Buffer.alloc(5 * 1024 * 1024)],
          ]),
        ),
      },
      {
        what: "a field of 2 MB",
        bytes: request(
          multipart([
            ["prompt", "x".repeat(2 * 1024 * 1024)],
            ["image", png],
          ]),
        ),
      },
      {
        what: "a field name of 1000 characters",
        bytes: request(
          multipart([
            ["n".repeat(1000), "x"],
            ["image", png],
          ]),
        ),
      },
      {
        what: "a non-numeric Content-Length",
        bytes: Buffer.concat([Buffer.from(head(0, { "content-length": "12abc" })), body]),
      },
      {
        what: "a negative Content-Length",
        bytes: Buffer.concat([Buffer.from(head(0, { "content-length": "-5" })), body]),
      },
      {
        what: "a Content-Length larger than the body",
        bytes: Buffer.concat([Buffer.from(head(body.length + 1000)), body]),
        options: { halfClose: true },
      },
      {
        what: "a Content-Length of 10 TB",
        bytes: Buffer.concat([Buffer.from(head(10 * 1024 ** 4)), body]),
        options: { halfClose: true },
      },
      {
        what: "a Content-Length smaller than the body",
        bytes: Buffer.concat([Buffer.from(head(body.length - 100)), body]),
      },
      {
        what: "two different Content-Lengths",
        bytes: Buffer.concat([
          Buffer.from(
            head(body.length).replace("connection: close", `connection: close\r\ncontent-length: 5`),
          ),
          body,
        ]),
      },
      {
        what: "chunked with a bad chunk size",
        bytes: Buffer.concat([
          Buffer.from(head(0, { "content-length": null, "transfer-encoding": "chunked" })),
          Buffer.from("zz\r\n"),
          body,
        ]),
      },
      {
        what: "chunked and a Content-Length",
        bytes: Buffer.concat([Buffer.from(head(body.length, { "transfer-encoding": "chunked" })), body]),
      },
      {
        what: "chunked, ending mid-chunk",
        bytes: Buffer.concat([
          Buffer.from(head(0, { "content-length": null, "transfer-encoding": "chunked" })),
          Buffer.from(`${(body.length + 50).toString(16)}\r\n`),
          body,
        ]),
        options: { halfClose: true },
      },
      { what: "a header of 64 kB", bytes: request(body, { "x-large": "a".repeat(64 * 1024) }) },
      { what: "a header name with a space", bytes: request(body, { "x bad": "1" }) },
      { what: "a header value with a NUL", bytes: request(body, { "x-nul": "a\u0000b" }) },
      {
        what: "a bare LF in the head",
        bytes: Buffer.concat([Buffer.from(head(body.length).replace("\r\nhost", "\nhost")), body]),
      },
      { what: "no authorization", bytes: request(body, { authorization: null }) },
      { what: "an unparsable fault header", bytes: request(body, { "x-images-fault": "explode; x" }) },
      {
        what: "a fault header asking for a status out of range",
        bytes: request(body, { "x-images-fault": "999" }),
      },
      {
        what: "a fault header asking for a day-long delay",
        bytes: request(body, { "x-images-fault": "delay; ms=86400000" }),
      },
      {
        what: "a request target that is not a path",
        bytes: Buffer.from(
          request(body).toString("latin1").replace("POST /v1/images/edits", "POST http://[::1"),
          "latin1",
        ),
      },
      {
        what: "HTTP/1.0 without a length",
        bytes: Buffer.concat([
          Buffer.from(head(0, { "content-length": null }).replace("HTTP/1.1", "HTTP/1.0")),
          body,
        ]),
        options: { halfClose: true },
      },
    ];
    const counts = await run(cases.map((c) => ({ ...c, expect: ["refused"] as Outcome[] })));
    expect(counts.refused).toBe(cases.length);
    await expectHealthy();
  });

  it("fields named like Object's own properties are ordinary (unknown) fields: a 4xx or a 200, never a close", async () => {
    const names = ["__proto__", "constructor", "toString", "hasOwnProperty"];
    const fields = names.map((n): Field => [n, "x"]);
    const counts = await run([
      { what: "once each", bytes: request(multipart([...fields, ["prompt", "otter"], ["image", png]])) },
      {
        what: "twice each",
        bytes: request(multipart([...fields, ...fields, ["prompt", "otter"], ["image", png]])),
      },
      {
        what: "as files",
        bytes: request(multipart([...names.map((n): Field => [n, png]), ["prompt", "o"], ["image", png]])),
      },
    ]);
    expect(counts.closed).toBe(0);
    await expectHealthy();
  });
});

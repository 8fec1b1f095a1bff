/**
 * A soak of the server in its own process: 64 clients at once, for `SOAK_SECONDS` (5 in the
 * regular suite; `npm run test:soak` runs the full 60), each sending a mix of valid, invalid,
 * oversized and truncated requests and abandoning uploads half-way. The server must never exit,
 * answer every complete request with a 2xx or 4xx, end with nothing in flight, and give its memory
 * back: RSS after the soak within 20 % of RSS before it.
 */
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { solidPng } from "./server-helpers.js";
import { sendRaw } from "./support/raw-http.js";
import { type ServerProcess, startServerProcess } from "./support/server-process.js";

const SECONDS = Number(process.env.SOAK_SECONDS ?? 5);
const CLIENTS = 64;
const BOUNDARY = "soakBoundary";
let server: ServerProcess;

beforeAll(async () => {
  server = await startServerProcess({ retired: "serve" });
});
afterAll(() => server.close());

function httpMessage(path: string, contentType: string, body: Buffer, length = body.length): Buffer {
  const head =
    `POST /v1/images/${path} HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: Bearer k\r\n` +
    `content-type: ${contentType}\r\ncontent-length: ${length}\r\nconnection: close\r\n\r\n`;
  return Buffer.concat([Buffer.from(head), body]);
}

function form(fields: Array<[string, string | Buffer]>): Buffer {
  return Buffer.concat([
    ...fields.map(([name, value]) =>
      Buffer.concat([
        Buffer.from(
          `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"` +
            (typeof value === "string"
              ? "\r\n\r\n"
              : '; filename="a.png"\r\nContent-Type: image/png\r\n\r\n'),
        ),
        Buffer.from(value),
        Buffer.from("\r\n"),
      ]),
    ),
    Buffer.from(`--${BOUNDARY}--\r\n`),
  ]);
}

it(
  `stays up and gives its memory back after ${SECONDS} s of 64 clients sending a mix of requests`,
  async () => {
    const png = await solidPng(32, 32, { r: 30, g: 90, b: 200 });
    const multipart = `multipart/form-data; boundary=${BOUNDARY}`;
    const edit = form([
      ["model", "soak-model"],
      ["prompt", "otter"],
      ["size", "64x64"],
      ["image", png],
    ]);
    const json = (value: unknown) => Buffer.from(JSON.stringify(value));
    // [name, message, send options, expected outcome]
    const mix: Array<{ name: string; bytes: Buffer; halfClose?: boolean; expect: "ok" | "refused" | "any" }> =
      [
        {
          name: "valid generation",
          bytes: httpMessage(
            "generations",
            "application/json",
            json({ model: "soak-model", prompt: "otter", size: "64x64" }),
          ),
          expect: "ok",
        },
        { name: "valid edit", bytes: httpMessage("edits", multipart, edit), expect: "ok" },
        {
          name: "invalid generation",
          bytes: httpMessage(
            "generations",
            "application/json",
            json({ model: "dall-e-3", prompt: "x", n: 5 }),
          ),
          expect: "refused",
        },
        {
          name: "malformed JSON",
          bytes: httpMessage("generations", "application/json", Buffer.from('{"prompt":')),
          expect: "refused",
        },
        {
          name: "oversized JSON",
          bytes: httpMessage("generations", "application/json", Buffer.alloc(2 * 1024 * 1024, 0x20)),
          expect: "refused",
        },
        {
          name: "edit cut short (length to match)",
          bytes: httpMessage("edits", multipart, edit.subarray(0, edit.length - 40)),
          expect: "refused",
        },
        {
          name: "edit abandoned half-way",
          bytes: httpMessage("edits", multipart, edit.subarray(0, edit.length >> 1), edit.length),
          halfClose: true,
          expect: "any",
        },
        {
          name: "a file over its limit",
          bytes: httpMessage(
            "edits",
            multipart,
            form([
              ["prompt", "x"],
              ["mask", Buffer.alloc(5 * 1024 * 1024)],
            ]),
          ),
          expect: "refused",
        },
      ];

    const counts = new Map<string, number>();
    const client = async (id: number, deadline: number) => {
      for (let i = id; Date.now() < deadline; i++) {
        const m = mix[i % mix.length] as (typeof mix)[number];
        const answer = await sendRaw(server.port, m.bytes, {
          halfClose: m.halfClose ?? false,
          idleMs: 30_000,
        });
        const outcome =
          answer.status === undefined
            ? "closed"
            : answer.status < 300
              ? "ok"
              : answer.status < 500
                ? "refused"
                : "error";
        if (m.expect !== "any") expect(outcome, `${m.name}: ${answer.head}`).toBe(m.expect);
        else expect(outcome, `${m.name}: ${answer.head}`).not.toBe("error");
        counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
      }
    };
    const load = (ms: number) => {
      const deadline = Date.now() + ms;
      return Promise.all(Array.from({ length: CLIENTS }, (_, id) => client(id, deadline)));
    };

    // Two seconds of the same load first: on first contact with it, V8's young generation, malloc's
    // arenas and sharp's caches grow to the load's working set and keep that memory. The baseline is
    // taken after, so the soak measures what a leak would show: memory that keeps growing.
    await load(2_000);
    const before = await server.stats(true);
    counts.clear();
    await load(SECONDS * 1000);

    expect(server.exitCode).toBeNull();
    await vi.waitFor(async () => expect((await server.stats()).activeRequests).toBe(0), { timeout: 10_000 });
    const after = await server.stats(true);
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    console.log(
      `soak ${SECONDS} s: ${total} requests ${JSON.stringify(Object.fromEntries(counts))}, ` +
        `RSS ${(before.rss / 2 ** 20).toFixed(0)} MB → ${(after.rss / 2 ** 20).toFixed(0)} MB ` +
        `(peak ${(after.maxRss / 2 ** 20).toFixed(0)} MB)`,
    );
    expect(counts.get("ok") ?? 0).toBeGreaterThan(0);
    expect(after.rss).toBeLessThan(before.rss * 1.2);
  },
  (SECONDS + 60) * 1000,
);

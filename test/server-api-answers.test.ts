/**
 * The local server with default options against the evidence table: every entry it can reproduce is
 * sent over HTTP exactly as the entry describes it (JSON, or multipart parts with the Content-Type
 * the entry names), and the answer must match the quoted one: status, type, code, param and the
 * message (equal where the quote is whole, contained where it is a fragment). The entries it cannot
 * reproduce are listed with their reason.
 */

import { request } from "node:http";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AnswerRequest, API_ANSWERS, type ApiAnswer } from "../src/models/api-answers.js";
import { API_ERRORS } from "../src/models/api-errors.js";
import { type ImagesServer, startImagesServer } from "../src/server/index.js";
import {
  answerMismatches,
  makePartBytes,
  type PartBytes,
  type ReceivedAnswer,
  toHttp,
  type WireHttp,
} from "./support/api-answers-http.js";
import { allowSpecViolations } from "./support/contract-setup.js";

let server: ImagesServer;
let bytes: PartBytes;
const received = new Map<string, ReceivedAnswer>();

const reproducible = API_ANSWERS.filter((e) => e.notReproducible === undefined || e.replay !== undefined);
const notReproducible = API_ANSWERS.filter((e) => !reproducible.includes(e));

/** A PNG mask, transparent everywhere, the size of the test images. */
function transparentMask(side: number): Promise<Buffer> {
  return sharp(Buffer.alloc(side * side * 4), { raw: { width: side, height: side, channels: 4 } })
    .png()
    .toBuffer();
}

async function send(entry: ApiAnswer): Promise<ReceivedAnswer> {
  const { path, headers, body } = toHttp(entry.request, bytes, {
    model: entry.replay?.model,
    maskBytes: entry.id.startsWith("mask-size") ? bytes.otherSizeMask : undefined,
  });
  const res = await fetch(server.url + path, {
    method: "POST",
    headers: { authorization: "Bearer test", ...headers },
    body,
  });
  return { status: res.status, text: await res.text() };
}

beforeAll(async () => {
  // The table is requests the API refuses: most break the spec on purpose, and the retired
  // endpoint's bare 404 has no body for the spec to describe.
  allowSpecViolations("the evidence table sends what OpenAI's API refuses");
  server = await startImagesServer();
  bytes = await makePartBytes();
  // A few at a time: the accepted entries render a picture each.
  const queue = [...reproducible];
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let entry = queue.shift(); entry; entry = queue.shift()) received.set(entry.id, await send(entry));
    }),
  );
});

afterAll(async () => {
  await server?.close();
});

describe("the server with default options answers the evidence table as OpenAI's API does", () => {
  it.each(reproducible.map((e) => [e.id, e] as const))("%s", (id, entry) => {
    const got = received.get(id);
    expect(got, id).toBeDefined();
    expect(answerMismatches(entry, got as ReceivedAnswer), id).toEqual([]);
  });

  it("matches 100 % of the reproducible entries (status, type, code, param, message)", () => {
    const matched = reproducible.filter(
      (e) => answerMismatches(e, received.get(e.id) as ReceivedAnswer).length === 0,
    );
    expect(reproducible.length).toBeGreaterThanOrEqual(80);
    expect(`${matched.length}/${reproducible.length}`).toBe(`${reproducible.length}/${reproducible.length}`);
  });

  it("lists every entry it cannot reproduce with its reason", () => {
    expect(Object.fromEntries(notReproducible.map((e) => [e.id, e.notReproducible]))).toMatchInlineSnapshot(`
      {
        "enum:output_format=gif": "conflicts with the SDK documentation, which wins",
        "input-fidelity-gpt-image-1-mini": "conflicts with the SDK documentation, which wins",
        "insufficient-quota": "billing: quota belongs to an account",
        "moderation-blocked": "real safety filters",
        "output-compression-default-format-accepted": "conflicts with the SDK documentation, which wins",
        "rate-limit": "account: rate limits belong to an organisation",
        "transparent-gpt-image-2": "conflicts with the SDK documentation, which wins",
        "upload-octet-stream-dall-e-2": "model retired since: see the replay",
      }
    `);
  });

  it("sends nothing the spec forbids", () => {
    expect(server.specViolations).toEqual([]);
  });
});

describe("upload labels are read from the part headers as sent", () => {
  const edit = (parts: AnswerRequest["form"]): AnswerRequest => ({
    op: "edit",
    form: [{ name: "model", value: "gpt-image-1.5" }, { name: "prompt", value: "a dot" }, ...(parts ?? [])],
  });

  /** Sends a body a few bytes at a time, so part headers straddle the chunks. */
  function sendInChunks(http: WireHttp, size: number): Promise<ReceivedAnswer> {
    const url = new URL(server.url + http.path);
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        { method: "POST", headers: { authorization: "Bearer test", ...http.headers } },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => {
            text += chunk;
          });
          res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on("error", reject);
      const body = Buffer.from(http.body as Uint8Array);
      (async () => {
        for (let at = 0; at < body.length; at += size) {
          req.write(body.subarray(at, at + size));
          await new Promise((r) => setImmediate(r));
        }
        req.end();
      })();
    });
  }

  it("a part labelled text/plain is unsupported; one with no label is missing its mimetype, in any chunking", async () => {
    const labelled = toHttp(
      edit([{ name: "image", file: { contentType: "text/plain", bytes: "png" } }]),
      bytes,
    );
    const got = await sendInChunks(labelled, 4096);
    expect(JSON.parse(got.text)).toEqual(
      API_ERRORS.unsupportedMimetype("image", "text/plain", ["image/jpeg", "image/png", "image/webp"]).body,
    );
    const bare = toHttp(edit([{ name: "image", file: { contentType: null, bytes: "png" } }]), bytes);
    for (const size of [3, 17, 4096]) {
      const answer = await sendInChunks(bare, size);
      expect(JSON.parse(answer.text), `${size}-byte chunks`).toEqual(
        API_ERRORS.missingMimetype("image").body,
      );
    }
  });

  it("the mask is not judged by its label (prism-php/prism#725)", async () => {
    const masked = toHttp(
      edit([
        { name: "image", file: { contentType: "image/png", bytes: "png" } },
        { name: "mask", file: { contentType: null, bytes: "png" } },
      ]),
      bytes,
      { maskBytes: await transparentMask(64) },
    );
    expect((await sendInChunks(masked, 4096)).status).toBe(200);
  });
});

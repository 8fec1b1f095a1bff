/**
 * The local server with default options against the evidence table: every entry it can reproduce is
 * sent over HTTP exactly as the entry describes it (JSON, or multipart parts with the Content-Type
 * the entry names), and the answer must match the quoted one: status, type, code, param and the
 * message (equal where the quote is whole, contained where it is a fragment). The entries it cannot
 * reproduce are listed with their reason.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_ANSWERS, type ApiAnswer } from "../src/models/api-answers.js";
import { type ImagesServer, startImagesServer } from "../src/server/index.js";
import {
  answerMismatches,
  makePartBytes,
  type PartBytes,
  type ReceivedAnswer,
  toHttp,
} from "./support/api-answers-http.js";
import { allowSpecViolations } from "./support/contract-setup.js";

let server: ImagesServer;
let bytes: PartBytes;
const received = new Map<string, ReceivedAnswer>();

const reproducible = API_ANSWERS.filter((e) => e.notReproducible === undefined || e.replay !== undefined);
const notReproducible = API_ANSWERS.filter((e) => !reproducible.includes(e));

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

/**
 * The key never appears in an error, whichever class, wherever a server echoes it: the status text,
 * a header, a JSON error, an HTML page, a redirect's location, an SSE error frame, event data that
 * is not JSON, a stream cut short after a stray line. Checked on both transports, for the API key, an
 * Azure key and an Azure bearer token, in every rendering of the error: message, each field, the
 * whole `cause` chain, `String(err)`, `JSON.stringify`, `util.inspect` with hidden properties.
 */
import type { ServerResponse } from "node:http";
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createImagesClient, type ImagesClientOptions, isImagesError } from "../src/index.js";
import { createImagesClient as createNodeClient } from "../src/node/index.js";
import { REDACTED, redactText, redactValue } from "../src/redact.js";
import { type Loopback, type Recorded, startLoopback } from "./loopback.fixtures.js";
import { allowSpecViolations } from "./support/contract-setup.js";
import { everyRendering } from "./support/error-renderings.js";

const KEY = "sk-proj-ECHOED-0123456789abcdef";
const TOKEN = "eyJ-entra-token-0123456789";
let server: Loopback;

beforeAll(async () => {
  server = await startLoopback();
});
afterAll(() => server.close());

/** The secret the request carried, wherever the client put it. */
function secretOf(req: Recorded): string {
  const bearer = /^Bearer (.*)$/.exec(req.headers.authorization ?? "")?.[1];
  return bearer ?? String(req.headers["api-key"] ?? "");
}

type Echo = (secret: string, res: ServerResponse) => void;

const sse = (res: ServerResponse, text: string) => {
  res.writeHead(200, { "content-type": "text/event-stream" });
  res.end(text);
};

/**
 * Ways a server can echo the secret back: whether the request is a stream, and whether the error
 * carries what was echoed (redacted), or says what went wrong without quoting it.
 */
const ECHOES: Array<[string, Echo, { stream: boolean; carried: boolean }]> = [
  [
    "in the status text and a header",
    (s, res) => {
      res.writeHead(401, `Bad key ${s}`, { "content-type": "application/json", "x-echo": `Bearer ${s}` });
      res.end(JSON.stringify({ error: { message: "no", type: "auth" } }));
    },
    { stream: false, carried: true },
  ],
  [
    "in a JSON error (message, code, param, type)",
    (s, res) => {
      res.writeHead(400, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          error: { message: `Incorrect API key provided: ${s}`, code: s, param: s, type: s },
        }),
      );
    },
    { stream: false, carried: true },
  ],
  [
    "in an HTML error page",
    (s, res) => {
      res.writeHead(502, { "content-type": "text/html" });
      res.end(`<html><body><h1>Bad gateway</h1><pre>Authorization: Bearer ${s}</pre></body></html>`);
    },
    { stream: false, carried: true },
  ],
  [
    "in a redirect's location",
    (s, res) => {
      res.writeHead(302, { location: `https://elsewhere.example/?key=${s}` });
      res.end(`moved: ${s}`);
    },
    { stream: false, carried: true },
  ],
  [
    "in a 200 that is not an Images API response",
    (s, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ data: `oops ${s}` }));
    },
    { stream: false, carried: false },
  ],
  [
    "in a 200 that is not JSON",
    (s, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(`key=${s}`);
    },
    { stream: false, carried: false },
  ],
  [
    "in an SSE error frame",
    (s, res) => sse(res, `event: error\ndata: {"error":{"message":"bad key ${s}","code":"${s}"}}\n\n`),
    { stream: true, carried: true },
  ],
  [
    "in an SSE error frame that is not JSON",
    (s, res) => sse(res, `event: error\ndata: bad key ${s}\n\n`),
    { stream: true, carried: true },
  ],
  [
    "in event data that is not JSON",
    (s, res) => sse(res, `event: image_generation.partial_image\ndata: ${s}\n\n`),
    { stream: true, carried: true },
  ],
  [
    "in a stray line of a stream cut short",
    (s, res) => sse(res, `{"error":"bad key ${s}"}\n\n`),
    { stream: true, carried: true },
  ],
  [
    "in a non-stream answer to a stream request",
    (s, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end(`<p>${s}</p>`);
    },
    { stream: true, carried: false },
  ],
];

const TRANSPORTS = [
  ["fetch", createImagesClient],
  ["node", createNodeClient],
] as const;

const AUTH: Array<[string, Partial<ImagesClientOptions>, string]> = [
  ["the API key", { apiKey: KEY }, KEY],
  ["an Azure key", { azure: { endpoint: "", apiVersion: "v", deployment: "d", apiKey: KEY } }, KEY],
  [
    "an Azure bearer token",
    { azure: { endpoint: "", apiVersion: "v", deployment: "d", tokenProvider: async () => TOKEN } },
    TOKEN,
  ],
];

describe.each(TRANSPORTS)("on the %s transport", (_name, make) => {
  describe.each(AUTH)("%s", (_auth, auth, secret) => {
    it.each(ECHOES)(
      "never appears when the server echoes it %s",
      async (_what, echo, { stream, carried }) => {
        allowSpecViolations("the server answers outside the spec on purpose");
        server.handle((req, res) => echo(secretOf(req), res));
        const azure = auth.azure ? { azure: { ...auth.azure, endpoint: server.origin } } : {};
        const client = make({ ...auth, ...azure, baseUrl: server.baseUrl, maxRetries: 0 });
        const err = await (async () => {
          const result = await client.generate({ model: "gpt-image-1", prompt: "otter", stream });
          if (stream) for await (const _ of result as AsyncIterable<unknown>) void _;
        })().catch((e: unknown) => e);
        expect(isImagesError(err), inspect(err)).toBe(true);
        const text = everyRendering(err);
        expect(text).not.toContain(secret);
        // Where the error quotes the server, the secret was there and was replaced.
        if (carried) expect(text).toContain(REDACTED);
      },
    );
  });
});

it("a client whose key the transport itself rejects (an invalid header value) does not leak it via the cause", async () => {
  // Header values may not contain a newline: building the request fails with the value in the message.
  const bad = `${KEY}\nx`;
  for (const [, make] of TRANSPORTS) {
    const err = await make({ apiKey: bad, baseUrl: server.baseUrl, maxRetries: 0 })
      .generate({ prompt: "otter" })
      .catch((e: unknown) => e);
    expect(isImagesError(err)).toBe(true);
    expect(everyRendering(err)).not.toContain(KEY);
  }
});

describe("redactText and redactValue", () => {
  it("replace a long secret wherever it appears, a short one only as a word of its own", () => {
    expect(redactText(`a${KEY}b ${KEY}`, [KEY])).toBe(`a${REDACTED}b ${REDACTED}`);
    expect(redactText("Bearer k; kind key", ["k"])).toBe(`Bearer ${REDACTED}; kind key`);
    expect(redactText("nothing here", [""])).toBe("nothing here");
  });

  it("also replace the start of a long secret where a quote was cut off with …", () => {
    const cut = `data: ${KEY.slice(0, 12)}… (500 characters)`;
    expect(redactText(cut, [KEY])).toBe(`data: ${REDACTED}… (500 characters)`);
    // A start shorter than 8 characters says nothing about the key (every key starts with sk-).
    expect(redactText("sk-pro… (500 characters)", [KEY])).toBe("sk-pro… (500 characters)");
  });

  it("copy what holds a secret, keep what does not, and clean errors in place", () => {
    const clean = { a: 1, b: ["x"] };
    expect(redactValue(clean, [KEY])).toBe(clean);
    const err = new Error(`bad ${KEY}`, { cause: { detail: [KEY] } });
    expect(redactValue(err, [KEY])).toBe(err);
    expect(err.message).toBe(`bad ${REDACTED}`);
    expect(err.cause).toEqual({ detail: [REDACTED] });
    expect(err.stack).not.toContain(KEY);
    const cyclic: Record<string, unknown> = { key: KEY };
    cyclic.self = cyclic;
    expect((redactValue(cyclic, [KEY]) as Record<string, unknown>).key).toBe(REDACTED);
  });
});

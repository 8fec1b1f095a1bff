import { readFile } from "node:fs/promises";
import { transform } from "esbuild";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { type APIPromise, createImagesClient } from "../src/client.js";
import {
  ImagesAPIError,
  ImagesStreamError,
  ImagesTimeoutError,
  isImagesStreamError,
  isImagesTimeoutError,
} from "../src/errors.js";
import { createImagesClient as createNodeImagesClient } from "../src/node/index.js";
import { finalImage, imageBytes } from "../src/stream-helpers.js";
import { createImageStream, type ImageStream } from "../src/streaming.js";
import type {
  ImageEditStreamEvent,
  ImageGenCompletedEvent,
  ImageGenStreamEvent,
  ImagesResponse,
} from "../src/types.js";
import {
  completedEvent,
  createByteTap,
  fakeBase64,
  frame,
  type Handler,
  type LineEnding,
  type LoopbackServer,
  partialEvent,
  prng,
  SSE_HEADERS,
  smallFixture,
  splitAt,
  startLoopbackServer,
  write,
} from "./streaming.fixtures.js";

let server: LoopbackServer;
beforeAll(async () => {
  server = await startLoopbackServer();
});
afterAll(async () => {
  await server.close();
});

interface OpenOptions {
  kind?: "generate" | "edit";
  idleTimeout?: number;
  maxEventSize?: number;
  /** Route the body through a byte tap (for tests that control chunk boundaries). */
  tap?: ReturnType<typeof createByteTap>;
  signal?: AbortSignal;
}

/** Fetches from the loopback server and wraps the answer, recording abort/settle calls. */
async function open(handler: Handler, opts: OpenOptions = {}) {
  server.handler = handler;
  const controller = new AbortController();
  opts.signal?.addEventListener("abort", () => controller.abort(opts.signal?.reason));
  const calls = { aborts: [] as unknown[], settled: 0 };
  const fetched = await fetch(server.url, { signal: controller.signal });
  const response =
    opts.tap && fetched.body
      ? new Response(fetched.body.pipeThrough(opts.tap.stream), {
          status: fetched.status,
          headers: fetched.headers,
        })
      : fetched;
  const stream = createImageStream<ImageGenStreamEvent>(response, {
    kind: opts.kind ?? "generate",
    abort: (reason) => {
      calls.aborts.push(reason);
      controller.abort(reason);
    },
    onSettled: () => {
      calls.settled++;
    },
    ...(opts.idleTimeout === undefined ? {} : { idleTimeout: opts.idleTimeout }),
    ...(opts.maxEventSize === undefined ? {} : { maxEventSize: opts.maxEventSize }),
  });
  const observed = server.requests.at(-1);
  if (!observed) throw new Error("the server saw no request");
  return { stream, calls, observed };
}

/** Serves `pieces` so that each reaches the client as its own chunk (or smaller), then ends. */
async function collectSplit(pieces: Uint8Array[], kind: "generate" | "edit" = "generate") {
  const tap = createByteTap();
  const { stream } = await open(
    async (_req, res) => {
      res.writeHead(200, SSE_HEADERS);
      let sent = 0;
      for (const piece of pieces) {
        await write(res, piece);
        sent += piece.byteLength;
        await tap.until(sent);
      }
      res.end();
    },
    { tap, kind },
  );
  const events: unknown[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

/** Serves a fixed body in one go. */
function serve(body: string, headers: Record<string, string> = SSE_HEADERS): Handler {
  return (_req, res) => {
    res.writeHead(200, headers);
    res.end(body);
  };
}

async function drain<E>(stream: AsyncIterable<E>): Promise<E[]> {
  const events: E[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error("expected a rejection");
}

describe("parsing across chunk boundaries", () => {
  const endings: [string, LineEnding][] = [
    ["LF", "\n"],
    ["CRLF", "\r\n"],
    ["CR", "\r"],
  ];

  it.each(endings)("yields the same events for a split at every byte boundary (%s)", async (_name, eol) => {
    const { wire, events } = smallFixture(eol);
    for (let offset = 1; offset < wire.byteLength; offset++) {
      const got = await collectSplit(splitAt(wire, [offset]));
      expect(got, `split at byte ${offset}`).toEqual(events);
    }
  });

  it.each(endings)("yields the same events when every byte is its own chunk (%s)", async (_name, eol) => {
    const { wire, events } = smallFixture(eol);
    const offsets = Array.from({ length: wire.byteLength - 1 }, (_, i) => i + 1);
    expect(await collectSplit(splitAt(wire, offsets))).toEqual(events);
  });

  it("yields the same events for a 10 MB stream split at random boundaries (seeded)", async () => {
    const seed = 0x5eed_0005;
    const random = prng(seed);
    const events = [
      partialEvent(0, fakeBase64(3_000_000, random)),
      partialEvent(1, fakeBase64(3_000_000, random)),
      partialEvent(2, fakeBase64(3_000_000, random)),
      completedEvent(fakeBase64(1_500_000, random)),
    ];
    const wire = new TextEncoder().encode(`: keep-alive\n\n${events.map((e) => frame(e)).join("")}`);
    expect(wire.byteLength).toBeGreaterThan(10_000_000);
    const offsets: number[] = [];
    // Mostly large pieces, with runs of tiny ones so boundaries also land inside `data:` and `event:`.
    for (let at = 0; ; ) {
      at += random() < 0.2 ? 1 + Math.floor(random() * 16) : 1 + Math.floor(random() * 400_000);
      if (at >= wire.byteLength) break;
      offsets.push(at);
    }
    const got = await collectSplit(splitAt(wire, offsets));
    expect(got.length, `seed ${seed}`).toBe(4);
    expect(got, `seed ${seed}`).toEqual(events);
  });

  it("passes a single 32 MB event through", async () => {
    const b64 = fakeBase64(32 * 1024 * 1024, prng(32));
    const body = frame(completedEvent(b64));
    const { stream } = await open(async (_req, res) => {
      res.writeHead(200, SSE_HEADERS);
      for (let at = 0; at < body.length; at += 1 << 20) await write(res, body.slice(at, at + (1 << 20)));
      res.end();
    });
    const [event, ...rest] = await drain(stream);
    expect(rest).toEqual([]);
    expect(event?.type).toBe("image_generation.completed");
    expect(event?.b64_json.length).toBe(b64.length);
    expect(event?.b64_json === b64).toBe(true);
  });

  it("refuses an event larger than maxEventSize with a clear error", async () => {
    // The limit applies to what waits for the end of an event, i.e. an event spread over chunks.
    const body = frame(completedEvent(fakeBase64(4096, prng(1))));
    const tap = createByteTap();
    const { stream, observed } = await open(
      async (_req, res) => {
        res.writeHead(200, SSE_HEADERS);
        for (let at = 0; at < body.length; at += 256) {
          await write(res, body.slice(at, at + 256));
          await tap.until(Math.min(at + 256, body.length));
        }
        res.end();
      },
      { maxEventSize: 1000, tap },
    );
    const err = await rejection(drain(stream));
    expect(err).toBeInstanceOf(ImagesStreamError);
    expect(err).toMatchObject({ code: "stream_event_too_large", requestId: "req_stream_1" });
    expect((err as Error).message).toContain("maxEventSize");
    await observed.socketClosed;
  });

  it("passes unknown event types through and ignores [DONE]", async () => {
    const future = { type: "image_generation.something_new", value: 1 };
    const { stream } = await open(
      serve(frame(future) + frame(completedEvent("AAAA")) + frame("[DONE]", "\n", "done")),
    );
    expect(await drain(stream)).toEqual([future, completedEvent("AAAA")]);
  });

  it("names an event without `type` by its SSE event field", async () => {
    const { stream } = await open(serve(`event: image_generation.completed\ndata: {"b64_json":"AAAA"}\n\n`));
    expect(await drain(stream)).toEqual([{ type: "image_generation.completed", b64_json: "AAAA" }]);
  });
});

describe("failures are loud", () => {
  const errorFrames: [string, string, { code: string; message: string }][] = [
    [
      "`event: error` with an error object",
      `event: error\ndata: {"error":{"message":"Internal failure","type":"server_error","code":"internal_error"}}\n\n`,
      { code: "internal_error", message: "Internal failure" },
    ],
    [
      "`{ error: { … } }` without an event name",
      `data: {"error":{"message":"Your request was rejected by the safety system","type":"invalid_request_error","code":"moderation_blocked","param":"prompt"}}\n\n`,
      { code: "moderation_blocked", message: "rejected by the safety system" },
    ],
    [
      '`{ type: "error", … }`',
      `event: error\ndata: {"type":"error","code":"rate_limit_exceeded","message":"Slow down","param":null}\n\n`,
      { code: "rate_limit_exceeded", message: "Slow down" },
    ],
    [
      '`{ type: "error", … }` without an event name',
      `data: {"type":"error","code":"server_error","message":"Try again"}\n\n`,
      { code: "server_error", message: "Try again" },
    ],
    [
      "`event: error` with plain text",
      `event: error\ndata: upstream exploded\n\n`,
      { code: "stream_error", message: "upstream exploded" },
    ],
  ];

  it.each(errorFrames)(
    "an error frame (%s) throws ImagesStreamError after the events before it",
    async (_n, wire, want) => {
      const before = partialEvent(0, "AAAA");
      const { stream, calls } = await open(serve(frame(before) + wire + frame(completedEvent("AAAA"))));
      const seen: unknown[] = [];
      const err = await rejection(
        (async () => {
          for await (const event of stream) seen.push(event);
        })(),
      );
      expect(seen).toEqual([before]);
      expect(isImagesStreamError(err)).toBe(true);
      expect(err).toMatchObject({ code: want.code, requestId: "req_stream_1" });
      expect((err as Error).message).toContain(want.message);
      expect(calls.settled).toBe(1);
    },
  );

  it("a stream that ends before its completed event throws stream_truncated", async () => {
    const { stream, calls } = await open(
      serve(frame(partialEvent(0, "AAAA")) + frame(partialEvent(1, "AAAA"))),
    );
    const seen: unknown[] = [];
    const err = await rejection(
      (async () => {
        for await (const event of stream) seen.push(event);
      })(),
    );
    expect(seen).toHaveLength(2);
    expect(err).toMatchObject({
      name: "ImagesStreamError",
      code: "stream_truncated",
      requestId: "req_stream_1",
    });
    expect((err as Error).message).toContain("image_generation.completed");
    expect(calls.settled).toBe(1);
  });

  it("a completed event cut off mid-line is a truncation, not a success", async () => {
    const whole = frame(completedEvent("AAAAAAAA"));
    const { stream } = await open(serve(whole.slice(0, whole.length - 10)));
    expect(await rejection(drain(stream))).toMatchObject({ code: "stream_truncated" });
  });

  it("a completed event without its closing blank line is not dispatched (SSE spec)", async () => {
    const { stream } = await open(serve(frame(completedEvent("AAAA")).trimEnd()));
    expect(await rejection(drain(stream))).toMatchObject({ code: "stream_truncated" });
  });

  it("the completed event must match the operation", async () => {
    const { stream } = await open(serve(frame(completedEvent("AAAA", "edit"))), { kind: "generate" });
    expect(await rejection(drain(stream))).toMatchObject({ code: "stream_truncated" });
    const edit = await open(
      serve(frame(partialEvent(0, "AAAA", "edit")) + frame(completedEvent("AAAA", "edit"))),
      {
        kind: "edit",
      },
    );
    expect(await drain(edit.stream)).toHaveLength(2);
  });

  it("data that is not JSON throws invalid_event_data", async () => {
    const { stream } = await open(serve(`event: image_generation.partial_image\ndata: {"type":\n\n`));
    expect(await rejection(drain(stream))).toMatchObject({ code: "invalid_event_data" });
  });

  it("a JSON answer where a stream was expected surfaces its error", async () => {
    const body = JSON.stringify({
      error: { message: "Streaming is not supported for dall-e-3", code: "unsupported" },
    });
    const { stream } = await open(
      serve(body, { "content-type": "application/json", "x-request-id": "req_json" }),
    );
    const err = await rejection(drain(stream));
    expect(err).toMatchObject({ code: "unsupported", requestId: "req_json" });
    expect((err as Error).message).toContain("not supported for dall-e-3");
  });

  it("a connection reset mid-stream throws stream_interrupted", async () => {
    const { stream } = await open(async (_req, res) => {
      res.writeHead(200, SSE_HEADERS);
      await write(res, frame(partialEvent(0, "AAAA")));
      await write(res, 'data: {"type":"image_generation.comp');
      res.socket?.destroy();
    });
    const err = await rejection(drain(stream));
    expect(err).toMatchObject({ name: "ImagesStreamError", code: "stream_interrupted" });
    expect((err as Error).cause).toBeDefined();
  });
});

describe("cancellation", () => {
  /** A server that sends one partial image and then holds the response open. */
  const stalls: Handler = async (_req, res) => {
    res.writeHead(200, SSE_HEADERS);
    await write(res, frame(partialEvent(0, "AAAA")));
  };

  it("break in the consumer's loop closes the server-side socket", async () => {
    const { stream, calls, observed } = await open(stalls);
    for await (const event of stream) {
      expect(event.type).toBe("image_generation.partial_image");
      break;
    }
    await observed.socketClosed;
    expect(calls.settled).toBe(1);
    expect(calls.aborts).toHaveLength(1);
    expect(calls.aborts[0]).toMatchObject({ code: "stream_cancelled" });
  });

  it("an error thrown in the consumer's loop closes the socket and propagates unchanged", async () => {
    const { stream, calls, observed } = await open(stalls);
    const boom = new Error("consumer failed");
    const err = await rejection(
      (async () => {
        for await (const _event of stream) throw boom;
      })(),
    );
    expect(err).toBe(boom);
    await observed.socketClosed;
    expect(calls.settled).toBe(1);
  });

  it("return() before the first next() still cancels the request", async () => {
    const { stream, calls, observed } = await open(stalls);
    await stream[Symbol.asyncIterator]().return?.();
    await observed.socketClosed;
    expect(calls.settled).toBe(1);
  });

  it("aborting the caller's signal mid-stream rejects with its reason and closes the socket", async () => {
    const caller = new AbortController();
    const { stream, observed, calls } = await open(stalls, { signal: caller.signal });
    const reason = new DOMException("user gave up", "AbortError");
    const err = await rejection(
      (async () => {
        for await (const _event of stream) caller.abort(reason);
      })(),
    );
    expect(err).toBe(reason);
    await observed.socketClosed;
    expect(calls.settled).toBe(1);
  });

  it("a stalled stream fails with ImagesTimeoutError after idleTimeout", async () => {
    const { stream, observed, calls } = await open(stalls, { idleTimeout: 250 });
    const seen: unknown[] = [];
    const err = await rejection(
      (async () => {
        for await (const event of stream) seen.push(event);
      })(),
    );
    expect(seen).toHaveLength(1);
    expect(err).toBeInstanceOf(ImagesTimeoutError);
    expect(isImagesTimeoutError(err)).toBe(true);
    expect(err).toMatchObject({ timeout: 250 });
    await observed.socketClosed;
    expect(calls.settled).toBe(1);
  });

  it("keep-alive comments count as activity for the idle timeout", async () => {
    const tap = createByteTap();
    const { stream } = await open(
      async (_req, res) => {
        res.writeHead(200, SSE_HEADERS);
        // Each comment is sent only after the previous one arrived, so the stream is never idle for
        // long, although no event comes until the end.
        let sent = 0;
        for (let i = 0; i < 20; i++) {
          const ping = `: ping ${i}\n`;
          await write(res, ping);
          sent += ping.length;
          await tap.until(sent);
        }
        res.end(frame(completedEvent("AAAA")));
      },
      { tap, idleTimeout: 5_000 },
    );
    expect(await drain(stream)).toHaveLength(1);
  });

  it("a stream can be iterated only once", async () => {
    const { stream } = await open(serve(frame(completedEvent("AAAA"))));
    expect(await drain(stream)).toHaveLength(1);
    const err = await rejection(drain(stream));
    expect(err).toMatchObject({ name: "ImagesStreamError", code: "stream_already_consumed" });
    expect((err as Error).message).toContain("only once");
  });

  it("exposes the request id and the response", async () => {
    const { stream } = await open(serve(frame(completedEvent("AAAA"))));
    expect(stream.requestId).toBe("req_stream_1");
    expect(stream.response.status).toBe(200);
    await drain(stream);
  });
});

describe("finalImage", () => {
  it("resolves to the completed event and reports each partial in order", async () => {
    const { stream } = await open(
      serve(
        frame(partialEvent(0, "AAAA")) +
          frame(partialEvent(1, "AAAA")) +
          frame(completedEvent("iVBORw0KGgo=")),
      ),
    );
    const partials: number[] = [];
    const done = await finalImage(stream, { onPartial: (p) => void partials.push(p.partial_image_index) });
    expectTypeOf(done).toEqualTypeOf<ImageGenCompletedEvent>();
    expect(partials).toEqual([0, 1]);
    expect(done.type).toBe("image_generation.completed");
    expect(Array.from(imageBytes(done).subarray(0, 4))).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it("rejects on a truncated stream", async () => {
    const { stream } = await open(serve(frame(partialEvent(0, "AAAA"))));
    expect(await rejection(finalImage(stream))).toMatchObject({ code: "stream_truncated" });
  });

  it("rejects when a plain iterable has no completed event", async () => {
    async function* events() {
      yield { type: "image_edit.partial_image" as const, partial_image_index: 0 };
    }
    expect(await rejection(finalImage(events()))).toMatchObject({ code: "stream_truncated" });
  });

  it("an error thrown by onPartial cancels the stream", async () => {
    const { stream, observed } = await open(async (_req, res) => {
      res.writeHead(200, SSE_HEADERS);
      await write(res, frame(partialEvent(0, "AAAA")));
    });
    const err = await rejection(
      finalImage(stream, {
        onPartial: () => {
          throw new Error("stop");
        },
      }),
    );
    expect((err as Error).message).toBe("stop");
    await observed.socketClosed;
  });
});

describe("imageBytes", () => {
  it("decodes base64 of every length the same as Node's decoder", () => {
    const random = prng(7);
    for (let length = 0; length < 64; length++) {
      const bytes = Uint8Array.from({ length }, () => Math.floor(random() * 256));
      const b64 = Buffer.from(bytes).toString("base64");
      expect(imageBytes({ b64_json: b64 }), b64).toEqual(bytes);
      expect(imageBytes({ b64_json: b64.replace(/=+$/, "") }), `${b64} unpadded`).toEqual(bytes);
      expect(imageBytes({ b64_json: Buffer.from(bytes).toString("base64url") })).toEqual(bytes);
    }
  });

  it("ignores line breaks inside the base64", () => {
    expect(imageBytes({ b64_json: "iVBO\nRw0K\r\nGgo=" })).toEqual(
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
  });

  it("throws a clear error for bad base64 or a URL-only image", () => {
    expect(() => imageBytes({ b64_json: "iVB*Rw==" })).toThrow(/not valid base64.*"\*" at position 3/);
    expect(() => imageBytes({ b64_json: "iVBOR" })).toThrow(/not valid base64/);
    expect(() => imageBytes({})).toThrow(/no b64_json.*url/i);
  });
});

describe("types", () => {
  it("are typed per operation and discriminated on `type`", () => {
    type GenStream = ImageStream<ImageGenStreamEvent>;
    expectTypeOf<GenStream>().toExtend<AsyncIterable<ImageGenStreamEvent>>();
    expectTypeOf<
      Awaited<ReturnType<typeof finalImage<ImageEditStreamEvent>>>["type"]
    >().toEqualTypeOf<"image_edit.completed">();
    const check = (event: ImageGenStreamEvent) => {
      if (event.type === "image_generation.partial_image")
        expectTypeOf(event.partial_image_index).toBeNumber();
      // @ts-expect-error [partial_image_index] completed events carry no partial_image_index
      else void event.partial_image_index;
    };
    void check;
  });
});

describe("through the client (stream: true)", () => {
  const API_KEY = "sk-test-streaming-secret";
  const client = () =>
    createImagesClient({ apiKey: API_KEY, baseUrl: `${server.url}/v1`, maxRetries: 2, validation: "off" });
  /** A 1×1 PNG. */
  const png = Uint8Array.from(
    Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
      "base64",
    ),
  );

  async function readBody(req: import("node:http").IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("latin1");
  }

  it("generate streams typed events and sends stream: true with Accept: text/event-stream", async () => {
    let seen: { url?: string; accept?: string; body?: unknown } = {};
    server.handler = async (req, res) => {
      seen = { url: req.url ?? "", accept: req.headers.accept ?? "", body: JSON.parse(await readBody(req)) };
      res.writeHead(200, SSE_HEADERS);
      res.end(frame(partialEvent(0, "AAAA")) + frame(completedEvent("iVBORw0KGgo=")));
    };
    const stream = await client().generate({
      model: "gpt-image-1.5",
      prompt: "a cute baby sea otter",
      stream: true,
      partial_images: 1,
    });
    expectTypeOf(stream).toEqualTypeOf<ImageStream<ImageGenStreamEvent>>();
    expect(stream.requestId).toBe("req_stream_1");
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    expect(types).toEqual(["image_generation.partial_image", "image_generation.completed"]);
    expect(seen).toEqual({
      url: "/v1/images/generations",
      accept: "text/event-stream",
      body: { model: "gpt-image-1.5", prompt: "a cute baby sea otter", stream: true, partial_images: 1 },
    });
  });

  it("edit streams edit events over a multipart upload", async () => {
    let form = "";
    server.handler = async (req, res) => {
      form = await readBody(req);
      res.writeHead(200, SSE_HEADERS);
      res.end(frame(partialEvent(0, "AAAA", "edit")) + frame(completedEvent("iVBORw0KGgo=", "edit")));
    };
    const stream = await client().edit({
      model: "gpt-image-1.5",
      image: png,
      prompt: "add a hat",
      stream: true,
    });
    expectTypeOf(stream).toEqualTypeOf<ImageStream<ImageEditStreamEvent>>();
    const done = await finalImage(stream);
    expect(done.type).toBe("image_edit.completed");
    expect(form).toMatch(/name="stream"\r\n\r\ntrue\r\n/);
    expect(form).toContain("\x89PNG");
  });

  it("without stream the methods keep returning the JSON answer", async () => {
    server.handler = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ created: 1, data: [{ b64_json: "iVBORw0KGgo=" }] }));
    };
    const answer = client().generate({ model: "gpt-image-1.5", prompt: "otter" });
    expectTypeOf(answer).toEqualTypeOf<APIPromise<ImagesResponse>>();
    const result = await answer;
    expect(imageBytes(result.data?.[0] ?? {})).toEqual(
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
    const maybe = (stream: boolean) => client().generate({ model: "gpt-image-1.5", prompt: "otter", stream });
    expectTypeOf(maybe).returns.toEqualTypeOf<Promise<ImagesResponse | ImageStream<ImageGenStreamEvent>>>();
  });

  it("a non-2xx answer before the stream starts is an ImagesAPIError, retried like any request", async () => {
    let attempts = 0;
    server.handler = (_req, res) => {
      attempts++;
      if (attempts === 1) {
        res.writeHead(503, { "content-type": "application/json", "retry-after-ms": "1" });
        res.end(JSON.stringify({ error: { message: "overloaded", type: "server_error", code: null } }));
        return;
      }
      res.writeHead(200, SSE_HEADERS);
      res.end(frame(completedEvent("AAAA")));
    };
    const stream = await client().generate({ model: "gpt-image-1.5", prompt: "otter", stream: true });
    expect(await drain(stream)).toHaveLength(1);
    expect(attempts).toBe(2);

    server.handler = (_req, res) => {
      res.writeHead(400, { "content-type": "application/json", "x-request-id": "req_bad" });
      res.end(
        JSON.stringify({
          error: {
            message: "Invalid size",
            type: "invalid_request_error",
            param: "size",
            code: "invalid_value",
          },
        }),
      );
    };
    const err = await rejection(client().generate({ model: "gpt-image-1.5", prompt: "otter", stream: true }));
    expect(err).toBeInstanceOf(ImagesAPIError);
    expect(err).toMatchObject({ status: 400, code: "invalid_value", param: "size", requestId: "req_bad" });
    expect(String((err as Error).message)).not.toContain(API_KEY);
  });

  /** Sends a partial image, then keep-alive comments until the client goes away. */
  const neverCompletes: Handler = async (_req, res) => {
    res.writeHead(200, SSE_HEADERS);
    await write(res, frame(partialEvent(0, "AAAA")));
    const ping = setInterval(() => res.write(": keep-alive\n"), 10);
    res.once("close", () => clearInterval(ping));
  };

  it("the client timeout covers the whole stream, keep-alives or not", async () => {
    server.handler = neverCompletes;
    const c = createImagesClient({
      apiKey: API_KEY,
      baseUrl: `${server.url}/v1`,
      timeout: 1000,
      maxRetries: 0,
    });
    const stream = await c.generate({ model: "gpt-image-1.5", prompt: "otter", stream: true });
    const observed = server.requests.at(-1);
    const err = await rejection(drain(stream));
    expect(err).toBeInstanceOf(ImagesTimeoutError);
    expect(err).toMatchObject({ timeout: 1000 });
    await observed?.socketClosed;
  });

  it("the caller's signal covers the whole stream", async () => {
    server.handler = neverCompletes;
    const caller = new AbortController();
    const stream = await client().generate(
      { model: "gpt-image-1.5", prompt: "otter", stream: true },
      { signal: caller.signal },
    );
    const observed = server.requests.at(-1);
    const reason = new Error("user navigated away");
    const err = await rejection(
      (async () => {
        for await (const _event of stream) caller.abort(reason);
      })(),
    );
    expect(err).toBe(reason);
    await observed?.socketClosed;
  });

  it("idleTimeout fails a stalled stream; break closes the socket", async () => {
    server.handler = async (_req, res) => {
      res.writeHead(200, SSE_HEADERS);
      await write(res, frame(partialEvent(0, "AAAA")));
    };
    const stalled = await client().generate(
      { model: "gpt-image-1.5", prompt: "otter", stream: true },
      { idleTimeout: 250 },
    );
    expect(await rejection(drain(stalled))).toBeInstanceOf(ImagesTimeoutError);
    await server.requests.at(-1)?.socketClosed;

    const stream = await client().generate({ model: "gpt-image-1.5", prompt: "otter", stream: true });
    const observed = server.requests.at(-1);
    for await (const _event of stream) break;
    await observed?.socketClosed;
  });
});

describe("through the Node transport (openai-images/node)", () => {
  const nodeClient = (timeout?: number) =>
    createNodeImagesClient({
      apiKey: "sk-node",
      baseUrl: `${server.url}/v1`,
      maxRetries: 0,
      ...(timeout === undefined ? {} : { timeout }),
    });
  const holdsOpen: Handler = async (_req, res) => {
    res.writeHead(200, SSE_HEADERS);
    await write(res, frame(partialEvent(0, "AAAA")));
  };

  it("yields the same events as over fetch, for a stream in many chunks", async () => {
    const random = prng(11);
    const events = [
      partialEvent(0, fakeBase64(500_000, random)),
      completedEvent(fakeBase64(500_000, random)),
    ];
    const wire = events.map((e) => frame(e, "\r\n")).join("");
    server.handler = async (_req, res) => {
      res.writeHead(200, SSE_HEADERS);
      for (let at = 0; at < wire.length; at += 4099) await write(res, wire.slice(at, at + 4099));
      res.end();
    };
    const stream = await nodeClient().generate({ model: "gpt-image-1.5", prompt: "otter", stream: true });
    expect(await drain(stream)).toEqual(events);
  });

  it("break closes the server-side socket", async () => {
    server.handler = holdsOpen;
    const stream = await nodeClient().generate({ model: "gpt-image-1.5", prompt: "otter", stream: true });
    const observed = server.requests.at(-1);
    for await (const _event of stream) break;
    await observed?.socketClosed;
  });

  it("the caller's abort and the client timeout end the stream with their errors", async () => {
    server.handler = holdsOpen;
    const caller = new AbortController();
    const aborted = await nodeClient().generate(
      { model: "gpt-image-1.5", prompt: "otter", stream: true },
      { signal: caller.signal },
    );
    const reason = new DOMException("stop", "AbortError");
    const err = await rejection(
      (async () => {
        for await (const _event of aborted) caller.abort(reason);
      })(),
    );
    expect(err).toBe(reason);
    await server.requests.at(-1)?.socketClosed;

    const slow = await nodeClient(1000).generate({ model: "gpt-image-1.5", prompt: "otter", stream: true });
    expect(await rejection(drain(slow))).toMatchObject({ name: "ImagesTimeoutError", timeout: 1000 });
    await server.requests.at(-1)?.socketClosed;
  });
});

describe("README streaming examples", () => {
  /** The ```ts blocks between the streaming section markers, imports stripped (we inject the bindings). */
  async function readmeBlocks(): Promise<string[]> {
    const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
    const section =
      readme.split("<!-- section: streaming -->")[1]?.split("<!-- /section: streaming -->")[0] ?? "";
    return [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) =>
      (m[1] ?? "").replace(/^import [^;]+;\n/gm, ""),
    );
  }

  it("every example runs against a loopback server", async () => {
    const png =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
    server.handler = async (req, res) => {
      for await (const _chunk of req) {
        // drain the upload
      }
      const kind = req.url?.endsWith("/images/edits") ? "edit" : "generate";
      res.writeHead(200, SSE_HEADERS);
      res.end(
        frame(partialEvent(0, png, kind)) +
          frame(partialEvent(1, png, kind)) +
          frame(completedEvent(png, kind)),
      );
    };
    const written = new Map<string, Uint8Array>();
    const logs: unknown[][] = [];
    const makeClient = () => createImagesClient({ apiKey: "sk-readme", baseUrl: `${server.url}/v1` });
    const bindings: Record<string, unknown> = {
      createImagesClient: makeClient,
      imageBytes,
      finalImage,
      writeFile: async (path: string, bytes: Uint8Array) => void written.set(path, bytes),
      console: { log: (...args: unknown[]) => void logs.push(args) },
      photo: Buffer.from(png, "base64"),
      // The finalImage example reads otter.png from disk.
      fileFromPath: async () => Buffer.from(png, "base64"),
    };
    const blocks = await readmeBlocks();
    expect(blocks.length).toBeGreaterThanOrEqual(3);
    const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
      ...args: string[]
    ) => (...values: unknown[]) => Promise<void>;
    for (const block of blocks) {
      const { code } = await transform(block, { loader: "ts" });
      const scope = { ...bindings, ...(/\bconst client\b/.test(code) ? {} : { client: makeClient() }) };
      await new AsyncFunction(...Object.keys(scope), code)(...Object.values(scope));
    }
    expect([...written.keys()]).toEqual(["otter-partial-0.png", "otter-partial-1.png", "otter.png"]);
    expect(Array.from(written.get("otter.png")?.subarray(0, 4) ?? [])).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(logs).toContainEqual(["tokens:", 100, "request:", "req_stream_1"]);
    expect(logs).toContainEqual(["partial", 1]);
  });
});

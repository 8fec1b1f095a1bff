import OpenAI from "openai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { API_ANSWERS, UNKNOWN } from "../src/models/api-answers.js";
import { API_ERRORS } from "../src/models/api-errors.js";
import { type ImagesServer, parseFaults, startImagesServer } from "../src/server/index.js";
import { parseSse } from "./server-helpers.js";

let server: ImagesServer;
beforeAll(async () => {
  server = await startImagesServer({ retired: "serve" });
});
afterAll(() => server.close());
afterEach(() => {
  expect(server.specViolations).toEqual([]);
  server.clearFaults();
});

/** The official SDK, sending `x-images-fault` on every request. */
function sdkWithFault(fault: string, options: { maxRetries?: number; timeout?: number } = {}): OpenAI {
  return new OpenAI({
    apiKey: "test",
    baseURL: server.url,
    maxRetries: options.maxRetries ?? 0,
    ...(options.timeout ? { timeout: options.timeout } : {}),
    defaultHeaders: { "x-images-fault": fault },
  });
}
const small = { prompt: "otter", size: "256x256" } as const;
const streamReq = {
  model: "gpt-image-1",
  prompt: "otter",
  stream: true,
  partial_images: 2,
  quality: "low",
} as const;

function attempts(id: string): number {
  return server.requests.filter((r) => r.fault?.includes(`id=${id}`)).length;
}

describe("fault grammar", () => {
  it("parses statuses, delays, stream faults, options and lists", () => {
    expect(parseFaults("429; retry-after-ms=50; times=2, delay; ms=10")).toEqual([
      { fault: { kind: "status", status: 429, retryAfterMs: 50 }, times: 2 },
      { fault: { kind: "delay", ms: 10 } },
    ]);
    expect(parseFaults("stream-error; after=1; code=boom")).toEqual([
      { fault: { kind: "stream-error", after: 1, code: "boom" } },
    ]);
    expect(() => parseFaults("teapot")).toThrow(/unknown fault/);
    expect(() => parseFaults("200")).toThrow(/400-599/);
  });

  it("answers 400 for an unparsable fault header", async () => {
    const err = await sdkWithFault("explode")
      .images.generate(small)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
  });
});

describe("faults observed by the official SDK", () => {
  it("429 with retry-after and retry-after-ms headers", async () => {
    const err = await sdkWithFault("429; retry-after-ms=25")
      .images.generate(small)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    const e = err as InstanceType<typeof OpenAI.RateLimitError>;
    expect(e.headers?.get("retry-after-ms")).toBe("25");
    expect(e.headers?.get("retry-after")).toBe("1");
    expect(e.code).toBe("rate_limit_exceeded");
  });

  it("429, moderation and quota answer with the API's own envelopes from the catalogue", async () => {
    const body = { model: "gpt-image-2", prompt: "otter", size: "1024x1024" };
    const send = (fault: string) =>
      fetch(`${server.url}/images/generations`, {
        method: "POST",
        headers: {
          authorization: "Bearer test",
          "content-type": "application/json",
          "x-images-fault": fault,
        },
        body: JSON.stringify(body),
      });

    const limited = await send("429; retry-after-ms=240");
    expect(limited.status).toBe(429);
    expect(await limited.json()).toEqual(API_ERRORS.rateLimited("gpt-image-2", 240).body);
    expect(limited.headers.get("retry-after-ms")).toBe("240");

    const blocked = await send("moderation; categories=violence|sexual");
    const requestId = blocked.headers.get("x-request-id") ?? "";
    expect(blocked.status).toBe(400);
    expect(requestId).toMatch(/^req_/);
    expect(await blocked.json()).toEqual(
      API_ERRORS.moderationBlocked(requestId, ["violence", "sexual"]).body,
    );

    const broke = await send("quota");
    expect(broke.status).toBe(429);
    expect(await broke.json()).toEqual(API_ERRORS.insufficientQuota().body);
  });

  it("the fault envelopes are the evidence table's quotes", () => {
    for (const id of ["moderation-blocked", "rate-limit", "insufficient-quota"]) {
      const { answer } = API_ANSWERS.find((e) => e.id === id) as (typeof API_ANSWERS)[number];
      const made =
        id === "moderation-blocked"
          ? API_ERRORS.moderationBlocked(/request ID (\S+)\. /.exec(String(answer.message))?.[1] ?? "")
          : id === "rate-limit"
            ? API_ERRORS.rateLimited("gpt-image-2")
            : API_ERRORS.insufficientQuota();
      expect(made.status, id).toBe(answer.status);
      for (const field of ["type", "code", "param"] as const) {
        if (answer[field] !== UNKNOWN) expect(made.body?.error[field], `${id} ${field}`).toBe(answer[field]);
      }
      if (answer.message !== undefined && answer.message !== UNKNOWN) {
        expect(made.body?.error.message, id)[answer.messageWhole ? "toBe" : "toContain"](answer.message);
      }
    }
  });

  it("429 twice then success: the SDK's retries get through (times= counts per header)", async () => {
    const res = await sdkWithFault("429; retry-after-ms=1; times=2; id=retry-429", {
      maxRetries: 2,
    }).images.generate(small);
    expect(res.data).toHaveLength(1);
    expect(attempts("retry-429")).toBe(3);
    expect(server.requests.filter((r) => r.fault?.includes("id=retry-429")).map((r) => r.status)).toEqual([
      429, 429, 200,
    ]);
  });

  it("500 and 503 as server errors", async () => {
    const e500 = await sdkWithFault("500")
      .images.generate(small)
      .catch((e: unknown) => e);
    expect(e500).toBeInstanceOf(OpenAI.InternalServerError);
    expect((e500 as InstanceType<typeof OpenAI.APIError>).status).toBe(500);
    const e503 = await sdkWithFault("503; retry-after-ms=5")
      .images.generate(small)
      .catch((e: unknown) => e);
    expect((e503 as InstanceType<typeof OpenAI.APIError>).status).toBe(503);
    expect((e503 as InstanceType<typeof OpenAI.APIError>).headers?.get("retry-after-ms")).toBe("5");
  });

  it("a delay before the headers trips the client's timeout", async () => {
    const err = await sdkWithFault("delay; ms=5000", { timeout: 200 })
      .images.generate(small)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
  });

  it("a connection reset in the middle of the body", async () => {
    const err = await sdkWithFault("reset")
      .images.generate(small)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(OpenAI.APIError);
    // Seen from fetch directly: the headers arrived (200), then the body failed.
    const res = await fetch(`${server.url}/images/generations`, {
      method: "POST",
      headers: { authorization: "Bearer k", "content-type": "application/json", "x-images-fault": "reset" },
      body: JSON.stringify(small),
    });
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
  });

  it("a stream cut before the completed event", async () => {
    const stream = await sdkWithFault("stream-cut").images.generate(streamReq);
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    expect(types).toEqual(["image_generation.partial_image", "image_generation.partial_image"]);
    const early = await sdkWithFault("stream-cut; after=1").images.generate(streamReq);
    const earlyTypes: string[] = [];
    for await (const event of early) earlyTypes.push(event.type);
    expect(earlyTypes).toEqual(["image_generation.partial_image"]);
  });

  it("an error event in the middle of a stream", async () => {
    const stream = await sdkWithFault("stream-error; after=1; code=image_generation_failed").images.generate(
      streamReq,
    );
    const types: string[] = [];
    const err = await (async () => {
      for await (const event of stream) types.push(event.type);
    })().catch((e: unknown) => e);
    expect(types).toEqual(["image_generation.partial_image"]);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect((err as InstanceType<typeof OpenAI.APIError>).code).toBe("image_generation_failed");
  });

  it("frames the error event as `event: error` with the API's error object", async () => {
    const res = await fetch(`${server.url}/images/generations`, {
      method: "POST",
      headers: {
        authorization: "Bearer k",
        "content-type": "application/json",
        "x-images-fault": "stream-error",
      },
      body: JSON.stringify(streamReq),
    });
    const events = parseSse(await res.text());
    expect(events.map((e) => e.event)).toEqual([
      "image_generation.partial_image",
      "image_generation.partial_image",
      "error",
    ]);
    expect(events[2]?.data).toMatchObject({
      type: "error",
      error: { type: "server_error", code: "server_error", message: expect.any(String) },
    });
  });
});

describe("server-wide faults", () => {
  it("from the options, for the first N requests", async () => {
    const s = await startImagesServer({ retired: "serve", faults: "503; times=1" });
    try {
      const client = new OpenAI({ apiKey: "k", baseURL: s.url, maxRetries: 0 });
      await expect(client.images.generate(small)).rejects.toBeInstanceOf(OpenAI.InternalServerError);
      expect((await client.images.generate(small)).data).toHaveLength(1);
    } finally {
      await s.close();
    }
  });

  it("injected at run time", async () => {
    server.injectFault("500; retry-after-ms=1", { times: 1 });
    const client = new OpenAI({ apiKey: "k", baseURL: server.url, maxRetries: 1 });
    const res = await client.images.generate(small);
    expect(res.data).toHaveLength(1);
    expect(server.requests.slice(-2).map((r) => r.status)).toEqual([500, 200]);
  });
});

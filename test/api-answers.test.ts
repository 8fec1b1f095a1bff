/**
 * The evidence table and the error catalogue derived from it: every entry the local server can
 * reproduce is answered by `firstRefusal()` exactly as quoted (status, type, code, param, and the
 * message: equal where the quote is whole, contained where it is a fragment).
 */
import { describe, expect, it } from "vitest";
import { type AnswerRequest, API_ANSWERS, type ApiAnswer, UNKNOWN } from "../src/models/api-answers.js";
import { API_ERRORS, type ApiRefusal, firstRefusal, type WireRequest } from "../src/models/api-errors.js";
import { RULE_EVIDENCE } from "../src/models/rules.js";

/** The request as the server would read it, on the replay's model where the entry has one. */
function toWire(request: AnswerRequest, model?: string): WireRequest {
  if (request.json) {
    return { op: request.op, json: model ? { ...request.json, model } : request.json };
  }
  return {
    op: request.op,
    form: (request.form ?? []).map((part) =>
      part.name === "model" && model ? { name: "model", value: model } : part,
    ),
  };
}

// Checks that need the upload's bytes (decoding, dimensions) are the server's; the catalogue gives
// their envelopes, which are held against the quotes here.
const NEEDS_BYTES: Record<string, () => ApiRefusal> = {
  "upload-undecodable": () => API_ERRORS.invalidImageFile(3),
  "mask-size-mismatch": () => API_ERRORS.maskSizeMismatch(),
};

function expectAnswer(entry: ApiAnswer, got: ApiRefusal | undefined) {
  const { answer } = entry;
  if (answer.status === 200) {
    expect(got, entry.id).toBeUndefined();
    return;
  }
  expect(got, entry.id).toBeDefined();
  if (answer.status !== UNKNOWN) expect(got?.status, entry.id).toBe(answer.status);
  if (answer.body === "none") {
    expect(got?.body, entry.id).toBeNull();
    return;
  }
  const error = got?.body?.error;
  for (const field of ["type", "code", "param"] as const) {
    if (answer[field] !== UNKNOWN && answer[field] !== undefined) {
      expect(error?.[field], `${entry.id}: ${field}`).toBe(answer[field]);
    }
  }
  if (answer.message !== undefined && answer.message !== UNKNOWN) {
    if (answer.messageWhole) expect(error?.message, entry.id).toBe(answer.message);
    else expect(error?.message, entry.id).toContain(answer.message);
  }
}

const reproducible = API_ANSWERS.filter((e) => e.notReproducible === undefined || e.replay !== undefined);

describe("the evidence table", () => {
  it("has unique ids, a source for every entry and a reason for every entry it cannot reproduce", () => {
    const ids = API_ANSWERS.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const entry of API_ANSWERS) {
      expect(entry.sources.length, entry.id).toBeGreaterThan(0);
      for (const source of entry.sources) expect(source.date, entry.id).toMatch(/^\d{4}(-\d\d){0,2}$/);
      if (entry.conflictsWithDocs) expect(entry.notReproducible, entry.id).toMatch(/documentation/);
      if (entry.answer.status !== 200) expect(entry.cause, entry.id).toBeDefined();
    }
  });

  it("every rule that follows the API's answers cites entries that exist", () => {
    const ids = new Set(API_ANSWERS.map((e) => e.id));
    for (const [rule, cited] of Object.entries(RULE_EVIDENCE)) {
      for (const id of cited) expect(ids.has(id), `${rule} cites ${id}`).toBe(true);
    }
  });
});

describe("firstRefusal answers every reproducible entry as quoted", () => {
  it.each(reproducible.map((entry) => [entry.id, entry] as const))("%s", (_id, entry) => {
    const make = NEEDS_BYTES[entry.id];
    expectAnswer(entry, make ? make() : firstRefusal(toWire(entry.request, entry.replay?.model)));
  });

  it("covers at least 60 reproducible entries", () => {
    expect(reproducible.length).toBeGreaterThanOrEqual(60);
  });
});

describe('firstRefusal with retired: "serve"', () => {
  it("judges dall-e-2 by its rules, defaults a missing model and serves variations", () => {
    const serve = { retired: "serve" } as const;
    expect(
      firstRefusal({ op: "generate", json: { model: "dall-e-2", prompt: "otter" } }, serve),
    ).toBeUndefined();
    expect(
      firstRefusal({ op: "generate", json: { model: "dall-e-3", prompt: "otter", n: 2 } }, serve)?.body
        ?.error,
    ).toMatchObject({ param: "n", code: "integer_above_max_value" });
    expect(firstRefusal({ op: "generate", json: { prompt: "otter" } }, serve)).toBeUndefined();
    expect(
      firstRefusal(
        {
          op: "variation",
          form: [
            { name: "model", value: "dall-e-2" },
            { name: "image", file: { contentType: "image/png" } },
          ],
        },
        serve,
      ),
    ).toBeUndefined();
    // Names no table row knows pass through to the server's own handling.
    expect(
      firstRefusal({ op: "generate", json: { model: "flux-dev", prompt: "otter" } }, serve),
    ).toBeUndefined();
  });

  it("still refuses what the current models refuse", () => {
    const got = firstRefusal(
      { op: "generate", json: { model: "gpt-image-2", prompt: "otter", size: "800x800" } },
      { retired: "serve" },
    );
    expect(got?.body?.error.code).toBe("invalid_value");
  });
});

describe("the catalogue's envelopes", () => {
  it("fill placeholders the API's way", () => {
    expect(
      API_ERRORS.invalidValue("quality", "ultra", ["low", "medium", "high", "auto"]).body?.error.message,
    ).toBe("Invalid value: 'ultra'. Supported values are: 'low', 'medium', 'high', and 'auto'.");
    expect(API_ERRORS.integerBelowMin("n", 1, 0).body?.error.message).toBe(
      "Invalid 'n': integer below minimum value. Expected a value >= 1, but got 0 instead.",
    );
    expect(API_ERRORS.unknownParameter("response_format").body?.error).toEqual({
      message: "Unknown parameter: 'response_format'.",
      type: "invalid_request_error",
      param: "response_format",
      code: "unknown_parameter",
    });
    expect(API_ERRORS.modelDoesNotExist("dall-e-2").body?.error).toEqual({
      message: "The model 'dall-e-2' does not exist.",
      type: "image_generation_user_error",
      param: "model",
      code: "invalid_value",
    });
  });

  it("give fault injection the quoted moderation and rate-limit envelopes", () => {
    const blocked = API_ERRORS.moderationBlocked("req_1");
    expect(blocked.status).toBe(400);
    expect(blocked.body?.error).toMatchObject({
      type: "image_generation_user_error",
      code: "moderation_blocked",
      param: null,
    });
    const moderation = API_ANSWERS.find((e) => e.id === "moderation-blocked");
    expect(API_ERRORS.moderationBlocked("1d3a2c41-754a-4707-a0c9-f811d72d45b5").body?.error.message).toBe(
      moderation?.answer.message,
    );
    const limited = API_ERRORS.rateLimited("gpt-image-2");
    const quotedLimit = API_ANSWERS.find((e) => e.id === "rate-limit");
    expect(limited.status).toBe(429);
    expect(limited.body?.error.message).toBe(quotedLimit?.answer.message);
    expect(limited.body?.error.code).toBe(quotedLimit?.answer.code);
    const quota = API_ANSWERS.find((e) => e.id === "insufficient-quota");
    expect(API_ERRORS.insufficientQuota().body?.error).toMatchObject({
      message: quota?.answer.message,
      code: quota?.answer.code,
      type: quota?.answer.type,
    });
  });
});

/**
 * Mock mode (`startImagesServer({ mode: "mock" })`): the same pipeline as the API-faithful default,
 * with the mock's policy. Each case sends the same request to both servers, so a test fails when the
 * modes stop differing where they should (or start differing where they should not).
 */
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMAND_OPTIONS, HELP, serveMode } from "../src/cli/args.js";
import { API_ERRORS } from "../src/models/api-errors.js";
import { PLACEHOLDER_SIDE } from "../src/server/images/placeholder.js";
import { type ImagesServer, SERVER_MODES, type ServerMode, startImagesServer } from "../src/server/index.js";
import { mockPolicy, serverPolicy } from "../src/server/policy.js";
import { b64, parseSse, solidPng } from "./server-helpers.js";
import { allowSpecViolations } from "./support/contract-setup.js";

const servers = {} as Record<ServerMode, ImagesServer>;
beforeAll(async () => {
  servers.api = await startImagesServer();
  servers.mock = await startImagesServer({ mode: "mock" });
});
afterAll(async () => {
  for (const server of Object.values(servers)) {
    expect(server.specViolations).toEqual([]);
    await server.close();
  }
});

const auth = { authorization: "Bearer test" };
// Answers are read field by field; the server checks their shapes against the spec as they leave.
// biome-ignore lint/suspicious/noExplicitAny: JSON answers, read by path in assertions.
type Json = Record<string, any>;
/** The server's origin without `/v1`, as the SDKs' generated tests reach it. */
const origin = (mode: ServerMode) => servers[mode].url.replace(/\/v1$/, "");

async function send(mode: ServerMode, method: string, path: string, body?: FormData | object) {
  const res = await fetch(`${origin(mode)}${path}`, {
    method,
    headers:
      body === undefined || body instanceof FormData ? auth : { ...auth, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: body instanceof FormData ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return {
    status: res.status,
    contentType: res.headers.get("content-type") ?? "",
    text,
    json: json as Json,
  };
}

/**
 * A multipart edit whose `image` (and `mask`) are the given bytes, labelled application/octet-stream
 * as the SDKs' generated tests send them, or with the label given.
 */
function editForm(
  fields: Record<string, string>,
  uploads: Record<string, Uint8Array<ArrayBuffer>>,
  type = "application/octet-stream",
): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const [name, bytes] of Object.entries(uploads)) {
    form.append(name, new Blob([bytes], { type }), "README.md");
  }
  return form;
}
const placeholderBytes = new Uint8Array(Buffer.from("Example data"));

describe("the policy", () => {
  it("is declared once: the mode table, the policies and the option agree", () => {
    expect(Object.keys(SERVER_MODES)).toEqual(["api", "mock"]);
    expect(serverPolicy({}).name).toBe("api");
    expect(serverPolicy({ mode: "mock" })).toEqual(mockPolicy());
    expect(serverPolicy({ retired: "refuse" })).toMatchObject({ name: "api", retired: "refuse" });
  });

  it("serve's mode flags are the modes but the default, each with its declared help", () => {
    const flagged = (Object.keys(SERVER_MODES) as ServerMode[]).filter((m) => !SERVER_MODES[m].default);
    expect(flagged).toEqual(["mock"]);
    for (const mode of flagged) {
      expect(COMMAND_OPTIONS.serve[mode]).toEqual({ type: "boolean" });
      expect(HELP.serve.replace(/\s+/g, " ")).toContain(`--${mode} ${SERVER_MODES[mode].help}`);
      expect(serveMode({ [mode]: true })).toBe(mode);
    }
    expect(serveMode({})).toBeUndefined();
  });

  it("refuses an unknown mode and a mock that refuses retired models (a model rule)", async () => {
    await expect(startImagesServer({ mode: "prism" as ServerMode })).rejects.toThrow(
      /mode must be one of api, mock/,
    );
    await expect(startImagesServer({ mode: "mock", retired: "refuse" })).rejects.toThrow(TypeError);
  });
});

describe("images: the spec alone checks a request", () => {
  it("placeholder upload bytes: the API refuses them; the mock edits its placeholder image", async () => {
    const form = () =>
      editForm({ prompt: "add a hat", model: "gpt-image-2", size: "256x256" }, { image: placeholderBytes });
    // The API judges the part's label before its bytes (an octet-stream label is refused as such):
    // labelled as an image, within the pixel budget, the bytes themselves are refused.
    const api = await send(
      "api",
      "POST",
      "/images/edits",
      editForm(
        { prompt: "add a hat", model: "gpt-image-2", size: "1024x1024" },
        { image: placeholderBytes },
        "image/png",
      ),
    );
    // The API's own envelope for it, from the error catalogue (type, empty param, wording).
    expect([api.status, api.json]).toEqual([400, API_ERRORS.invalidImageFile(1).body]);

    const mock = await send("mock", "POST", "/images/edits", form());
    expect(mock.status).toBe(200);
    const picture = await sharp(b64(mock.json.data[0].b64_json)).metadata();
    expect([picture.format, picture.width, picture.height]).toEqual(["png", 256, 256]);
    // The placeholder counts as the input image it stands for: 512×512 is one 512-px tile.
    expect(mock.json.usage.input_tokens_details.image_tokens).toBe(65 + 129);
    expect(PLACEHOLDER_SIDE).toBe(512);
  });

  it("a placeholder mask and markup too, and an image whose header reads but whose pixels do not", async () => {
    const png = new Uint8Array(await solidPng(64, 64, { r: 200, g: 80, b: 40 }));
    const truncated = png.slice(0, 60);
    for (const uploads of [
      { image: png, mask: placeholderBytes },
      { image: png, markup: placeholderBytes },
      { image: truncated },
    ]) {
      const form = () => editForm({ prompt: "dusk", model: "gpt-image-2.5-flare", size: "128x128" }, uploads);
      expect((await send("api", "POST", "/images/edits", form())).status, Object.keys(uploads).join()).toBe(
        400,
      );
      const mock = await send("mock", "POST", "/images/edits", form());
      expect(mock.status, Object.keys(uploads).join()).toBe(200);
      expect((await sharp(b64(mock.json.data[0].b64_json)).metadata()).width).toBe(128);
    }
  });

  it("an image over maxInputPixels is never decoded: the API's mode refuses it, the mock uses the placeholder", async () => {
    const small = { maxInputPixels: 100_000 };
    // 1100×300 is two 512-px tiles (after fitting into 1024×1024); the placeholder is one.
    const png = new Uint8Array(await solidPng(1100, 300, { r: 10, g: 200, b: 90 }));
    const form = () => editForm({ prompt: "otter", model: "gpt-image-2", size: "256x256" }, { image: png });
    // For the API's mode: labelled as an image, within the pixel budget (it judges both before the bytes).
    const apiForm = editForm(
      { prompt: "otter", model: "gpt-image-2", size: "1024x1024" },
      { image: png },
      "image/png",
    );
    const api = await startImagesServer(small);
    const mock = await startImagesServer({ ...small, mode: "mock" });
    try {
      const refused = await fetch(`${api.url}/images/edits`, {
        method: "POST",
        headers: auth,
        body: apiForm,
      });
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as Json).error.code).toBe("image_too_large");
      const served = await fetch(`${mock.url}/images/edits`, { method: "POST", headers: auth, body: form() });
      expect(served.status).toBe(200);
      // Drawn from the 512×512 placeholder: its one tile, not the upload's two.
      expect(((await served.json()) as Json).usage.input_tokens_details.image_tokens).toBe(65 + 129);
    } finally {
      await Promise.all([api.close(), mock.close()]);
    }
  });

  it("a JSON edit naming a file the server does not hold, and a remote URL it never fetches", async () => {
    const body = {
      model: "gpt-image-2",
      prompt: "otter",
      size: "256x256",
      images: [{ file_id: "file-abc" }, { image_url: "https://example.com/otter.png" }],
    };
    expect((await send("api", "POST", "/images/edits", body)).status).toBe(400);
    const mock = await send("mock", "POST", "/images/edits", body);
    expect(mock.status).toBe(200);
    expect(mock.json.data).toHaveLength(1);
  });

  it("no model rules: what the spec allows and the rules refuse is a success", async () => {
    // response_format and style are DALL·E parameters; output_compression with PNG; all in the spec.
    const body = {
      model: "gpt-image-2",
      prompt: "A cute baby sea otter",
      response_format: "url",
      style: "vivid",
      output_compression: 100,
      output_format: "png",
      size: "auto",
    };
    const api = await send("api", "POST", "/images/generations", body);
    expect(api.status).toBe(400);
    const mock = await send("mock", "POST", "/images/generations", body);
    expect(mock.status).toBe(200);
    const url = mock.json.data[0].url as string;
    expect(url.startsWith(`${origin("mock")}/files/`)).toBe(true);
    const image = await fetch(url);
    expect([image.status, image.headers.get("content-type")]).toEqual([200, "image/png"]);
  });

  it("retired models and the retired variations endpoint are served", async () => {
    const form = editForm(
      { model: "dall-e-2", response_format: "url", size: "256x256" },
      { image: placeholderBytes },
    );
    const mock = await send("mock", "POST", "/images/variations", form);
    expect(mock.status).toBe(200);
    expect(typeof mock.json.data[0].url).toBe("string");
  });

  it("stream: true is a real event stream: partial images, then the completed event", async () => {
    const form = editForm(
      {
        model: "gpt-image-2",
        prompt: "otter",
        stream: "true",
        partial_images: "1",
        size: "256x256",
        response_format: "url",
      },
      { image: placeholderBytes },
    );
    const mock = await send("mock", "POST", "/images/edits", form);
    expect(mock.status).toBe(200);
    expect(mock.contentType).toMatch(/^text\/event-stream/);
    expect(parseSse(mock.text).map((e) => e.event)).toEqual([
      "image_edit.partial_image",
      "image_edit.completed",
    ]);
  });

  it("a request that breaks the spec is still a 400 in the API's envelope", async () => {
    allowSpecViolations("requests that break the spec, sent to see them refused");
    for (const [path, body] of [
      ["/images/generations", { model: "gpt-image-2" }],
      ["/images/generations", { prompt: "otter", n: "two" }],
      ["/images/generations", { prompt: "otter", quality: "ultra" }],
    ] as const) {
      const mock = await send("mock", "POST", path, body);
      expect(mock.status, JSON.stringify(body)).toBe(400);
      expect(mock.json.error).toMatchObject({ type: "invalid_request_error", message: expect.any(String) });
    }
    const noImage = await send("mock", "POST", "/images/edits", editForm({ prompt: "otter" }, {}));
    expect(noImage.status).toBe(400);
    expect(noImage.json.error.param).toBe("image");
  });

  it("an unknown path is still a 404, with and without /v1", async () => {
    for (const path of ["/_stainless_unknown_path", "/v1/_stainless_unknown_path"]) {
      expect((await send("mock", "GET", path)).status).toBe(404);
    }
  });
});

describe("files and batches: unknown ids get synthetic objects", () => {
  it("files: retrieve, content and delete answer for any id; the API's mode says 404", async () => {
    for (const [method, path] of [
      ["GET", "/files/file_id"],
      ["GET", "/files/file_id/content"],
      ["DELETE", "/files/file_id"],
    ] as const) {
      expect((await send("api", method, path)).status, path).toBe(404);
      expect((await send("mock", method, `/v1${path}`)).status, path).toBe(200);
    }
    expect((await send("mock", "GET", "/files/file_id")).json).toMatchObject({
      id: "file_id",
      object: "file",
      bytes: 0,
      status: "processed",
    });
    expect((await send("mock", "GET", "/files/string/content")).text).toBe("");
    expect((await send("mock", "DELETE", "/files/string")).json).toEqual({
      id: "string",
      object: "file",
      deleted: true,
    });
  });

  it("a stored file is still itself: uploaded bytes come back, and deleting it removes it", async () => {
    const form = new FormData();
    form.append("purpose", "assistants");
    form.append("file", new Blob(["raw file contents"]), "notes.txt");
    const created = await send("mock", "POST", "/files", form);
    expect(created.status).toBe(200);
    const id = created.json.id as string;
    expect((await send("mock", "GET", `/files/${id}/content`)).text).toBe("raw file contents");
    expect((await send("mock", "GET", `/files/${id}`)).json).toMatchObject({
      filename: "notes.txt",
      bytes: 17,
    });
    await send("mock", "DELETE", `/files/${id}`);
    // Gone: now it is an unknown id like any other, answered by a synthetic (empty) file.
    expect((await send("mock", "GET", `/files/${id}`)).json).toMatchObject({ bytes: 0 });
  });

  it("batches: retrieve and cancel answer for any id", async () => {
    for (const [method, path] of [
      ["GET", "/batches/batch_id"],
      ["POST", "/batches/batch_id/cancel"],
    ] as const) {
      expect((await send("api", method, path)).status, path).toBe(404);
    }
    expect((await send("mock", "GET", "/batches/batch_id")).json).toMatchObject({
      id: "batch_id",
      object: "batch",
      status: "completed",
    });
    expect((await send("mock", "POST", "/batches/batch_id/cancel")).json).toMatchObject({
      id: "batch_id",
      status: "cancelling",
    });
  });

  it("a batch over a file the server does not hold is created (no requests) and completes", async () => {
    const body = {
      input_file_id: "input_file_id",
      endpoint: "/v1/responses",
      completion_window: "24h",
      metadata: { foo: "string" },
    };
    expect((await send("api", "POST", "/batches", body)).status).toBe(400);
    const created = await send("mock", "POST", "/batches", body);
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({ ...body, object: "batch" });
    let batch = created.json;
    for (let i = 0; i < 50 && batch.status !== "completed"; i++) {
      batch = (await send("mock", "GET", `/batches/${created.json.id}`)).json;
    }
    expect(batch).toMatchObject({
      status: "completed",
      request_counts: { total: 0, completed: 0, failed: 0 },
    });
    // A real batch is listed; a synthetic one never is.
    const listed = (await send("mock", "GET", "/batches?limit=100")).json;
    expect(listed.data.map((b: { id: string }) => b.id)).toEqual([created.json.id]);
  });

  it("list limit: the schema allows any integer; the mock clamps it into the described range, the API's mode refuses", async () => {
    for (const path of ["/files?limit=0", "/batches?limit=0", "/files?limit=20000", "/batches?limit=101"]) {
      expect((await send("api", "GET", path)).status, path).toBe(400);
      const mock = await send("mock", "GET", path);
      expect(mock.status, path).toBe(200);
      expect(mock.json.object).toBe("list");
    }
    // Not an integer breaks the schema itself: a 400 in both modes.
    for (const mode of ["api", "mock"] as const) {
      expect((await send(mode, "GET", "/files?limit=ten")).status).toBe(400);
      expect((await send(mode, "GET", "/files?order=up")).status).toBe(400);
    }
  });
});

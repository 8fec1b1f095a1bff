/**
 * What the official SDK puts on the wire for the three usual ways to hand it an upload, and how the
 * local server (default options: OpenAI's API of today) answers exactly those bytes. openai@6.49 runs
 * here on Node 20; openai@7.59 (`openai-v7`, which needs Node 22) runs in a child with
 * `npx -p node@22`. Each request is recorded byte for byte, then replayed to the server.
 *
 * The API trusts an upload part's Content-Type, not its filename or bytes: a part labelled
 * `application/octet-stream` is `400 unsupported_file_mimetype` (openai/openai-node#1468).
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import OpenAI, { toFile } from "openai";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleForNode22 } from "../scripts/node22-child.js";
import { API_ERRORS } from "../src/models/api-errors.js";
import { type ImagesServer, startImagesServer } from "../src/server/index.js";
import {
  type RecordedRequest,
  type RecordingServer,
  startRecordingServer,
} from "./support/recording-server.js";
import { EDIT, type ToFile, UPLOAD_FORMS, type UploadForm } from "./support/sdk-uploads.js";

const run = promisify(execFile);
const root = resolve(import.meta.dirname, "..");
const FORMS = Object.keys(UPLOAD_FORMS) as UploadForm[];

let server: ImagesServer;
let recorder: RecordingServer;
let dir: string;

/** Per SDK and form: the image part's Content-Type as sent (`null`: none), and the server's answer. */
const seen: Record<string, { contentType: string | null; status: number; error: unknown }> = {};

async function replay(request: RecordedRequest) {
  const res = await fetch(`${server.url}/images/edits`, {
    method: "POST",
    headers: {
      authorization: "Bearer test",
      "content-type": String(request.headers["content-type"]),
    },
    body: new Uint8Array(request.body),
  });
  const text = await res.text();
  return { status: res.status, error: res.ok ? null : (JSON.parse(text) as { error: unknown }).error };
}

async function record(sdk: string, requests: RecordedRequest[]) {
  expect(requests).toHaveLength(FORMS.length);
  for (const [i, form] of FORMS.entries()) {
    const request = requests[i] as RecordedRequest;
    const image = request.parts?.find((p) => p.name === "image");
    expect(image, `${sdk} ${form}: an image part`).toBeDefined();
    seen[`${sdk}: ${form}`] = {
      contentType: image?.headers["content-type"] ?? null,
      ...(await replay(request)),
    };
  }
}

/** Runs the openai@7.59 child on Node 22 against the recording server. */
async function runV7(path: string): Promise<void> {
  const outfile = await bundleForNode22("test/support/sdk-uploads.child.ts", "openai-images-sdk-uploads");
  try {
    const { stdout } = await run("npx", ["-y", "-p", "node@22", "node", outfile, recorder.baseUrl, path], {
      cwd: root,
      timeout: 180_000,
    });
    expect(stdout).toMatch(/"node":"22\./);
  } finally {
    await rm(dirname(outfile), { recursive: true, force: true });
  }
}

beforeAll(async () => {
  server = await startImagesServer();
  recorder = await startRecordingServer();
  dir = await mkdtemp(join(tmpdir(), "openai-images-sdk-uploads-"));
  const path = join(dir, "otter.png");
  const bytes = await sharp({ create: { width: 64, height: 64, channels: 4, background: "#3a7" } })
    .png()
    .toBuffer();
  await writeFile(path, bytes);

  const v6 = new OpenAI({ apiKey: "test", baseURL: recorder.baseUrl, maxRetries: 0 });
  for (const form of FORMS) {
    const image = await UPLOAD_FORMS[form](toFile as unknown as ToFile, path, bytes);
    await v6.images.edit({ ...EDIT, image: image as never });
  }
  await record("openai@6.49 (Node 20)", recorder.requests.splice(0));
  await runV7(path);
  await record("openai@7.59 (Node 22)", recorder.requests.splice(0));
}, 240_000);

afterAll(async () => {
  await Promise.all([server?.close(), recorder?.close()]);
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("official SDK uploads on the wire, answered as OpenAI's API answers them", () => {
  it("records the image part's Content-Type each SDK sends for each upload form", () => {
    expect(
      Object.fromEntries(Object.entries(seen).map(([k, v]) => [k, v.contentType])),
    ).toMatchInlineSnapshot(`
      {
        "openai@6.49 (Node 20): fs.createReadStream(path)": "application/octet-stream",
        "openai@6.49 (Node 20): toFile(buffer, "x.png")": "application/octet-stream",
        "openai@6.49 (Node 20): toFile(buffer, "x.png", { type: "image/png" })": "image/png",
        "openai@7.59 (Node 22): fs.createReadStream(path)": "application/octet-stream",
        "openai@7.59 (Node 22): toFile(buffer, "x.png")": "application/octet-stream",
        "openai@7.59 (Node 22): toFile(buffer, "x.png", { type: "image/png" })": "image/png",
      }
    `);
  });

  it("answers each exactly as the API judges its label", () => {
    for (const [call, { contentType, status, error }] of Object.entries(seen)) {
      if (contentType === "image/png") {
        expect({ call, status }).toEqual({ call, status: 200 });
      } else {
        const expected =
          contentType === null
            ? API_ERRORS.missingMimetype("image")
            : API_ERRORS.unsupportedMimetype("image", contentType, ["image/jpeg", "image/png", "image/webp"]);
        expect({ call, status, error }).toEqual({
          call,
          status: expected.status,
          error: expected.body?.error,
        });
      }
    }
  });
});

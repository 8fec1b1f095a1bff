/**
 * The main entry in a real browser: headless Chromium (Debian's `chromium`, driven by playwright-core,
 * which never downloads a browser of its own) loads a page from one origin that imports the bundled
 * main entry, exactly as `npm run build` writes it, and calls the local server on another origin
 * with CORS on: generate, a streamed generate with partial images, an edit of a file picked in an
 * `<input type="file">`, and a URL image. The page decodes every image; this test checks the sizes
 * and pixels it reports, and what the server saw.
 *
 * Runs with `npm run test:browser` (CI installs Chromium first); CHROMIUM_PATH overrides the browser.
 */
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build, transform } from "esbuild";
import { type Browser, chromium } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { entryOptions } from "../../scripts/build.js";
import { type ImagesServer, startImagesServer } from "../../src/server/index.js";
import type { PageReport } from "./page.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** The page: an import map in place of a bundler, the file input, and the page script. */
const HTML = `<!doctype html>
<meta charset="utf-8">
<title>openai-images in a browser</title>
<script type="importmap">
{ "imports": {
  "/src/index.js": "/openai-images.js",
  "openapi-fetch": "/modules/openapi-fetch.js",
  "eventsource-parser": "/modules/eventsource-parser.js"
} }
</script>
<input type="file" id="upload" accept="image/*">
<script type="module" src="/page.js"></script>`;

let api: ImagesServer;
let site: Server;
let siteUrl: string;
let browser: Browser;
let work: string;

/** Serves the page, the bundled main entry and its two dependencies, each as the browser asks. */
async function startSite(files: Record<string, () => string>): Promise<Server> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const body = files[path];
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    const type = path.endsWith(".js") ? "text/javascript" : "text/html";
    res.writeHead(200, { "content-type": `${type}; charset=utf-8` }).end(body());
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  return server;
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH).`);
  }
  work = await mkdtemp(join(tmpdir(), "openai-images-browser-"));
  // The main entry as published: the build's own esbuild options, written to a scratch folder.
  await build({ ...entryOptions("index", work), logLevel: "error" });
  const page = await transform(readFileSync(join(import.meta.dirname, "page.ts"), "utf8"), {
    loader: "ts",
    format: "esm",
    target: "es2022",
  });
  const dependency = (name: string) => fileURLToPath(import.meta.resolve(name));
  site = await startSite({
    "/": () => HTML,
    "/page.js": () => page.code,
    "/openai-images.js": () => readFileSync(join(work, "index.js"), "utf8"),
    "/modules/openapi-fetch.js": () => readFileSync(dependency("openapi-fetch"), "utf8"),
    "/modules/eventsource-parser.js": () => readFileSync(dependency("eventsource-parser"), "utf8"),
  });
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/`;
  api = await startImagesServer({ cors: true, retired: "serve" });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Nothing but loopback is reachable here: no background traffic, no sandbox as root, no GPU.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
  await new Promise((ok) => site?.close(ok));
  if (work) await rm(work, { recursive: true, force: true });
});

describe("the bundled main entry in headless Chromium, against the local server with CORS", () => {
  it("generates, streams partials and edits a picked file; the browser decodes every image", async () => {
    // A fresh context is a fresh profile: nothing cached from an earlier run.
    const context = await browser.newContext();
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (err) => pageErrors.push(err.message));
    await page.goto(siteUrl);
    await page.waitForFunction(() => typeof window.runImagesCheck === "function");

    const upload = await sharp({
      create: { width: 640, height: 480, channels: 4, background: { r: 30, g: 120, b: 200, alpha: 1 } },
    })
      .png()
      .toBuffer();
    // What a user's file picker hands the page: a File named by the user, typed by the browser.
    await page.setInputFiles("#upload", { name: "holiday photo.png", mimeType: "image/png", buffer: upload });

    const report: PageReport = await page.evaluate((url) => window.runImagesCheck(url), api.url);
    await context.close();

    expect(pageErrors).toEqual([]);
    expect(new URL(report.origin).port).not.toBe(String(api.port)); // really cross-origin
    expect(report.generated).toMatchObject({ width: 1024, height: 1024 });
    expect(report.partials.map((p) => [p.width, p.height])).toEqual([
      [1536, 1024],
      [1536, 1024],
    ]);
    expect(report.streamed).toMatchObject({ width: 1536, height: 1024 });
    expect(report.edited).toMatchObject({ width: 1024, height: 1536 });
    expect(report.editedFrom).toEqual({ name: "holiday photo.png", type: "image/png", size: upload.length });
    expect(report.urlImage).toMatchObject({ width: 256, height: 256 });
    // Real pictures, not empty canvases: every centre pixel is opaque.
    for (const image of [
      report.generated,
      ...report.partials,
      report.streamed,
      report.edited,
      report.urlImage,
    ]) {
      expect(image.centre[3]).toBe(255);
    }
    expect(report.refusedBeforeSending).toBe(true);

    // The server saw the four API calls (preflights are answered before it records anything) and
    // the image URL, and found nothing in its own answers that the spec forbids.
    expect(api.requests.filter((r) => r.method === "POST").map((r) => [r.path, r.status])).toEqual([
      ["/v1/images/generations", 200],
      ["/v1/images/generations", 200],
      ["/v1/images/edits", 200],
      ["/v1/images/generations", 200],
    ]);
    expect(api.specViolations).toEqual([]);
  }, 60_000);
});

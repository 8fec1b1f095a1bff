/**
 * The published Node entries share one copy of each error class: `openai-images/batch` and the CLI
 * import them from `dist/node.js` instead of inlining their own, so an error thrown by the batch
 * runner's Files/Batches calls is `instanceof` the class a Node app imports. Built with the build's
 * own esbuild options into a scratch folder inside the repository (so npm packages resolve).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EntryName, entryOptions } from "../scripts/build.js";
import { json, useLoopback } from "./loopback.fixtures.js";

const root = join(import.meta.dirname, "..");
let work: string;

beforeAll(async () => {
  work = mkdtempSync(join(root, "node_modules", ".entries-identity-"));
  for (const name of ["node", "batch", "cli"] as const satisfies readonly EntryName[]) {
    await build({ ...entryOptions(name, work), sourcemap: false, logLevel: "error" });
  }
}, 60_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("one error class across the Node entries", () => {
  const loopback = useLoopback();

  it("only node.js defines the error classes; batch.js and cli.js import them", () => {
    const defines = (name: string) =>
      /name\s*=\s*"ImagesAPIError"/.test(readFileSync(join(work, `${name}.js`), "utf8"));
    expect(["node", "batch", "cli"].filter(defines)).toEqual(["node"]);
  });

  it("an API error from the batch runner's Files client is instanceof the Node entry's classes", async () => {
    loopback.handle((_req, res) =>
      json(res, 401, { error: { message: "Incorrect API key provided", type: "invalid_request_error" } }),
    );
    const node = (await import(
      pathToFileURL(join(work, "node.js")).href
    )) as typeof import("../src/node/index.js");
    const batch = (await import(
      pathToFileURL(join(work, "batch.js")).href
    )) as typeof import("../src/batch/index.js");
    const api = batch.createFilesBatchesClient({
      apiKey: "sk-test",
      baseUrl: loopback.baseUrl,
      maxRetries: 0,
    });
    const err = await api.retrieveBatch("batch_1").then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(node.ImagesAPIError);
    expect(err).toBeInstanceOf(node.ImagesError);
    expect((err as InstanceType<typeof node.ImagesAPIError>).status).toBe(401);
  });
});

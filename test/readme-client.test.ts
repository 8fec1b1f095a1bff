/**
 * Runs every TypeScript example of the README's client section against the local Images server, so the
 * README cannot drift from the code. Only what would leave this machine is rewritten: package imports
 * point at `src/` (as Node resolves them), file names at a temp dir, the Azure endpoint and remote image references at loopback
 * equivalents.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImagesClient } from "../src/index.js";
import { type ImagesServer, startImagesServer } from "../src/server/index.js";

const ROOT = resolve(import.meta.dirname, "..");
const readme = await readFile(join(ROOT, "README.md"), "utf8");
const section = readme.slice(
  readme.indexOf("<!-- section: client -->"),
  readme.indexOf("<!-- /section: client -->"),
);
const blocks = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? "");

let server: ImagesServer;
let dir: string;
const savedEnv = { ...process.env };

beforeAll(async () => {
  server = await startImagesServer({ retired: "serve" });
  dir = await mkdtemp(join(tmpdir(), "openai-images-readme-"));
  const square = (alpha: number) =>
    sharp({ create: { width: 64, height: 64, channels: 4, background: { r: 90, g: 60, b: 30, alpha } } })
      .png()
      .toBuffer();
  await writeFile(join(dir, "otter.png"), await square(1));
  await writeFile(join(dir, "hat.png"), await square(1));
  await writeFile(join(dir, "mask.png"), await square(0));
  process.env.OPENAI_API_KEY = "sk-readme-test";
  process.env.OPENAI_BASE_URL = server.url;
  delete process.env.OPENAI_ORG_ID;
  delete process.env.OPENAI_PROJECT_ID;
});

afterAll(async () => {
  for (const key of ["OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_ORG_ID", "OPENAI_PROJECT_ID"]) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

async function localise(code: string): Promise<string> {
  const dataUrl = `data:image/png;base64,${(await readFile(join(dir, "otter.png"))).toString("base64")}`;
  return (
    code
      .replaceAll('from "openai-images/node"', `from ${JSON.stringify(join(ROOT, "src/node/index.ts"))}`)
      // Under Node the package's exports map resolves "openai-images" to the Node flavour.
      .replaceAll('from "openai-images"', `from ${JSON.stringify(join(ROOT, "src/node/index.ts"))}`)
      // The first example writes otter.png; keep the input fixture of the later examples intact.
      .replace('writeFile("otter.png"', `writeFile(${JSON.stringify(join(dir, "generated.png"))}`)
      .replace(/"(otter|hat|mask)\.png"/g, (_m, name: string) => JSON.stringify(join(dir, `${name}.png`)))
      .replaceAll('"https://api.openai.com/v1"', JSON.stringify(server.url))
      .replaceAll('"https://my-resource.openai.azure.com"', JSON.stringify(server.url.replace(/\/v1$/, "")))
      .replaceAll(
        '{ image_url: "https://example.com/otter.png" }',
        `{ image_url: ${JSON.stringify(dataUrl)} }`,
      )
      .replaceAll('{ file_id: "file-abc123" }', `{ image_url: ${JSON.stringify(dataUrl)} }`)
  );
}

describe("README client examples", () => {
  it("has the examples this test expects", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(8);
  });

  /** The calls an example makes that each send at least one request. */
  const CALL = /\bclient\.(generate|edit|createVariation|raw\.(POST|GET))\(/g;

  it.each(
    blocks.map((code, i) => [
      i + 1,
      code.split("\n").find((l) => l.includes("await client.")) ?? code.split("\n")[0],
      code,
    ]),
  )("example %i runs and sends its requests: %s", async (i, _title, code) => {
    const file = join(dir, `example-${i}.ts`);
    const source = code as string;
    // A configuration-only example exports its client, and the test sends one request with it: the
    // configuration must work against the server too, and no example passes by sending nothing.
    const exportsClient = /\bconst client\b/.test(source);
    await writeFile(
      file,
      `${await localise(source)}\n${exportsClient ? "export { client };" : "export {};"}\n`,
    );
    const before = server.requests.length;
    const mod = (await import(file)) as { client?: ImagesClient };
    const calls = source.match(CALL)?.length ?? 0;
    if (calls === 0) {
      expect(mod.client, `example ${i} neither sends a request nor creates a client`).toBeDefined();
      await mod.client?.generate({ model: "gpt-image-1.5", prompt: "A cute baby sea otter", quality: "low" });
    }
    const mine = server.requests.slice(before);
    expect(
      mine.length,
      `example ${i} sent ${mine.length} requests for ${Math.max(calls, 1)} calls`,
    ).toBeGreaterThanOrEqual(Math.max(calls, 1));
    expect(mine.filter((r) => r.status >= 400)).toEqual([]);
  });

  it("the first example wrote the generated image", async () => {
    const bytes = await readFile(join(dir, "generated.png"));
    expect(bytes.subarray(1, 4).toString()).toBe("PNG");
  });
});

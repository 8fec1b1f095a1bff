/**
 * openai-images from its universal main entry on the runtime's own `fetch` (on Node, the same undici
 * the SDK uses), so generate and streaming compare the client layers on the same transport. Uploads
 * are what a Node user writes: `createImagesClient` from `"openai-images"` (resolved through the
 * package's exports map to the published Node flavour, whose default transport is the Node one) and
 * `fileFromPath` blobs from `"openai-images/node"`; no transport is chosen by hand.
 */
import { createImagesClient as createPackageClient } from "openai-images";
import { fileFromPath } from "openai-images/node";
import { createImagesClient } from "../../src/index.js";
import { BENCH_API_KEY, type BenchClient, type CreateBenchClient, PROMPT } from "./types.js";

export const create: CreateBenchClient = (baseUrl) => {
  // Retries off on both sides: a benchmark must not hide a failure behind a second attempt.
  const client = createImagesClient({ apiKey: BENCH_API_KEY, baseUrl, maxRetries: 0 });
  return createOursBench(client, baseUrl);
};

/** The same calls for any of our clients; `ours-node` reuses it with the Node entry's client. */
export function createOursBench(client: ReturnType<typeof createImagesClient>, baseUrl: string): BenchClient {
  return {
    async streamGenerate() {
      const stream = await client.generate({
        model: "gpt-image-1.5",
        prompt: PROMPT,
        stream: true,
        partial_images: 3,
      });
      let events = 0;
      for await (const event of stream) {
        if (event.type === "image_generation.partial_image" || event.type === "image_generation.completed") {
          events++;
        }
      }
      return events;
    },
    async generate() {
      const res = await client.generate({ model: "gpt-image-1.5", prompt: PROMPT });
      if (!res.data?.[0]?.b64_json) throw new Error("ours: response without an image");
    },
    async editFromDisk(paths) {
      const uploader = createPackageClient({ apiKey: BENCH_API_KEY, baseUrl, maxRetries: 0 });
      const res = await uploader.edit({
        model: "gpt-image-1.5",
        prompt: PROMPT,
        image: await Promise.all(paths.map((path) => fileFromPath(path))),
      });
      if (!res.data?.[0]?.b64_json) throw new Error("ours: edit response without an image");
    },
  };
}

/**
 * The official `openai` SDK, used as its README shows: `client.images.generate/edit`, `stream: true`,
 * and `fs.createReadStream` for uploads (which v6 encodes lazily as a streaming multipart body).
 */
import { createReadStream } from "node:fs";
import OpenAI from "openai";
import { BENCH_API_KEY, type BenchClient, type CreateBenchClient, PROMPT } from "./types.js";

export const create: CreateBenchClient = (baseUrl) => {
  // Retries off on both sides: a benchmark must not hide a failure behind a second attempt.
  const client = new OpenAI({ apiKey: BENCH_API_KEY, baseURL: baseUrl, maxRetries: 0 });

  const bench: BenchClient = {
    async streamGenerate() {
      const stream = await client.images.generate({
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
      const res = await client.images.generate({ model: "gpt-image-1.5", prompt: PROMPT });
      if (!res.data?.[0]?.b64_json) throw new Error("sdk: response without an image");
    },
    async editFromDisk(paths) {
      const res = await client.images.edit({
        model: "gpt-image-1.5",
        prompt: PROMPT,
        image: paths.map((path) => createReadStream(path)),
      });
      if (!res.data?.[0]?.b64_json) throw new Error("sdk: edit response without an image");
    },
  };
  return bench;
};

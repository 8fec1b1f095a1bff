/**
 * Our side of the bundle-size app: the same three calls as `sdk.ts` (generate, edit, streamed
 * generate), through the main entry. Bundled by `bench/measures/bundle.ts`; never run.
 */
import { createImagesClient } from "../../src/index.js";

export async function app(apiKey: string, image: Blob): Promise<string[]> {
  const client = createImagesClient({ apiKey });
  const out: string[] = [];

  const generated = await client.generate({ model: "gpt-image-1.5", prompt: "a cute baby sea otter" });
  out.push(generated.data?.[0]?.b64_json ?? "");

  const edited = await client.edit({ model: "gpt-image-1.5", prompt: "add a hat", image });
  out.push(edited.data?.[0]?.b64_json ?? "");

  const stream = await client.generate({
    model: "gpt-image-1.5",
    prompt: "a cute baby sea otter",
    stream: true,
    partial_images: 2,
  });
  for await (const event of stream) {
    if (event.type === "image_generation.completed") out.push(event.b64_json);
  }
  return out;
}

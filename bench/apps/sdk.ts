/**
 * The SDK side of the bundle-size app: generate, edit and a streamed generate, nothing else.
 * Bundled by `bench/measures/bundle.ts`; never run.
 */
import OpenAI from "openai";

export async function app(apiKey: string, image: Blob): Promise<string[]> {
  // The browser needs this opt-in flag; it changes nothing in what gets bundled.
  const client = new OpenAI({ apiKey, dangerouslyAllowBrowser: true });
  const out: string[] = [];

  const generated = await client.images.generate({ model: "gpt-image-1.5", prompt: "a cute baby sea otter" });
  out.push(generated.data?.[0]?.b64_json ?? "");

  const edited = await client.images.edit({
    model: "gpt-image-1.5",
    prompt: "add a hat",
    image: new File([image], "otter.png", { type: "image/png" }),
  });
  out.push(edited.data?.[0]?.b64_json ?? "");

  const stream = await client.images.generate({
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

/**
 * A tiny app run by scripts/check-runtimes.ts in Deno, Bun and other runtimes: it imports only the
 * universal main entry (bundled), talks to a local Images server and checks what comes back.
 * Usage: <runtime> runtime-app.js <baseUrl> <runtime-name>
 */
import { createImagesClient, finalImage, imageBytes, isImagesValidationError } from "../src/index.js";
import { identityLine } from "./runtime-identity.js";

declare const Deno: { args: string[] } | undefined;
const args: string[] =
  typeof Deno !== "undefined"
    ? Deno.args
    : ((globalThis as { process?: { argv: string[] } }).process?.argv.slice(2) ?? []);
const [baseUrl, runtime] = args;
if (!baseUrl) throw new Error("usage: runtime-app <baseUrl> <runtime>");
// First, so that a leg run on the wrong runtime is caught even when the rest would pass there.
console.log(identityLine());

const client = createImagesClient({ apiKey: "sk-runtime-check", baseUrl, maxRetries: 0 });
const PNG = [0x89, 0x50, 0x4e, 0x47];

const res = await client.generate({
  model: "gpt-image-1.5",
  prompt: "a cute baby sea otter",
  size: "1024x1024",
  quality: "low",
});
const first = res.data?.[0];
if (!first) throw new Error("generate returned no image");
const png = imageBytes(first);
if (!PNG.every((b, i) => png[i] === b)) throw new Error("generate did not return a PNG");

const stream = await client.generate({
  model: "gpt-image-1.5",
  prompt: "otter",
  size: "1024x1024",
  quality: "low",
  stream: true,
  partial_images: 1,
});
let partials = 0;
const done = await finalImage(stream, {
  onPartial: () => {
    partials++;
  },
});
if (partials !== 1 || imageBytes(done).length === 0) throw new Error(`stream gave ${partials} partials`);

const edited = await client.edit({
  model: "gpt-image-1.5",
  prompt: "add a hat",
  image: png,
  size: "1024x1024",
  quality: "low",
});
if (!edited.data?.[0]?.b64_json) throw new Error("edit returned no image");

const refused = await client
  .generate({ model: "dall-e-3", prompt: "otter", n: 2 } as never)
  .catch((e: unknown) => e);
if (!isImagesValidationError(refused) || refused.param !== "n")
  throw new Error("dall-e-3 n=2 was not refused");

console.log(`ok ${runtime}: generate, stream (${partials} partial), edit, validation`);

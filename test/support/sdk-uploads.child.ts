/**
 * Node 22 child of test/sdk-uploads.test.ts: sends one edit per upload form through openai@7.59.0
 * (`openai-v7`) to the recording server given as the first argument, with the PNG at the second.
 * Prints one JSON line per form once its request is sent.
 */
import { readFileSync } from "node:fs";
import OpenAI, { toFile } from "openai-v7";
import { EDIT, type ToFile, UPLOAD_FORMS, type UploadForm } from "./sdk-uploads.js";

const [baseURL, path] = process.argv.slice(2) as [string, string];
const sdk = new OpenAI({ apiKey: "test", baseURL, maxRetries: 0 });
const bytes = readFileSync(path);
for (const [form, make] of Object.entries(UPLOAD_FORMS) as [
  UploadForm,
  (typeof UPLOAD_FORMS)[UploadForm],
][]) {
  const image = await make(toFile as unknown as ToFile, path, bytes);
  await sdk.images.edit({ ...EDIT, image: image as never });
  console.log(JSON.stringify({ form, node: process.versions.node }));
}

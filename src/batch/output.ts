/**
 * Where a batch run writes a line's images: `<out>/<id>.<ext>`, or `<out>/<id>-1.<ext>`, `-2`, … when
 * the answer has several. The extension follows the bytes (PNG, JPEG, WebP, GIF), whatever was asked.
 * Each file is written to a temporary name and renamed, so a crash never leaves half an image under
 * the final name.
 */
import { randomBytes } from "node:crypto";
import { open, readdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { detectFormat, extensionOf } from "../image-info.js";
import { ImagesError, imageBytes } from "../node/index.js";
import type { ImagesResponse } from "../types.js";

/** The file name of image `index` of `count` for a line. */
export function imageFileName(id: string, index: number, count: number, bytes: Uint8Array): string {
  const suffix = count > 1 ? `-${index + 1}` : "";
  return `${id}${suffix}.${extensionOf(detectFormat(bytes.subarray(0, 64)))}`;
}

/**
 * Writes every image of `response` and returns their names, relative to `dir`. Images given as URLs
 * (DALL·E models without `response_format: "b64_json"`) are downloaded with `download`.
 *
 * @example
 * const files = await writeLineImages("out", "otter", response); // ["otter.png"]
 */
export async function writeLineImages(
  dir: string,
  id: string,
  response: ImagesResponse,
  download: (url: string) => Promise<Uint8Array> = fetchBytes,
): Promise<string[]> {
  const data = response.data ?? [];
  const names: string[] = [];
  for (const [index, image] of data.entries()) {
    const bytes = image.b64_json ? imageBytes(image) : image.url ? await download(image.url) : undefined;
    if (!bytes) throw new ImagesError(`image ${index + 1} of ${id} has neither b64_json nor url`);
    const name = imageFileName(id, index, data.length, bytes);
    await writeAtomically(join(dir, name), bytes);
    names.push(name);
  }
  return names;
}

/** Temporary names of {@link writeAtomically}: `<final name>.<8 hex digits>.tmp`. */
const TEMP_NAME = /\.[0-9a-f]{8}\.tmp$/;

/** Removes the temporary files a killed run left behind (their lines were not recorded as done). */
export async function removeLeftovers(dir: string): Promise<void> {
  const names = await readdir(dir);
  await Promise.all(names.filter((n) => TEMP_NAME.test(n)).map((n) => rm(join(dir, n), { force: true })));
}

async function writeAtomically(path: string, bytes: Uint8Array): Promise<void> {
  const temp = `${path}.${randomBytes(4).toString("hex")}.tmp`;
  const handle = await open(temp, "w");
  try {
    await handle.writeFile(bytes);
    await handle.datasync();
  } catch (err) {
    await handle.close();
    await rm(temp, { force: true });
    throw err;
  }
  await handle.close();
  await rename(temp, path);
}

async function fetchBytes(url: string): Promise<Uint8Array> {
  const res = await fetch(url);
  if (!res.ok) throw new ImagesError(`downloading an image failed with status ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

/** Where the CLI writes images: file names from `--out`, the prompt and the format. */
import { statSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, extname, join } from "node:path";
import { formatInfo } from "../models/index.js";

/** The file extension of an output format (the format table's; the name itself when unknown). */
export function extensionOf(format: string): string {
  return formatInfo(format)?.ext ?? format;
}

/** A short file name from the prompt's first words. */
export function slug(text: string): string {
  const words = text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .filter(Boolean)
    .slice(0, 6);
  return words.join("-") || "image";
}

/**
 * The path of image `index` (of `count`). `out` is a file, or a directory when it ends in a slash or
 * exists as one; without `out` the current directory. Several images get `-1`, `-2`, … suffixes.
 *
 * @example
 * outputPath({ out: "out/otter.png", name: "x", format: "png", index: 1, count: 2 }) // "out/otter-2.png"
 */
export function outputPath(options: {
  out: string | undefined;
  name: string;
  format: string;
  index: number;
  count: number;
  /** Where `out` is on disk when it is relative to another folder than the process's. */
  located?: ((path: string) => string) | undefined;
}): string {
  const { out, name, format, index, count, located = (path: string) => path } = options;
  const suffix = count > 1 ? `-${index + 1}` : "";
  const isDir = out === undefined || /[\\/]$/.test(out) || isDirectory(located(out));
  if (isDir) return join(out ?? ".", `${name}${suffix}.${extensionOf(format)}`);
  if (!suffix) return out;
  const ext = extname(out);
  return `${out.slice(0, out.length - ext.length)}${suffix}${ext}`;
}

/**
 * The path partial image `number` (counted from 1: the API's `partial_image_index` + 1) is saved at:
 * beside the final one, `name.partial-1.ext`, `name.partial-2.ext`, ….
 */
export function partialPath(finalPath: string, number: number): string {
  const ext = extname(finalPath);
  return `${finalPath.slice(0, finalPath.length - ext.length)}.partial-${number}${ext}`;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Writes bytes, creating parent directories. */
export async function writeImage(path: string, bytes: Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, bytes);
}

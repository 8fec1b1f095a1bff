/**
 * Checks every batch line before anything is sent: the model rules (`validateRequest`, the same
 * public function the client runs), with header facts read from local edit images, and what a batch
 * run itself cannot do (stream). Node-only: local image paths are read from disk.
 */
import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { fileFromPath, type ImageInfo, inspectImage, validateRequest } from "../node/index.js";
import type { BatchLine, LineIssue } from "./lines.js";

/**
 * The problems of each line, in input order; lines without errors are valid. Warnings of the rules
 * are not problems (they never refuse a request).
 *
 * @example
 * const issues = await validateLines(lines, { baseDir: dirname(inputPath) });
 * for (const i of issues) console.error(`line ${i.line}: ${i.param}: ${i.message}`);
 */
export async function validateLines(
  lines: readonly BatchLine[],
  options: { baseDir?: string | undefined } = {},
): Promise<LineIssue[]> {
  const issues: LineIssue[] = [];
  for (const line of lines) issues.push(...(await validateLine(line, options.baseDir ?? ".")));
  return issues;
}

async function validateLine(line: BatchLine, baseDir: string): Promise<LineIssue[]> {
  const at = (param: string, message: string): LineIssue => ({
    line: line.line,
    id: line.id,
    param,
    message,
  });
  const issues: LineIssue[] = [];
  if (line.params.stream === true) {
    issues.push(at("stream", "stream is not available in a batch run: each line is written when it is done"));
  }
  const images: { image?: ImageInfo[]; mask?: ImageInfo } = {};
  if (line.op === "edit") {
    const image = line.params.image;
    const list = Array.isArray(image) ? image : image === undefined ? [] : [image];
    const infos: ImageInfo[] = [];
    for (const [i, item] of list.entries()) {
      const param = Array.isArray(image) ? `image[${i}]` : "image";
      const read = await readLocal(item, baseDir, param);
      if ("issue" in read) issues.push(at(param, read.issue));
      else if (read.info) infos.push(read.info);
    }
    if (infos.length > 0) images.image = infos;
    if (line.params.mask !== undefined) {
      const read = await readLocal(line.params.mask, baseDir, "mask");
      if ("issue" in read) issues.push(at("mask", read.issue));
      else if (read.info) images.mask = read.info;
    }
  }
  // The rules known only from OpenAI's observed answers are left to the client, which knows where
  // it sends (OpenAI's API refuses; another server may not).
  for (const issue of validateRequest(line.op, line.params, images, { observed: "warn" })) {
    if (issue.severity === "error") issues.push(at(issue.param, issue.message));
  }
  return issues;
}

/** Header facts of a local image path; references (`{ image_url }`, `{ file_id }`) have none here. */
async function readLocal(
  item: unknown,
  baseDir: string,
  param: string,
): Promise<{ info: ImageInfo | undefined } | { issue: string }> {
  if (typeof item !== "string") {
    const ref = item as { image_url?: unknown; file_id?: unknown } | null;
    if (ref && (typeof ref.image_url === "string" || typeof ref.file_id === "string"))
      return { info: undefined };
    return { issue: `${param} must be a local path, { image_url } or { file_id }` };
  }
  try {
    const path = resolve(baseDir, item);
    // `stat` first: it names the reason (ENOENT, EACCES, EISDIR) where opening a blob does not.
    if (!(await stat(path)).isFile()) return { issue: `cannot read ${item}: not a file` };
    return { info: await inspectImage(await fileFromPath(path)) };
  } catch (err) {
    return { issue: `cannot read ${item}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
  }
}

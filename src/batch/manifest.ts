/**
 * The manifest of a batch run: one JSON record per line and outcome, appended to `manifest.jsonl` in
 * the output folder and fsync'd as each result arrives, so a crash loses at most the lines in flight.
 * The last record of an id wins; a re-run skips the ids whose last record is `done`.
 */
import { constants } from "node:fs";
import { type FileHandle, open, readFile } from "node:fs/promises";
import type { ImageUsage } from "../types.js";
import type { LineError } from "./generate-many.js";
import type { BatchOp } from "./lines.js";

/** The manifest's file name inside the output folder. */
export const MANIFEST_FILE = "manifest.jsonl";

/** One line's outcome. */
export interface ManifestRecord {
  /** The line's id; `null` for an input line too broken to have one. */
  id: string | null;
  /** 1-based line number in the input. */
  line: number;
  op: BatchOp | null;
  /** `invalid`: refused by the checks before sending; nothing was sent. */
  status: "done" | "failed" | "cancelled" | "invalid";
  /** Written images, relative to the output folder. */
  files: string[];
  usage: ImageUsage | null;
  request_id: string | null;
  error: LineError | null;
  /** `live` or `batch` (the Batch API), and the batch's id. */
  engine: "live" | "batch";
  batch_id?: string | undefined;
  /** When the record was written (ISO 8601). */
  at: string;
}

/**
 * The last record of every id (records without an id are left out). A torn last line, left by a
 * crash in the middle of a write, is ignored.
 *
 * @example
 * const done = [...(await readManifest("out/manifest.jsonl")).values()].filter((r) => r.status === "done");
 */
export async function readManifest(path: string): Promise<Map<string, ManifestRecord>> {
  const records = new Map<string, ManifestRecord>();
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return records;
    throw err;
  }
  for (const raw of text.split("\n")) {
    if (raw.trim() === "") continue;
    let record: ManifestRecord;
    try {
      record = JSON.parse(raw) as ManifestRecord;
    } catch {
      continue;
    }
    if (typeof record.id === "string") records.set(record.id, record);
  }
  return records;
}

/** Appends records in call order; each append resolves once its record is on disk (fsync'd). */
export interface ManifestWriter {
  append(record: ManifestRecord): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens (or creates) the manifest for appending. When a crash left a torn last line, the next record
 * starts on a line of its own. Records that arrive while a write is on its way are written together
 * and fsync'd once (a group commit): one fsync per line would cap a fast run at the disk's sync rate.
 *
 * @example
 * const manifest = await openManifest("out/manifest.jsonl");
 * await manifest.append(record);
 * await manifest.close();
 */
export async function openManifest(path: string): Promise<ManifestWriter> {
  const handle: FileHandle = await open(path, constants.O_CREAT | constants.O_RDWR | constants.O_APPEND);
  const { size } = await handle.stat();
  let torn = false;
  if (size > 0) {
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    torn = last[0] !== 0x0a;
  }
  let queue: Array<{ text: string; done: () => void; fail: (err: unknown) => void }> = [];
  let flushing: Promise<void> | undefined;

  const flush = async (): Promise<void> => {
    while (queue.length > 0) {
      const group = queue;
      queue = [];
      try {
        await handle.write(`${torn ? "\n" : ""}${group.map((g) => g.text).join("")}`);
        torn = false;
        await handle.datasync();
        for (const g of group) g.done();
      } catch (err) {
        for (const g of group) g.fail(err);
      }
    }
    flushing = undefined;
  };

  return {
    append(record) {
      return new Promise<void>((done, fail) => {
        queue.push({ text: `${JSON.stringify(record)}\n`, done, fail });
        flushing ??= flush();
      });
    },
    async close() {
      await flushing;
      await handle.close();
    },
  };
}

/**
 * The local server's Files API storage: uploaded files and the output and error files of batches, in
 * memory, for the life of the server. Edits may name them as `{ file_id }` image references.
 */
import { randomBytes } from "node:crypto";
import type { components } from "../../../generated/files-batches.js";

/** A file as `/v1/files` describes it. */
export type FileObject = components["schemas"]["OpenAIFile"];

/** One stored file. */
export interface StoredFile {
  object: FileObject;
  bytes: Buffer;
}

/** See the module comment. */
export interface FileStore {
  /** Stores a file; `expiresAfterSeconds` sets its `expires_at` (the `expires_after` of an upload). */
  put(
    bytes: Buffer,
    filename: string,
    purpose: FileObject["purpose"],
    expiresAfterSeconds?: number | undefined,
  ): FileObject;
  get(id: string): StoredFile | undefined;
  /** Every stored file's object, oldest first. */
  list(): FileObject[];
  delete(id: string): boolean;
  clear(): void;
}

/**
 * @example
 * const files = createFileStore();
 * const { id } = files.put(Buffer.from("{}\n"), "input.jsonl", "batch");
 * files.get(id)?.bytes.length; // 3
 */
export function createFileStore(): FileStore {
  const files = new Map<string, StoredFile>();
  return {
    put(bytes, filename, purpose, expiresAfterSeconds) {
      const createdAt = Math.floor(Date.now() / 1000);
      const object: FileObject = {
        id: `file-${randomBytes(12).toString("hex")}`,
        object: "file",
        bytes: bytes.length,
        created_at: createdAt,
        ...(expiresAfterSeconds === undefined ? {} : { expires_at: createdAt + expiresAfterSeconds }),
        filename,
        purpose,
        status: "processed",
      };
      files.set(object.id, { object, bytes });
      return object;
    },
    get: (id) => files.get(id),
    // Maps iterate in insertion order: oldest first, whatever `created_at` (seconds) says.
    list: () => [...files.values()].map((f) => f.object),
    delete: (id) => files.delete(id),
    clear: () => files.clear(),
  };
}

/**
 * The three ways users hand an upload to the official SDK, as data shared by the Node 20 test
 * (openai@6.49) and its Node 22 child (openai@7.59): a stream from disk, and `toFile` with and
 * without a `type`.
 */
import { createReadStream } from "node:fs";

/** `toFile` of either SDK version. */
export type ToFile = (value: Buffer, name: string, options?: { type: string }) => Promise<unknown>;

/** The upload forms, by the code a user writes. */
export const UPLOAD_FORMS = {
  "fs.createReadStream(path)": (_toFile: ToFile, path: string, _bytes: Buffer) =>
    Promise.resolve(createReadStream(path)),
  'toFile(buffer, "x.png")': (toFile: ToFile, _path: string, bytes: Buffer) => toFile(bytes, "x.png"),
  'toFile(buffer, "x.png", { type: "image/png" })': (toFile: ToFile, _path: string, bytes: Buffer) =>
    toFile(bytes, "x.png", { type: "image/png" }),
} as const;

/** The name of an upload form. */
export type UploadForm = keyof typeof UPLOAD_FORMS;

/** The edit each form is sent with (a current model, so only the upload can be refused). */
export const EDIT = { model: "gpt-image-1.5", prompt: "a hat on the otter" } as const;

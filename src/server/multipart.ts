/** Reads `multipart/form-data` uploads with busboy, enforcing the API's file-size limits. */
import type { IncomingMessage } from "node:http";
import type { Busboy } from "busboy";
import { failure, type HttpFailure, tooLarge } from "./http-io.js";
import { busboy } from "./peers.js";

/** One uploaded file, held in memory. */
export interface UploadedFile {
  /** The form field, as sent (`image`, `image[]` or `mask`). */
  field: string;
  filename: string | undefined;
  contentType: string;
  data: Buffer;
}

/** A parsed form: text fields (repeated ones as arrays) and files in arrival order. */
export interface ParsedForm {
  fields: Record<string, string | string[]>;
  files: UploadedFile[];
}

/** Byte and count limits of an upload. */
export interface UploadLimits {
  /** Per `image` file. */
  imageBytes: number;
  /** Per `mask` file. */
  maskBytes: number;
  /** File parts per request. */
  files: number;
  /** Per text field (a 32000-character prompt is well under the default). */
  fieldBytes: number;
}

/**
 * Parses a multipart request. Rejects with an {@link HttpFailure}: 413 when a file is over its limit
 * (or there are too many), 400 when the body is not valid multipart.
 */
export function parseMultipart(req: IncomingMessage, limits: UploadLimits): Promise<ParsedForm> {
  return new Promise((resolve, reject) => {
    let parser: Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: {
          fileSize: Math.max(limits.imageBytes, limits.maskBytes) + 1,
          files: limits.files,
          fieldSize: limits.fieldBytes,
        },
      });
    } catch (err) {
      reject(
        failure(400, `Invalid multipart body: ${(err as Error).message}`, { code: "invalid_multipart" }),
      );
      return;
    }
    const fields: Record<string, string | string[]> = {};
    const files: UploadedFile[] = [];
    let settled = false;
    let pending = 0;
    let finished = false;
    const fail = (f: HttpFailure) => {
      if (settled) return;
      settled = true;
      req.unpipe(parser);
      // The rest of the upload is not read: the connection is closed after the answer.
      reject(f);
    };
    const maybeDone = () => {
      if (!settled && finished && pending === 0) {
        settled = true;
        resolve({ fields, files });
      }
    };
    parser.on("field", (name, value, info) => {
      if (info.valueTruncated) {
        fail(tooLarge(limits.fieldBytes, `Field '${name}'`));
        return;
      }
      const prev = fields[name];
      fields[name] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
    });
    parser.on("file", (name, stream, info) => {
      pending++;
      const limit = name === "mask" ? limits.maskBytes : limits.imageBytes;
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > limit) {
          stream.resume();
          fail(tooLarge(limit, `File '${info.filename ?? name}' (field ${name})`));
          return;
        }
        chunks.push(chunk);
      });
      stream.on("end", () => {
        pending--;
        files.push({
          field: name,
          filename: info.filename,
          contentType: info.mimeType,
          data: Buffer.concat(chunks),
        });
        maybeDone();
      });
    });
    parser.on("filesLimit", () =>
      fail(
        failure(413, `Too many files: at most ${limits.files} per request.`, { code: "request_too_large" }),
      ),
    );
    parser.on("error", (err: Error) =>
      fail(failure(400, `Invalid multipart body: ${err.message}`, { code: "invalid_multipart" })),
    );
    parser.on("close", () => {
      finished = true;
      maybeDone();
    });
    req.pipe(parser);
  });
}

/**
 * The form as the spec validator sees it: text fields as they are, files as
 * `{ filename, contentType, size }` markers (repeated fields as arrays).
 */
export function formForValidation(form: ParsedForm): Record<string, unknown> {
  const body: Record<string, unknown> = { ...form.fields };
  for (const f of form.files) {
    const marker = { filename: f.filename, contentType: f.contentType, size: f.data.length };
    const prev = body[f.field];
    // `image[]` is always a list; a repeated `image` becomes one.
    if (f.field.endsWith("[]")) body[f.field] = [...((prev as unknown[] | undefined) ?? []), marker];
    else
      body[f.field] = prev === undefined ? marker : Array.isArray(prev) ? [...prev, marker] : [prev, marker];
  }
  return body;
}

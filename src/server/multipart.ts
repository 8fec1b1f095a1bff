/** Reads `multipart/form-data` uploads with busboy, enforcing the server's limits as bytes arrive. */
import type { IncomingMessage } from "node:http";
import type { Busboy } from "busboy";
import { bodyCutShort, declaredLength, failure, type HttpFailure, tooLarge } from "./http-io.js";
import type { ServerLimits } from "./limits.js";
import { watchPartHeaders } from "./part-headers.js";
import { busboy } from "./peers.js";
import { uploadLimitOf } from "./uploads.js";

/** One uploaded file, held in memory. */
export interface UploadedFile {
  /** The form field, as sent (`image`, `image[]` or `mask`). */
  field: string;
  filename: string | undefined;
  contentType: string;
  data: Buffer;
}

/**
 * One part of a form in body order, as OpenAI's API judges it (see `firstRefusal()`): a text field's
 * value, or a file part's `Content-Type` as sent (`null` when the part has none).
 */
export interface FormPart {
  name: string;
  value?: string;
  file?: { contentType: string | null };
}

/** A parsed form: text fields (each with its values in arrival order) and files in arrival order. */
export interface ParsedForm {
  fields: Map<string, string[]>;
  files: UploadedFile[];
  /** Every part, fields and files together, in body order. */
  parts: FormPart[];
}

/** The limits a multipart body is read under (see {@link ServerLimits} for each one's meaning). */
export type UploadLimits = Pick<
  ServerLimits,
  "imageBytes" | "maskBytes" | "files" | "fields" | "fieldBytes" | "totalBytes"
>;

/**
 * Parses a multipart request. Every limit is checked as the bytes arrive: the first byte past a
 * file's size, past the whole body's size, or the first part past the file or field count is
 * refused at once, so nothing over a limit is ever held. Rejects with an {@link HttpFailure}: 413
 * for a limit, 400 when the body is not valid multipart or the client goes away before its end.
 *
 * @example
 * const form = await parseMultipart(req, resolveLimits({}));
 * form.fields.get("prompt") // ["a cute baby sea otter"]
 */
export function parseMultipart(req: IncomingMessage, limits: UploadLimits): Promise<ParsedForm> {
  return new Promise((resolve, reject) => {
    const declared = declaredLength(req);
    if (declared !== undefined && declared > limits.totalBytes) {
      reject(tooLarge(limits.totalBytes));
      return;
    }
    let parser: Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: {
          // A backstop only: each file's own limit (image or mask) is checked below, byte by byte.
          fileSize: Math.max(limits.imageBytes, limits.maskBytes) + 1,
          files: limits.files,
          fields: limits.fields,
          parts: limits.files + limits.fields,
          fieldSize: limits.fieldBytes,
        },
      });
    } catch (err) {
      reject(invalid(err));
      return;
    }
    // A Map, not an object: field names come from the client (`__proto__` included).
    const fields = new Map<string, string[]>();
    const parts: FormPart[] = [];
    // busboy reports a part without Content-Type as text/plain; the API does not (part-headers.ts).
    const headers = watchPartHeaders(req.headers["content-type"]);
    // Files as received, in chunks: joined only once the whole form is in, so a form refused
    // part-way never pays for a copy (joining as each file ends would double a file in memory).
    const received: Array<Omit<UploadedFile, "data"> & { chunks: Buffer[] }> = [];
    let settled = false;
    let pending = 0;
    let finished = false;
    let total = 0;

    const detach = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("close", onClose);
    };
    const fail = (f: HttpFailure) => {
      if (settled) return;
      settled = true;
      detach();
      // The caller answers, then decides what happens to the rest of the upload.
      req.pause();
      for (const file of received) file.chunks.length = 0;
      received.length = 0;
      // Not now: this may run inside busboy's own write, which still uses its state. Destroying
      // fails the open file stream and the parser; both are handled (and ignored once settled).
      setImmediate(() => parser.destroy());
      reject(f);
    };
    const maybeDone = () => {
      if (!settled && finished && pending === 0) {
        settled = true;
        detach();
        const files = received.map(({ chunks, ...file }) => ({ ...file, data: Buffer.concat(chunks) }));
        received.length = 0;
        resolve({ fields, files, parts });
      }
    };

    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total > limits.totalBytes) {
        fail(tooLarge(limits.totalBytes));
        return;
      }
      headers?.push(chunk);
      if (!parser.write(chunk)) {
        req.pause();
        parser.once("drain", () => {
          if (!settled) req.resume();
        });
      }
    };
    const onEnd = () => parser.end();
    const onClose = () => {
      if (!req.complete) fail(bodyCutShort());
    };

    parser.on("field", (name: string | undefined, value, info) => {
      if (name === undefined) {
        fail(unnamed());
        return;
      }
      if (info.nameTruncated || info.valueTruncated) {
        fail(tooLarge(limits.fieldBytes, `Field '${name}'`));
        return;
      }
      // Appending in place keeps repeated fields linear (copying the list per repeat is quadratic).
      const list = fields.get(name);
      if (list) list.push(value);
      else fields.set(name, [value]);
      parts.push({ name, value });
    });
    parser.on("file", (name: string | undefined, stream, info) => {
      // busboy fails an open file stream when the body ends inside it (or the parser is destroyed);
      // unhandled, that error would take the whole process down. Listen before anything else.
      stream.on("error", (err: Error) => fail(invalid(err)));
      if (name === undefined) {
        stream.resume();
        fail(unnamed());
        return;
      }
      pending++;
      const limit = limits[uploadLimitOf(name)];
      const chunks: Buffer[] = [];
      received.push({ field: name, filename: info.filename, contentType: info.mimeType, chunks });
      const labelled = headers?.hasContentType[parts.length] ?? true;
      parts.push({ name, file: { contentType: labelled ? info.mimeType : null } });
      let size = 0;
      stream.on("data", (chunk: Buffer) => {
        if (settled) return;
        size += chunk.length;
        if (size > limit) {
          fail(tooLarge(limit, `File '${info.filename ?? name}' (field ${name})`));
          return;
        }
        chunks.push(chunk);
      });
      stream.on("limit", () => fail(tooLarge(limit, `File '${info.filename ?? name}' (field ${name})`)));
      stream.on("end", () => {
        pending--;
        maybeDone();
      });
    });
    parser.on("filesLimit", () => fail(tooMany(`Too many files: at most ${limits.files} per request.`)));
    parser.on("fieldsLimit", () => fail(tooMany(`Too many fields: at most ${limits.fields} per request.`)));
    parser.on("partsLimit", () =>
      fail(tooMany(`Too many parts: at most ${limits.files + limits.fields} per request.`)),
    );
    parser.on("error", (err: Error) => fail(invalid(err)));
    parser.on("close", () => {
      finished = true;
      maybeDone();
    });
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("close", onClose);
  });
}

function invalid(err: unknown): HttpFailure {
  return failure(400, `Invalid multipart body: ${(err as Error).message}`, { code: "invalid_multipart" });
}

// busboy reports a part whose Content-Disposition has no `name` with an undefined name.
function unnamed(): HttpFailure {
  return failure(400, "Invalid multipart body: a part has no name.", { code: "invalid_multipart" });
}

function tooMany(message: string): HttpFailure {
  return failure(413, message, { code: "request_too_large" });
}

/**
 * The form as the spec validator sees it: text fields as they are, files as
 * `{ filename, contentType, size }` markers (repeated fields as arrays).
 */
export function formForValidation(form: ParsedForm): Record<string, unknown> {
  // Built on a null-prototype object so a field named `__proto__` stays a plain field.
  const body: Record<string, unknown> = Object.create(null);
  for (const [name, values] of form.fields) body[name] = values.length === 1 ? values[0] : values;
  const markers = new Map<string, unknown[]>();
  for (const f of form.files) {
    const list = markers.get(f.field) ?? [];
    list.push({ filename: f.filename, contentType: f.contentType, size: f.data.length });
    markers.set(f.field, list);
  }
  for (const [field, list] of markers) {
    const prev = body[field];
    const all = prev === undefined ? list : [...(Array.isArray(prev) ? prev : [prev]), ...list];
    // `image[]` is always a list; a repeated `image` becomes one.
    body[field] = field.endsWith("[]") || all.length > 1 ? all : all[0];
  }
  return body;
}

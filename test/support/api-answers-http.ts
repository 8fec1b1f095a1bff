/**
 * The evidence table (`src/models/api-answers.ts`) over HTTP: an entry's request as real bytes on the
 * wire (a JSON body, or a multipart form whose parts carry exactly the Content-Type the entry names,
 * none for `null`), and the comparison of an answer with the quoted one.
 */
import { randomBytes } from "node:crypto";
import sharp from "sharp";
import { type AnswerRequest, type ApiAnswer, UNKNOWN } from "../../src/models/api-answers.js";
import { OPERATIONS } from "../../src/models/operations.js";

/** The bytes an entry's file parts name: real images, and bytes that are no image at all. */
export interface PartBytes {
  png: Buffer;
  jpeg: Buffer;
  garbage: Buffer;
  /** A PNG mask of another size than `png`, for the mask-size entries. */
  otherSizeMask: Buffer;
}

/** Makes the images once per test file. */
export async function makePartBytes(): Promise<PartBytes> {
  const rgba = (w: number, h: number) =>
    sharp({ create: { width: w, height: h, channels: 4, background: { r: 40, g: 120, b: 200, alpha: 1 } } });
  const maskPixels = Buffer.alloc(32 * 32 * 4);
  return {
    png: await rgba(64, 64).png().toBuffer(),
    jpeg: await rgba(64, 64).flatten().jpeg().toBuffer(),
    garbage: randomBytes(512),
    // Transparent everywhere, so only its size is wrong.
    otherSizeMask: await sharp(maskPixels, { raw: { width: 32, height: 32, channels: 4 } })
      .png()
      .toBuffer(),
  };
}

/** A request ready for `fetch`: its path, headers and body. */
export interface WireHttp {
  path: string;
  headers: Record<string, string>;
  body: Uint8Array<ArrayBuffer> | string;
}

/**
 * The entry's request on the wire (on `model` when given, as a replay does).
 *
 * @example
 * const { path, headers, body } = toHttp(entry.request, bytes);
 * await fetch(server.url + path, { method: "POST", headers, body });
 */
export function toHttp(
  request: AnswerRequest,
  bytes: PartBytes,
  options: { model?: string | undefined; maskBytes?: Buffer | undefined } = {},
): WireHttp {
  const path = OPERATIONS[request.op].path;
  const { model } = options;
  if (request.json) {
    const json = model ? { ...request.json, model } : request.json;
    return { path, headers: { "content-type": "application/json" }, body: JSON.stringify(json) };
  }
  const boundary = `----answers${randomBytes(8).toString("hex")}`;
  const chunks: Buffer[] = [];
  for (const part of request.form ?? []) {
    const value = part.name === "model" && model ? model : part.value;
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"`;
    if (part.file) {
      const ext = part.file.bytes === "jpeg" ? "jpg" : "png";
      head += `; filename="upload.${ext}"`;
      if (part.file.contentType !== null) head += `\r\nContent-Type: ${part.file.contentType}`;
      const data = part.name === "mask" && options.maskBytes ? options.maskBytes : bytes[part.file.bytes];
      chunks.push(Buffer.from(`${head}\r\n\r\n`), data, Buffer.from("\r\n"));
    } else {
      chunks.push(Buffer.from(`${head}\r\n\r\n${value ?? ""}\r\n`));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    path,
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
    body: new Uint8Array(Buffer.concat(chunks)),
  };
}

/** An answer as received: status and the body's text (empty when there is none). */
export interface ReceivedAnswer {
  status: number;
  text: string;
}

/**
 * How `got` differs from the entry's quoted answer: one line per field that differs (empty: a full
 * match). Fields the source does not quote are not compared; a fragment of a message must be
 * contained, a whole message equal.
 */
export function answerMismatches(entry: ApiAnswer, got: ReceivedAnswer): string[] {
  const { answer } = entry;
  const out: string[] = [];
  if (answer.status !== UNKNOWN && got.status !== answer.status) {
    out.push(`status ${got.status}, quoted ${answer.status}`);
  }
  if (answer.status === UNKNOWN && got.status < 400) out.push(`status ${got.status}, quoted a refusal`);
  if (answer.status === 200) return out;
  if (answer.body === "none") {
    if (got.text !== "") out.push(`a body (${got.text.slice(0, 80)}), quoted none`);
    return out;
  }
  let error: Record<string, unknown> | undefined;
  try {
    error = (JSON.parse(got.text) as { error?: Record<string, unknown> }).error;
  } catch {
    out.push(`not JSON: ${got.text.slice(0, 80)}`);
    return out;
  }
  for (const field of ["type", "code", "param"] as const) {
    const quoted = answer[field];
    if (quoted !== UNKNOWN && quoted !== undefined && error?.[field] !== quoted) {
      out.push(`${field} ${JSON.stringify(error?.[field])}, quoted ${JSON.stringify(quoted)}`);
    }
  }
  const message = String(error?.message);
  if (answer.message !== undefined && answer.message !== UNKNOWN) {
    const ok = answer.messageWhole ? message === answer.message : message.includes(answer.message);
    if (!ok) out.push(`message ${JSON.stringify(message)}, quoted ${JSON.stringify(answer.message)}`);
  }
  return out;
}

/**
 * multipart/form-data encoding as one lazy `Blob`.
 *
 * Why not `FormData`: its size is unknown until serialised, runtimes buffer it differently, and the
 * order of parts appended from async code is easy to scramble. A `Blob` made of the part headers and
 * the upload blobs themselves is never copied (disk-backed blobs stay on disk), has an exact `size`
 * for `Content-Length`, and every retry can stream it again from the start.
 */

/** A file part: bytes, the filename sent, and its `Content-Type`. */
export interface MultipartFile {
  blob: Blob;
  filename: string;
  contentType: string;
}

/** A field value: text, or a file. */
export type MultipartValue = string | MultipartFile;

/** An encoded body, ready to send. */
export interface MultipartBody {
  /** The whole body; `body.size` is the `Content-Length`. */
  body: Blob;
  /** `multipart/form-data; boundary=…` */
  contentType: string;
}

/**
 * Encodes `[name, value]` entries in the given order.
 *
 * @example
 * const { body, contentType } = encodeMultipart([
 *   ["prompt", "a cute baby sea otter"],
 *   ["image", { blob, filename: "otter.png", contentType: "image/png" }],
 * ]);
 */
export function encodeMultipart(
  entries: Iterable<readonly [string, MultipartValue]>,
  boundary: string = createBoundary(),
): MultipartBody {
  const parts: (string | Blob)[] = [];
  for (const [name, value] of entries) {
    let header = `--${boundary}\r\nContent-Disposition: form-data; name="${escapeName(name)}"`;
    if (typeof value === "string") {
      // Browsers and undici send text fields with CRLF line breaks; do the same so servers see one form.
      parts.push(`${header}\r\n\r\n${normalizeLineBreaks(value)}\r\n`);
    } else {
      header += `; filename="${escapeName(value.filename)}"\r\nContent-Type: ${value.contentType}\r\n\r\n`;
      parts.push(header, value.blob, "\r\n");
    }
  }
  parts.push(`--${boundary}--\r\n`);
  return { body: new Blob(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A boundary that cannot plausibly occur in the data (96 random bits). */
export function createBoundary(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `----openai-images-${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

// The WHATWG form encoding escapes these three characters in names and filenames.
function escapeName(name: string): string {
  return name.replace(/[\r\n"]/g, encodeURIComponent); // "%0D", "%0A", "%22"
}

function normalizeLineBreaks(value: string): string {
  return value.replace(/\r\n|\r|\n/g, "\r\n");
}

/**
 * Which parts of a multipart body carry a `Content-Type` header. busboy reports a part without one as
 * `text/plain` (RFC 7578's default), but OpenAI's API tells the two apart: an upload part with no
 * `Content-Type` is `missing_file_mimetype`, one labelled `text/plain` is `unsupported_file_mimetype`.
 * So the server watches the part headers go by, beside busboy, on the same bytes.
 */

/** The most header bytes one part may have before the watcher stops looking (busboy's own limit). */
const MAX_HEADER_BYTES = 16 * 1024;

/** Watches a multipart body's part headers; feed it the body's chunks in order. */
export interface PartHeaderWatcher {
  push(chunk: Buffer): void;
  /**
   * For each `form-data` part seen so far, in body order: whether its headers include a
   * `Content-Type`. Parts busboy skips (no `Content-Disposition: form-data`) are left out, so the
   * n-th entry is the n-th part busboy reports.
   */
  readonly hasContentType: readonly boolean[];
}

/**
 * @example
 * const watcher = watchPartHeaders("multipart/form-data; boundary=x");
 * req.on("data", (chunk) => watcher?.push(chunk));
 */
export function watchPartHeaders(contentType: string | undefined): PartHeaderWatcher | undefined {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? "");
  const name = boundary?.[1] ?? boundary?.[2];
  if (!name) return undefined;
  const delimiter = Buffer.from(`\r\n--${name}`);
  const headerEnd = Buffer.from("\r\n\r\n");
  const hasContentType: boolean[] = [];
  // The body's first delimiter has no CRLF before it; a leading CRLF makes it look like the others.
  let pending = Buffer.from("\r\n");
  let inHeaders = false;
  let done = false;

  function push(chunk: Buffer): void {
    if (done) return;
    let buf = pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk;
    for (;;) {
      if (!inHeaders) {
        const at = buf.indexOf(delimiter);
        if (at < 0) {
          // Keep only what could be the start of a delimiter cut by the chunk's end.
          pending = Buffer.from(buf.subarray(Math.max(0, buf.length - delimiter.length + 1)));
          return;
        }
        buf = buf.subarray(at + delimiter.length);
        inHeaders = true;
      }
      // After a delimiter: `--` ends the body, else CRLF and the part's headers up to a blank line.
      if (buf.length >= 2 && buf[0] === 0x2d && buf[1] === 0x2d) {
        done = true;
        return;
      }
      const end = buf.indexOf(headerEnd);
      if (end < 0) {
        if (buf.length > MAX_HEADER_BYTES) done = true;
        else pending = Buffer.from(buf);
        return;
      }
      const lines = buf.subarray(0, end).toString("latin1").split("\r\n");
      const header = (field: string) => lines.find((l) => l.toLowerCase().startsWith(`${field}:`));
      const disposition = header("content-disposition");
      if (disposition && /^\s*form-data/i.test(disposition.slice(disposition.indexOf(":") + 1))) {
        hasContentType.push(header("content-type") !== undefined);
      }
      buf = buf.subarray(end + headerEnd.length);
      inHeaders = false;
    }
  }

  return { push, hasContentType };
}

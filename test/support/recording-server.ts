/**
 * A loopback HTTP server that records every request byte for byte and answers like the Images API
 * (valid JSON, or a valid event stream when the request asked for `stream`). Used to compare what
 * our client and the official SDK put on the wire.
 */
import { once } from "node:events";
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One multipart part exactly as sent: its raw headers (lower-cased names) and bytes. */
export interface RawPart {
  name: string;
  filename: string | undefined;
  headers: Record<string, string>;
  bytes: Buffer;
}

export interface RecordedRequest {
  method: string;
  /** Path and query, e.g. `/v1/images/edits`. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Parsed JSON body, when the request was JSON. */
  json?: unknown;
  /** Multipart parts in order, when the request was multipart. */
  parts?: RawPart[];
}

export interface RecordingServer {
  /** `http://127.0.0.1:PORT/v1` */
  baseUrl: string;
  requests: RecordedRequest[];
  /** Replace the answer for the following requests (the default answers like the API). */
  respondWith(answer: ((req: RecordedRequest, res: ServerResponse) => void) | undefined): void;
  close(): Promise<void>;
}

/** A 1×1 transparent PNG: small, and a real image for clients that decode it. */
export const PNG_1X1_B64 =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

const USAGE = {
  input_tokens: 50,
  input_tokens_details: { image_tokens: 40, text_tokens: 10 },
  output_tokens: 272,
  total_tokens: 322,
};

export async function startRecordingServer(): Promise<RecordingServer> {
  const requests: RecordedRequest[] = [];
  let answer: ((req: RecordedRequest, res: ServerResponse) => void) | undefined;
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const recorded: RecordedRequest = {
      method: req.method ?? "",
      url: req.url ?? "",
      headers: req.headers,
      body,
    };
    const contentType = req.headers["content-type"] ?? "";
    if (contentType.startsWith("application/json")) {
      try {
        recorded.json = JSON.parse(body.toString("utf8"));
      } catch {
        // Malformed on purpose (a negative test): keep the raw bytes only.
      }
    }
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
    if (contentType.startsWith("multipart/form-data") && boundary) {
      recorded.parts = splitMultipart(body, (boundary[1] ?? boundary[2]) as string);
    }
    requests.push(recorded);
    (answer ?? answerLikeTheApi)(recorded, res);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    respondWith(next) {
      answer = next;
    },
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}

/** Answers with a valid `ImagesResponse`, or a valid two-event stream when `stream` was true. */
export function answerLikeTheApi(req: RecordedRequest, res: ServerResponse): void {
  const streamField = req.parts?.find((p) => p.name === "stream")?.bytes.toString("utf8");
  const stream = (req.json as { stream?: unknown } | undefined)?.stream === true || streamField === "true";
  res.setHeader("x-request-id", `req_${Math.random().toString(16).slice(2)}`);
  if (!stream) {
    const text = JSON.stringify({ created: 1_713_833_628, data: [{ b64_json: PNG_1X1_B64 }], usage: USAGE });
    res.writeHead(200, { "content-type": "application/json" });
    res.end(text);
    return;
  }
  const kind = req.url.includes("/images/edits") ? "image_edit" : "image_generation";
  const base = {
    b64_json: PNG_1X1_B64,
    background: "opaque",
    created_at: 1_713_833_628,
    output_format: "png",
    quality: "low",
    size: "1024x1024",
  };
  res.writeHead(200, { "content-type": "text/event-stream" });
  const events = [
    { type: `${kind}.partial_image`, ...base, partial_image_index: 0 },
    { type: `${kind}.completed`, ...base, usage: USAGE },
  ];
  for (const e of events) res.write(`event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`);
  res.end();
}

/**
 * Splits a multipart body into its parts without interpreting them. A full parser (busboy) fills in
 * defaults (a missing part Content-Type reads as `application/octet-stream`); comparing two clients'
 * bytes needs what was actually sent.
 */
export function splitMultipart(body: Buffer, boundary: string): RawPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: RawPart[] = [];
  let start = body.indexOf(delimiter);
  while (start >= 0) {
    const afterDelimiter = start + delimiter.length;
    if (body.subarray(afterDelimiter, afterDelimiter + 2).toString() === "--") break; // closing delimiter
    const next = body.indexOf(delimiter, afterDelimiter);
    if (next < 0) throw new Error("multipart body has no closing delimiter");
    // The part runs from after the delimiter's CRLF to before the CRLF that precedes the next one.
    const part = body.subarray(afterDelimiter + 2, next - 2);
    const split = part.indexOf("\r\n\r\n");
    const headers: Record<string, string> = {};
    for (const line of part.subarray(0, split).toString("utf8").split("\r\n")) {
      const colon = line.indexOf(":");
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const disposition = headers["content-disposition"] ?? "";
    const name = /\bname="([^"]*)"/.exec(disposition)?.[1] ?? "";
    const filename = /\bfilename="([^"]*)"/.exec(disposition)?.[1];
    parts.push({ name, filename, headers, bytes: Buffer.from(part.subarray(split + 4)) });
    start = next;
  }
  return parts;
}

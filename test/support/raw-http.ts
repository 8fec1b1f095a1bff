/**
 * Raw HTTP over a TCP socket, for tests that send what no HTTP client would: truncated, corrupted or
 * endless requests. The answer is read until the server closes the connection.
 */
import { connect } from "node:net";

/** What came back on the connection. */
export interface RawAnswer {
  /** The status of the first response, or `undefined` when the server closed without one. */
  status: number | undefined;
  /** The first response's head (status line and headers). */
  head: string;
  /** Everything after the first response's head. */
  body: Buffer;
}

/** Options of {@link sendRaw}. */
export interface SendRawOptions {
  /**
   * End the sending side after the message, as a client that gives up mid-request does (the server
   * then sees the end of the connection instead of waiting for the rest). @default false
   */
  halfClose?: boolean;
  /** Fail when nothing happens for this long (a server that neither answers nor closes). @default 5000 */
  idleMs?: number;
}

/**
 * Writes `message` and collects the answer until the server closes the connection (send
 * `connection: close` for it to close after answering).
 *
 * @example
 * const answer = await sendRaw(port, Buffer.from("GET / HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n"));
 */
export function sendRaw(port: number, message: Uint8Array, options: SendRawOptions = {}): Promise<RawAnswer> {
  const idleMs = options.idleMs ?? 5_000;
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: "127.0.0.1" });
    const chunks: Buffer[] = [];
    socket.setTimeout(idleMs, () => {
      socket.destroy();
      reject(new Error(`no answer and no close within ${idleMs} ms`));
    });
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    // A reset after (or instead of) an answer is the server closing the connection, not a failure.
    socket.on("error", () => {});
    socket.on("close", () => resolve(parseAnswer(Buffer.concat(chunks))));
    if (options.halfClose) socket.end(message);
    else socket.write(message);
  });
}

function parseAnswer(bytes: Buffer): RawAnswer {
  const end = bytes.indexOf("\r\n\r\n");
  const head = (end < 0 ? bytes : bytes.subarray(0, end)).toString("latin1");
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1];
  return {
    status: status === undefined ? undefined : Number(status),
    head,
    body: end < 0 ? Buffer.alloc(0) : bytes.subarray(end + 4),
  };
}

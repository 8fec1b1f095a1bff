/**
 * Memory and CPU bounds of the server, measured in its own process: oversized uploads and JSON
 * bodies are refused as their bytes arrive (the server's peak RSS grows by a fraction of what was
 * sent), and repeated form fields cost linear time. Bodies are streamed with chunked encoding, so no
 * Content-Length lets the server refuse them up front: the limits checked here are the ones that
 * count bytes.
 */
import { request } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { type ServerProcess, startServerProcess } from "./support/server-process.js";

const MB = 1024 * 1024;
let server: ServerProcess | undefined;
afterEach(() => server?.close());

interface Upload {
  status: number;
  /** Body bytes the client had written when the answer arrived. */
  sentBeforeAnswer: number;
}

/**
 * Streams `total` bytes of body made of `pieces` (generated lazily, so the test holds one piece at a
 * time) and stops writing as soon as the answer arrives.
 */
function upload(url: string, contentType: string, pieces: Iterable<Buffer>): Promise<Upload> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = request(url, {
      method: "POST",
      headers: { authorization: "Bearer k", "content-type": contentType, "transfer-encoding": "chunked" },
    });
    req.on("response", (res) => {
      answered = true;
      resolve({ status: res.statusCode ?? 0, sentBeforeAnswer: sent });
      // The body was cut short: this connection cannot carry another request.
      res.resume();
      res.on("end", () => req.destroy());
    });
    // The server may cut the connection once it has answered and dropped a bounded rest.
    req.on("error", (err) => {
      if (!answered) reject(err);
    });
    const iterator = pieces[Symbol.iterator]();
    const pump = () => {
      for (;;) {
        if (answered || req.destroyed) return;
        const next = iterator.next();
        if (next.done) {
          req.end();
          return;
        }
        sent += next.value.length;
        if (!req.write(next.value)) {
          req.once("drain", pump);
          return;
        }
      }
    };
    pump();
  });
}

/** `count` repeats of `piece`: a long body from one buffer. */
function* repeat(piece: Buffer, count: number): Generator<Buffer> {
  for (let i = 0; i < count; i++) yield piece;
}

/** Peak RSS growth of the server process while `work` runs, from a collected baseline. */
async function peakGrowth(target: ServerProcess, work: () => Promise<void>): Promise<number> {
  const before = await target.stats(true);
  await work();
  const after = await target.stats(true);
  // maxRss is the peak since the process started; measured from the baseline this over-counts, never under.
  return after.maxRss - before.rss;
}

describe("the server's memory and CPU under oversized requests", () => {
  it("17 image parts of 49 MB: refused while the second arrives, peak RSS growth under 100 MB", async () => {
    const started = await startServerProcess();
    server = started;
    const boundary = "memoryBoundary";
    const fileChunk = Buffer.alloc(MB, 0x41);
    function* body(): Generator<Buffer> {
      yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="prompt"\r\n\r\nx\r\n`);
      for (let i = 0; i < 17; i++) {
        yield Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="image[]"; filename="${i}.png"\r\n` +
            "Content-Type: image/png\r\n\r\n",
        );
        yield* repeat(fileChunk, 49);
        yield Buffer.from("\r\n");
      }
      yield Buffer.from(`--${boundary}--\r\n`);
    }
    let result: Upload | undefined;
    const growth = await peakGrowth(started, async () => {
      result = await upload(
        `${started.url}/images/edits`,
        `multipart/form-data; boundary=${boundary}`,
        body(),
      );
    });
    expect(result?.status).toBe(413);
    // The whole body is 833 MB; the default total limit is 56 MiB.
    expect(result?.sentBeforeAnswer).toBeLessThan(200 * MB);
    expect(growth).toBeLessThan(100 * MB);
    console.log(`17 x 49 MB parts: peak RSS growth ${(growth / MB).toFixed(1)} MB`);
  });

  it("a 99 MB JSON body: refused at its 1 MiB limit, without buffering it", async () => {
    const started = await startServerProcess();
    server = started;
    function* body(): Generator<Buffer> {
      yield Buffer.from('{"prompt":"');
      yield* repeat(Buffer.alloc(MB, 0x78), 99);
      yield Buffer.from('"}');
    }
    let result: Upload | undefined;
    const growth = await peakGrowth(started, async () => {
      result = await upload(`${started.url}/images/generations`, "application/json", body());
    });
    expect(result?.status).toBe(413);
    expect(result?.sentBeforeAnswer).toBeLessThan(50 * MB);
    expect(growth).toBeLessThan(50 * MB);
    console.log(`99 MB JSON body: peak RSS growth ${(growth / MB).toFixed(1)} MB`);
  });

  it("60,000 repeated fields: refused at the field limit by default, parsed in linear time when allowed", async () => {
    const boundary = "fieldsBoundary";
    const field = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="prompt"\r\n\r\nx\r\n`);
    const body = () => [...repeat(field, 60_000), Buffer.from(`--${boundary}--\r\n`)];
    const contentType = `multipart/form-data; boundary=${boundary}`;

    const started = await startServerProcess();
    server = started;
    const refused = await upload(`${started.url}/images/edits`, contentType, body());
    expect(refused.status).toBe(413);
    await started.close();

    // With the limit raised every field is read; the request's CPU time is measured in the server.
    const lenient = await startServerProcess({ limits: { fields: 100_000 } });
    server = lenient;
    // A small form first, so the measured request does not also pay for compiling the parser.
    await upload(`${lenient.url}/images/edits`, contentType, [
      ...repeat(field, 10),
      Buffer.from(`--${boundary}--\r\n`),
    ]);
    const before = await lenient.stats();
    const answered = await upload(`${lenient.url}/images/edits`, contentType, body());
    const cpuMs = ((await lenient.stats()).cpuMicros - before.cpuMicros) / 1000;
    // Sixty thousand prompts are not a valid edit: a 400 from the spec check, after parsing them all.
    expect(answered.status).toBe(400);
    expect(cpuMs).toBeLessThan(1000);
    console.log(`60,000 repeated fields: ${cpuMs.toFixed(0)} ms of server CPU`);
  });
});

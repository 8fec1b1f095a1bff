/**
 * (4) Uploads: peak RSS growth of a process that edits with 1 and with 16 files of 25 MiB read from
 * disk. Ours uploads `fileFromPath` blobs through its Node transport; the SDK gets `fs.createReadStream`
 * streams, which v6 encodes as a streaming multipart body. The server only drains the body, so its
 * cost (and any validation) stays out of the numbers; it also checks that every byte arrived.
 */
import { alternate } from "../lib/alternate.js";
import { runWorker } from "../lib/child.js";
import { ensureUploadFiles } from "../lib/fixtures.js";
import type { ClientName, UploadResult } from "../lib/protocol.js";
import type { MeasureResult, Row } from "../lib/report.js";
import { startJsonServer } from "../lib/servers.js";
import { MiB, mb, median, ratio, spread } from "../lib/stats.js";

const FILE_SIZE = 25 * MiB;
const COUNTS = [1, 16] as const;
const PROCESSES = 3;
/** "Flat": going from 1 to 16 files (+375 MiB of input) may add at most this much peak RSS. */
const FLAT_SLACK = 16 * MiB;
const LIMIT = 64 * MiB;

export async function measureUploads(): Promise<MeasureResult> {
  const files = ensureUploadFiles(Math.max(...COUNTS), FILE_SIZE);
  const server = await startJsonServer();
  try {
    const byCount = new Map<number, Awaited<ReturnType<typeof alternate<UploadResult>>>>();
    for (const count of COUNTS) {
      const upload = async (client: ClientName): Promise<UploadResult> => {
        const before = server.bytesReceived();
        const result = await runWorker<UploadResult>(client, {
          task: "upload",
          baseUrl: server.url,
          files: files.slice(0, count),
        });
        const sent = server.bytesReceived() - before;
        if (sent < count * FILE_SIZE) {
          throw new Error(`${client} sent ${sent} bytes for ${count} × ${FILE_SIZE}`);
        }
        return result;
      };
      byCount.set(count, await alternate(PROCESSES, ["sdk", "ours"], upload));
    }

    const growth = (rs: UploadResult[]) => rs.map((r) => r.peakRss - r.baselineRss);
    const one = byCount.get(1);
    const sixteen = byCount.get(16);
    if (!one || !sixteen) throw new Error("upload samples missing");
    const has = one.results.ours.length > 0 && sixteen.results.ours.length > 0;
    const med = (rs: UploadResult[]) => (rs.length > 0 ? median(growth(rs)) : Number.NaN);
    const ours1 = med(one.results.ours);
    const ours16 = med(sixteen.results.ours);
    const sdk1 = med(one.results.sdk);
    const sdk16 = med(sixteen.results.sdk);

    // Diagnostic rows: the same uploads of ours with a forced GC every 20 ms. What disappears here was
    // garbage V8 had not collected yet; what stays is memory the upload path holds.
    const forced = new Map<number, number>();
    if (has) {
      for (const count of COUNTS) {
        const r = await runWorker<UploadResult>(
          "ours",
          { task: "upload", baseUrl: server.url, files: files.slice(0, count), gcEveryMs: 20 },
          ["--expose-gc"],
        );
        forced.set(count, r.peakRss - r.baselineRss);
      }
    }
    const forced1 = forced.get(1) ?? Number.NaN;
    const forced16 = forced.get(16) ?? Number.NaN;

    const rows: Row[] = [
      {
        measure: "upload peak RSS growth, 1 × 25 MB",
        ours: has ? mb(ours1) : "—",
        sdk: mb(sdk1),
        ratio: has ? ratio(ours1, sdk1) : "—",
        target: "",
        verdict: has ? "info" : "unavailable",
      },
      {
        measure: "upload peak RSS growth, 16 × 25 MB",
        ours: has ? mb(ours16) : "—",
        sdk: mb(sdk16),
        ratio: has ? ratio(ours16, sdk16) : "—",
        target: "ours ≤ 64 MB",
        verdict: has ? (ours16 <= LIMIT ? "pass" : "miss") : "unavailable",
      },
      {
        measure: "upload growth, 16 files minus 1 file",
        ours: has ? mb(ours16 - ours1, 2) : "—",
        sdk: mb(sdk16 - sdk1),
        ratio: "",
        target: "ours ≤ 16 MB (flat)",
        verdict: has ? (ours16 - ours1 <= FLAT_SLACK ? "pass" : "miss") : "unavailable",
      },
      {
        measure: "upload peak RSS growth, ours with GC every 20 ms: 1 file → 16 files",
        ours: has ? `${mb(forced1)} → ${mb(forced16)}` : "—",
        sdk: "",
        ratio: "",
        target: "",
        verdict: has ? "info" : "unavailable",
      },
    ];
    const describe = (name: string, count: number, rs: UploadResult[]) =>
      rs.length === 0
        ? `${name} ${count} file(s): n/a`
        : `${name} ${count} file(s): growth ${spread(growth(rs).map((b) => b / MiB))} MB, time ${spread(
            rs.map((r) => r.timeMs),
            0,
          )} ms, absolute peak RSS median ${mb(median(rs.map((r) => r.peakRss)))}`;
    const errors = [one.errors.ours, sixteen.errors.ours].filter((e): e is string => e !== undefined);
    const notes = errors.length > 0 ? [`Uploads (ours) not measured: ${errors[0]}`] : [];
    if (has && ours16 > LIMIT) {
      notes.push(
        `Upload peak RSS growth misses its target by ${mb(ours16 - LIMIT)}: ${mb(ours16)} for 16 files.`,
      );
    }
    if (has && ours16 - ours1 > FLAT_SLACK) {
      notes.push(
        `Upload flatness misses its target by ${mb(ours16 - ours1 - FLAT_SLACK, 2)}: 16 files raise the peak ${mb(
          ours16 - ours1,
          2,
        )} more than 1 file (allowed: ${mb(FLAT_SLACK)}), for ${mb(
          (16 - 1) * FILE_SIZE,
        )} more input (${(((ours16 - ours1) / ((16 - 1) * FILE_SIZE)) * 100).toFixed(1)}% of it; the SDK: ${(
          ((sdk16 - sdk1) / ((16 - 1) * FILE_SIZE)) * 100
        ).toFixed(0)}%). With a forced GC every 20 ms the same uploads grow ${mb(forced1)} and ${mb(
          forced16,
        )}, a difference of ${mb(
          forced16 - forced1,
        )}: part of the extra is read chunks that were already sent but not yet collected (V8 collects lazily while the upload keeps allocating). Closing the rest needs a closer look at the Node transport's read path (chunk size, chunks in flight); the 64 MB cap itself is met with room to spare.`,
      );
    }
    if (sdk16 - sdk1 > FLAT_SLACK) {
      notes.push(
        `SDK upload memory grows with input (${mb(sdk16 - sdk1)} more for 16 files than for 1, ${(
          ((sdk16 - sdk1) / ((16 - 1) * FILE_SIZE)) * 100
        ).toFixed(
          0,
        )}% of the extra input). This run does not measure which layer holds the bytes: the SDK's multipart encoder or Node's built-in fetch (undici), which nodejs/undici#4058 reports keeping a streamed request body for a redirect replay. To find out, upload the same 16 files from a worker with a bare \`fetch(url, { method: "POST", body: stream, duplex: "half" })\` of one multipart stream and compare its peak RSS growth with the SDK's. Our Node transport sends over node:http instead.`,
      );
    }
    return {
      rows,
      details: [
        `Uploads: ${PROCESSES} processes per client and file count; files are ${FILE_SIZE} B each (PNG header + padding) in bench/.work/uploads/.`,
        ...COUNTS.flatMap((count) => {
          const s = count === 1 ? one : sixteen;
          return [describe("ours", count, s.results.ours), describe("SDK", count, s.results.sdk)];
        }),
      ],
      notes,
    };
  } finally {
    await server.close();
  }
}

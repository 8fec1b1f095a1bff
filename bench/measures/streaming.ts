/**
 * (3) Streaming: each client, in its own process, consumes a generation stream of 3 partial images and
 * a completed event, each with 3 MiB of base64, from the same loopback SSE server. Wall time is from the
 * call to the end of the stream; memory is the process's peak RSS above its RSS just before streaming.
 */
import { alternate } from "../lib/alternate.js";
import { runWorker } from "../lib/child.js";
import type { StreamResult } from "../lib/protocol.js";
import type { MeasureResult, Row } from "../lib/report.js";
import { buildStreamPayload, startStreamServer } from "../lib/servers.js";
import { MiB, mb, median, ms, ratio, spread } from "../lib/stats.js";

const PROCESSES = 5;
const WARMUP = 1;
const RUNS = 5;
const PARTIALS = 3;
const B64_CHARS = 3 * MiB;

export async function measureStreaming(): Promise<MeasureResult> {
  const payload = buildStreamPayload(PARTIALS, B64_CHARS);
  const server = await startStreamServer(payload);
  try {
    const samples = await alternate(PROCESSES, async (client) => {
      const result = await runWorker<StreamResult>(client, {
        task: "stream",
        baseUrl: server.url,
        warmup: WARMUP,
        runs: RUNS,
      });
      if (result.events !== PARTIALS + 1) {
        throw new Error(`${client} saw ${result.events} events, expected ${PARTIALS + 1}`);
      }
      return result;
    });
    const times = (rs: StreamResult[]) => rs.flatMap((r) => r.timesMs);
    const growth = (rs: StreamResult[]) => rs.map((r) => r.peakRss - r.baselineRss);
    const sdkTime = median(times(samples.sdk));
    const sdkGrowth = median(growth(samples.sdk));
    const has = samples.ours.length > 0;
    const oursTime = has ? median(times(samples.ours)) : Number.NaN;
    const oursGrowth = has ? median(growth(samples.ours)) : Number.NaN;
    const rows: Row[] = [
      {
        measure: "streaming, wall time (3 × 3 MB partials + completed)",
        ours: has ? ms(oursTime) : "—",
        sdk: ms(sdkTime),
        ratio: has ? ratio(oursTime, sdkTime) : "—",
        target: "≤ 1.00× (≥ 1× SDK speed)",
        verdict: has ? (oursTime <= sdkTime ? "pass" : "miss") : "unavailable",
      },
      {
        measure: "streaming, peak RSS growth",
        ours: has ? mb(oursGrowth) : "—",
        sdk: mb(sdkGrowth),
        ratio: has ? ratio(oursGrowth, sdkGrowth) : "—",
        target: "≤ 1.00× (no more memory)",
        verdict: has ? (oursGrowth <= sdkGrowth ? "pass" : "miss") : "unavailable",
      },
    ];
    const describe = (name: string, rs: StreamResult[]) =>
      rs.length === 0
        ? `${name}: n/a`
        : `${name}: time ${spread(times(rs))} ms over ${times(rs).length} streams, peak RSS growth ${spread(
            growth(rs).map((b) => b / MiB),
          )} MB, absolute peak RSS median ${mb(median(rs.map((r) => r.peakRss)))}`;
    return {
      rows,
      details: [
        `Streaming: payload ${mb(payload.length)} (${PARTIALS} partials + completed, ${B64_CHARS} base64 chars each), written in 64 KiB chunks; ${PROCESSES} processes per client, each ${WARMUP} warm-up + ${RUNS} timed streams.`,
        describe("ours", samples.ours),
        describe("SDK", samples.sdk),
      ],
      notes: samples.oursError ? [`Streaming (ours) not measured: ${samples.oursError}`] : [],
    };
  } finally {
    await server.close();
  }
}

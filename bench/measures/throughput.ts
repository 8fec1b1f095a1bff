/**
 * (5) Throughput: 200 small generate calls at concurrency 16 against a loopback server that answers a
 * tiny valid `ImagesResponse` at once. Each client runs in its own process after a warm-up that opens
 * its keep-alive connections.
 */
import { alternate } from "../lib/alternate.js";
import { runWorker } from "../lib/child.js";
import type { ThroughputResult } from "../lib/protocol.js";
import type { MeasureResult } from "../lib/report.js";
import { startJsonServer } from "../lib/servers.js";
import { median, ratio, spread } from "../lib/stats.js";

const PROCESSES = 5;
const CALLS = 200;
const CONCURRENCY = 16;
const WARMUP = 48;

export async function measureThroughput(): Promise<MeasureResult> {
  const server = await startJsonServer();
  try {
    const samples = await alternate(PROCESSES, (client) =>
      runWorker<ThroughputResult>(client, {
        task: "throughput",
        baseUrl: server.url,
        calls: CALLS,
        concurrency: CONCURRENCY,
        warmup: WARMUP,
      }),
    );
    const rps = (rs: ThroughputResult[]) => rs.map((r) => r.requestsPerSecond);
    const sdk = median(rps(samples.sdk));
    const has = samples.ours.length > 0;
    const ours = has ? median(rps(samples.ours)) : Number.NaN;
    return {
      rows: [
        {
          measure: `throughput, ${CALLS} generates at concurrency ${CONCURRENCY}`,
          ours: has ? `${ours.toFixed(0)} req/s` : "—",
          sdk: `${sdk.toFixed(0)} req/s`,
          ratio: has ? ratio(ours, sdk) : "—",
          target: "≥ 1.00×",
          verdict: has ? (ours >= sdk ? "pass" : "miss") : "unavailable",
        },
      ],
      details: [
        `Throughput: ${PROCESSES} processes per client, ${WARMUP} warm-up calls each. req/s ours ${
          has ? spread(rps(samples.ours), 0) : "n/a"
        }, SDK ${spread(rps(samples.sdk), 0)}.`,
      ],
      notes: samples.oursError ? [`Throughput (ours) not measured: ${samples.oursError}`] : [],
    };
  } finally {
    await server.close();
  }
}

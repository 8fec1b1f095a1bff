/**
 * (5) Throughput: 200 small generate calls at concurrency 16 against a loopback server that answers a
 * tiny valid `ImagesResponse` at once. Each client runs in its own process after a warm-up that opens
 * its keep-alive connections. `ours` uses the runtime's fetch like the SDK; `ours-node` is an extra row.
 */
import { alternate } from "../lib/alternate.js";
import { runWorker } from "../lib/child.js";
import type { ThroughputResult } from "../lib/protocol.js";
import type { MeasureResult, Row } from "../lib/report.js";
import { startJsonServer } from "../lib/servers.js";
import { median, ratio, spread } from "../lib/stats.js";

const PROCESSES = 5;
const CALLS = 200;
const CONCURRENCY = 16;
const WARMUP = 48;

const rps = (rs: ThroughputResult[]) => rs.map((r) => r.requestsPerSecond);

export async function measureThroughput(): Promise<MeasureResult> {
  const server = await startJsonServer();
  try {
    const { results, errors } = await alternate(PROCESSES, ["sdk", "ours", "ours-node"], (client) =>
      runWorker<ThroughputResult>(client, {
        task: "throughput",
        baseUrl: server.url,
        calls: CALLS,
        concurrency: CONCURRENCY,
        warmup: WARMUP,
      }),
    );
    const sdk = median(rps(results.sdk));
    const rowFor = (name: "ours" | "ours-node", label: string, judged: boolean): Row => {
      const rs = results[name];
      const has = rs.length > 0;
      const value = has ? median(rps(rs)) : Number.NaN;
      return {
        measure: `throughput, ${CALLS} generates at concurrency ${CONCURRENCY}${label}`,
        ours: has ? `${value.toFixed(0)} req/s` : "—",
        sdk: `${sdk.toFixed(0)} req/s`,
        ratio: has ? ratio(value, sdk) : "—",
        target: judged ? "≥ 1.00×" : "",
        verdict: !has ? "unavailable" : judged ? (value >= sdk ? "pass" : "miss") : "info",
      };
    };
    const describe = (name: string, rs: ThroughputResult[]) =>
      `${name} ${rs.length > 0 ? spread(rps(rs), 0) : "n/a"}`;
    return {
      rows: [rowFor("ours", "", true), rowFor("ours-node", ", ours on Node transport", false)],
      details: [
        `Throughput: ${PROCESSES} processes per client, ${WARMUP} warm-up calls each. req/s ${[
          describe("ours", results.ours),
          describe("ours (Node transport)", results["ours-node"]),
          describe("SDK", results.sdk),
        ].join(", ")}.`,
      ],
      notes: Object.entries(errors).map(([client, error]) => `Throughput (${client}) not measured: ${error}`),
    };
  } finally {
    await server.close();
  }
}

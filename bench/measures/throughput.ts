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

const PROCESSES = 9;
const CALLS = 200;
const CONCURRENCY = 16;
const WARMUP = 48;

const rps = (rs: ThroughputResult[]) => rs.map((r) => r.requestsPerSecond);
const cpu = (rs: ThroughputResult[]) => rs.map((r) => r.cpuUsPerCall);

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
      rs.length > 0
        ? `${name} ${spread(rps(rs), 0)} req/s, ${spread(cpu(rs), 0)} µs CPU/call`
        : `${name} n/a`;
    const sdkCpu = median(cpu(results.sdk));
    const cpuRow = (name: "ours" | "ours-node", label: string): Row => {
      const rs = results[name];
      const value = rs.length > 0 ? median(cpu(rs)) : Number.NaN;
      return {
        measure: `throughput, client CPU per call${label}`,
        ours: rs.length > 0 ? `${value.toFixed(0)} µs` : "—",
        sdk: `${sdkCpu.toFixed(0)} µs`,
        ratio: rs.length > 0 ? ratio(value, sdkCpu) : "—",
        target: "",
        verdict: rs.length > 0 ? "info" : "unavailable",
      };
    };
    const ours = results.ours.length > 0 ? median(rps(results.ours)) : Number.NaN;
    const oursNode = results["ours-node"].length > 0 ? median(rps(results["ours-node"])) : Number.NaN;
    const notes = Object.entries(errors).map(
      ([client, error]) => `Throughput (${client}) not measured: ${error}`,
    );
    const oursCpu = results.ours.length > 0 ? median(cpu(results.ours)) : Number.NaN;
    if (ours < sdk) {
      const head = `Throughput misses its target by ${(((sdk - ours) / sdk) * 100).toFixed(0)}%: ${ours.toFixed(
        0,
      )} against ${sdk.toFixed(0)} req/s on the same built-in fetch (undici). Per call our client spends ${oursCpu.toFixed(
        0,
      )} µs of CPU against the SDK's ${sdkCpu.toFixed(0)} µs`;
      const why = throughputWhy(rps(results.ours), rps(results.sdk), oursCpu, sdkCpu);
      notes.push(
        `${head}. ${why} On \`openai-images/node\`'s transport, which Node users get by default, ours does ${oursNode.toFixed(
          0,
        )} req/s (${ratio(oursNode, sdk)} of the SDK).`,
      );
    }
    return {
      rows: [
        rowFor("ours", "", true),
        cpuRow("ours", ""),
        rowFor("ours-node", ", ours on Node transport", false),
        cpuRow("ours-node", ", ours on Node transport"),
      ],
      details: [
        `Throughput: ${PROCESSES} processes per client, ${WARMUP} warm-up calls each. ${[
          describe("ours", results.ours),
          describe("ours (Node transport)", results["ours-node"]),
          describe("SDK", results.sdk),
        ].join(", ")}.`,
      ],
      notes,
    };
  } finally {
    await server.close();
  }
}

/**
 * What this run measured about a throughput miss, and what to run for its cause: the run measures rates
 * and CPU per call, never where the time goes.
 */
export function throughputWhy(
  oursRates: readonly number[],
  sdkRates: readonly number[],
  oursCpu: number,
  sdkCpu: number,
): string {
  const overlap =
    Math.max(...oursRates) >= Math.min(...sdkRates) && Math.max(...sdkRates) >= Math.min(...oursRates);
  const cpu =
    oursCpu > sdkCpu
      ? `Our client used more CPU per call than the SDK (${ratio(oursCpu, sdkCpu)})`
      : `Our client used no more CPU per call than the SDK (${ratio(oursCpu, sdkCpu)})`;
  const spreadText = `per-process rates: ours ${spread(oursRates, 0)}, SDK ${spread(sdkRates, 0)} req/s`;
  return `${cpu}; the ${spreadText}, which ${
    overlap
      ? "overlap, so the gap between the medians is within process-to-process variation in this run"
      : "do not overlap"
  }. This run does not measure where the time goes. To find out, profile a throughput worker of each client with \`node --cpu-prof\` (the workers are \`bench/workers/client-worker.ts\`, started by \`bench/lib/child.ts\`, which takes node flags) and compare, and rerun \`npm run bench -- --only throughput\` on an idle machine to see whether the gap stays.`;
}

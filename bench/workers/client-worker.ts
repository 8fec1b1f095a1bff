/**
 * Child-process entry: loads ONE client, does one task, prints `RESULT <json>`.
 * Usage (after `bench/lib/compile.ts` has compiled it): `node client-worker.js <ours|ours-node|sdk> '<task json>'`.
 * Running each client alone in a fresh process keeps its peak RSS free of the other client and of the
 * servers, which live in the orchestrator.
 */
import { performance } from "node:perf_hooks";
import type { BenchClient, CreateBenchClient } from "../adapters/types.js";
import {
  type ClientName,
  RESULT_PREFIX,
  type StreamResult,
  type ThroughputResult,
  type UploadResult,
  type WorkerResult,
  type WorkerTask,
} from "../lib/protocol.js";

async function loadClient(name: ClientName, baseUrl: string): Promise<BenchClient> {
  // Dynamic import by name so that only the client under test is ever loaded in this process.
  const module = (await import(`../adapters/${name}.js`)) as { create: CreateBenchClient };
  return module.create(baseUrl);
}

/** Peak RSS of this process so far, in bytes (`maxRSS` is reported in kilobytes). */
function peakRss(): number {
  return process.resourceUsage().maxRSS * 1024;
}

async function stream(
  name: ClientName,
  task: Extract<WorkerTask, { task: "stream" }>,
): Promise<StreamResult> {
  const client = await loadClient(name, task.baseUrl);
  const baselineRss = process.memoryUsage().rss;
  let events = 0;
  for (let i = 0; i < task.warmup; i++) events = await client.streamGenerate();
  const timesMs: number[] = [];
  for (let i = 0; i < task.runs; i++) {
    const start = performance.now();
    events = await client.streamGenerate();
    timesMs.push(performance.now() - start);
  }
  return { task: "stream", timesMs, events, baselineRss, peakRss: peakRss() };
}

async function upload(
  name: ClientName,
  task: Extract<WorkerTask, { task: "upload" }>,
): Promise<UploadResult> {
  const client = await loadClient(name, task.baseUrl);
  // Diagnostic only (needs --expose-gc): tells garbage not yet collected apart from memory held.
  const gc = (globalThis as { gc?: () => void }).gc;
  const timer = task.gcEveryMs && gc ? setInterval(gc, task.gcEveryMs) : undefined;
  const baselineRss = process.memoryUsage().rss;
  const start = performance.now();
  await client.editFromDisk(task.files);
  const timeMs = performance.now() - start;
  clearInterval(timer);
  return { task: "upload", timeMs, baselineRss, peakRss: peakRss() };
}

async function throughput(
  name: ClientName,
  task: Extract<WorkerTask, { task: "throughput" }>,
): Promise<ThroughputResult> {
  const client = await loadClient(name, task.baseUrl);
  const run = async (calls: number): Promise<void> => {
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < calls) {
        next++;
        await client.generate();
      }
    };
    await Promise.all(Array.from({ length: Math.min(task.concurrency, calls) }, lane));
  };
  // Warm-up opens the keep-alive connections and lets the JIT settle, for both clients alike.
  await run(task.warmup);
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  await run(task.calls);
  const timeMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuBefore);
  return {
    task: "throughput",
    timeMs,
    requestsPerSecond: (task.calls / timeMs) * 1000,
    cpuUsPerCall: (cpu.user + cpu.system) / task.calls,
  };
}

async function main(): Promise<void> {
  const [name, json] = process.argv.slice(2);
  if ((name !== "ours" && name !== "ours-node" && name !== "sdk") || !json) {
    throw new Error("usage: client-worker <ours|ours-node|sdk> '<task json>'");
  }
  const task = JSON.parse(json) as WorkerTask;
  let result: WorkerResult;
  switch (task.task) {
    case "stream":
      result = await stream(name, task);
      break;
    case "upload":
      result = await upload(name, task);
      break;
    case "throughput":
      result = await throughput(name, task);
      break;
    case "validate": {
      // Loaded only here: the other tasks must not pay for our model rules in their memory numbers.
      const { validateTask } = await import("./validate-task.js");
      result = await validateTask(task);
      break;
    }
  }
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

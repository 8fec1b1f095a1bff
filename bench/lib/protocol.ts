/**
 * What the orchestrator (`bench/run.ts`) and the child worker (`bench/workers/client-worker.ts`) exchange.
 * Each measurement that needs clean memory numbers runs in its own Node process; the worker prints one
 * `RESULT <json>` line on stdout.
 */

/**
 * Which client a child process loads (and only that one, so its memory is not mixed with the other's):
 * `ours` (main entry, runtime fetch), `ours-node` (`openai-images/node`, Node transport), `sdk`.
 */
export type ClientName = "ours" | "ours-node" | "sdk";

export type WorkerTask =
  | { task: "stream"; baseUrl: string; warmup: number; runs: number }
  | { task: "upload"; baseUrl: string; files: string[]; gcEveryMs?: number }
  | { task: "throughput"; baseUrl: string; calls: number; concurrency: number; warmup: number }
  | { task: "validate"; iterations: number; batches: number };

/** Memory as seen by the child: RSS before the work began and the process's lifetime peak RSS. */
export interface MemorySample {
  /** `process.memoryUsage().rss` just before the measured work (after imports and client creation). */
  baselineRss: number;
  /** `process.resourceUsage().maxRSS` (kernel high-water mark) after the work, in bytes. */
  peakRss: number;
}

export interface StreamResult extends MemorySample {
  task: "stream";
  /** Wall time of each measured stream, from the call to the completed event. */
  timesMs: number[];
  /** Events seen in the last stream (sanity check: 3 partials + 1 completed). */
  events: number;
}

export interface UploadResult extends MemorySample {
  task: "upload";
  timeMs: number;
}

export interface ThroughputResult {
  task: "throughput";
  timeMs: number;
  requestsPerSecond: number;
  /** Client CPU time (user + system) per call: the server runs elsewhere, so this is the client's cost. */
  cpuUsPerCall: number;
}

export interface ValidateResult {
  task: "validate";
  /** Mean microseconds per full pre-flight (4 header reads + rule check), one entry per batch. */
  preflightUs: number[];
  /** Mean microseconds per rule check alone (`validateRequest`), one entry per batch. */
  rulesUs: number[];
  /** Issues the rules reported for the request (must be 0: it is a valid request). */
  issues: number;
}

export type WorkerResult = StreamResult | UploadResult | ThroughputResult | ValidateResult;

export const RESULT_PREFIX = "RESULT ";

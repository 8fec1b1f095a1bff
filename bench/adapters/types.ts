/**
 * One client as the benchmark drives it. Each adapter does the same work through its own client's
 * public API, the way its README tells a user to; the worker times and measures around these calls.
 */
export interface BenchClient {
  /** Streams one generation with 3 partial images and resolves with the number of events consumed. */
  streamGenerate(): Promise<number>;
  /** One small, non-streaming generation. */
  generate(): Promise<void>;
  /** One edit uploading these files from disk through the client's streaming upload path. */
  editFromDisk(paths: readonly string[]): Promise<void>;
}

/** Every adapter module exports `create` with this signature. */
export type CreateBenchClient = (baseUrl: string) => BenchClient;

/** The key the servers accept; nothing here reaches a non-loopback address. */
export const BENCH_API_KEY = "sk-bench-not-a-real-key";

export const PROMPT = "a cute baby sea otter";

/**
 * Child process of `npm run bench:batch`: runs N generate lines against the given server either
 * through the batch runner (`runBatch`, live engine: validation, throttle, images and an fsync'd
 * manifest) or through a hand-written `Promise.all` pool over the plain client that only writes the
 * images. Prints one `RESULT <json>` line.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseJsonl, runBatch } from "../../src/batch/index.js";
import { createImagesClient, imageBytes } from "../../src/node/index.js";
import { RESULT_PREFIX } from "../lib/protocol.js";

export interface BatchTask {
  mode: "runner" | "pool";
  baseUrl: string;
  lines: number;
  concurrency: number;
  warmup: number;
}

export interface BatchResult {
  mode: "runner" | "pool";
  timeMs: number;
  linesPerSecond: number;
  /** RSS after imports and set-up, before the run. */
  baselineRss: number;
  /** Lifetime peak RSS (kernel high-water mark), bytes. */
  peakRss: number;
  /** V8 heap in use after the run and two full collections: what the run kept alive. */
  retainedHeap: number;
}

const PARAMS = { model: "gpt-image-2", size: "256x256", quality: "low" } as const;

/** The measured work; its input goes out of scope when it returns, so the heap row shows what stayed. */
async function runLines(
  task: BatchTask,
  client: ReturnType<typeof createImagesClient>,
  out: string,
): Promise<void> {
  const lines = Array.from({ length: task.lines }, (_, i) => ({
    id: `line-${i + 1}`,
    prompt: `bench line ${i + 1}`,
  }));
  if (task.mode === "runner") {
    const text = lines.map((l) => JSON.stringify({ ...l, ...PARAMS })).join("\n");
    const summary = await runBatch({ client, input: parseJsonl(text), out, concurrency: task.concurrency });
    if (summary.counts.done !== task.lines) throw new Error(`runner finished ${summary.counts.done} lines`);
    return;
  }
  let next = 0;
  const worker = async () => {
    while (next < lines.length) {
      const line = lines[next++] as (typeof lines)[number];
      const res = await client.generate({ ...PARAMS, prompt: line.prompt });
      await writeFile(join(out, `${line.id}.png`), imageBytes(res.data?.[0] ?? {}));
    }
  };
  await Promise.all(Array.from({ length: task.concurrency }, worker));
}

async function main(): Promise<void> {
  const task = JSON.parse(process.argv[2] ?? "{}") as BatchTask;
  const client = createImagesClient({ apiKey: "bench", baseUrl: task.baseUrl, maxRetries: 0 });
  const out = mkdtempSync(join(tmpdir(), "openai-images-bench-batch-"));
  try {
    // Warm-up: open the keep-alive connections and let V8 compile the hot paths.
    await Promise.all(
      Array.from({ length: task.warmup }, (_, i) => client.generate({ ...PARAMS, prompt: `warm-up ${i}` })),
    );
    const baselineRss = process.memoryUsage().rss;
    const start = performance.now();
    await runLines(task, client, out);
    const timeMs = performance.now() - start;
    // Started with --expose-gc by the orchestrator.
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    gc?.();
    const result: BatchResult = {
      mode: task.mode,
      timeMs,
      linesPerSecond: (task.lines / timeMs) * 1000,
      baselineRss,
      peakRss: process.resourceUsage().maxRSS * 1024,
      retainedHeap: process.memoryUsage().heapUsed,
    };
    process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

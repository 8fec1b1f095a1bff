/** Runs the compiled worker in a fresh Node process and returns its parsed result. */
import { spawn } from "node:child_process";
import { compiled } from "./compile.js";
import { type ClientName, RESULT_PREFIX, type WorkerResult, type WorkerTask } from "./protocol.js";

export function runWorker<T extends WorkerResult>(
  client: ClientName,
  task: WorkerTask,
  nodeFlags: readonly string[] = [],
): Promise<T> {
  return new Promise((resolve, reject) => {
    // Async spawn, not spawnSync: the servers answering the child live in this process's event loop.
    const child = spawn(
      process.execPath,
      [...nodeFlags, compiled("bench/workers/client-worker.ts"), client, JSON.stringify(task)],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const line = stdout.split("\n").find((l) => l.startsWith(RESULT_PREFIX));
      if (code !== 0 || !line) {
        // The first error line is what a reader of RESULTS.md needs; the stack is noise there.
        const cause = stderr.split("\n").find((l) => /Error\b/.test(l)) ?? stderr.trim().split("\n").at(-1);
        reject(new Error(`${client} ${task.task} worker failed (exit ${code}): ${cause ?? "no output"}`));
        return;
      }
      resolve(JSON.parse(line.slice(RESULT_PREFIX.length)) as T);
    });
  });
}

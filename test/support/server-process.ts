/**
 * An Images server in a child process, for tests that must see the server survive (an exit is
 * visible, not a crashed test worker) and measure its memory and CPU apart from the test's own.
 */
import { type ChildProcess, fork } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { ImagesServerOptions } from "../../src/server/index.js";

/** Memory and CPU figures of the server's process. */
export interface ProcessStats {
  /** Resident set size now, in bytes. */
  rss: number;
  /** The highest resident set size since the process started, in bytes. */
  maxRss: number;
  /** CPU time used so far (user + system), in microseconds. */
  cpuMicros: number;
  /** Requests the server is handling now. */
  activeRequests: number;
}

/** Messages from the test to the child. */
export type ParentMessage = { type: "stats"; id: number; collect: boolean } | { type: "close" };
/** Messages from the child to the test. */
export type ChildMessage =
  | { type: "ready"; url: string }
  | { type: "stats"; id: number; stats: ProcessStats };

/** A running server process. */
export interface ServerProcess {
  /** Base URL ending in `/v1`. */
  readonly url: string;
  readonly port: number;
  /** The exit code, once the process has exited (`null` while it runs). */
  readonly exitCode: number | null;
  /** The child's figures; `collect` runs a full garbage collection first. */
  stats(collect?: boolean): Promise<ProcessStats>;
  /** Closes the server and waits for the process to exit. */
  close(): Promise<void>;
}

const root = fileURLToPath(new URL("../../", import.meta.url));
const tsxLoader = pathToFileURL(`${root}node_modules/tsx/dist/loader.mjs`).href;
const childScript = fileURLToPath(new URL("./server-process.child.ts", import.meta.url));

/**
 * Starts `startImagesServer(options)` in a child process (options must be JSON).
 *
 * @example
 * const server = await startServerProcess({ limits: { fields: 100_000 } });
 * const before = await server.stats(true);
 */
export async function startServerProcess(options: ImagesServerOptions = {}): Promise<ServerProcess> {
  const child: ChildProcess = fork(childScript, [JSON.stringify(options)], {
    execArgv: ["--expose-gc", "--import", tsxLoader],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const pending = new Map<number, (stats: ProcessStats) => void>();
  let nextId = 0;
  const ready = new Promise<string>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the server process exited early (code ${code})`)));
    child.on("message", (message: ChildMessage) => {
      if (message.type === "ready") resolve(message.url);
      else pending.get(message.id)?.(message.stats);
    });
  });
  const url = await ready;
  child.once("exit", (code) => {
    for (const [id] of pending) pending.delete(id);
    for (const reject of exitWaiters) reject(new Error(`the server process exited (code ${code})`));
  });
  const exitWaiters = new Set<(err: Error) => void>();
  return {
    url,
    port: Number(new URL(url).port),
    get exitCode() {
      return child.exitCode;
    },
    stats(collect = false) {
      const id = nextId++;
      return new Promise<ProcessStats>((resolve, reject) => {
        if (child.exitCode !== null) {
          reject(new Error(`the server process has exited (code ${child.exitCode})`));
          return;
        }
        exitWaiters.add(reject);
        pending.set(id, (stats) => {
          pending.delete(id);
          exitWaiters.delete(reject);
          resolve(stats);
        });
        child.send({ type: "stats", id, collect } satisfies ParentMessage);
      });
    },
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, "exit");
      // A child that died is no longer connected; it only has its exit left to report.
      if (child.connected) child.send({ type: "close" } satisfies ParentMessage);
      await exited;
    },
  };
}

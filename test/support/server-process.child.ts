/**
 * The child side of `server-process.ts`: starts an Images server with the options given as JSON in
 * argv, reports its URL over IPC, and answers requests for its own memory and CPU figures. Run with
 * `--expose-gc`, so each figure can be taken after a full collection.
 */
import { type ImagesServerOptions, startImagesServer } from "../../src/server/index.js";
import type { ChildMessage, ParentMessage } from "./server-process.js";

const options = JSON.parse(process.argv[2] ?? "{}") as ImagesServerOptions;
const server = await startImagesServer(options);
const send = (message: ChildMessage) => process.send?.(message);

process.on("message", (message: ParentMessage) => {
  if (message.type === "stats") {
    if (message.collect) (globalThis as { gc?: () => void }).gc?.();
    const cpu = process.cpuUsage();
    send({
      type: "stats",
      id: message.id,
      stats: {
        rss: process.memoryUsage().rss,
        // resourceUsage() reports the peak resident set in kilobytes.
        maxRss: process.resourceUsage().maxRSS * 1024,
        cpuMicros: cpu.user + cpu.system,
        activeRequests: server.activeRequests,
      },
    });
  } else if (message.type === "close") {
    void server.close().then(() => process.exit(0));
  }
});
send({ type: "ready", url: server.url });

/**
 * `openai-images/node`: Node-only helpers. `createImagesClient` here is the main entry's client
 * with the Node transport (`createNodeFetch`) as its default `fetch`, and `fileFromPath` reads
 * uploads from disk without loading them into memory.
 */
import {
  createImagesClient as createUniversalClient,
  type ImagesClient,
  type ImagesClientOptions,
} from "../client.js";
import { nodeFs, nodePath } from "./builtins.js";
import { createNodeFetch } from "./transport.js";

// Everything from the main entry, so Node code needs one import; `createImagesClient` below is the
// Node flavour and takes precedence over the main entry's.
export * from "../index.js";
export { createNodeFetch, type NodeFetch, type NodeFetchOptions } from "./transport.js";

/**
 * A disk-backed `File`: its bytes are read from disk as the upload streams, and read again on a
 * retry. The content type is detected from the file's magic bytes when it is uploaded.
 *
 * @example
 * import { createImagesClient, fileFromPath } from "openai-images/node";
 * const client = createImagesClient();
 * await client.edit({ model: "gpt-image-1.5", image: await fileFromPath("otter.png"), prompt: "add a hat" });
 */
export async function fileFromPath(path: string, options: { filename?: string } = {}): Promise<File> {
  const blob = await nodeFs().openAsBlob(path);
  // Wrapping in a File only adds a name: Node keeps the disk-backed blob as the File's source.
  return new File([blob], options.filename ?? nodePath().basename(path));
}

/**
 * Creates an Images client that sends through the Node transport: uploads stream from disk with
 * backpressure (flat memory), and only the client's `timeout` limits a slow answer (no hidden
 * 5-minute timeouts). Same options as the main entry's `createImagesClient`.
 *
 * @example
 * import { createImagesClient } from "openai-images/node";
 * const client = createImagesClient({ timeout: 15 * 60_000 });
 */
export function createImagesClient(options: ImagesClientOptions = {}): ImagesClient {
  return createUniversalClient({ ...options, fetch: options.fetch ?? createNodeFetch() });
}

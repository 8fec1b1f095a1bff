/**
 * Which API the CLI talks to. With a key or a base URL: that API. With neither: the embedded local
 * server — started lazily, on the first request, so that option errors and requests the model rules
 * refuse never pay for loading sharp and compiling the spec.
 */
import type { FetchLike } from "../client.js";
import { createNodeFetch } from "../node/index.js";
import type { ImagesServer } from "../server/index.js";
import { loadServer } from "./embedded-server.js";

/** A placeholder origin the embedded transport replaces with the real server's. */
const EMBEDDED_BASE_URL = "http://embedded.invalid/v1";

/** The client settings of a connection, and how to release it. */
export interface Connection {
  baseUrl: string | undefined;
  fetch: FetchLike | undefined;
  /** Stops the embedded server, if one was started. */
  close(): Promise<void>;
}

/**
 * @example
 * const conn = connect({ apiKey: process.env.OPENAI_API_KEY, baseUrl: undefined, progress: console.error });
 * const client = createImagesClient({ apiKey: "local", baseUrl: conn.baseUrl, fetch: conn.fetch });
 */
export function connect(options: {
  apiKey: string | undefined;
  baseUrl: string | undefined;
  progress: (line: string) => void;
}): Connection {
  if (options.apiKey || options.baseUrl) {
    return { baseUrl: options.baseUrl, fetch: undefined, close: async () => {} };
  }
  const transport = createNodeFetch();
  let started: Promise<ImagesServer> | undefined;
  const start = async (): Promise<ImagesServer> => {
    // Loaded only here: sharp, busboy and ajv are not needed to talk to a real API.
    const { startImagesServer } = await loadServer(options.progress);
    // Serves whatever the CLI can ask for, the `variation` command included (see its help).
    const server = await startImagesServer({ retired: "serve" });
    options.progress(
      `No OPENAI_API_KEY or --base-url: using the embedded local Images server at ${server.url} (synthesized images).`,
    );
    return server;
  };
  return {
    baseUrl: EMBEDDED_BASE_URL,
    async fetch(request: Request): Promise<Response> {
      started ??= start();
      const server = await started;
      const url = new URL(request.url);
      const target = new URL(server.url);
      url.protocol = target.protocol;
      url.host = target.host;
      return transport(new Request(url, request));
    },
    async close() {
      if (started) await (await started).close();
    },
  };
}

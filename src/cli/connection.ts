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
  /**
   * The key to send: the caller's, else none (the library's rule: a request to OpenAI's API without
   * one is refused before sending; other servers get it without `Authorization`). The embedded
   * server, which takes any key, gets a placeholder.
   */
  apiKey: string | undefined;
  baseUrl: string | undefined;
  fetch: FetchLike | undefined;
  /** Stops the embedded server, if one was started. */
  close(): Promise<void>;
}

/**
 * @example
 * const conn = connect({ apiKey: process.env.OPENAI_API_KEY, baseUrl: undefined, progress: console.error });
 * const client = createImagesClient({ apiKey: conn.apiKey, baseUrl: conn.baseUrl, fetch: conn.fetch });
 */
export function connect(options: {
  apiKey: string | undefined;
  baseUrl: string | undefined;
  progress: (line: string) => void;
  /** The environment the embedded server's peers are installed with, when they must be. @default process.env */
  env?: Readonly<Record<string, string | undefined>> | undefined;
}): Connection {
  if (options.apiKey || options.baseUrl) {
    return { apiKey: options.apiKey, baseUrl: options.baseUrl, fetch: undefined, close: async () => {} };
  }
  const transport = createNodeFetch();
  let started: Promise<ImagesServer> | undefined;
  const start = async (): Promise<ImagesServer> => {
    // Loaded only here: sharp, busboy and ajv are not needed to talk to a real API.
    const { startImagesServer } = await loadServer(options.progress, options.env);
    // Serves whatever the CLI can ask for, the `variation` command included (see its help).
    const server = await startImagesServer({ retired: "serve" });
    options.progress(
      `No OPENAI_API_KEY or --base-url: using the embedded local Images server at ${server.url} (synthesized images).`,
    );
    return server;
  };
  return {
    apiKey: "local",
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

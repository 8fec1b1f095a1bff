/**
 * CORS for the local server, so that a page on another origin (a dev server, a test page) can call it
 * from a browser. Off unless asked for (`cors: true`, `serve --cors`): any origin may then call it,
 * which is what a local test server wants and a real deployment does not.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * Adds the CORS headers to every answer and answers a preflight itself. Returns `true` when the
 * request was a preflight and has been answered.
 *
 * @example
 * if (options.cors && answerCors(req, res)) return;
 */
export function answerCors(req: IncomingMessage, res: ServerResponse): boolean {
  res.setHeader("access-control-allow-origin", "*");
  // Without this a page could not read `x-request-id` or the retry headers the client honours.
  res.setHeader("access-control-expose-headers", "*");
  const preflight = req.method === "OPTIONS" && req.headers["access-control-request-method"] !== undefined;
  if (!preflight) return false;
  res.writeHead(204, {
    "access-control-allow-methods": "GET, HEAD, POST, OPTIONS",
    // Echoed rather than `*`: the wildcard never covers `Authorization`, which every client sends.
    "access-control-allow-headers": req.headers["access-control-request-headers"] ?? "",
    "access-control-max-age": "600",
    "content-length": "0",
  });
  res.end();
  return true;
}

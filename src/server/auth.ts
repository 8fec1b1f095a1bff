/** The API's authentication check: a non-empty bearer token (or Azure's `api-key`), optionally an exact one. */
import type { IncomingMessage } from "node:http";
import { failure, type HttpFailure } from "./http-io.js";

/**
 * The 401 for a request without a usable key, or `undefined` when it may proceed.
 *
 * @example
 * checkAuth(req, undefined)?.status // 401 when there is no `Authorization: Bearer …`
 */
export function checkAuth(req: IncomingMessage, apiKey: string | undefined): HttpFailure | undefined {
  const header = req.headers.authorization ?? "";
  const bearer = /^Bearer\s+(.*)$/i.exec(header)?.[1]?.trim();
  // Azure-style clients send `api-key` instead of a bearer token.
  const azureKey = typeof req.headers["api-key"] === "string" ? req.headers["api-key"].trim() : "";
  const key = bearer || azureKey;
  if (!key) {
    return failure(
      401,
      "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
    );
  }
  // Never echo the key: a wrong one is reported without its value.
  if (apiKey !== undefined && key !== apiKey) {
    return failure(401, "Incorrect API key provided.", { code: "invalid_api_key" });
  }
  return undefined;
}

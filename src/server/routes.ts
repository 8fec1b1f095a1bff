/**
 * Where a request goes, from its method and path alone: a stored image, one of the three Images
 * operations (OpenAI or Azure paths), or a refusal (404 for unknown paths, 405 for other methods).
 */
import { failure, type HttpFailure } from "./http-io.js";
import type { Operation } from "./model-traits.js";
import { FILES_PREFIX } from "./url-store.js";

/** The outcome of {@link route}. */
export type Route =
  | { kind: "file"; name: string }
  | {
      kind: "images";
      op: Operation;
      /** The spec's path for the operation, e.g. `/images/edits`. */
      specPath: string;
      /** The Azure deployment named in the path, if any. */
      deployment: string | undefined;
    }
  | {
      kind: "refused";
      /** Set when the path is an Images operation, so the refusal can be checked against the spec. */
      specPath: string | undefined;
      failure: HttpFailure;
    };

const OPERATIONS: Record<string, Operation> = {
  generations: "generate",
  edits: "edit",
  variations: "variation",
};
// `/v1/images/edits`, or Azure's `/openai/deployments/<name>/images/edits`.
const API_PATH = /^(?:\/v1|\/openai\/deployments\/([^/]+))\/images\/(generations|edits|variations)\/?$/;

/**
 * The path of a request target (`/v1/images/edits?x=1` → `/v1/images/edits`), or `undefined` when
 * the target is not a URL path at all.
 *
 * @example
 * requestPath("/v1/images/edits?x=1") // "/v1/images/edits"
 */
export function requestPath(target: string): string | undefined {
  try {
    // The base only completes relative targets; the path never depends on it (nor on `Host`).
    return new URL(target, "http://localhost").pathname;
  } catch {
    return undefined;
  }
}

/**
 * Routes a request by method and path (`undefined`: a target that is not a path, a 400).
 *
 * @example
 * route("POST", "/v1/images/edits") // { kind: "images", op: "edit", specPath: "/images/edits", deployment: undefined }
 */
export function route(method: string, pathname: string | undefined): Route {
  if (pathname === undefined) {
    return { kind: "refused", specPath: undefined, failure: failure(400, "Invalid request target.") };
  }
  if (pathname.startsWith(FILES_PREFIX) && (method === "GET" || method === "HEAD")) {
    return { kind: "file", name: pathname.slice(FILES_PREFIX.length) };
  }
  const match = API_PATH.exec(pathname);
  const op = match ? OPERATIONS[match[2] as string] : undefined;
  if (!match || !op) {
    return {
      kind: "refused",
      specPath: undefined,
      failure: failure(404, `Invalid URL (${method} ${pathname})`),
    };
  }
  const specPath = `/images/${match[2]}`;
  if (method !== "POST") {
    return {
      kind: "refused",
      specPath,
      failure: failure(405, `Invalid method for URL (${method} ${pathname}): use POST.`),
    };
  }
  return { kind: "images", op, specPath, deployment: match[1] };
}

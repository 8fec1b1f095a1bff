/**
 * Where a request goes, from its method and path alone: a stored image, one of the endpoints of
 * {@link SERVER_ENDPOINTS} (with or without the `/v1` prefix, and the Images operations also under
 * Azure's deployment paths), or a refusal (404 for unknown paths, 405 for other methods).
 */
import { type EndpointName, isImagesEndpoint, SERVER_ENDPOINTS } from "./endpoints.js";
import { failure, type HttpFailure } from "./http-io.js";
import { FILES_PREFIX } from "./url-store.js";

/** The outcome of {@link route}. */
export type Route =
  | { kind: "file"; name: string }
  | {
      kind: "endpoint";
      endpoint: EndpointName;
      /** The spec's path for the endpoint, e.g. `/images/edits` or `/files/{file_id}`. */
      specPath: string;
      /** The path's parameters by the spec's names, e.g. `{ file_id: "file-abc" }`. */
      params: Record<string, string>;
      /** The Azure deployment named in the path, if any. */
      deployment: string | undefined;
    }
  | {
      kind: "refused";
      /** Set when the path is an Images operation, so the refusal can be checked against the spec. */
      specPath: string | undefined;
      failure: HttpFailure;
    };

// `/v1/images/edits`, `/images/edits`, or Azure's `/openai/deployments/<name>/images/edits`.
const AZURE_PREFIX = /^\/openai\/deployments\/([^/]+)(\/images\/.*)$/;
// A stored image's name, `<token>.<ext>`: never a file id, which has no extension.
const STORED_IMAGE = /^[\w-]+\.[a-z0-9]+$/;

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
 * route("POST", "/v1/images/edits") // { kind: "endpoint", endpoint: "edit", specPath: "/images/edits", params: {}, deployment: undefined }
 * route("GET", "/files/file-abc")   // { kind: "endpoint", endpoint: "retrieveFile", params: { file_id: "file-abc" }, … }
 */
export function route(method: string, pathname: string | undefined): Route {
  if (pathname === undefined) {
    return { kind: "refused", specPath: undefined, failure: failure(400, "Invalid request target.") };
  }
  const stored = pathname.startsWith(FILES_PREFIX) ? pathname.slice(FILES_PREFIX.length) : undefined;
  if (stored !== undefined && STORED_IMAGE.test(stored) && (method === "GET" || method === "HEAD")) {
    return { kind: "file", name: stored };
  }
  const azure = AZURE_PREFIX.exec(pathname);
  const deployment = azure?.[1];
  const path = azure ? (azure[2] as string) : pathname.replace(/^\/v1(?=\/)/, "");
  const matches = (Object.keys(SERVER_ENDPOINTS) as EndpointName[]).flatMap((endpoint) => {
    const params = matchPath(SERVER_ENDPOINTS[endpoint].path, path);
    // Azure's deployment paths serve the Images operations only.
    return params && (!azure || isImagesEndpoint(endpoint)) ? [{ endpoint, params }] : [];
  });
  const first = matches[0];
  if (!first) {
    return {
      kind: "refused",
      specPath: undefined,
      failure: failure(404, `Invalid URL (${method} ${pathname})`),
    };
  }
  const specPath = SERVER_ENDPOINTS[first.endpoint].path;
  const chosen = matches.find((m) => SERVER_ENDPOINTS[m.endpoint].method === method);
  if (!chosen) {
    const allowed = matches.map((m) => SERVER_ENDPOINTS[m.endpoint].method).join(" or ");
    return {
      kind: "refused",
      specPath: isImagesEndpoint(first.endpoint) ? specPath : undefined,
      failure: failure(405, `Invalid method for URL (${method} ${pathname}): use ${allowed}.`),
    };
  }
  return { kind: "endpoint", endpoint: chosen.endpoint, specPath, params: chosen.params, deployment };
}

/**
 * Matches a path against a spec path template; a `{name}` segment takes any one non-empty segment.
 * A trailing slash is allowed. Returns the parameters, or `undefined` when the path does not match.
 */
function matchPath(template: string, path: string): Record<string, string> | undefined {
  const want = template.split("/");
  const got = path.replace(/(?<=.)\/$/, "").split("/");
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, segment] of want.entries()) {
    const actual = got[i] as string;
    const name = /^\{(\w+)\}$/.exec(segment)?.[1];
    if (name === undefined) {
      if (segment !== actual) return undefined;
    } else {
      if (actual === "") return undefined;
      params[name] = safeDecode(actual);
    }
  }
  return params;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

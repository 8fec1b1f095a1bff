/**
 * Every endpoint the local server answers, declared once: the three Images operations from
 * `models/operations.ts` (the table the client, the validator and the README read), and the Files and
 * Batches endpoints the server adds for the Batch API. The router matches requests against these
 * paths, and a test holds the table equal to the operations of `openapi/`.
 */
import { OPERATIONS, type Operation } from "../models/operations.js";

/** One endpoint: its method and its path as the spec writes it (`{file_id}` for a path parameter). */
export interface Endpoint {
  readonly method: "GET" | "POST" | "DELETE";
  readonly path: string;
}

const imageEndpoint = <Op extends Operation>(op: Op) =>
  ({ method: "POST", path: OPERATIONS[op].path, op }) as const;

/**
 * The endpoints, by name: the Images operations under their {@link Operation} names, the others
 * under the spec's `operationId`.
 *
 * @example
 * SERVER_ENDPOINTS.listFiles; // { method: "GET", path: "/files" }
 */
export const SERVER_ENDPOINTS = {
  generate: imageEndpoint("generate"),
  edit: imageEndpoint("edit"),
  variation: imageEndpoint("variation"),
  listFiles: { method: "GET", path: "/files" },
  createFile: { method: "POST", path: "/files" },
  retrieveFile: { method: "GET", path: "/files/{file_id}" },
  deleteFile: { method: "DELETE", path: "/files/{file_id}" },
  downloadFile: { method: "GET", path: "/files/{file_id}/content" },
  listBatches: { method: "GET", path: "/batches" },
  createBatch: { method: "POST", path: "/batches" },
  retrieveBatch: { method: "GET", path: "/batches/{batch_id}" },
  cancelBatch: { method: "POST", path: "/batches/{batch_id}/cancel" },
} as const satisfies Record<string, Endpoint> & { [Op in Operation]: Endpoint & { op: Op } };

/** An endpoint's name. */
export type EndpointName = keyof typeof SERVER_ENDPOINTS;

/** The Files and Batches endpoints (everything but the Images operations). */
export type StoreEndpoint = Exclude<EndpointName, Operation>;

/** Whether an endpoint is one of the three Images operations. */
export function isImagesEndpoint(name: EndpointName): name is Operation {
  return Object.hasOwn(OPERATIONS, name);
}

/**
 * The Files and Batches endpoints the Batch API engine needs, as typed openapi-fetch calls generated
 * from `openapi/files-batches.yaml` (trimmed from OpenAI's published document). Retries, timeouts and
 * typed errors come from the same `send()` as the Images client's, so the key never reaches an error.
 */
import createClient from "openapi-fetch";
import type { components, paths } from "../../generated/files-batches.js";
import { isOpenAI, NO_KEY_MESSAGE } from "../api-key.js";
import type { ImagesClientOptions } from "../client.js";
import { invalidParam } from "../invalid-param.js";
import { encodeMultipart } from "../multipart.js";
import { createNodeFetch, ImagesError } from "../node/index.js";
import { type ExchangeResult, send } from "../request.js";

/** A batch, as the API describes it. */
export type Batch = components["schemas"]["Batch"];
/** An uploaded file. */
export type OpenAIFile = components["schemas"]["OpenAIFile"];
/** The body of `POST /batches`. */
export type CreateBatchRequest = components["schemas"]["CreateBatchRequest"];
/** What a file is for; `batch` for Batch API input, `vision` or `user_data` for images. */
export type FilePurpose = components["schemas"]["CreateFileRequest"]["purpose"];

/** Connection settings: the Images client's, read from the same environment variables. */
export type FilesBatchesClientOptions = Pick<
  ImagesClientOptions,
  "apiKey" | "baseUrl" | "organization" | "project" | "headers" | "fetch" | "timeout" | "maxRetries"
>;

/** `/files` and `/batches`. */
export interface FilesBatchesClient {
  /** `POST /files` (multipart). */
  uploadFile(file: Blob, filename: string, purpose: FilePurpose): Promise<OpenAIFile>;
  /** `GET /files/{file_id}/content`: the response, its body unread (output files can be large). */
  fileContent(fileId: string): Promise<Response>;
  /** `POST /batches`. */
  createBatch(body: CreateBatchRequest): Promise<Batch>;
  /** `GET /batches/{batch_id}`. */
  retrieveBatch(batchId: string): Promise<Batch>;
  /** `POST /batches/{batch_id}/cancel`. */
  cancelBatch(batchId: string): Promise<Batch>;
}

const DEFAULT_BASE_URL = "https://api.openai.com/v1";

/**
 * @example
 * const api = createFilesBatchesClient(); // OPENAI_API_KEY and OPENAI_BASE_URL from the environment
 * const batch = await api.retrieveBatch("batch_abc123");
 */
export function createFilesBatchesClient(options: FilesBatchesClientOptions = {}): FilesBatchesClient {
  const env = (name: string) => process.env[name] || undefined;
  const apiKey = options.apiKey ?? env("OPENAI_API_KEY");
  const organization = options.organization ?? env("OPENAI_ORG_ID");
  const project = options.project ?? env("OPENAI_PROJECT_ID");
  const baseUrl = (options.baseUrl ?? env("OPENAI_BASE_URL") ?? DEFAULT_BASE_URL).replace(/\/+$/, "");
  const transport = options.fetch ?? createNodeFetch();
  const raw = createClient<paths>({
    baseUrl,
    headers: {
      ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
      ...(organization ? { "openai-organization": organization } : {}),
      ...(project ? { "openai-project": project } : {}),
      ...options.headers,
    },
    fetch: (request: Request) => transport(request),
  });
  const secrets = apiKey ? [apiKey] : [];
  const basePath = new URL(baseUrl).pathname.replace(/\/+$/, "");

  async function call<T>(
    method: string,
    path: string,
    exchange: (signal: AbortSignal) => Promise<ExchangeResult<T>>,
  ): Promise<{ data: T; response: Response }> {
    // The Images client's rule: OpenAI's API refuses a request without a key, so it is not sent.
    if (!apiKey && isOpenAI(baseUrl)) throw invalidParam("apiKey", undefined, NO_KEY_MESSAGE);
    const sent = await send<T>({
      method,
      path: basePath + path,
      timeout: options.timeout ?? 10 * 60_000,
      maxRetries: options.maxRetries ?? 2,
      secrets,
      exchange,
    });
    if (sent.data === undefined) throw new ImagesError(`${method} ${basePath}${path} answered with no body`);
    return { data: sent.data, response: sent.response };
  }

  return {
    async uploadFile(file, filename, purpose) {
      const { body, contentType } = encodeMultipart([
        ["purpose", purpose],
        ["file", { blob: file, filename, contentType: "application/octet-stream" }],
      ]);
      const post = raw.POST as unknown as (
        path: "/files",
        init: Record<string, unknown>,
      ) => Promise<ExchangeResult<OpenAIFile>>;
      const { data } = await call("POST", "/files", (signal) =>
        post("/files", {
          // Encoded by us (a lazy Blob with an exact length), which the generated body type cannot express.
          body,
          bodySerializer: (b: unknown) => b,
          headers: { "content-type": contentType, "content-length": String(body.size) },
          signal,
        }),
      );
      return data;
    },
    async fileContent(fileId) {
      const { data } = await call("GET", `/files/${fileId}/content`, async (signal) => {
        const result = await raw.GET("/files/{file_id}/content", {
          params: { path: { file_id: fileId } },
          parseAs: "stream",
          signal,
        });
        // The body is handed over unread; `data` only marks success for send().
        return {
          ...result,
          data: result.response.ok ? result.response : undefined,
        } as ExchangeResult<Response>;
      });
      return data;
    },
    async createBatch(body) {
      const { data } = await call("POST", "/batches", (signal) => raw.POST("/batches", { body, signal }));
      return data;
    },
    async retrieveBatch(batchId) {
      const { data } = await call("GET", `/batches/${batchId}`, (signal) =>
        raw.GET("/batches/{batch_id}", { params: { path: { batch_id: batchId } }, signal }),
      );
      return data;
    },
    async cancelBatch(batchId) {
      const { data } = await call("POST", `/batches/${batchId}/cancel`, (signal) =>
        raw.POST("/batches/{batch_id}/cancel", { params: { path: { batch_id: batchId } }, signal }),
      );
      return data;
    },
  };
}

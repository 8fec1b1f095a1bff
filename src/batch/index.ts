/**
 * `openai-images/batch`: images at scale (Node). `generateMany` runs many requests through one client
 * within the API's rate limits; `runBatch` does a whole resumable run into a folder, live or through
 * OpenAI's Batch API.
 */
export { type BatchEngineOptions, runBatchApi } from "./batch-engine.js";
export {
  type Batch,
  type CreateBatchRequest,
  createFilesBatchesClient,
  type FilePurpose,
  type FilesBatchesClient,
  type FilesBatchesClientOptions,
  type OpenAIFile,
} from "./files-batches-client.js";
export { type GenerateManyOptions, generateMany, type LineError, type LineResult } from "./generate-many.js";
export {
  type BatchLine,
  type BatchOp,
  type LineIssue,
  type ParsedInput,
  parseJsonl,
  parsePrompts,
} from "./lines.js";
export { MANIFEST_FILE, type ManifestRecord, readManifest } from "./manifest.js";
export { parseDuration, type RateLimitInfo, readRateLimits } from "./rate-limits.js";
export {
  type BatchCounts,
  type BatchEvent,
  type BatchSummary,
  checkBatch,
  type RunBatchOptions,
  runBatch,
} from "./run.js";
export type { ThrottleState } from "./throttle.js";

export type { AzureOptions } from "./azure.js";
export {
  type APIPromise,
  createImagesClient,
  type FetchLike,
  type HeadersOption,
  type ImagesClient,
  type ImagesClientOptions,
  type RequestOptions,
  type WithResponse,
} from "./client.js";
export {
  ImagesAPIError,
  type ImagesAPIErrorInit,
  ImagesConnectionError,
  ImagesError,
  ImagesResponseError,
  ImagesStreamError,
  type ImagesStreamErrorInit,
  ImagesTimeoutError,
  ImagesValidationError,
  isImagesAPIError,
  isImagesConnectionError,
  isImagesError,
  isImagesResponseError,
  isImagesStreamError,
  isImagesTimeoutError,
  isImagesValidationError,
  type ValidationIssue,
} from "./errors.js";
export { inspectImage } from "./image-info.js";
export * from "./models/index.js";
export {
  type CompletedEventOf,
  type FinalImageOptions,
  finalImage,
  imageBytes,
  type PartialImageEventOf,
} from "./stream-helpers.js";
export {
  createImageStream,
  DEFAULT_MAX_EVENT_SIZE,
  type ImageStream,
  type ImageStreamOptions,
} from "./streaming.js";
export { MAX_ERROR_BODY_BYTES } from "./transport-guard.js";
export type * from "./types.js";

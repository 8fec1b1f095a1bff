/**
 * `openai-images`: the public API of the main entry, listed by name. A value is public when a user
 * calls or reads it: the client, the error family and its guards, the stream helpers, and the model
 * table with the checks the client itself runs. The rest of `models/` (plans, the parameter
 * declarations, the validator's internals) is ours; scripts import it from `src/models/`.
 * test/public-api.test.ts holds the list of runtime exports, so a change here is a visible diff.
 */

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
export {
  FORMATS,
  type FormatInfo,
  type FormatName,
  type OutputTraits,
  type StreamableFormat,
} from "./models/formats.js";
export type { Operation, OperationInfo, Retirement } from "./models/operations.js";
export type { ParamInfo, ParamKind, ParamName, RuledParam } from "./models/parameters.js";
export type {
  EditParams,
  GenerateParams,
  KnownEditParams,
  KnownGenerateParams,
  KnownVariationParams,
  ModelsFor,
  UnknownModelEditParams,
  UnknownModelGenerateParams,
  UnknownModelVariationParams,
  VariationParams,
} from "./models/params.js";
export type { DefaultParams, ModelDefaults, PlanSettings, RequestPlan } from "./models/plan.js";
export {
  type CustomSizeRule,
  DEFAULT_MODELS,
  type IntRange,
  isKnownModel,
  KNOWN_MODELS,
  MODEL_RULES,
  type ModelRules,
  type ModelRulesTable,
  type OperationRules,
  retirementOf,
  type SizeRule,
  UNSTATED,
  type Unstated,
  type UploadRule,
} from "./models/rules.js";
export type { ImageInfo } from "./models/validate.js";
export {
  type EnforceOptions,
  type RequestImages,
  type ResolvedModel,
  type ValidationContext,
  type ValidationMode,
  validateRequest,
} from "./models/validate.js";
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
export type {
  CreateImageEditJsonRequest,
  CreateImageEditRequest,
  CreateImageRequest,
  CreateImageVariationRequest,
  components,
  ErrorResponse,
  Image,
  ImageEditCompletedEvent,
  ImageEditPartialImageEvent,
  ImageEditStreamEvent,
  ImageGenCompletedEvent,
  ImageGenPartialImageEvent,
  ImageGenStreamEvent,
  ImageRef,
  ImagesResponse,
  ImageUsage,
  KnownModel,
  ModelName,
  operations,
  paths,
  Uploadable,
} from "./types.js";

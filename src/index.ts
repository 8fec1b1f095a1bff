export type { AzureOptions } from "./azure.js";
export {
  type APIPromise,
  createImagesClient,
  type EditParams,
  type EditUploadParams,
  type FetchLike,
  type GenerateParams,
  type HeadersOption,
  type ImagesClient,
  type ImagesClientOptions,
  type RequestOptions,
  type VariationParams,
  type WithResponse,
} from "./client.js";
export * from "./errors.js";
export { type ImageInfo, inspectImage } from "./image-info.js";
export type * from "./types.js";

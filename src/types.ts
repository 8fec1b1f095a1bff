/**
 * Friendly names for the request and response types generated from `openapi/images.yaml`.
 * Everything here is derived from `generated/`; nothing is typed twice.
 */
import type { components } from "../generated/images.js";

type Schemas = components["schemas"];

/** The image models the API documents. */
export type KnownModel = Schemas["ImageModel"];
/** A documented model (with editor completion) or any other name, for OpenAI-compatible servers. */
export type ModelName = KnownModel | (string & {});

/** Body of `POST /images/generations`, as the spec defines it. */
export type CreateImageRequest = Schemas["CreateImageRequest"];
/** Multipart body of `POST /images/edits`, as the spec defines it. */
export type CreateImageEditRequest = Schemas["CreateImageEditRequest"];
/** JSON body of `POST /images/edits` (images by reference), as the spec defines it. */
export type CreateImageEditJsonRequest = Schemas["CreateImageEditJsonRequest"];
/** Multipart body of `POST /images/variations`, as the spec defines it. */
export type CreateImageVariationRequest = Schemas["CreateImageVariationRequest"];
/** An image given by URL (`https:` or `data:`) or by file id. */
export type ImageRef = Schemas["ImageRefParam"];

/** The JSON answer of all three operations. */
export type ImagesResponse = Schemas["ImagesResponse"];
/** One generated image. */
export type Image = Schemas["Image"];
/** Token usage (GPT image models). */
export type ImageUsage = Schemas["ImageGenUsage"];

/** A partial image while generating. */
export type ImageGenPartialImageEvent = Schemas["ImageGenPartialImageEvent"];
/** The final image of a streamed generation. */
export type ImageGenCompletedEvent = Schemas["ImageGenCompletedEvent"];
/** A partial image while editing. */
export type ImageEditPartialImageEvent = Schemas["ImageEditPartialImageEvent"];
/** The final image of a streamed edit. */
export type ImageEditCompletedEvent = Schemas["ImageEditCompletedEvent"];
/** Events of a streamed generation, discriminated on `type`. */
export type ImageGenStreamEvent = Schemas["ImageGenStreamEvent"];
/** Events of a streamed edit, discriminated on `type`. */
export type ImageEditStreamEvent = Schemas["ImageEditStreamEvent"];

/** The API's error body. */
export type ErrorResponse = Schemas["ErrorResponse"];

export type { components, operations, paths } from "../generated/images.js";

/**
 * Anything an `image` or `mask` upload may be given as. From `openai-images/node`, `fileFromPath()`
 * returns a disk-backed `Blob` that streams instead of being read into memory.
 */
export type Uploadable = Blob | Uint8Array | ArrayBuffer | Response;

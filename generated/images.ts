/**
 * GENERATED FILE: do not edit by hand.
 * Source: openapi/images.yaml. Regenerate with `npm run generate`;
 * `npm run check:generated` (run in CI) fails when this file drifts from the spec.
 */
export interface paths {
    "/images/generations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create image
         * @description Creates an image given a prompt using a GPT image model. Name the model: since openai@7.28.0 the API documents no default.
         */
        post: operations["createImage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/images/edits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create image edit
         * @description Creates an edited or extended image given one or more source images and a prompt, with a GPT image model (`dall-e-2` until its retirement). Images are sent as multipart uploads, or as JSON references (`image_url` or `file_id`).
         */
        post: operations["createImageEdit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/images/variations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create image variation
         * @deprecated
         * @description Retired (openai@7.28.0): OpenAI's API no longer accepts requests here; use an edit with a GPT image model and a prompt instead. The legacy contract (`dall-e-2` only) is kept for servers that still serve it.
         */
        post: operations["createImageVariation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * @description The image models the API documents, retired ones included: `gpt-image-1` was shut down on 2026-10-23 (openai@7.45.1), `dall-e-2` and `dall-e-3` were retired on 2026-05-12 (openai@7.28.0). The gpt-image-2.5 models and snapshots arrived in openai@7.12.1, the gpt-image-2.6 models in openai@7.51.0.
         * @enum {string}
         */
        ImageModel: "gpt-image-1.5" | "gpt-image-2" | "gpt-image-2-2026-04-21" | "gpt-image-2.5-sunburst" | "gpt-image-2.5-sunburst-2026-09-08" | "gpt-image-2.5-flare" | "gpt-image-2.5-flare-2026-09-08" | "gpt-image-2.6-sunburst" | "gpt-image-2.6-flare" | "gpt-image-1" | "gpt-image-1-mini" | "chatgpt-image-latest" | "dall-e-2" | "dall-e-3";
        /** @description A documented image model, or any other model name (OpenAI-compatible servers). */
        ModelName: components["schemas"]["ImageModel"] | string;
        /** @enum {string} */
        StandardImageSize: "auto" | "1024x1024" | "1536x1024" | "1024x1536" | "256x256" | "512x512" | "1792x1024" | "1024x1792";
        /**
         * @description `WIDTHxHEIGHT` in pixels (gpt-image-2, its snapshot and, since openai@7.12.1, the gpt-image-2.5 models and snapshots): both sides divisible by 16, aspect ratio between 1:3 and 3:1, at most 3840x2160; above 2560x1440 is experimental.
         * @example 1536x864
         */
        CustomImageSize: string;
        /** @description A standard size, `auto`, or `WIDTHxHEIGHT` (models with arbitrary sizes). */
        ImageSize: components["schemas"]["StandardImageSize"] | components["schemas"]["CustomImageSize"];
        /** @description A standard edit size, `auto`, or `WIDTHxHEIGHT` (models with arbitrary sizes). */
        EditImageSize: ("256x256" | "512x512" | "1024x1024" | "1536x1024" | "1024x1536" | "auto") | components["schemas"]["CustomImageSize"];
        /**
         * @description Background transparency (GPT image models that support it; in preview on gpt-image-2 and its snapshot since openai@7.6.0). `transparent` needs `output_format` png or webp.
         * @default auto
         * @enum {string}
         */
        Background: "transparent" | "opaque" | "auto";
        /**
         * @description Output format (GPT image models only). `gif` (openai@7.51.0): an animated GIF, with `frame_count` and `frame_duration_ms`; no streaming, partial images, mask or output compression. `svg` (openai@7.51.0, edits since openai@7.57.0): `n` must be 1; no streaming, partial images or output compression.
         * @default png
         * @enum {string}
         */
        OutputFormat: "png" | "jpeg" | "webp" | "gif" | "svg";
        /**
         * @description Compression level in percent (GPT image models, jpeg or webp only).
         * @default 100
         */
        OutputCompression: number;
        /** @description Partial images to stream (0 sends the final image in one event). The final image may arrive before all partials. */
        PartialImages: number;
        /**
         * @description How DALL·E images are returned. URLs are valid for 60 minutes. GPT image models always return base64 and do not accept this parameter. Deprecated on generations and edits with the DALL·E models (openai@7.28.0); the retired variations endpoint, deprecated as a whole, still documents it plainly.
         * @default url
         * @enum {string}
         */
        ResponseFormat: "url" | "b64_json";
        /**
         * @description Number of images, 1 to 10 (`dall-e-3` only 1).
         * @default 1
         */
        ImageCount: number;
        /** @description An identifier for your end user, to help OpenAI monitor and detect abuse. Deprecated on generations and edits since openai@7.36.0: use `safety_identifier` there (`user` is still accepted, and used when `safety_identifier` is omitted, null or empty). The variations endpoint has no `safety_identifier` and documents `user` plainly. */
        User: string;
        /** @description A stable identifier for an end user (a hash of a username or email), for safety monitoring and abuse detection (openai@7.36.0). A non-empty value takes precedence over the deprecated `user`. */
        SafetyIdentifier: string | null;
        /**
         * @description Computation spent planning the image, independently of rendering quality; the model's default when omitted (openai@7.51.0).
         * @enum {string}
         */
        Complexity: "low" | "medium" | "high";
        /**
         * @description GIF frames, 2 to 16 (output_format gif only; openai@7.51.0).
         * @default 9
         */
        FrameCount: number;
        /**
         * @description Delay per GIF frame in milliseconds, rounded to the nearest 10 ms and capped at 655350 ms when encoded (output_format gif only; openai@7.51.0).
         * @default 200
         */
        FrameDurationMs: number;
        /**
         * @description Reasoning effort of the SVG author; its default when omitted.
         * @enum {string}
         */
        SvgReasoningEffort: "none" | "minimal" | "low" | "medium" | "high" | "xhigh" | "max";
        /** @description The model (and reasoning effort) that authors SVG output; only with `output_format` svg (openai@7.51.0). `model` is required: without SVG model selection, leave `svg` out. */
        GenerateSvgOptions: {
            model: string;
            reasoning?: {
                effort?: components["schemas"]["SvgReasoningEffort"] | null;
            } | null;
        };
        /** @description The model (and reasoning effort) that authors SVG output of an edit; only with `output_format` svg (openai@7.57.0). Unlike a generation's, `model` is optional and `effort` is never null (openai@7.59.0). Multipart bodies send it as `svg[model]` and `svg[reasoning][effort]`. */
        EditSvgOptions: {
            model?: string;
            reasoning?: {
                effort?: components["schemas"]["SvgReasoningEffort"];
            } | null;
        };
        CreateImageRequest: {
            /**
             * @description What to draw. At most 32000 characters for the GPT image models, 1000 for dall-e-2 and 4000 for dall-e-3.
             * @example A cute baby sea otter
             */
            prompt: string;
            background?: components["schemas"]["Background"] | null;
            complexity?: components["schemas"]["Complexity"] | null;
            frame_count?: components["schemas"]["FrameCount"] | null;
            frame_duration_ms?: components["schemas"]["FrameDurationMs"] | null;
            /** @description The image model. Name it: since openai@7.28.0 the API documents no default (it was dall-e-2 unless a GPT-only parameter was used). */
            model?: components["schemas"]["ModelName"] | null;
            /**
             * @description Content-moderation level (GPT image models only).
             * @default auto
             * @enum {string|null}
             */
            moderation?: "low" | "auto" | null;
            n?: components["schemas"]["ImageCount"] | null;
            output_compression?: components["schemas"]["OutputCompression"] | null;
            output_format?: components["schemas"]["OutputFormat"] | null;
            partial_images?: components["schemas"]["PartialImages"] | null;
            /**
             * @description auto for all models; high, medium, low for the GPT image models, plus xhigh and max for the gpt-image-2.5 models and snapshots (openai@7.12.1); hd and standard for dall-e-3; only standard for dall-e-2.
             * @default auto
             * @enum {string|null}
             */
            quality?: "standard" | "hd" | "low" | "medium" | "high" | "xhigh" | "max" | "auto" | null;
            /** @deprecated */
            response_format?: components["schemas"]["ResponseFormat"] | null;
            safety_identifier?: components["schemas"]["SafetyIdentifier"] | null;
            /** @default auto */
            size?: components["schemas"]["ImageSize"] | null;
            /**
             * @description Stream partial images as server-sent events (GPT image models only).
             * @default false
             */
            stream?: boolean | null;
            /**
             * @deprecated
             * @description dall-e-3 only; deprecated with it (openai@7.28.0).
             * @enum {string|null}
             */
            style?: "vivid" | "natural" | null;
            svg?: components["schemas"]["GenerateSvgOptions"] | null;
            /** @deprecated */
            user?: components["schemas"]["User"];
        };
        EditBaseFields: {
            /** @description At most 1000 characters for dall-e-2, 32000 for the GPT image models. */
            prompt?: string;
            background?: components["schemas"]["Background"] | null;
            complexity?: components["schemas"]["Complexity"] | null;
            frame_count?: components["schemas"]["FrameCount"] | null;
            frame_duration_ms?: components["schemas"]["FrameDurationMs"] | null;
            /**
             * @description How closely to match the input images' style and features: high or low on gpt-image-1.5; only low on gpt-image-1-mini; omitted for gpt-image-2 (openai@7.30.0).
             * @default low
             * @enum {string|null}
             */
            input_fidelity?: "high" | "low" | null;
            /** @description A GPT image model. Name it: since openai@7.28.0 the API documents no default (it was gpt-image-1.5). */
            model?: components["schemas"]["ModelName"] | null;
            n?: components["schemas"]["ImageCount"] | null;
            output_compression?: components["schemas"]["OutputCompression"] | null;
            output_format?: components["schemas"]["OutputFormat"] | null;
            partial_images?: components["schemas"]["PartialImages"] | null;
            /**
             * @description Quality of the edited image; xhigh and max for the gpt-image-2.5 models and snapshots (openai@7.12.1).
             * @default auto
             * @enum {string|null}
             */
            quality?: "standard" | "low" | "medium" | "high" | "xhigh" | "max" | "auto" | null;
            /** @deprecated */
            response_format?: components["schemas"]["ResponseFormat"] | null;
            safety_identifier?: components["schemas"]["SafetyIdentifier"] | null;
            /** @default auto */
            size?: components["schemas"]["EditImageSize"] | null;
            /**
             * @description Stream partial images as server-sent events.
             * @default false
             */
            stream?: boolean | null;
            svg?: components["schemas"]["EditSvgOptions"] | null;
            /** @deprecated */
            user?: components["schemas"]["User"];
        };
        /** @description A multipart edit. `image` is one file or up to 16 files (GPT image models: png, webp or jpg under 50MB each; dall-e-2: one square png under 4MB). `mask` is a png under 4MB with the first image's dimensions whose fully transparent pixels mark where to edit. `markup` (openai@7.47.0) is a png with transparent pixels and the first image's dimensions, overlaid on it to guide the edit; never together with `mask`. */
        CreateImageEditRequest: components["schemas"]["EditBaseFields"] & {
            image: Blob | Blob[];
            /** Format: binary */
            mask?: Blob;
            /** Format: binary */
            markup?: Blob;
        };
        /** @description An image given by URL (including `data:` URLs) or by uploaded file id. */
        ImageRefParam: {
            image_url: string;
        } | {
            file_id: string;
        };
        /** @description An edit whose images are references instead of uploads. */
        CreateImageEditJsonRequest: components["schemas"]["EditBaseFields"] & {
            images: components["schemas"]["ImageRefParam"][];
            mask?: components["schemas"]["ImageRefParam"];
            markup?: components["schemas"]["ImageRefParam"];
        };
        CreateImageVariationRequest: {
            /**
             * Format: binary
             * @description A square png under 4MB.
             */
            image: Blob;
            /**
             * @description Only dall-e-2 was supported (retired 2026-05-12).
             * @default dall-e-2
             */
            model?: components["schemas"]["ModelName"] | null;
            n?: components["schemas"]["ImageCount"] | null;
            response_format?: components["schemas"]["ResponseFormat"] | null;
            /**
             * @default 1024x1024
             * @enum {string|null}
             */
            size?: "256x256" | "512x512" | "1024x1024" | null;
            user?: components["schemas"]["User"];
        };
        /** @description The content or the URL of a generated image. */
        Image: {
            /** @description Base64 image. Default for the GPT image models; for DALL·E only with response_format b64_json. */
            b64_json?: string;
            /** @description dall-e-3 only, the prompt actually used. */
            revised_prompt?: string;
            /** @description DALL·E with response_format url (the default); valid for 60 minutes. */
            url?: string;
        };
        ImageTokenDetails: {
            image_tokens: number;
            text_tokens: number;
        };
        /** @description Token usage in a completed stream event (GPT image models only): the response's usage without output token details, which openai@7.59.0 does not type on stream events. */
        ImageStreamUsage: {
            /** @description Tokens (images and text) in the input. */
            input_tokens: number;
            input_tokens_details: components["schemas"]["ImageTokenDetails"];
            /** @description Output tokens generated by the model. */
            output_tokens: number;
            total_tokens: number;
        };
        /** @description Token usage (GPT image models only). */
        ImageGenUsage: components["schemas"]["ImageStreamUsage"] & {
            output_tokens_details?: components["schemas"]["ImageTokenDetails"];
        };
        /** @description The size of the image generated. */
        ResponseImageSize: ("1024x1024" | "1024x1536" | "1536x1024") | components["schemas"]["CustomImageSize"];
        ImagesResponse: {
            /** @description Unix timestamp (seconds) of creation. */
            created: number;
            /** @enum {string} */
            background?: "transparent" | "opaque";
            data?: components["schemas"]["Image"][];
            /** @enum {string} */
            output_format?: "png" | "webp" | "jpeg" | "gif" | "svg";
            /** @enum {string} */
            quality?: "low" | "medium" | "high" | "xhigh" | "max";
            safety_identifier?: components["schemas"]["EffectiveSafetyIdentifier"];
            size?: components["schemas"]["ResponseImageSize"];
            svg_usage?: components["schemas"]["SvgUsage"];
            usage?: components["schemas"]["ImageGenUsage"];
        };
        /** @description The safety identifier in effect: the request's non-empty `safety_identifier`, else the deprecated `user` (openai@7.36.0). */
        EffectiveSafetyIdentifier: string | null;
        /** @description Tokens spent authoring SVG output, apart from rendering (openai@7.51.0). */
        SvgUsage: {
            input_tokens: number;
            /** @description The model that authored the SVG. */
            model: string;
            output_tokens: number;
            reasoning_tokens: number;
            total_tokens: number;
        };
        /** @enum {string} */
        StreamEventBackground: "transparent" | "opaque" | "auto";
        /** @enum {string} */
        StreamEventOutputFormat: "png" | "webp" | "jpeg";
        /** @enum {string} */
        StreamEventQuality: "low" | "medium" | "high" | "xhigh" | "max" | "auto";
        StreamEventSize: ("1024x1024" | "1024x1536" | "1536x1024" | "auto") | components["schemas"]["CustomImageSize"];
        /** @description A partial image during image generation streaming. */
        ImageGenPartialImageEvent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "image_generation.partial_image";
            b64_json: string;
            background: components["schemas"]["StreamEventBackground"];
            created_at: number;
            output_format: components["schemas"]["StreamEventOutputFormat"];
            partial_image_index: number;
            quality: components["schemas"]["StreamEventQuality"];
            size: components["schemas"]["StreamEventSize"];
        };
        /** @description Image generation finished; carries the final image. */
        ImageGenCompletedEvent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "image_generation.completed";
            b64_json: string;
            background: components["schemas"]["StreamEventBackground"];
            created_at: number;
            output_format: components["schemas"]["StreamEventOutputFormat"];
            quality: components["schemas"]["StreamEventQuality"];
            size: components["schemas"]["StreamEventSize"];
            usage: components["schemas"]["ImageStreamUsage"];
            safety_identifier?: components["schemas"]["EffectiveSafetyIdentifier"];
        };
        /** @description A partial image during image edit streaming. */
        ImageEditPartialImageEvent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "image_edit.partial_image";
            b64_json: string;
            background: components["schemas"]["StreamEventBackground"];
            created_at: number;
            output_format: components["schemas"]["StreamEventOutputFormat"];
            partial_image_index: number;
            quality: components["schemas"]["StreamEventQuality"];
            size: components["schemas"]["StreamEventSize"];
        };
        /** @description Image editing finished; carries the final image. */
        ImageEditCompletedEvent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "image_edit.completed";
            b64_json: string;
            background: components["schemas"]["StreamEventBackground"];
            created_at: number;
            output_format: components["schemas"]["StreamEventOutputFormat"];
            quality: components["schemas"]["StreamEventQuality"];
            size: components["schemas"]["StreamEventSize"];
            usage: components["schemas"]["ImageStreamUsage"];
            safety_identifier?: components["schemas"]["EffectiveSafetyIdentifier"];
        };
        ImageGenStreamEvent: components["schemas"]["ImageGenPartialImageEvent"] | components["schemas"]["ImageGenCompletedEvent"];
        ImageEditStreamEvent: components["schemas"]["ImageEditPartialImageEvent"] | components["schemas"]["ImageEditCompletedEvent"];
        ErrorResponse: {
            error: components["schemas"]["ApiError"];
        };
        ApiError: {
            message: string;
            type: string;
            param?: string | null;
            code?: string | null;
        };
    };
    responses: {
        /** @description The API refused the request or failed to serve it. */
        ErrorResponse: {
            headers: {
                "x-request-id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: {
        /** @description The id of this request, for support and logs. */
        RequestId: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    createImage: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateImageRequest"];
            };
        };
        responses: {
            /** @description The generated images, or a stream of partial images when `stream` is true. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImagesResponse"];
                    "text/event-stream": components["schemas"]["ImageGenStreamEvent"];
                };
            };
            "4XX": components["responses"]["ErrorResponse"];
            "5XX": components["responses"]["ErrorResponse"];
        };
    };
    createImageEdit: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["CreateImageEditRequest"];
                "application/json": components["schemas"]["CreateImageEditJsonRequest"];
            };
        };
        responses: {
            /** @description The edited images, or a stream of partial images when `stream` is true. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImagesResponse"];
                    "text/event-stream": components["schemas"]["ImageEditStreamEvent"];
                };
            };
            "4XX": components["responses"]["ErrorResponse"];
            "5XX": components["responses"]["ErrorResponse"];
        };
    };
    createImageVariation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["CreateImageVariationRequest"];
            };
        };
        responses: {
            /** @description The image variations. */
            200: {
                headers: {
                    "x-request-id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImagesResponse"];
                };
            };
            "4XX": components["responses"]["ErrorResponse"];
            "5XX": components["responses"]["ErrorResponse"];
        };
    };
}
type FlattenedDeepRequired<T> = {
    [K in keyof T]-?: FlattenedDeepRequired<T[K] extends unknown[] | undefined | null ? Extract<T[K], unknown[]>[number] : T[K]>;
};
type ReadonlyArray<T> = [
    Exclude<T, undefined>
] extends [
    unknown[]
] ? Readonly<Exclude<T, undefined>> : Readonly<Exclude<T, undefined>[]>;
export const imageModelValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["ImageModel"]> = ["gpt-image-1.5", "gpt-image-2", "gpt-image-2-2026-04-21", "gpt-image-2.5-sunburst", "gpt-image-2.5-sunburst-2026-09-08", "gpt-image-2.5-flare", "gpt-image-2.5-flare-2026-09-08", "gpt-image-2.6-sunburst", "gpt-image-2.6-flare", "gpt-image-1", "gpt-image-1-mini", "chatgpt-image-latest", "dall-e-2", "dall-e-3"];
export const standardImageSizeValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["StandardImageSize"]> = ["auto", "1024x1024", "1536x1024", "1024x1536", "256x256", "512x512", "1792x1024", "1024x1792"];
export const editImageSizeAnyOf0Values: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["EditImageSize"]> = ["256x256", "512x512", "1024x1024", "1536x1024", "1024x1536", "auto"];
export const backgroundValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["Background"]> = ["transparent", "opaque", "auto"];
export const outputFormatValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["OutputFormat"]> = ["png", "jpeg", "webp", "gif", "svg"];
export const responseFormatValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["ResponseFormat"]> = ["url", "b64_json"];
export const complexityValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["Complexity"]> = ["low", "medium", "high"];
export const svgReasoningEffortValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["SvgReasoningEffort"]> = ["none", "minimal", "low", "medium", "high", "xhigh", "max"];
export const responseImageSizeAnyOf0Values: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["ResponseImageSize"]> = ["1024x1024", "1024x1536", "1536x1024"];
export const imagesResponseBackgroundValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["ImagesResponse"]["background"]> = ["transparent", "opaque"];
export const imagesResponseOutput_formatValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["ImagesResponse"]["output_format"]> = ["png", "webp", "jpeg", "gif", "svg"];
export const imagesResponseQualityValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["ImagesResponse"]["quality"]> = ["low", "medium", "high", "xhigh", "max"];
export const streamEventBackgroundValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["StreamEventBackground"]> = ["transparent", "opaque", "auto"];
export const streamEventOutputFormatValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["StreamEventOutputFormat"]> = ["png", "webp", "jpeg"];
export const streamEventQualityValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["StreamEventQuality"]> = ["low", "medium", "high", "xhigh", "max", "auto"];
export const streamEventSizeAnyOf0Values: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["StreamEventSize"]> = ["1024x1024", "1024x1536", "1536x1024", "auto"];
export const imageGenPartialImageEventTypeValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["ImageGenPartialImageEvent"]["type"]> = ["image_generation.partial_image"];
export const imageGenCompletedEventTypeValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["ImageGenCompletedEvent"]["type"]> = ["image_generation.completed"];
export const imageEditPartialImageEventTypeValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["ImageEditPartialImageEvent"]["type"]> = ["image_edit.partial_image"];
export const imageEditCompletedEventTypeValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["ImageEditCompletedEvent"]["type"]> = ["image_edit.completed"];

/**
 * GENERATED FILE: do not edit by hand.
 * Source: openapi/files-batches.yaml. Regenerate with `npm run generate`;
 * `npm run check:generated` (run in CI) fails when this file drifts from the spec.
 */
export interface paths {
    "/batches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List your organization's batches. */
        get: operations["listBatches"];
        put?: never;
        /** Creates and executes a batch from an uploaded file of requests */
        post: operations["createBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/batches/{batch_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieves a batch. */
        get: operations["retrieveBatch"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/batches/{batch_id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancels an in-progress batch. The batch will be in status `cancelling` for up to 10 minutes, before changing to `cancelled`, where it will have partial results (if any) available in the output file. */
        post: operations["cancelBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/files": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Returns a list of files. */
        get: operations["listFiles"];
        put?: never;
        /**
         * Upload a file that can be used across various endpoints. Individual files
         *     can be up to 512 MB, and each project can store up to 2.5 TB of files in
         *     total. There is no organization-wide storage limit. Uploads to this
         *     endpoint are rate-limited to 1,000 requests per minute per authenticated
         *     user.
         *
         *     - The Assistants API supports files up to 2 million tokens and of specific
         *       file types. See the [Assistants Tools guide](/docs/assistants/tools) for
         *       details.
         *     - The Fine-tuning API only supports `.jsonl` files. The input also has
         *       certain required formats for fine-tuning
         *       [chat](/docs/api-reference/fine-tuning/chat-input) or
         *       [completions](/docs/api-reference/fine-tuning/completions-input) models.
         *     - The Batch API only supports `.jsonl` files up to 200 MB in size. The input
         *       also has a specific required
         *       [format](/docs/api-reference/batch/request-input).
         *     - For Retrieval or `file_search` ingestion, upload files here first. If
         *       you need to attach multiple uploaded files to the same vector store, use
         *       [`/vector_stores/{vector_store_id}/file_batches`](/docs/api-reference/vector-stores-file-batches/createBatch)
         *       instead of attaching them one by one. Vector store attachment has separate
         *       limits from file upload, including 2,000 attached files per minute per
         *       organization.
         *
         *     Please [contact us](https://help.openai.com/) if you need to increase these
         *     storage limits.
         */
        post: operations["createFile"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/files/{file_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Returns information about a specific file. */
        get: operations["retrieveFile"];
        put?: never;
        post?: never;
        /** Delete a file and remove it from all vector stores. */
        delete: operations["deleteFile"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/files/{file_id}/content": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Returns a response containing the contents of the specified file. */
        get: operations["downloadFile"];
        put?: never;
        post?: never;
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
        Batch: {
            id: string;
            /**
             * @description The object type, which is always `batch`.
             * @enum {string}
             */
            object: "batch";
            /** @description The OpenAI API endpoint used by the batch. */
            endpoint: string;
            /**
             * @description Model ID used to process the batch, like `gpt-5-2025-08-07`. OpenAI
             *     offers a wide range of models with different capabilities, performance
             *     characteristics, and price points. Refer to the [model
             *     guide](/docs/models) to browse and compare available models.
             */
            model?: string;
            errors?: {
                /** @description The object type, which is always `list`. */
                object?: string;
                data?: components["schemas"]["BatchError"][];
            };
            /** @description The ID of the input file for the batch. */
            input_file_id: string;
            /** @description The time frame within which the batch should be processed. */
            completion_window: string;
            /**
             * @description The current status of the batch.
             * @enum {string}
             */
            status: "validating" | "failed" | "in_progress" | "finalizing" | "completed" | "expired" | "cancelling" | "cancelled";
            /** @description The ID of the file containing the outputs of successfully executed requests. */
            output_file_id?: string;
            /** @description The ID of the file containing the outputs of requests with errors. */
            error_file_id?: string;
            /**
             * Format: unixtime
             * @description The Unix timestamp (in seconds) for when the batch was created.
             */
            created_at: number;
            /**
             * Format: unixtime
             * @description The Unix timestamp (in seconds) for when the batch started processing.
             */
            in_progress_at?: number;
            /**
             * Format: unixtime
             * @description The Unix timestamp (in seconds) for when the batch will expire.
             */
            expires_at?: number;
            /**
             * Format: unixtime
             * @description The Unix timestamp (in seconds) for when the batch started finalizing.
             */
            finalizing_at?: number;
            /**
             * Format: unixtime
             * @description The Unix timestamp (in seconds) for when the batch was completed.
             */
            completed_at?: number;
            /**
             * Format: unixtime
             * @description The Unix timestamp (in seconds) for when the batch failed.
             */
            failed_at?: number;
            /**
             * Format: unixtime
             * @description The Unix timestamp (in seconds) for when the batch expired.
             */
            expired_at?: number;
            /**
             * Format: unixtime
             * @description The Unix timestamp (in seconds) for when the batch started cancelling.
             */
            cancelling_at?: number;
            /**
             * Format: unixtime
             * @description The Unix timestamp (in seconds) for when the batch was cancelled.
             */
            cancelled_at?: number;
            request_counts?: components["schemas"]["BatchRequestCounts"];
            /**
             * @description Represents token usage details including input tokens, output tokens, a
             *     breakdown of output tokens, and the total tokens used. Only populated on
             *     batches created after September 7, 2025.
             */
            usage?: {
                /** @description The number of input tokens. */
                input_tokens: number;
                /** @description A detailed breakdown of the input tokens. */
                input_tokens_details: {
                    /**
                     * @description The number of tokens that were retrieved from the cache. [More on
                     *     prompt caching](/docs/guides/prompt-caching).
                     */
                    cached_tokens: number;
                };
                /** @description The number of output tokens. */
                output_tokens: number;
                /** @description A detailed breakdown of the output tokens. */
                output_tokens_details: {
                    /** @description The number of reasoning tokens. */
                    reasoning_tokens: number;
                };
                /** @description The total number of tokens used. */
                total_tokens: number;
            };
            metadata?: components["schemas"]["Metadata"];
        };
        BatchError: {
            /** @description An error code identifying the error type. */
            code?: string;
            /** @description A human-readable message providing more details about the error. */
            message?: string;
            param?: string | null;
            line?: number | null;
        };
        /**
         * File expiration policy
         * @description The expiration policy for the output and/or error file that are generated for a batch.
         */
        BatchFileExpirationAfter: {
            /**
             * @description Anchor timestamp after which the expiration policy applies. Supported anchors: `created_at`. Note that the anchor is the file creation time, not the time the batch is created.
             * @enum {string}
             */
            anchor: "created_at";
            /**
             * Format: int64
             * @description The number of seconds after the anchor time that the file will expire. Must be between 3600 (1 hour) and 2592000 (30 days).
             */
            seconds: number;
        };
        /** @description The request counts for different statuses within the batch. */
        BatchRequestCounts: {
            /** @description Total number of requests in the batch. */
            total: number;
            /** @description Number of requests that have been completed successfully. */
            completed: number;
            /** @description Number of requests that have failed. */
            failed: number;
        };
        CreateBatchRequest: {
            /**
             * @description The ID of an uploaded file that contains requests for the new batch.
             *
             *     See [upload file](/docs/api-reference/files/create) for how to upload a file.
             *
             *     Your input file must be formatted as a [JSONL file](/docs/api-reference/batch/request-input), and must be uploaded with the purpose `batch`. The file can contain up to 50,000 requests, and can be up to 200 MB in size.
             */
            input_file_id: string;
            /**
             * @description The endpoint to be used for all requests in the batch. Currently `/v1/responses`, `/v1/chat/completions`, `/v1/embeddings`, `/v1/completions`, `/v1/moderations`, `/v1/images/generations`, `/v1/images/edits`, and `/v1/videos` are supported. Note that `/v1/embeddings` batches are also restricted to a maximum of 50,000 embedding inputs across all requests in the batch.
             * @enum {string}
             */
            endpoint: "/v1/responses" | "/v1/chat/completions" | "/v1/embeddings" | "/v1/completions" | "/v1/moderations" | "/v1/images/generations" | "/v1/images/edits" | "/v1/videos";
            /**
             * @description The time frame within which the batch should be processed. Currently only `24h` is supported.
             * @enum {string}
             */
            completion_window: "24h";
            metadata?: components["schemas"]["Metadata"];
            output_expires_after?: components["schemas"]["BatchFileExpirationAfter"];
        };
        CreateFileRequest: {
            /**
             * Format: binary
             * @description The File object (not file name) to be uploaded.
             */
            file: Blob;
            /**
             * @description The intended purpose of the uploaded file. One of:
             *     - `assistants`: Used in the Assistants API
             *     - `batch`: Used in the Batch API
             *     - `fine-tune`: Used for fine-tuning
             *     - `vision`: Images used for vision fine-tuning
             *     - `user_data`: Flexible file type for any purpose
             *     - `evals`: Used for eval data sets
             * @enum {string}
             */
            purpose: "assistants" | "batch" | "fine-tune" | "vision" | "user_data" | "evals";
            expires_after?: components["schemas"]["FileExpirationAfter"];
        };
        DeleteFileResponse: {
            id: string;
            /** @enum {string} */
            object: "file";
            deleted: boolean;
        };
        /**
         * File expiration policy
         * @description The expiration policy for a file. By default, files with `purpose=batch` expire after 30 days and all other files are persisted until they are manually deleted.
         */
        FileExpirationAfter: {
            /**
             * @description Anchor timestamp after which the expiration policy applies. Supported anchors: `created_at`.
             * @enum {string}
             */
            anchor: "created_at";
            /**
             * Format: int64
             * @description The number of seconds after the anchor time that the file will expire. Must be between 3600 (1 hour) and 2592000 (30 days).
             */
            seconds: number;
        };
        ListBatchesResponse: {
            data: components["schemas"]["Batch"][];
            /** @example batch_abc123 */
            first_id?: string;
            /** @example batch_abc456 */
            last_id?: string;
            has_more: boolean;
            /** @enum {string} */
            object: "list";
        };
        ListFilesResponse: {
            /** @example list */
            object: string;
            data: components["schemas"]["OpenAIFile"][];
            /** @example file-abc123 */
            first_id: string;
            /** @example file-abc456 */
            last_id: string;
            /** @example false */
            has_more: boolean;
        };
        Metadata: {
            [key: string]: string;
        } | null;
        /**
         * OpenAIFile
         * @description The `File` object represents a document that has been uploaded to OpenAI.
         */
        OpenAIFile: {
            /** @description The file identifier, which can be referenced in the API endpoints. */
            id: string;
            /** @description The size of the file, in bytes. */
            bytes: number;
            /**
             * Format: unixtime
             * @description The Unix timestamp (in seconds) for when the file was created.
             */
            created_at: number;
            /**
             * Format: unixtime
             * @description The Unix timestamp (in seconds) for when the file will expire.
             */
            expires_at?: number;
            /** @description The name of the file. */
            filename: string;
            /**
             * @description The object type, which is always `file`.
             * @enum {string}
             */
            object: "file";
            /**
             * @description The intended purpose of the file. Supported values are `assistants`, `assistants_output`, `batch`, `batch_output`, `fine-tune`, `fine-tune-results`, `vision`, and `user_data`.
             * @enum {string}
             */
            purpose: "assistants" | "assistants_output" | "batch" | "batch_output" | "fine-tune" | "fine-tune-results" | "vision" | "user_data";
            /**
             * @deprecated
             * @description Deprecated. The current status of the file, which can be either `uploaded`, `processed`, or `error`.
             * @enum {string}
             */
            status: "uploaded" | "processed" | "error";
            /**
             * @deprecated
             * @description Deprecated. For details on why a fine-tuning training file failed validation, see the `error` field on `fine_tuning.job`.
             */
            status_details?: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listBatches: {
        parameters: {
            query?: {
                /** @description A cursor for use in pagination. `after` is an object ID that defines your place in the list. For instance, if you make a list request and receive 100 objects, ending with obj_foo, your subsequent call can include after=obj_foo in order to fetch the next page of the list. */
                after?: string;
                /** @description A limit on the number of objects to be returned. Limit can range between 1 and 100, and the default is 20. */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Batch listed successfully. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ListBatchesResponse"];
                };
            };
        };
    };
    createBatch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateBatchRequest"];
            };
        };
        responses: {
            /** @description Batch created successfully. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Batch"];
                };
            };
        };
    };
    retrieveBatch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The ID of the batch to retrieve. */
                batch_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Batch retrieved successfully. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Batch"];
                };
            };
        };
    };
    cancelBatch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The ID of the batch to cancel. */
                batch_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Batch is cancelling. Returns the cancelling batch's details. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Batch"];
                };
            };
        };
    };
    listFiles: {
        parameters: {
            query?: {
                /** @description Only return files with the given purpose. */
                purpose?: string;
                /** @description A limit on the number of objects to be returned. Limit can range between 1 and 10,000, and the default is 10,000. */
                limit?: number;
                /** @description Sort order by the `created_at` timestamp of the objects. `asc` for ascending order and `desc` for descending order. */
                order?: "asc" | "desc";
                /** @description A cursor for use in pagination. `after` is an object ID that defines your place in the list. For instance, if you make a list request and receive 100 objects, ending with obj_foo, your subsequent call can include after=obj_foo in order to fetch the next page of the list. */
                after?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ListFilesResponse"];
                };
            };
        };
    };
    createFile: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["CreateFileRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAIFile"];
                };
            };
        };
    };
    retrieveFile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The ID of the file to use for this request. */
                file_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAIFile"];
                };
            };
        };
    };
    deleteFile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The ID of the file to use for this request. */
                file_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeleteFileResponse"];
                };
            };
        };
    };
    downloadFile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The ID of the file to use for this request. */
                file_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
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
export const pathsFilesGetParametersQueryOrderValues: ReadonlyArray<FlattenedDeepRequired<paths>["/files"]["get"]["parameters"]["query"]["order"]> = ["asc", "desc"];
export const batchObjectValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["Batch"]["object"]> = ["batch"];
export const batchStatusValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["Batch"]["status"]> = ["validating", "failed", "in_progress", "finalizing", "completed", "expired", "cancelling", "cancelled"];
export const batchFileExpirationAfterAnchorValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["BatchFileExpirationAfter"]["anchor"]> = ["created_at"];
export const createBatchRequestEndpointValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["CreateBatchRequest"]["endpoint"]> = ["/v1/responses", "/v1/chat/completions", "/v1/embeddings", "/v1/completions", "/v1/moderations", "/v1/images/generations", "/v1/images/edits", "/v1/videos"];
export const createBatchRequestCompletion_windowValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["CreateBatchRequest"]["completion_window"]> = ["24h"];
export const createFileRequestPurposeValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["CreateFileRequest"]["purpose"]> = ["assistants", "batch", "fine-tune", "vision", "user_data", "evals"];
export const deleteFileResponseObjectValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["DeleteFileResponse"]["object"]> = ["file"];
export const fileExpirationAfterAnchorValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["FileExpirationAfter"]["anchor"]> = ["created_at"];
export const listBatchesResponseObjectValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["ListBatchesResponse"]["object"]> = ["list"];
export const openAIFileObjectValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["OpenAIFile"]["object"]> = ["file"];
export const openAIFilePurposeValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["OpenAIFile"]["purpose"]> = ["assistants", "assistants_output", "batch", "batch_output", "fine-tune", "fine-tune-results", "vision", "user_data"];
export const openAIFileStatusValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["OpenAIFile"]["status"]> = ["uploaded", "processed", "error"];

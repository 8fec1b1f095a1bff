/**
 * Azure OpenAI routing. Azure addresses a deployment, not a model:
 * `{endpoint}/openai/deployments/{deployment}/images/{generations|edits|variations}?api-version=…`,
 * authenticated with an `api-key` header or an Entra ID bearer token. The deployment is taken from
 * the options, else from the request's `model`, for every operation alike (the official SDK once
 * lost it for edits).
 */
import { ImagesError } from "./errors.js";
import { invalidParam } from "./invalid-param.js";

/** Options for Azure OpenAI. */
export interface AzureOptions {
  /** The resource endpoint, e.g. `https://my-resource.openai.azure.com`. */
  endpoint: string;
  /** The `api-version` query parameter, e.g. `"2025-04-01-preview"`. */
  apiVersion: string;
  /** The deployment to call. @default the request's `model` */
  deployment?: string | undefined;
  /** Sent as the `api-key` header. @default `AZURE_OPENAI_API_KEY` when `process` exists */
  apiKey?: string | undefined;
  /** Returns an Entra ID access token, sent as `Authorization: Bearer …`; called for every attempt. */
  tokenProvider?: (() => string | Promise<string>) | undefined;
}

/** Where one request goes and how it authenticates. */
export interface AzureRoute {
  /** The base URL to which openapi-fetch appends `/images/...`. */
  baseUrl: string;
  /** The query string (without `?`). */
  query: string;
}

/**
 * The base URL and query for a request to `model` (used when no deployment is configured).
 *
 * @example
 * azureRoute({ endpoint: "https://r.openai.azure.com", apiVersion: "2025-04-01-preview" }, "gpt-image-1")
 * // { baseUrl: "https://r.openai.azure.com/openai/deployments/gpt-image-1", query: "api-version=2025-04-01-preview" }
 */
export function azureRoute(options: AzureOptions, model: string | undefined): AzureRoute {
  const deployment = options.deployment ?? model;
  if (!deployment) {
    throw invalidParam(
      "model",
      undefined,
      "model: Azure OpenAI needs a deployment; set azure.deployment or pass model.",
    );
  }
  return {
    baseUrl: `${options.endpoint.replace(/\/+$/, "")}/openai/deployments/${encodeURIComponent(deployment)}`,
    query: `api-version=${encodeURIComponent(options.apiVersion)}`,
  };
}

/** The auth header for one attempt. */
export async function azureAuthHeader(
  options: AzureOptions,
  apiKey: string | undefined,
): Promise<[string, string] | undefined> {
  if (options.tokenProvider) {
    let token: string;
    try {
      token = await options.tokenProvider();
    } catch (cause) {
      throw new ImagesError("azure.tokenProvider failed to return a token", { cause });
    }
    return ["authorization", `Bearer ${token}`];
  }
  return apiKey ? ["api-key", apiKey] : undefined;
}

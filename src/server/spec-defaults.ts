/**
 * Defaults the spec declares (`default:` of a component schema), read from the document itself so
 * the server never states them a second time.
 */
import { openapiDocument } from "../../generated/openapi.js";

/**
 * The `default` of the component schema `name` in `openapi/images.yaml`.
 *
 * @example
 * specDefault("FrameCount"); // 9
 */
export function specDefault(name: string): unknown {
  const components = openapiDocument.components as { schemas?: Record<string, { default?: unknown }> };
  return components.schemas?.[name]?.default;
}

/** A numeric spec default; a spec without it is a broken build, not a request's fault. */
export function specNumber(name: string): number {
  const value = specDefault(name);
  if (typeof value !== "number")
    throw new Error(`openapi/images.yaml declares no numeric default for ${name}`);
  return value;
}

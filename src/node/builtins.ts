/**
 * The Node built-ins of the Node flavour, loaded on first use instead of at import. Importing a
 * built-in from an ES module builds a module facade over all its exports, and node:http, node:https
 * and node:zlib load much of their code then: measured, they were over a third of what a cold
 * `import "openai-images"` cost on Node. A client that never sends pays for none of it. `require`
 * (not `import()`) keeps the callers synchronous.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

function lazy<T>(id: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(id) as T);
}

export const nodeFs = lazy<typeof import("node:fs")>("node:fs");
export const nodeHttp = lazy<typeof import("node:http")>("node:http");
export const nodeHttps = lazy<typeof import("node:https")>("node:https");
export const nodePath = lazy<typeof import("node:path")>("node:path");
export const nodeZlib = lazy<typeof import("node:zlib")>("node:zlib");

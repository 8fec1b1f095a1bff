/**
 * The client's seam to the model rules: defaults, then validation, then the mode decides.
 * Kept apart from `client.ts` so the rules can change without touching the HTTP path.
 */
import type { ValidationIssue } from "./errors.js";
import { ImagesValidationError } from "./errors.js";
import type { ImageInfo } from "./image-info.js";

/** The three operations. */
export type Operation = "generate" | "edit" | "variation";

/** How pre-flight validation treats a request that breaks a rule. @default "strict" */
export type ValidationMode = "strict" | "warn" | "off";

/** Client-wide default parameters. */
export type ModelDefaults = Record<string, unknown>;

/** Applies the client's default model and parameters without overriding the caller's values. */
export function withDefaults(
  _op: Operation,
  params: Record<string, unknown>,
  config: { model?: string | undefined; defaults?: ModelDefaults | undefined },
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...config.defaults, ...params };
  if (out.model === undefined && config.model !== undefined) out.model = config.model;
  return out;
}

/**
 * Checks a request and acts on the mode. `uploadIssues` come from reading the uploads' headers
 * (e.g. bytes that are not an image) and are judged like rule violations.
 */
export function preflight(
  _op: Operation,
  params: Record<string, unknown>,
  _images: { image?: ImageInfo[]; mask?: ImageInfo },
  uploadIssues: readonly ValidationIssue[],
  mode: ValidationMode,
  report: (issue: ValidationIssue) => void,
): void {
  if (mode === "off") return;
  const issues = [...uploadIssues];
  if (mode === "strict" && issues.some((i) => i.severity === "error")) {
    throw new ImagesValidationError(issues, typeof params.model === "string" ? params.model : undefined);
  }
  for (const issue of issues) report(issue);
}

/** Reports each distinct problem once: to `onWarning`, else `console.warn`. */
export function createReporter(
  onWarning?: (issue: ValidationIssue) => void,
): (issue: ValidationIssue) => void {
  const seen = new Set<string>();
  return (issue) => {
    const key = `${issue.param}\u0000${issue.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    if (onWarning) onWarning(issue);
    else console.warn(`openai-images: ${issue.message}`);
  };
}

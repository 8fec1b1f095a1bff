/**
 * The client's seam to the model rules (`src/models/`): checks a request and lets the validation
 * mode decide. Kept apart from `client.ts` so the HTTP path does not grow rule logic.
 */
import type { ValidationIssue } from "./errors.js";
import {
  effectiveModel,
  enforceValidation,
  type ImageInfo,
  type Operation,
  type ValidationMode,
  validateRequest,
} from "./models/index.js";

/**
 * Validates `params` (and the uploads' header facts) before anything is sent. `uploadIssues` come from
 * reading the uploads (bytes that are not a PNG, JPEG or WebP image) and are judged like rule
 * violations: `"strict"` throws `ImagesValidationError` listing every issue, `"warn"` reports them
 * and sends, `"off"` checks nothing.
 */
export function preflight(
  op: Operation,
  params: Record<string, unknown>,
  images: { image?: ImageInfo[]; mask?: ImageInfo },
  uploadIssues: readonly ValidationIssue[],
  mode: ValidationMode,
  report: (issue: ValidationIssue) => void,
): void {
  if (mode === "off") return;
  const { model, known } = effectiveModel(op, params);
  // Which image types a model takes is a model rule: unknown models (compatible servers) get their
  // uploads passed through untouched.
  const issues = [...(known ? uploadIssues : []), ...validateRequest(op, params, images)];
  enforceValidation(issues, { mode, model, report });
}

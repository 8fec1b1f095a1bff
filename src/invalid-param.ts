/** The one-problem validation error (internal): kept out of errors.ts, which holds only the public error API. */
import { ImagesValidationError } from "./errors.js";

/**
 * A validation error for one refused parameter (an upload that is not one, a missing deployment):
 * the single issue is an error.
 */
export function invalidParam(
  param: string,
  value: unknown,
  message: string,
  model?: string | undefined,
  code?: string,
): ImagesValidationError {
  return new ImagesValidationError([{ param, value, message, severity: "error", code }], model);
}

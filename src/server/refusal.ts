/**
 * The error catalogue's answers as the server's failures. Its own module, apart from `http-io.ts`,
 * whose declarations the public server types reach: the catalogue's types stay out of the install.
 */
import type { ApiRefusal } from "../models/api-errors.js";
import { HttpFailure } from "./http-io.js";

/**
 * An answer of the error catalogue (`models/api-errors.ts`) as an {@link HttpFailure}.
 *
 * @example
 * throw refusalFailure(API_ERRORS.unknownParameter("style"));
 */
export function refusalFailure(refusal: ApiRefusal, headers?: Record<string, string>): HttpFailure {
  return new HttpFailure(refusal.status, refusal.body, headers);
}

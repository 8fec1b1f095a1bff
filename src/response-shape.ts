/**
 * The least a 2xx body must be to resolve as an `ImagesResponse`: an object with a numeric `created`
 * and, when present, `data` as a list of objects. Fuller checks belong to the spec (the server's
 * contract tools); this one only keeps `null`, `42`, `[1,2,3]` or `{"data":"oops"}` (a proxy's page,
 * a wrong `baseUrl`) from reaching the caller as if they were images.
 */

import { isRecord } from "./body-reading.js";

/**
 * Why `value` is not an `ImagesResponse`, or `undefined` when it has the minimal shape.
 *
 * @example
 * imagesResponseProblem({ data: "oops" }) // "`created` is missing (expected a number)"
 * imagesResponseProblem({ created: 1, data: [{ b64_json: "…" }] }) // undefined
 */
export function imagesResponseProblem(value: unknown): string | undefined {
  if (!isRecord(value)) return `expected a JSON object, got ${describe(value)}`;
  const { created, data } = value;
  if (typeof created !== "number") return `\`created\` is ${describe(created)} (expected a number)`;
  if (data === undefined) return undefined;
  if (!Array.isArray(data)) return `\`data\` is ${describe(data)} (expected a list of images)`;
  const bad = data.findIndex((item) => !isRecord(item));
  if (bad >= 0) return `\`data[${bad}]\` is ${describe(data[bad])} (expected an image object)`;
  return undefined;
}

function describe(value: unknown): string {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return "a string";
  return typeof value === "object" ? "an object" : `the ${typeof value} ${String(value)}`;
}

/**
 * Reading what a server sent, for errors and checks: whether a parsed body is a plain record, and a
 * bounded preview of its text for a message. Internal: not part of the public API.
 */

/**
 * `text` for a message: cut after `max` characters with how long it was, or with "truncated" when
 * it is itself only the start of what the server sent.
 */
export function preview(text: string, max: number, truncated = false): string {
  return text.length > max || truncated
    ? `${text.slice(0, max)}… (${truncated ? "truncated" : `${text.length} characters`})`
    : text;
}

/** A plain JSON-like object (not `null`, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

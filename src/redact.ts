/**
 * The one place secrets are taken out of errors. Every error a client throws passes through
 * {@link redactError} on its way out (the request runner, the transport wrapper and image streams
 * call it), whatever its class: message, stack, every string field, `headers`, the parsed body and
 * the whole `cause` chain. A server may echo the API key, the bearer token or the Azure key anywhere:
 * in a JSON error, an HTML page, a header, an SSE error frame, event data that is not JSON.
 */

/** The text that replaces a secret. */
export const REDACTED = "[redacted]";

/**
 * Real keys are long; a secret this short (a test's `"k"`) is replaced only where it stands as a
 * word of its own (`Bearer k`), or every `k` in a message would go.
 */
const WHOLE_WORD_BELOW = 8;

/**
 * Replaces every secret in `text` with `[redacted]`.
 *
 * @example
 * redactText("Incorrect API key provided: sk-abc123def456", ["sk-abc123def456"]) // "Incorrect API key provided: [redacted]"
 */
export function redactText(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length === 0) continue;
    if (secret.length >= WHOLE_WORD_BELOW) out = redactCutOff(out.split(secret).join(REDACTED), secret);
    else if (out.includes(secret)) {
      out = out.replace(new RegExp(`(?<![\\w-])${escapeRegExp(secret)}(?![\\w-])`, "g"), REDACTED);
    }
  }
  return out;
}

/**
 * Messages quote long text cut off with `…`; a cut inside a key leaves its start, which is not the
 * whole secret. A start of a secret right before a `…` (from {@link WHOLE_WORD_BELOW} characters on)
 * is redacted as well.
 */
function redactCutOff(text: string, secret: string): string {
  if (!text.includes("…")) return text;
  return text.replace(/[^\s"'`]+(?=…)/g, (word) => {
    for (let n = Math.min(word.length, secret.length - 1); n >= WHOLE_WORD_BELOW; n--) {
      if (word.endsWith(secret.slice(0, n))) return word.slice(0, word.length - n) + REDACTED;
    }
    return word;
  });
}

/**
 * A copy of `value` with every secret replaced in its strings: strings, arrays, plain objects and
 * `Headers` are copied where they hold one; errors are cleaned in place ({@link redactError}); any
 * other object (a `Response`, bytes) is returned as it is.
 *
 * @example
 * redactValue({ error: { message: "bad key sk-abc123def456" } }, ["sk-abc123def456"]) // { error: { message: "bad key [redacted]" } }
 */
export function redactValue<T>(value: T, secrets: Iterable<string>): T {
  const list = [...secrets].filter((s) => s.length > 0);
  return list.length === 0 ? value : (scrub(value, list, new WeakSet(), 0) as T);
}

/**
 * Removes every secret from an error, in place, and returns it: its message and stack, each own
 * field (strings, `headers`, the parsed body), and its `cause`, recursively. Safe to call twice.
 *
 * @example
 * throw redactError(err, [apiKey]);
 */
export const redactError: <E>(err: E, secrets: Iterable<string>) => E = redactValue;

/** Deep enough for any error chain or API body; deeper values are left as they are. */
const MAX_DEPTH = 32;

function scrub(value: unknown, secrets: readonly string[], seen: WeakSet<object>, depth: number): unknown {
  if (typeof value === "string") return redactText(value, secrets);
  if (typeof value !== "object" || value === null || depth > MAX_DEPTH || seen.has(value)) return value;
  seen.add(value);
  const next = (item: unknown) => scrub(item, secrets, seen, depth + 1);
  if (value instanceof Error) {
    // Errors keep their identity (class, `instanceof`): their own properties are rewritten in place.
    for (const key of Reflect.ownKeys(value)) {
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      if (!descriptor) continue;
      const { get, set } = descriptor;
      // Some engines make `stack` an accessor: read it and write it back through its setter.
      const current: unknown =
        "value" in descriptor ? descriptor.value : get && set ? get.call(value) : undefined;
      const clean = next(current);
      if (clean === current) continue;
      // Fields declared `readonly` are still plain data properties; a frozen error is left alone.
      if (!("value" in descriptor)) set?.call(value, clean);
      else if (descriptor.writable) (value as unknown as Record<PropertyKey, unknown>)[key] = clean;
      else if (descriptor.configurable) Object.defineProperty(value, key, { ...descriptor, value: clean });
    }
    return value;
  }
  if (value instanceof Headers) {
    // A new `Headers` only when a value held a secret; names are left as they are (they must stay valid).
    let changed = false;
    const out = new Headers();
    value.forEach((item, name) => {
      const clean = redactText(item, secrets);
      if (clean !== item) changed = true;
      out.append(name, clean);
    });
    return changed ? out : value;
  }
  if (Array.isArray(value)) {
    const items = value.map(next);
    return items.some((item, i) => item !== value[i]) ? items : value;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const clean = next(item);
    if (clean !== item) changed = true;
    out[redactText(key, secrets)] = clean;
  }
  return changed ? out : value;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The API surface `spec:drift` compares: what one side (our spec and model table, or an `openai`
 * SDK's `resources/images.d.ts`) says about the three image operations, reduced to facts both sides
 * can state. Bounds, defaults and prose are left out: the SDK's types do not carry them.
 */

/** What one side states about one field. Lists are sorted, so they compare and print simply. */
export interface FieldFacts {
  required: boolean;
  deprecated: boolean;
  /**
   * `string` (any string), `enum` (only the listed `values`), `number`, `boolean`, `null`, `object`,
   * `array`, `binary` (an upload) or `unknown`. A field that takes listed values and any other
   * string is `string` with its `values`.
   */
  types: string[];
  /** The string values it names (enum members, literal types). */
  values: string[];
}

/** A model's retirement as one side states it. */
export interface ModelRetirement {
  /** ISO date, when stated. */
  date?: string | undefined;
  /** The words that state it (the SDK's doc comment sentence, or the model table's source). */
  text: string;
}

/** One operation: its deprecation, request bodies and responses. */
export interface OperationSurface {
  deprecated: boolean;
  /** Request body fields per content type (`application/json`, `multipart/form-data`). */
  requests: Map<string, Map<string, FieldFacts>>;
  /** Response fields per content type; `text/event-stream` holds the events as `<type>.field`. */
  responses: Map<string, Map<string, FieldFacts>>;
}

/** Everything one side states. */
export interface Surface {
  /** Keyed `POST /images/generations`, `POST /images/edits`, `POST /images/variations`. */
  operations: Map<string, OperationSurface>;
  /** The model ids it names. */
  models: string[];
  /** The models it states are retired, deprecated or shut down. */
  retired: Map<string, ModelRetirement>;
}

/** Facts with nothing stated yet. */
export function emptyFacts(): FieldFacts {
  return { required: false, deprecated: false, types: [], values: [] };
}

/**
 * Sorted, de-duplicated lists; `enum` is dropped when the field also takes any string (its values
 * are then examples of the open type, as `(string & {}) | '1024x1024'` says in the SDK).
 */
export function normalizeFacts(f: FieldFacts): FieldFacts {
  const types = new Set(f.types);
  if (types.has("string")) types.delete("enum");
  return {
    required: f.required,
    deprecated: f.deprecated,
    types: [...types].sort(),
    values: [...new Set(f.values)].sort(),
  };
}

/** Adds `next` to the field at `path` (a field stated twice states the union of both). */
export function addFacts(out: Map<string, FieldFacts>, path: string, next: FieldFacts): void {
  const prev = out.get(path);
  out.set(
    path,
    normalizeFacts(
      prev
        ? {
            required: prev.required || next.required,
            deprecated: prev.deprecated || next.deprecated,
            types: [...prev.types, ...next.types],
            values: [...prev.values, ...next.values],
          }
        : next,
    ),
  );
}

// "October 23, 2026" in the SDK's doc comments; ISO dates pass through.
const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];

/** The first date in `text` as `YYYY-MM-DD`, or `undefined`. */
export function isoDate(text: string): string | undefined {
  const iso = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(text);
  if (iso) return iso[0];
  const m = /\b([A-Z][a-z]+) (\d{1,2}), (\d{4})\b/.exec(text);
  const month = m ? MONTHS.indexOf((m[1] as string).toLowerCase()) : -1;
  if (!m || month < 0) return undefined;
  return `${m[3]}-${String(month + 1).padStart(2, "0")}-${(m[2] as string).padStart(2, "0")}`;
}

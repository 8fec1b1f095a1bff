/**
 * The three endpoints, declared once: path, how messages and the README name them, and their
 * lifecycle. The client's routes, the validator's messages, the README tables and the server's
 * router read this table.
 */

/** A date-stamped retirement, with what to use instead. */
export interface Retirement {
  /** The day OpenAI stopped serving it (ISO date), when the source states one. */
  readonly date?: string;
  /** What to use instead, as a phrase for messages. */
  readonly replacement: string;
  /** The official SDK version that documents the retirement. */
  readonly source: string;
}

/** One endpoint. */
export interface OperationInfo {
  readonly path: "/images/generations" | "/images/edits" | "/images/variations";
  /** Plural noun for messages: "generations". */
  readonly noun: string;
  /** Present when OpenAI's API no longer serves the endpoint. */
  readonly retired?: Retirement;
}

/**
 * The endpoints.
 *
 * @example
 * OPERATIONS.edit.path;               // "/images/edits"
 * OPERATIONS.variation.retired?.source; // "openai@7.28.0"
 */
export const OPERATIONS = {
  generate: { path: "/images/generations", noun: "generations" },
  edit: { path: "/images/edits", noun: "edits" },
  variation: {
    path: "/images/variations",
    noun: "variations",
    retired: {
      replacement: "edit() with a GPT image model and a prompt that asks for a variation",
      source: "openai@7.28.0",
    },
  },
} as const satisfies Record<string, OperationInfo>;

/** The three endpoints. */
export type Operation = keyof typeof OPERATIONS;

/** The endpoints, in table order. */
// Pure: a bundle that never reads the list (the client's) drops it.
export const OPERATION_NAMES = /* @__PURE__ */ Object.keys(OPERATIONS) as Operation[];

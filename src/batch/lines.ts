/**
 * The input of a batch run: one request per line. Parses JSONL (`{"id", "op", ...params}`) or a text
 * file of prompts with shared options, and reports every line that cannot be sent, with its line
 * number and the parameter at fault. The model rules themselves are checked in `validate-lines.ts`.
 */

/** The operations a batch line may ask for. Variations have no Batch API endpoint. */
export type BatchOp = "generate" | "edit";

/** One request of a batch run. */
export interface BatchLine {
  /** Names the output files and the manifest record; unique within the input. */
  id: string;
  op: BatchOp;
  /**
   * The API parameters, snake_case as the API spells them. In edits, `image` (one or a list) and
   * `mask` may be local paths, `{ image_url }` or `{ file_id }`; `images` is a list of references.
   */
  params: Record<string, unknown>;
  /** 1-based line number in the input file. */
  line: number;
}

/** Why one input line cannot be sent. */
export interface LineIssue {
  /** 1-based line number in the input file. */
  line: number;
  /** The line's id, when it has a usable one. */
  id?: string | undefined;
  /** The parameter at fault (`"id"`, `"op"`, `"size"`, `"image[1]"`, …; `""` for the whole line). */
  param: string;
  message: string;
}

/** Lines that parsed, and the problems of those that did not. */
export interface ParsedInput {
  lines: BatchLine[];
  issues: LineIssue[];
}

const OPS: readonly BatchOp[] = ["generate", "edit"];

/**
 * Ids become file names: letters, digits, `.`, `_` and `-`, not starting with a dot, at most 128
 * characters, so that no id can escape the output folder or collide with the manifest.
 */
const ID_PATTERN = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;

/**
 * Parses JSONL: one JSON object per line, blank lines ignored. `op` defaults to `"generate"`.
 *
 * @example
 * const { lines, issues } = parseJsonl('{"id":"otter","prompt":"a cute baby sea otter","size":"1024x1024"}');
 * // lines[0] → { id: "otter", op: "generate", params: { prompt: "…", size: "1024x1024" }, line: 1 }
 */
export function parseJsonl(text: string): ParsedInput {
  const lines: BatchLine[] = [];
  const issues: LineIssue[] = [];
  const seen = new Map<string, number>();
  splitLines(text).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      issues.push({ line, param: "", message: `not valid JSON: ${(err as Error).message}` });
      return;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      issues.push({ line, param: "", message: "each line must be a JSON object" });
      return;
    }
    const { id, op = "generate", ...params } = value as Record<string, unknown>;
    const parsed = checkIdAndOp(id, op, line, seen);
    if ("issue" in parsed) {
      issues.push(parsed.issue);
      return;
    }
    lines.push({ id: parsed.id, op: parsed.op, params, line });
  });
  return { lines, issues };
}

/**
 * Parses a text file of prompts, one per line, all with the same `params` (model, size, …). Blank lines
 * are skipped; the id of a prompt is `line-<number>`, so editing the file changes ids only of the lines
 * that moved.
 *
 * @example
 * parsePrompts("a red fox\na lighthouse\n", { model: "gpt-image-1.5" }).lines[1]?.id; // "line-2"
 */
export function parsePrompts(text: string, params: Record<string, unknown> = {}): ParsedInput {
  const lines: BatchLine[] = [];
  splitLines(text).forEach((raw, index) => {
    const prompt = raw.trim();
    if (prompt === "") return;
    lines.push({ id: `line-${index + 1}`, op: "generate", params: { ...params, prompt }, line: index + 1 });
  });
  return { lines, issues: [] };
}

function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

function checkIdAndOp(
  id: unknown,
  op: unknown,
  line: number,
  seen: Map<string, number>,
): { id: string; op: BatchOp } | { issue: LineIssue } {
  if (typeof id !== "string" || !ID_PATTERN.test(id)) {
    return {
      issue: {
        line,
        param: "id",
        message:
          id === undefined
            ? "id is required (it names the output files)"
            : `id ${JSON.stringify(id)} must be 1–128 letters, digits, ".", "_" or "-", not starting with "."`,
      },
    };
  }
  const first = seen.get(id);
  if (first !== undefined) {
    return { issue: { line, id, param: "id", message: `id ${JSON.stringify(id)} repeats line ${first}` } };
  }
  seen.set(id, line);
  if (typeof op !== "string" || !(OPS as readonly string[]).includes(op)) {
    return {
      issue: { line, id, param: "op", message: `op ${JSON.stringify(op)} must be "generate" or "edit"` },
    };
  }
  return { id, op: op as BatchOp };
}

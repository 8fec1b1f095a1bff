/** How an error can be printed, for tests that check what an error never shows (an API key). */
import { inspect } from "node:util";

/** Every way an error can end up in a log or a bug report. */
export function everyRendering(err: unknown): string {
  const e = err as Error & Record<string, unknown>;
  const fields = Object.entries(e).map(
    ([k, v]) => `${k}=${v instanceof Headers ? [...v].join(";") : inspect(v)}`,
  );
  const causes: string[] = [];
  for (let c: unknown = e.cause, depth = 0; c !== undefined && depth < 8; depth++) {
    causes.push(String(c), inspect(c, { depth: 10, showHidden: true }));
    c = (c as { cause?: unknown }).cause;
  }
  return [
    String(err),
    e.message,
    e.stack,
    JSON.stringify(err),
    inspect(err, { depth: 10, showHidden: true }),
    ...fields,
    ...causes,
  ].join("\n");
}

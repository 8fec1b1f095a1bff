/** `bench/RESULTS.md` has one section per script: `npm run bench` writes the file, `bench:batch` its own part. */

/** The markers around the section of `npm run bench:batch`. */
export const BATCH_SECTION_START = "<!-- bench:batch -->";
export const BATCH_SECTION_END = "<!-- /bench:batch -->";

/** The batch section of `text` (markers included), or `""`. */
export function batchSection(text: string): string {
  const start = text.indexOf(BATCH_SECTION_START);
  const end = text.indexOf(BATCH_SECTION_END);
  return start >= 0 && end > start ? text.slice(start, end + BATCH_SECTION_END.length) : "";
}

/** `text` with its batch section replaced by `section` (or `section` appended). */
export function withBatchSection(text: string, section: string): string {
  const old = batchSection(text);
  return old ? text.replace(old, section.trimEnd()) : `${text.trimEnd()}\n\n${section.trimEnd()}\n`;
}

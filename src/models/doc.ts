/**
 * The rules table as Markdown, for the README: one table per operation, one column per group of
 * models with identical rules. Generated, never typed twice.
 */
import type { KnownModel } from "../types.js";
import { joinWords } from "./checks.js";
import type { ImageInfo } from "./image-info-type.js";
import { modelsFor, type Operation, type OperationRules, rulesFor } from "./rules.js";

const TITLES: Record<Operation, string> = {
  generate: "Generations (`generate`)",
  edit: "Edits (`edit`)",
  variation: "Variations (`createVariation`)",
};

const FORMAT_NAMES: Record<ImageInfo["format"], string> = {
  png: "PNG",
  jpeg: "JPEG",
  webp: "WebP",
  gif: "GIF",
  unknown: "?",
};

type Row = [label: string, cell: (r: OperationRules) => string | undefined];

const list = (values: readonly unknown[] | undefined) =>
  values === undefined ? undefined : values.map((v) => `\`${String(v)}\``).join(", ");
const orList = (values: readonly unknown[] | undefined) =>
  joinWords(
    (values ?? []).map((v) => `\`${String(v)}\``),
    "or",
  );
const span = (r: { min: number; max: number } | undefined) =>
  r === undefined ? undefined : r.min === r.max ? `${r.min}` : `${r.min}–${r.max}`;
const mb = (bytes: number) => `${bytes / (1024 * 1024)} MB`;
const formats = (f: readonly ImageInfo["format"][]) =>
  joinWords(
    f.map((x) => FORMAT_NAMES[x]),
    "or",
  );

const ROWS: Row[] = [
  ["`prompt`", (r) => (r.prompt ? `required, ≤ ${r.prompt.maxLength} characters` : undefined)],
  [
    "`image`",
    (r) =>
      r.image
        ? `${r.image.maxCount === 1 ? "exactly 1" : `1–${r.image.maxCount}`}; ${formats(r.image.formats)}; ` +
          `< ${mb(r.image.maxBytes)}${r.image.maxCount === 1 ? "" : " each"}${r.image.square ? "; square" : ""}`
        : undefined,
  ],
  [
    "`mask`",
    (r) =>
      r.mask
        ? `${formats(r.mask.formats)} < ${mb(r.mask.maxBytes)}` +
          `${r.mask.needsAlpha ? ", with alpha" : ""}${r.mask.sameSizeAsImage ? ", same size as the first image" : ""}`
        : undefined,
  ],
  ["`n`", (r) => span(r.n)],
  [
    "`size`",
    (r) => {
      const c = r.size.custom;
      const custom = c
        ? `; or any \`WxH\`: sides multiples of ${c.multipleOf}, ratio ≤ ${c.maxAspectRatio}:1, ` +
          `≤ ${c.maxEdge} per side and ≤ 3840x2160 in pixels (above 2560x1440: experimental, warned)`
        : "";
      return `${list(r.size.values)}${custom}`;
    },
  ],
  ["`quality`", (r) => list(r.quality)],
  [
    "`background`",
    (r) => {
      const values = list(r.background);
      if (values === undefined) return undefined;
      const needs = r.transparentFormats && r.background?.includes("transparent");
      return needs ? `${values} (\`transparent\` needs ${orList(r.transparentFormats)})` : values;
    },
  ],
  ["`output_format`", (r) => list(r.output_format)],
  [
    "`output_compression`",
    (r) =>
      r.output_compression
        ? `${span(r.output_compression)}, with ${orList(r.compressionFormats)} only`
        : undefined,
  ],
  ["`moderation`", (r) => list(r.moderation)],
  ["`input_fidelity`", (r) => list(r.input_fidelity)],
  ["`response_format`", (r) => list(r.response_format)],
  ["`stream`", (r) => (r.stream?.includes(true) ? "`true`, `false`" : undefined)],
  ["`partial_images`", (r) => span(r.partial_images)],
  ["`style`", (r) => list(r.style)],
];

/**
 * Renders the model rules as Markdown tables (one per operation). A `—` means the parameter is not
 * accepted by those models and is refused before sending.
 *
 * @example
 * const markdown = renderModelRulesMarkdown(); // "#### Generations (`generate`)\n\n| parameter | …"
 */
export function renderModelRulesMarkdown(options: { headingLevel?: number } = {}): string {
  const hashes = "#".repeat(options.headingLevel ?? 4);
  const sections = (["generate", "edit", "variation"] as const).map((op) => {
    const groups = groupModels(op);
    const head = ["parameter", ...groups.map((g) => g.models.map((m) => `\`${m}\``).join(", "))];
    const body = ROWS.map(([label, cell]) => {
      const cells = groups.map((g) => cell(g.rules));
      return cells.every((c) => c === undefined) ? undefined : [label, ...cells.map((c) => c ?? "—")];
    }).filter((row): row is string[] => row !== undefined);
    const lines = alignedTable(head, body);
    return [`${hashes} ${TITLES[op]}`, "", ...lines].join("\n");
  });
  return `${sections.join("\n\n")}\n`;
}

/** A Markdown table with padded columns, as the project's formatter (Biome) lays it out. */
function alignedTable(head: readonly string[], body: readonly (readonly string[])[]): string[] {
  const width = (text: string) => [...text].length;
  const widths = head.map((h, k) => Math.max(3, width(h), ...body.map((row) => width(row[k] ?? ""))));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, k) => c + " ".repeat((widths[k] ?? 0) - width(c))).join(" | ")} |`;
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...body.map(line)];
}

/** Models with identical rules for `op` share a column. */
function groupModels(op: Operation): { models: KnownModel[]; rules: OperationRules }[] {
  const groups = new Map<string, { models: KnownModel[]; rules: OperationRules }>();
  for (const model of modelsFor(op)) {
    const rules = rulesFor(model, op) as OperationRules;
    const key = JSON.stringify(rules);
    const group = groups.get(key);
    if (group) group.models.push(model);
    else groups.set(key, { models: [model], rules });
  }
  return [...groups.values()];
}

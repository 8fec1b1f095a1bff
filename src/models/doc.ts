/**
 * The model table as Markdown, for the README: the models with their lifecycle, one rules table per
 * endpoint (one column per group of models with identical rules, one row per declared parameter),
 * and what each output format allows. Generated from the declarations, never typed twice.
 */
import type { KnownModel } from "../types.js";
import { joinWords } from "./checks.js";
import { FORMATS, type FormatInfo, formatNames } from "./formats.js";
import { OPERATION_NAMES, OPERATIONS, type Operation } from "./operations.js";
import {
  DEPRECATIONS,
  type KindOf,
  PARAMETERS,
  type ParamInfo,
  type ParamName,
  RULED_PARAMS,
  type RuledParam,
} from "./parameters.js";
import {
  DEFAULT_MODELS,
  KNOWN_MODELS,
  MODEL_RULES,
  MODEL_SOURCES,
  type ModelRules,
  modelsFor,
  type OperationRules,
  rulesFor,
  type SizeRule,
  UNSTATED,
  type UploadRule,
} from "./rules.js";

const code = (v: unknown) => `\`${String(v)}\``;
const list = (values: readonly unknown[]) => values.map(code).join(", ");
const span = (r: { min: number; max: number }) => (r.min === r.max ? `${r.min}` : `${r.min}–${r.max}`);
const mb = (bytes: number) => `${bytes / (1024 * 1024)} MB`;

function uploadCell(param: string, r: UploadRule): string {
  const parts = [formatNames(r.formats)];
  if (param === "image") parts.unshift(r.maxCount === undefined ? "exactly 1" : `1–${r.maxCount}`);
  if (r.maxBytes !== undefined) parts.push(`< ${mb(r.maxBytes)}${r.maxCount === undefined ? "" : " each"}`);
  if (r.square) parts.push("square");
  if (r.needsAlpha) parts.push("with alpha");
  if (r.sameSizeAsImage) parts.push("same size as the first image");
  return parts.join("; ");
}

/** One cell: how `rules` treat `param`, by the parameter's kind. */
function cell(rules: OperationRules, param: RuledParam): string | undefined {
  const rule = rules[param];
  if (rule === undefined) return undefined;
  if (rule === UNSTATED) return "not documented: passed through";
  const kind: KindOf<RuledParam> = PARAMETERS[param].kind;
  const preview = rules.preview?.[param];
  switch (kind) {
    case "prompt":
      return `required, ≤ ${(rule as { maxLength: number }).maxLength} characters`;
    case "enum": {
      const values = rule as readonly unknown[];
      const text = param === "stream" && !values.includes(true) ? undefined : list(values);
      return text && preview ? `${text} (${list(preview)} in preview)` : text;
    }
    case "int":
      return span(rule as { min: number; max: number });
    case "size": {
      const { values, custom } = rule as SizeRule;
      const extra = custom
        ? `; or any \`WxH\`: sides multiples of ${custom.multipleOf}, ratio ≤ ${custom.maxAspectRatio}:1, ` +
          `≤ ${custom.maxEdge} per side and ${custom.minPixels === undefined ? "" : `≥ ${custom.minPixels} and `}≤ ${custom.maxPixels} pixels (more than ${custom.experimentalAbovePixels}: experimental, warned)`
        : "";
      return `${list(values)}${extra}`;
    }
    case "upload":
      return uploadCell(param, rule as UploadRule);
    default:
      return "accepted";
  }
}

/** The README heading of each endpoint's table. */
export const TITLES: Record<Operation, string> = {
  generate: "Generations (`generate`)",
  edit: "Edits (`edit`)",
  variation: "Variations (`createVariation`, retired)",
};

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

function modelsTable(): string[] {
  const defaults = (m: KnownModel) =>
    OPERATION_NAMES.filter((op) => DEFAULT_MODELS[op] === m).map((op) => OPERATIONS[op].noun);
  const body = KNOWN_MODELS.map((m) => {
    const row: ModelRules = MODEL_RULES[m];
    const ops = OPERATION_NAMES.filter((op) => row[op] !== undefined).map((op) => op);
    const dflt = defaults(m);
    const status = row.retired
      ? `retired${row.retired.date ? ` ${row.retired.date}` : ""}: use ${row.retired.replacement}`
      : `current${dflt.length ? ` (default for ${joinWords(dflt)})` : ""}`;
    return [
      code(m),
      status,
      ops.join(", "),
      row.retired ? `${MODEL_SOURCES[m]}; ${row.retired.source}` : MODEL_SOURCES[m],
    ];
  });
  return alignedTable(["model", "status", "endpoints", "source"], body);
}

function formatsTable(): string[] {
  const outputs = (Object.entries(FORMATS) as [string, FormatInfo][]).filter(([, f]) => f.output);
  const yes = (b: unknown) => (b ? "yes" : "no");
  const body = outputs.map(([name, f]) => {
    const o = f.output ?? {};
    return [
      code(name),
      yes(o.transparency),
      yes(o.compression),
      yes(!o.noStreaming),
      yes(!o.noMask),
      o.maxN === undefined ? "any" : `${o.maxN}`,
      o.params ? list(o.params) : "—",
    ];
  });
  return alignedTable(
    [
      "output_format",
      "transparent",
      "output_compression",
      "stream / partials",
      "mask",
      "n",
      "its own options",
    ],
    body,
  );
}

/**
 * Renders the model table as Markdown: the models with their lifecycle, one rules table per endpoint,
 * and the output formats. A `—` means the parameter is not accepted by those models and is refused
 * before sending; "not documented" cells are passed through unchecked.
 *
 * @example
 * const markdown = renderModelRulesMarkdown(); // "#### Models\n\n| model | status | …"
 */
export function renderModelRulesMarkdown(options: { headingLevel?: number } = {}): string {
  const hashes = "#".repeat(options.headingLevel ?? 4);
  const sections = [[`${hashes} Models`, "", ...modelsTable()].join("\n")];
  for (const op of OPERATION_NAMES) {
    const groups = groupModels(op);
    const head = ["parameter", ...groups.map((g) => g.models.map(code).join(", "))];
    const body = RULED_PARAMS.map((param) => {
      const cells = groups.map((g) => cell(g.rules, param));
      return cells.every((c) => c === undefined) ? undefined : [code(param), ...cells.map((c) => c ?? "—")];
    }).filter((row): row is string[] => row !== undefined);
    sections.push([`${hashes} ${TITLES[op]}`, "", ...alignedTable(head, body)].join("\n"));
  }
  sections.push([`${hashes} Output formats`, "", ...formatsTable()].join("\n"));
  const text = (Object.entries(PARAMETERS) as [ParamName, ParamInfo][])
    .filter(([, p]) => p.kind === "text")
    .map(
      ([name, p]) =>
        `${code(name)} (${(p.ops ?? []).join(", ")}${DEPRECATIONS[name] ? `; deprecated: ${DEPRECATIONS[name]}` : ""})`,
    );
  sections.push(`Every model takes ${joinWords(text)}.`);
  return `${sections.join("\n\n")}\n`;
}

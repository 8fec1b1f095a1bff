/**
 * Command-line parsing for `openai-images` (node:util parseArgs) and the help texts. The image
 * commands' flags, their value lists and their help lines are derived from the parameter
 * declarations and the model table: nothing here lists a model or a value by hand.
 */
import { type ParseArgsConfig, parseArgs } from "node:util";
import {
  DEFAULT_MODELS,
  KNOWN_MODELS,
  MODEL_RULES,
  type ModelRules,
  modelsFor,
  OPERATIONS,
  type Operation,
  PARAMETERS,
  type ParamInfo,
  type ParamName,
  retirementOf,
  UNSTATED,
} from "../models/index.js";
import { SERVER_MODES, type ServerMode } from "../server/policy.js";
import { CLI_FLAGS, type CliFlag } from "./flags.js";

/** A problem with the command line: exit code 2, like a refused parameter. */
export class UsageError extends Error {
  override name = "UsageError";
  /** The API parameter (or CLI option) at fault, when there is one. */
  readonly param: string | undefined;
  constructor(message: string, param?: string) {
    super(message);
    this.param = param;
  }
}

type Options = NonNullable<ParseArgsConfig["options"]>;

/** The commands. */
export type Command = Operation | "batch" | "serve";

/** A flag that sets an API parameter on an image command. */
export interface ParamFlag extends CliFlag {
  param: ParamName;
}

/**
 * The parameters `op` takes, in declaration order: those some model's rules mention for `op`, and
 * the `text` parameters declared for it.
 */
export function paramsOf(op: Operation): ParamName[] {
  return (Object.entries(PARAMETERS) as [ParamName, ParamInfo][])
    .filter(([name, info]) =>
      info.kind === "text"
        ? info.ops?.includes(op)
        : modelsFor(op).some((m) => (MODEL_RULES[m] as ModelRules)[op]?.[name as never] !== undefined),
    )
    .map(([name]) => name);
}

/**
 * The flags of an image command, from the declarations.
 *
 * @example
 * paramFlags("edit").find((f) => f.param === "markup")?.flag; // "markup"
 */
export function paramFlags(op: Operation): ParamFlag[] {
  return paramsOf(op).flatMap((param) => CLI_FLAGS[param]?.map((f) => ({ ...f, param })) ?? []);
}

/**
 * Every value the table allows for `param` on `op`, over all models, in first-seen order; `undefined`
 * when some model leaves the parameter open (`UNSTATED`) or it is not a list.
 */
export function tableValues(op: Operation, param: ParamName): unknown[] {
  const values = new Set<unknown>();
  for (const model of modelsFor(op)) {
    const rule = (MODEL_RULES[model] as ModelRules)[op]?.[param as never] as unknown;
    if (Array.isArray(rule)) for (const v of rule) values.add(v);
  }
  return [...values];
}

/** The integer range the table allows for `param` on `op`, over all models. */
function tableRange(op: Operation, param: ParamName): { min: number; max: number } | undefined {
  let range: { min: number; max: number } | undefined;
  for (const model of modelsFor(op)) {
    const rule = (MODEL_RULES[model] as ModelRules)[op]?.[param as never] as unknown;
    if (typeof rule !== "object" || rule === null || !("min" in rule) || !("max" in rule)) continue;
    const { min, max } = rule as { min: number; max: number };
    range = range ? { min: Math.min(range.min, min), max: Math.max(range.max, max) } : { min, max };
  }
  return range;
}

const CONNECTION: Options = {
  "base-url": { type: "string" },
  timeout: { type: "string" },
  help: { type: "boolean", short: "h" },
};
const OUTPUT: Options = {
  out: { type: "string", short: "o" },
  json: { type: "boolean" },
};

/** parseArgs options for `--model` and the given parameter flags. */
function flagOptions(flags: readonly ParamFlag[]): Options {
  const options: Options = { model: { type: "string", short: "m" } };
  for (const f of flags) {
    options[f.flag] = {
      type: f.type === "boolean" ? "boolean" : "string",
      ...(f.short ? { short: f.short } : {}),
    };
  }
  return options;
}

function imageCommandOptions(op: Operation): Options {
  return { ...flagOptions(paramFlags(op)), ...OUTPUT, ...CONNECTION };
}

/**
 * The parameter flags a prompts file's lines share in `batch`: generate's, without streaming
 * (a batch writes final images only).
 */
export function batchFlags(): ParamFlag[] {
  return paramFlags("generate").filter((f) => f.param !== "stream" && f.param !== "partial_images");
}

/** The server modes `serve` takes as flags: every mode but the default, each a flag of its name (`--mock`). */
const MODE_FLAGS = (Object.keys(SERVER_MODES) as ServerMode[]).filter((mode) => !SERVER_MODES[mode].default);

/**
 * The server mode `serve`'s flags ask for (`undefined`: the default).
 *
 * @example
 * serveMode({ mock: true }); // "mock"
 */
export function serveMode(values: OptionValues): ServerMode | undefined {
  const chosen = MODE_FLAGS.filter((mode) => values[mode] === true);
  if (chosen.length > 1) throw new UsageError(`choose one of ${chosen.map((m) => `--${m}`).join(", ")}`);
  return chosen[0];
}

/** The options each command takes. */
export const COMMAND_OPTIONS: Record<Command, Options> = {
  generate: imageCommandOptions("generate"),
  edit: imageCommandOptions("edit"),
  variation: imageCommandOptions("variation"),
  batch: {
    out: { type: "string", short: "o" },
    engine: { type: "string" },
    concurrency: { type: "string", short: "c" },
    "dry-run": { type: "boolean" },
    "max-retries": { type: "string" },
    "poll-interval": { type: "string" },
    ...flagOptions(batchFlags()),
    ...CONNECTION,
  },
  serve: {
    port: { type: "string", short: "p" },
    host: { type: "string" },
    cors: { type: "boolean" },
    "serve-retired": { type: "boolean" },
    ...Object.fromEntries(MODE_FLAGS.map((mode) => [mode, { type: "boolean" } as const])),
    help: { type: "boolean", short: "h" },
  },
};

/** Parsed option values of a command. */
export type OptionValues = Record<string, string | boolean | undefined>;

/** Parses the arguments after the command name. Throws {@link UsageError} on unknown or malformed options. */
export function parseCommand(
  command: Command,
  args: string[],
): { values: OptionValues; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({
      args,
      options: COMMAND_OPTIONS[command],
      allowPositionals: true,
      strict: true,
    });
    return { values: values as OptionValues, positionals };
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\nRun \`openai-images ${command} --help\` for usage.`);
  }
}

/** An integer option, or `undefined` when absent. `param` names the API parameter in the error. */
export function intOption(values: OptionValues, name: string, param: string): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== "string" || !/^-?\d+$/.test(raw.trim())) {
    throw new UsageError(
      `--${name} must be an integer, got ${JSON.stringify(raw)} (parameter ${param})`,
      param,
    );
  }
  return Number(raw);
}

/** A number option, or `undefined` when absent. */
export function numberOption(values: OptionValues, name: string, param: string): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const value = typeof raw === "string" && raw.trim() !== "" ? Number(raw) : Number.NaN;
  if (!Number.isFinite(value)) {
    throw new UsageError(
      `--${name} must be a number, got ${JSON.stringify(raw)} (parameter ${param})`,
      param,
    );
  }
  return value;
}

/** A string option, or `undefined`. */
export function stringOption(values: OptionValues, name: string): string | undefined {
  const v = values[name];
  return typeof v === "string" ? v : undefined;
}

/**
 * The help line of one flag: its description and the values the model table allows on `op`.
 *
 * @example
 * flagHelp("generate", paramFlags("generate").find((f) => f.param === "n")!); // "number of images: 1–10"
 */
export function flagHelp(op: Operation, f: ParamFlag): string {
  const kind = PARAMETERS[f.param].kind;
  const open = modelsFor(op).some((m) => (MODEL_RULES[m] as ModelRules)[op]?.[f.param as never] === UNSTATED);
  let values = "";
  if (f.values) values = f.values.join(", ");
  else if (kind === "enum" && f.type !== "boolean") values = tableValues(op, f.param).join(", ");
  else if (kind === "int") {
    const range = tableRange(op, f.param);
    if (range) values = range.min === range.max ? `${range.min}` : `${range.min}–${range.max}`;
  } else if (kind === "size") values = `${tableSizes(op).join(", ")}, or WxH where the model allows it`;
  const more = open && values ? " (more where a model's rule is not documented)" : "";
  return values ? `${f.help}: ${values}${more}` : f.help;
}

function tableSizes(op: Operation): string[] {
  const sizes = new Set<string>();
  for (const model of modelsFor(op)) {
    const rule = (MODEL_RULES[model] as ModelRules)[op]?.size;
    if (rule && rule !== UNSTATED) for (const s of rule.values) sizes.add(s);
  }
  return [...sizes];
}

function placeholder(f: ParamFlag): string {
  if (f.type === "boolean") return "";
  if (f.type === "file") return " <file>";
  if (f.type === "int" || f.type === "number") return " <n>";
  return f.param === "size" ? " <WxH|auto>" : " <value>";
}

/** The "Parameters:" block of an image command's help, one line per flag. */
export function parametersHelp(op: Operation, flags: readonly ParamFlag[] = paramFlags(op)): string {
  const lines: [string, string][] = [
    ["-m, --model <name>", `the model (default: ${DEFAULT_MODELS[op]}; see the README's model table)`],
  ];
  for (const f of flags) {
    lines.push([`${f.short ? `-${f.short}, ` : "    "}--${f.flag}${placeholder(f)}`, flagHelp(op, f)]);
  }
  const width = Math.max(...lines.map(([left]) => left.length)) + 2;
  return lines.map(([left, right]) => `  ${left.padEnd(width)}${right}`).join("\n");
}

const CONNECTION_HELP = `
Connection:
  --base-url <url>      API base URL (default: $OPENAI_BASE_URL, else https://api.openai.com/v1)
  --timeout <ms>        per-attempt timeout in milliseconds
  With neither OPENAI_API_KEY nor --base-url (nor OPENAI_BASE_URL), an embedded local Images
  server answers instead (synthesized images; nothing leaves the machine).`;

const OUTPUT_HELP = `
Output:
  -o, --out <file|dir>  where to write: a file (numbered -1, -2… when --n > 1) or a directory
                        (ends in / or exists); default: ./<prompt-words>.<format>
  --json                print the response metadata (and written paths) as JSON on stdout
  Paths of written files go to stdout, progress to stderr.
Exit codes: 0 ok, 1 API or network error, 2 invalid parameters.`;

function imageHelp(op: Operation, usage: string, what: string, example: string): string {
  return `Usage: ${usage}

${what} (POST ${OPERATIONS[op].path}).

Parameters:
${parametersHelp(op)}
${OUTPUT_HELP}
${CONNECTION_HELP}

Example:
  ${example}`;
}

const RETIRED_VARIATION = OPERATIONS.variation.retired;

const MODE_USAGE = MODE_FLAGS.map((mode) => ` [--${mode}]`).join("");
/** The help lines of the mode flags, from each mode's declaration, wrapped at the options' column. */
const MODE_HELP = MODE_FLAGS.map((mode) => {
  const lines = [""];
  for (const word of SERVER_MODES[mode].help.split(" ")) {
    const last = lines.length - 1;
    if (lines[last] !== "" && `${lines[last]} ${word}`.length > 74) lines.push(word);
    else lines[last] = lines[last] === "" ? word : `${lines[last]} ${word}`;
  }
  return lines.map((line, i) => `  ${(i === 0 ? `--${mode}` : "").padEnd(20)}${line}`).join("\n");
}).join("\n");
const RETIRED_MODELS = KNOWN_MODELS.filter((m) => retirementOf(m) !== undefined);

/** Help text of each command, and of the program. */
export const HELP: Record<Command | "main", string> = {
  main: `openai-images — generate and edit images with the OpenAI Images API

Usage:
  openai-images generate "<prompt>" [options]
  openai-images edit <image…> [--mask mask.png | --markup markup.png] "<prompt>" [options]
  openai-images variation <image> [options]      (retired endpoint: local or compatible servers only)
  openai-images batch <in.jsonl|prompts.txt> --out <dir>/ [options]
  openai-images serve [--port 4010] [--cors] [--serve-retired]${MODE_USAGE}

Run \`openai-images <command> --help\` for a command's options.
With no OPENAI_API_KEY and no --base-url, commands use an embedded local Images server.`,

  generate: imageHelp(
    "generate",
    'openai-images generate "<prompt>" [options]',
    "Creates images from a prompt",
    `openai-images generate "a cute baby sea otter" --model ${DEFAULT_MODELS.generate} --out out/otter.png`,
  ),

  edit: imageHelp(
    "edit",
    'openai-images edit <image…> [--mask mask.png | --markup markup.png] "<prompt>" [options]',
    "Edits one or more images; the last argument is the prompt",
    'openai-images edit room.png lamp.png --mask mask.png "put the lamp in the corner" --out out/',
  ),

  variation: imageHelp(
    "variation",
    "openai-images variation <image> [options]",
    `Creates variations of a square PNG. Retired on OpenAI's API (${RETIRED_VARIATION.source}): use ${RETIRED_VARIATION.replacement}, e.g.\n  openai-images edit otter.png "a variation of this image"\nThis command still works against the embedded server and servers that serve the endpoint`,
    "openai-images variation otter.png --n 3 --out out/",
  ),

  batch: `Usage: openai-images batch <in.jsonl|prompts.txt> --out <dir>/ [options]

Runs many requests, writes each line's images into <dir> (named <id>.<ext>, or <id>-1, -2, … for
n > 1) and a record per line into <dir>/manifest.jsonl as results arrive. Run it again to resume:
lines already done in the manifest are skipped. Every line is checked against the model rules first;
invalid lines are reported with their line number and parameter, and never sent.

Input:
  in.jsonl                  one request per line: {"id": "…", "op": "generate"|"edit", …parameters};
                            edit images as local paths (relative to the file), {"image_url"} or {"file_id"}
  prompts.txt               any other file: one prompt per line (id line-<number>), with the
                            parameters below shared by every line

Options:
  -o, --out <dir>           output folder (required unless --dry-run)
  --dry-run                 check every line and report the invalid ones; send nothing
  --engine <live|batch>     live: one request per line (default); batch: OpenAI's Batch API
                            (cheaper, results within 24 h; Ctrl-C or a crash leaves it running, and
                            the same command collects it later)
  -c, --concurrency <n>     live: most requests in flight (default 4); the rate-limit headers and
                            429s of the API lower it as needed
  --max-retries <n>         live: retries per line (default 8)
  --poll-interval <ms>      batch: time between looks at the batch (default 15000; 250 on the
                            local server, embedded or on a loopback address)
  Ctrl-C stops taking new lines and waits for those in flight; a second Ctrl-C cancels them.

Shared parameters (prompts files; as for \`generate\`):
${parametersHelp("generate", batchFlags())}
${CONNECTION_HELP}

Exit codes: 0 every valid line done; 1 some lines failed or a batch is still running; 2 invalid
lines; 130 stopped by Ctrl-C.

Example:
  openai-images batch catalogue.jsonl --out out/catalogue/ --concurrency 16`,

  serve: `Usage: openai-images serve [--port 4010] [--host 127.0.0.1] [--cors] [--serve-retired]${MODE_USAGE}

Runs the local spec-validating Images server until interrupted (Ctrl-C). Its base URL (ending in
/v1) is printed on stdout; give it to any client as the base URL, with any non-empty API key.

Options:
  -p, --port <port>   TCP port (default 4010; 0 picks a free one)
  --host <host>       interface to bind (default 127.0.0.1)
  --cors              answer CORS requests (preflights too) from any origin, for browser pages
  --serve-retired     serve the retired models (${RETIRED_MODELS.join(", ")}), the variations
                      endpoint and a default model, as OpenAI-compatible servers do. By default
                      the server answers as OpenAI's API does today: those models do not exist,
                      variations are a bare 404 and a request without a model is refused
${MODE_HELP}`,
};

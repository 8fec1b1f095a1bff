/** Command-line parsing for `openai-images` (node:util parseArgs) and the help texts. */
import { type ParseArgsConfig, parseArgs } from "node:util";

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

const CONNECTION: Options = {
  "base-url": { type: "string" },
  timeout: { type: "string" },
  help: { type: "boolean", short: "h" },
};
const OUTPUT: Options = {
  out: { type: "string", short: "o" },
  json: { type: "boolean" },
};
const IMAGE_PARAMS: Options = {
  model: { type: "string", short: "m" },
  size: { type: "string", short: "s" },
  quality: { type: "string", short: "q" },
  n: { type: "string", short: "n" },
  format: { type: "string", short: "f" },
  background: { type: "string" },
  compression: { type: "string" },
  stream: { type: "boolean" },
  partials: { type: "string" },
};

/** The options each command takes. */
export const COMMAND_OPTIONS = {
  generate: {
    ...IMAGE_PARAMS,
    style: { type: "string" },
    moderation: { type: "string" },
    ...OUTPUT,
    ...CONNECTION,
  },
  edit: {
    ...IMAGE_PARAMS,
    mask: { type: "string" },
    "input-fidelity": { type: "string" },
    ...OUTPUT,
    ...CONNECTION,
  },
  variation: {
    model: { type: "string", short: "m" },
    size: { type: "string", short: "s" },
    n: { type: "string", short: "n" },
    ...OUTPUT,
    ...CONNECTION,
  },
  batch: {
    out: { type: "string", short: "o" },
    engine: { type: "string" },
    concurrency: { type: "string", short: "c" },
    "dry-run": { type: "boolean" },
    "max-retries": { type: "string" },
    "poll-interval": { type: "string" },
    model: { type: "string", short: "m" },
    size: { type: "string", short: "s" },
    quality: { type: "string", short: "q" },
    n: { type: "string", short: "n" },
    format: { type: "string", short: "f" },
    background: { type: "string" },
    compression: { type: "string" },
    moderation: { type: "string" },
    style: { type: "string" },
    ...CONNECTION,
  },
  serve: {
    port: { type: "string", short: "p" },
    host: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
} as const satisfies Record<string, Options>;

/** The commands. */
export type Command = keyof typeof COMMAND_OPTIONS;

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

/** A string option, or `undefined`. */
export function stringOption(values: OptionValues, name: string): string | undefined {
  const v = values[name];
  return typeof v === "string" ? v : undefined;
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

/** Help text of each command, and of the program. */
export const HELP: Record<Command | "main", string> = {
  main: `openai-images — generate, edit and vary images with the OpenAI Images API

Usage:
  openai-images generate "<prompt>" [options]
  openai-images edit <image…> [--mask mask.png] "<prompt>" [options]
  openai-images variation <image> [options]
  openai-images batch <in.jsonl|prompts.txt> --out <dir>/ [options]
  openai-images serve [--port 4010]

Run \`openai-images <command> --help\` for a command's options.
With no OPENAI_API_KEY and no --base-url, commands use an embedded local Images server.`,

  generate: `Usage: openai-images generate "<prompt>" [options]

Creates images from a prompt (POST /images/generations).

Parameters:
  -m, --model <name>        gpt-image-1.5, gpt-image-1, dall-e-3, … (default: the API's, dall-e-2)
  -s, --size <WxH|auto>     e.g. 1024x1024, 1536x1024, auto
  -q, --quality <q>         low, medium, high, auto (GPT image); standard, hd (dall-e-3)
  -n, --n <count>           number of images, 1–10
  -f, --format <fmt>        png, jpeg, webp (GPT image models)
  --background <b>          transparent, opaque, auto (GPT image models)
  --compression <0-100>     jpeg/webp compression (GPT image models)
  --style <s>               vivid, natural (dall-e-3)
  --moderation <m>          low, auto (GPT image models)
  --stream                  stream partial images; each is saved beside the output
  --partials <0-3>          partial images to stream (default 2 with --stream)
${OUTPUT_HELP}
${CONNECTION_HELP}

Example:
  openai-images generate "a cute baby sea otter" --model gpt-image-1.5 --out out/otter.png`,

  edit: `Usage: openai-images edit <image…> [--mask mask.png] "<prompt>" [options]

Edits one or more images (POST /images/edits). The last argument is the prompt.

Parameters:
  --mask <file>             PNG whose fully transparent pixels mark where to edit
  -m, --model <name>        gpt-image-1.5 (the API's default), gpt-image-1, dall-e-2, …
  -s, --size <WxH|auto>     e.g. 1024x1024, auto
  -q, --quality <q>         low, medium, high, auto
  -n, --n <count>           number of images, 1–10
  -f, --format <fmt>        png, jpeg, webp
  --background <b>          transparent, opaque, auto
  --compression <0-100>     jpeg/webp compression
  --input-fidelity <f>      high, low
  --stream                  stream partial images; each is saved beside the output
  --partials <0-3>          partial images to stream (default 2 with --stream)
${OUTPUT_HELP}
${CONNECTION_HELP}

Example:
  openai-images edit room.png lamp.png --mask mask.png "put the lamp in the corner" --out out/`,

  variation: `Usage: openai-images variation <image> [options]

Creates variations of a square PNG (POST /images/variations, dall-e-2).

Parameters:
  -m, --model <name>        dall-e-2 (the only model that supports variations)
  -s, --size <size>         256x256, 512x512, 1024x1024
  -n, --n <count>           number of variations, 1–10
${OUTPUT_HELP}
${CONNECTION_HELP}

Example:
  openai-images variation otter.png --n 3 --out out/`,

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
  --poll-interval <ms>      batch: time between looks at the batch (default 15000)
  Ctrl-C stops taking new lines and waits for those in flight; a second Ctrl-C cancels them.

Shared parameters (prompts files):
  -m, --model, -s, --size, -q, --quality, -n, --n, -f, --format, --background, --compression,
  --moderation, --style     as for \`generate\`
${CONNECTION_HELP}

Exit codes: 0 every valid line done; 1 some lines failed or a batch is still running; 2 invalid
lines; 130 stopped by Ctrl-C.

Example:
  openai-images batch catalogue.jsonl --out out/catalogue/ --concurrency 16`,

  serve: `Usage: openai-images serve [--port 4010] [--host 127.0.0.1]

Runs the local spec-validating Images server until interrupted (Ctrl-C). Its base URL (ending in
/v1) is printed on stdout; give it to any client as the base URL, with any non-empty API key.

Options:
  -p, --port <port>   TCP port (default 4010; 0 picks a free one)
  --host <host>       interface to bind (default 127.0.0.1)`,
};

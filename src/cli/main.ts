#!/usr/bin/env node
/**
 * `openai-images`: generate, edit and vary images from the command line, or run the local Images
 * server. Progress goes to stderr, written paths (or `--json` metadata) to stdout.
 * Exit codes: 0 success, 1 API or network error, 2 invalid parameters.
 */
import { isImagesAPIError, isImagesValidationError } from "../errors.js";
import { createImagesClient } from "../node/index.js";
import {
  COMMAND_OPTIONS,
  type Command,
  HELP,
  intOption,
  parseCommand,
  stringOption,
  UsageError,
} from "./args.js";
import { batch } from "./batch.js";
import { type CommandContext, edit, generate, variation } from "./commands.js";
import { connect } from "./connection.js";
import { loadServer } from "./embedded-server.js";

const toStderr = (line: string) => process.stderr.write(`${line}\n`);
// Where progress lines go: stderr, or a live progress bar that prints them above itself.
let progressSink: (line: string) => void = toStderr;
const progress = (line: string) => progressSink(line);
const print = (line: string) => process.stdout.write(`${line}\n`);

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    print(HELP.main);
    return command === undefined ? 2 : 0;
  }
  if (!(command in COMMAND_OPTIONS)) {
    throw new UsageError(`unknown command ${JSON.stringify(command)}\n\n${HELP.main}`);
  }
  const cmd = command as Command;
  const { values, positionals } = parseCommand(cmd, rest);
  if (values.help === true) {
    print(HELP[cmd]);
    return 0;
  }
  if (cmd === "serve") return serve(values, positionals);

  const connection = connect({
    apiKey: process.env.OPENAI_API_KEY,
    baseUrl: stringOption(values, "base-url") ?? process.env.OPENAI_BASE_URL,
    progress,
  });
  try {
    const timeout = intOption(values, "timeout", "timeout");
    // A local server needs some bearer token; it never sees a real key unless one is set.
    const apiKey = process.env.OPENAI_API_KEY || "local";
    const client = createImagesClient({
      apiKey,
      ...(connection.baseUrl ? { baseUrl: connection.baseUrl } : {}),
      ...(connection.fetch ? { fetch: connection.fetch } : {}),
      ...(timeout !== undefined ? { timeout } : {}),
      onWarning: (issue) => progress(`warning: ${issue.message}`),
    });
    const ctx: CommandContext = { client, values, progress, print };
    if (cmd === "batch") {
      const routeProgress = (sink: ((line: string) => void) | undefined) => {
        progressSink = sink ?? toStderr;
      };
      return await batch({ ...ctx, connection, apiKey, routeProgress }, positionals);
    }
    if (cmd === "generate") await generate(ctx, positionals);
    else if (cmd === "edit") await edit(ctx, positionals);
    else await variation(ctx, positionals);
    return 0;
  } finally {
    await connection.close();
  }
}

async function serve(
  values: Record<string, string | boolean | undefined>,
  positionals: string[],
): Promise<number> {
  if (positionals.length > 0) throw new UsageError(`serve takes no arguments, got ${positionals.join(" ")}`);
  const { startImagesServer } = await loadServer(progress);
  const port = intOption(values, "port", "port") ?? 4010;
  const server = await startImagesServer({
    port,
    host: stringOption(values, "host") ?? "127.0.0.1",
    cors: values.cors === true,
    retired: values["serve-retired"] === true ? "serve" : "refuse",
  });
  print(server.url);
  progress(`Local Images server listening at ${server.url} (any non-empty API key works). Ctrl-C to stop.`);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await server.close();
  progress("Stopped.");
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof UsageError) {
      progress(`error: ${err.message}`);
      process.exitCode = 2;
    } else if (isImagesValidationError(err)) {
      progress(`error: invalid parameter ${err.param}: ${err.message}`);
      process.exitCode = 2;
    } else if (isImagesAPIError(err)) {
      const id = err.requestId ? `, request id ${err.requestId}` : "";
      progress(
        `error: ${err.message}${err.param ? ` (parameter ${err.param}${id})` : id ? ` (${id.slice(2)})` : ""}`,
      );
      process.exitCode = 1;
    } else {
      progress(`error: ${err instanceof Error ? err.message : String(err)}`);
      process.exitCode = 1;
    }
  },
);

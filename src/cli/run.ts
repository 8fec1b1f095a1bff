/**
 * The CLI as a function: `runCli(argv, io)` runs one command line to its end and resolves to the exit
 * code, with its output, environment, working folder and signals given by the caller. The `openai-images`
 * binary (`main.ts`) is one call to it; tests call it in-process, as citty's `runMain` and meow are
 * tested, instead of starting a Node process per run.
 *
 * Exit codes: 0 success, 1 API or network error, 2 invalid parameters (and `batch`'s own, see there).
 */
import { resolve } from "node:path";
import { isImagesAPIError, isImagesValidationError } from "../errors.js";
import { createImagesClient } from "../node/index.js";
import {
  COMMAND_OPTIONS,
  type Command,
  HELP,
  intOption,
  type OptionValues,
  parseCommand,
  serveMode,
  stringOption,
  UsageError,
} from "./args.js";
import { batch } from "./batch.js";
import { type CommandContext, edit, generate, variation } from "./commands.js";
import { connect } from "./connection.js";
import { loadServer } from "./embedded-server.js";

/** Where the CLI writes: `process.stdout`/`process.stderr`, or anything with a `write(text)`. */
export interface CliOutput {
  write(text: string): unknown;
  /** A terminal gets a live progress bar for `batch`; anything else plain lines. */
  isTTY?: boolean | undefined;
}

/** The signals the CLI reacts to: `serve` stops on either, `batch` stops taking lines on SIGINT. */
export type CliSignal = "SIGINT" | "SIGTERM";

/** The surroundings of one CLI run. Every field defaults to the current process's. */
export interface CliIO {
  /** Results: written paths, `--json` metadata, the server's URL. @default process.stdout */
  stdout?: CliOutput | undefined;
  /** Progress, warnings and errors. @default process.stderr */
  stderr?: CliOutput | undefined;
  /** `OPENAI_API_KEY`, `OPENAI_BASE_URL`, `XDG_CACHE_HOME`. @default process.env */
  env?: Readonly<Record<string, string | undefined>> | undefined;
  /** The folder relative paths (images, `--out`, batch inputs) are resolved against. @default process.cwd() */
  cwd?: string | undefined;
  /**
   * Subscribes `listener` to `signal` and returns the unsubscribe function. Tests pass their own to
   * "press Ctrl-C" without a process.
   * @default the process's signals
   */
  onSignal?: ((signal: CliSignal, listener: () => void) => () => void) | undefined;
}

/** The process's own signals. */
function processSignal(signal: CliSignal, listener: () => void): () => void {
  process.on(signal, listener);
  return () => process.off(signal, listener);
}

/**
 * Runs `openai-images <argv>` and resolves to its exit code; it never rejects and never exits the
 * process: errors are printed to `io.stderr` and become exit codes 1 or 2.
 *
 * @example
 * const lines: string[] = [];
 * const code = await runCli(["generate", "an otter", "--out", "out/"], {
 *   stdout: { write: (t) => lines.push(t) },
 *   env: {}, // no key: the embedded local server
 * });
 */
export async function runCli(argv: readonly string[], io: CliIO = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const toStderr = (line: string) => void stderr.write(`${line}\n`);
  // Where progress lines go: stderr, or a live progress bar that prints them above itself.
  let progressSink: (line: string) => void = toStderr;
  const run: Run = {
    stderr,
    env: io.env ?? process.env,
    cwd: io.cwd ?? process.cwd(),
    onSignal: io.onSignal ?? processSignal,
    progress: (line) => progressSink(line),
    print: (line) => void stdout.write(`${line}\n`),
    routeProgress: (sink) => {
      progressSink = sink ?? toStderr;
    },
  };
  try {
    return await dispatch(run, argv);
  } catch (err) {
    const [code, lines] = describeFailure(err);
    for (const line of lines) run.progress(`error: ${line}`);
    return code;
  }
}

/** One run's surroundings, resolved. */
interface Run {
  stderr: CliOutput;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  onSignal: (signal: CliSignal, listener: () => void) => () => void;
  progress: (line: string) => void;
  print: (line: string) => void;
  routeProgress: (sink: ((line: string) => void) | undefined) => void;
}

/** The exit code of a failure, and the lines that say what went wrong. */
function describeFailure(err: unknown): [code: number, lines: string[]] {
  if (err instanceof UsageError) return [2, [err.message]];
  if (isImagesValidationError(err)) {
    // The error's message names the first problem and counts the rest ("and 1 more problem"); a
    // person fixing the command line wants to see each of them.
    const errors = err.issues.filter((i) => i.severity === "error");
    if (errors.length === 0) return [2, [`invalid parameter ${err.param}: ${err.message}`]];
    return [2, errors.map((i) => `invalid parameter ${i.param}: ${i.message}`)];
  }
  if (isImagesAPIError(err)) {
    const details = [
      err.param ? `parameter ${err.param}` : "",
      err.requestId ? `request id ${err.requestId}` : "",
    ].filter(Boolean);
    return [1, [details.length > 0 ? `${err.message} (${details.join(", ")})` : err.message]];
  }
  return [1, [err instanceof Error ? err.message : String(err)]];
}

async function dispatch(run: Run, argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    run.print(HELP.main);
    return command === undefined ? 2 : 0;
  }
  if (!(command in COMMAND_OPTIONS)) {
    throw new UsageError(`unknown command ${JSON.stringify(command)}\n\n${HELP.main}`);
  }
  const cmd = command as Command;
  const { values, positionals } = parseCommand(cmd, rest);
  if (values.help === true) {
    run.print(HELP[cmd]);
    return 0;
  }
  if (cmd === "serve") return serve(run, values, positionals);

  const { env } = run;
  const connection = connect({
    apiKey: env.OPENAI_API_KEY || undefined,
    baseUrl: stringOption(values, "base-url") ?? env.OPENAI_BASE_URL,
    progress: run.progress,
    env,
  });
  try {
    const timeout = intOption(values, "timeout", "timeout");
    const apiKey = connection.apiKey;
    const client = createImagesClient({
      apiKey,
      // Read from the run's environment, not the client's default (the process's).
      organization: env.OPENAI_ORG_ID ?? "",
      project: env.OPENAI_PROJECT_ID ?? "",
      ...(connection.baseUrl ? { baseUrl: connection.baseUrl } : {}),
      ...(connection.fetch ? { fetch: connection.fetch } : {}),
      ...(timeout !== undefined ? { timeout } : {}),
      onWarning: (issue) => run.progress(`warning: ${issue.message}`),
    });
    const ctx: CommandContext = {
      client,
      values,
      progress: run.progress,
      print: run.print,
      resolvePath: (path) => resolve(run.cwd, path),
    };
    if (cmd === "batch") {
      return await batch(
        {
          ...ctx,
          connection,
          apiKey,
          stderr: run.stderr,
          onSignal: run.onSignal,
          routeProgress: run.routeProgress,
        },
        positionals,
      );
    }
    if (cmd === "generate") await generate(ctx, positionals);
    else if (cmd === "edit") await edit(ctx, positionals);
    else await variation(ctx, positionals);
    return 0;
  } finally {
    await connection.close();
  }
}

async function serve(run: Run, values: OptionValues, positionals: string[]): Promise<number> {
  if (positionals.length > 0) throw new UsageError(`serve takes no arguments, got ${positionals.join(" ")}`);
  const { startImagesServer } = await loadServer(run.progress, run.env);
  const port = intOption(values, "port", "port") ?? 4010;
  const mode = serveMode(values);
  const server = await startImagesServer({
    port,
    host: stringOption(values, "host") ?? "127.0.0.1",
    cors: values.cors === true,
    // Unset, the mode's own default: the API mode refuses them as OpenAI's API does; a mock serves them.
    retired: values["serve-retired"] === true ? "serve" : undefined,
    mode,
  });
  run.print(server.url);
  run.progress(
    `Local Images server listening at ${server.url} (any non-empty API key works). Ctrl-C to stop.`,
  );
  const unsubscribe: Array<() => void> = [];
  await new Promise<void>((stop) => {
    for (const signal of ["SIGINT", "SIGTERM"] as const) unsubscribe.push(run.onSignal(signal, stop));
  });
  for (const off of unsubscribe) off();
  await server.close();
  run.progress("Stopped.");
  return 0;
}

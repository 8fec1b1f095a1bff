#!/usr/bin/env node
/**
 * `openai-images`: generate, edit and vary images from the command line, or run the local Images
 * server. The binary is one call to `runCli` (see `run.ts`), with this process's output, environment
 * and signals.
 */
import { runCli } from "./run.js";

process.exitCode = await runCli(process.argv.slice(2));

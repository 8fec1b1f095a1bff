/**
 * The README from a consumer's side: in a project that installed the packed tarball, run the
 * README's examples for people who installed the package (quick start, client, streaming, server,
 * command line, batch runs) as a reader would, with no OpenAI key, against the local server. The
 * examples are read from the README each time, so a broken example fails here.
 *
 * A reader's steps, and what stands in for them:
 * - shell lines run in bash in the project; `npm install openai-images` (and the peers' install) is
 *   already done, from the tarball; `npx openai-images serve` is this script's own `serve` on a free
 *   port (the README's port 4010 may be taken here), and the `export` line pointing at it is applied;
 * - a JavaScript block whose first line names a file (`// otter.mjs`) is saved as that file;
 * - each TypeScript block is saved and run with tsx, as the quick start says;
 * - the batch section's JSONL block is saved as `catalogue.jsonl`, as its text says.
 * Only the Azure example's endpoint is rewritten (to the local server, which serves Azure's paths):
 * nothing else would leave the machine.
 *
 * Used by `npm run check:pack`; `tsx scripts/readme-consumer.ts <project>` runs it on its own.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const root = resolve(import.meta.dirname, "..");
const tsxLoader = pathToFileURL(join(root, "node_modules/tsx/dist/loader.mjs")).href;

/** The README sections a consumer follows, in reading order. */
export const CONSUMER_SECTIONS = ["quickstart", "client", "streaming", "server", "cli", "batch"] as const;

/** One fenced block of a README section. */
export interface Block {
  section: string;
  lang: string;
  code: string;
}

/** The fenced blocks of the given sections, in order (indented ones, inside list items, included). */
export function readmeBlocks(readme: string, sections: readonly string[]): Block[] {
  return sections.flatMap((section) => {
    const start = readme.indexOf(`<!-- section: ${section} -->`);
    const end = readme.indexOf(`<!-- /section: ${section} -->`);
    if (start < 0 || end < start) throw new Error(`README has no section ${section}`);
    return [...readme.slice(start, end).matchAll(/^( *)```(\w*)\n([\s\S]*?)^\1```/gm)].map((m) => ({
      section,
      lang: m[2] ?? "",
      code: (m[3] ?? "").replace(new RegExp(`^${m[1]}`, "gm"), ""),
    }));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolvePort(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** Runs a command to its end; rejects with its output when it fails or takes longer than two minutes. */
function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolveRun, reject) => {
    execFile(cmd, args, { cwd, env, encoding: "utf8", timeout: 120_000 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${err.message}\n${stdout}${stderr}`)) : resolveRun(stdout),
    );
  });
}

/** `openai-images serve` from the project's own install; resolves once it prints its URL. */
async function startServe(
  project: string,
  env: NodeJS.ProcessEnv,
): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn(join(project, "node_modules/.bin/openai-images"), ["serve", "--port", String(port)], {
    cwd: project,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${output}`)), 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /http:\/\/127\.0\.0\.1:\d+\/v1/.exec(output)?.[0];
      if (found) {
        clearTimeout(timer);
        resolveUrl(found);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`serve exited with ${code}:\n${output}`)));
  });
  return { child, url };
}

/** `export A=1 B=2` → `{ A: "1", B: "2" }`. */
function exportsOf(line: string): Record<string, string> {
  const words = line
    .replace(/\s+#.*$/, "")
    .replace(/^export\s+/, "")
    .split(/\s+/);
  return Object.fromEntries(words.map((w) => w.split("=", 2) as [string, string]));
}

/**
 * Runs the consumer examples in `project` (the tarball, the server's peers and the official SDK
 * installed); `log` gets one line per example. Rejects at the first example that fails.
 */
export async function runReadmeExamples(project: string, log: (line: string) => void): Promise<number> {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  for (const key of Object.keys(env))
    if (key.startsWith("OPENAI_") || key.startsWith("AZURE_")) delete env[key];
  const serve = await startServe(project, env);
  let count = 0;
  try {
    for (const [i, block] of readmeBlocks(readme, CONSUMER_SECTIONS).entries()) {
      const label = `${block.section} #${i + 1} (${block.lang})`;
      if (block.lang === "sh") {
        for (const line of block.code.split("\n").map((l) => l.trim())) {
          if (!line || line.startsWith("#") || /^npm (install|i) /.test(line)) continue;
          if (/^npx openai-images serve\b/.test(line)) continue;
          if (line.startsWith("export ")) {
            const vars = exportsOf(line);
            for (const [name, value] of Object.entries(vars)) {
              env[name] = value.replace(/^http:\/\/127\.0\.0\.1:4010\/v1$/, serve.url);
            }
            continue;
          }
          await run("bash", ["-c", line], project, env);
          log(`  ok  ${label}: ${line.length > 100 ? `${line.slice(0, 97)}…` : line}`);
          count++;
        }
      } else if (block.lang === "js") {
        const file = /^\/\/ (\S+\.m?js)\n/.exec(block.code)?.[1];
        if (!file) throw new Error(`${label}: a JavaScript block must name its file on its first line`);
        writeFileSync(join(project, file), block.code);
      } else if (block.lang === "jsonl" && block.section === "batch") {
        writeFileSync(join(project, "catalogue.jsonl"), block.code);
      } else if (block.lang === "ts") {
        const file = join(project, `readme-${block.section}-${i + 1}.ts`);
        const origin = serve.url.replace(/\/v1$/, "");
        writeFileSync(
          file,
          block.code.replaceAll('"https://my-resource.openai.azure.com"', JSON.stringify(origin)),
        );
        await run(process.execPath, ["--import", tsxLoader, file], project, env).catch((err: Error) => {
          throw new Error(`${label} failed:\n${block.code}\n${err.message}`);
        });
        const lines = block.code.split("\n");
        const shown =
          lines.find((l) => /await |console\.log/.test(l)) ?? lines.find((l) => /^const /.test(l));
        log(`  ok  ${label}: ${shown?.trim() ?? ""}`);
        count++;
      }
    }
  } finally {
    serve.child.kill("SIGTERM");
  }
  return count;
}

if (import.meta.filename === process.argv[1]) {
  const project = process.argv[2];
  if (!project) throw new Error("usage: tsx scripts/readme-consumer.ts <project with the tarball installed>");
  const count = await runReadmeExamples(resolve(project), console.log);
  console.log(`README examples ok: ${count} run from the installed package`);
}

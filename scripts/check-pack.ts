/**
 * Proves what ships, on the packed tarball installed into empty scratch projects:
 *
 * - the tarball holds one bundled ES module (with its source map) per entry, and declarations; the
 *   modules are readable (no minified lines: a mean line of at most 80 characters);
 * - a client-only install stays under 3 MB and 100 files, with no native binary and none of the
 *   server's optional peers;
 * - `openai-images` resolves to the Node flavour under Node and to the universal module under the
 *   `browser` and `worker` conditions, in Deno, in Bun and in a browser bundle; `./node` is the same
 *   module as the Node flavour; the declarations type-check a consumer;
 * - every entry imports; `openai-images/server` without its peers fails naming what to install, and
 *   `node` prints a short error (under 2,500 characters) that names `MissingServerPeersError` at once;
 * - `openai-images generate` with no key, on the client-only install, still writes an image (the CLI
 *   installs the server's peers into a cache folder on first use);
 * - with the peers installed, the server entry serves the client;
 * - the README's examples for people who installed the package (quick start, client, streaming,
 *   server, command line, batch runs) run there as written, with no key, against the local server
 *   (`scripts/readme-consumer.ts`).
 *
 * Run after `npm run build` (CI does). Deno and Bun come from the npm registry through npx.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { build } from "esbuild";
import { ENTRIES, type EntryName } from "./build.js";
import { runReadmeExamples } from "./readme-consumer.js";

const root = resolve(import.meta.dirname, "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  name: string;
  exports: Record<string, unknown>;
  peerDependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const LIMIT_BYTES = 3_000_000;
/** Minified code has lines of thousands of characters; readable code stays near 40. */
const LIMIT_MEAN_LINE = 80;
/** What `node` may print for an import of the server without its peers. */
const LIMIT_PEERS_ERROR_CHARS = 2_500;
const LIMIT_FILES = 100;
const scratch = mkdtempSync(join(tmpdir(), "openai-images-pack-"));

/** Runs a command; its stdout is returned, its stderr shown only when it fails. */
function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  try {
    return execFileSync(cmd, args, { cwd, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (err) {
    const e = err as { stderr?: string; stdout?: string };
    throw new Error(`${cmd} ${args.join(" ")} failed:\n${e.stdout ?? ""}${e.stderr ?? ""}`);
  }
}

function check(ok: boolean, message: string): void {
  if (!ok) throw new Error(`check:pack: ${message}`);
  console.log(`  ok  ${message}`);
}

/** A new empty project with the tarball (and `extra` packages) installed. */
function project(name: string, tarball: string, extra: string[] = []): string {
  const dir = join(scratch, name);
  mkdirSync(dir);
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name, private: true, type: "module" }));
  run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", tarball, ...extra], dir);
  return dir;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((rel) => join(dir, rel))
    .filter((path) => statSync(path).isFile());
}

/** Prints what `import("openai-images")` gave: the file it resolved to and the Node flavour's marker. */
const PROBE = `const m = await import("${pkg.name}");
console.log(JSON.stringify({ file: import.meta.resolve("${pkg.name}").split("/").pop(), node: "createNodeFetch" in m }));`;

try {
  const packed = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", scratch], root)) as Array<{
    filename: string;
    files: Array<{ path: string }>;
  }>;
  const tarball = join(scratch, packed[0]?.filename ?? "");
  const shipped = packed[0]?.files.map((f) => f.path) ?? [];

  console.log("tarball");
  check(
    !shipped.some((p) => /^(test|src|scripts|bench|generated)\//.test(p)),
    "ships no sources, tests, scripts or bench",
  );
  const modules = shipped.filter((p) => p.endsWith(".js")).sort();
  const entries = Object.entries(ENTRIES) as [
    EntryName,
    { map?: boolean; siblings?: readonly EntryName[] },
  ][];
  check(
    JSON.stringify(modules) === JSON.stringify(entries.map(([name]) => `dist/${name}.js`).sort()),
    `one bundled module per entry, the batch runner and the CLI: ${modules.join(", ")}`,
  );
  check(
    entries.every(([name, e]) => shipped.includes(`dist/${name}.js.map`) === (e.map ?? true)),
    "the client's entries and the server have their source maps (the CLI and batch runner: readable code only)",
  );
  for (const [name, entry] of entries) {
    const code = readFileSync(join(root, `dist/${name}.js`), "utf8");
    const lines = code.split("\n");
    const mean = code.length / lines.length;
    check(
      mean <= LIMIT_MEAN_LINE && code.includes("\n/**"),
      `dist/${name}.js is readable: ${lines.length} lines, ${mean.toFixed(1)} characters a line on average (<= ${LIMIT_MEAN_LINE}), doc comments kept`,
    );
    const relativeImports = [...code.matchAll(/(?:from|import\()\s*"(\.[^"]+)"/g)].map((x) => x[1]);
    const allowed = (entry.siblings ?? []).map((s) => `./${s}.js`);
    check(
      relativeImports.every((i) => allowed.includes(i ?? "")),
      `dist/${name}.js imports no other file of ours${allowed.length ? ` but ${allowed.join(", ")}` : ""}`,
    );
  }

  console.log("client-only install");
  const client = project("client", tarball);
  const nodeModules = join(client, "node_modules");
  const files = filesUnder(nodeModules);
  const bytes = files.reduce((sum, f) => sum + statSync(f).size, 0);
  check(files.length < LIMIT_FILES, `${files.length} files in node_modules (< ${LIMIT_FILES})`);
  check(bytes < LIMIT_BYTES, `${(bytes / 1e6).toFixed(2)} MB in node_modules (< ${LIMIT_BYTES / 1e6} MB)`);
  const natives = files.filter((f) => f.endsWith(".node")).map((f) => relative(nodeModules, f));
  check(natives.length === 0, `no native binary${natives.length ? `: ${natives.join(", ")}` : ""}`);
  const peers = Object.keys(pkg.peerDependencies);
  const installedPeers = peers.filter((p) => readdirSync(nodeModules).includes(p));
  check(installedPeers.length === 0, `none of the server's peers (${peers.join(", ")}) installed`);

  console.log("export conditions");
  writeFileSync(join(client, "probe.mjs"), PROBE);
  const probe = (cmd: string, args: string[]) =>
    JSON.parse(run(cmd, args, client).trim().split("\n").at(-1) ?? "{}") as { file: string; node: boolean };
  const expectations: [string, string, string[], string, boolean][] = [
    ["node", "node", ["probe.mjs"], "node.js", true],
    ["node --conditions=browser", "node", ["--conditions=browser", "probe.mjs"], "index.js", false],
    ["node --conditions=worker", "node", ["--conditions=worker", "probe.mjs"], "index.js", false],
    ["deno", "npx", ["-y", "deno", "run", "--allow-read", "--allow-env", "probe.mjs"], "index.js", false],
    ["bun", "npx", ["-y", "bun", "probe.mjs"], "index.js", false],
  ];
  for (const [label, cmd, args, file, node] of expectations) {
    const got = probe(cmd, args);
    check(got.file === file && got.node === node, `${label}: "${pkg.name}" → dist/${got.file}`);
  }
  const bundled = await build({
    stdin: { contents: `export * from "${pkg.name}";`, resolveDir: client },
    bundle: true,
    platform: "browser",
    format: "esm",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const inputs = Object.keys(bundled.metafile.inputs);
  check(
    inputs.some((i) => i.endsWith("openai-images/dist/index.js")) &&
      !inputs.some((i) => i.endsWith("/node.js")),
    `a browser bundle (esbuild, platform browser) takes dist/index.js`,
  );
  writeFileSync(
    join(client, "same.mjs"),
    `console.log((await import("${pkg.name}")) === (await import("${pkg.name}/node")));`,
  );
  check(
    run("node", ["same.mjs"], client).trim() === "true",
    `under Node, "${pkg.name}" and "${pkg.name}/node" are one module`,
  );

  // Types: every entry's declarations resolve, under both module resolutions users pick, and the
  // main entry's client is the same type as the Node flavour's.
  writeFileSync(
    join(client, "consumer.ts"),
    `import { createImagesClient, type ImagesClient, isImagesAPIError } from "${pkg.name}";
import { createImagesClient as createNodeClient, fileFromPath } from "${pkg.name}/node";
import { startImagesServer, type ImagesServer } from "${pkg.name}/server";
const universal: ImagesClient = createNodeClient({ apiKey: "k" });
const client: ReturnType<typeof createNodeClient> = createImagesClient({ apiKey: "k" });
export const used = [universal, client, isImagesAPIError, fileFromPath, startImagesServer];
export type Server = ImagesServer;
`,
  );
  for (const resolution of ["nodenext", "bundler"]) {
    run(
      join(root, "node_modules/.bin/tsc"),
      [
        "--noEmit",
        "--strict",
        "--skipLibCheck",
        "false",
        "--target",
        "es2022",
        "--module",
        resolution === "bundler" ? "esnext" : "nodenext",
        "--moduleResolution",
        resolution,
        "--types",
        "node",
        "--typeRoots",
        join(root, "node_modules/@types"),
        "consumer.ts",
      ],
      client,
    );
    check(true, `declarations type-check a consumer of all three entries (moduleResolution ${resolution})`);
  }

  console.log("entries and CLI on the client-only install");
  writeFileSync(
    join(client, "entries.mjs"),
    `for (const spec of ["${pkg.name}", "${pkg.name}/node"]) {
  const m = await import(spec);
  if (typeof m.createImagesClient !== "function") throw new Error(spec + " has no createImagesClient");
}
if (typeof (await import("${pkg.name}/batch")).runBatch !== "function") throw new Error("/batch has no runBatch");
const failure = await import("${pkg.name}/server").then(() => undefined, (e) => e);
console.log(JSON.stringify({ name: failure?.name, message: failure?.message }));`,
  );
  const serverImport = JSON.parse(run("node", ["entries.mjs"], client)) as {
    name?: string;
    message?: string;
  };
  check(
    serverImport.name === "MissingServerPeersError" &&
      // The server's peers: cli-progress is the CLI's (batch progress bar), not the server's.
      peers.filter((p) => p !== "cli-progress").every((p) => serverImport.message?.includes(p)) &&
      /npm install/.test(serverImport.message ?? ""),
    `"${pkg.name}" , "/node" and "/batch" import; "/server" without its peers says: ${serverImport.message}`,
  );
  // What a user sees when the import is not caught: Node prints the source line it was thrown from
  // (a minified bundle made that 40 kB), the error and its stack.
  writeFileSync(join(client, "server-import.mjs"), `import "${pkg.name}/server";\n`);
  const printed = (() => {
    try {
      run("node", ["server-import.mjs"], client);
      return "";
    } catch (err) {
      return (err as Error).message.split("\n").slice(1).join("\n");
    }
  })();
  check(
    printed.length > 0 &&
      printed.length < LIMIT_PEERS_ERROR_CHARS &&
      printed.split("\n").slice(0, 6).join("\n").includes("MissingServerPeersError"),
    `\`import "${pkg.name}/server"\` without its peers prints ${printed.length} characters (< ${LIMIT_PEERS_ERROR_CHARS}), MissingServerPeersError in its first lines`,
  );
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_CACHE_HOME: join(scratch, "cache") };
  for (const key of ["OPENAI_API_KEY", "OPENAI_BASE_URL"]) delete env[key];
  const out = run(
    "npx",
    ["--no-install", "openai-images", "generate", "a cute baby sea otter", "--out", "otter.png"],
    client,
    env,
  );
  const png = readFileSync(join(client, "otter.png"));
  check(
    out.trim().endsWith("otter.png") &&
      png.subarray(1, 4).toString() === "PNG" &&
      png.readUInt32BE(16) === 1024,
    "`npx openai-images generate` with no key writes a 1024×1024 PNG (server peers installed into the cache on first use)",
  );

  console.log("server install");
  // The official SDK too, for the README's server examples (the version npm picks on this Node).
  const server = project("server", tarball, [
    ...peers.map((p) => `${p}@${pkg.peerDependencies[p]}`),
    `openai@${pkg.devDependencies.openai}`,
  ]);
  writeFileSync(
    join(server, "serve.mjs"),
    `import { createImagesClient } from "${pkg.name}";
import { startImagesServer } from "${pkg.name}/server";
const server = await startImagesServer({ cors: true });
try {
  const client = createImagesClient({ apiKey: "test", baseUrl: server.url });
  const res = await client.generate({ model: "gpt-image-1.5", prompt: "otter", size: "1024x1024", quality: "low" });
  console.log(res.data?.[0]?.b64_json?.startsWith("iVBOR") && server.specViolations.length === 0 ? "ok" : "bad");
} finally {
  await server.close();
}`,
  );
  check(
    run("node", ["serve.mjs"], server).trim() === "ok",
    `"${pkg.name}/server" with its peers installed serves the client`,
  );
  console.log("the README's consumer examples, from the installed package, with no key");
  const examples = await runReadmeExamples(server, console.log);
  check(examples >= 30, `${examples} README examples ran as written against the local server`);
  console.log(
    `check:pack ok: ${shipped.length} files in the tarball; client install ${files.length} files, ${(bytes / 1e6).toFixed(2)} MB; ${examples} README examples`,
  );
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

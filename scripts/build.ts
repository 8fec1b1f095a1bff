/**
 * `npm run build`: writes the published `dist/`. Each entry of the exports map (and the CLI) is one
 * ES module bundled by esbuild, with its source map: Node's loader resolves, reads and compiles one
 * file instead of dozens, which is most of a cold `import`'s cost. npm packages stay external (they
 * are the package's dependencies or optional peers, installed beside it); only our own modules and
 * `generated/` are inlined. Declarations are tsc's, one `.d.ts` per source module under
 * `dist/types/`, kept only where a public entry's types reach them. The modules are not minified:
 * names, layout and our comments stay, so a stack trace or an error thrown at import reads like the
 * source (users' bundlers minify anyway, and the bench measures the app bundle minified).
 *
 *   npm run build
 */
import { execFileSync } from "node:child_process";
import { chmodSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { type BuildOptions, build, type Plugin } from "esbuild";
import { readableComments } from "./readable-comments.js";

const root = resolve(import.meta.dirname, "..");

/** One published module: where its source is, and how it is bundled. */
interface Entry {
  source: string;
  /** `neutral` for the universal main entry: a `node:` import anywhere in its graph fails the build. */
  platform: "neutral" | "node";
  /**
   * Ship a source map beside the module. The client's entries and the server do; the CLI and the batch
   * runner do not, which keeps the client's install under its 100 files. Nothing is minified, so their
   * stack traces still show the code as written, names and comments included; only the line numbers
   * are the bundle's.
   * @default true
   */
  map?: boolean;
  /** Other entries this one imports as their published files instead of inlining them. */
  siblings?: readonly EntryName[];
  /**
   * Source modules a sibling re-exports whole, imported from that sibling's file instead of inlined,
   * so that each class in them exists once: an error the batch runner throws is `instanceof` the
   * class a Node app imports.
   */
  shared?: Readonly<Record<string, EntryName>>;
}

/** The error classes, which the Node entry exports (through the main entry's list). */
const ERRORS = { "src/errors.ts": "node" } as const;

/** The bundled modules, by output name (`dist/<name>.js`). */
export const ENTRIES = {
  index: { source: "src/index.ts", platform: "neutral" },
  node: { source: "src/node/index.ts", platform: "node" },
  server: { source: "src/server/index.ts", platform: "node" },
  // The CLI loads the Node client, and the server only when it needs the embedded one: importing the
  // server's file keeps its heavy peers out of the CLI's own imports (a static import of an external
  // package would be hoisted to the top of the bundle).
  // Batch runs use the Node client's published module, so their errors and helpers are its own.
  batch: { source: "src/batch/index.ts", platform: "node", siblings: ["node"], shared: ERRORS, map: false },
  cli: {
    source: "src/cli/main.ts",
    platform: "node",
    siblings: ["node", "server", "batch"],
    shared: ERRORS,
    map: false,
  },
} as const satisfies Record<string, Entry>;

/** The name of a bundled module. */
export type EntryName = "index" | "node" | "server" | "batch" | "cli";

/** Rewrites imports of the given entries' sources (and shared modules) into imports of their published files. */
function siblingEntries(siblings: readonly EntryName[], shared: Readonly<Record<string, EntryName>>): Plugin {
  const bySource = new Map([
    ...siblings.map((name) => [join(root, ENTRIES[name].source), `./${name}.js`] as const),
    ...Object.entries(shared).map(([source, name]) => [join(root, source), `./${name}.js`] as const),
  ]);
  return {
    name: "sibling-entries",
    setup(b) {
      b.onResolve({ filter: /^\.\.?\// }, (args) => {
        const target = join(args.resolveDir, args.path.replace(/\.js$/, ".ts"));
        const sibling = bySource.get(target);
        return sibling ? { path: sibling, external: true } : undefined;
      });
    },
  };
}

/** esbuild options for one entry, written to `outdir` (tests bundle the main entry this way too). */
export function entryOptions(name: EntryName, outdir: string): BuildOptions {
  const entry: Entry = ENTRIES[name];
  return {
    entryPoints: { [name]: join(root, entry.source) },
    outdir,
    bundle: true,
    format: "esm",
    platform: entry.platform,
    // The universal entry is resolved like a browser bundler would, never through `node` conditions.
    ...(entry.platform === "neutral" ? { mainFields: ["module", "main"] } : {}),
    target: entry.platform === "node" ? "node20" : "es2022",
    packages: "external",
    sourcemap: entry.map ?? true,
    // Not minified: stack traces and errors thrown at import show users our code as it was written,
    // names, layout and comments (readableComments), and their own bundlers minify it anyway.
    legalComments: "inline",
    metafile: true,
    plugins: [siblingEntries(entry.siblings ?? [], entry.shared ?? {}), readableComments(root)],
    logLevel: "warning",
  };
}

/** Where each public entry's declarations start (the `types` of the exports map). */
const TYPE_ROOTS = ["src/index.d.ts", "src/node/index.d.ts", "src/server/index.d.ts", "src/batch/index.d.ts"];

/**
 * tsc emits a declaration for every module in the program, internal ones included; the ones no
 * public declaration imports are never read by a type checker, so they are not shipped.
 */
function pruneDeclarations(typesDir: string): void {
  const reached = new Set<string>();
  const visit = (file: string): void => {
    if (reached.has(file)) return;
    reached.add(file);
    const text = readFileSync(file, "utf8");
    for (const [, specifier] of text.matchAll(/(?:from|import\()\s*"(\.{1,2}\/[^"]+)\.js"/g)) {
      visit(join(dirname(file), `${specifier}.d.ts`));
    }
  };
  for (const entry of TYPE_ROOTS) visit(join(typesDir, entry));
  for (const rel of readdirSync(typesDir, { recursive: true, encoding: "utf8" })) {
    const file = join(typesDir, rel);
    if (rel.endsWith(".d.ts") && !reached.has(file)) rmSync(file);
  }
}

async function main(): Promise<void> {
  const dist = join(root, "dist");
  rmSync(dist, { recursive: true, force: true });
  for (const name of Object.keys(ENTRIES) as EntryName[]) await build(entryOptions(name, dist));
  chmodSync(join(dist, "cli.js"), 0o755);
  execFileSync(join(root, "node_modules/.bin/tsc"), ["-p", "tsconfig.build.json"], {
    cwd: root,
    stdio: "inherit",
  });
  pruneDeclarations(join(dist, "types"));
}

if (import.meta.filename === process.argv[1]) await main();

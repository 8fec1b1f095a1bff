/**
 * Compiles the OpenAPI documents in `openapi/` into `generated/`.
 *
 *   npm run generate                 write generated/ from the specs
 *   npm run check:generated          exit 1 when generated/ differs from the specs
 *   tsx scripts/generate.ts --root <dir> [--check]   the same for another checkout (used by tests)
 *
 * Outputs, per spec in {@link SPECS}:
 *   generated/<name>.ts      types (openapi-typescript) and enum value lists
 *   generated/<doc>.ts       the spec as a plain object, for runtime validators (the local server)
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";
import { parse as parseYaml } from "yaml";

/** One spec and the two files generated from it. */
interface SpecOutputs {
  /** The OpenAPI document, relative to the root. */
  spec: string;
  /** Its types. */
  types: string;
  /** Its document as data. */
  document: string;
}

/** Every spec this package compiles. `images.yaml` is the Images API; the other is the Batch API's files. */
export const SPECS: readonly SpecOutputs[] = [
  { spec: "openapi/images.yaml", types: "generated/images.ts", document: "generated/openapi.ts" },
  {
    spec: "openapi/files-batches.yaml",
    types: "generated/files-batches.ts",
    document: "generated/files-batches-openapi.ts",
  },
];

function header(spec: string): string {
  return [
    "/**",
    " * GENERATED FILE: do not edit by hand.",
    ` * Source: ${spec}. Regenerate with \`npm run generate\`;`,
    " * `npm run check:generated` (run in CI) fails when this file drifts from the spec.",
    " */",
    "",
  ].join("\n");
}

/** The files generated from the specs in `root`, keyed by path relative to `root`. */
export async function renderGenerated(root: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const outputs of SPECS) {
    for (const [path, content] of await renderSpec(root, outputs)) files.set(path, content);
  }
  return files;
}

async function renderSpec(root: string, outputs: SpecOutputs): Promise<Map<string, string>> {
  const specText = await readFile(join(root, outputs.spec), "utf8");
  const spec = parseYaml(specText) as Record<string, unknown>;
  const HEADER = header(outputs.spec);

  const uploadType = ts.factory.createTypeReferenceNode("Blob");
  const ast = await openapiTS(spec as never, {
    // Fields with a default stay optional in request bodies: the API fills them in.
    defaultNonNullable: false,
    // Runtime lists of every enum (models, sizes, …) so the model rules can be checked against the spec.
    enumValues: true,
    dedupeEnums: true,
    rootTypes: false,
    alphabetize: false,
    silent: true,
    transform(schemaObject) {
      // `format: binary` is an upload, never a string: callers pass a Blob (our layer widens it).
      if ("format" in schemaObject && schemaObject.format === "binary") return uploadType;
      return undefined;
    },
  });
  const types = HEADER + astToString(ast);
  // A module rather than a .json file: it imports the same way in every runtime and bundler.
  const document = `${HEADER}/** The OpenAPI document \`${outputs.spec}\`, as data. */\nexport const openapiDocument: Record<string, unknown> = ${JSON.stringify(spec, null, 2)};\n`;
  return new Map([
    [outputs.types, types],
    [outputs.document, document],
  ]);
}

async function main(argv: string[]): Promise<number> {
  const here = dirname(fileURLToPath(import.meta.url));
  const rootIdx = argv.indexOf("--root");
  const root = rootIdx >= 0 && argv[rootIdx + 1] ? resolve(argv[rootIdx + 1] as string) : resolve(here, "..");
  const check = argv.includes("--check");
  const files = await renderGenerated(root);
  let stale = 0;
  for (const [rel, content] of files) {
    const path = join(root, rel);
    if (check) {
      const current = await readFile(path, "utf8").catch(() => undefined);
      if (current !== content) {
        stale++;
        console.error(`${rel} is out of date with its spec in openapi/ (or was edited by hand).`);
      }
    } else {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, content);
      console.log(`wrote ${rel}`);
    }
  }
  if (check && stale > 0) {
    console.error("Run `npm run generate` and commit openapi/ and generated/ together.");
    return 1;
  }
  if (check) console.log(`generated/ matches ${SPECS.map((s) => s.spec).join(" and ")}`);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  process.exitCode = await main(process.argv.slice(2));
}

/**
 * Compiles `openapi/images.yaml` into `generated/`.
 *
 *   npm run generate                 write generated/ from the spec
 *   npm run check:generated          exit 1 when generated/ differs from the spec
 *   tsx scripts/generate.ts --root <dir> [--check]   the same for another checkout (used by tests)
 *
 * Outputs:
 *   generated/images.ts      types (openapi-typescript) and enum value lists
 *   generated/openapi.ts     the spec as a plain object, for runtime validators (the local server)
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";
import { parse as parseYaml } from "yaml";

const HEADER = [
  "/**",
  " * GENERATED FILE: do not edit by hand.",
  " * Source: openapi/images.yaml. Regenerate with `npm run generate`;",
  " * `npm run check:generated` (run in CI) fails when this file drifts from the spec.",
  " */",
  "",
].join("\n");

/** The files generated from the spec in `root`, keyed by path relative to `root`. */
export async function renderGenerated(root: string): Promise<Map<string, string>> {
  const specText = await readFile(join(root, "openapi/images.yaml"), "utf8");
  const spec = parseYaml(specText) as Record<string, unknown>;

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
  const document = `${HEADER}/** The OpenAPI document \`openapi/images.yaml\`, as data. */\nexport const openapiDocument: Record<string, unknown> = ${JSON.stringify(spec, null, 2)};\n`;
  return new Map([
    ["generated/images.ts", types],
    ["generated/openapi.ts", document],
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
        console.error(`${rel} is out of date with openapi/images.yaml (or was edited by hand).`);
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
  if (check) console.log("generated/ matches openapi/images.yaml");
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  process.exitCode = await main(process.argv.slice(2));
}

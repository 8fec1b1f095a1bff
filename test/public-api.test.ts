/**
 * The public API, pinned: the runtime exports of every published entry, listed here by name. A change
 * to what a user can import is a change to this file, visible in review. The main entry stays small
 * (at most 30 runtime values); everything the README imports from a package entry is exported by it.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");

/** The runtime exports of each published entry, by package specifier. */
const ENTRIES = {
  "openai-images": {
    source: "src/index.ts",
    exports: [
      "DEFAULT_MAX_EVENT_SIZE",
      "DEFAULT_MODELS",
      "FORMATS",
      "ImagesAPIError",
      "ImagesConnectionError",
      "ImagesError",
      "ImagesResponseError",
      "ImagesStreamError",
      "ImagesTimeoutError",
      "ImagesValidationError",
      "KNOWN_MODELS",
      "MAX_ERROR_BODY_BYTES",
      "MODEL_RULES",
      "UNSTATED",
      "createImageStream",
      "createImagesClient",
      "finalImage",
      "imageBytes",
      "inspectImage",
      "isImagesAPIError",
      "isImagesConnectionError",
      "isImagesError",
      "isImagesResponseError",
      "isImagesStreamError",
      "isImagesTimeoutError",
      "isImagesValidationError",
      "isKnownModel",
      "retirementOf",
      "validateRequest",
    ],
  },
  // The main entry's list, plus the Node-only helpers.
  "openai-images/node": { source: "src/node/index.ts", exports: ["createNodeFetch", "fileFromPath"] },
  "openai-images/server": {
    source: "src/server/index.ts",
    exports: [
      "FAULT_HEADER",
      "SERVER_MODES",
      "computeSvgUsage",
      "computeUsage",
      "createContractFetch",
      "createSpecValidator",
      "parseFaults",
      "startImagesServer",
    ],
  },
  "openai-images/batch": {
    source: "src/batch/index.ts",
    exports: [
      "MANIFEST_FILE",
      "checkBatch",
      "createFilesBatchesClient",
      "generateMany",
      "parseDuration",
      "parseJsonl",
      "parsePrompts",
      "readManifest",
      "readRateLimits",
      "runBatch",
      "runBatchApi",
    ],
  },
} as const;

type Specifier = keyof typeof ENTRIES;

/** What the entry's module exports at runtime, sorted. */
async function runtimeExports(specifier: Specifier): Promise<string[]> {
  const mod = (await import(join(root, ENTRIES[specifier].source))) as Record<string, unknown>;
  return Object.keys(mod).sort();
}

/** The names each entry is expected to export at runtime, sorted. */
function expected(specifier: Specifier): string[] {
  const own: readonly string[] = ENTRIES[specifier].exports;
  const inherited: readonly string[] =
    specifier === "openai-images/node" ? ENTRIES["openai-images"].exports : [];
  return [...inherited, ...own].sort();
}

describe("the public API", () => {
  it.each(Object.keys(ENTRIES) as Specifier[])("%s exports exactly the listed values", async (specifier) => {
    expect(await runtimeExports(specifier)).toEqual(expected(specifier));
  });

  it("the main entry exports at most 30 runtime values", () => {
    expect(expected("openai-images").length).toBeLessThanOrEqual(30);
  });

  it("exports every value the README imports from a package entry", async () => {
    const readme = await readFile(join(root, "README.md"), "utf8");
    const imports = [...readme.matchAll(/^import (type )?\{([^}]*)\} from "(openai-images[^"]*)";$/gm)];
    const checked: string[] = [];
    for (const [, typeOnly, names = "", specifier = ""] of imports) {
      expect(Object.keys(ENTRIES), `README imports ${specifier}`).toContain(specifier);
      if (typeOnly) continue;
      const exported = await runtimeExports(specifier as Specifier);
      for (const raw of names.split(",")) {
        const name = raw.trim().replace(/^type\s+/, "");
        if (name === "" || raw.trim().startsWith("type ")) continue;
        expect(exported, `README: import { ${name} } from "${specifier}"`).toContain(name);
        checked.push(`${specifier} ${name}`);
      }
    }
    // The README's examples import from every entry.
    expect(new Set(checked.map((c) => c.split(" ")[0]))).toEqual(new Set(Object.keys(ENTRIES)));
  });
});

/**
 * The local server's heavy dependencies (sharp, ajv with ajv-formats, busboy), loaded in one place.
 * They are optional peer dependencies of the package, so that installing it for the client alone
 * brings no native binary (sharp's libvips alone is about 19 MB). Only `openai-images/server` and the
 * CLI's embedded server load this module, and a missing one fails with the command that installs it.
 */
import type Ajv2020Type from "ajv/dist/2020.js";
import type addFormatsType from "ajv-formats";
import type busboyType from "busboy";
import type sharpType from "sharp";

/** The optional peer dependencies `openai-images/server` needs, by package name. */
export const SERVER_PEERS = ["sharp", "ajv", "ajv-formats", "busboy"] as const;

/**
 * Thrown when `openai-images/server` (or the CLI's embedded server) is loaded without its optional
 * peer dependencies installed. The message names the command that installs them.
 */
export class MissingServerPeersError extends Error {
  override name = "MissingServerPeersError";
  /** The packages that could not be found. */
  readonly missing: readonly string[];
  /** URL of the module that needs them: in the published package, the bundled server entry. */
  readonly entry: string;
  constructor(missing: readonly string[], entry: string) {
    super(
      `openai-images/server needs ${missing.join(", ")}, which ${missing.length === 1 ? "is" : "are"} not installed. ` +
        `The client works without them; for the local Images server run: npm install --save-dev ${SERVER_PEERS.join(" ")}`,
    );
    this.missing = missing;
    this.entry = entry;
  }
}

const missing: string[] = [];

/**
 * Imports a package; one that is not installed is recorded, any other failure is thrown. The import
 * is a literal `import("…")` at each call so that bundlers and import-graph checks still see it.
 */
async function load<T>(
  pkg: (typeof SERVER_PEERS)[number],
  importer: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await importer();
  } catch (err) {
    const e = err as { code?: string; message?: string };
    // Only the package itself being absent is ours to explain; a broken install (sharp without its
    // platform's binary, say) keeps the package's own message, which already says what to do.
    if (e.code === "ERR_MODULE_NOT_FOUND" && e.message?.includes(`'${pkg}`)) {
      missing.push(pkg);
      return undefined;
    }
    throw err;
  }
}

const [sharpModule, ajvModule, formatsModule, busboyModule] = await Promise.all([
  load("sharp", () => import("sharp")),
  load("ajv", () => import("ajv/dist/2020.js")),
  load("ajv-formats", () => import("ajv-formats")),
  load("busboy", () => import("busboy")),
]);
if (!sharpModule || !ajvModule || !formatsModule || !busboyModule) {
  throw new MissingServerPeersError(missing, import.meta.url);
}

/**
 * ajv and ajv-formats are CommonJS with `exports.default`: under NodeNext the default import is the
 * module object, so reach for `.default` when it is there.
 */
function commonJsDefault<T>(module: { default: unknown }): T {
  const value = module.default as { default?: unknown };
  return (value.default ?? value) as T;
}

/** sharp's factory. */
export const sharp: typeof sharpType = sharpModule.default;
/** ajv's JSON Schema 2020-12 class. */
export const Ajv2020 = commonJsDefault<typeof Ajv2020Type.default>(ajvModule);
/** ajv-formats' plugin. */
export const addFormats = commonJsDefault<typeof addFormatsType.default>(formatsModule);
/** busboy's multipart parser factory. */
export const busboy: typeof busboyType = busboyModule.default;

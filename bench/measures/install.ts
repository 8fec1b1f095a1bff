/**
 * (0) Install footprint: what `npm install` brings into an empty project's `node_modules` for the
 * client alone. Ours is the packed tarball of this checkout (`npm run build` first: bench/run.ts does),
 * the SDK the version in our node_modules, from the registry (npm's cache when it has it).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, WORK } from "../lib/paths.js";
import type { MeasureResult } from "../lib/report.js";
import { ratio } from "../lib/stats.js";

/** The client install must stay below both (check:pack enforces them too). */
// 3 MB since 0.2.0: the published modules are readable, not minified (their bundlers minify).
const LIMIT_BYTES = 3_000_000;
const LIMIT_FILES = 100;

interface Footprint {
  files: number;
  bytes: number;
  packages: number;
  /** Native binaries (`.node` files), which tie an install to one platform. */
  natives: number;
}

function npm(args: string[], cwd: string): string {
  return execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** Installs `spec` into a new empty project and measures its node_modules. */
function footprint(name: string, spec: string): Footprint {
  const dir = join(WORK, "install", name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: `bench-${name}`, private: true }));
  npm(["install", "--no-audit", "--no-fund", "--loglevel=error", spec], dir);
  const modules = join(dir, "node_modules");
  const files = readdirSync(modules, { recursive: true, encoding: "utf8" })
    .map((rel) => join(modules, rel))
    .filter((path) => statSync(path).isFile());
  const lock = JSON.parse(readFileSync(join(dir, "package-lock.json"), "utf8")) as { packages: object };
  return {
    files: files.length,
    bytes: files.reduce((sum, f) => sum + statSync(f).size, 0),
    packages: Object.keys(lock.packages).length - 1,
    natives: files.filter((f) => f.endsWith(".node")).length,
  };
}

const mbText = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;

export async function measureInstall(): Promise<MeasureResult> {
  const packDir = join(WORK, "install");
  mkdirSync(packDir, { recursive: true });
  const packed = JSON.parse(npm(["pack", "--json", "--pack-destination", packDir], ROOT)) as {
    filename: string;
  }[];
  const ours = footprint("ours", join(packDir, packed[0]?.filename ?? ""));
  const sdkVersion = (
    JSON.parse(readFileSync(join(ROOT, "node_modules/openai/package.json"), "utf8")) as { version: string }
  ).version;
  const sdk = footprint("sdk", `openai@${sdkVersion}`);
  return {
    rows: [
      {
        measure: "install for the client, node_modules size",
        ours: mbText(ours.bytes),
        sdk: mbText(sdk.bytes),
        ratio: ratio(ours.bytes, sdk.bytes),
        target: "ours < 3 MB",
        verdict: ours.bytes < LIMIT_BYTES ? "pass" : "miss",
      },
      {
        measure: "install for the client, files in node_modules",
        ours: String(ours.files),
        sdk: String(sdk.files),
        ratio: ratio(ours.files, sdk.files),
        target: "ours < 100 files, no native binary",
        verdict: ours.files < LIMIT_FILES && ours.natives === 0 ? "pass" : "miss",
      },
    ],
    details: [
      `Install: \`npm install\` into an empty project; ours is the packed tarball, the SDK openai@${sdkVersion}. Packages: ours ${ours.packages} (with its dependencies), SDK ${sdk.packages}. Native binaries: ours ${ours.natives}, SDK ${sdk.natives}. The local server's sharp, ajv, ajv-formats and busboy are optional peers, not part of a client install.`,
    ],
    notes: [],
  };
}

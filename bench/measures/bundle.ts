/**
 * (1) Bundle size. Each app in `bench/apps/` calls generate, edit and a streamed generate; esbuild
 * bundles it for the browser (where bundle size matters), minified with tree shaking, as a user's
 * bundler would. Ours is bundled from `src/` (the published `dist/` is the same code without types);
 * the SDK from node_modules as published. Gzip at level 9 for both.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { BENCH } from "../lib/paths.js";
import type { MeasureResult, Row } from "../lib/report.js";
import { kb, ratio } from "../lib/stats.js";

interface BundleSize {
  minified: number;
  gzip: number;
  /** The biggest contributors to the minified output, for explaining a size. */
  top: string;
  /** Minified bytes per package or source area (`openapi-fetch`, `src/models`, `src` …). */
  groups: Map<string, number>;
}

/** The package (node_modules) or source area an input belongs to. */
function groupOf(name: string): string {
  if (name.startsWith("src/models/")) return "src/models (rules)";
  if (name.startsWith("src/") || name.startsWith("generated/"))
    return "src (client, uploads, streaming, errors)";
  if (name.startsWith("bench/")) return "the app itself";
  const parts = name.split("/");
  return parts[0]?.startsWith("@") ? `${parts[0]}/${parts[1]}` : (parts[0] ?? name);
}

/** Strips the path up to node_modules/ or the repository, so details read `openapi-fetch/dist/…`. */
function shortName(input: string): string {
  const i = input.lastIndexOf("node_modules/");
  return i >= 0 ? input.slice(i + "node_modules/".length) : input.replace(/^(\.\.\/)+/, "");
}

async function bundle(app: string): Promise<BundleSize> {
  const result = await build({
    entryPoints: [join(BENCH, "apps", app)],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "error",
  });
  const code = result.outputFiles[0]?.contents;
  if (!code) throw new Error(`esbuild produced no output for ${app}`);
  const output = Object.values(result.metafile.outputs)[0];
  const top = Object.entries(output?.inputs ?? {})
    .sort(([, a], [, b]) => b.bytesInOutput - a.bytesInOutput)
    .slice(0, 8)
    .map(([input, { bytesInOutput }]) => `${shortName(input)} ${kb(bytesInOutput)}`)
    .join(", ");
  const groups = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    const group = groupOf(shortName(input));
    groups.set(group, (groups.get(group) ?? 0) + bytesInOutput);
  }
  return { minified: code.length, gzip: gzipSync(code, { level: 9 }).length, top, groups };
}

export async function measureBundle(): Promise<MeasureResult> {
  const sdk = await bundle("sdk.ts");
  let ours: BundleSize | undefined;
  let failure = "";
  if (existsSync(join(BENCH, "apps", "ours.ts"))) {
    try {
      ours = await bundle("ours.ts");
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    }
  } else {
    failure = "bench/apps/ours.ts is not there yet";
  }

  const rows: Row[] = [
    {
      measure: "bundle, min + gzip",
      ours: ours ? kb(ours.gzip) : "—",
      sdk: kb(sdk.gzip),
      ratio: ours ? ratio(ours.gzip, sdk.gzip) : "—",
      target: "≤ 0.25×",
      verdict: ours ? (ours.gzip <= sdk.gzip / 4 ? "pass" : "miss") : "unavailable",
    },
    {
      measure: "bundle, minified",
      ours: ours ? kb(ours.minified) : "—",
      sdk: kb(sdk.minified),
      ratio: ours ? ratio(ours.minified, sdk.minified) : "—",
      target: "",
      verdict: ours ? "info" : "unavailable",
    },
  ];
  return {
    rows,
    details: [
      `Bundle: esbuild, platform browser, ESM, minified, tree-shaken; gzip level 9. Ours ${
        ours ? `${ours.minified} B min / ${ours.gzip} B gz` : "n/a"
      }; SDK ${sdk.minified} B min / ${sdk.gzip} B gz.`,
      ...(ours ? [`Bundle, largest parts of ours (minified): ${ours.top}.`] : []),
      `Bundle, largest parts of the SDK (minified): ${sdk.top}.`,
    ],
    notes: failure ? [`Bundle (ours) not measured: ${failure}`] : ours ? missNote(ours, sdk) : [],
  };
}

/** For a miss: by how much, where the bytes are, and what would close the gap. */
function missNote(ours: BundleSize, sdk: BundleSize): string[] {
  const limit = sdk.gzip / 4;
  if (ours.gzip <= limit) return [];
  const parts = [...ours.groups]
    .sort(([, a], [, b]) => b - a)
    .map(([group, bytes]) => `${group} ${kb(bytes)} (${((bytes / ours.minified) * 100).toFixed(0)}%)`)
    .join(", ");
  return [
    `Bundle misses its target by ${kb(ours.gzip - limit)} gzipped: ${kb(ours.gzip)} against ${kb(limit)} (a quarter of the SDK's ${kb(
      sdk.gzip,
    )}), ${ratio(ours.gzip, sdk.gzip)} instead of ≤ 0.25×. Minified bytes by area: ${parts}. The SDK's largest parts are listed in the details (for openai@6, its client class and the assistant, chat and responses stream helpers, none of which an images app calls). Not measured here: how much loading the rules only when validation is on (a dynamic import), or sending over plain \`fetch\` instead of openapi-fetch, would save; to find out, make the change and rerun \`npm run bench -- --only bundle\`.`,
  ];
}

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
  return { minified: code.length, gzip: gzipSync(code, { level: 9 }).length, top };
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
    notes: failure ? [`Bundle (ours) not measured: ${failure}`] : [],
  };
}

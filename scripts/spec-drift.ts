/**
 * Reports what the official `openai` SDK's images resource states that `openapi/images.yaml` and
 * the model table do not, or the other way round. The SDK is generated from OpenAI's own spec and
 * ships far more often than the published OpenAPI document, so its types are the freshest
 * machine-readable description of the API.
 *
 *   npm run spec:drift                                   against openai@latest
 *   npm run spec:drift -- openai@7.60.0                  a version (or dist-tag), fetched with npm pack
 *   npm run spec:drift -- node_modules/openai-v7         an unpacked package folder
 *   npm run spec:drift -- path/to/images.d.ts            one file
 *   npm run spec:drift -- openai@7.60.0 --from 7.51.0    two SDK versions compared with each other
 *   npm run spec:drift -- … --json                       the differences as JSON
 *
 * Exit code: 0 when nothing drifted, 1 when something did (like `diff`), 2 on bad usage or a failed fetch.
 *
 * What is compared, per operation (generate, edit, variation) and per body (JSON and multipart where
 * both exist): the operation and its deprecation; every request, response and stream-event field
 * (nested ones too): its presence, `@deprecated` mark, required flag, types and listed values; the
 * model ids; and the models either side calls retired, deprecated or shut down.
 */
import { execFile } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { enumChange, formatReport, type SpecDifference } from "./spec-diff.js";
import { readSpecFile } from "./spec-io.js";
import type { FieldFacts, ModelRetirement, Surface } from "./surface.js";

export type { SpecDifference } from "./spec-diff.js";

const MULTIPART = "multipart/form-data";

/**
 * Every difference between two surfaces. `ours` is the base (our spec and table, or the `--from`
 * SDK), `theirs` the SDK being checked.
 *
 * @example
 * const diffs = driftBetween(specSurface(spec), sdkSurface(await readFile("images.d.ts", "utf8")));
 */
export function driftBetween(ours: Surface, theirs: Surface): SpecDifference[] {
  const out: SpecDifference[] = [];
  const theirModels = new Set(theirs.models);
  const ourModels = new Set(ours.models);
  for (const m of ours.models)
    if (!theirModels.has(m)) out.push({ where: "models", field: m, change: "removed", aspect: "model" });
  for (const m of theirs.models)
    if (!ourModels.has(m)) out.push({ where: "models", field: m, change: "added", aspect: "model" });
  for (const m of ours.models) {
    if (!theirModels.has(m)) continue;
    const a = ours.retired.get(m);
    const b = theirs.retired.get(m);
    const datesDiffer = a?.date !== undefined && b?.date !== undefined && a.date !== b.date;
    if (Boolean(a) !== Boolean(b) || datesDiffer) {
      out.push({
        where: "models",
        field: m,
        change: "changed",
        aspect: "retired",
        ours: a ?? "current",
        theirs: b ?? "current",
      });
    }
  }

  for (const where of ours.operations.keys())
    if (!theirs.operations.has(where)) out.push({ where, field: "", change: "removed", aspect: "operation" });
  for (const where of theirs.operations.keys())
    if (!ours.operations.has(where)) out.push({ where, field: "", change: "added", aspect: "operation" });
  for (const [where, a] of ours.operations) {
    const b = theirs.operations.get(where);
    if (!b) continue;
    if (a.deprecated !== b.deprecated) {
      out.push({
        where,
        field: "",
        change: "changed",
        aspect: "deprecated",
        ours: a.deprecated,
        theirs: b.deprecated,
      });
    }
    for (const [type, fields] of a.requests) {
      const other = b.requests.get(type);
      if (other) compareFields(`${where} request ${type}`, fields, other, out);
      else if (a.requests.has(MULTIPART) && b.requests.has(MULTIPART)) {
        // The SDK types one edit body, the multipart form. Our JSON form takes the same fields,
        // with images given by reference (`image_url`, `file_id`) where the form uploads them.
        compareFields(
          `${where} request ${type}`,
          withoutReferences(fields),
          withoutUploads(b.requests.get(MULTIPART) as Map<string, FieldFacts>),
          out,
        );
      } else
        out.push({ where: `${where} request ${type}`, field: "", change: "removed", aspect: "content type" });
    }
    for (const type of b.requests.keys())
      if (!a.requests.has(type))
        out.push({ where: `${where} request ${type}`, field: "", change: "added", aspect: "content type" });
    for (const [type, fields] of a.responses) {
      const other = b.responses.get(type);
      if (other) compareFields(`${where} response ${type}`, fields, other, out);
      else
        out.push({
          where: `${where} response ${type}`,
          field: "",
          change: "removed",
          aspect: "content type",
        });
    }
    for (const type of b.responses.keys())
      if (!a.responses.has(type))
        out.push({ where: `${where} response ${type}`, field: "", change: "added", aspect: "content type" });
  }
  return out;
}

function compareFields(
  where: string,
  a: Map<string, FieldFacts>,
  b: Map<string, FieldFacts>,
  out: SpecDifference[],
): void {
  // A field only one side has is listed once, not with each of its nested fields.
  const underOneSided = (path: string, other: Map<string, FieldFacts>) => {
    const parent = parentOf(path);
    return parent !== undefined && !other.has(parent) && (a.has(parent) || b.has(parent));
  };
  for (const [field, f] of a)
    if (!b.has(field) && !underOneSided(field, b))
      out.push({ where, field, change: "removed", aspect: "field", ours: summary(f) });
  for (const [field, f] of b)
    if (!a.has(field) && !underOneSided(field, a))
      out.push({ where, field, change: "added", aspect: "field", theirs: summary(f) });
  for (const [field, fa] of a) {
    const fb = b.get(field);
    if (!fb) continue;
    for (const aspect of ["required", "deprecated"] as const) {
      if (fa[aspect] !== fb[aspect])
        out.push({ where, field, change: "changed", aspect, ours: fa[aspect], theirs: fb[aspect] });
    }
    if (fa.types.join("|") !== fb.types.join("|")) {
      out.push({
        where,
        field,
        change: "changed",
        aspect: "type",
        ours: fa.types.join("|"),
        theirs: fb.types.join("|"),
      });
    }
    const enumChanged = enumChange(where, field, fa.values, fb.values);
    if (enumChanged) out.push(enumChanged);
  }
}

/** `a.b` → `a`, `a[]` → `a`, `<tag>.a` → `<tag>`; a top-level field has no parent. */
function parentOf(path: string): string | undefined {
  const cut = Math.max(path.lastIndexOf("."), path.endsWith("[]") ? path.length - 2 : -1);
  return cut > 0 ? path.slice(0, cut) : undefined;
}

function topOf(path: string): string {
  return path.split(/[.[]/)[0] as string;
}

/** Drops the fields that are uploads (and what is nested in them). */
function withoutUploads(fields: Map<string, FieldFacts>): Map<string, FieldFacts> {
  const uploads = new Set(
    [...fields].filter(([, f]) => f.types.includes("binary")).map(([path]) => topOf(path)),
  );
  return new Map([...fields].filter(([path]) => !uploads.has(topOf(path))));
}

/** Drops the fields that reference an image by `image_url` or `file_id` (and what is nested in them). */
function withoutReferences(fields: Map<string, FieldFacts>): Map<string, FieldFacts> {
  const refs = new Set(
    [...fields.keys()].filter((p) => /(^|\.)(image_url|file_id)$/.test(p)).map((p) => topOf(p)),
  );
  return new Map([...fields].filter(([path]) => !refs.has(topOf(path))));
}

function summary(f: FieldFacts): string {
  const values = f.values.length > 0 ? ` ${f.values.map((v) => JSON.stringify(v)).join(" ")}` : "";
  return `${f.types.join("|")}${values}${f.required ? ", required" : ""}${f.deprecated ? ", deprecated" : ""}`;
}

function lifecycle(r: unknown): string {
  if (typeof r !== "object" || r === null) return "current";
  const { date, text } = r as ModelRetirement;
  return `retired${date ? ` ${date}` : ""} (${text})`;
}

/**
 * One line per difference, grouped by place: `+` only in theirs, `-` only in ours, `~` changed.
 *
 * @example
 * process.stdout.write(formatDrift(diffs, { ours: "openapi/images.yaml", theirs: "openai@7.60.0" }));
 */
export function formatDrift(diffs: SpecDifference[], labels: { ours: string; theirs: string }): string {
  return formatReport(
    diffs,
    { ...labels, same: `No drift between ${labels.ours} and ${labels.theirs}.` },
    describe,
  );
}

function describe(d: SpecDifference): string {
  const subject = d.field
    ? `${d.aspect === "model" || d.aspect === "retired" ? "model" : "field"} ${d.field}`
    : d.aspect;
  if (d.change === "added") return `+ ${subject}${d.theirs ? ` (${d.theirs})` : ""}`;
  if (d.change === "removed") return `- ${subject}${d.ours ? ` (${d.ours})` : ""}`;
  const subjectOrPlace = d.field ? subject : "operation";
  switch (d.aspect) {
    case "enum": {
      const parts = [
        ...((d.theirs as string[] | undefined) ?? []).map((v) => `+${JSON.stringify(v)}`),
        ...((d.ours as string[] | undefined) ?? []).map((v) => `-${JSON.stringify(v)}`),
      ];
      return `~ ${subject}: values ${parts.join(" ")}`;
    }
    case "required":
      return `~ ${subject}: ${d.ours ? "required" : "optional"} → ${d.theirs ? "required" : "optional"}`;
    case "deprecated":
      return `~ ${subjectOrPlace}: ${d.ours ? "deprecated" : "not deprecated"} → ${d.theirs ? "deprecated" : "not deprecated"}`;
    case "retired":
      return `~ ${subject}: ${lifecycle(d.ours)} → ${lifecycle(d.theirs)}`;
    default:
      return `~ ${subject}: ${d.aspect} ${String(d.ours)} → ${String(d.theirs)}`;
  }
}

/** An SDK's images resource, read from a file, a package folder, or the registry. */
export interface SdkSource {
  /** How reports name it: `openai@7.60.0`, or the path given. */
  label: string;
  text: string;
}

const run = promisify(execFile);

/**
 * Reads the images resource of an SDK: `path/to/images.d.ts`, an unpacked package folder
 * (`node_modules/openai`), or `openai@<version|tag>` (a bare version or tag works too), which is
 * fetched with `npm pack` into a temporary folder and never installed.
 *
 * @example
 * const { label, text } = await loadSdk("openai@latest"); // label: "openai@7.60.0"
 */
export async function loadSdk(source: string): Promise<SdkSource> {
  if (existsSync(source)) {
    if (!statSync(source).isDirectory()) return { label: source, text: await readFile(source, "utf8") };
    for (const inner of ["resources/images.d.ts", "package/resources/images.d.ts"]) {
      const file = join(source, inner);
      if (!existsSync(file)) continue;
      const pkg = join(file, "../../package.json");
      const version = existsSync(pkg)
        ? (JSON.parse(await readFile(pkg, "utf8")) as { version?: string }).version
        : undefined;
      return {
        label: version ? `${source} (openai@${version})` : source,
        text: await readFile(file, "utf8"),
      };
    }
    throw new Error(`${source} has no resources/images.d.ts: is it an unpacked openai package?`);
  }
  if (!source.startsWith("openai@") && /[/\\]|\.ts$/.test(source))
    throw new Error(`${source}: no such file or folder`);
  const spec = source.startsWith("openai@") ? source : `openai@${source}`;
  const dir = await mkdtemp(join(tmpdir(), "spec-drift-"));
  try {
    const { stdout } = await run("npm", ["pack", spec, "--json", "--pack-destination", dir], {
      cwd: dir,
      maxBuffer: 64 * 1024 * 1024,
    }).catch((err: { stdout?: string }) => {
      // With --json, npm writes its error to stdout: `{ "error": { "summary": "No matching version…" } }`.
      let summary: string | undefined;
      try {
        summary = (JSON.parse(err.stdout ?? "") as { error?: { summary?: string } }).error?.summary;
      } catch {}
      throw new Error(`npm pack ${spec} failed${summary ? `: ${summary}` : ""}`, { cause: err });
    });
    const [packed] = JSON.parse(stdout) as { filename: string; version: string }[];
    if (!packed) throw new Error(`npm pack ${spec} packed nothing`);
    const inner = "package/resources/images.d.ts";
    await run("tar", ["-xzf", join(dir, packed.filename), "-C", dir, inner]);
    return { label: `openai@${packed.version}`, text: await readFile(join(dir, inner), "utf8") };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const USAGE =
  "usage: npm run spec:drift -- [openai@<version|latest> | <package folder> | <images.d.ts>] [--from <the same>] [--json] [--spec openapi/images.yaml]";

async function main(argv: string[]): Promise<number> {
  const root = fileURLToPath(new URL("..", import.meta.url));
  let spec = join(root, "openapi/images.yaml");
  let from: string | undefined;
  let json = false;
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "--json") json = true;
    else if (a === "--from") from = argv[++i];
    else if (a === "--spec") spec = argv[++i] ?? spec;
    else if (a === "--help" || a === "-h") {
      console.log(USAGE);
      return 0;
    } else if (a.startsWith("--")) {
      console.error(`unknown option ${a}\n${USAGE}`);
      return 2;
    } else args.push(a);
  }
  if (args.length > 1 || (argv.includes("--from") && !from)) {
    console.error(USAGE);
    return 2;
  }
  const target = args[0] ?? "openai@latest";
  let diffs: SpecDifference[];
  let labels: { ours: string; theirs: string };
  try {
    // The TypeScript compiler and the model table load while npm pack runs: a second or two saved.
    const readers = Promise.all([import("./sdk-surface.js"), import("./spec-surface.js")]);
    const [theirs, base] = await Promise.all([loadSdk(target), from ? loadSdk(from) : undefined]);
    const [{ sdkSurface }, { specSurface }] = await readers;
    const theirSurface = sdkSurface(theirs.text);
    if (base) {
      diffs = driftBetween(sdkSurface(base.text), theirSurface);
      labels = { ours: base.label, theirs: theirs.label };
    } else {
      diffs = driftBetween(specSurface(await readSpecFile(spec)), theirSurface);
      labels = { ours: `${relative(process.cwd(), spec) || spec} + the model table`, theirs: theirs.label };
    }
  } catch (err) {
    console.error(`spec:drift: ${err instanceof Error ? err.message : String(err)}`);
    return 2;
  }
  process.stdout.write(
    json ? `${JSON.stringify({ ...labels, differences: diffs }, null, 2)}\n` : formatDrift(diffs, labels),
  );
  return diffs.length === 0 ? 0 : 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  process.exitCode = await main(process.argv.slice(2));
}

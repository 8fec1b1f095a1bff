/**
 * The compile-time tests fail for the reason they state. A `// @ts-expect-error` is satisfied by any
 * type error on the next line, a typo included; so each one names the parameter it is about
 * (`// @ts-expect-error [n] dall-e-3 makes one image per request`), and this test compiles the files
 * with the directives switched off and checks that the compiler blames that parameter on that line.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");
/** The files with `@ts-expect-error` lines. */
const FILES = ["test/model-types.test.ts", "test/streaming.test.ts"].map((f) => join(root, f));

const DIRECTIVE = /\/\/ @ts-expect-error(?: \[(\w+)\])?/;

/** One directive: where it is, and the parameter it says is at fault (`undefined` when untagged). */
interface Expectation {
  file: string;
  /** 0-based line of the code the directive covers. */
  line: number;
  param: string | undefined;
  text: string;
}

function expectations(file: string, text: string): Expectation[] {
  const lines = text.split("\n");
  return lines.flatMap((line, i) => {
    const match = DIRECTIVE.exec(line);
    return match ? [{ file, line: i + 1, param: match[1], text: lines[i + 1]?.trim() ?? "" }] : [];
  });
}

/** The project's program over `FILES`, with every directive switched off. */
function compileWithoutDirectives(): ts.Program {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(root, "tsconfig.json"),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      },
    },
  );
  if (!config) throw new Error("cannot read tsconfig.json");
  const host = ts.createCompilerHost(config.options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, ...rest) => {
    if (!FILES.includes(name)) return read(name, language, ...rest);
    const text = readFileSync(name, "utf8").replaceAll("// @ts-expect-error", "// (expected error)");
    return ts.createSourceFile(name, text, language);
  };
  return ts.createProgram(FILES, config.options, host);
}

/** What a diagnostic blames: the names it points at, and `model` where the call's parameter is `never`. */
function blamed(source: ts.SourceFile, d: ts.Diagnostic): string[] {
  const spans = [d, ...(d.relatedInformation ?? [])]
    .filter((r) => r.start !== undefined && r.length !== undefined)
    .map((r) => (r.file ?? source).text.slice(r.start, (r.start ?? 0) + (r.length ?? 0)));
  const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
  // The per-model types make a call's parameter `never` for a model the operation does not take.
  const model = /parameter of type 'never'|\(params: never/.test(message) ? ["model"] : [];
  return [...spans, ...model];
}

describe("@ts-expect-error lines fail for the reason they state", () => {
  const texts = new Map(FILES.map((f) => [f, readFileSync(f, "utf8")]));
  const all = FILES.flatMap((f) => expectations(f, texts.get(f) ?? ""));

  it("each directive names the parameter it is about", () => {
    expect(all.length).toBeGreaterThan(30);
    expect(all.filter((e) => e.param === undefined).map((e) => `${e.file}:${e.line + 1}`)).toEqual([]);
  });

  it("the compiler blames that parameter on that line, and nothing else in those files", () => {
    const program = compileWithoutDirectives();
    const wrong: string[] = [];
    const covered = new Set<string>();
    for (const file of FILES) {
      const source = program.getSourceFile(file);
      if (!source) throw new Error(`${file} is not in the program`);
      const found = program.getSemanticDiagnostics(source).map((d) => ({
        line: source.getLineAndCharacterOfPosition(d.start ?? 0).line,
        names: blamed(source, d),
        message: ts.flattenDiagnosticMessageText(d.messageText, " ").slice(0, 200),
      }));
      for (const e of all.filter((x) => x.file === file)) {
        const here = found.filter((f) => f.line === e.line);
        covered.add(`${file}:${e.line}`);
        if (!here.some((f) => e.param !== undefined && f.names.includes(e.param))) {
          const got = here.map((f) => `[${f.names.join(", ")}] ${f.message}`).join("; ") || "no error";
          wrong.push(
            `${file.slice(root.length + 1)}:${e.line + 1} ${e.text}\n  expected [${e.param}], got ${got}`,
          );
        }
      }
      for (const f of found.filter((x) => !covered.has(`${file}:${x.line}`))) {
        wrong.push(`${file.slice(root.length + 1)}:${f.line + 1} unexpected: ${f.message}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

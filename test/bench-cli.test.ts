/**
 * `npm run bench -- --help` and `npm run bench:batch -- --help` print their options and run nothing:
 * no build, no measure, and bench/RESULTS.md, bench/runs/ and the README stay as they were.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parseBatchArgs } from "../bench/batch.js";
import { parseArgs } from "../bench/run.js";

const ROOT = resolve(import.meta.dirname, "..");
const snapshot = () => ({
  results: readFileSync(join(ROOT, "bench/RESULTS.md"), "utf8"),
  runs: readdirSync(join(ROOT, "bench/runs")).sort(),
  readme: readFileSync(join(ROOT, "README.md"), "utf8"),
});

describe("bench command lines", () => {
  it("--help and -h ask for the usage only", () => {
    expect(parseArgs(["--help"])).toEqual({ help: true });
    expect(parseArgs(["--only", "streaming", "-h"])).toEqual({ help: true });
    expect(parseBatchArgs(["--help"])).toEqual({ help: true, traceGc: false });
    expect(parseBatchArgs(["--trace-gc", "-h"])).toEqual({ help: true, traceGc: false });
  });

  it("a full run and --only <measure> still parse; anything else is refused before any work", () => {
    expect(parseArgs([])).toEqual({ help: false });
    expect(parseArgs(["--only", "stream"])).toEqual({ help: false, only: "stream" });
    expect(() => parseArgs(["--only"])).toThrow(/unknown arguments/);
    expect(() => parseArgs(["--only", "nonsense"])).toThrow(/Measures: install/);
    expect(() => parseArgs(["--quick"])).toThrow(/unknown arguments: --quick/);
    expect(parseBatchArgs([])).toEqual({ help: false, traceGc: false });
    expect(parseBatchArgs(["--trace-gc"])).toEqual({ help: false, traceGc: true });
    expect(() => parseBatchArgs(["--lines", "5"])).toThrow(/unknown arguments/);
  });

  it.each([["bench/run.ts"], ["bench/batch.ts"]])(
    "%s --help prints the options and changes no file",
    (script) => {
      const before = snapshot();
      const out = execFileSync(join(ROOT, "node_modules/.bin/tsx"), [script, "--help"], {
        cwd: ROOT,
        encoding: "utf8",
        timeout: 30_000,
      });
      expect(out).toMatch(/^Usage: npm run bench/);
      expect(out).toContain("--help, -h");
      expect(snapshot()).toEqual(before);
    },
  );
});

/** Test helper: lints an OpenAPI file with the Redocly CLI (a devDependency), offline. */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";

const redocly = fileURLToPath(new URL("../node_modules/.bin/redocly", import.meta.url));

export interface LintProblem {
  ruleId: string;
  severity: "error" | "warn";
  message: string;
}

/** Structural lint (`minimal` ruleset: schema validity, unresolved refs). Resolves to its problems. */
export function lintSpecFile(path: string): Promise<LintProblem[]> {
  return new Promise((resolve, reject) => {
    execFile(
      redocly,
      ["lint", path, "--extends=minimal", "--format=json"],
      {
        // Tests never reach the network: no telemetry, no update check.
        env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", CI: "true" },
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout) => {
        try {
          const report = JSON.parse(stdout) as { problems: LintProblem[] };
          resolve(report.problems);
        } catch {
          reject(error ?? new Error(`redocly printed no JSON report: ${stdout.slice(0, 500)}`));
        }
      },
    );
  });
}

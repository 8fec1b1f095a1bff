/**
 * (6) Validation cost: the pre-flight our client runs before an edit with 4 images: read each image's
 * header (`prepareUpload` → `inspectImage`) and check the request against the model rules
 * (`preflight` → `validateRequest`); see `bench/workers/validate-task.ts`. The SDK has no pre-flight,
 * so there is no ratio; the target is absolute.
 */
import { runWorker } from "../lib/child.js";
import type { ValidateResult } from "../lib/protocol.js";
import type { MeasureResult } from "../lib/report.js";
import { median, spread } from "../lib/stats.js";

const ITERATIONS = 500;
const BATCHES = 7;

const us = (value: number) => (value >= 1000 ? `${(value / 1000).toFixed(2)} ms` : `${value.toFixed(1)} µs`);

export async function measureValidation(): Promise<MeasureResult> {
  let result: ValidateResult;
  try {
    result = await runWorker<ValidateResult>("ours", {
      task: "validate",
      iterations: ITERATIONS,
      batches: BATCHES,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      rows: [
        {
          measure: "validation, edit with 4 images",
          ours: "—",
          sdk: "none",
          ratio: "—",
          target: "< 1 ms",
          verdict: "unavailable",
        },
      ],
      details: [],
      notes: [`Validation not measured: ${message}`],
    };
  }
  if (result.issues !== 0)
    throw new Error(`the benchmark's edit request is not valid (${result.issues} issues)`);
  const preflight = median(result.preflightUs);
  const rules = median(result.rulesUs);
  return {
    rows: [
      {
        measure: "validation, edit with 4 images (headers + rules)",
        ours: us(preflight),
        sdk: "none",
        ratio: "—",
        target: "< 1 ms",
        verdict: preflight < 1000 ? "pass" : "miss",
      },
      {
        measure: "validation, rules only (`validateRequest`)",
        ours: us(rules),
        sdk: "none",
        ratio: "—",
        target: "",
        verdict: "info",
      },
    ],
    details: [
      `Validation: ${BATCHES} batches of ${ITERATIONS} pre-flights; per-batch means: headers + rules ${spread(
        result.preflightUs,
      )} µs, rules only ${spread(result.rulesUs)} µs.`,
    ],
    notes: [],
  };
}

/**
 * The validation-cost task (ours only; the SDK validates nothing before sending). One pre-flight is
 * what our client does before an edit: read the header of each upload (`inspectImage`) and check the
 * request against the model rules (`validateRequest`). The uploads are in-memory PNG blobs so that the
 * number is CPU cost, not disk latency.
 */
import { performance } from "node:perf_hooks";
import { inspectImage } from "../../src/image-info.js";
import { validateRequest } from "../../src/models/index.js";
import { pngHeader } from "../lib/fixtures.js";
import type { ValidateResult, WorkerTask } from "../lib/protocol.js";

/** A typical GPT image edit: four 1024×1024 RGBA PNGs and a mask, the usual parameters. */
const PARAMS: Record<string, unknown> = {
  model: "gpt-image-1.5",
  prompt: "put the four otters together on one rock, watercolour",
  size: "1024x1024",
  quality: "high",
  input_fidelity: "high",
  output_format: "png",
  background: "auto",
  n: 1,
};

function png(): Blob {
  // Header plus 1 MiB of body: inspectImage must read only the head whatever the size.
  return new Blob([new Uint8Array(pngHeader()), new Uint8Array(1024 * 1024)], { type: "image/png" });
}

export async function validateTask(task: Extract<WorkerTask, { task: "validate" }>): Promise<ValidateResult> {
  const images = [png(), png(), png(), png()];
  const mask = png();
  const preflight = async () => {
    const [infos, maskInfo] = await Promise.all([Promise.all(images.map(inspectImage)), inspectImage(mask)]);
    return validateRequest("edit", PARAMS, { image: infos, mask: maskInfo });
  };
  const issues = (await preflight()).length;
  const preflightUs: number[] = [];
  const rulesUs: number[] = [];
  const infos = await Promise.all(images.map(inspectImage));
  const maskInfo = await inspectImage(mask);
  for (let batch = 0; batch < task.batches; batch++) {
    let start = performance.now();
    for (let i = 0; i < task.iterations; i++) await preflight();
    preflightUs.push(((performance.now() - start) * 1000) / task.iterations);
    start = performance.now();
    for (let i = 0; i < task.iterations; i++)
      validateRequest("edit", PARAMS, { image: infos, mask: maskInfo });
    rulesUs.push(((performance.now() - start) * 1000) / task.iterations);
  }
  return { task: "validate", preflightUs, rulesUs, issues };
}

/**
 * The validation-cost task (ours only; the SDK validates nothing before sending). One pre-flight is
 * what our client's `edit` does before it encodes the body, with the client's own functions in the
 * client's order: `applyDefaults`, then `prepareUpload` for each image one after the other (reads
 * only the header: magic bytes, dimensions, alpha), then `preflight` (`validateRequest` + the mode).
 * The uploads are in-memory PNG blobs so that the number is the check's cost, not disk latency.
 */
import { performance } from "node:perf_hooks";
import { applyDefaults, validateRequest } from "../../src/models/index.js";
import { preflight } from "../../src/preflight.js";
import { prepareUpload } from "../../src/uploads.js";
import { pngHeader } from "../lib/fixtures.js";
import type { ValidateResult, WorkerTask } from "../lib/protocol.js";

/** A typical GPT image edit with four 1024×1024 RGBA PNGs and the usual parameters. */
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
  // Header plus 1 MiB of body: the pre-flight must read only the head whatever the size.
  return new Blob([new Uint8Array(pngHeader()), new Uint8Array(1024 * 1024)], { type: "image/png" });
}

export async function validateTask(task: Extract<WorkerTask, { task: "validate" }>): Promise<ValidateResult> {
  const images = [png(), png(), png(), png()];
  let issues = 0;
  const report = () => {
    issues++;
  };
  const onePreflight = async () => {
    const params = applyDefaults("edit", PARAMS, {});
    const infos = [];
    for (const [i, image] of images.entries()) {
      const { upload, issue } = await prepareUpload(image, "image[]", `image[${i}]`);
      if (issue) issues++;
      infos.push(upload.info);
    }
    preflight("edit", params, { image: infos }, [], "strict", report);
    return infos;
  };
  const infos = await onePreflight();
  issues += validateRequest("edit", PARAMS, { image: infos }).length;

  const preflightUs: number[] = [];
  const rulesUs: number[] = [];
  for (let batch = 0; batch < task.batches; batch++) {
    let start = performance.now();
    for (let i = 0; i < task.iterations; i++) await onePreflight();
    preflightUs.push(((performance.now() - start) * 1000) / task.iterations);
    start = performance.now();
    for (let i = 0; i < task.iterations; i++) validateRequest("edit", PARAMS, { image: infos });
    rulesUs.push(((performance.now() - start) * 1000) / task.iterations);
  }
  return { task: "validate", preflightUs, rulesUs, issues };
}

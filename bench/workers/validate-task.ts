/**
 * The validation-cost task (ours only; the SDK validates nothing before sending). One pre-flight is
 * what our client's `edit` does before sending, with the client's own functions: `planRequest`, then
 * `encodeRequest`, which reads each upload's header (magic bytes, dimensions, alpha), validates the
 * plan in strict mode and encodes the multipart body (a lazy Blob: no bytes are copied).
 * The uploads are in-memory PNG blobs so that the number is the check's cost, not disk latency.
 */
import { performance } from "node:perf_hooks";
import { planRequest, validateRequest } from "../../src/models/index.js";
import { encodeRequest } from "../../src/request-body.js";
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
    const plan = planRequest("edit", { ...PARAMS, image: images }, {});
    await encodeRequest(plan, { mode: "strict", report, context: { target: "openai" } });
  };
  await onePreflight();
  const infos = [];
  for (const image of images) infos.push((await prepareUpload(image, "image[]", "image")).upload.info);
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

/**
 * openai-images from `openai-images/node`, as our README tells Node users to create it: the same client
 * with the Node transport (node:http) as its default `fetch`. Reported as an extra row next to `ours`.
 */
import { createImagesClient } from "../../src/node/index.js";
import { createOursBench } from "./ours.js";
import { BENCH_API_KEY, type CreateBenchClient } from "./types.js";

export const create: CreateBenchClient = (baseUrl) =>
  createOursBench(createImagesClient({ apiKey: BENCH_API_KEY, baseUrl, maxRetries: 0 }), baseUrl);

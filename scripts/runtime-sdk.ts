/**
 * The newest official SDK (`openai` 7.x, installed as the `openai-v7` alias; it requires Node 22)
 * against the local Images server, run by scripts/check-runtimes.ts in its Node 22 leg. It runs a
 * representative subset of test/support/sdk-scenarios.ts — every current model, xhigh/max, a custom
 * size, GIF, SVG, markup, the safety identifier and a few refusals — with every request and answer
 * checked against the spec.
 * Usage: node runtime-sdk.mjs <baseUrl>
 */
import OpenAI, { toFile } from "openai-v7";
import { VERSION } from "openai-v7/version";
import { createContractFetch } from "../src/server/contract-fetch.js";
import { createSpecValidator } from "../src/server/spec-validator.js";
import {
  arbitrarySize,
  everyCurrentModelGenerates,
  expectRefused,
  gif,
  markupEdit,
  REFUSALS,
  type SdkContext,
  safetyIdentifier,
  svg,
  xhighAndMax,
} from "../test/support/sdk-scenarios.js";
import { identityLine } from "./runtime-identity.js";

const [baseUrl] = process.argv.slice(2);
if (!baseUrl) throw new Error("usage: runtime-sdk <baseUrl>");
console.log(identityLine());

const contract = createContractFetch({
  fetch: (input, init) => globalThis.fetch(input, init),
  validator: createSpecValidator(),
});
const sdk = new OpenAI({ apiKey: "sk-runtime-check", baseURL: baseUrl, maxRetries: 0, fetch: contract });
const ctx: SdkContext = { sdk, toFile };

const scenarios = {
  everyCurrentModelGenerates,
  xhighAndMax,
  arbitrarySize,
  gif,
  svg,
  markupEdit,
  safetyIdentifier,
};
for (const scenario of Object.values(scenarios)) await scenario(ctx);
const refusals = REFUSALS.filter((r) =>
  /^(GIF with stream|SVG with n 2|markup with a mask|JPEG markup)$/.test(r.name),
);
for (const refusal of refusals) await expectRefused(ctx, refusal);

await contract.settled();
contract.assertClean();
const { requests, responses, events } = contract.checked;
console.log(
  `ok node ${process.version} openai@${VERSION}: ${Object.keys(scenarios).join(", ")}, ${refusals.length} refusals ` +
    `(checked against the spec: ${requests} requests, ${responses} responses, ${events} events)`,
);

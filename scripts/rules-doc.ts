/**
 * Rewrites the README's model-rules section from the rules table, so the rules are never typed twice.
 *
 *   tsx scripts/rules-doc.ts           rewrite README.md between the model-rules markers
 *   tsx scripts/rules-doc.ts --check   exit 1 when the README section is stale
 *
 * The error shown in the section is produced by running the validator, not written by hand.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { ImagesValidationError } from "../src/errors.js";
import { effectiveModel, renderModelRulesMarkdown, validateRequest } from "../src/models/index.js";

const START = "<!-- section: model-rules -->";
const END = "<!-- /section: model-rules -->";

/** The request the README shows being refused. */
const REFUSED_EXAMPLE = { model: "dall-e-3", prompt: "A cute baby sea otter", n: 2, size: "1536x1024" };

/** What a user sees for `REFUSED_EXAMPLE`: the error's message and its issues. */
function renderRefusal(): string {
  const issues = validateRequest("generate", REFUSED_EXAMPLE);
  const err = new ImagesValidationError(issues, effectiveModel("generate", REFUSED_EXAMPLE).model);
  const lines = [`${err.name}: ${err.message}`, "", `err.param  → ${JSON.stringify(err.param)}`];
  lines.push(
    `err.value  → ${JSON.stringify(err.value)}`,
    `err.model  → ${JSON.stringify(err.model)}`,
    "err.issues →",
  );
  for (const i of err.issues)
    lines.push(`  [${i.severity}] ${i.param} = ${JSON.stringify(i.value)}: ${i.message}`);
  return lines.join("\n");
}

/** The full README section, markers excluded. */
export function renderReadmeSection(): string {
  return `
## Model rules

Every request is checked against the documented rules of its model **before anything is sent**: a
request the API would refuse (or, worse, accept and bill) fails at once with an \`ImagesValidationError\`
that lists **every** problem — the parameter, the value, and what the model allows. Nothing goes to the
network, nothing is billed. A valid request is never refused; where the reference is vague the rules
lean towards accepting.

With a literal model name the commonest mistakes do not even compile (the parameter types are derived
from the same table):

\`\`\`ts
// @ts-expect-error dall-e-3 makes one image per request
await client.generate({ model: "dall-e-3", prompt: "A cute baby sea otter", n: 2 });
\`\`\`

When the model is only known at run time, the same rules run before sending:

\`\`\`ts
import { createImagesClient, isImagesValidationError } from "openai-images";

const client = createImagesClient({ apiKey: process.env.OPENAI_API_KEY });
const model: string = "dall-e-3"; // e.g. read from configuration
try {
  await client.generate({ model, prompt: "A cute baby sea otter", n: 2, size: "1536x1024" });
} catch (err) {
  if (isImagesValidationError(err)) console.error(err.message, err.issues);
}
\`\`\`

The error a user sees (generated from the validator by \`scripts/rules-doc.ts\`):

\`\`\`text
${renderRefusal()}
\`\`\`

- **Which model's rules.** The request's \`model\`, else the client's \`model\` (when it supports the
  operation), else the API's default: \`gpt-image-1.5\` for edits, \`dall-e-2\` for variations, and
  \`dall-e-2\` for generations unless a parameter or value only GPT image models take is present
  (\`background\`, \`quality: "high"\`, \`stream: true\`, …): then the rules all GPT image models share
  apply. A generation without a model that mixes GPT-only and DALL·E-only parameters is checked only
  against what every model shares, with a warning.
- **Unknown models pass through.** A model name the table does not know (an OpenAI-compatible server's
  own model) gets no model rules: nothing is refused, nothing is dropped.
- **An off switch.** \`validation: "strict"\` (default) refuses; \`"warn"\` sends anyway and reports each
  distinct problem once to \`onWarning\` (or \`console.warn\`); \`"off"\` skips the checks. Set it on the
  client or per request: \`client.generate(params, { validation: "off" })\`. Warnings (an experimental
  \`gpt-image-2\` size above 2560x1440, \`partial_images\` without \`stream\`, …) never refuse a request.
- **Uploads are checked by their headers only**: format by magic bytes, dimensions, alpha channel and
  byte size. A 50 MB file is not read whole to check it.
- **Model-aware defaults.** \`createImagesClient({ model, defaults: { …, byModel: { "dall-e-3": { … } } } })\`.
  A default is sent only to models that accept it and only when the request leaves the parameter out:
  \`defaults: { response_format: "b64_json", output_format: "webp" }\` sends \`response_format\` to DALL·E
  models and \`output_format\` to GPT image models. Precedence, highest first: the request's own value
  (\`0\`, \`false\` and \`""\` included) → \`defaults.byModel[model]\` → \`defaults\` → the API's default.
  Unknown models receive every default their operation documents.

The rules, per model (\`—\`: not accepted, refused before sending):

${renderModelRulesMarkdown({ headingLevel: 4 })}`;
}

/** `readme` with the model-rules section replaced by `section`. */
export function replaceSection(readme: string, section: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${START} … ${END} markers`);
  return `${readme.slice(0, start + START.length)}\n${section.trim()}\n${readme.slice(end)}`;
}

async function main(argv: string[]): Promise<number> {
  const path = join(resolve(import.meta.dirname, ".."), "README.md");
  const readme = await readFile(path, "utf8");
  const updated = replaceSection(readme, renderReadmeSection());
  if (argv.includes("--check")) {
    if (updated === readme) return 0;
    console.error("README.md model-rules section is stale: run `tsx scripts/rules-doc.ts`");
    return 1;
  }
  if (updated !== readme) await writeFile(path, updated);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}

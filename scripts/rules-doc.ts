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
import { renderModelRulesMarkdown } from "../src/models/doc.js";
import { DEFAULT_MODELS, validateRequest } from "../src/models/index.js";

const START = "<!-- section: model-rules -->";
const END = "<!-- /section: model-rules -->";

/** The request the README shows being refused. */
const REFUSED_EXAMPLE = {
  model: "gpt-image-1.5",
  prompt: "A cute baby sea otter",
  quality: "xhigh",
  size: "1536x864",
};

/** What a user sees for `REFUSED_EXAMPLE`: the error's message and its issues. */
function renderRefusal(): string {
  const issues = validateRequest("generate", REFUSED_EXAMPLE);
  const err = new ImagesValidationError(issues, REFUSED_EXAMPLE.model);
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
// @ts-expect-error xhigh is for the gpt-image-2.5 models
await client.generate({ model: "gpt-image-1.5", prompt: "A cute baby sea otter", quality: "xhigh" });
\`\`\`

When the model is only known at run time, the same rules run before sending:

\`\`\`ts
import { createImagesClient, isImagesValidationError } from "openai-images";

const client = createImagesClient({ apiKey: process.env.OPENAI_API_KEY });
const model: string = "gpt-image-1.5"; // e.g. read from configuration
try {
  await client.generate({ model, prompt: "A cute baby sea otter", quality: "xhigh", size: "1536x864" });
} catch (err) {
  if (isImagesValidationError(err)) console.error(err.message, err.issues);
}
\`\`\`

The error a user sees (generated from the validator by \`scripts/rules-doc.ts\`):

\`\`\`text
${renderRefusal()}
\`\`\`

- **Which model's rules.** The request's \`model\`, else the client's \`model\` (when it supports the
  operation), else the documented default, \`${DEFAULT_MODELS.generate}\` (\`${DEFAULT_MODELS.variation}\` for the
  retired variations endpoint). Since openai@7.28.0 the API documents no default model, so the client
  always sends one explicitly. The model is resolved once per request.
- **Lifecycle.** Retired models (\`gpt-image-1\`, \`dall-e-2\`, \`dall-e-3\`) and the retired variations
  endpoint stay typed and checked, for servers that still serve them. Sent to OpenAI's API with
  \`validation: "strict"\` they are refused before the network, with the retirement date and the
  replacement; with Azure, a custom \`baseUrl\`, or \`validation: "warn"\` they are a warning through
  \`onWarning\`. Deprecated parameters (\`user\`, \`response_format\`, \`style\`) are sent only when you set them.
- **Unknown models pass through.** A model name the table does not know (an OpenAI-compatible server's
  own model, or a model newer than this release) gets no model rules: nothing is refused, nothing is
  dropped. Sent to OpenAI's base URL it gets a warning, since the API answers "The model '…' does not
  exist." for names it does not serve. An empty or non-string \`model\` is refused everywhere.
- **What the API refuses, not only what it documents.** Public evidence of the API's own answers
  (\`src/models/api-answers.ts\`: each quote with its source and date; the rules cite them in
  \`RULE_EVIDENCE\`) adds rules the documentation does not state: gpt-image-2 and the 2.5 models refuse
  sizes under a minimum pixel budget of 655,360 pixels (\`800x800\` and \`1024x576\` are refused, \`816x816\`
  and \`1024x640\` pass); an empty \`prompt\` is refused (a blank one is not); a \`null\` for a parameter
  the model does not take (\`response_format: null\`, \`style: null\` on a GPT image model) is an unknown
  parameter to the API, not an absent one; and a parameter name the Images API does not have
  (\`drop_params\`, a typo) is refused on OpenAI's base URL. To send such a field anyway, pass
  \`{ validation: "warn" }\` as the call's options. These rules refuse for OpenAI's API and warn for
  other servers, which may not share them.
- **The API's codes.** Every issue carries the \`code\` the API answers the same problem with (and the
  API's \`param\`), e.g. \`invalid_type\`, \`integer_below_min_value\`, \`unknown_parameter\`,
  \`empty_string\`, \`invalid_input_fidelity_model\`; \`err.code\` is the first error's. Code that handles
  \`ImagesAPIError\` by \`code\` handles a pre-flight refusal the same way.
- **Where the evidence and the documentation disagree, the documentation wins** and the rule follows
  it: transparent backgrounds on gpt-image-2 are "preview" in the SDK's documentation (openai@7.6.0)
  but were refused through relays until at least 2026-09-15 ("Transparent background is not supported
  for this model."); GIF output is documented (openai@7.51.0) but was refused on 2026-08-30;
  \`input_fidelity: "low"\` is documented for gpt-image-1-mini (openai@7.30.0) but a probe saw
  \`unknown_parameter\`; \`output_compression\` with the default png output is refused here (the
  documentation says it applies to jpeg and webp) though a probe saw it pass.
- **Unstated is not refused.** Where the sources say nothing about a model and a parameter (the
  gpt-image-2.6 models' qualities and sizes, which models render GIF or SVG, markup outside GPT Image
  2.5), the cell reads "not documented: passed through" and any value the spec allows is sent. The
  \`source\` column names the statements each row rests on ("seeds": the API reference of mid-2026;
  \`openai@x.y.z\`: the official SDK's \`images.d.ts\`, generated from OpenAI's spec).
- **An off switch.** \`validation: "strict"\` (default) refuses; \`"warn"\` sends anyway and reports each
  distinct problem once to \`onWarning\` (or \`console.warn\`); \`"off"\` skips the checks. Set it on the
  client or per request: \`client.generate(params, { validation: "off" })\`. Warnings (an experimental
  size above 2560x1440, a background in preview, \`partial_images\` without \`stream\`, …) never refuse a request.
- **Uploads are checked by their headers only** (\`image\`, \`mask\`, \`markup\`): format by magic bytes,
  dimensions, alpha channel and byte size. A 50 MB file is not read whole to check it.
- **Model-aware defaults.** \`createImagesClient({ model, defaults: { …, byModel: { "gpt-image-2.5-flare": { … } } } })\`.
  A default is sent only to models that accept it and only when the request leaves the parameter out:
  \`defaults: { output_format: "webp", quality: "xhigh" }\` sends \`quality\` only to the models that take
  \`xhigh\`, and a default that clashes with the request (webp compression on a png request) is dropped.
  Precedence, highest first: the request's own value (\`0\`, \`false\` and \`""\` included) →
  \`defaults.byModel[model]\` → \`defaults\` → the API's default. Unknown models receive every default.
- **\`null\` means "not given"**, as in the official SDK's types: every field the API lets be null
  (all but \`prompt\`, the uploads and \`user\`) takes it, for the models that take the field (for a
  model that does not, see above: OpenAI's API refuses the name). A JSON body sends it as
  \`null\` (the API's default applies, and no client default replaces it; a null \`model\` sends the
  documented default), a multipart body leaves it out, and the local server reads it as absent.

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

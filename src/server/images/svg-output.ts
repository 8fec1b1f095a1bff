/**
 * SVG output: a well-formed SVG document of the requested size (its viewBox), with the prompt as its
 * `<title>` and as a caption in `<text>`. Generations are the scene itself as vector shapes; edits are
 * the edited picture, embedded as a PNG, since their content comes from the uploaded pixels.
 */
import { sharp } from "../peers.js";
import { captionText, type RawImage, type SceneOptions, sceneMarkup, svgOpen, wrap } from "./scene.js";

// Characters XML 1.0 does not allow at all (C0 controls but tab and line breaks, lone surrogates,
// U+FFFE and U+FFFF): no escape can carry them, so they are left out.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Text as XML character data or an attribute value: the five special characters escaped, characters
 * XML cannot hold removed.
 *
 * @example
 * xmlText('a <b> & "c"'); // "a &lt;b&gt; &amp; &quot;c&quot;"
 */
export function xmlText(text: string): string {
  return text
    .replace(NOT_XML, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** The caption as vector text on a dark panel, in the lower part of the picture like the raster one. */
function captionMarkup(prompt: string, width: number, height: number): string {
  const fontSize = Math.max(8, Math.round(Math.min(width, height) / 24));
  // About 0.6 em per character in a sans-serif face.
  const lines = wrap(captionText(prompt), Math.max(8, Math.floor((width * 0.86) / (fontSize * 0.6))));
  const lineHeight = Math.round(fontSize * 1.3);
  const blockH = lines.length * lineHeight;
  const top = Math.max(0, Math.round(height * 0.78 - blockH / 2));
  const texts = lines.map(
    (line, i) =>
      `<text x="${width / 2}" y="${top + (i + 1) * lineHeight - Math.round(fontSize * 0.3)}">${xmlText(line)}</text>`,
  );
  return (
    `<rect x="${Math.round(width * 0.05)}" y="${top - 4}" width="${Math.round(width * 0.9)}" height="${blockH + 8}" fill="#0f0f19" fill-opacity="0.84"/>` +
    `<g font-family="sans-serif" font-size="${fontSize}" fill="#ffffe0" text-anchor="middle">${texts.join("")}</g>`
  );
}

function document(width: number, height: number, prompt: string, body: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n${svgOpen(width, height)}` +
    `<title>${xmlText(prompt)}</title>${body}${captionMarkup(prompt, width, height)}</svg>\n`
  );
}

/**
 * A generation as SVG: the same scene the raster formats draw, as vector shapes.
 *
 * @example
 * sceneSvg({ prompt: "otter", width: 1536, height: 864, transparent: false, detail: "medium", seed: [] });
 * // '<?xml version="1.0" encoding="UTF-8"?>\n<svg … viewBox="0 0 1536 864"><title>otter</title>…'
 */
export function sceneSvg(options: SceneOptions): string {
  return document(options.width, options.height, options.prompt, sceneMarkup(options).body);
}

/** Longest side of the picture embedded in an edit's SVG: enough to see it, small enough to send. */
const EMBED_MAX_SIDE = 512;

/** An edit as SVG: the edited picture (at most 512 px on its long side) stretched over the viewBox. */
export async function pictureSvg(raw: RawImage, prompt: string): Promise<string> {
  const { width, height } = raw;
  const fit = Math.min(1, EMBED_MAX_SIDE / Math.max(width, height));
  const png = await sharp(raw.data, { raw: { width, height, channels: 4 } })
    .resize(Math.max(1, Math.round(width * fit)), Math.max(1, Math.round(height * fit)), { fit: "fill" })
    .png()
    .toBuffer();
  const image = `<image width="${width}" height="${height}" preserveAspectRatio="none" href="data:image/png;base64,${png.toString("base64")}"/>`;
  return document(width, height, prompt, image);
}

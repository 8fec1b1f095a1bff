/**
 * The README is read on the npm page too, where the repository's files are not there to link to: every
 * link is an absolute URL or an anchor of one of the README's own headings.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const readme = readFileSync(join(resolve(import.meta.dirname, ".."), "README.md"), "utf8");
// Links outside fenced code blocks (an example may contain "](" in a string).
const prose = readme.replace(/^ *```[\s\S]*?^ *```/gm, "");
const links = [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1] ?? "");

/** The anchor npm and GitHub give a heading: lower case, punctuation dropped, spaces as hyphens. */
function slug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}
const anchors = new Set([...prose.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1] ?? "")));

describe("README links", () => {
  it("has links to check", () => {
    expect(links.length).toBeGreaterThan(3);
  });

  it("are absolute https URLs or anchors of its own headings", () => {
    const broken = links.filter((link) =>
      link.startsWith("#") ? !anchors.has(link.slice(1)) : !/^https:\/\/[^/]+\.[^/]+/.test(link),
    );
    expect(broken).toEqual([]);
  });

  it("computes anchors as the npm page does", () => {
    expect(slug("Why this instead of the official `openai` SDK?")).toBe(
      "why-this-instead-of-the-official-openai-sdk",
    );
    expect(slug("Working on this repository")).toBe("working-on-this-repository");
  });
});

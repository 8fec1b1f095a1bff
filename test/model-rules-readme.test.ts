/**
 * The README's model-rules section is generated from the rules table (`scripts/rules-doc.ts`) and must
 * be up to date; the Markdown rendering follows the table.
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { renderReadmeSection, replaceSection } from "../scripts/rules-doc.js";
import { KNOWN_MODELS, modelsFor, renderModelRulesMarkdown } from "../src/models/index.js";

const root = resolve(import.meta.dirname, "..");

describe("README model-rules section", () => {
  it("is up to date (run `tsx scripts/rules-doc.ts` after changing the rules)", async () => {
    const readme = await readFile(resolve(root, "README.md"), "utf8");
    expect(replaceSection(readme, renderReadmeSection())).toBe(readme);
  });

  it("shows the error a user sees, produced by the validator", () => {
    const section = renderReadmeSection();
    expect(section).toContain("ImagesValidationError: n 2 is not allowed for dall-e-3: use 1.");
    expect(section).toContain('[error] size = "1536x1024"');
  });
});

describe("renderModelRulesMarkdown", () => {
  const markdown = renderModelRulesMarkdown();
  const tables = markdown.split(/^#### /m).slice(1);

  it("renders one table per operation naming exactly the models that support it", () => {
    expect(tables).toHaveLength(3);
    (["generate", "edit", "variation"] as const).forEach((op, k) => {
      const header = tables[k]?.split("\n").find((line) => line.startsWith("| parameter")) ?? "";
      for (const model of KNOWN_MODELS) {
        expect(header.includes(`\`${model}\``), `${op} ${model}`).toBe(modelsFor(op).includes(model));
      }
    });
  });

  it("renders the table's values, one padded row per parameter", () => {
    const cells = (table: string | undefined, param: string) =>
      table
        ?.split("\n")
        .find((line) => line.startsWith(`| \`${param}\` `))
        ?.split("|")
        .slice(2, -1)
        .map((c) => c.trim());
    expect(cells(tables[0], "n")).toEqual(["1–10", "1–10", "1–10", "1"]);
    expect(cells(tables[0], "background")?.[1]).toBe("`opaque`, `auto`");
    expect(cells(tables[1], "image")?.[3]).toBe("exactly 1; PNG; < 4 MB; square");
    expect(cells(tables[2], "size")).toEqual(["`256x256`, `512x512`, `1024x1024`"]);
    const widths = new Set(
      tables[0]
        ?.split("\n")
        .filter((l) => l.startsWith("|"))
        .map((l) => [...l].length),
    );
    expect(widths.size).toBe(1);
  });

  it("throws when the README lost its markers", () => {
    expect(() => replaceSection("# no markers", "x")).toThrow(/markers/);
  });
});

/**
 * The README's model-rules section is generated from the rules table (`scripts/rules-doc.ts`) and must
 * be up to date; the Markdown rendering follows the table.
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { renderReadmeSection, replaceSection } from "../scripts/rules-doc.js";
import { renderModelRulesMarkdown, TITLES } from "../src/models/doc.js";
import { DEFAULT_MODELS, KNOWN_MODELS, modelsFor, type Operation } from "../src/models/index.js";

const root = resolve(import.meta.dirname, "..");

describe("README model-rules section", () => {
  it("is up to date (run `tsx scripts/rules-doc.ts` after changing the rules)", async () => {
    const readme = await readFile(resolve(root, "README.md"), "utf8");
    expect(replaceSection(readme, renderReadmeSection())).toBe(readme);
  });

  it("shows the error a user sees, produced by the validator", () => {
    const section = renderReadmeSection();
    expect(section).toContain('ImagesValidationError: size "1536x864" is not allowed for gpt-image-1.5');
    expect(section).toContain('[error] quality = "xhigh"');
  });
});

describe("renderModelRulesMarkdown", () => {
  const markdown = renderModelRulesMarkdown();
  const sections = Object.fromEntries(
    markdown
      .split(/^#### /m)
      .slice(1)
      .map((s) => [s.split("\n")[0] ?? "", s] as const),
  );
  const rules = (op: Operation) => sections[TITLES[op]];

  it("lists every model once with its lifecycle", () => {
    const rows = sections.Models?.split("\n").filter((l) => l.startsWith("| `")) ?? [];
    expect(rows.map((r) => /`([^`]+)`/.exec(r)?.[1])).toEqual([...KNOWN_MODELS]);
    expect(rows.find((r) => r.includes("`gpt-image-1`"))).toContain("retired 2026-10-23");
    expect(rows.find((r) => r.includes("`dall-e-3`"))).toContain("retired 2026-05-12");
    expect(rows.find((r) => r.includes(`\`${DEFAULT_MODELS.generate}\``))).toContain(
      "default for generations",
    );
  });

  it("renders one table per operation naming exactly the models that support it", () => {
    for (const op of ["generate", "edit", "variation"] as const) {
      const header =
        rules(op)
          ?.split("\n")
          .find((line) => line.startsWith("| parameter")) ?? "";
      for (const model of KNOWN_MODELS) {
        expect(header.includes(`\`${model}\``), `${op} ${model}`).toBe(modelsFor(op).includes(model));
      }
    }
  });

  it("renders the table's values, one padded row per parameter", () => {
    const cells = (table: string | undefined, param: string) =>
      table
        ?.split("\n")
        .find((line) => line.startsWith(`| \`${param}\` `))
        ?.split("|")
        .slice(2, -1)
        .map((c) => c.trim());
    // Columns: the 2.5 models, the 2.6 models, gpt-image-2, gpt-image-1.5 and friends, gpt-image-1, dall-e-2, dall-e-3.
    expect(cells(rules("generate"), "n")).toEqual(["1–10", "1–10", "1–10", "1–10", "1–10", "1–10", "1"]);
    expect(cells(rules("generate"), "quality")?.[0]).toBe("`low`, `medium`, `high`, `xhigh`, `max`, `auto`");
    expect(cells(rules("generate"), "quality")?.[1]).toBe("not documented: passed through");
    expect(cells(rules("generate"), "background")?.[2]).toBe(
      "`transparent`, `opaque`, `auto` (`transparent` in preview)",
    );
    expect(cells(rules("edit"), "image")?.at(-1)).toBe("exactly 1; PNG; < 4 MB; square");
    expect(cells(rules("edit"), "markup")?.[0]).toBe("PNG; with alpha; same size as the first image");
    expect(cells(rules("variation"), "size")).toEqual(["`256x256`, `512x512`, `1024x1024`"]);
    const widths = new Set(
      rules("generate")
        ?.split("\n")
        .filter((l) => l.startsWith("|"))
        .map((l) => [...l].length),
    );
    expect(widths.size).toBe(1);
  });

  it("renders what each output format allows, from the format table", () => {
    const gif = sections["Output formats"]?.split("\n").find((l) => l.startsWith("| `gif`"));
    expect(gif?.split("|").map((c) => c.trim())).toEqual([
      "",
      "`gif`",
      "no",
      "no",
      "no",
      "no",
      "any",
      "`frame_count`, `frame_duration_ms`",
      "",
    ]);
  });

  it("throws when the README lost its markers", () => {
    expect(() => replaceSection("# no markers", "x")).toThrow(/markers/);
  });
});

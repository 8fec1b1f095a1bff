/**
 * An esbuild plugin that keeps our comments in the published bundles. esbuild drops every comment
 * but "legal" ones (`/*!`, `//!`), so each JSDoc block (`/**`) and line comment (`// `) of our own
 * sources is loaded as a legal comment of the same length, and turned back into what it was once the
 * bundle is written. Same length both ways, so the source maps' columns stay right; the maps'
 * `sourcesContent` gets the files as they are on disk.
 *
 * Comments esbuild cannot place (inside an expression, after code on its line) still go; the JSDoc of
 * every declaration and the comments between statements, which are what a reader of a stack trace
 * looks for, stay.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { Plugin } from "esbuild";
import ts from "typescript";

/** Declarations that compile to nothing: their own doc comment would be left describing nothing. */
function typeOnly(node: ts.Node): boolean {
  return ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node);
}

/**
 * The positions of every comment in a TypeScript source to keep, found by the compiler's own scanner:
 * all but the doc comments of types (and what is inside them).
 */
function commentRanges(text: string, fileName: string): ts.CommentRange[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false);
  const found = new Map<number, ts.CommentRange>();
  const skipped = new Set<number>();
  const visit = (node: ts.Node): void => {
    const ranges = ts.getLeadingCommentRanges(text, node.pos) ?? [];
    if (typeOnly(node)) {
      // Only the last comment is the type's own; those before it (a file's header) stay.
      const own = ranges.at(-1);
      if (own) skipped.add(own.pos);
      return;
    }
    for (const range of ranges) found.set(range.pos, range);
    ts.forEachChild(node, visit);
  };
  visit(source);
  for (const range of ts.getLeadingCommentRanges(text, source.endOfFileToken.pos) ?? []) {
    found.set(range.pos, range);
  }
  return [...found.values()].filter((range) => !skipped.has(range.pos));
}

/** `/**` → `/*!` and `// ` → `//!`: legal comments to esbuild, of the same length. */
export function markComments(text: string, fileName: string): string {
  const chars = text.split("");
  for (const { pos, kind } of commentRanges(text, fileName)) {
    const start = text.slice(pos, pos + 3);
    if (kind === ts.SyntaxKind.MultiLineCommentTrivia && start === "/**" && text[pos + 3] !== "/") {
      chars[pos + 2] = "!";
    } else if (kind === ts.SyntaxKind.SingleLineCommentTrivia && start === "// ") {
      chars[pos + 2] = "!";
    }
  }
  return chars.join("");
}

/** The inverse of {@link markComments} on the bundle, where esbuild puts each legal comment on its own line(s). */
export function unmarkComments(code: string): string {
  return code.replace(/^(\s*)\/\*!/gm, "$1/**").replace(/^(\s*)\/\/!/gm, "$1// ");
}

/** Keeps the comments of the files under `root` (not of packages in node_modules). */
export function readableComments(root: string): Plugin {
  const originals = new Map<string, string>();
  return {
    name: "readable-comments",
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, (args) => {
        if (!args.path.startsWith(root) || args.path.includes("/node_modules/")) return undefined;
        const text = readFileSync(args.path, "utf8");
        originals.set(args.path, text);
        return { contents: markComments(text, args.path), loader: "ts" };
      });
      b.onEnd((result) => {
        for (const file of Object.keys(result.metafile?.outputs ?? {})) {
          const path = resolve(b.initialOptions.absWorkingDir ?? process.cwd(), file);
          if (path.endsWith(".js")) writeFileSync(path, unmarkComments(readFileSync(path, "utf8")));
          if (!path.endsWith(".js.map")) continue;
          const map = JSON.parse(readFileSync(path, "utf8")) as {
            sources: string[];
            sourcesContent?: string[];
          };
          map.sourcesContent = map.sources.map(
            (source, i) => originals.get(resolve(dirname(path), source)) ?? map.sourcesContent?.[i] ?? "",
          );
          writeFileSync(path, JSON.stringify(map));
        }
      });
    },
  };
}

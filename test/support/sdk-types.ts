/**
 * Reads the official SDK's own request types (openai@7.x, installed as `openai-v7`) with the TypeScript
 * compiler, so tests take their values from the SDK and not from our rules table: the string values a
 * property's type allows, and the property's documentation.
 */
import { join, resolve } from "node:path";
import ts from "typescript";

// By path: the package's exports map gives no subpath for declaration files.
const IMAGES_DTS = join(
  resolve(import.meta.dirname, "../.."),
  "node_modules/openai-v7/resources/images.d.ts",
);

let cached: { checker: ts.TypeChecker; file: ts.SourceFile } | undefined;

function program() {
  if (!cached) {
    const p = ts.createProgram([IMAGES_DTS], { strict: true, noEmit: true, skipLibCheck: true });
    const file = p.getSourceFile(IMAGES_DTS);
    if (!file) throw new Error(`cannot read ${IMAGES_DTS}`);
    cached = { checker: p.getTypeChecker(), file };
  }
  return cached;
}

/** The interface at `path` (`ImageGenerateParamsBase`, `ImageEditParams.Svg.Reasoning`) in images.d.ts. */
function interfaceAt(path: string): ts.InterfaceDeclaration {
  const names = path.split(".");
  let scope: readonly ts.Statement[] = program().file.statements;
  for (const [i, name] of names.entries()) {
    const last = i === names.length - 1;
    const found = scope.find(
      (s) =>
        (last ? ts.isInterfaceDeclaration(s) : ts.isModuleDeclaration(s)) &&
        (s as ts.InterfaceDeclaration | ts.ModuleDeclaration).name.getText() === name,
    );
    if (!found) throw new Error(`openai-v7's images.d.ts has no ${path}`);
    if (last) return found as ts.InterfaceDeclaration;
    const body = (found as ts.ModuleDeclaration).body;
    scope = body && ts.isModuleBlock(body) ? body.statements : [];
  }
  throw new Error(`empty path ${path}`);
}

function propertyOf(path: string, property: string): ts.Symbol {
  const { checker } = program();
  const type = checker.getTypeAtLocation(interfaceAt(path));
  const symbol = type.getProperty(property);
  if (!symbol) throw new Error(`${path} has no property ${property}`);
  return symbol;
}

/** Every string value the SDK's type of `path.property` allows, in declaration order (`null` left out). */
export function sdkValues(path: string, property: string): string[] {
  const { checker } = program();
  const symbol = propertyOf(path, property);
  const type = checker.getNonNullableType(checker.getTypeOfSymbol(symbol));
  const members = type.isUnion() ? type.types : [type];
  const values = members.filter((t) => t.isStringLiteral()).map((t) => (t as ts.StringLiteralType).value);
  if (values.length === 0) throw new Error(`${path}.${property} has no string values`);
  return values;
}

/** The SDK's documentation of `path.property`, as one line of text. */
export function sdkDoc(path: string, property: string): string {
  const { checker } = program();
  return ts
    .displayPartsToString(propertyOf(path, property).getDocumentationComment(checker))
    .replace(/\s+/g, " ");
}

/**
 * The models the SDK's documentation says support each value: from each clause (split at `;` and
 * `.`) that names values in backticks, the models it names in backticks (with their dated snapshots
 * when the clause says so), or every GPT image model when it says "the GPT image models".
 */
export function documentedSupport(doc: string, models: readonly string[]): Map<string, Set<string>> {
  const support = new Map<string, Set<string>>();
  for (const clause of doc.split(/;|\.\s/)) {
    const ticked = [...clause.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? "");
    const named = ticked.filter((t) => /^(gpt-image|dall-e)/.test(t));
    const values = ticked.filter((t) => !/^(gpt-image|dall-e)/.test(t) && !/^\d{4}-\d{2}-\d{2}$/.test(t));
    const snapshots = /snapshots?/.test(clause);
    const who = /GPT image models/i.test(clause)
      ? models.filter((m) => m.startsWith("gpt-image"))
      : models.filter((m) => named.some((n) => m === n || (snapshots && m.startsWith(`${n}-20`))));
    if (who.length === 0 || /\bomit\b/i.test(clause)) continue;
    for (const value of values) {
      const set = support.get(value) ?? new Set<string>();
      for (const m of who) set.add(m);
      support.set(value, set);
    }
  }
  return support;
}

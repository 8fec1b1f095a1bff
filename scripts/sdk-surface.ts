/**
 * Reads an `openai` SDK's `resources/images.d.ts` into a `Surface`, with the TypeScript compiler's
 * parser. The file is read alone (its imports are not followed): the images resource declares every
 * type it uses except `Uploadable` (a file upload), `APIPromise` and `Stream`, which are recognised by
 * name. References are resolved the way TypeScript scopes them: inner namespaces first, and through
 * the resource's import of itself (`ImagesAPI.X`).
 */
import ts from "typescript";
import {
  addFacts,
  emptyFacts,
  type FieldFacts,
  isoDate,
  type ModelRetirement,
  type OperationSurface,
  type Surface,
} from "./surface.js";

/** The resource's methods and the operations they call. */
const METHODS: Record<string, string> = {
  generate: "POST /images/generations",
  edit: "POST /images/edits",
  createVariation: "POST /images/variations",
};

// Types the resource imports from the SDK's core; everything else it declares itself.
const UPLOAD_TYPES = new Set(["Uploadable", "FileLike", "File", "Blob"]);
const PROMISE_TYPES = new Set(["APIPromise", "Promise", "PromiseLike"]);
const ARRAY_TYPES = new Set(["Array", "ReadonlyArray"]);

type Declaration = ts.InterfaceDeclaration | ts.TypeAliasDeclaration;

interface Scoped<T> {
  node: T;
  /** The namespaces the node is declared in, outermost first. */
  scope: string[];
}

/**
 * The surface an `images.d.ts` states.
 *
 * @example
 * const sdk = sdkSurface(await readFile("node_modules/openai/resources/images.d.ts", "utf8"));
 * sdk.models; // ["gpt-image-1", …]
 */
export function sdkSurface(text: string, fileName = "images.d.ts"): Surface {
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const reader = createReader(file);
  const operations = new Map<string, OperationSurface>();
  for (const [method, where] of Object.entries(METHODS)) {
    const overloads = reader.methods(method);
    if (overloads.length > 0) operations.set(where, reader.operation(overloads));
  }
  const models = reader.models(operations);
  return { operations, models, retired: retirements(file, models) };
}

function createReader(file: ts.SourceFile) {
  const declarations = new Map<string, Scoped<Declaration>[]>();
  const selfAliases = new Set<string>();
  const ownName = baseName(file.fileName);

  const index = (statements: ts.NodeArray<ts.Statement>, scope: string[]) => {
    for (const s of statements) {
      if (ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) {
        const key = [...scope, s.name.text].join(".");
        declarations.set(key, [...(declarations.get(key) ?? []), { node: s, scope }]);
      } else if (ts.isModuleDeclaration(s)) {
        let body = s.body;
        const names = [s.name.text];
        // `namespace A.B {}` nests its body one declaration deeper per dot.
        while (body && ts.isModuleDeclaration(body)) {
          names.push(body.name.text);
          body = body.body;
        }
        if (body && ts.isModuleBlock(body)) index(body.statements, [...scope, ...names]);
      } else if (ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier)) {
        const bindings = s.importClause?.namedBindings;
        // `import * as ImagesAPI from './images.js'`: the resource's own types under another name.
        if (bindings && ts.isNamespaceImport(bindings) && baseName(s.moduleSpecifier.text) === ownName)
          selfAliases.add(bindings.name.text);
      }
    }
  };
  index(file.statements, []);

  const resolve = (name: string, scope: string[]): Scoped<Declaration>[] | undefined => {
    const parts = name.split(".");
    if (parts.length > 1 && selfAliases.has(parts[0] as string)) return resolve(parts.slice(1).join("."), []);
    for (let i = scope.length; i >= 0; i--) {
      const found = declarations.get([...scope.slice(0, i), name].join("."));
      if (found) return found;
    }
    return undefined;
  };

  /** The properties of an interface, its bases' first (a redeclared property replaces the base's). */
  const members = (
    decls: Scoped<Declaration>[],
    seen: Set<Declaration>,
  ): Map<string, Scoped<ts.PropertySignature>> => {
    const out = new Map<string, Scoped<ts.PropertySignature>>();
    for (const { node, scope } of decls) {
      if (seen.has(node)) continue;
      const inner = new Set([...seen, node]);
      if (ts.isInterfaceDeclaration(node)) {
        for (const clause of node.heritageClauses ?? []) {
          for (const base of clause.types) {
            const found = resolve(base.expression.getText(file), scope);
            if (found) for (const [k, v] of members(found, inner)) out.set(k, v);
          }
        }
        for (const m of node.members)
          if (ts.isPropertySignature(m)) out.set(propertyName(m, file), { node: m, scope });
      } else if (ts.isTypeLiteralNode(node.type)) {
        for (const m of node.type.members)
          if (ts.isPropertySignature(m)) out.set(propertyName(m, file), { node: m, scope });
      }
    }
    return out;
  };

  /** Adds the properties of an object type to `out` under `prefix`. */
  const flattenProperties = (
    props: Map<string, Scoped<ts.PropertySignature>>,
    prefix: string,
    out: Map<string, FieldFacts>,
    seen: Set<Declaration>,
  ) => {
    for (const [name, { node, scope }] of props) {
      const path = join(prefix, name);
      const facts = emptyFacts();
      facts.required = node.questionToken === undefined;
      facts.deprecated = isDeprecated(node);
      if (node.type) describe(node.type, scope, path, facts, out, seen);
      else facts.types.push("unknown");
      addFacts(out, path, facts);
    }
  };

  /**
   * Adds what `type` says to `facts` (the field at `path`), and its nested fields to `out`: object
   * properties as `path.name`, array items as `path[]`.
   */
  const describe = (
    type: ts.TypeNode,
    scope: string[],
    path: string,
    facts: FieldFacts,
    out: Map<string, FieldFacts>,
    seen: Set<Declaration>,
  ): void => {
    if (ts.isParenthesizedTypeNode(type)) {
      describe(type.type, scope, path, facts, out, seen);
      return;
    }
    if (ts.isUnionTypeNode(type)) {
      for (const t of type.types) describe(t, scope, path, facts, out, seen);
      return;
    }
    if (ts.isIntersectionTypeNode(type)) {
      // `string & {}` is the SDK's "any string" that keeps the literals' autocompletion.
      const rest = type.types.filter((t) => !(ts.isTypeLiteralNode(t) && t.members.length === 0));
      for (const t of rest) describe(t, scope, path, facts, out, seen);
      return;
    }
    if (ts.isLiteralTypeNode(type)) {
      const lit = type.literal;
      if (ts.isStringLiteral(lit)) {
        facts.types.push("enum");
        facts.values.push(lit.text);
      } else if (lit.kind === ts.SyntaxKind.NullKeyword) facts.types.push("null");
      else if (lit.kind === ts.SyntaxKind.TrueKeyword || lit.kind === ts.SyntaxKind.FalseKeyword)
        facts.types.push("boolean");
      else facts.types.push("number");
      return;
    }
    switch (type.kind) {
      case ts.SyntaxKind.StringKeyword:
        facts.types.push("string");
        return;
      case ts.SyntaxKind.NumberKeyword:
        facts.types.push("number");
        return;
      case ts.SyntaxKind.BooleanKeyword:
        facts.types.push("boolean");
        return;
      case ts.SyntaxKind.NullKeyword:
        facts.types.push("null");
        return;
      case ts.SyntaxKind.UndefinedKeyword:
        return;
    }
    if (ts.isArrayTypeNode(type)) {
      describeArray(type.elementType, scope, path, facts, out, seen);
      return;
    }
    if (ts.isTypeLiteralNode(type)) {
      facts.types.push("object");
      const props = new Map<string, Scoped<ts.PropertySignature>>();
      for (const m of type.members)
        if (ts.isPropertySignature(m)) props.set(propertyName(m, file), { node: m, scope });
      flattenProperties(props, path, out, seen);
      return;
    }
    if (ts.isTypeReferenceNode(type)) {
      const name = entityName(type.typeName);
      const last = name.split(".").pop() as string;
      const arg = type.typeArguments?.[0];
      if (ARRAY_TYPES.has(name) && arg) {
        describeArray(arg, scope, path, facts, out, seen);
        return;
      }
      const found = resolve(name, scope);
      if (!found) {
        facts.types.push(UPLOAD_TYPES.has(last) ? "binary" : "unknown");
        return;
      }
      const fresh = found.filter((d) => !seen.has(d.node));
      if (fresh.length === 0) return; // A type that contains itself: its fields are already listed.
      const inner = new Set([...seen, ...fresh.map((d) => d.node)]);
      const first = fresh[0] as Scoped<Declaration>;
      if (ts.isTypeAliasDeclaration(first.node) && !ts.isTypeLiteralNode(first.node.type)) {
        describe(first.node.type, first.scope, path, facts, out, inner);
        return;
      }
      facts.types.push("object");
      flattenProperties(members(fresh, seen), path, out, inner);
      return;
    }
    facts.types.push("unknown");
  };

  const describeArray = (
    element: ts.TypeNode,
    scope: string[],
    path: string,
    facts: FieldFacts,
    out: Map<string, FieldFacts>,
    seen: Set<Declaration>,
  ) => {
    facts.types.push("array");
    const item = emptyFacts();
    describe(element, scope, `${path}[]`, item, out, seen);
    addFacts(out, `${path}[]`, item);
  };

  /** The fields of a request or response type (its top level is not a field). */
  const fieldsOf = (type: ts.TypeNode, scope: string[]): Map<string, FieldFacts> => {
    const out = new Map<string, FieldFacts>();
    describe(type, scope, "", emptyFacts(), out, new Set());
    return out;
  };

  /** Stream events, each under `<type>` as the spec's discriminated union flattens them. */
  const eventsOf = (types: ts.TypeNode[]): Map<string, FieldFacts> => {
    const out = new Map<string, FieldFacts>();
    const visit = (type: ts.TypeNode, scope: string[], seen: Set<Declaration>) => {
      if (ts.isParenthesizedTypeNode(type)) {
        visit(type.type, scope, seen);
        return;
      }
      if (ts.isUnionTypeNode(type)) {
        for (const t of type.types) visit(t, scope, seen);
        return;
      }
      if (!ts.isTypeReferenceNode(type)) return;
      const found = resolve(entityName(type.typeName), scope)?.filter((d) => !seen.has(d.node));
      if (!found || found.length === 0) return;
      const first = found[0] as Scoped<Declaration>;
      const inner = new Set([...seen, ...found.map((d) => d.node)]);
      if (ts.isTypeAliasDeclaration(first.node) && !ts.isTypeLiteralNode(first.node.type)) {
        visit(first.node.type, first.scope, inner);
        return;
      }
      const props = members(found, seen);
      const tagType = props.get("type")?.node.type;
      const tag =
        tagType && ts.isLiteralTypeNode(tagType) && ts.isStringLiteral(tagType.literal)
          ? `<${tagType.literal.text}>`
          : "";
      flattenProperties(props, tag, out, inner);
    };
    for (const t of types) visit(t, [], new Set());
    return out;
  };

  return {
    /** The overloads of the resource class's method `name`. */
    methods(name: string): ts.MethodDeclaration[] {
      const out: ts.MethodDeclaration[] = [];
      for (const s of file.statements) {
        if (!ts.isClassDeclaration(s)) continue;
        for (const m of s.members)
          if (ts.isMethodDeclaration(m) && m.name.getText(file) === name) out.push(m);
      }
      return out;
    },

    /** One operation from its overloads: their bodies' fields merged, their answers split by kind. */
    operation(overloads: ts.MethodDeclaration[]): OperationSurface {
      const bodies: Map<string, FieldFacts>[] = [];
      const json: ts.TypeNode[] = [];
      const events: ts.TypeNode[] = [];
      for (const m of overloads) {
        const body = m.parameters[0]?.type;
        if (body) bodies.push(fieldsOf(body, []));
        if (m.type) answers(m.type, json, events);
      }
      const request = mergeOverloads(bodies);
      // The SDK sends a body with an upload as multipart, any other as JSON.
      const bodyType = [...request.values()].some((f) => f.types.includes("binary"))
        ? "multipart/form-data"
        : "application/json";
      const responses = new Map<string, Map<string, FieldFacts>>();
      if (json.length > 0) responses.set("application/json", mergeTypes(json.map((t) => fieldsOf(t, []))));
      if (events.length > 0) responses.set("text/event-stream", eventsOf(events));
      return {
        deprecated: overloads.some(isDeprecated),
        requests: new Map([[bodyType, request]]),
        responses,
      };
    },

    /** The `ImageModel` union, or else every value the requests' `model` fields name. */
    models(operations: Map<string, OperationSurface>): string[] {
      const alias = resolve("ImageModel", [])?.find((d) => ts.isTypeAliasDeclaration(d.node));
      const facts = emptyFacts();
      if (alias && ts.isTypeAliasDeclaration(alias.node))
        describe(alias.node.type, alias.scope, "", facts, new Map(), new Set());
      else
        for (const op of operations.values())
          for (const body of op.requests.values()) facts.values.push(...(body.get("model")?.values ?? []));
      return [...new Set(facts.values)];
    },
  };
}

/** Splits a method's return type into JSON answers and `Stream<Event>` answers. */
function answers(type: ts.TypeNode, json: ts.TypeNode[], events: ts.TypeNode[]): void {
  if (ts.isParenthesizedTypeNode(type)) {
    answers(type.type, json, events);
    return;
  }
  if (ts.isUnionTypeNode(type)) {
    for (const t of type.types) answers(t, json, events);
    return;
  }
  if (ts.isTypeReferenceNode(type)) {
    const last = entityName(type.typeName).split(".").pop() as string;
    const arg = type.typeArguments?.[0];
    if (PROMISE_TYPES.has(last) && arg) {
      answers(arg, json, events);
      return;
    }
    if (last === "Stream" && arg) {
      events.push(arg);
      return;
    }
  }
  // The same answer type appears in several overloads; list it once.
  if (!json.some((t) => t.getText() === type.getText())) json.push(type);
}

/** The fields of a body that has several overloads: a field is required only if every one requires it. */
function mergeOverloads(bodies: Map<string, FieldFacts>[]): Map<string, FieldFacts> {
  const out = mergeTypes(bodies);
  for (const [path, facts] of out) {
    facts.required = bodies.every((b) => b.get(path)?.required === true);
  }
  return out;
}

function mergeTypes(maps: Map<string, FieldFacts>[]): Map<string, FieldFacts> {
  const out = new Map<string, FieldFacts>();
  for (const m of maps) for (const [path, facts] of m) addFacts(out, path, facts);
  return out;
}

const RETIRED_WORDS =
  /\b(deprecated|retired|shut down|discontinued|no longer (?:available|supported|served))\b/i;

/**
 * The models a doc comment states are retired: each sentence (or list item) that says "retired",
 * "shut down", "deprecated" or the like, and names a model the file lists, in quotes or backticks.
 */
function retirements(file: ts.SourceFile, models: string[]): Map<string, ModelRetirement> {
  const known = new Set(models);
  const out = new Map<string, ModelRetirement>();
  const seen = new Set<number>();
  const visit = (node: ts.Node) => {
    for (const doc of ts.getJSDocCommentsAndTags(node)) {
      if (seen.has(doc.pos)) continue;
      seen.add(doc.pos);
      for (const sentence of sentences(doc.getText(file))) {
        if (!RETIRED_WORDS.test(sentence)) continue;
        for (const m of sentence.matchAll(/[`"']([^`"'\s]+)[`"']/g)) {
          const model = m[1] as string;
          if (!known.has(model) || out.has(model)) continue;
          out.set(model, { date: isoDate(sentence), text: sentence });
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return out;
}

/** A doc comment's sentences and list items, each on one line. */
function sentences(comment: string): string[] {
  const text = comment
    .replace(/^\/\*\*|\*\/$/g, "")
    .split("\n")
    .map((l) => l.replace(/^\s*\*\s?/, ""))
    .join("\n");
  return text
    .split(/\n\s*\n|\n\s*-\s+/)
    .map((block) => block.replace(/\s+/g, " ").replace(/^-\s+/, "").trim())
    .flatMap((block) => block.split(/(?<=\.)\s+(?=[A-Z`"'])/))
    .filter((s) => s.length > 0);
}

function isDeprecated(node: ts.Node): boolean {
  return ts.getJSDocTags(node).some((t) => t.tagName.text === "deprecated");
}

function propertyName(m: ts.PropertySignature, file: ts.SourceFile): string {
  return ts.isIdentifier(m.name) || ts.isStringLiteral(m.name) ? m.name.text : m.name.getText(file);
}

function entityName(name: ts.EntityName): string {
  return ts.isIdentifier(name) ? name.text : `${entityName(name.left)}.${name.right.text}`;
}

function baseName(path: string): string {
  return (path.split("/").pop() as string).replace(/\.d\.[cm]?ts$|\.[cm]?[jt]s$/, "");
}

function join(prefix: string, name: string): string {
  return prefix ? `${prefix}.${name}` : name;
}

/**
 * The runtime's type declarations a standalone module's `.d.ts` needs, so
 * that it type-checks with no `rubric/runtime` installed: the declarations
 * of the requested names and of every type they mention, taken from the
 * runtime's own declaration files (dist/runtime/*.d.ts, or emitted in memory
 * from src/runtime when run from source). Derived, not copied by hand, so a
 * change to the runtime's types reaches standalone modules by itself.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { RUNTIME_DIR } from "./standalone-runtime.js";

interface Decl {
  readonly file: string;
  readonly node: ts.Statement;
  readonly sf: ts.SourceFile;
}

/** Where a name a file uses comes from: one of its own declarations, another runtime file, or a package. */
type Origin =
  | { readonly k: "local"; readonly decl: Decl }
  | { readonly k: "file"; readonly file: string; readonly name: string }
  | { readonly k: "package"; readonly from: string; readonly name: string };

let emitted: ReadonlyMap<string, string> | undefined;

/** The runtime's declaration files, by base name (`report.d.ts`); emitted once per process when run from source. */
function declarationFiles(): ReadonlyMap<string, string> {
  if (emitted) return emitted;
  const files = new Map<string, string>();
  if (existsSync(join(RUNTIME_DIR, "index.d.ts"))) {
    return {
      get: (name: string) => {
        const path = join(RUNTIME_DIR, name);
        return existsSync(path) ? readFileSync(path, "utf8") : undefined;
      },
    } as ReadonlyMap<string, string>;
  }
  const program = ts.createProgram([join(RUNTIME_DIR, "index.ts")], {
    declaration: true,
    emitDeclarationOnly: true,
    strict: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    rootDir: RUNTIME_DIR,
    outDir: "/standalone-dts",
    types: [],
  });
  program.emit(undefined, (name, text) => {
    files.set(name.slice(name.lastIndexOf("/") + 1), text);
  });
  emitted = files;
  return files;
}

const hasExport = (s: ts.Statement): boolean =>
  ts.canHaveModifiers(s) && (ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false);

function declaredNames(s: ts.Statement): string[] {
  if (ts.isVariableStatement(s))
    return s.declarationList.declarations.flatMap((d) => (ts.isIdentifier(d.name) ? [d.name.text] : []));
  const name = (s as { name?: ts.Node }).name;
  return name && ts.isIdentifier(name) ? [name.text] : [];
}

/** The top-level names a declaration file declares. */
export function topLevelNames(text: string): Set<string> {
  const sf = ts.createSourceFile("m.d.ts", text, ts.ScriptTarget.ES2022, true);
  return new Set(sf.statements.flatMap(declaredNames));
}

class RuntimeTypes {
  private readonly texts = declarationFiles();
  private readonly files = new Map<
    string,
    { sf: ts.SourceFile; scope: Map<string, Origin>; exports: ts.Statement[] }
  >();

  private file(name: string): { sf: ts.SourceFile; scope: Map<string, Origin>; exports: ts.Statement[] } {
    const known = this.files.get(name);
    if (known) return known;
    const text = this.texts.get(name);
    if (text === undefined) throw new Error(`no declarations for runtime/${name}`);
    const sf = ts.createSourceFile(name, text, ts.ScriptTarget.ES2022, true);
    const scope = new Map<string, Origin>();
    const exports: ts.Statement[] = [];
    for (const s of sf.statements) {
      if (ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier)) {
        const from = s.moduleSpecifier.text;
        const bindings = s.importClause?.namedBindings;
        if (!bindings || !ts.isNamedImports(bindings)) continue;
        for (const e of bindings.elements) {
          const orig = (e.propertyName ?? e.name).text;
          scope.set(
            e.name.text,
            from.startsWith(".") ? { k: "file", file: dtsName(from), name: orig } : { k: "package", from, name: orig },
          );
        }
      } else if (ts.isExportDeclaration(s)) {
        exports.push(s);
      } else {
        for (const n of declaredNames(s)) scope.set(n, { k: "local", decl: { file: name, node: s, sf } });
      }
    }
    const entry = { sf, scope, exports };
    this.files.set(name, entry);
    return entry;
  }

  /** The declaration an exported name of `file` stands for (following re-exports). */
  exported(file: string, name: string): Origin {
    const f = this.file(file);
    const own = f.scope.get(name);
    if (own?.k === "local" && hasExport(own.decl.node)) return own;
    for (const s of f.exports as ts.ExportDeclaration[]) {
      const from = s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier) ? s.moduleSpecifier.text : undefined;
      if (!s.exportClause && from) {
        try {
          return this.exported(dtsName(from), name);
        } catch {
          continue;
        }
      }
      if (!s.exportClause || !ts.isNamedExports(s.exportClause)) continue;
      for (const e of s.exportClause.elements) {
        if (e.name.text !== name) continue;
        const orig = (e.propertyName ?? e.name).text;
        if (from) return this.exported(dtsName(from), orig);
        const o = f.scope.get(orig);
        if (o) return o.k === "file" ? this.exported(o.file, o.name) : o;
      }
    }
    throw new Error(`runtime/${file} exports no ${name}`);
  }

  /** Resolves a name as `file` sees it. */
  resolve(file: string, name: string): Origin | undefined {
    const o = this.file(file).scope.get(name);
    return o?.k === "file" ? this.exported(o.file, o.name) : o;
  }
}

function dtsName(specifier: string): string {
  return `${specifier.replace(/^\.\//, "").replace(/\.js$/, "")}.d.ts`;
}

/**
 * Declarations (text) for `names` and everything they mention, none named
 * like one of `taken` (a clash is renamed `Runtime<name>`), followed by
 * `export type { … }` / `export { … }` of the requested names.
 */
export function runtimeDeclarations(
  names: readonly string[],
  values: readonly string[],
  taken: ReadonlySet<string>,
): string {
  const rt = new RuntimeTypes();
  const chosen = new Map<Decl["node"], { decl: Decl; as: string }>();
  const packageImports = new Map<string, Map<string, string>>();
  const used = new Set<string>(taken);
  const order: Decl[] = [];
  const fresh = (name: string): string => {
    let as = name;
    for (let i = 1; used.has(as); i++) as = `Runtime${name}${i > 1 ? i : ""}`;
    used.add(as);
    return as;
  };
  const nameOf = (o: Origin, wanted?: string): string => {
    if (o.k === "package") {
      const m = packageImports.get(o.from) ?? new Map<string, string>();
      packageImports.set(o.from, m);
      const known = m.get(o.name);
      if (known) return known;
      const as = fresh(o.name);
      m.set(o.name, as);
      return as;
    }
    if (o.k !== "local") throw new Error("unresolved runtime name");
    const known = chosen.get(o.decl.node);
    if (known) return known.as;
    const as = wanted ?? fresh(declaredNames(o.decl.node)[0] ?? "T");
    chosen.set(o.decl.node, { decl: o.decl, as });
    order.push(o.decl);
    return as;
  };
  for (const n of names) {
    if (taken.has(n)) throw new Error(`the module already declares ${n}`);
    used.add(n);
    nameOf(rt.exported("index.d.ts", n), n);
  }
  const texts: string[] = [];
  for (let i = 0; i < order.length; i++) {
    const decl = order[i] as Decl;
    const { sf, node } = decl;
    const edits: { start: number; end: number; text: string }[] = [];
    const visit = (n: ts.Node): void => {
      let id: ts.Identifier | undefined;
      if (ts.isImportTypeNode(n)) {
        const arg = n.argument;
        const from = ts.isLiteralTypeNode(arg) && ts.isStringLiteral(arg.literal) ? arg.literal.text : undefined;
        const q = n.qualifier;
        if (!from || !q || !ts.isIdentifier(q)) throw new Error(`unsupported import type in runtime/${decl.file}`);
        const target = from.startsWith(".")
          ? rt.exported(dtsName(from), q.text)
          : ({ k: "package", from, name: q.text } as const);
        if (n.typeArguments) throw new Error(`unsupported generic import type in runtime/${decl.file}`);
        edits.push({ start: n.getStart(sf), end: n.end, text: nameOf(target) });
        return;
      }
      if (ts.isTypeReferenceNode(n)) id = leftmost(n.typeName);
      else if (ts.isExpressionWithTypeArguments(n) && ts.isIdentifier(n.expression)) id = n.expression;
      else if (ts.isTypeQueryNode(n)) id = leftmost(n.exprName);
      if (id) {
        const o = rt.resolve(decl.file, id.text);
        if (o) {
          const as = nameOf(o);
          if (as !== id.text) edits.push({ start: id.getStart(sf), end: id.end, text: as });
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(node);
    // The declaration's own name, when it had to be renamed.
    const own = chosen.get(node)?.as;
    const ownId = (node as { name?: ts.Node }).name;
    if (own && ownId && ts.isIdentifier(ownId) && own !== ownId.text)
      edits.push({ start: ownId.getStart(sf), end: ownId.end, text: own });
    // Not exported from the module (the final `export` lists what is); classes and consts stay `declare`.
    const exportKeyword = ts.canHaveModifiers(node)
      ? ts.getModifiers(node)?.find((m) => m.kind === ts.SyntaxKind.ExportKeyword)
      : undefined;
    if (exportKeyword) {
      let end = exportKeyword.end;
      while (/\s/.test(sf.text[end] ?? "")) end++;
      edits.push({ start: exportKeyword.getStart(sf), end, text: "" });
    }
    edits.sort((a, b) => a.start - b.start);
    // A file's header comment sits before its first statement: it is not that statement's documentation.
    const comments = ts.getLeadingCommentRanges(sf.text, node.getFullStart()) ?? [];
    const last = comments[comments.length - 1];
    const start =
      node === sf.statements[0] ? (comments.length > 1 && last ? last.pos : node.getStart(sf)) : node.getFullStart();
    let text = "";
    let at = start;
    for (const e of edits) {
      text += sf.text.slice(at, e.start) + e.text;
      at = e.end;
    }
    text += sf.text.slice(at, node.end);
    texts.push(text.trim());
  }
  const imports = [...packageImports].map(
    ([from, m]) =>
      `import type { ${[...m].map(([n, as]) => (n === as ? n : `${n} as ${as}`)).join(", ")} } from ${JSON.stringify(from)};`,
  );
  const typeNames = names.filter((n) => !values.includes(n));
  const valueNames = names.filter((n) => values.includes(n));
  return [
    ...imports,
    ...texts,
    ...(typeNames.length > 0 ? [`export type { ${typeNames.join(", ")} };`] : []),
    ...(valueNames.length > 0 ? [`export { ${valueNames.join(", ")} };`] : []),
  ].join("\n");
}

function leftmost(n: ts.EntityName): ts.Identifier {
  return ts.isIdentifier(n) ? n : leftmost(n.left);
}

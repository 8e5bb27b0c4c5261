/**
 * The runtime a standalone module inlines: the names its generated code
 * imports from `rubric/runtime`, bundled by esbuild from this package's own
 * runtime (src/runtime when run from source, dist/runtime when installed)
 * into one function declaration, `function <name>(<imports>) { …; return { … }; }`.
 * A function, not top-level code, so that the rubric's code can come first in
 * the file (a function declaration is hoisted) and no runtime name can clash
 * with the rubric's. decimal.js stays an import: it is the one dependency.
 */
import { existsSync } from "node:fs";
import { dirname, join, sep } from "node:path";
import { packageRoot } from "../util/package-root.js";
import { build } from "esbuild";
import ts from "typescript";

/** Packages the standalone module imports instead of inlining. */
export const STANDALONE_EXTERNALS = ["decimal.js"] as const;

/** This package's runtime folder, in the same tree as the running compiler (src/ or dist/, also from the CLI bundle). */
const here = packageRoot(import.meta.url);
export const RUNTIME_DIR = join(here.root, here.tree, "runtime") + sep;

export interface RuntimeFunction {
  /** `function name(p0, …) { … }`, the bundled runtime. */
  readonly text: string;
  /** The packages to import, in the order of the function's parameters. */
  readonly imports: readonly string[];
}

function runtimeEntry(): string {
  const js = join(RUNTIME_DIR, "index.js");
  return existsSync(js) ? js : join(RUNTIME_DIR, "index.ts");
}

/**
 * Bundles the runtime exports `names` into a function `fnName` whose
 * parameters are the namespaces of `imports` (see RuntimeFunction).
 * Deterministic: the same runtime gives the same text.
 */
export function runtimeFunction(names: readonly string[], fnName: string): Promise<RuntimeFunction> {
  // One bundle per set of names: a directory of rubrics needs it once.
  const key = `${fnName}(${names.join(",")})`;
  let made = bundles.get(key);
  if (!made) {
    made = bundle(names, fnName);
    made.catch(() => bundles.delete(key));
    bundles.set(key, made);
  }
  return made;
}

const bundles = new Map<string, Promise<RuntimeFunction>>();

async function bundle(names: readonly string[], fnName: string): Promise<RuntimeFunction> {
  const entry = runtimeEntry();
  const result = await build({
    stdin: {
      contents: `export { ${names.join(", ")} } from ${JSON.stringify(`./${entry.slice(RUNTIME_DIR.length)}`)};\n`,
      resolveDir: RUNTIME_DIR,
      loader: "js",
      sourcefile: "standalone-runtime.js",
    },
    bundle: true,
    write: false,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    external: [...STANDALONE_EXTERNALS],
    charset: "utf8",
    legalComments: "none",
    // Paths in esbuild's `// dist/runtime/x.js` comments are relative to the package, never the machine's.
    absWorkingDir: dirname(dirname(RUNTIME_DIR.replace(/[\\/]$/, ""))),
    logLevel: "silent",
  });
  const out = result.outputFiles[0]?.text;
  if (out === undefined) throw new Error("esbuild produced no runtime bundle");
  return wrap(out, fnName);
}

/** esbuild's ESM output → the function: imports become parameters, the final `export { … }` a `return`. */
function wrap(code: string, fnName: string): RuntimeFunction {
  const sf = ts.createSourceFile("runtime.js", code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  const imports: string[] = [];
  const prologue: string[] = [];
  let returned: string | undefined;
  const cuts: [number, number][] = [];
  for (const s of sf.statements) {
    if (ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier)) {
      const from = s.moduleSpecifier.text;
      if (!(STANDALONE_EXTERNALS as readonly string[]).includes(from))
        throw new Error(`the runtime bundle imports ${from}`);
      let i = imports.indexOf(from);
      if (i < 0) i = imports.push(from) - 1;
      const param = `__import${i}`;
      const clause = s.importClause;
      if (clause?.name) prologue.push(`const ${clause.name.text} = ${param}.default;`);
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) prologue.push(`const ${bindings.name.text} = ${param};`);
      if (bindings && ts.isNamedImports(bindings)) {
        const parts = bindings.elements.map((e) =>
          e.propertyName ? `${e.propertyName.text}: ${e.name.text}` : e.name.text,
        );
        prologue.push(`const { ${parts.join(", ")} } = ${param};`);
      }
      cuts.push([s.getStart(sf), s.end]);
    } else if (ts.isExportDeclaration(s) && !s.moduleSpecifier && s.exportClause && ts.isNamedExports(s.exportClause)) {
      if (returned !== undefined) throw new Error("the runtime bundle has two export statements");
      const parts = s.exportClause.elements.map((e) =>
        e.propertyName ? `${e.name.text}: ${e.propertyName.text}` : e.name.text,
      );
      returned = `return { ${parts.join(", ")} };`;
      cuts.push([s.getStart(sf), s.end]);
    } else if (ts.canHaveModifiers(s) && ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
      throw new Error("the runtime bundle exports outside its final export statement");
    }
  }
  if (returned === undefined) throw new Error("the runtime bundle exports nothing");
  let body = "";
  let at = 0;
  for (const [start, end] of cuts) {
    body += code.slice(at, start);
    at = end;
  }
  body += code.slice(at);
  const params = imports.map((_, i) => `__import${i}`).join(", ");
  const text = [`function ${fnName}(${params}) {`, ...prologue, body.trim(), returned, "}"].join("\n");
  return { text: `${text}\n`, imports };
}

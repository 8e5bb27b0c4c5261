/**
 * `rubric compile --standalone`: a compiled module that needs no `rubric`
 * package. The JavaScript is the rubric's generated code as `rubric compile`
 * writes it (comments and all), whose one import of `rubric/runtime` becomes
 * a call of the runtime inlined at the end of the file (see
 * standalone-runtime.ts); the `.d.ts` is the module's own with the runtime's
 * types it mentions declared in it. The only import left is decimal.js.
 * Deterministic: same rubric and same compiler, same bytes.
 */
import { packageRoot } from "../util/package-root.js";
import ts from "typescript";
import type { CheckedRubric } from "../program.js";
import { compileRubric } from "./compile.js";
import { runtimeFunction } from "./standalone-runtime.js";
import { runtimeDeclarations, topLevelNames } from "./standalone-types.js";

export interface Standalone {
  readonly js: string;
  readonly dts: string;
  readonly schema: string;
}

/** The runtime's specifier in the generated code, replaced here; not a real package name. */
const SPECIFIER = "rubric/runtime";
const RUNTIME_FN = "__rubricRuntime";
const IMPORT_NS = "__rubricImport";
/** Exported by every standalone module besides the rubric's own exports: there is no `rubric/runtime` to import it from. */
const ALSO_EXPORTED = ["ScoreError"];

const rule = `// ${"─".repeat(100)}`;

function packageVersion(): string {
  return packageRoot(import.meta.url).version;
}

/** The one `import … from "rubric/runtime"` of a generated file: its names and its place. */
function runtimeImport(text: string, file: string): { names: string[]; start: number; end: number } {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const found = sf.statements.filter(ts.isImportDeclaration);
  const [imp] = found;
  if (found.length !== 1 || !imp || !ts.isStringLiteral(imp.moduleSpecifier) || imp.moduleSpecifier.text !== SPECIFIER)
    throw new Error(`${file}: expected one import, of ${SPECIFIER}`);
  const bindings = imp.importClause?.namedBindings;
  if (!bindings || !ts.isNamedImports(bindings) || imp.importClause?.name)
    throw new Error(`${file}: expected named imports of ${SPECIFIER}`);
  const names = bindings.elements.map((e) => {
    if (e.propertyName) throw new Error(`${file}: renamed import of ${SPECIFIER}`);
    return e.name.text;
  });
  return { names, start: imp.getStart(sf), end: imp.end };
}

export async function compileStandalone(
  rubric: CheckedRubric,
  options: { readonly sourceFile?: string } = {},
): Promise<Standalone> {
  const compiled = await compileRubric(rubric, { ...options, runtime: SPECIFIER });
  const version = packageVersion();

  const js = runtimeImport(compiled.js, "module.js");
  const values = [...js.names, ...ALSO_EXPORTED.filter((n) => !js.names.includes(n))];
  const jsNames = topLevelNames(compiled.js);
  for (const n of [RUNTIME_FN, ...ALSO_EXPORTED.filter((x) => !js.names.includes(x))])
    if (jsNames.has(n)) throw new Error(`the generated module already declares ${n}`);
  const fn = await runtimeFunction(values, RUNTIME_FN);
  const params = fn.imports.map((_, i) => `${IMPORT_NS}${i}`);
  const head = [
    ...fn.imports.map((from, i) => `import * as ${params[i] as string} from ${JSON.stringify(from)};`),
    `// Standalone (\`rubric compile --standalone\`): the runtime this code uses is inlined at the end of the file,`,
    `// in ${RUNTIME_FN} (rubric ${version}); ${fn.imports.length > 0 ? `it imports only ${fn.imports.join(", ")}` : "it imports nothing"}.`,
    `const { ${values.join(", ")} } = ${RUNTIME_FN}(${params.join(", ")});`,
  ].join("\n");
  const rubricCode = compiled.js.slice(0, js.start) + head + compiled.js.slice(js.end);
  const jsText = [
    rubricCode.trimEnd(),
    `export { ${ALSO_EXPORTED.join(", ")} };`,
    "",
    rule,
    `// The runtime of rubric ${version} (its src/runtime), bundled by esbuild: not the rubric's code. Do not edit.`,
    rule,
    fn.text,
  ].join("\n");

  const dts = runtimeImport(compiled.dts, "module.d.ts");
  const dtsBody = compiled.dts.slice(0, dts.start) + compiled.dts.slice(dts.end).replace(/^\n/, "");
  const declared = runtimeDeclarations(
    [...dts.names, ...ALSO_EXPORTED.filter((n) => !dts.names.includes(n))],
    ALSO_EXPORTED,
    topLevelNames(dtsBody),
  );
  const dtsText = [
    dtsBody.trimEnd(),
    "",
    rule,
    `// Types of the inlined runtime (rubric ${version}).`,
    rule,
    declared,
    "",
  ].join("\n");
  return { js: jsText, dts: dtsText, schema: compiled.schema };
}

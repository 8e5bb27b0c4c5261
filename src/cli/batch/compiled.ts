/**
 * The compiled scorer of a rubric for `rubric score`, without TypeScript:
 * the generated module's types are stripped by esbuild (a few milliseconds,
 * against the half second it takes just to load the TypeScript compiler),
 * and the JavaScript text is what worker threads instantiate (instantiate.ts)
 * without compiling it again.
 */
import { transformSync } from "esbuild";
import type { CheckedRubric } from "../../compiler/program.js";
import { emitModule } from "../../compiler/codegen/emit-module.js";

/** The embedded module (`function __module(__runtime) { … }`) as plain JavaScript. */
export function compiledScorerJs(rubric: CheckedRubric): string {
  const source = emitModule(rubric, { embedded: true });
  return transformSync(source, { loader: "ts", target: "es2022" }).code;
}

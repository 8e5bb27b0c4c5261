/**
 * (a) The compiled scorer: the rubric compiled by `compileRubric` to a plain
 * JavaScript module (.mjs) in a temp directory, importing the BUILT runtime
 * (dist/runtime/index.js by absolute file URL) — what a user of
 * `rubric compile` runs, with no TypeScript toolchain in the loop.
 */
import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { compileRubric } from "../../src/compiler/codegen/compile.js";
import type { CheckedRubric } from "../../src/compiler/program.js";
import type { Report } from "../../src/runtime/report.js";
import type { ScoreInput } from "../../src/runtime/scorer.js";

export interface CompiledModule {
  score(input: ScoreInput, options?: { readonly explain?: boolean }): Report;
  /** Where the module was written. */
  readonly file: string;
}

const runtimeFile = fileURLToPath(new URL("../../dist/runtime/index.js", import.meta.url));
const runtimeSrc = fileURLToPath(new URL("../../src/runtime/", import.meta.url));

function newestMtime(dir: string): number {
  return Math.max(...readdirSync(dir).map((f) => statSync(join(dir, f)).mtimeMs));
}

/** Throws a clear message when dist/ is missing; warns when it is older than src/runtime. */
export function checkBuiltRuntime(): string | undefined {
  if (!existsSync(runtimeFile)) {
    throw new Error(`dist/runtime/index.js is missing: run \`npm run build\` first (\`npm run bench\` does).`);
  }
  if (statSync(runtimeFile).mtimeMs < newestMtime(runtimeSrc)) {
    return "warning: dist/runtime is older than src/runtime — run `npm run build` (the compiled scorer runs the built runtime)";
  }
  return undefined;
}

export async function loadCompiled(rubric: CheckedRubric): Promise<CompiledModule> {
  checkBuiltRuntime();
  const out = await compileRubric(rubric, { runtime: pathToFileURL(runtimeFile).href });
  const dir = mkdtempSync(join(tmpdir(), "rubric-bench-"));
  const file = join(dir, "yantian-qwb-2023.mjs");
  writeFileSync(file, out.js);
  const mod = (await import(pathToFileURL(file).href)) as Omit<CompiledModule, "file">;
  return { score: mod.score, file };
}

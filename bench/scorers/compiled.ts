/**
 * (a1)–(a3) The compiled scorer's three entry points: the rubric compiled by `compileRubric` to a plain
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
import type { RubricMeta, ScoreInput } from "../../src/runtime/scorer.js";
import type { Totals } from "../../src/runtime/fast-score.js";
import { scaledText } from "../../src/runtime/fast-input.js";
import { resolveNodePath } from "../../src/runtime/judgements.js";
import { isNum, placesOf, scalarOf } from "../../src/compiler/codegen/emit-fast-module.js";

/** What `scoreValues` takes: typed values (numbers as scaled integers), judgements by index in `meta.judged`. */
export interface ValuesInput {
  readonly values: { readonly [input: string]: unknown };
  readonly judged?: readonly (number | string | undefined)[];
  readonly reasons?: readonly (string | undefined)[];
  readonly judgeRestFull?: boolean;
}

export interface CompiledModule {
  score(input: ScoreInput, options?: { readonly explain?: boolean }): Report;
  scoreTotals(input: ScoreInput): Totals;
  scoreValues(input: ValuesInput): Totals;
  /** Records the specialised code scored, and records it handed to the generic path (the built runtime's counters). */
  readonly stats: { readonly fast: number; readonly generic: number };
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
  const mod = (await import(pathToFileURL(file).href)) as Omit<CompiledModule, "file" | "stats">;
  const rt = (await import(pathToFileURL(runtimeFile).href)) as { fx: { stats: CompiledModule["stats"] } };
  return { score: mod.score, scoreTotals: mod.scoreTotals, scoreValues: mod.scoreValues, stats: rt.fx.stats, file };
}

/**
 * A bench record as a caller with typed data would hold it: every number a scaled integer at its
 * input's scale (what `rubric compile` documents in the module's `Values` type), judgements by index.
 * Done once, outside the timed runs.
 */
export function typedRecord(meta: RubricMeta, input: ScoreInput): ValuesInput {
  const values: Record<string, unknown> = {};
  for (const spec of meta.inputs) {
    const raw = input.values[spec.name];
    if (raw === undefined) continue;
    const s = scalarOf(spec.type);
    const one = (x: unknown): unknown =>
      isNum(s) ? (scaledText(x, placesOf(s), s.kind === "ratio" || s.kind === "number") ?? x) : x;
    values[spec.name] = Array.isArray(raw) ? raw.map(one) : one(raw);
  }
  const judged: (number | string | undefined)[] = [];
  const reasons: (string | undefined)[] = [];
  for (const [path, j] of Object.entries(input.judgements ?? {})) {
    const r = resolveNodePath(meta, path);
    const k = r.kind === "found" ? meta.judged.findIndex((x) => x.path === r.node.path) : -1;
    if (k < 0) throw new Error(`bench record: ${path} is not judged`);
    judged[k] = scaledText(j.value, 4, false) ?? j.value;
    reasons[k] = j.reason;
  }
  return {
    values,
    judged,
    reasons,
    ...(input.judgeRestFull !== undefined ? { judgeRestFull: input.judgeRestFull } : {}),
  };
}

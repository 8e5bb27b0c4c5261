/**
 * A compiled scorer in-process: the rubric's generated code, transpiled and
 * instantiated against this package's runtime, without writing files. Used
 * by `rubric score` (several times faster than the reference evaluator, the
 * same numbers — see the differential tests).
 */
import ts from "typescript";
import * as runtime from "../../runtime/index.js";
import type { Report } from "../../runtime/report.js";
import type { Totals } from "../../runtime/fast-score.js";
import type { RubricMeta, ScoreInput, ScoreOptions, Scorer, InputError } from "../../runtime/scorer.js";
import type { PeerStats } from "../../runtime/peers.js";
import type { CheckedRubric } from "../program.js";
import { emitModule } from "./emit-module.js";

interface Instance {
  readonly meta: RubricMeta;
  validate(input: ScoreInput): InputError[];
  score(input: ScoreInput, options?: ScoreOptions): Report;
  scoreTotals(input: ScoreInput, options?: { readonly peers?: PeerStats }): Totals;
  scoreValues(input: ValuesInput, options?: { readonly peers?: PeerStats }): Totals;
  peerRow?(input: ScoreInput): readonly (runtime.Exact | undefined)[];
  peerStats?(inputs: Iterable<ScoreInput>): PeerStats;
}

/** `scoreValues` input: typed values by input name (scaled integers or plain decimal text), judgements by index in `meta.judged`. */
export interface ValuesInput {
  readonly values: { readonly [input: string]: unknown };
  readonly judged?: readonly (number | string | undefined | null)[];
  readonly reasons?: readonly (string | undefined)[];
  readonly judgeRestFull?: boolean;
}

/** A compiled scorer: the `Scorer` interface plus the totals-only entry points. */
export interface CompiledScorer extends Scorer {
  /** Total, grade and indicator scores only; the same errors as `score`. */
  scoreTotals(input: ScoreInput, options?: { readonly peers?: PeerStats }): Totals;
  /** `scoreTotals` for already-typed values. */
  scoreValues(input: ValuesInput, options?: { readonly peers?: PeerStats }): Totals;
  /** Issue 11, kind 7 (a rubric that reads peer statistics): the statistics of a set of departments. */
  peerStats?(inputs: Iterable<ScoreInput>): PeerStats;
}

export function createCompiledScorer(rubric: CheckedRubric): CompiledScorer {
  const source = emitModule(rubric, { embedded: true });
  const js = ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.None },
  }).outputText;
  // The generated text escapes all rubric text (see codegen/text.ts), so evaluating it runs only our code.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval, @typescript-eslint/no-unsafe-call -- see above
  const factory = new Function(`${js}\nreturn __module;`)() as (rt: typeof runtime) => Instance;
  const m = factory(runtime);
  return {
    meta: m.meta,
    validate: (input) => m.validate(input),
    score: (input, options) => m.score(input, options),
    scoreTotals: (input, options) => m.scoreTotals(input, options),
    scoreValues: (input, options) => m.scoreValues(input, options),
    ...(m.peerRow ? { peerRow: m.peerRow.bind(m) } : {}),
    ...(m.peerStats ? { peerStats: m.peerStats.bind(m) } : {}),
  };
}

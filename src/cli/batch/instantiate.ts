/**
 * A compiled scorer from its JavaScript text, and the one call batch scoring
 * makes on it. Imports only the runtime, so that worker threads load no
 * compiler (whose parser takes seconds to build).
 */
import * as runtime from "../../runtime/index.js";
import type { Report } from "../../runtime/report.js";
import type { InputError, RubricMeta, ScoreInput, Scorer } from "../../runtime/scorer.js";

interface Instance {
  readonly meta: RubricMeta;
  validate(input: ScoreInput): InputError[];
  score(input: ScoreInput, options?: { readonly explain?: boolean }): Report;
}

/** A scorer from `compiledScorerJs`'s text (compiled.ts); the same text gives the same scorer in any thread. */
export function instantiateScorer(js: string): Scorer {
  // The generated text escapes all rubric text (see codegen/text.ts), so evaluating it runs only our code.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval, @typescript-eslint/no-unsafe-call -- see above
  const factory = new Function(`${js}\nreturn __module;`)() as (rt: typeof runtime) => Instance;
  const m = factory(runtime);
  return {
    meta: m.meta,
    validate: (input) => m.validate(input),
    score: (input, options) => m.score(input, options),
  };
}

/**
 * Scores one row. Without `explain` no trace is built (the totals path);
 * the single place to switch to the generated module's `scoreTotals`.
 */
export function scoreRow(scorer: Scorer, input: ScoreInput, explain: boolean): Report {
  return scorer.score(input, { explain });
}

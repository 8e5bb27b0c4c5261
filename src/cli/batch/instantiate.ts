/**
 * A compiled scorer from its JavaScript text, and the one call batch scoring
 * makes on it. Imports only the runtime, so that worker threads load no
 * compiler (whose parser takes seconds to build).
 */
import * as runtime from "../../runtime/index.js";
import type { NodeReport, Report } from "../../runtime/report.js";
import type { InputError, RubricMeta, ScoreInput, ScoreOptions, Scorer } from "../../runtime/scorer.js";
import type { Exact } from "../../runtime/exact.js";
import type { PeerStats } from "../../runtime/peers.js";
import type { Totals } from "../../runtime/index.js";

interface Instance {
  readonly meta: RubricMeta;
  validate(input: ScoreInput): InputError[];
  score(input: ScoreInput, options?: ScoreOptions): Report;
  scoreTotals?(input: ScoreInput, options?: { readonly peers?: PeerStats }): Totals;
  peerRow?(input: ScoreInput): readonly (Exact | undefined)[];
}

/** A compiled scorer: also the totals path (total, grade, indicator scores; no report tree). */
type TotalsScorer = Scorer & {
  readonly scoreTotals?: (input: ScoreInput, options?: { readonly peers?: PeerStats }) => Totals;
};

/** A scorer from `compiledScorerJs`'s text (compiled.ts); the same text gives the same scorer in any thread. */
export function instantiateScorer(js: string): Scorer {
  // The generated text escapes all rubric text (see codegen/text.ts), so evaluating it runs only our code.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval, @typescript-eslint/no-unsafe-call -- see above
  const factory = new Function(`${js}\nreturn __module;`)() as (rt: typeof runtime) => Instance;
  const m = factory(runtime);
  const scorer: TotalsScorer = {
    meta: m.meta,
    validate: (input) => m.validate(input),
    score: (input, options) => m.score(input, options),
    ...(m.scoreTotals
      ? {
          scoreTotals: (input: ScoreInput, options?: { readonly peers?: PeerStats }) =>
            (m.scoreTotals as Instance["scoreTotals"] & {})(input, options),
        }
      : {}),
    ...(m.peerRow ? { peerRow: (input: ScoreInput) => (m.peerRow as Instance["peerRow"] & {})(input) } : {}),
  };
  return scorer;
}

/** Nothing to show: the totals' report has no clamps, traces or parts (only the formats without --explain read it). */
const NONE: readonly never[] = Object.freeze([]);

/** Path and name of each indicator, in `meta.indicators` order (the order of `Totals.scores`). */
const indicatorsOf = new WeakMap<RubricMeta, readonly { path: readonly string[]; name: string; points: string }[]>();

/**
 * The report the batch formats read when no trace and no full report is asked: total, grade and one
 * node per indicator with its score — what `score` gives for these, without the tree of groups and parts.
 */
function totalsReport(meta: RubricMeta, t: Totals): Report {
  let inds = indicatorsOf.get(meta);
  if (!inds) {
    inds = meta.indicators.map((i) => {
      const path = i.path.split(".");
      return { path, name: path[path.length - 1] ?? i.path, points: i.points };
    });
    indicatorsOf.set(meta, inds);
  }
  const tree: NodeReport[] = new Array<NodeReport>(inds.length);
  for (let i = 0; i < inds.length; i++) {
    const ind = inds[i] as (typeof inds)[number];
    const score = t.scores[i] ?? null;
    tree[i] = {
      kind: "indicator",
      path: ind.path,
      name: ind.name,
      points: ind.points,
      computed: score,
      score,
      clamps: NONE,
      trace: NONE,
      children: NONE,
    };
  }
  return runtime.fx.reportOf(meta, t, tree);
}

/**
 * Scores one row. Without `explain` (no --explain, no full-report format) the compiled module's
 * `scoreTotals`: no report tree, no trace, no decimal text but the scores'.
 */
export function scoreRow(scorer: Scorer, input: ScoreInput, explain: boolean, peers?: PeerStats): Report {
  const totals = (scorer as TotalsScorer).scoreTotals;
  if (!explain && totals) return totalsReport(scorer.meta, totals(input, peers ? { peers } : undefined));
  return scorer.score(input, peers ? { explain, peers } : { explain });
}

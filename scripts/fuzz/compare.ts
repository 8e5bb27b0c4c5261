/**
 * The reference evaluator against the compiled scorer on one department:
 * the whole report as JSON (every node's score, clamps and trace, the total,
 * the grade, key order included), or every error field by field.
 */
import { createReferenceScorer } from "../../src/compiler/evaluate/scorer.js";
import { createCompiledScorer } from "../../src/compiler/codegen/load.js";
import type { CheckedRubric } from "../../src/compiler/program.js";
import { ScoreError, type ScoreInput, type Scorer } from "../../src/runtime/scorer.js";
import { Rng, randomInput } from "../../test/support/random-input.js";

export type Outcome = { readonly scored: boolean; readonly json: string };

export function outcome(s: Scorer, input: ScoreInput): Outcome {
  try {
    return { scored: true, json: JSON.stringify(s.score(input, { explain: true })) };
  } catch (e) {
    if (e instanceof ScoreError) return { scored: false, json: JSON.stringify(e.errors) };
    // Anything else escaping a scorer is a crash, whichever scorer it is.
    return { scored: false, json: `CRASH ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}` };
  }
}

export interface Comparison {
  readonly cases: number;
  readonly scored: number;
  /** The first disagreement, if any. */
  readonly mismatch?: { readonly input: ScoreInput; readonly reference: string; readonly compiled: string };
  /** A scorer threw something other than a ScoreError. */
  readonly crash?: { readonly input: ScoreInput; readonly detail: string };
}

export function compareScorers(rubric: CheckedRubric, cases: number, seed: number): Comparison {
  const ref = createReferenceScorer(rubric);
  const mod = createCompiledScorer(rubric);
  const rng = new Rng(seed);
  let scored = 0;
  for (let k = 0; k < cases; k++) {
    const input = randomInput(ref.meta, rng, { restFull: 0.9 });
    const a = outcome(ref, input);
    const b = outcome(mod, input);
    const crash = [a, b].find((o) => o.json.startsWith("CRASH"));
    if (crash) return { cases: k + 1, scored, crash: { input, detail: crash.json } };
    if (a.json !== b.json) return { cases: k + 1, scored, mismatch: { input, reference: a.json, compiled: b.json } };
    if (a.scored) scored++;
  }
  return { cases, scored };
}

/** The first place two JSON texts differ, with some context: enough to read in a report. */
export function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const from = Math.max(0, i - 120);
  return `reference: …${a.slice(from, i + 120)}…\ncompiled:  …${b.slice(from, i + 120)}…`;
}

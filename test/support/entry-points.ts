/**
 * The three entry points of a compiled module side by side with the
 * reference evaluator: `score` (report), `scoreTotals`, and `scoreValues` on
 * the same department written as typed values (numbers as scaled integers
 * or plain decimal text, judgements by index).
 */
import { ScoreError, type RubricMeta, type ScoreInput } from "../../src/runtime/scorer.js";
import type { Report } from "../../src/runtime/report.js";
import type { PeerStats } from "../../src/runtime/peers.js";
import { totalsOf, type Totals } from "../../src/runtime/fast-score.js";
import { scaledText } from "../../src/runtime/fast-input.js";
import { resolveNodePath } from "../../src/runtime/judgements.js";
import { isNum, placesOf, scalarOf } from "../../src/compiler/codegen/emit-fast-module.js";
import type { Rng } from "./random-input.js";

export interface ValuesInput {
  readonly values: { readonly [input: string]: unknown };
  readonly judged?: readonly (number | string | undefined)[];
  readonly reasons?: readonly (string | undefined)[];
  readonly judgeRestFull?: boolean;
}

export interface CompiledEntryPoints {
  score(i: ScoreInput, o?: { explain?: boolean; peers?: PeerStats }): Report;
  scoreTotals(i: ScoreInput, o?: { peers?: PeerStats }): Totals;
  scoreValues(i: ValuesInput, o?: { peers?: PeerStats }): Totals;
  /** Issue 11, kind 7: only in a module whose rubric reads peer statistics. */
  peerStats?(inputs: Iterable<ScoreInput>): PeerStats;
}

/** The department as `scoreValues` takes it (about half the numbers as scaled integers); undefined if a judgement path is not a judged one. */
export function toValuesInput(meta: RubricMeta, input: ScoreInput, rng: Rng): ValuesInput | undefined {
  const values: Record<string, unknown> = {};
  for (const [k, raw] of Object.entries(input.values)) {
    const spec = meta.inputs.find((i) => i.name === k);
    const s = spec ? scalarOf(spec.type) : undefined;
    if (!spec || !s || !isNum(s) || s.kind === "date") {
      values[k] = raw;
      continue;
    }
    const one = (x: unknown): unknown => {
      if (rng.next() < 0.5) return x;
      return scaledText(x, placesOf(s), s.kind === "ratio" || s.kind === "number") ?? x;
    };
    values[k] = Array.isArray(raw) ? raw.map(one) : one(raw);
  }
  const judged: (number | string | undefined)[] = [];
  const reasons: (string | undefined)[] = [];
  for (const [path, j] of Object.entries(input.judgements ?? {})) {
    const r = resolveNodePath(meta, path);
    const k = r.kind === "found" ? meta.judged.findIndex((x) => x.path === r.node.path) : -1;
    if (k < 0) return undefined;
    judged[k] = rng.next() < 0.5 ? j.value : (scaledText(j.value, 4, false) ?? j.value);
    reasons[k] = j.reason;
  }
  return {
    values,
    judged,
    reasons,
    ...(input.judgeRestFull !== undefined ? { judgeRestFull: input.judgeRestFull } : {}),
  };
}

/** What an analyst sees of a failure: each error's kind, field and indicators (and message unless `loose`). */
export function errorsOf(e: unknown, loose = false): string[] {
  if (!(e instanceof ScoreError)) throw e;
  return e.errors
    .map(
      (x) =>
        `error ${x.kind} field=${x.field} indicators=${x.indicators.join(",")}${loose ? "" : ` zh=${x.message.zh} en=${x.message.en}`}`,
    )
    .sort();
}

export function totalsOutcome(f: () => Totals, loose = false): unknown {
  try {
    return f();
  } catch (e) {
    return errorsOf(e, loose);
  }
}

/** The totals the reference report implies, or its errors. */
export function referenceTotals(f: () => Report, loose = false): unknown {
  try {
    return totalsOf(f());
  } catch (e) {
    return errorsOf(e, loose);
  }
}

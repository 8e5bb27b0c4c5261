/**
 * Issue 11, rule kind 7: the first pass of the reference evaluator — each peer's values of the
 * rubric's peer subjects — and the statistics of a set of departments from them.
 */
import type { Exact } from "../../runtime/exact.js";
import { PeerCollector, type PeerStats } from "../../runtime/peers.js";
import type { CheckedRubric } from "../checked-rubric.js";
import { peerUse } from "../model/peers.js";
import type { LetDef } from "../model/types.js";
import { Evaluator } from "./expr.js";
import type { Value } from "./values.js";

/** A department's value of each peer subject, in the order of `peerUse(model).subjects`; undefined where it has none. */
export function peerValues(rubric: CheckedRubric, inputs: ReadonlyMap<string, Value>): (Exact | undefined)[] {
  const { model, analysis } = rubric;
  const use = peerUse(model);
  const ev = new Evaluator({
    model,
    inputs,
    lets: model.lets,
    letValues: new Map<LetDef, Value>(),
    judgements: new Map(),
    info: analysis.info,
    trace: [],
    file: model.file,
  });
  return use.subjects.map((s) => {
    const e = use.exprs.get(s.key);
    try {
      return e ? ev.num(e) : undefined;
    } catch {
      // A missing input, a zero divisor: this peer has no value and is left out of the subject's statistics.
      return undefined;
    }
  });
}

/** The statistics of a set of departments (each one's input values). */
export function peerStatsOf(rubric: CheckedRubric, rows: Iterable<ReadonlyMap<string, Value>>): PeerStats {
  const c = new PeerCollector(peerUse(rubric.model).subjects);
  for (const r of rows) c.add(peerValues(rubric, r));
  return c.stats();
}

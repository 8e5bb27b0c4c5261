/**
 * The range an input's bound over other inputs can take, so the range
 * analysis knows `到位资金 = 省级资金 + 市级资金` is ≥ 0 when both rows are.
 */
import { Exact } from "../../runtime/exact.js";
import type { BoundExpr } from "../../runtime/bound-expr.js";
import * as I from "./interval.js";

export function boundRange(e: BoundExpr, rangeOf: (input: string) => I.Range): I.Range {
  if ("n" in e) {
    const v = Exact.parse(e.n);
    return v ? I.point(v) : I.FULL;
  }
  if ("ref" in e) return rangeOf(e.ref);
  if ("neg" in e) return I.neg(boundRange(e.neg, rangeOf));
  const l = boundRange(e.l, rangeOf);
  const r = boundRange(e.r, rangeOf);
  return e.op === "+" ? I.add(l, r) : e.op === "-" ? I.sub(l, r) : e.op === "*" ? I.mul(l, r) : I.div(l, r);
}

/** What `x op bound` says about x, given the bound's range. */
export function rangeUnder(op: "=" | "<" | "<=" | ">" | ">=", bound: I.Range): I.Range {
  const open = (b: I.Bound | undefined): I.Bound | undefined =>
    b && (op === "<" || op === ">" ? { v: b.v, closed: false } : b);
  const lo = op === "=" || op === ">=" || op === ">" ? open(bound.lo) : undefined;
  const hi = op === "=" || op === "<=" || op === "<" ? open(bound.hi) : undefined;
  return { ...(lo ? { lo } : {}), ...(hi ? { hi } : {}) };
}

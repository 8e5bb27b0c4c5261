/**
 * Issue 11, rule kind 5: the range a record field's constant constraints give
 * it (`list of { 资金: money(万元) > 0 }`), so the checker knows every
 * `p.资金` is above 0. Bounds that are not constants are refused by
 * checks/record-fields.ts and ignored here.
 */
import { Exact } from "../../runtime/exact.js";
import type * as A from "../syntax/ast.js";
import { constValue } from "../model/constants.js";
import type { FieldBounds } from "../model/types.js";
import { rangeUnder } from "./bound-range.js";
import * as I from "./interval.js";

const WAN = Exact.int(10000);

/** A constant bound in internal units: a plain number on a 万元 field means 万元. */
export function fieldBound(e: A.Expr, moneyUnit: FieldBounds["moneyUnit"]): Exact | undefined {
  const v = constValue(e);
  if (!v) return undefined;
  return moneyUnit === "万元" && e.kind === "Number" && e.unit === undefined ? v.mul(WAN) : v;
}

export function fieldRange(b: FieldBounds, base: I.Range): I.Range {
  let r = base;
  for (const c of b.constraints) {
    if (c.kind === "in") {
      const lo = fieldBound(c.interval.lo, b.moneyUnit);
      const hi = fieldBound(c.interval.hi, b.moneyUnit);
      r = I.intersect(r, {
        ...(lo ? { lo: { v: lo, closed: c.interval.loClosed } } : {}),
        ...(hi ? { hi: { v: hi, closed: c.interval.hiClosed } } : {}),
      });
      continue;
    }
    const v = fieldBound(c.bound, b.moneyUnit);
    if (v) r = I.intersect(r, rangeUnder(c.op, I.point(v)));
  }
  return r;
}

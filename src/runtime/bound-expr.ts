/**
 * An input's bound written as arithmetic over other inputs (`<= 甲 + 乙`,
 * `= 甲 + 乙`), kept as plain data so compiled modules carry it in their
 * JSON metadata and the reference evaluator and the runtime check it alike.
 * Numbers are in internal units (money in 元, ratios as fractions).
 */
import { Exact } from "./exact.js";

export type BoundExpr =
  | { readonly n: string }
  | { readonly ref: string }
  | { readonly neg: BoundExpr }
  | { readonly op: "+" | "-" | "*" | "/"; readonly l: BoundExpr; readonly r: BoundExpr };

/**
 * The bound's value, or undefined when an input it reads is missing or not a
 * number (that input is reported where it is needed) or a divisor is 0.
 */
export function evalBound(e: BoundExpr, get: (name: string) => Exact | undefined): Exact | undefined {
  if ("n" in e) return Exact.parse(e.n);
  if ("ref" in e) return get(e.ref);
  if ("neg" in e) return evalBound(e.neg, get)?.neg();
  const l = evalBound(e.l, get);
  const r = evalBound(e.r, get);
  if (!l || !r) return undefined;
  if (e.op === "+") return l.add(r);
  if (e.op === "-") return l.sub(r);
  if (e.op === "*") return l.mul(r);
  return r.isZero() ? undefined : l.div(r);
}

export function boundHolds(x: Exact, op: "=" | ">=" | ">" | "<=" | "<", b: Exact): boolean {
  return op === "=" ? x.eq(b) : op === ">=" ? x.ge(b) : op === ">" ? x.gt(b) : op === "<=" ? x.le(b) : x.lt(b);
}

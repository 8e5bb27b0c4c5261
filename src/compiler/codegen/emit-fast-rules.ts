/**
 * The rule forms with a formula of their own, specialised: stepped and capped
 * deductions (step-rules.ts `stepDeduction`, `countDeduction`) and
 * achievement ratios (`achievement`), in the same order of checks; a case the
 * generic code reports as an error (a step ≤ 0, a negative value) bails.
 */
import { Exact } from "../../runtime/exact.js";
import type * as A from "../syntax/ast.js";
import { Unsupported, type RuleEmitter, type FastV, type NumV } from "./emit-fast-values.js";

export function deductAtMost(em: RuleEmitter, points: NumV, full: NumV, cap: NumV | undefined): FastV {
  // The deduction, at most `cap`; a deduction beyond the points leaves 0 (扣完为止).
  const d = cap ? em.pickNum([full, cap], "min") : full;
  const floored = em.compare(">", d, points);
  return em.choose([() => em.constant(Exact.ZERO), () => em.arith("-", points, d)], [floored, "true"]);
}

export function stepDeduct(em: RuleEmitter, e: A.DeductBeyondExpr): FastV {
  const points = em.constant(em.partPoints());
  const amount = em.num(e.amount);
  const step = em.num(e.step);
  const x = em.num(e.subject);
  const t = em.num(e.threshold);
  const cap = e.cap ? em.num(e.cap) : undefined;
  // A step ≤ 0 or a negative amount is an error the generic path reports.
  em.line(`if (${em.compare("<=", step, em.constant(Exact.ZERO))}) fx.bail();`);
  em.line(`if (${em.compare("<", amount, em.constant(Exact.ZERO))}) fx.bail();`);
  const over = em.arith("-", x, t);
  const raw: NumV =
    e.direction === "over"
      ? over
      : e.direction === "under"
        ? em.arith("-", t, x)
        : (em.choose(
            [() => em.negate(over), () => over],
            [em.compare("<", over, em.constant(Exact.ZERO)), "true"],
          ) as NumV);
  const beyond = em.compare(">", raw, em.constant(Exact.ZERO));
  return em.choose(
    [
      () => {
        const q = em.arith("/", raw, step);
        const mode = e.mode ?? "proportional";
        const n = mode === "proportional" ? q : em.roundTo(q, mode === "whole" ? "floor" : "ceil");
        return deductAtMost(em, points, em.arith("*", amount, n), cap);
      },
      () => points,
    ],
    [beyond, "true"],
  );
}

export function achievement(em: RuleEmitter, e: A.AchievementExpr): FastV {
  const points = em.constant(em.partPoints());
  let actual: NumV;
  let target: NumV;
  if (e.target) {
    actual = em.num(e.actual);
    target = em.num(e.target);
  } else {
    const pair = em.expr(e.actual);
    if (pair.k !== "pair") throw new Unsupported("achievement of a non-pair");
    actual = pair.actual;
    target = pair.target;
  }
  const zero = em.constant(Exact.ZERO);
  // A negative actual value or target has no achievement ratio: the generic path reports it.
  em.line(`if (${em.compare("<", actual, zero)} || ${em.compare("<", target, zero)}) fx.bail();`);
  const higher = e.direction === "higher";
  const num = higher ? actual : target;
  const den = higher ? target : actual;
  const ez = e.zero;
  return em.choose(
    [
      () => (ez === undefined || ez === "full" ? points : em.num(ez)),
      () => points,
      () => em.arith("*", points, em.arith("/", num, den)),
    ],
    // ratio > 100% is capped: num > den (den > 0) gives the points.
    [em.compare("=", den, zero), em.compare(">", num, den), "true"],
  );
}

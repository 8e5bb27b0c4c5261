/**
 * Judged rules and scaled tiers → TypeScript. The intervals are constants
 * in points (a `%` bound already taken as a share of the part's points);
 * which one applies, and whether the judgement lies in it, is decided by the
 * runtime (`Ctx.judged`, `judgedBy`, `judgedDeduct`), as in the evaluator.
 */
import { Exact } from "../../runtime/exact.js";
import type { Bounds } from "../../runtime/judged-bounds.js";
import type * as A from "../syntax/ast.js";
import { exprText } from "../evaluate/expr.js";
import { pointsInterval } from "../model/judged.js";
import { scaleValues } from "../analysis/judged-rules.js";
import type { ScaleDef } from "../model/types.js";
import { str } from "./text.js";

export interface JudgedScope {
  constant(v: Exact): string;
  /** Points of the part whose rule is being emitted. */
  readonly partPoints?: Exact;
  readonly scales?: ReadonlyMap<string, ScaleDef>;
}

function bounds(b: Bounds, s: JudgedScope): string {
  return `{ lo: ${s.constant(b.lo)}, hi: ${s.constant(b.hi)}, loClosed: ${b.loClosed}, hiClosed: ${b.hiClosed} }`;
}

function interval(iv: A.Interval | undefined, s: JudgedScope): string {
  const points = s.partPoints ?? Exact.ZERO;
  const b = (iv && pointsInterval(iv, points)) || { lo: Exact.ZERO, hi: points, loClosed: true, hiClosed: true };
  return bounds(b, s);
}

export function emitJudged(e: A.JudgedExpr, s: JudgedScope, emit: (x: A.Expr) => string): string {
  if (e.deduction)
    return `c.judgedDeduct(${emit(e.deduction.when)}, ${str(exprText(e.deduction.when))}, ${interval(e.bounds, s)})`;
  if (e.verdict) {
    const arms = e.verdict.scale ? (s.scales?.get(e.verdict.scale.text)?.arms ?? []) : e.verdict.arms;
    const list = arms
      .map((a) => `[${a.member ? str(a.member.text) : "null"}, ${interval(a.interval, s)}] as const`)
      .join(", ");
    return `c.judgedBy(${emit(e.verdict.subject)}, ${str(exprText(e.verdict.subject))}, [${list}])`;
  }
  return `c.judged(${interval(e.bounds, s)})`;
}

export function emitScaledTiers(
  e: A.TiersExpr & { scale: A.Name },
  s: JudgedScope & { fresh(prefix: string): string },
  emit: (x: A.Expr) => string,
): string {
  const x = s.fresh("t");
  const subject = str(exprText(e.subject));
  const values = scaleValues(s.scales?.get(e.scale.text)?.arms ?? [], s.partPoints ?? Exact.ZERO);
  const arms = values.map(
    (v) =>
      `${v.member !== undefined ? `${x} === ${str(v.member)}` : "true"} ? c.tier(${subject}, ${x}, ${s.constant(v.value)}, rt.fn.showAny)`,
  );
  return `((${x}: string) => ${[...arms, `c.noTier(${x})`].join(" : ")})(${emit(e.subject)})`;
}

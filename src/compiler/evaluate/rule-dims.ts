/**
 * The dimension a rule's values are shown in (a ratio as a percentage, money
 * in 元), from the inferred types: one choice for the reference evaluator and
 * the compiled scorers, so their traces read the same.
 */
import type * as A from "../syntax/ast.js";
import type { ExprInfo } from "../analysis/infer.js";
import type { Dim } from "../model/types.js";

function dimIn(info: ReadonlyMap<A.Expr, ExprInfo>, e: A.Expr | undefined): Dim {
  if (!e) return "plain";
  const t = info.get(e)?.type;
  if (t?.kind === "num") return t.dim;
  if (t?.kind === "record" && t.pair) {
    const el = [...t.fields.values()][0];
    if (el?.kind === "num") return el.dim;
  }
  return "plain";
}

function firstDim(dims: readonly Dim[]): Dim {
  return dims.find((d) => d !== "plain") ?? "plain";
}

export function stepDim(info: ReadonlyMap<A.Expr, ExprInfo>, e: A.DeductBeyondExpr): Dim {
  return firstDim([dimIn(info, e.subject), dimIn(info, e.threshold), dimIn(info, e.step)]);
}

export function achievementDim(info: ReadonlyMap<A.Expr, ExprInfo>, e: A.AchievementExpr): Dim {
  return firstDim([dimIn(info, e.actual), dimIn(info, e.target)]);
}

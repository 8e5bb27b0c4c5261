/**
 * Issue 11, rule kind 5: `weighted_mean(values, weights)` / `加权平均(数值, 权重)`
 * ("相对值按资金额度加权平均"). Values and weights are arrays of numbers (no
 * dates); the weights share one dimension and may not be negative; the mean
 * has the values' dimension and lies within their range. Its divisor is the
 * total weight: it is checked like any divisor, as `sum(weights)`, so
 * `if sum(资金) = 0 then … else weighted_mean(执行率, 资金)` is a guard.
 */
import type * as A from "../syntax/ast.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { W, ty } from "../diagnostics/words.js";
import { exprText } from "../evaluate/expr.js";
import type { ValueType } from "../model/types.js";
import * as I from "./interval.js";

/** A value's type and range, as the inferrer gives them (not imported from it: no cycle). */
interface ExprInfo {
  readonly type: ValueType;
  readonly range: I.Range;
}

/** The total weights standing as divisors: the division check words its warning for them. */
const totals = new WeakSet<A.Expr>();

export function isWeightTotal(e: A.Expr): boolean {
  return totals.has(e);
}

/** `sum(weights)`, made once per call so a guard written as that text (or its let's name) matches it. */
const totalOf = new WeakMap<A.Expr, A.CallExpr>();
export function weightTotal(weights: A.Expr): A.CallExpr {
  let t = totalOf.get(weights);
  if (!t) {
    t = {
      kind: "Call",
      callee: { text: "sum", span: weights.span },
      args: [weights],
      span: weights.span,
    };
    totals.add(t);
    totalOf.set(weights, t);
  }
  return t;
}

export interface WeightedMeanHost {
  readonly file: string;
  diag(d: Diagnostic): void;
  /** Infers `sum(weights)` (narrowed by the guards in force) and records it as a divisor. */
  divisor(total: A.CallExpr): void;
}

type ArrayInfo = ExprInfo & { readonly type: { readonly kind: "array" } };

export function inferWeightedMean(e: A.CallExpr, args: readonly ExprInfo[], host: WeightedMeanHost): ExprInfo {
  const err: ExprInfo = { type: { kind: "error" }, range: I.FULL };
  if (args.length !== 2) {
    host.diag(
      diagnostic(
        "wrong-arity",
        { file: host.file, span: e.span },
        { name: e.callee.text, expected: "2", actual: args.length },
      ),
    );
    return err;
  }
  const numbers = (a: ExprInfo, at: A.Expr): ArrayInfo | undefined => {
    if (a.type.kind === "array" && a.type.element.kind === "num" && a.type.element.dim !== "date")
      return a as ArrayInfo;
    host.diag(
      diagnostic(
        "type-mismatch",
        { file: host.file, span: at.span },
        { expected: W.numberArray, actual: ty(a.type), context: e.callee.text },
      ),
    );
    return undefined;
  };
  const [vArg, wArg] = e.args as [A.Expr, A.Expr];
  const values = numbers(args[0] as ExprInfo, vArg);
  const weights = numbers(args[1] as ExprInfo, wArg);
  if (!values || !weights) return err;
  const vLen = values.type.length;
  const wLen = weights.type.length;
  if (vLen !== undefined && wLen !== undefined && vLen !== wLen)
    host.diag(diagnostic("weighted-mean-length", { file: host.file, span: e.span }, { values: vLen, weights: wLen }));
  if (weights.range.lo === undefined || weights.range.lo.v.sign() < 0)
    host.diag(
      diagnostic(
        "weighted-mean-negative",
        { file: host.file, span: wArg.span },
        { weights: exprText(wArg), range: I.formatRange(weights.range) },
      ),
    );
  host.divisor(weightTotal(wArg));
  return { type: values.type.element, range: values.range };
}

/**
 * Evaluating judged rules: the judgement given for the part, checked against
 * the interval that applies here — the rule's own, the verdict's that holds,
 * or a judged deduction's (made only when its condition holds).
 */
import { Exact } from "../../runtime/exact.js";
import type { Text } from "../../runtime/report.js";
import { judgedTrace, scoreJudged, ZERO_BOUNDS, type Bounds, type JudgedKind } from "../../runtime/judged-bounds.js";
import { trace } from "../../runtime/trace.js";
import type * as A from "../syntax/ast.js";
import { pointsInterval, verdictArms } from "../model/judged.js";
import { scaleValues } from "../analysis/judged-rules.js";
import type { PartNode, RubricModel } from "../model/types.js";
import type { EvalErrorKind, Value } from "./values.js";

export interface JudgedHost {
  readonly model: RubricModel;
  readonly part?: PartNode;
  readonly judgement?: { readonly value: Exact; readonly reason?: string; readonly full?: boolean };
  readonly trace: Text[];
  eval(e: A.Expr): Value;
  bool(e: A.Expr): boolean;
  fail(kind: EvalErrorKind, text: Text, at: { span: A.Span }, field?: string): never;
  text(e: A.Expr): string;
}

export function evalJudged(e: A.JudgedExpr, h: JudgedHost): Exact {
  const points = h.part?.points ?? Exact.ZERO;
  let bounds: Bounds = (e.bounds && pointsInterval(e.bounds, points)) || ZERO_BOUNDS(points);
  let what: JudgedKind = { kind: "plain" };
  let subject = "";
  if (e.deduction) {
    subject = h.text(e.deduction.when);
    what = { kind: "deduction" };
    if (!h.bool(e.deduction.when)) {
      h.trace.push(judgedTrace.noDeduction(subject));
      return points;
    }
  } else if (e.verdict) {
    subject = h.text(e.verdict.subject);
    const x = h.eval(e.verdict.subject);
    const member = x.k === "enum" ? x.v : "?";
    const arm = verdictArms(e.verdict, h.model).find((a) => !a.member || a.member.text === member);
    const b = arm?.interval ? pointsInterval(arm.interval, points) : undefined;
    if (!b)
      return h.fail(
        "no-band",
        { zh: `结论 ${member} 没有对应的评分范围`, en: `the verdict ${member} has no interval` },
        e,
      );
    bounds = b;
    what = { kind: "verdict", verdict: member };
  }
  const name = (h.part?.implicit ? h.part.path.slice(0, -1) : h.part?.path)?.join(".") ?? "?";
  const r = scoreJudged(name, points, h.part ? h.judgement : undefined, bounds, what, subject);
  if ("error" in r) return h.fail(r.missing ? "missing-judgement" : "judgement-out-of-bounds", r.error, e, name);
  h.trace.push(r.line);
  return r.value;
}

/** `tiers E scale S`: the scale's value for E's member, in points. */
export function evalScaledTiers(e: A.TiersExpr & { scale: A.Name }, h: JudgedHost): Exact {
  const x = h.eval(e.subject);
  const member = x.k === "enum" ? x.v : "?";
  const values = scaleValues(h.model.scales.get(e.scale.text)?.arms ?? [], h.part?.points ?? Exact.ZERO);
  const hit = values.find((v) => !v.member || v.member === member);
  if (!hit) return h.fail("no-band", { zh: `${member} 不属于任何分类`, en: `${member} matches no tier` }, e);
  h.trace.push(trace.tier(h.text(e.subject), member, hit.value.toString(6)));
  return hit.value;
}

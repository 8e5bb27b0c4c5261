/**
 * Judged rules resolved against a rubric: named scales, the interval each
 * verdict allows (in points: a `%` bound is a share of the part's points),
 * and the envelope of every interval a part's judgement may have to lie in
 * (what examples, batch input and compiled scorers can check up front; the
 * interval that actually applies is checked while scoring).
 */
import { Exact } from "../../runtime/exact.js";
import type { Bounds } from "../../runtime/judged-bounds.js";
import type * as A from "../syntax/ast.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { constValue } from "./constants.js";
import type { Origin, RubricModel, ScaleDef } from "./types.js";

/** Declares the rubric's own scales; a derived rubric inherits its base's (already in `model.scales`). */
export function declareScales(
  decl: A.RubricDecl,
  model: RubricModel,
  file: string,
  own: (name: string, kind: string, span: A.Span, map: ReadonlyMap<string, Origin>) => boolean,
): void {
  for (const it of decl.items) {
    if (it.kind !== "Scale" || !own(it.name.text, "scale", it.name.span, model.scales)) continue;
    model.scales.set(it.name.text, { name: it.name.text, arms: it.arms, decl: it, file, span: it.span });
  }
}

/** Problems of a scale declaration itself: repeated members, a mix of intervals and values. */
export function checkScaleDecl(s: ScaleDef): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const arm of s.arms) {
    const m = arm.member?.text ?? "otherwise";
    if (seen.has(m))
      out.push(
        diagnostic(
          "duplicate-name",
          { file: s.file, span: arm.member?.span ?? arm.span },
          { name: m, kind: "enum member" },
        ),
      );
    seen.add(m);
  }
  const intervals = s.arms.filter((a) => a.interval).length;
  if (intervals > 0 && intervals < s.arms.length) {
    out.push(
      diagnostic(
        "scale-kind",
        { file: s.file, span: s.decl.name.span },
        {
          scale: s.name,
          detail: {
            zh: "各档须同为区间（用于 酌情 按）或同为分值（用于 分类）",
            en: "its arms must all be intervals (for judged by) or all values (for tiers)",
          },
        },
      ),
    );
  }
  return out;
}

/** True when a bound is written as a share (`80%`, `100% - 20%`): it is then a share of the points. */
export function isShare(e: A.Expr): boolean {
  switch (e.kind) {
    case "Number":
      return e.unit === "percent";
    case "Unary":
      return isShare(e.operand);
    case "Binary":
      return isShare(e.left) || isShare(e.right);
    default:
      return false;
  }
}

/** A constant bound in points; undefined when not constant. */
export function boundPoints(e: A.Expr, points: Exact): Exact | undefined {
  const v = constValue(e);
  return v && isShare(e) ? v.mul(points) : v;
}

export function pointsInterval(iv: A.Interval, points: Exact): Bounds | undefined {
  const lo = boundPoints(iv.lo, points);
  const hi = boundPoints(iv.hi, points);
  return lo && hi ? { lo, hi, loClosed: iv.loClosed, hiClosed: iv.hiClosed } : undefined;
}

/** The arms of a verdict: written inline, or those of the named scale. */
export function verdictArms(v: NonNullable<A.JudgedExpr["verdict"]>, model: RubricModel): readonly A.ScaleArm[] {
  return v.scale ? (model.scales.get(v.scale.text)?.arms ?? []) : v.arms;
}

/** The arms of a `tiers`: written inline, or the named scale's member → value arms. */
export function tierArms(e: A.TiersExpr, model: RubricModel): readonly A.TierArm[] {
  if (!e.scale) return e.arms;
  const arms = model.scales.get(e.scale.text)?.arms ?? [];
  return arms
    .filter((a) => a.value)
    .map((a) => ({ ...(a.member ? { member: a.member } : {}), value: a.value as A.Expr, span: a.span }));
}

/** The `judged` forms a part's rule may end in: the rule itself, or the branches of its `if`s. */
export function judgedSites(rule: A.Expr): A.JudgedExpr[] {
  if (rule.kind === "Judged") return [rule];
  if (rule.kind === "If") return [...judgedSites(rule.then), ...judgedSites(rule.else)];
  return [];
}

/** Every interval a judged form may require, in points. */
export function siteIntervals(e: A.JudgedExpr, points: Exact, model: RubricModel): Bounds[] {
  if (e.verdict) {
    return verdictArms(e.verdict, model).flatMap((a) => {
      const b = a.interval ? pointsInterval(a.interval, points) : undefined;
      return b ? [b] : [];
    });
  }
  const b = e.bounds ? pointsInterval(e.bounds, points) : undefined;
  return [b ?? { lo: Exact.ZERO, hi: points, loClosed: true, hiClosed: true }];
}

/**
 * When a part's rule is one `judged by V …` on an input V: that input's name
 * and, for a member, the interval it allows (undefined if no arm applies).
 */
export function verdictOnInput(
  p: { rule: A.Expr; points: Exact },
  model: RubricModel,
): { input: string; bounds(member: string): Bounds | undefined } | undefined {
  const sites = judgedSites(p.rule);
  const v = sites.length === 1 ? sites[0]?.verdict : undefined;
  if (!v || v.subject.kind !== "Ref" || !model.inputs.has(v.subject.name.text)) return undefined;
  const arms = verdictArms(v, model);
  return {
    input: v.subject.name.text,
    bounds: (member) => {
      const arm = arms.find((a) => !a.member || a.member.text === member);
      return arm?.interval ? pointsInterval(arm.interval, p.points) : undefined;
    },
  };
}

export interface Envelope extends Bounds {
  /** The judgement is a deduction (`deduct judged …`), not a score. */
  readonly deduction: boolean;
}

/** The smallest interval holding every interval the rule's judgement may have to lie in; undefined if the rule is not judged. */
export function judgedEnvelope(rule: A.Expr, points: Exact, model: RubricModel): Envelope | undefined {
  const sites = judgedSites(rule);
  if (sites.length === 0) return undefined;
  const all = sites.flatMap((s) => siteIntervals(s, points, model));
  const deduction = sites.some((s) => s.deduction);
  if (all.length === 0) return { lo: Exact.ZERO, hi: points, loClosed: true, hiClosed: true, deduction };
  let env: Bounds = all[0] as Bounds;
  for (const b of all.slice(1)) env = hull(env, b);
  return { ...env, deduction };
}

export function hull(a: Bounds, b: Bounds): Bounds {
  const lo = a.lo.lt(b.lo) ? a : b.lo.lt(a.lo) ? b : { lo: a.lo, loClosed: a.loClosed || b.loClosed };
  const hi = a.hi.gt(b.hi) ? a : b.hi.gt(a.hi) ? b : { hi: a.hi, hiClosed: a.hiClosed || b.hiClosed };
  return { lo: lo.lo, loClosed: lo.loClosed, hi: hi.hi, hiClosed: hi.hiClosed };
}

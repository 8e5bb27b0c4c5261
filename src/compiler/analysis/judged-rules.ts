/**
 * Checking judged rules and scales: the intervals of `judged in`, of each
 * verdict of `judged by V { … }` / `judged by V scale S`, and of a judged
 * deduction must be constant, non-empty and inside [0, points]; verdict arms
 * must name members of V's enum and cover all of them (or say `otherwise`);
 * a scale used by `judged by` must give intervals, one used by `tiers` values.
 */
import { Exact } from "../../runtime/exact.js";
import { boundsText, type Bounds } from "../../runtime/judged-bounds.js";
import type * as A from "../syntax/ast.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { W, ty } from "../diagnostics/words.js";
import { constValue } from "../model/constants.js";
import { boundPoints, isShare, pointsInterval, verdictArms } from "../model/judged.js";
import type { RubricModel } from "../model/types.js";
import { suggest } from "../util/suggest.js";
import * as I from "./interval.js";
import type { Env, ExprInfo } from "./infer.js";

export interface RuleContext {
  readonly model: RubricModel;
  infer(e: A.Expr, env: Env): ExprInfo;
  diag(env: Env, d: Diagnostic): void;
}

const points = (range: I.Range): ExprInfo => ({ type: { kind: "num", dim: "points" }, range });

function intervalWritten(iv: A.Interval): string {
  const c = (e: A.Expr): string =>
    e.kind === "Number" ? `${e.digits}${e.unit === "percent" ? "%" : (e.unit ?? "")}` : "…";
  return `${iv.loClosed ? "[" : "("}${c(iv.lo)}, ${c(iv.hi)}${iv.hiClosed ? "]" : ")"}`;
}

/**
 * Problems of one interval against the part's points; `at` is where to report (the scale name
 * when it comes from a scale). Returns the interval when it is usable.
 */
function checkInterval(iv: A.Interval, pts: Exact, env: Env, cx: RuleContext, at: A.Span): Bounds | undefined {
  const report = (detail: { zh: string; en: string }): undefined => {
    cx.diag(
      env,
      diagnostic("judged-interval", { file: env.file, span: at }, { interval: intervalWritten(iv), detail }),
    );
    return undefined;
  };
  for (const b of [iv.lo, iv.hi]) {
    if (b.kind === "Number" && (b.unit === "元" || b.unit === "万元")) {
      return report({ zh: "边界须为分值或满分的百分比（%）", en: "bounds are points or a share of the points (%)" });
    }
  }
  const b = pointsInterval(iv, pts);
  if (!b) return report({ zh: "边界须为常量", en: "bounds must be constants" });
  if (b.lo.gt(b.hi) || (b.lo.eq(b.hi) && !(b.loClosed && b.hiClosed))) {
    return report({ zh: `区间为空（${boundsText(b)}）`, en: `it is empty (${boundsText(b)})` });
  }
  if (b.lo.sign() < 0 || b.hi.gt(pts)) {
    const shown = isShare(iv.lo) || isShare(iv.hi) ? boundsText(b) : "";
    return report({
      zh: `须在 [0, ${pts.toString()}] 之内${shown ? `，实为 ${shown}` : ""}`,
      en: `it must lie within [0, ${pts.toString()}]${shown ? `, it is ${shown}` : ""}`,
    });
  }
  return b;
}

function rangeOf(b: { lo: Exact; hi: Exact; loClosed: boolean; hiClosed: boolean }): I.Range {
  return { lo: { v: b.lo, closed: b.loClosed }, hi: { v: b.hi, closed: b.hiClosed } };
}

/** Type, range and problems of a `judged …` rule at the top of a part worth `pts`. */
export function inferJudged(e: A.JudgedExpr, env: Env, pts: Exact, cx: RuleContext): ExprInfo {
  const sub: Env = { ...env, ruleTop: false };
  if (e.deduction) {
    const c = cx.infer(e.deduction.when, sub);
    if (c.type.kind !== "bool" && c.type.kind !== "error") {
      cx.diag(
        env,
        diagnostic(
          "type-mismatch",
          { file: env.file, span: e.deduction.when.span },
          { expected: W.bool, actual: ty(c.type), context: "deduct judged … when" },
        ),
      );
    }
  }
  if (e.bounds) {
    for (const b of [e.bounds.lo, e.bounds.hi]) cx.infer(b, sub);
    const b = checkInterval(e.bounds, pts, env, cx, e.bounds.span);
    if (!b) return points(I.closed(Exact.ZERO, pts));
    // A deduction d in [a, b] leaves points − d; it is not made when the condition fails (full points).
    return points(
      e.deduction
        ? I.union(
            rangeOf({ lo: pts.sub(b.hi), hi: pts.sub(b.lo), loClosed: b.hiClosed, hiClosed: b.loClosed }),
            I.point(pts),
          )
        : rangeOf(b),
    );
  }
  if (e.verdict) return points(verdict(e.verdict, env, sub, pts, cx));
  return points(I.closed(Exact.ZERO, pts));
}

function verdict(v: NonNullable<A.JudgedExpr["verdict"]>, env: Env, sub: Env, pts: Exact, cx: RuleContext): I.Range {
  const subject = cx.infer(v.subject, sub);
  const members = subject.type.kind === "enum" ? subject.type.members : undefined;
  if (!members && subject.type.kind !== "error") {
    cx.diag(
      env,
      diagnostic(
        "type-mismatch",
        { file: env.file, span: v.subject.span },
        { expected: W.enum, actual: ty(subject.type), context: "judged by" },
      ),
    );
  }
  const scale = v.scale ? cx.model.scales.get(v.scale.text) : undefined;
  if (v.scale && !scale) {
    const s = suggest(v.scale.text, cx.model.scales.keys());
    cx.diag(
      env,
      diagnostic(
        "unknown-name",
        { file: env.file, span: v.scale.span },
        { name: v.scale.text, kind: "scale", ...(s ? { suggestion: s } : {}) },
        [],
        s ? { suggestion: s } : undefined,
      ),
    );
    return I.closed(Exact.ZERO, pts);
  }
  if (scale && scale.arms.some((a) => !a.interval)) {
    cx.diag(
      env,
      diagnostic(
        "scale-kind",
        { file: env.file, span: v.scale?.span ?? v.subject.span },
        {
          scale: scale.name,
          detail: {
            zh: "酌情 按 需要各档给出区间（如 达成 -> [80%, 100%]），这是分值档次，请用 分类",
            en: "judged by needs intervals (达成 -> [80%, 100%]); this scale gives values: use it with tiers",
          },
        },
      ),
    );
    return I.closed(Exact.ZERO, pts);
  }
  const arms = verdictArms(v, cx.model);
  let range: I.Range | undefined;
  for (const arm of arms) {
    // A scale's arms were written elsewhere: report at the scale's name here, where the points are known.
    const at = v.scale?.span;
    if (arm.member) checkMember(arm.member, members, env, cx, at);
    if (arm.interval) {
      if (!v.scale) for (const b of [arm.interval.lo, arm.interval.hi]) cx.infer(b, sub);
      const b = checkInterval(arm.interval, pts, env, cx, at ?? arm.interval.span);
      if (b) range = range ? I.union(range, rangeOf(b)) : rangeOf(b);
    }
  }
  reportCoverage(arms, members, env, cx, v.scale?.span ?? v.subject.span, "verdict-missing");
  return range ?? I.closed(Exact.ZERO, pts);
}

function checkMember(
  m: A.Name,
  members: readonly string[] | undefined,
  env: Env,
  cx: RuleContext,
  at: A.Span | undefined,
): void {
  if (!members || members.includes(m.text)) return;
  const s = suggest(m.text, members);
  cx.diag(
    env,
    diagnostic(
      "unknown-name",
      { file: env.file, span: at ?? m.span },
      { name: m.text, kind: "enum member", ...(s ? { suggestion: s } : {}) },
      [],
      s && !at ? { suggestion: s } : undefined,
    ),
  );
}

function reportCoverage(
  arms: readonly { member?: A.Name }[],
  members: readonly string[] | undefined,
  env: Env,
  cx: RuleContext,
  at: A.Span,
  code: "verdict-missing" | "tiers-missing",
): void {
  if (!members || arms.some((a) => !a.member)) return;
  const covered = new Set(arms.map((a) => a.member?.text));
  const missing = members.filter((m) => !covered.has(m));
  if (missing.length > 0) cx.diag(env, diagnostic(code, { file: env.file, span: at }, { members: missing.join(", ") }));
}

/** The constant values of a value scale's arms, in points: a `%` value is a share of the part's points. */
export function scaleValues(scaleArms: readonly A.ScaleArm[], pts: Exact): { member?: string; value: Exact }[] {
  return scaleArms.flatMap((a) => {
    const v = a.value ? boundPoints(a.value, pts) : undefined;
    return v ? [{ ...(a.member ? { member: a.member.text } : {}), value: v }] : [];
  });
}

/** After an error, a range that reports nothing more. */
const unknownTiers = (env: Env): ExprInfo => points(env.partPoints ? I.closed(Exact.ZERO, env.partPoints) : I.FULL);

/** `tiers E scale S`: E must be an enum whose members the scale covers; the scale must give constant values. */
export function inferScaledTiers(e: A.TiersExpr & { scale: A.Name }, env: Env, cx: RuleContext): ExprInfo {
  const subject = cx.infer(e.subject, { ...env, ruleTop: false });
  const members = subject.type.kind === "enum" ? subject.type.members : undefined;
  if (!members && subject.type.kind !== "error") {
    cx.diag(
      env,
      diagnostic(
        "type-mismatch",
        { file: env.file, span: e.subject.span },
        { expected: W.enum, actual: ty(subject.type), context: "tiers" },
      ),
    );
  }
  const scale = cx.model.scales.get(e.scale.text);
  if (!scale) {
    const s = suggest(e.scale.text, cx.model.scales.keys());
    cx.diag(
      env,
      diagnostic(
        "unknown-name",
        { file: env.file, span: e.scale.span },
        { name: e.scale.text, kind: "scale", ...(s ? { suggestion: s } : {}) },
        [],
        s ? { suggestion: s } : undefined,
      ),
    );
    return unknownTiers(env);
  }
  if (scale.arms.some((a) => !a.value || constValue(a.value) === undefined)) {
    const detail = scale.arms.some((a) => a.interval)
      ? {
          zh: "分类 需要各档给出分值（如 优 -> 100%），这是区间档次，请用 酌情 按",
          en: "tiers needs values (优 -> 100%); this scale gives intervals: use it with judged by",
        }
      : { zh: "各档的分值须为常量", en: "its values must be constants" };
    cx.diag(env, diagnostic("scale-kind", { file: env.file, span: e.scale.span }, { scale: scale.name, detail }));
    return unknownTiers(env);
  }
  if (!env.partPoints && scale.arms.some((a) => a.value && isShare(a.value))) {
    cx.diag(env, diagnostic("misplaced-rule", { file: env.file, span: e.span }, { rule: "tiers … scale" }));
    return points(I.FULL);
  }
  for (const arm of scale.arms) if (arm.member) checkMember(arm.member, members, env, cx, e.scale.span);
  reportCoverage(scale.arms, members, env, cx, e.scale.span, "tiers-missing");
  const values = scaleValues(scale.arms, env.partPoints ?? Exact.ZERO);
  let range: I.Range | undefined;
  for (const v of values) range = range ? I.union(range, I.point(v.value)) : I.point(v.value);
  return points(range ?? I.FULL);
}

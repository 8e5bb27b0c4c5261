/**
 * Where a judgement may lie, checked while scoring: the interval of a
 * `judged in [a, b]`, of the verdict that holds (`judged by 结论 { … }`) or of
 * a judged deduction (`deduct judged in [a, b] when C`). Shared by the
 * reference evaluator and compiled scorers so both accept and reject the
 * same judgements with the same words. The bounds depend on which branch or
 * verdict applies, so they can only be checked here, not up front.
 */
import { Exact } from "./exact.js";
import type { Text } from "./report.js";
import { trace } from "./trace.js";

/** An interval in points (a `%` bound has already been taken as a share of the part's points). */
export interface Bounds {
  readonly lo: Exact;
  readonly hi: Exact;
  readonly loClosed: boolean;
  readonly hiClosed: boolean;
}

export interface GivenJudgement {
  readonly value: Exact;
  readonly reason?: string;
  /** Given by `judge … full` / `judge rest full`: the best score the applying interval allows. */
  readonly full?: boolean;
}

export function within(v: Exact, b: Bounds): boolean {
  return (b.loClosed ? v.ge(b.lo) : v.gt(b.lo)) && (b.hiClosed ? v.le(b.hi) : v.lt(b.hi));
}

export function boundsText(b: Bounds): string {
  return `${b.loClosed ? "[" : "("}${b.lo.toString(6)}, ${b.hi.toString(6)}${b.hiClosed ? "]" : ")"}`;
}

/** What the judgement is for: a plain judged score, one bounded by a verdict, or a deduction. */
export type JudgedKind =
  { readonly kind: "plain" } | { readonly kind: "verdict"; readonly verdict: string } | { readonly kind: "deduction" };

/**
 * The value a judgement gives under `b` — for `full`, the top of the
 * interval (the bottom, for a deduction: the least one) — or why it cannot.
 */
export function judgedValue(
  path: string,
  j: GivenJudgement,
  b: Bounds,
  what: JudgedKind,
): { readonly value: Exact } | { readonly error: Text } {
  const shown = boundsText(b);
  if (j.full) {
    const deduction = what.kind === "deduction";
    if (deduction ? b.loClosed : b.hiClosed) return { value: deduction ? b.lo : b.hi };
    const v =
      what.kind === "verdict"
        ? { zh: `结论为「${what.verdict}」，`, en: `the verdict is '${what.verdict}': ` }
        : { zh: "", en: "" };
    return {
      error: {
        zh: `「${path}」${v.zh}范围 ${shown} 没有${deduction ? "最少扣分" : "最高分"}，“满分”无从给出，须明确评定`,
        en: `'${path}': ${v.en}${shown} has no ${deduction ? "least deduction" : "maximum"}, so 'full' gives nothing; judge it explicitly`,
      },
    };
  }
  if (within(j.value, b)) return { value: j.value };
  const v = j.value.toString();
  switch (what.kind) {
    case "verdict":
      return {
        error: {
          zh: `「${path}」的结论为「${what.verdict}」，评定分须在 ${shown} 之内，实际评定 ${v}`,
          en: `'${path}': the verdict is '${what.verdict}', so the judged score must lie in ${shown}; it is judged ${v}`,
        },
      };
    case "deduction":
      return {
        error: {
          zh: `「${path}」酌情扣分须在 ${shown} 之内（评定值是扣分，不是得分），实际评定扣 ${v}`,
          en: `'${path}': the judged deduction must lie in ${shown} (the judgement is the deduction, not the score); it is judged ${v}`,
        },
      };
    default:
      return {
        error: {
          zh: `「${path}」评定为 ${v}，超出允许范围 ${shown}`,
          en: `'${path}' is judged ${v}, outside ${shown}`,
        },
      };
  }
}

const because = (reason: string | undefined): Text =>
  reason ? { zh: `（${reason}）`, en: ` (${reason})` } : { zh: "", en: "" };

export const judgedTrace = {
  verdict(subject: string, member: string, b: Bounds, value: Exact, reason?: string): Text {
    const r = because(reason);
    return {
      zh: `${subject} = ${member}，评定分应在 ${boundsText(b)} 之内，酌情评定 ${value.toString()}${r.zh}`,
      en: `${subject} = ${member}, so the judgement lies in ${boundsText(b)}: judged ${value.toString()}${r.en}`,
    };
  },
  deduction(cond: string, b: Bounds, deducted: Exact, points: Exact, reason?: string): Text {
    const r = because(reason);
    const left = points.sub(deducted).toString();
    return {
      zh: `条件 ${cond} 成立，酌情扣 ${deducted.toString()}（范围 ${boundsText(b)}）${r.zh}：${points.toString()} − ${deducted.toString()} = ${left}`,
      en: `${cond} holds: judged deduction ${deducted.toString()} (within ${boundsText(b)})${r.en}: ${points.toString()} − ${deducted.toString()} = ${left}`,
    };
  },
  noDeduction(cond: string): Text {
    return { zh: `条件 ${cond} 不成立，不酌情扣分`, en: `${cond} does not hold: no judged deduction` };
  },
};

/** A judged deduction applies only when its condition holds; without a judgement then, say what to give. */
function missingDeduction(path: string, b: Bounds): Text {
  return {
    zh: `「${path}」须酌情扣分：请给出扣分值，范围 ${boundsText(b)}（评定 ${path} = 扣分 理由 "…"）`,
    en: `'${path}' needs a judged deduction in ${boundsText(b)} (judge ${path} = the deduction because "…")`,
  };
}

function missingJudgement(path: string): Text {
  return {
    zh: `「${path}」为酌情评分，须给出评定分（评定 ${path} = …，或 评定 其余 满分）`,
    en: `'${path}' is judged: a score must be given for it (judge ${path} = …, or judge rest full)`,
  };
}

/**
 * A judged rule's score from its judgement under the interval that applies:
 * the judged value, or the points less a judged deduction; with its trace
 * line. `subject` is the verdict's or the condition's text.
 */
export function scoreJudged(
  path: string,
  points: Exact,
  j: GivenJudgement | undefined,
  b: Bounds,
  what: JudgedKind,
  subject: string,
): { readonly value: Exact; readonly line: Text } | { readonly error: Text; readonly missing: boolean } {
  if (!j)
    return { missing: true, error: what.kind === "deduction" ? missingDeduction(path, b) : missingJudgement(path) };
  const r = judgedValue(path, j, b, what);
  if ("error" in r) return { missing: false, error: r.error };
  switch (what.kind) {
    case "deduction":
      return { value: points.sub(r.value), line: judgedTrace.deduction(subject, b, r.value, points, j.reason) };
    case "verdict":
      return { value: r.value, line: judgedTrace.verdict(subject, what.verdict, b, r.value, j.reason) };
    default:
      return { value: r.value, line: trace.judged(r.value, j.reason) };
  }
}

export const ZERO_BOUNDS = (points: Exact): Bounds => ({ lo: Exact.ZERO, hi: points, loClosed: true, hiClosed: true });

/**
 * The arithmetic of two rule kinds, shared by the reference evaluator and
 * compiled scorers so both compute (and trace) them identically:
 *
 * - step deductions: `deduct A per whole|started|proportional S of X over|under|off T [at most M]`;
 * - achievement ratios: `achievement X against T higher-better|lower-better [when 0 -> …]`.
 *
 * Everything is exact: steps are floor/ceil of an exact quotient.
 */
import { Exact } from "./exact.js";
import type { Text } from "./report.js";
import { formatValue, type Dim } from "./trace.js";

export type StepMode = "whole" | "started" | "proportional";
export type Direction = "over" | "under" | "off";

/** A rule the data cannot satisfy: the caller turns it into its own error type. */
export type RuleProblem = { readonly problem: "zero-step" | "out-of-domain"; readonly text: Text };
/** `trace` is built only when asked for: compiled scorers skip it unless explaining. */
export type RuleOutcome = { readonly value: Exact; readonly trace: () => Text } | RuleProblem;

export interface StepDeductionArgs {
  readonly points: Exact;
  readonly amount: Exact;
  readonly step: Exact;
  readonly x: Exact;
  readonly threshold: Exact;
  readonly direction: Direction;
  readonly mode: StepMode;
  readonly cap?: Exact;
  /** The subject as written, and the dimension its values are shown in. */
  readonly subject: string;
  readonly dim: Dim;
}

const DIR_ZH: Record<Direction, string> = { over: "超出", under: "低于", off: "偏离" };

function steps(distance: Exact, step: Exact, mode: StepMode): Exact {
  const q = distance.div(step);
  return mode === "whole" ? q.floor() : mode === "started" ? q.ceil() : q;
}

export function stepDeduction(a: StepDeductionArgs): RuleOutcome {
  const show = (v: Exact): string => formatValue(v, a.dim);
  if (a.step.sign() <= 0) {
    return {
      problem: "zero-step",
      text: {
        zh: `扣分步长为 ${show(a.step)}，须大于 0`,
        en: `the deduction step is ${show(a.step)}; it must be above 0`,
      },
    };
  }
  if (a.amount.sign() < 0)
    return {
      problem: "out-of-domain",
      text: {
        zh: `每档扣分 ${a.amount.toString()} 为负`,
        en: `the deduction per step ${a.amount.toString()} is negative`,
      },
    };
  const raw =
    a.direction === "over"
      ? a.x.sub(a.threshold)
      : a.direction === "under"
        ? a.threshold.sub(a.x)
        : a.x.sub(a.threshold).abs();
  const head = `${a.subject} = ${show(a.x)}`;
  if (raw.sign() <= 0) {
    return {
      value: a.points,
      trace: () =>
        a.direction === "off"
          ? {
              zh: `${head}，与 ${show(a.threshold)} 无偏离，不扣分`,
              en: `${head} is not off ${show(a.threshold)}: no deduction`,
            }
          : {
              zh: `${head} 未${DIR_ZH[a.direction]} ${show(a.threshold)}，不扣分`,
              en: `${head} is not ${a.direction} ${show(a.threshold)}: no deduction`,
            },
    };
  }
  const n = steps(raw, a.step, a.mode);
  const full = a.amount.mul(n);
  const capped = a.cap !== undefined && full.gt(a.cap);
  const d = capped && a.cap !== undefined ? a.cap : full;
  const floored = d.gt(a.points);
  const value = floored ? Exact.ZERO : a.points.sub(d);
  const ns = n.toString(6);
  const stepZh =
    a.mode === "whole"
      ? `满 ${show(a.step)} 的整档 ${ns} 档`
      : a.mode === "started"
        ? `每起 ${show(a.step)} 计一档（不足一档按一档）共 ${ns} 档`
        : `按比例 ${show(raw)} / ${show(a.step)} = ${ns} 档`;
  const stepEn =
    a.mode === "whole"
      ? `${ns} whole step(s) of ${show(a.step)}`
      : a.mode === "started"
        ? `${ns} started step(s) of ${show(a.step)}`
        : `proportionally ${show(raw)} / ${show(a.step)} = ${ns} step(s)`;
  const capZh = capped && a.cap ? `，至多扣 ${a.cap.toString(6)}` : "";
  const capEn = capped && a.cap ? `, at most ${a.cap.toString(6)}` : "";
  const tailZh = floored
    ? `${a.points.toString(6)} − ${d.toString(6)} < 0，扣完为止，得 0`
    : `${a.points.toString(6)} − ${d.toString(6)} = ${value.toString(6)}`;
  const tailEn = floored
    ? `${a.points.toString(6)} − ${d.toString(6)} < 0, floored at 0`
    : `${a.points.toString(6)} − ${d.toString(6)} = ${value.toString(6)}`;
  return {
    value,
    trace: () => ({
      zh: `${head}，${DIR_ZH[a.direction]} ${show(a.threshold)} ${show(raw)}，${stepZh}，扣 ${a.amount.toString(6)} × ${ns} = ${full.toString(6)}${capZh}：${tailZh}`,
      en: `${head} is ${show(raw)} ${a.direction} ${show(a.threshold)}: ${stepEn}, ${a.amount.toString(6)} × ${ns} = ${full.toString(6)} deducted${capEn}: ${tailEn}`,
    }),
  };
}

/** `deduct A per N at most M`: A × N, but never more than M; 扣完为止. */
export function countDeduction(points: Exact, amount: Exact, n: Exact, cap: Exact): RuleOutcome {
  const full = amount.mul(n);
  const d = full.gt(cap) ? cap : full;
  const value = d.gt(points) ? Exact.ZERO : points.sub(d);
  const capZh = full.gt(cap) ? `，至多扣 ${cap.toString(6)}` : "";
  const capEn = full.gt(cap) ? `, at most ${cap.toString(6)}` : "";
  return {
    value,
    trace: () => ({
      zh: `每项扣 ${amount.toString(6)}，共 ${n.toString(6)} 项，扣 ${full.toString(6)}${capZh}：${points.toString(6)} − ${d.toString(6)} = ${value.toString(6)}`,
      en: `deduct ${amount.toString(6)} × ${n.toString(6)} = ${full.toString(6)}${capEn}: ${points.toString(6)} − ${d.toString(6)} = ${value.toString(6)}`,
    }),
  };
}

export interface AchievementArgs {
  readonly points: Exact;
  readonly actual: Exact;
  readonly target: Exact;
  readonly direction: "higher" | "lower";
  /** The score in the zero case, when the rubric states one (`when 0 -> …`); else full points. */
  readonly zero?: () => Exact;
  readonly subject: string;
  readonly dim: Dim;
}

export function achievement(a: AchievementArgs): RuleOutcome {
  const show = (v: Exact): string => formatValue(v, a.dim);
  for (const [v, zh, en] of [
    [a.actual, "实际值", "actual value"],
    [a.target, "目标值", "target"],
  ] as const) {
    if (v.sign() < 0) {
      return {
        problem: "out-of-domain",
        text: {
          zh: `「${a.subject}」的${zh} ${show(v)} 为负，完成比无意义`,
          en: `the ${en} of '${a.subject}' is ${show(v)}: negative, no achievement ratio`,
        },
      };
    }
  }
  const higher = a.direction === "higher";
  const dirZh = higher ? "正向" : "反向";
  const dirEn = higher ? "higher is better" : "lower is better";
  const denominator = higher ? a.target : a.actual;
  if (denominator.isZero()) {
    const why = higher
      ? { zh: `目标值为 0，视为达成`, en: `the target is 0: target met` }
      : { zh: `实际值为 0（${dirZh}），视为达成`, en: `the actual value is 0 (lower is better): target met` };
    if (a.zero) {
      const v = a.zero();
      return {
        value: v,
        trace: () => ({
          zh: `${a.subject}：${why.zh}，按「当 0」得 ${v.toString(6)}`,
          en: `${a.subject}: ${why.en}; 'when 0' gives ${v.toString(6)}`,
        }),
      };
    }
    return {
      value: a.points,
      trace: () => ({
        zh: `${a.subject}：${why.zh}，得满分 ${a.points.toString(6)}`,
        en: `${a.subject}: ${why.en}; full points ${a.points.toString(6)}`,
      }),
    };
  }
  const ratio = higher ? a.actual.div(a.target) : a.target.div(a.actual);
  const capped = ratio.gt(Exact.ONE);
  const used = capped ? Exact.ONE : ratio;
  const value = a.points.mul(used);
  const pct = (v: Exact): string => formatValue(v, "ratio");
  const quotient = higher ? `${show(a.actual)} / ${show(a.target)}` : `${show(a.target)} / ${show(a.actual)}`;
  const names = higher ? { zh: "实际 / 目标", en: "actual / target" } : { zh: "目标 / 实际", en: "target / actual" };
  return {
    value,
    trace: () => ({
      zh: `完成比 ${a.subject}（${dirZh}）：${names.zh} = ${quotient} = ${pct(ratio)}${capped ? "，封顶 100%" : ""}：${a.points.toString(6)} × ${pct(used)} = ${value.toString(6)}`,
      en: `achievement of ${a.subject} (${dirEn}): ${names.en} = ${quotient} = ${pct(ratio)}${capped ? ", capped at 100%" : ""}: ${a.points.toString(6)} × ${pct(used)} = ${value.toString(6)}`,
    }),
  };
}

export function isProblem(o: RuleOutcome): o is RuleProblem {
  return "problem" in o;
}

/**
 * Trace lines, in Chinese and English: one wording for the reference
 * evaluator and for compiled scorers, so their reports read the same.
 */
import { Exact, type RoundingMode } from "./exact.js";
import type { Clamp, Text } from "./report.js";
import { showDate } from "./dates.js";

export type Dim = "money" | "count" | "ratio" | "points" | "plain" | "date";

const HUNDRED = Exact.int(100);

/** A number as the author would write it: ratios as percentages. */
export function formatValue(v: Exact, dim: Dim): string {
  if (dim === "ratio") return `${v.mul(HUNDRED).toString(6)}%`;
  if (dim === "date") return showDate(v);
  return v.toString(6);
}

export const trace = {
  condition(text: string, value: boolean): Text {
    return { zh: `条件 ${text} 为${value ? "真" : "假"}`, en: `${text} is ${value}` };
  },
  judged(value: Exact, reason?: string): Text {
    return {
      zh: `酌情评定 ${value.toString()}${reason ? `（${reason}）` : ""}`,
      en: `judged ${value.toString()}${reason ? ` (${reason})` : ""}`,
    };
  },
  band(subject: string, shown: string, arm: string, result: string): Text {
    return {
      zh: `${subject} = ${shown}，命中分档 ${arm} → ${result}`,
      en: `${subject} = ${shown} falls in band ${arm} → ${result}`,
    };
  },
  tier(subject: string, shown: string, result: string): Text {
    return { zh: `${subject} = ${shown} → ${result}`, en: `${subject} = ${shown} → ${result}` };
  },
  deductPer(amount: Exact, n: Exact, points: Exact, result: Exact): Text {
    const d = amount.mul(n);
    return {
      zh: `每项扣 ${amount.toString()}，共 ${n.toString()} 项，扣 ${d.toString()}：${points.toString()} − ${d.toString()} = ${result.toString()}`,
      en: `deduct ${amount.toString()} × ${n.toString()} = ${d.toString()}: ${points.toString()} − ${d.toString()} = ${result.toString()}`,
    };
  },
  noDeduction(subject: string, shown: string, direction: "over" | "under", threshold: string): Text {
    return {
      zh: `${subject} = ${shown} 未${direction === "over" ? "超出" : "低于"} ${threshold}，不扣分`,
      en: `${subject} = ${shown} is not ${direction} ${threshold}: no deduction`,
    };
  },
  deductBeyond(
    subject: string,
    shown: string,
    direction: "over" | "under",
    threshold: string,
    beyond: string,
    step: string,
    amount: Exact,
    deducted: Exact,
    points: Exact,
    result: Exact,
  ): Text {
    return {
      zh: `${subject} = ${shown}，${direction === "over" ? "超出" : "低于"} ${threshold} ${beyond}，按每 ${step} 扣 ${amount.toString()}，扣 ${deducted.toString(6)}：${points.toString()} − ${deducted.toString(6)} = ${result.toString(6)}`,
      en: `${subject} = ${shown} is ${beyond} ${direction} ${threshold}; ${amount.toString()} per ${step} deducts ${deducted.toString(6)}: ${points.toString()} − ${deducted.toString(6)} = ${result.toString(6)}`,
    };
  },
  ruleCall(rule: string, args: readonly string[], result: string): Text {
    return { zh: `规则 ${rule}(${args.join(", ")}) = ${result}`, en: `rule ${rule}(${args.join(", ")}) = ${result}` };
  },
  conditionRule(met: boolean): Text {
    return {
      zh: `条件${met ? "满足，得满分" : "不满足，得 0 分"}`,
      en: met ? "condition met: full points" : "condition not met: 0",
    };
  },
  veto(cond: string): Text {
    return { zh: `否决条件 ${cond} 成立，本指标得 0 分`, en: `veto ${cond} holds: the indicator scores 0` };
  },
  exempt(cond: string): Text {
    return { zh: `免评条件 ${cond} 成立，直接得满分`, en: `exemption ${cond} holds: full points` };
  },
  wholeJudged(value: Exact, reason?: string): Text {
    return {
      zh: `整体酌情评定 ${value.toString()}${reason ? `（${reason}）` : ""}`,
      en: `judged as a whole: ${value.toString()}${reason ? ` (${reason})` : ""}`,
    };
  },
  rounded(what: Text, from: Exact, digits: number, mode: RoundingMode, to: Exact): Text {
    const modeZh = { "half-up": "四舍五入", "half-even": "银行家舍入", down: "舍去", up: "进一" }[mode];
    return {
      zh: `${what.zh} ${from.toString()} 按 ${digits} 位小数${modeZh}为 ${to.toString()}`,
      en: `${what.en} ${from.toString()} rounded ${mode} to ${digits} places: ${to.toString()}`,
    };
  },
  overridden(value: Exact, computed: Exact | null, reason: string): Text {
    return {
      zh: `改判为 ${value.toString()}（计算得分 ${computed?.toString() ?? "未能计算"}）：${reason}`,
      en: `overridden to ${value.toString()} (computed ${computed?.toString() ?? "not computable"}): ${reason}`,
    };
  },
};

/** Clamps to [0, hi], recording the clamp. */
export function clampPoints(v: Exact, hi: Exact, clamps: Clamp[]): Exact {
  if (v.sign() < 0) {
    clamps.push({ from: v.toString(), to: "0", bound: "lower" });
    return Exact.ZERO;
  }
  if (v.gt(hi)) {
    clamps.push({ from: v.toString(), to: hi.toString(), bound: "upper" });
    return hi;
  }
  return v;
}

export const PART_TEXT: Text = { zh: "得分项", en: "part" };
export const INDICATOR_TEXT: Text = { zh: "指标得分", en: "indicator score" };

/** Adds a line unless the same line is already there: a `min` inside `each` can repeat itself. */
export function pushOnce(lines: Text[] | undefined, line: Text): void {
  if (lines && !lines.some((l) => l.zh === line.zh && l.en === line.en)) lines.push(line);
}

/** A let's value as shown in traces: numbers, booleans and arrays of them (records and text are not traced). */
export function showLetValue(v: unknown, dim: Dim): string {
  if (v instanceof Exact) return formatValue(v, dim);
  if (typeof v === "boolean") return v ? "true" : "false";
  if (Array.isArray(v)) return `[${v.map((x) => showLetValue(x, dim)).join(", ")}]`;
  return String(v);
}

export const exprTrace = {
  /** `name = expression = value`; the expression is left out when it already is the value. */
  letValue(name: string, text: string, shown: string): Text {
    const line = text === shown ? `${name} = ${shown}` : `${name} = ${text} = ${shown}`;
    return { zh: line, en: line };
  },
  /** A `min` that capped its first argument, or a `max` that raised it. */
  bounded(fn: "min" | "max", args: readonly string[], result: string): Text {
    const head = `${fn}(${args.join(", ")}) = ${result}`;
    return fn === "min"
      ? { zh: `${head}（封顶）`, en: `${head} (capped)` }
      : { zh: `${head}（保底）`, en: `${head} (raised to the lower bound)` };
  },
  rounded(text: string, from: string, to: string): Text {
    return { zh: `${text}：${from} 取整为 ${to}`, en: `${text}: ${from} rounds to ${to}` };
  },
  /** Issue 11, rule kind 6: the days between two dates (`完成日期 − 2023-06-30`). */
  dateDiff(text: string, later: Exact, earlier: Exact): Text {
    const days = later.sub(earlier);
    const head = `${text} = ${showDate(later)} − ${showDate(earlier)}`;
    return { zh: `${head} = ${days.toString()} 天`, en: `${head} = ${days.toString()} day(s)` };
  },
};

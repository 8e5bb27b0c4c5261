/**
 * Rules, types and ranges in plain words, in Chinese or English: what a
 * hover says about an indicator's rule or an expression's values.
 */
import { Exact } from "../runtime/exact.js";
import type * as A from "../compiler/syntax/ast.js";
import type { Lang } from "../compiler/diagnostics/diagnostic.js";
import * as I from "../compiler/analysis/interval.js";
import { typeToString, type Dim, type ValueType } from "../compiler/model/types.js";
import type { ExprInfo } from "../compiler/analysis/infer.js";
import { say } from "./lang.js";
import { showDate } from "../runtime/dates.js";

const HUNDRED = Exact.int(100);
const TEN_THOUSAND = Exact.int(10000);

/** A number in the unit an author writes: ratios as percentages, money in 元 (or 万元). */
export function formatNumber(v: Exact, dim: Dim, moneyUnit?: "元" | "万元"): string {
  if (dim === "date") return showDate(v);
  if (dim === "ratio") return `${v.mul(HUNDRED).toString(6)}%`;
  if (dim === "money") return moneyUnit === "万元" ? `${v.div(TEN_THOUSAND).toString(6)}万元` : `${v.toString(6)}元`;
  return v.toString(6);
}

export function formatRange(r: I.Range, dim: Dim, moneyUnit?: "元" | "万元"): string {
  return I.formatRange(r, (v) => formatNumber(v, dim, moneyUnit));
}

export function describeType(t: ValueType, lang: Lang): string {
  return typeToString(t, lang);
}

/** "ratio, in [0%, 100%]" — an expression's type and the values it can take. */
export function describeInfo(info: ExprInfo, lang: Lang): string {
  const t = describeType(info.type, lang);
  const dim =
    info.type.kind === "num"
      ? info.type.dim
      : info.type.kind === "array" && info.type.element.kind === "num"
        ? info.type.element.dim
        : undefined;
  if (dim === undefined) return t;
  const day = dim === "date" && info.range.lo && info.range.hi?.v.eq(info.range.lo.v) ? info.range.lo.v : undefined;
  if (day) return describeDay(day, lang);
  const full = !info.range.lo && !info.range.hi;
  const r = full ? say(lang, "任意值", "any value") : formatRange(info.range, dim);
  return say(lang, `${t}，取值范围 ${r}`, `${t}, ranging over ${r}`);
}

const WEEKDAYS_ZH = ["日", "一", "二", "三", "四", "五", "六"];
const WEEKDAYS_EN = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** Issue 11, rule kind 6: a date in words, with its weekday ("日期：2023 年 6 月 30 日，星期五"). */
function describeDay(day: Exact, lang: Lang): string {
  const iso = showDate(day);
  const [y, m, d] = iso.split("-").map(Number);
  const wd = new Date(Number(day.num) * 86_400_000).getUTCDay();
  return say(
    lang,
    `日期：${y} 年 ${m} 月 ${d} 日，星期${WEEKDAYS_ZH[wd] ?? ""}`,
    `a date: ${WEEKDAYS_EN[wd] ?? ""} ${iso}`,
  );
}

/** Source text of a piece of the document, on one line and not too long. */
export function sourceOf(text: string, span: A.Span, max = 100): string {
  const s = text.slice(span.start, span.end).replace(/\s+/g, " ").trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function armCondition(arm: A.BandArm, src: (e: A.Expr) => string, lang: Lang): string {
  const c = arm.cond;
  if (c.kind === "otherwise") return say(lang, "其他情况", "otherwise");
  if (c.kind === "compare")
    return `${c.op === ">=" ? "≥" : c.op === "<=" ? "≤" : c.op === "!=" ? "≠" : c.op} ${src(c.value)}`;
  return `${c.interval.loClosed ? "[" : "("}${src(c.interval.lo)}, ${src(c.interval.hi)}${c.interval.hiClosed ? "]" : ")"}`;
}

/**
 * A rule in plain words, as lines: the form of the rule (bands listed,
 * deductions explained), or the formula when it is plain arithmetic.
 */
export function describeRule(rule: A.Expr, points: Exact, text: string, lang: Lang, info?: ExprInfo): string[] {
  const src = (e: A.Expr): string => sourceOf(text, e.span, 60);
  const pts = points.toString(6);
  switch (rule.kind) {
    case "Judged": {
      const iv = (x: A.Interval): string =>
        `${x.loClosed ? "[" : "("}${src(x.lo)}, ${src(x.hi)}${x.hiClosed ? "]" : ")"}`;
      const b = rule.bounds ? iv(rule.bounds) : `[0, ${pts}]`;
      const share = say(lang, `（% 为占满分 ${pts} 的比例）`, ` (a % is a share of the ${pts} points)`);
      if (rule.deduction) {
        return [
          say(
            lang,
            `酌情扣分：「${src(rule.deduction.when)}」成立时，由评定给出扣分 ${b}，得 ${pts} − 扣分；不成立时得满分 ${pts}${share}`,
            `judged deduction: when ${src(rule.deduction.when)} holds, the judgement deducts ${b} from ${pts}; otherwise full ${pts}${share}`,
          ),
        ];
      }
      if (rule.verdict) {
        const v = src(rule.verdict.subject);
        const head = say(lang, `酌情评分，范围取决于结论「${v}」`, `judged, within the interval of the verdict ${v}`);
        if (rule.verdict.scale)
          return [
            `${head}${say(lang, `，按档次「${rule.verdict.scale.text}」${share}`, `, by scale ${rule.verdict.scale.text}${share}`)}`,
          ];
        return [
          `${head}${say(lang, `：${share}`, `:${share}`)}`,
          ...rule.verdict.arms.map(
            (a) =>
              `- ${a.member ? a.member.text : say(lang, "其他", "otherwise")} → ${a.interval ? iv(a.interval) : "?"}`,
          ),
        ];
      }
      return [say(lang, `酌情评分：由每个案例评定，范围 ${b}`, `judged: each example gives a score in ${b}`)];
    }
    case "Bands":
      return [
        say(lang, `按「${src(rule.subject)}」分档：`, `bands on ${src(rule.subject)}:`),
        ...rule.arms.map((a) => `- ${armCondition(a, src, lang)} → ${src(a.value)}`),
      ];
    case "Tiers":
      if (rule.scale) {
        return [
          say(
            lang,
            `按「${src(rule.subject)}」分类，各类得分见档次「${rule.scale.text}」（% 为占满分 ${pts} 的比例）`,
            `tiers by ${src(rule.subject)}, values from scale ${rule.scale.text} (a % is a share of the ${pts} points)`,
          ),
        ];
      }
      return [
        say(lang, `按「${src(rule.subject)}」分类：`, `tiers by ${src(rule.subject)}:`),
        ...rule.arms.map((a) => `- ${a.member ? a.member.text : say(lang, "其他", "otherwise")} → ${src(a.value)}`),
      ];
    case "DeductPer":
      if (rule.cap) {
        return [
          say(
            lang,
            `扣分：满分 ${pts}，每 1 个「${src(rule.count)}」扣 ${src(rule.amount)} 分，至多扣 ${src(rule.cap)} 分，扣完为止`,
            `deduction: ${pts} minus ${src(rule.amount)} for each of ${src(rule.count)}, at most ${src(rule.cap)} in all, not below 0`,
          ),
        ];
      }
      return [
        say(
          lang,
          `扣分：满分 ${pts}，每 1 个「${src(rule.count)}」扣 ${src(rule.amount)} 分，扣完为止`,
          `deduction: ${pts} minus ${src(rule.amount)} for each of ${src(rule.count)}, not below 0`,
        ),
      ];
    case "Achievement":
      return [describeAchievement(rule, pts, src, lang)];
    case "DeductBeyond": {
      if (rule.mode || rule.cap || rule.direction === "off") return [describeSteps(rule, pts, src, lang)];
      const over = rule.direction === "over";
      return [
        say(
          lang,
          `扣分：「${src(rule.subject)}」${over ? "超出" : "低于"} ${src(rule.threshold)} 时，每${over ? "超出" : "低于"} ${src(rule.step)} 扣 ${src(rule.amount)} 分（按比例），扣完为止；否则得满分 ${pts}`,
          `deduction: when ${src(rule.subject)} is ${over ? "over" : "under"} ${src(rule.threshold)}, ${src(rule.amount)} per ${src(rule.step)} ${over ? "above" : "below"} it (proportionally), not below 0; else full ${pts}`,
        ),
      ];
    }
    default:
      if (info?.type.kind === "bool") {
        return [
          say(
            lang,
            `条件「${src(rule)}」成立得满分 ${pts}，否则 0 分`,
            `condition: full ${pts} if ${src(rule)} holds, else 0`,
          ),
        ];
      }
      return [
        say(
          lang,
          `按公式计算：${sourceOf(text, rule.span)}（截取到 [0, ${pts}]）`,
          `computed: ${sourceOf(text, rule.span)} (clamped to [0, ${pts}])`,
        ),
      ];
  }
}

function describeSteps(rule: A.DeductBeyondExpr, pts: string, src: (e: A.Expr) => string, lang: Lang): string {
  const dirZh = { over: "超出", under: "低于", off: "偏离" }[rule.direction];
  const dirEn = { over: "above", under: "below", off: "away from" }[rule.direction];
  const step = src(rule.step);
  const howZh =
    rule.mode === "whole"
      ? `每满 ${step}（不足一档不扣）`
      : rule.mode === "started"
        ? `每起 ${step}（不足一档按一档）`
        : `按比例，每 ${step}`;
  const howEn =
    rule.mode === "whole"
      ? `per whole ${step} (an unfinished step costs nothing)`
      : rule.mode === "started"
        ? `per started ${step} (a started step counts in full)`
        : `proportionally per ${step}`;
  const capZh = rule.cap ? `，至多扣 ${src(rule.cap)} 分` : "";
  const capEn = rule.cap ? `, at most ${src(rule.cap)} in all` : "";
  return say(
    lang,
    `扣分：「${src(rule.subject)}」${dirZh} ${src(rule.threshold)} 的部分，${howZh}扣 ${src(rule.amount)} 分${capZh}，扣完为止；满分 ${pts}`,
    `deduction: for the distance of ${src(rule.subject)} ${dirEn} ${src(rule.threshold)}, ${src(rule.amount)} ${howEn}${capEn}, not below 0; out of ${pts}`,
  );
}

function describeAchievement(rule: A.AchievementExpr, pts: string, src: (e: A.Expr) => string, lang: Lang): string {
  const actual = rule.target ? src(rule.actual) : `${src(rule.actual)}.实际`;
  const target = rule.target ? src(rule.target) : `${src(rule.actual)}.目标`;
  const higher = rule.direction === "higher";
  const zeroZh =
    rule.zero === undefined ? "视为达成，得满分" : rule.zero === "full" ? "得满分" : `得 ${src(rule.zero)}`;
  const zeroEn =
    rule.zero === undefined
      ? "counts as target met: full points"
      : rule.zero === "full"
        ? "full points"
        : `${src(rule.zero)}`;
  return higher
    ? say(
        lang,
        `完成比（正向）：${pts} × 实际「${actual}」/ 目标「${target}」，不超过 ${pts}；目标为 0 时${zeroZh}`,
        `achievement (higher is better): ${pts} × ${actual} / ${target}, at most ${pts}; a target of 0 ${zeroEn}`,
      )
    : say(
        lang,
        `完成比（反向）：${pts} × 目标「${target}」/ 实际「${actual}」，不超过 ${pts}；实际为 0 时${zeroZh}`,
        `achievement (lower is better): ${pts} × ${target} / ${actual}, at most ${pts}; an actual value of 0 ${zeroEn}`,
      );
}

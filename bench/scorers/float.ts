/**
 * (d) The 盐田区委办 2023 rubric in plain JS numbers — the naive version, and
 * the speed limit without exactness. Same rules and order as (b)
 * (decimal-idiomatic.ts, which documents each rule); each indicator rounded
 * with `Math.round(x * 100) / 100`, the total printed with `toFixed(2)`.
 *
 * Why we don't ship this: 0.95 × 311.63 ÷ 311.63 need not be ≥ 0.95, a sum
 * that should be 1.985 may be 1.98499999…, so band edges and ties go the
 * wrong way. The bench counts the records where it differs from (b).
 */
import type { ScoreInput } from "../../src/runtime/scorer.js";
import { CHECKLIST, IND, JUDGED, flag, judged, override, text, wholeJudgement } from "./yantian.js";

type Values = ScoreInput["values"];

const part = (x: number, points: number): number => Math.min(Math.max(x, 0), points);
const num = (v: Values, name: string): number => Number(text(v[name], name));
const bool = (v: Values, name: string): boolean => flag(v[name], name);
const round2 = (x: number): number => Math.round(x * 100) / 100;

function checklist(input: ScoreInput, path: string, items: readonly (readonly [string, string])[]): number {
  const whole = wholeJudgement(input, path);
  if (whole !== undefined) return Number(whole);
  let sum = 0;
  for (const [item, max] of items) sum += Number(judged(input, item, max));
  return sum;
}

const deductPer = (points: number, each: number, n: number): number => part(points - n * each, points);
const PUBLICITY: Record<string, number> = { 按规定公开: 1.5, 公开但不合规: 1, 未公开: 0 };
const SCHEDULE = [0.25, 0.5, 0.75, 1];
const control = (rate: number): number => (rate < 0.9 ? 3 : rate <= 1 ? 2 : 0);

const INDICATORS: readonly [string, number, (v: Values, input: ScoreInput) => number][] = [
  [IND.预算编制合理性, 5, (_v, input) => checklist(input, IND.预算编制合理性, CHECKLIST.预算编制合理性)],
  [IND.预算编制规范性, 5, (v) => deductPer(5, 1, num(v, "预算编制不符合项数"))],
  [IND.绩效目标完整性, 5, (v) => deductPer(5, 1, num(v, "绩效目标不符合项数"))],
  [IND.绩效指标明确性, 5, (_v, input) => checklist(input, IND.绩效指标明确性, CHECKLIST.绩效指标明确性)],
  [
    IND.政府采购执行情况,
    2,
    (v, input) => {
      const planned = num(v, "采购计划金额");
      const actual = num(v, "实际采购金额");
      const rateScore = actual > planned ? 0 : part((actual / planned) * 1, 1);
      return rateScore + Number(judged(input, JUDGED.政策功能, "1"));
    },
  ],
  [
    IND.财务合规性,
    3,
    (v, input) => {
      if (bool(v, "违规支出")) return 0;
      const rate = num(v, "预算调整调剂金额") / num(v, "年初预算数");
      const adjustment = rate <= 0.1 ? 1 : part(1 - ((rate - 0.1) / 0.01) * 0.1, 1);
      return (
        Number(judged(input, JUDGED.资金支出规范性, "1")) +
        adjustment +
        Number(judged(input, JUDGED.会计核算规范性, "1"))
      );
    },
  ],
  [
    IND.预决算信息公开,
    3,
    (v) => {
      if (bool(v, "涉密不需公开")) return 3;
      return (
        (PUBLICITY[text(v["预算公开情况"], "预算公开情况")] ?? Number.NaN) +
        (PUBLICITY[text(v["决算公开情况"], "决算公开情况")] ?? Number.NaN)
      );
    },
  ],
  [IND.项目实施程序, 2, (_v, input) => checklist(input, IND.项目实施程序, CHECKLIST.项目实施程序)],
  [
    IND.项目监管,
    2,
    (v, input) => {
      const whole = wholeJudgement(input, IND.项目监管);
      if (whole !== undefined) return Number(whole);
      const failed = bool(v, "无检查监督证明材料") || bool(v, "专项资金评价结果为差");
      return (
        Number(judged(input, JUDGED.监控机制, "1")) + (failed ? 0 : Number(judged(input, JUDGED.检查监控整改, "1")))
      );
    },
  ],
  [IND.资产管理安全性, 2, (_v, input) => checklist(input, IND.资产管理安全性, CHECKLIST.资产管理安全性)],
  [
    IND.固定资产利用率,
    1,
    (v) => {
      const rate = num(v, "在用固定资产原值") / num(v, "固定资产原值总额");
      return rate >= 0.9 ? 1 : rate >= 0.75 ? 0.7 : rate >= 0.6 ? 0.4 : 0;
    },
  ],
  [IND.财政供养人员控制率, 1, (v) => (num(v, "在编人数") / num(v, "核定编制数") <= 1 ? 1 : 0)],
  [
    IND.编外人员控制率,
    1,
    (v) => {
      const outside = num(v, "编外人数");
      const rate = outside / (num(v, "在编人数") + outside);
      return rate < 0.05 ? 1 : rate <= 0.1 ? 0.5 : 0;
    },
  ],
  [IND.管理制度健全性, 3, (_v, input) => checklist(input, IND.管理制度健全性, CHECKLIST.管理制度健全性)],
  [
    IND.公用经费控制率,
    6,
    (v) => {
      return (
        control(num(v, "三公经费实际支出") / num(v, "三公经费预算数")) +
        control(num(v, "日常公用经费决算数") / num(v, "日常公用经费调整预算数"))
      );
    },
  ],
  [
    IND.预算执行率,
    6,
    (v) => {
      const progress = v["季度支出进度"];
      if (!Array.isArray(progress) || progress.length !== 4) throw new TypeError("季度支出进度: expected 4 ratios");
      let quarters = 0;
      let sum = 0;
      for (let q = 0; q < 4; q++) {
        const rate = Math.min(Number(text(progress[q], "季度支出进度")) / (SCHEDULE[q] ?? 1), 1);
        quarters += part(rate * 1, 1);
        sum += rate;
      }
      return quarters + part((sum / 4) * 2, 2);
    },
  ],
  [IND.重点工作完成情况, 8, (v) => deductPer(8, 4, num(v, "重点工作数") - num(v, "已完成重点工作数"))],
  [
    IND.项目完成及时性,
    6,
    (v) => {
      const planned = num(v, "计划项目数");
      const done = num(v, "已完成项目数");
      return done === planned ? 6 : part((done / planned) * 6, 6);
    },
  ],
  [IND.综合效益, 25, (_v, input) => Number(judged(input, IND.综合效益, "25"))],
  [
    IND.群众信访办理情况,
    3,
    (v, input) => {
      const letters = num(v, "信访件数");
      if (letters === 0) return 3;
      const answered = num(v, "已办理回复信访件数") === letters ? 1 : 0;
      const onTime = num(v, "及时办理回复信访件数") === letters ? 1 : 0;
      return Number(judged(input, JUDGED.反映渠道机制, "1")) + answered + onTime;
    },
  ],
  [
    IND.公众或服务对象满意度,
    6,
    (v) => {
      const s = num(v, "满意度");
      return s >= 0.95 ? 6 : s >= 0.9 ? 4 : s >= 0.8 ? 2 : 1;
    },
  ],
];

/** Scores one department; returns the total with 2 decimals. */
export function scoreFloat(input: ScoreInput): string {
  let total = 0;
  for (const [path, points, rule] of INDICATORS) {
    const overridden = override(input, path);
    total += overridden !== undefined ? Number(overridden) : round2(part(rule(input.values, input), points));
  }
  return total.toFixed(2);
}

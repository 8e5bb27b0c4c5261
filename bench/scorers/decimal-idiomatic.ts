/**
 * (b) The 盐田区委办 2023 rubric written by hand with decimal.js, the way a
 * competent developer would: default settings (20 significant digits,
 * ROUND_HALF_UP), each formula as the 评分标准 states it — divide where the
 * rule says divide, compare the quotient with the band's percentage — each
 * indicator rounded to 2 places half-up, the total the sum of those.
 *
 * It reads the same `ScoreInput` as the compiled module (money in 万元 as
 * written, ratios as fractions: "0.95" is 95%) and returns the total as
 * decimal text. It is not quite exact: a quotient that does not terminate
 * (a quarter's progress ÷ 75%, completed ÷ planned projects) is cut at 20
 * digits, and a sum that should land exactly on a tie (x.xx5) can land a
 * hair below it and round down — the bench counts how often.
 */
import { Decimal } from "decimal.js";
import type { InputValue, ScoreInput } from "../../src/runtime/scorer.js";
import { CHECKLIST, IND, JUDGED, flag, judged, override, text, wholeJudgement } from "./yantian.js";

const ZERO = new Decimal(0);
const ONE = new Decimal(1);

/** A part never scores below 0 nor above its points. */
function part(x: Decimal, points: Decimal.Value): Decimal {
  return Decimal.min(Decimal.max(x, ZERO), points);
}

type Values = ScoreInput["values"];

const num = (v: Values, name: string): Decimal => new Decimal(text(v[name], name));
const bool = (v: Values, name: string): boolean => flag(v[name], name);

/** Sum of the judged checklist items of an indicator (or its whole judgement). */
function checklist(input: ScoreInput, path: string, items: readonly (readonly [string, string])[]): Decimal {
  const whole = wholeJudgement(input, path);
  if (whole !== undefined) return new Decimal(whole);
  let sum = ZERO;
  for (const [item, max] of items) sum = sum.plus(judged(input, item, max));
  return sum;
}

/** 扣分：从满分起，每项扣 `each` 分，扣完为止。 */
const deductPer = (points: number, each: number, n: Decimal): Decimal =>
  part(new Decimal(points).minus(n.times(each)), points);

/** Tiers of 预决算信息公开. */
const PUBLICITY: Record<string, number> = { 按规定公开: 1.5, 公开但不合规: 1, 未公开: 0 };

function publicity(v: Values, name: string): number {
  const t = PUBLICITY[text(v[name], name)];
  if (t === undefined) throw new TypeError(`${name}: not a 公开情况`);
  return t;
}

/** 控制率 = 实际 / 预算：< 90% 得 3 分，[90%, 100%] 2 分，> 100% 0 分。 */
function control(v: Values, actual: string, budget: string): Decimal {
  const rate = num(v, actual).div(num(v, budget));
  if (rate.lt("0.9")) return new Decimal(3);
  if (rate.lte(1)) return new Decimal(2);
  return ZERO;
}

/** The indicators: path, points, and the rule giving the raw score (before the indicator's clamp and rounding). */
const INDICATORS: readonly [string, number, (v: Values, input: ScoreInput) => Decimal][] = [
  // 1. 部门预算编制……符合要求（5 个条目各 1 分，酌情评分）。
  [IND.预算编制合理性, 5, (_v, input) => checklist(input, IND.预算编制合理性, CHECKLIST.预算编制合理性)],
  // 发现一项不符合的扣 1 分，扣完为止。
  [IND.预算编制规范性, 5, (v) => deductPer(5, 1, num(v, "预算编制不符合项数"))],
  // 没按要求编报绩效目标……一项扣 1 分，扣完为止。
  [IND.绩效目标完整性, 5, (v) => deductPer(5, 1, num(v, "绩效目标不符合项数"))],
  [IND.绩效指标明确性, 5, (_v, input) => checklist(input, IND.绩效指标明确性, CHECKLIST.绩效指标明确性)],

  // 政府采购执行率得分 = 实际采购金额 / 采购计划金额 × 1 分；实际大于计划得 0 分。另：政策功能 1 分（酌情）。
  [
    IND.政府采购执行情况,
    2,
    (v, input) => {
      const planned = num(v, "采购计划金额");
      const actual = num(v, "实际采购金额");
      const rate = actual.div(planned);
      const rateScore = actual.gt(planned) ? ZERO : part(rate.times(1), 1);
      return rateScore.plus(judged(input, JUDGED.政策功能, "1"));
    },
  ],

  // 资金支出规范性 1 分（酌情）；调整调剂在年初预算 10% 以内得 1 分，超出一个百分点扣 0.1 分；会计核算 1 分（酌情）。
  // 发生违规支出的，本指标得 0 分。
  [
    IND.财务合规性,
    3,
    (v, input) => {
      if (bool(v, "违规支出")) return ZERO;
      const rate = num(v, "预算调整调剂金额").div(num(v, "年初预算数"));
      const tenPercent = new Decimal("0.1");
      const adjustment = rate.lte(tenPercent)
        ? ONE
        : part(ONE.minus(rate.minus(tenPercent).div("0.01").times("0.1")), 1);
      return new Decimal(judged(input, JUDGED.资金支出规范性, "1"))
        .plus(adjustment)
        .plus(judged(input, JUDGED.会计核算规范性, "1"));
    },
  ],

  // 预算公开、决算公开各 1.5 分：按规定公开 1.5，公开但不合规 1，未公开 0；涉密不需公开的直接得分。
  [
    IND.预决算信息公开,
    3,
    (v) => {
      if (bool(v, "涉密不需公开")) return new Decimal(3);
      return new Decimal(publicity(v, "预算公开情况")).plus(publicity(v, "决算公开情况"));
    },
  ],

  [IND.项目实施程序, 2, (_v, input) => checklist(input, IND.项目实施程序, CHECKLIST.项目实施程序)],

  // 监控机制 1 分（酌情）；检查监控整改 1 分（酌情），无法提供检查监督证明材料或专项资金评价结果为差的，此项 0 分。
  [
    IND.项目监管,
    2,
    (v, input) => {
      const whole = wholeJudgement(input, IND.项目监管);
      if (whole !== undefined) return new Decimal(whole);
      const monitoring = new Decimal(judged(input, JUDGED.监控机制, "1"));
      const failed = bool(v, "无检查监督证明材料") || bool(v, "专项资金评价结果为差");
      return monitoring.plus(failed ? ZERO : judged(input, JUDGED.检查监控整改, "1"));
    },
  ],

  [IND.资产管理安全性, 2, (_v, input) => checklist(input, IND.资产管理安全性, CHECKLIST.资产管理安全性)],

  // 固定资产利用率 = 在用 / 总额：≥ 90% 得 1 分，[75%, 90%) 0.7 分，[60%, 75%) 0.4 分，< 60% 0 分。
  [
    IND.固定资产利用率,
    1,
    (v) => {
      const rate = num(v, "在用固定资产原值").div(num(v, "固定资产原值总额"));
      if (rate.gte("0.9")) return ONE;
      if (rate.gte("0.75")) return new Decimal("0.7");
      if (rate.gte("0.6")) return new Decimal("0.4");
      return ZERO;
    },
  ],

  // 财政供养人员控制率 = 在编人数 / 核定编制数：≤ 100% 得 1 分，否则 0 分。
  [IND.财政供养人员控制率, 1, (v) => (num(v, "在编人数").div(num(v, "核定编制数")).lte(1) ? ONE : ZERO)],

  // 编外比率 = 编外 / (在编 + 编外)：< 5% 得 1 分，[5%, 10%] 0.5 分，> 10% 0 分。
  [
    IND.编外人员控制率,
    1,
    (v) => {
      const outside = num(v, "编外人数");
      const rate = outside.div(num(v, "在编人数").plus(outside));
      if (rate.lt("0.05")) return ONE;
      if (rate.lte("0.1")) return new Decimal("0.5");
      return ZERO;
    },
  ],

  [IND.管理制度健全性, 3, (_v, input) => checklist(input, IND.管理制度健全性, CHECKLIST.管理制度健全性)],

  // “三公”经费、日常公用经费控制率 = 实际 / 预算：< 90% 得 3 分，[90%, 100%] 2 分，> 100% 0 分。
  [
    IND.公用经费控制率,
    6,
    (v) => {
      return control(v, "三公经费实际支出", "三公经费预算数").plus(
        control(v, "日常公用经费决算数", "日常公用经费调整预算数"),
      );
    },
  ],

  // 各季度执行率 = 季度支出进度 / 序时进度（25%、50%、75%、100%），封顶 100%，各得 ×1 分；
  // 全年平均执行率 = Σ 季度执行率 ÷ 4，× 2 分。
  [
    IND.预算执行率,
    6,
    (v) => {
      const progress = v["季度支出进度"];
      if (!Array.isArray(progress) || progress.length !== 4) throw new TypeError("季度支出进度: expected 4 ratios");
      const schedule = ["0.25", "0.5", "0.75", "1"];
      const rates: Decimal[] = progress.map((p: InputValue, q) =>
        Decimal.min(new Decimal(text(p, "季度支出进度")).div(schedule[q] ?? "1"), ONE),
      );
      const quarters = rates.reduce((a, r) => a.plus(part(r.times(1), 1)), ZERO);
      const mean = rates.reduce((a, r) => a.plus(r), ZERO).div(4);
      return quarters.plus(part(mean.times(2), 2));
    },
  ],

  // 一项重点工作没有完成扣 4 分，扣完为止。
  [IND.重点工作完成情况, 8, (v) => deductPer(8, 4, num(v, "重点工作数").minus(num(v, "已完成重点工作数")))],

  // 全部按时完成 6 分；否则 已完成项目数 / 计划项目数 × 6 分。
  [
    IND.项目完成及时性,
    6,
    (v) => {
      const planned = num(v, "计划项目数");
      const done = num(v, "已完成项目数");
      return done.eq(planned) ? new Decimal(6) : part(done.div(planned).times(6), 6);
    },
  ],

  // 综合效益 25 分，酌情评分。
  [IND.综合效益, 25, (_v, input) => new Decimal(judged(input, IND.综合效益, "25"))],

  // 反映渠道机制 1 分（酌情）；办理回复率 100% 得 1 分；及时办理回复率 100% 得 1 分。全年无信访件的得满分。
  [
    IND.群众信访办理情况,
    3,
    (v, input) => {
      const letters = num(v, "信访件数");
      if (letters.isZero()) return new Decimal(3);
      const answered = num(v, "已办理回复信访件数").eq(letters) ? ONE : ZERO;
      const onTime = num(v, "及时办理回复信访件数").eq(letters) ? ONE : ZERO;
      return new Decimal(judged(input, JUDGED.反映渠道机制, "1")).plus(answered).plus(onTime);
    },
  ],

  // 满意度 ≥ 95% 得 6 分，[90%, 95%) 4 分，[80%, 90%) 2 分，< 80% 1 分。
  [
    IND.公众或服务对象满意度,
    6,
    (v) => {
      const s = num(v, "满意度");
      if (s.gte("0.95")) return new Decimal(6);
      if (s.gte("0.9")) return new Decimal(4);
      if (s.gte("0.8")) return new Decimal(2);
      return ONE;
    },
  ],
];

/** Scores one department; returns the total as decimal text. */
export function scoreDecimalIdiomatic(input: ScoreInput): string {
  let total = ZERO;
  for (const [path, points, rule] of INDICATORS) {
    const overridden = override(input, path);
    const score =
      overridden !== undefined
        ? new Decimal(overridden)
        : part(rule(input.values, input), points).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    total = total.plus(score);
  }
  return total.toString();
}

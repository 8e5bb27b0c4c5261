/**
 * (f′) The 盐田区委办 2023 rubric as one FEEL expression (DMN's expression
 * language), interpreted by feelin (npm) — the optional second interpreted
 * engine of the issue. FEEL has arithmetic, comparisons, `if`, lists and
 * `round half up`, so everything is native here: each indicator is an entry
 * of a FEEL context, the total their sum. Judgements come in as a context
 * keyed by path (`评定`), read with `get value`.
 *
 * feelin's API takes expression text and parses it on every call (there is
 * no compile-once entry point), and its numbers are JS numbers — so it is
 * both the slowest contender and not exact.
 */
import { evaluate } from "feelin";
import type { ScoreInput } from "../../src/runtime/scorer.js";
import { CHECKLIST, IND, JUDGED } from "./yantian.js";

const q = (s: string): string => JSON.stringify(s);
const sumOf = (items: readonly (readonly [string, string])[]): string =>
  items.map(([p, max]) => `j(${q(p)}, ${max})`).join(" + ");
const checklist = (path: string, items: readonly (readonly [string, string])[]): string =>
  `if w(${q(path)}) != null then w(${q(path)}) else ${sumOf(items)}`;

const INDICATORS: [string, number, string][] = [
  [IND.预算编制合理性, 5, checklist(IND.预算编制合理性, CHECKLIST.预算编制合理性)],
  [IND.预算编制规范性, 5, `5 - 1 * 预算编制不符合项数`],
  [IND.绩效目标完整性, 5, `5 - 1 * 绩效目标不符合项数`],
  [IND.绩效指标明确性, 5, checklist(IND.绩效指标明确性, CHECKLIST.绩效指标明确性)],
  [
    IND.政府采购执行情况,
    2,
    `(if 实际采购金额 > 采购计划金额 then 0 else 实际采购金额 / 采购计划金额 * 1) + j(${q(JUDGED.政策功能)}, 1)`,
  ],
  [
    IND.财务合规性,
    3,
    `if 违规支出 then 0 else j(${q(JUDGED.资金支出规范性)}, 1)
       + c(if 预算调整调剂金额 / 年初预算数 <= 0.1 then 1 else 1 - (预算调整调剂金额 / 年初预算数 - 0.1) / 0.01 * 0.1, 1)
       + j(${q(JUDGED.会计核算规范性)}, 1)`,
  ],
  [IND.预决算信息公开, 3, `if 涉密不需公开 then 3 else tier(预算公开情况) + tier(决算公开情况)`],
  [IND.项目实施程序, 2, checklist(IND.项目实施程序, CHECKLIST.项目实施程序)],
  [
    IND.项目监管,
    2,
    `if w(${q(IND.项目监管)}) != null then w(${q(IND.项目监管)}) else j(${q(JUDGED.监控机制)}, 1)
       + (if 无检查监督证明材料 or 专项资金评价结果为差 then 0 else j(${q(JUDGED.检查监控整改)}, 1))`,
  ],
  [IND.资产管理安全性, 2, checklist(IND.资产管理安全性, CHECKLIST.资产管理安全性)],
  [
    IND.固定资产利用率,
    1,
    `if 在用固定资产原值 / 固定资产原值总额 >= 0.9 then 1 else if 在用固定资产原值 / 固定资产原值总额 >= 0.75 then 0.7
       else if 在用固定资产原值 / 固定资产原值总额 >= 0.6 then 0.4 else 0`,
  ],
  [IND.财政供养人员控制率, 1, `if 在编人数 / 核定编制数 <= 1 then 1 else 0`],
  [
    IND.编外人员控制率,
    1,
    `if 编外人数 / (在编人数 + 编外人数) < 0.05 then 1 else if 编外人数 / (在编人数 + 编外人数) <= 0.1 then 0.5 else 0`,
  ],
  [IND.管理制度健全性, 3, checklist(IND.管理制度健全性, CHECKLIST.管理制度健全性)],
  [
    IND.公用经费控制率,
    6,
    `control(三公经费实际支出 / 三公经费预算数) + control(日常公用经费决算数 / 日常公用经费调整预算数)`,
  ],
  [
    IND.预算执行率,
    6,
    `sum(for k in [1, 2, 3, 4] return min([季度支出进度[k] / [0.25, 0.5, 0.75, 1][k], 1]))
       + mean(for k in [1, 2, 3, 4] return min([季度支出进度[k] / [0.25, 0.5, 0.75, 1][k], 1])) * 2`,
  ],
  [IND.重点工作完成情况, 8, `8 - 4 * (重点工作数 - 已完成重点工作数)`],
  [IND.项目完成及时性, 6, `if 已完成项目数 = 计划项目数 then 6 else 已完成项目数 / 计划项目数 * 6`],
  [IND.综合效益, 25, `j(${q(IND.综合效益)}, 25)`],
  [
    IND.群众信访办理情况,
    3,
    `if 信访件数 = 0 then 3 else j(${q(JUDGED.反映渠道机制)}, 1)
       + (if 已办理回复信访件数 = 信访件数 then 1 else 0) + (if 及时办理回复信访件数 = 信访件数 then 1 else 0)`,
  ],
  [
    IND.公众或服务对象满意度,
    6,
    `if 满意度 >= 0.95 then 6 else if 满意度 >= 0.9 then 4 else if 满意度 >= 0.8 then 2 else 1`,
  ],
];

/** The whole rubric: helper functions, one entry per indicator (clamped, rounded half-up to 2 places), the total. */
export const FEEL_RUBRIC = `{
  j: function(path, max) if get value(评定, path) = null then (if 其余满分 then max else null) else number(get value(评定, path)),
  w: function(path) if get value(评定, path) = null then null else number(get value(评定, path)),
  c: function(x, hi) min([max([x, 0]), hi]),
  tier: function(t) if t = "按规定公开" then 1.5 else if t = "公开但不合规" then 1 else 0,
  control: function(rate) if rate < 0.9 then 3 else if rate <= 1 then 2 else 0,
  scores: [
${INDICATORS.map(([path, points, rule]) => `    round half up(c(${rule}, ${points}), 2) /* ${path} */`).join(",\n")}
  ],
  total: sum(scores)
}.total`;

const NUMERIC = /^-?\d+(\.\d+)?$/;

/** The FEEL context of one department: numbers as JS numbers, judgements by path. */
function context(input: ScoreInput): Record<string, unknown> {
  const ctx: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input.values)) {
    ctx[k] = typeof v === "string" && NUMERIC.test(v) ? Number(v) : Array.isArray(v) ? v.map(Number) : v;
  }
  const judged: Record<string, string> = {};
  for (const [path, j] of Object.entries(input.judgements ?? {})) judged[path] = j.value;
  ctx["评定"] = judged;
  ctx["其余满分"] = input.judgeRestFull === true;
  return ctx;
}

export function scoreFeelin(input: ScoreInput): string {
  const { value, warnings } = evaluate(FEEL_RUBRIC, context(input));
  if (typeof value !== "number")
    throw new Error(`feelin: ${warnings.map((w) => w.message).join("; ") || String(value)}`);
  return value.toFixed(2);
}

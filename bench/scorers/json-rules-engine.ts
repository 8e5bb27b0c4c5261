/**
 * (f) The 盐田区委办 2023 rubric in json-rules-engine (npm), as idiomatically
 * as that engine allows: the inputs are facts; every band, tier, yes/no
 * branch, veto and exemption is a rule whose conditions use the engine's
 * own operators (greaterThanInclusive, lessThan, equal, fact-to-fact
 * comparisons such as 实际采购金额 > 采购计划金额); each rule's event names
 * the indicator part it scores and its score — a constant, or a fact
 * resolved into the event (`replaceFactsInEventParams`).
 *
 * What the engine cannot express natively is computed in dynamic facts
 * (JS functions of other facts), marked NOT NATIVE below: every division
 * (the ratios), arithmetic on scores (deduct 1 per item, 2 − 10 × rate, a
 * quarter's rate capped at 100%, the mean × 2, done/planned × 6) and the
 * lookup of judgements. Summing the parts, clamping, 四舍五入 to 2 places,
 * the veto > exemption > whole judgement precedence and the total happen
 * after the run, in `aggregate`: a rules engine fires events, it does not add
 * them up. Facts are JS numbers, as with any json-rules-engine integration,
 * so it inherits the float scorer's errors (the bench counts them).
 */
import {
  Engine,
  type Almanac,
  type Event,
  type NestedCondition,
  type RuleProperties,
  type TopLevelCondition,
} from "json-rules-engine";
import type { ScoreInput } from "../../src/runtime/scorer.js";
import { CHECKLIST, IND, JUDGED, override } from "./yantian.js";

type FactRef = { fact: string; params?: Record<string, unknown> };
type Score = number | FactRef;

// ---- building rules ----

const always: TopLevelCondition = { all: [] };
const when = (...all: NestedCondition[]): TopLevelCondition => ({ all });
const fact = (name: string, operator: string, value: unknown, params?: Record<string, unknown>): NestedCondition =>
  params ? { fact: name, operator, value, params } : { fact: name, operator, value };
const ref = (name: string, params?: Record<string, unknown>): FactRef =>
  params ? { fact: name, params } : { fact: name };

/** A rule scoring one part of an indicator when its conditions hold. */
const part = (
  indicator: string,
  name: string,
  points: number,
  conditions: TopLevelCondition,
  score: Score,
): RuleProperties => ({
  name: `${indicator}.${name}`,
  conditions,
  event: { type: "part", params: { indicator, part: name, points, score } },
});
const judgedPart = (indicator: string, name: string, points: number, path = `${indicator}.${name}`): RuleProperties =>
  part(indicator, name, points, always, ref("评定", { path, max: points }));
/** A whole judgement replaces the indicator's parts. */
const whole = (indicator: string): RuleProperties => ({
  name: `${indicator} 整体评定`,
  conditions: when(fact("整体评定", "notEqual", null, { path: indicator })),
  event: { type: "whole", params: { indicator, score: ref("整体评定", { path: indicator }) } },
});
const flagRule = (type: "veto" | "exempt", indicator: string, conditions: TopLevelCondition): RuleProperties => ({
  name: `${indicator} ${type}`,
  conditions,
  event: { type, params: { indicator } },
});
/** A checklist indicator: judged item by item, or as a whole. */
const checklist = (indicator: string, items: readonly (readonly [string, string])[]): RuleProperties[] => [
  whole(indicator),
  ...items.map(([path, max]) => judgedPart(indicator, path.slice(indicator.length + 1), Number(max), path)),
];
/** Bands of a ratio fact, each `[lower, upper)` written with the engine's operators. */
const band = (indicator: string, name: string, points: number, arms: [NestedCondition[], number][]): RuleProperties[] =>
  arms.map(([conds, score], i) => ({
    ...part(indicator, name, points, when(...conds), score),
    name: `${indicator}.${name} #${i + 1}`,
  }));
const ge = (subject: string, v: number) => fact(subject, "greaterThanInclusive", v);
const gt = (subject: string, v: number) => fact(subject, "greaterThan", v);
const lt = (subject: string, v: number) => fact(subject, "lessThan", v);
const le = (subject: string, v: number) => fact(subject, "lessThanInclusive", v);

// ---- the rubric ----

const I = IND;
const PUBLICITY: [string, number][] = [
  ["按规定公开", 1.5],
  ["公开但不合规", 1],
  ["未公开", 0],
];

const RULES: RuleProperties[] = [
  ...checklist(I.预算编制合理性, CHECKLIST.预算编制合理性),
  part(
    I.预算编制规范性,
    "预算编制规范性",
    5,
    always,
    ref("扣分后得分", { points: 5, each: 1, count: "预算编制不符合项数" }),
  ),
  part(
    I.绩效目标完整性,
    "绩效目标完整性",
    5,
    always,
    ref("扣分后得分", { points: 5, each: 1, count: "绩效目标不符合项数" }),
  ),
  ...checklist(I.绩效指标明确性, CHECKLIST.绩效指标明确性),

  part(I.政府采购执行情况, "执行率得分", 1, when(fact("实际采购金额", "greaterThan", ref("采购计划金额"))), 0),
  part(
    I.政府采购执行情况,
    "执行率得分",
    1,
    when(fact("实际采购金额", "lessThanInclusive", ref("采购计划金额"))),
    ref("政府采购执行率"),
  ),
  judgedPart(I.政府采购执行情况, "政策功能", 1),

  flagRule("veto", I.财务合规性, when(fact("违规支出", "equal", true))),
  judgedPart(I.财务合规性, "资金支出规范性", 1),
  part(I.财务合规性, "调整调剂规范性", 1, when(le("调整率", 0.1)), 1),
  part(I.财务合规性, "调整调剂规范性", 1, when(gt("调整率", 0.1)), ref("调整调剂扣分后得分")),
  judgedPart(I.财务合规性, "会计核算规范性", 1),

  flagRule("exempt", I.预决算信息公开, when(fact("涉密不需公开", "equal", true))),
  ...PUBLICITY.map(([m, s]) => part(I.预决算信息公开, "预算公开", 1.5, when(fact("预算公开情况", "equal", m)), s)),
  ...PUBLICITY.map(([m, s]) => part(I.预决算信息公开, "决算公开", 1.5, when(fact("决算公开情况", "equal", m)), s)),

  ...checklist(I.项目实施程序, CHECKLIST.项目实施程序),

  whole(I.项目监管),
  judgedPart(I.项目监管, "监控机制", 1),
  part(
    I.项目监管,
    "检查监控整改",
    1,
    { any: [fact("无检查监督证明材料", "equal", true), fact("专项资金评价结果为差", "equal", true)] },
    0,
  ),
  part(
    I.项目监管,
    "检查监控整改",
    1,
    when(fact("无检查监督证明材料", "equal", false), fact("专项资金评价结果为差", "equal", false)),
    ref("评定", { path: JUDGED.检查监控整改, max: 1 }),
  ),

  ...checklist(I.资产管理安全性, CHECKLIST.资产管理安全性),

  ...band(I.固定资产利用率, "固定资产利用率", 1, [
    [[ge("利用率", 0.9)], 1],
    [[ge("利用率", 0.75), lt("利用率", 0.9)], 0.7],
    [[ge("利用率", 0.6), lt("利用率", 0.75)], 0.4],
    [[lt("利用率", 0.6)], 0],
  ]),
  ...band(I.财政供养人员控制率, "财政供养人员控制率", 1, [
    [[le("供养控制率", 1)], 1],
    [[gt("供养控制率", 1)], 0],
  ]),
  ...band(I.编外人员控制率, "编外人员控制率", 1, [
    [[lt("编外比率", 0.05)], 1],
    [[ge("编外比率", 0.05), le("编外比率", 0.1)], 0.5],
    [[gt("编外比率", 0.1)], 0],
  ]),

  ...checklist(I.管理制度健全性, CHECKLIST.管理制度健全性),

  ...(["三公经费控制率", "日常公用经费控制率"] as const).flatMap((rate) =>
    band(I.公用经费控制率, rate === "三公经费控制率" ? "三公经费" : "日常公用经费", 3, [
      [[lt(rate, 0.9)], 3],
      [[ge(rate, 0.9), le(rate, 1)], 2],
      [[gt(rate, 1)], 0],
    ]),
  ),

  ...["一季度", "二季度", "三季度", "四季度"].map((q, i) =>
    part(I.预算执行率, q, 1, always, ref("季度执行率", { q: i })),
  ),
  part(I.预算执行率, "全年平均", 2, always, ref("全年平均得分")),

  part(
    I.重点工作完成情况,
    "重点工作完成情况",
    8,
    always,
    ref("扣分后得分", { points: 8, each: 4, count: "未完成重点工作数" }),
  ),

  part(I.项目完成及时性, "项目完成及时性", 6, when(fact("已完成项目数", "equal", ref("计划项目数"))), 6),
  part(
    I.项目完成及时性,
    "项目完成及时性",
    6,
    when(fact("已完成项目数", "notEqual", ref("计划项目数"))),
    ref("项目完成率得分"),
  ),

  judgedPart(I.综合效益, "综合效益", 25, I.综合效益),

  flagRule("exempt", I.群众信访办理情况, when(fact("信访件数", "equal", 0))),
  judgedPart(I.群众信访办理情况, "反映渠道机制", 1),
  part(I.群众信访办理情况, "办理回复率", 1, when(fact("已办理回复信访件数", "equal", ref("信访件数"))), 1),
  part(I.群众信访办理情况, "办理回复率", 1, when(fact("已办理回复信访件数", "notEqual", ref("信访件数"))), 0),
  part(I.群众信访办理情况, "及时办理回复率", 1, when(fact("及时办理回复信访件数", "equal", ref("信访件数"))), 1),
  part(I.群众信访办理情况, "及时办理回复率", 1, when(fact("及时办理回复信访件数", "notEqual", ref("信访件数"))), 0),

  ...band(I.公众或服务对象满意度, "公众或服务对象满意度", 6, [
    [[ge("满意度", 0.95)], 6],
    [[ge("满意度", 0.9), lt("满意度", 0.95)], 4],
    [[ge("满意度", 0.8), lt("满意度", 0.9)], 2],
    [[lt("满意度", 0.8)], 1],
  ]),
];

/** Indicator points, in the order of the 评分表. */
const POINTS: [string, number][] = [
  [I.预算编制合理性, 5],
  [I.预算编制规范性, 5],
  [I.绩效目标完整性, 5],
  [I.绩效指标明确性, 5],
  [I.政府采购执行情况, 2],
  [I.财务合规性, 3],
  [I.预决算信息公开, 3],
  [I.项目实施程序, 2],
  [I.项目监管, 2],
  [I.资产管理安全性, 2],
  [I.固定资产利用率, 1],
  [I.财政供养人员控制率, 1],
  [I.编外人员控制率, 1],
  [I.管理制度健全性, 3],
  [I.公用经费控制率, 6],
  [I.预算执行率, 6],
  [I.重点工作完成情况, 8],
  [I.项目完成及时性, 6],
  [I.综合效益, 25],
  [I.群众信访办理情况, 3],
  [I.公众或服务对象满意度, 6],
];

// ---- dynamic facts (NOT NATIVE: the engine has no arithmetic) ----

const value = <T>(a: Almanac, name: string): Promise<T> => a.factValue<T>(name);
type Judgements = NonNullable<ScoreInput["judgements"]>;

function addFacts(engine: Engine): void {
  const ratio = (name: string, num: string, den: (a: Almanac) => Promise<number>): void => {
    engine.addFact<Promise<number>>(name, async (_p, a) => (await value<number>(a, num)) / (await den(a)));
  };
  ratio("政府采购执行率", "实际采购金额", (a) => value(a, "采购计划金额"));
  ratio("调整率", "预算调整调剂金额", (a) => value(a, "年初预算数"));
  ratio("利用率", "在用固定资产原值", (a) => value(a, "固定资产原值总额"));
  ratio("供养控制率", "在编人数", (a) => value(a, "核定编制数"));
  ratio(
    "编外比率",
    "编外人数",
    async (a) => (await value<number>(a, "在编人数")) + (await value<number>(a, "编外人数")),
  );
  ratio("三公经费控制率", "三公经费实际支出", (a) => value(a, "三公经费预算数"));
  ratio("日常公用经费控制率", "日常公用经费决算数", (a) => value(a, "日常公用经费调整预算数"));
  // 超出 10% 的部分每个百分点扣 0.1 分。
  engine.addFact<Promise<number>>(
    "调整调剂扣分后得分",
    async (_p, a) => 1 - (((await value<number>(a, "调整率")) - 0.1) / 0.01) * 0.1,
  );
  // 每项扣 `each` 分（扣完为止由 aggregate 的 clamp 完成）。
  engine.addFact<Promise<number>>(
    "扣分后得分",
    async (p, a) => (p["points"] as number) - (p["each"] as number) * (await value<number>(a, p["count"] as string)),
  );
  engine.addFact<Promise<number>>(
    "未完成重点工作数",
    async (_p, a) => (await value<number>(a, "重点工作数")) - (await value<number>(a, "已完成重点工作数")),
  );
  const SCHEDULE = [0.25, 0.5, 0.75, 1];
  engine.addFact<Promise<number>>("季度执行率", async (p, a) => {
    const q = p["q"] as number;
    return Math.min(((await value<number[]>(a, "季度支出进度"))[q] ?? 0) / (SCHEDULE[q] ?? 1), 1);
  });
  engine.addFact<Promise<number>>("全年平均得分", async (_p, a) => {
    let sum = 0;
    for (let q = 0; q < 4; q++) sum += await a.factValue<number>("季度执行率", { q });
    return (sum / 4) * 2;
  });
  engine.addFact<Promise<number>>(
    "项目完成率得分",
    async (_p, a) => ((await value<number>(a, "已完成项目数")) / (await value<number>(a, "计划项目数"))) * 6,
  );
  engine.addFact<Promise<number>>("评定", async (p, a) => {
    const j = (await value<Judgements>(a, "judgements"))[p["path"] as string];
    if (j) return Number(j.value);
    if (await value<boolean>(a, "judgeRestFull")) return p["max"] as number;
    throw new Error(`'${String(p["path"])}' is judged: the input must judge it`);
  });
  engine.addFact<Promise<number | null>>("整体评定", async (p, a) => {
    const j = (await value<Judgements>(a, "judgements"))[p["path"] as string];
    return j ? Number(j.value) : null;
  });
}

// ---- running ----

const NUMERIC = new Set([
  "预算编制不符合项数",
  "绩效目标不符合项数",
  "采购计划金额",
  "实际采购金额",
  "年初预算数",
  "预算调整调剂金额",
  "固定资产原值总额",
  "在用固定资产原值",
  "核定编制数",
  "在编人数",
  "编外人数",
  "三公经费预算数",
  "三公经费实际支出",
  "日常公用经费调整预算数",
  "日常公用经费决算数",
  "重点工作数",
  "已完成重点工作数",
  "计划项目数",
  "已完成项目数",
  "信访件数",
  "已办理回复信访件数",
  "及时办理回复信访件数",
  "满意度",
]);

/** The facts of one department: numbers as JS numbers. */
function facts(input: ScoreInput): Record<string, unknown> {
  const out: Record<string, unknown> = {
    judgements: input.judgements ?? {},
    judgeRestFull: input.judgeRestFull === true,
  };
  for (const [k, v] of Object.entries(input.values)) {
    out[k] = NUMERIC.has(k)
      ? Number(v)
      : Array.isArray(v)
        ? v.map(Number)
        : v === "true" || v === "是"
          ? true
          : v === "false" || v === "否"
            ? false
            : v;
  }
  return out;
}

interface Tally {
  veto: boolean;
  exempt: boolean;
  whole?: number;
  parts: number;
}

/** NOT NATIVE: precedence, clamping, 四舍五入 and the total. */
function aggregate(events: Event[], input: ScoreInput): string {
  const by = new Map<string, Tally>();
  const tally = (ind: string): Tally => {
    let t = by.get(ind);
    if (!t) by.set(ind, (t = { veto: false, exempt: false, parts: 0 }));
    return t;
  };
  for (const e of events) {
    const p = e.params ?? {};
    const t = tally(p["indicator"] as string);
    if (e.type === "veto") t.veto = true;
    else if (e.type === "exempt") t.exempt = true;
    else if (e.type === "whole") t.whole = p["score"] as number;
    else t.parts += Math.min(Math.max(p["score"] as number, 0), p["points"] as number);
  }
  let total = 0;
  for (const [path, points] of POINTS) {
    const o = override(input, path);
    if (o !== undefined) {
      total += Number(o);
      continue;
    }
    const t = tally(path);
    const raw = t.veto ? 0 : t.exempt ? points : (t.whole ?? t.parts);
    total += Math.round(Math.min(Math.max(raw, 0), points) * 100) / 100;
  }
  return total.toFixed(2);
}

export function createJsonRulesEngineScorer(): (input: ScoreInput) => Promise<string> {
  const engine = new Engine(RULES, { replaceFactsInEventParams: true });
  addFacts(engine);
  return async (input) => {
    const { events } = await engine.run(facts(input));
    return aggregate(events, input);
  };
}

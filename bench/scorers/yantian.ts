/**
 * What the hand-written scorers of the 盐田区委办 2023 rubric share: the
 * indicator paths (after the rubric's `rename`, 项目监管 is 项目管理.项目管理)
 * and how they read a `ScoreInput` — the same input the compiled module and
 * the reference evaluator take.
 *
 * The hand-written scorers do no validation (the bench feeds them valid
 * records); they read values as decimal text ("311.63", or a JS number read
 * through its shortest text), judgements and overrides by FULL indicator path
 * (the compiled module also accepts a path suffix such as "综合效益").
 */
import type { InputValue, ScoreInput } from "../../src/runtime/scorer.js";

/** Full paths of the 21 indicators, in the order of the 评分表. */
export const IND = {
  预算编制合理性: "部门决策.预算编制.预算编制合理性",
  预算编制规范性: "部门决策.预算编制.预算编制规范性",
  绩效目标完整性: "部门决策.目标设置.绩效目标完整性",
  绩效指标明确性: "部门决策.目标设置.绩效指标明确性",
  政府采购执行情况: "部门管理.资金管理.政府采购执行情况",
  财务合规性: "部门管理.资金管理.财务合规性",
  预决算信息公开: "部门管理.资金管理.预决算信息公开",
  项目实施程序: "部门管理.项目管理.项目实施程序",
  项目监管: "部门管理.项目管理.项目管理",
  资产管理安全性: "部门管理.资产管理.资产管理安全性",
  固定资产利用率: "部门管理.资产管理.固定资产利用率",
  财政供养人员控制率: "部门管理.人员管理.财政供养人员控制率",
  编外人员控制率: "部门管理.人员管理.编外人员控制率",
  管理制度健全性: "部门管理.制度管理.管理制度健全性",
  公用经费控制率: "部门绩效.经济性.公用经费控制率",
  预算执行率: "部门绩效.效率性.预算执行率",
  重点工作完成情况: "部门绩效.效率性.重点工作完成情况",
  项目完成及时性: "部门绩效.效率性.项目完成及时性",
  综合效益: "部门绩效.效果性.综合效益",
  群众信访办理情况: "部门绩效.公平性.群众信访办理情况",
  公众或服务对象满意度: "部门绩效.公平性.公众或服务对象满意度",
} as const;

const items = <const K extends keyof typeof IND>(
  ind: K,
  list: readonly (readonly [string, string])[],
): readonly (readonly [string, string])[] => list.map(([item, max]) => [`${IND[ind]}.${item}`, max] as const);

/**
 * The checklist items of the indicators judged item by item: [full path, maximum as text].
 * (Paths are built once: a path made per lookup would be hashed per lookup.)
 */
export const CHECKLIST = {
  预算编制合理性: items("预算编制合理性", [
    ["符合职责政策", "1"],
    ["合理分配", "1"],
    ["细化程度合理", "1"],
    ["分类编制准确", "1"],
    ["分配不固化", "1"],
  ]),
  绩效指标明确性: items("绩效指标明确性", [
    ["细化分解", "1"],
    ["效益指标", "1"],
    ["指标值清晰", "1"],
    ["可量化指标", "1"],
    ["目标值依据", "1"],
  ]),
  项目实施程序: items("项目实施程序", [
    ["设立调整报批", "1"],
    ["执行制度规定", "1"],
  ]),
  资产管理安全性: items("资产管理安全性", [
    ["配置保管", "1"],
    ["处置收入", "1"],
  ]),
  管理制度健全性: items("管理制度健全性", [
    ["制度制定", "0.5"],
    ["制度执行", "1.5"],
    ["预算绩效管理制度", "1"],
  ]),
} as const;

/** The other judged parts (each at most 1 point), by full path. */
export const JUDGED = {
  政策功能: `${IND.政府采购执行情况}.政策功能`,
  资金支出规范性: `${IND.财务合规性}.资金支出规范性`,
  会计核算规范性: `${IND.财务合规性}.会计核算规范性`,
  监控机制: `${IND.项目监管}.监控机制`,
  检查监控整改: `${IND.项目监管}.检查监控整改`,
  反映渠道机制: `${IND.群众信访办理情况}.反映渠道机制`,
} as const;

/** An input value as decimal text (strings as given, numbers through their shortest text). */
export function text(v: InputValue | undefined, name: string): string {
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  throw new TypeError(`${name}: expected a decimal, got ${JSON.stringify(v)}`);
}

/** A yes/no input. */
export function flag(v: InputValue | undefined, name: string): boolean {
  if (typeof v === "boolean") return v;
  if (v === "true" || v === "是") return true;
  if (v === "false" || v === "否") return false;
  throw new TypeError(`${name}: expected true/false, got ${JSON.stringify(v)}`);
}

/** The judged score of a part (or of an indicator judged as one), as text: its judgement, else its maximum under `judgeRestFull`. */
export function judged(input: ScoreInput, path: string, max: string): string {
  const j = input.judgements?.[path];
  if (j) return j.value;
  if (input.judgeRestFull) return max;
  throw new Error(`'${path}' is judged: the input must judge it (or set judgeRestFull)`);
}

/** The judgement of a whole indicator, when one is given (it replaces the indicator's parts). */
export function wholeJudgement(input: ScoreInput, path: string): string | undefined {
  return input.judgements?.[path]?.value;
}

/** An override of an indicator's final score, when one is given. */
export function override(input: ScoreInput, path: string): string | undefined {
  return input.overrides?.[path]?.value;
}

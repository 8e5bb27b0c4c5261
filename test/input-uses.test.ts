/**
 * Which inputs an indicator reads, through the rule kinds added for issue 7
 * (achievement ratios, verdict-bounded judgements, judged deductions, capped
 * step deductions). These reads name the indicators in input errors and
 * rubric meta, and keep `unused-input` quiet for inputs only they read.
 */
import { describe, expect, it } from "vitest";
import { inputUses } from "../src/compiler/model/uses.js";
import { analyze } from "./helpers.js";

const TEXT = `rubric 读取 {
  total 40
  enum 结论类 { 达成, 部分达成, 未达成 }
  input 培训人次: target count
  input 实际人数: count
  input 目标人数: count
  input 零分值: points in [0, 10]
  input 结论: 结论类
  input 有问题: bool
  input 执行率: ratio
  input 扣分上限: points in [0, 2]
  scale 三档 { 达成 -> [80%, 100%]; 部分达成 -> [50%, 80%); 未达成 -> [0, 50%) }
  group 组 40 {
    indicator 配对 10 { score = achievement 培训人次 higher-better }
    indicator 对比 10 { score = achievement 实际人数 against 目标人数 higher-better when 0 -> 零分值 }
    indicator 定性 10 { score = judged by 结论 scale 三档 }
    indicator 酌情扣分 5 { score = deduct judged in [0.5, 1] when 有问题 }
    indicator 台阶 5 { score = deduct 1 per whole 5% of 执行率 under 100% at most 扣分上限 }
  }
}
`;

describe("inputs read by the issue 7 rule kinds", () => {
  const program = analyze({ "t.rubric": TEXT });
  const model = program.rubrics[0]?.model;

  it("check without an unused-input warning", () => {
    expect(program.diagnostics.map((d) => d.code)).not.toContain("unused-input");
  });

  it("map every input to the indicator that reads it", () => {
    if (!model) throw new Error("no rubric");
    const uses = Object.fromEntries([...inputUses(model)].map(([k, v]) => [k, [...v]]));
    expect(uses).toEqual({
      培训人次: ["组.配对"],
      实际人数: ["组.对比"],
      目标人数: ["组.对比"],
      零分值: ["组.对比"],
      结论: ["组.定性"],
      有问题: ["组.酌情扣分"],
      执行率: ["组.台阶"],
      扣分上限: ["组.台阶"],
    });
  });
});

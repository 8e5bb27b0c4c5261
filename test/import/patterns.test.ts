/**
 * Each recogniser with the Chinese sentence it reads (from the seed reports'
 * annexes, 001–003), and sentences it must leave to a person.
 */
import { describe, expect, it } from "vitest";
import { Exact } from "../../src/runtime/exact.js";
import { bandArm, deductPer, ratioPoints, sentences, stepDeduction } from "../../src/import/patterns.js";
import { indicatorRules, wholeRule } from "../../src/import/rules.js";

const ctx = (points: string, owner = "某指标") => ({ points: Exact.parse(points) as Exact, owner });

describe("deduct per item (每…扣 X 分，扣完为止)", () => {
  it("reads 发现一项不符合的扣1分，扣完为止", () => {
    const d = deductPer("2. 发现一项不符合的扣1分，扣完为止", ctx("5", "预算编制规范性"));
    expect(d?.rule).toBe("deduct 1 per 预算编制规范性扣分项数");
    expect(d?.inputs).toEqual([
      { name: "预算编制规范性扣分项数", type: "count", source: "2. 发现一项不符合的扣1分，扣完为止" },
    ]);
  });
  it("reads 一项重点工作没有完成扣4分，扣完为止, and a cap 最多扣 M 分", () => {
    expect(deductPer("一项重点工作没有完成扣4分，扣完为止", ctx("8", "重点工作"))?.rule).toBe(
      "deduct 4 per 重点工作扣分项数",
    );
    expect(deductPer("每发现一次违规扣0.5分，最多扣2分", ctx("3", "合规"))?.rule).toBe(
      "deduct 0.5 per 合规扣分项数 at most 2",
    );
  });
  it("leaves a deduction without 扣完为止 or a cap, and percentage steps, alone", () => {
    expect(deductPer("发现一项不符合的扣1分", ctx("5"))).toBeUndefined();
    expect(deductPer("超出一个百分点扣0.1分，直至1分扣完为止", ctx("1"))).toBeUndefined();
  });
});

describe("ratio × points (得分=…×分值)", () => {
  it("reads 本指标得分=已完成项目数/计划完成项目总数×6分 as two inputs, the numerator bounded by the denominator", () => {
    const d = ratioPoints("2. 部分项目未按计划时间完成的，本指标得分=已完成项目数/计划完成项目总数×6分", ctx("6"));
    expect(d?.rule).toBe("min(已完成项目数 / 计划完成项目总数, 100%) * 6");
    expect(d?.inputs.map((i) => `${i.name}: ${i.type}`)).toEqual([
      "计划完成项目总数: number > 0",
      "已完成项目数: number in [0, 计划完成项目总数]",
    ]);
  });
  it("reads 一季度预算执行率得分=（一季度部门预算支出进度/序时进度25%）×1分 with the constant divisor", () => {
    const d = ratioPoints(
      sentences("1. 一季度预算执行率得分=（一季度部门预算支出进度/序时进度 25%）× 1 分")[0] ?? "",
      ctx("1"),
    );
    expect(d?.rule).toBe("一季度部门预算支出进度 / 25% * 1");
    expect(d?.inputs.map((i) => `${i.name}: ${i.type}`)).toEqual(["一季度部门预算支出进度: ratio in [0, 25%]"]);
  });
  it("reads 全年平均支出进度得分=全年平均执行率×2分 and 得分=完成率×分值", () => {
    expect(ratioPoints("5. 全年平均支出进度得分=全年平均执行率×2分", ctx("2"))?.rule).toBe("全年平均执行率 * 2");
    expect(ratioPoints("本项得分=完成率×分值", ctx("4"))?.rule).toBe("完成率 * 4");
  });
  it("refuses a factor that is not the points it scores", () => {
    expect(ratioPoints("得分=执行率×2分", ctx("1"))).toBeUndefined();
  });
});

describe("bands (≥/≤ lists)", () => {
  it("reads one-sided and two-sided arms, with the ends as written", () => {
    expect(bandArm("1. 固定资产利用率≥90%的，得1分")).toMatchObject({ subject: "固定资产利用率", arm: ">= 90%" });
    expect(bandArm("2. 90%>固定资产利用率≥75%的，得0.7分")).toMatchObject({ arm: "[75%, 90%)" });
    expect(bandArm("2. 5%≤比率≤10%的，得0.5分")).toMatchObject({ subject: "比率", arm: "[5%, 10%]" });
    expect(bandArm("（3）“三公”经费控制率>100%的，得0分")).toMatchObject({ subject: "三公经费控制率", arm: "> 100%" });
    expect(bandArm("4. 满意度 $<$ 80%的，得1分".replace("$<$", "<"))).toMatchObject({ arm: "< 80%" });
  });
  it("makes a bands rule of the whole list when its top band is the points", () => {
    const text = `社会公众或服务对象是指……进行分档计分。
1. 满意度≥95%的，得6分；
2. 90%≤满意度<95%的，得4分；
3. 80%≤满意度<90%的，得2分；
4. 满意度<80%的，得1分。`;
    expect(wholeRule(text, ctx("6"))?.rule).toBe(
      "bands 满意度 { >= 95% -> 6; [90%, 95%) -> 4; [80%, 90%) -> 2; < 80% -> 1 }",
    );
    expect(wholeRule(text, ctx("5"))).toBeUndefined();
  });
  it("makes one part per subject when two lists add up to the points (公用经费控制率)", () => {
    const text = `1. “三公”经费控制率=“三公”经费实际支出数/“三公”经费预算安排数×100%
（1）“三公”经费控制率<90%的，得3分；
（2）90%≤“三公”经费控制率≤100%的，得2分；
（3）“三公”经费控制率>100%的，得0分。
2. 日常公用经费控制率=日常公用经费决算数/日常公用经费调整预算数×100%
（1）日常公用经费控制率<90%的，得3分；
（2）90%≤日常公用经费控制率≤100%的，得2分；
（3）日常公用经费控制率>100%的，得0分。`;
    const r = indicatorRules("公用经费控制率", Exact.int(6), text);
    expect(r.parts?.map((p) => `${p.name} ${p.points.toString()} = ${p.rule}`)).toEqual([
      "三公经费控制率 3 = bands 三公经费控制率 { < 90% -> 3; [90%, 100%] -> 2; > 100% -> 0 }",
      "日常公用经费控制率 3 = bands 日常公用经费控制率 { < 90% -> 3; [90%, 100%] -> 2; > 100% -> 0 }",
    ]);
  });
});

describe("step deductions (每满/每低于/超出 … 扣)", () => {
  it("reads 超出一个百分点扣0.1分 as proportional over the threshold 10%以内", () => {
    const s =
      "调整、调剂资金累计在本单位部门预算总规模10%以内的，得1分，超出10%的，超出一个百分点扣0.1分，直至1分扣完为止";
    expect(stepDeduction(s, ctx("1", "调整调剂"))?.rule).toBe("deduct 0.1 per 1% of 调整调剂比率 over 10%");
  });
  it("reads 低于100%的，每低于5%扣2分，最多扣8分 as whole steps with a cap", () => {
    expect(stepDeduction("执行率低于100%的，每低于5%扣2分，最多扣8分", ctx("8", "执行"))?.rule).toBe(
      "deduct 2 per whole 5% of 执行比率 under 100% at most 8",
    );
  });
  it("reads 每满 and 不足…按…计 as whole and started steps", () => {
    expect(stepDeduction("偏差率超过10%的，每满3%扣1分", ctx("4", "偏差"))?.rule).toBe(
      "deduct 1 per whole 3% of 偏差比率 over 10%",
    );
    expect(stepDeduction("偏离目标10%的，每偏离3%扣1分（不足3%按3%计）", ctx("4", "偏差"))?.rule).toBe(
      "deduct 1 per started 3% of 偏差比率 off 10%",
    );
  });
});

describe("whole-text choice", () => {
  it("encodes nothing where another sentence scores differently (如…本项得0分)", () => {
    const text = `1. 政府采购执行率得分=政府采购执行率×1分
如实际采购金额大于采购计划金额，本项得0分。`;
    expect(wholeRule(text, ctx("1"))).toBeUndefined();
    const r = indicatorRules("政府采购执行情况", Exact.int(1), text);
    expect(r.score?.rule).toBe("judged");
    expect(r.score?.todo).toContain("如实际采购金额>采购计划金额，本项得0分");
  });
  it("splits numbered items with their own points into parts, and reports an item without points that scores", () => {
    const text = `1. 资金支出规范性（1分）。资金管理、费用标准、支付符合有关制度规定，按事项完成进度支付资金的，得1分，否则酌情扣分。
2. 资金调整、调剂规范性（1分）。调整、调剂资金累计在本单位部门预算总规模10%以内的，得1分；超出10%的，超出一个百分点扣0.1分，直至1分扣完为止。
3. 会计核算规范性（1分）。规范执行会计核算制度得1分，未按规定设专账核算、支出凭证不符合规定或其他核算不规范，酌情扣分。
4. 发生超范围、超标准支出，虚列支出，截留、挤占、挪用资金的，以及其他不符合制度规定支出，本项指标得0分。`;
    const r = indicatorRules("财务合规性", Exact.int(3), text);
    expect(r.parts?.map((p) => `${p.name} ${p.points.toString()} = ${p.rule}`)).toEqual([
      "资金支出规范性 1 = judged",
      "资金调整调剂规范性 1 = deduct 0.1 per 1% of 财务合规性资金调整调剂规范性比率 over 10%",
      "会计核算规范性 1 = judged",
    ]);
    expect(r.unread).toEqual([expect.stringContaining("本项指标得0分")]);
  });
});

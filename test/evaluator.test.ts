/**
 * The reference evaluator, one rule kind at a time, at the values where a
 * rubric's wording is most often misread: exactly on a band edge, just past
 * it, on a threshold, beyond a floor. Every expected number below is worked
 * out by hand from the rule (the arithmetic is in the comment when it is not
 * obvious), not copied from an earlier run.
 */
import { describe, expect, it } from "vitest";
import { score } from "./helpers.js";

const problemsOf = (s: ReturnType<typeof score>): string => s.result.problems.map((p) => p.en).join("\n");

describe("bands", () => {
  const body = `
    input 满意度: ratio in [0, 100%]
    group g 6 {
      indicator 满意度得分 6 {
        score = bands 满意度 { >= 95% -> 6; [90%, 95%) -> 4; [80%, 90%) -> 2; < 80% -> 1 }
      }
    }`;
  const at = (v: string) => score(body, { 满意度: v }).score("满意度得分");

  it("a closed lower edge belongs to its band: exactly 95% → 6, exactly 90% → 4, exactly 80% → 2", () => {
    expect(at("95%")).toBe("6");
    expect(at("90%")).toBe("4");
    expect(at("80%")).toBe("2");
  });
  it("just below an edge falls into the band beneath: 94.99% → 4, 89.99% → 2, 79.99% → 1", () => {
    expect(at("94.99%")).toBe("4");
    expect(at("89.99%")).toBe("2");
    expect(at("79.99%")).toBe("1");
  });
  it("the ends of the domain: 0 → 1, 100% → 6", () => {
    expect(at("0")).toBe("1");
    expect(at("100%")).toBe("6");
  });

  const closed = `
    input 偏差率: ratio in [0, 100%]
    group g 2 { indicator 偏差 2 { score = bands 偏差率 { < 5% -> 0; [5%, 10%] -> 2; > 10% -> 1 } } }`;
  const dev = (v: string) => score(closed, { 偏差率: v }).score("偏差");
  it("[5%, 10%] is closed at both ends: 5% → 2 and 10% → 2", () => {
    expect(dev("5%")).toBe("2");
    expect(dev("10%")).toBe("2");
  });
  it("outside [5%, 10%] by the smallest written amount: 10.0001% → 1, 4.9999% → 0", () => {
    expect(dev("10.0001%")).toBe("1");
    expect(dev("4.9999%")).toBe("0");
  });
  it("the trace names the band that was chosen", () => {
    const s = score(closed, { 偏差率: "10%" });
    expect(
      s
        .node("偏差.偏差")
        .trace.map((t) => t.en)
        .join("\n"),
    ).toMatch(/\[5%, 10%\]/);
  });
});

describe("deduct … per S of X over/under T (proportional)", () => {
  // 1 point, 0.1 per 1 percentage point above 10%: 0 at 20%.
  const body = `
    input 调整率: ratio >= 0
    group g 1 { indicator 调整 1 { score = deduct 0.1 per 1% of 调整率 over 10% } }`;
  const at = (v: string) => score(body, { 调整率: v });

  it("exactly at the threshold nothing is deducted", () => expect(at("10%").score("调整")).toBe("1"));
  it("at or below the threshold: full points (5% → 1)", () => expect(at("5%").score("调整")).toBe("1"));
  it("half a step over: 10.5% → 1 − 0.1 × 0.5 = 0.95", () => expect(at("10.5%").score("调整")).toBe("0.95"));
  it("ten steps over: 20% → 0", () => expect(at("20%").score("调整")).toBe("0"));
  it("twenty steps over: 30% → −1, clamped at 0, and the clamp is in the report", () => {
    const s = at("30%");
    expect(s.score("调整")).toBe("0");
    expect(s.node("调整.调整").clamps).toEqual([{ from: "-1", to: "0", bound: "lower" }]);
    expect(s.node("调整.调整").computed).toBe("0");
  });
  it("no clamp is recorded when the value stays in range", () => {
    expect(at("10.5%").node("调整.调整").clamps).toEqual([]);
  });

  const under = `
    input 执行率: ratio >= 0
    group g 2 { indicator 执行 2 { score = deduct 0.5 per 5% of 执行率 under 90% } }`;
  const u = (v: string) => score(under, { 执行率: v }).score("执行");
  it("under: 90% → 2, 85% → 1.5, 87.5% → 1.75 (proportional, not whole steps), 100% → 2", () => {
    expect(u("90%")).toBe("2");
    expect(u("85%")).toBe("1.5");
    expect(u("87.5%")).toBe("1.75");
    expect(u("100%")).toBe("2");
  });
});

describe("deduct … per N (扣完为止)", () => {
  const body = `
    input 不符合项数: count
    group g 3 { indicator 规范性 3 { score = deduct 1 per 不符合项数 } }`;
  const at = (n: string) => score(body, { 不符合项数: n }).score("规范性");
  it("0, 1, 2 items → 3, 2, 1", () => {
    expect(at("0")).toBe("3");
    expect(at("1")).toBe("2");
    expect(at("2")).toBe("1");
  });
  it("exactly as many items as points → 0; more items than points floors at 0", () => {
    expect(at("3")).toBe("0");
    expect(at("7")).toBe("0");
  });
  it("a fractional amount: 0.5 per item, 5 items from 2 points → 0", () => {
    const s = score(
      `input n: count
      group g 2 { indicator i 2 { score = deduct 0.5 per n } }`,
      { n: "5" },
    );
    expect(s.score("i")).toBe("0");
    expect(s.node("i.i").clamps[0]?.bound).toBe("lower");
  });
});

describe("ratio × points", () => {
  const body = `
    rounding indicator 2 half-up
    input 采购计划金额: money(万元) > 0
    input 实际采购金额: money(万元) >= 0
    group g 2 {
      indicator 政府采购执行情况 2 {
        let 执行率 = 实际采购金额 / 采购计划金额
        score = if 实际采购金额 > 采购计划金额 then 0 else 执行率 * 2
      }
    }`;
  const at = (actual: string, planned: string) =>
    score(body, { 实际采购金额: actual, 采购计划金额: planned }).score("政府采购执行情况");
  it("actual = planned → full points", () => expect(at("311.63", "311.63")).toBe("2"));
  it("actual > planned → 0", () => expect(at("311.64", "311.63")).toBe("0"));
  it("actual < planned → rate × points: 305.63 / 311.63 × 2 = 1.9614… → 1.96", () =>
    expect(at("305.63", "311.63")).toBe("1.96"));
  it("万元 and 元 agree: 3,056,300元 of 311.63万元 is the same 1.96", () => {
    expect(at("3056300元", "311.63万元")).toBe("1.96");
  });
});

describe("failures are reported, not thrown", () => {
  it("an unguarded zero denominator: the example reports a problem naming the indicator", () => {
    const s = score(
      `input 完成数: count
      input 计划数: count
      group g 2 { indicator 项目完成率 2 { score = min(完成数 / 计划数, 100%) * 2 } }`,
      { 完成数: "0", 计划数: "0" },
    );
    expect(s.result.pass).toBe(false);
    expect(problemsOf(s)).toContain("项目完成率");
    expect(s.score("项目完成率")).toBeNull();
    expect(s.total).toBeNull();
  });
  it("the same rubric scores normally when the denominator is not zero (3 of 4 → 1.5)", () => {
    const s = score(
      `input 完成数: count
      input 计划数: count
      group g 2 { indicator 项目完成率 2 { score = min(完成数 / 计划数, 100%) * 2 } }`,
      { 完成数: "3", 计划数: "4" },
    );
    expect(s.score("项目完成率")).toBe("1.5");
    expect(s.result.problems).toEqual([]);
  });
  it("a missing input: a problem naming both the input and the indicator", () => {
    const s = score(
      `input 在用固定资产原值: money(万元) >= 0
      input 固定资产原值总额: money(万元) > 0
      group g 2 { indicator 固定资产利用率 2 { score = min(在用固定资产原值 / 固定资产原值总额, 100%) * 2 } }`,
      { 固定资产原值总额: "100" },
    );
    const text = problemsOf(s);
    expect(text).toContain("在用固定资产原值");
    expect(text).toContain("固定资产利用率");
    expect(s.score("固定资产利用率")).toBeNull();
  });
  it("other indicators still score when one fails", () => {
    const s = score(`input x: ratio in [0, 100%]
      group g 4 { indicator 缺 2 { score = x * 2 }; indicator 有 2 { score = judged } }`);
    expect(s.score("有")).toBe("2");
    expect(s.score("缺")).toBeNull();
  });
  it("inputs are lazy: an input on the branch not taken is not needed", () => {
    const s = score(
      `input 涉密: bool
      input x: ratio in [0, 100%]
      group g 2 { indicator 公开 2 { score = if 涉密 then 2 else x * 2 } }`,
      { 涉密: "true" },
    );
    expect(s.result.problems).toEqual([]);
    expect(s.score("公开")).toBe("2");
  });
});

describe("veto and exemption", () => {
  const body = `
    input 违规: bool
    input 无需评价: bool
    input x: ratio in [0, 100%]
    group g 4 {
      indicator 合规 4 {
        veto when 违规
        exempt when 无需评价
        part a 2 = x * 2
        part b 2 = judged
      }
    }`;
  it("neither: the sum of the parts (50% × 2 + 2 = 3)", () => {
    expect(score(body, { 违规: "false", 无需评价: "false", x: "50%" }).score("合规")).toBe("3");
  });
  it("veto → 0 even when every part is full", () => {
    const s = score(body, { 违规: "true", 无需评价: "false", x: "100%" });
    expect(s.score("合规")).toBe("0");
    expect(s.node("合规").status).toBe("vetoed");
  });
  it("exemption → full points, without needing the parts' inputs", () => {
    const s = score(body, { 违规: "false", 无需评价: "true" });
    expect(s.score("合规")).toBe("4");
    expect(s.node("合规").status).toBe("exempt");
    expect(s.result.problems).toEqual([]);
  });
  it("veto is tested before exemption", () => {
    expect(score(body, { 违规: "true", 无需评价: "true" }).score("合规")).toBe("0");
  });
});

describe("tiers", () => {
  const body = `
    enum 公开情况 { 按规定公开, 公开但不合规, 未公开 }
    input 预算公开: 公开情况
    group g 1.5 { indicator 预算公开情况 1.5 { score = tiers 预算公开 { 按规定公开 -> 1.5; 公开但不合规 -> 1; 未公开 -> 0 } } }`;
  it.each([
    ["按规定公开", "1.5"],
    ["公开但不合规", "1"],
    ["未公开", "0"],
  ])("%s → %s", (member, expected) => {
    expect(score(body, { 预算公开: member }).score("预算公开情况")).toBe(expected);
  });
  it("otherwise catches the members not listed", () => {
    const s = score(
      `enum 等第 { 甲等, 乙等, 丙等 }
      input e: 等第
      group g 2 { indicator i 2 { score = tiers e { 甲等 -> 2; otherwise -> 0.5 } } }`,
      { e: "丙等" },
    );
    expect(s.score("i")).toBe("0.5");
  });
});

describe("judged parts and overrides", () => {
  const body = `
    input x: ratio in [0, 100%]
    group g 6 {
      indicator 一 3 { part 政策功能 1 = judged; part 执行 2 = x * 2 }
      indicator 三 3 { score = x * 3 }
    }`;
  it("a judged score with its reason appears in the report and counts", () => {
    const s = score(body, { x: "50%" }, `judge 政策功能 = 0.5 because "未落实节能产品优先采购"`);
    expect(s.node("一.政策功能").judged).toEqual({ value: "0.5", reason: "未落实节能产品优先采购" });
    expect(s.score("一.政策功能")).toBe("0.5");
    expect(s.score("一")).toBe("1.5"); // 0.5 + 50% × 2
  });
  it("judge rest full gives each judged part its maximum", () => {
    const s = score(body, { x: "50%" });
    expect(s.score("一.政策功能")).toBe("1");
    expect(s.node("一.政策功能").judged?.value).toBe("1");
  });
  it("an override replaces the final score and keeps the computed one", () => {
    const s = score(
      body,
      { x: "50%" },
      `judge rest full
      override 三 = 2 because "按主管部门复核意见"`,
    );
    const n = s.node("三");
    expect(n.computed).toBe("1.5");
    expect(n.score).toBe("2");
    expect(n.override?.reason).toBe("按主管部门复核意见");
    expect(s.total).toBe("4"); // 一: 1 + 1, 三: 2 (the override counts)
  });
  it("an overridden indicator's inputs are not needed", () => {
    const s = score(
      body,
      {},
      `judge rest full
      override 一 = 3 because "a"
      override 三 = 1 because "b"`,
    );
    expect(s.result.problems).toEqual([]);
    expect(s.total).toBe("4");
  });
  it("a judged part without a judgement leaves its indicator not computable, naming the part", () => {
    const s = score(body, { x: "50%" }, "");
    expect(s.score("一")).toBeNull();
    expect(s.node("一").error?.en).toContain("政策功能");
    expect(s.total).toBeNull();
    // Nothing the example expects reads it: the example itself does not fail (see example-outcome.test.ts).
    expect(problemsOf(s)).toBe("");
  });
});

describe("quarterly spending: mean of capped rates (002)", () => {
  // Each quarter's rate is capped at 100% before the mean is taken.
  const body = `
    rounding indicator 2 half-up
    input 季度支出进度: ratio[4] >= 0
    group g 6 {
      indicator 预算执行率 6 {
        let 序时进度 = [25%, 50%, 75%, 100%]
        let 季度执行率 = each q in 1..4: min(季度支出进度[q] / 序时进度[q], 100%)
        part 一季度 1 = 季度执行率[1] * 1
        part 二季度 1 = 季度执行率[2] * 1
        part 三季度 1 = 季度执行率[3] * 1
        part 四季度 1 = 季度执行率[4] * 1
        part 全年平均 2 = mean(季度执行率) * 2
      }
    }`;
  it("rates 106.2%, 106.3%, 99.2%, 99.4% → 1 + 1 + 0.992 + 0.994 + 0.9965 × 2 = 5.979 → 5.98", () => {
    // progress = rate × 序时进度: 26.55%, 53.15%, 74.4%, 99.4%
    const s = score(body, { 季度支出进度: "[26.55%, 53.15%, 74.4%, 99.4%]" });
    expect(s.score("预算执行率.三季度")).toBe("0.992");
    expect(s.score("预算执行率.全年平均")).toBe("1.993");
    expect(s.score("预算执行率")).toBe("5.98"); // uncapped it would be 3.986 + 2 = 5.986 → 5.99
  });
  it("the report's own figures (累计支出 / 3,303.88 万元) also give 5.98", () => {
    const s = score(body, {
      季度支出进度: "[877.01 / 3303.88, 1755.34 / 3303.88, 2458.92 / 3303.88, 3284.95 / 3303.88]",
    });
    expect(s.score("预算执行率")).toBe("5.98");
  });
});

describe("grades", () => {
  const body = `
    grades { 优 >= 90; 良 >= 80; 中 >= 60; 差 otherwise }
    group g 100 { indicator 综合 100 { score = judged } }`;
  const gradeAt = (v: string) => score(body, {}, `judge 综合 = ${v} because "评分"`).grade;
  it("exactly 90 → 优", () => expect(gradeAt("90")).toBe("优"));
  it("89.99 → 良", () => expect(gradeAt("89.99")).toBe("良"));
  it("exactly 60 → 中, 59.99 → 差, 0 → 差", () => {
    expect(gradeAt("60")).toBe("中");
    expect(gradeAt("59.99")).toBe("差");
    expect(gradeAt("0")).toBe("差");
  });
  it("the grade is taken on the rounded total", () => {
    const s = score(
      `rounding total 0 half-up
      grades { 优 >= 90; 差 otherwise }
      group g 100 { indicator 综合 100 { score = judged } }`,
      {},
      `judge 综合 = 89.5 because "评分"`,
    );
    expect(s.total).toBe("90");
    expect(s.grade).toBe("优");
  });
});

describe("rounding declarations", () => {
  it("rounding part rounds each part before the sum: 4.65 → 4.7 and 2.25 → 2.3 make 7, not 6.9", () => {
    const s = score(
      `rounding part 1 half-up
      input 率: ratio in [0, 100%]
      group g 10 { indicator i 10 { part a 5 = 率 * 5; part b 5 = 率 * 5 * 50% - 0.075 } }`,
      { 率: "93%" },
    );
    // a = 93% × 5 = 4.65 → 4.7; b = 4.65 × 0.5 − 0.075 = 2.25 → 2.3
    expect(s.score("i.a")).toBe("4.7");
    expect(s.score("i.b")).toBe("2.3");
    expect(s.score("i")).toBe("7");
  });
  it("without any rounding declaration nothing is rounded: 2/3 of 2 points stays a repeating fraction", () => {
    const s = score(
      `input n: count
      input m: count > 0
      group g 2 { indicator i 2 { score = min(n / m, 1) * 2 } }`,
      { n: "1", m: "3" },
    );
    expect(s.score("i")).toBe("0.666666666666…");
  });
  it("rounding down and up: 1.239 → 1.23 (down), 1.231 → 1.24 (up)", () => {
    const body = (mode: string) => `rounding indicator 2 ${mode}
      input 率: ratio in [0, 100%]
      group g 2 { indicator i 2 { score = 率 * 2 } }`;
    expect(score(body("down"), { 率: "61.95%" }).score("i")).toBe("1.23");
    expect(score(body("up"), { 率: "61.55%" }).score("i")).toBe("1.24");
  });
});

describe("grade thresholds with >", () => {
  it("a strict threshold excludes the value itself: > 90 at exactly 90 is not 优", () => {
    const body = `grades { 优 > 90; 良 >= 80; 差 otherwise }
      group g 100 { indicator i 100 { score = judged } }`;
    expect(score(body, {}, `judge i = 90 because "x"`).grade).toBe("良");
    expect(score(body, {}, `judge i = 90.01 because "x"`).grade).toBe("优");
  });
});

describe("judged in [a, b]", () => {
  it("judge rest full gives the upper bound, not the part's points", () => {
    const s = score("group g 2 { indicator i 2 { part a 2 = judged in [0.5, 1.5] } }");
    expect(s.score("i.a")).toBe("1.5");
  });
});

describe("rounding and the clamp", () => {
  it("rounds before clamping, so a rounding never lifts a score above its points (12.5 → 13 → 12.5)", () => {
    const s = score(
      `rounding indicator 0 half-up
       input r: ratio in [0, 100%]
       group g 12.5 { indicator a 12.5 { score = r * 12.5 } }`,
      { r: "100%" },
    );
    expect(s.score("a")).toBe("12.5");
    expect(s.total).toBe("12.5");
    expect(s.node("a").clamps).toEqual([{ from: "13", to: "12.5", bound: "upper" }]);
  });
  it("rounds a part before clamping it too", () => {
    const s = score(
      `rounding part 0 half-up
       input r: ratio in [0, 100%]
       group g 2.5 { indicator a 2.5 { part p 2.5 = r * 2.5 } }`,
      { r: "100%" },
    );
    expect(s.score("a.p")).toBe("2.5");
  });
});

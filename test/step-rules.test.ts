/**
 * Step deductions and achievement ratios: exact boundaries (on a step edge,
 * just past it, ties), the cap, the floor at 0, the two-sided distance, the
 * zero policy of achievement ratios, and what the checker knows of them.
 */
import { describe, expect, it } from "vitest";
import { codesOf as allCodesOf, diagnosticsOf, rubric, score } from "./helpers.js";

// These rubrics declare inputs for several rules and use one at a time: the unused-input warning is not what they test.
const codesOf = (text: string): string[] => allCodesOf(text).filter((c) => !c.endsWith(":unused-input"));

const INPUTS = "input r: ratio in [0, 200%]\ninput n: count\n";
const one = (rule: string, given: Record<string, string>, points = 8): ReturnType<typeof score> =>
  score(`${INPUTS}group g ${points} { indicator i ${points} { score = ${rule} } }`, given);

describe("deduct … per whole / started / proportional", () => {
  const whole = "deduct 2 per whole 5% of r under 100%";
  const started = "deduct 2 per started 5% of r under 100%";
  it.each([
    ["100%", "8", "8"],
    ["95%", "6", "6"], // exactly on a step edge: one whole step, one started step
    ["94.99%", "6", "4"], // just past the edge: still one whole step, two started
    ["90%", "4", "4"],
    ["89.999999%", "4", "2"],
    ["120%", "8", "8"], // over the threshold: `under` deducts nothing
  ])("r = %s: whole → %s, started → %s", (r, w, s) => {
    expect(one(whole, { r, n: "0" }).score("i")).toBe(w);
    expect(one(started, { r, n: "0" }).score("i")).toBe(s);
  });

  it("counts steps exactly: (100% − 70%) / 10% is 3 steps, not 2.9999999999999996", () => {
    expect(one("deduct 1 per whole 10% of r under 100%", { r: "70%", n: "0" }).score("i")).toBe("5");
    expect(one("deduct 1 per started 10% of r under 100%", { r: "70%", n: "0" }).score("i")).toBe("5");
  });

  it("proportional, written out, is today's form", () => {
    for (const r of ["97%", "93.5%", "60%"]) {
      const legacy = one("deduct 2 per 5% of r under 100%", { r, n: "0" }).score("i");
      expect(one("deduct 2 proportional per 5% of r under 100%", { r, n: "0" }).score("i")).toBe(legacy);
    }
    expect(one("deduct 2 proportional per 5% of r under 100%", { r: "97%", n: "0" }).score("i")).toBe("6.8");
  });

  it("at most caps the deduction; 扣完为止 floors the score at 0", () => {
    expect(one("deduct 2 per whole 5% of r under 100% at most 3", { r: "50%", n: "0" }).score("i")).toBe("5");
    expect(one("deduct 2 per whole 5% of r under 100%", { r: "50%", n: "0" }).score("i")).toBe("0");
    expect(one("deduct 2 per whole 5% of r under 100% at most 8", { r: "0%", n: "0" }).score("i")).toBe("0");
    expect(one("deduct 1 per n at most 3", { r: "0", n: "5" }).score("i")).toBe("5");
    expect(one("deduct 1 per n at most 3", { r: "0", n: "2" }).score("i")).toBe("6");
  });

  it("off deducts by the distance either way", () => {
    const rule = "deduct 1 per whole 3% of r off 10%";
    expect(one(rule, { r: "13%", n: "0" }).score("i")).toBe("7");
    expect(one(rule, { r: "7%", n: "0" }).score("i")).toBe("7");
    expect(one(rule, { r: "10%", n: "0" }).score("i")).toBe("8");
    expect(one(rule, { r: "12.99%", n: "0" }).score("i")).toBe("8");
  });

  it("the Chinese word order means the same", () => {
    for (const r of ["95%", "94.99%", "40%"]) {
      expect(one("按 r 低于 100% 每满 5% 扣 2 至多 8", { r, n: "0" }).score("i")).toBe(
        one("deduct 2 per whole 5% of r under 100% at most 8", { r, n: "0" }).score("i"),
      );
      expect(one("扣 2 每起 5% 按 r 低于 100%", { r, n: "0" }).score("i")).toBe(
        one("deduct 2 per started 5% of r under 100%", { r, n: "0" }).score("i"),
      );
      expect(one("按 r 偏离 100% 按比例 每 5% 扣 2", { r, n: "0" }).score("i")).toBe(
        one("deduct 2 proportional per 5% of r off 100%", { r, n: "0" }).score("i"),
      );
    }
  });

  it("the trace shows the distance, the steps and the deduction, in both languages", () => {
    const t = one("deduct 2 per whole 5% of r under 100% at most 3", { r: "84%", n: "0" }).node("i.i").trace;
    expect(t.map((x) => x.en).join("\n")).toContain(
      "r = 84% is 16% under 100%: 3 whole step(s) of 5%, 2 × 3 = 6 deducted, at most 3: 8 − 3 = 5",
    );
    expect(t.map((x) => x.zh).join("\n")).toContain(
      "r = 84%，低于 100% 16%，满 5% 的整档 3 档，扣 2 × 3 = 6，至多扣 3：8 − 3 = 5",
    );
  });
});

describe("what the checker says about deductions", () => {
  it("the new forms must say how steps count", () => {
    const text = rubric(`${INPUTS}group g 8 { indicator i 8 { score = deduct 1 per 3% of r off 10% } }
group h 8 { indicator j 8 { score = 按 r 低于 100% 每 5% 扣 2 } }
group k 8 { indicator l 8 { score = deduct 1 per 3% of r under 10% at most 2 } }`);
    expect(codesOf(text)).toEqual(["4:deduct-mode-missing", "5:deduct-mode-missing", "6:deduct-mode-missing"]);
  });
  it("knows a cap bounds the result: [points − cap, points]", () => {
    // deduct … at most 3 is in [5, 8]; minus 5 stays within [0, 8]. Without the cap it can go to −5.
    const capped = rubric(
      `${INPUTS}group g 8 { indicator i 8 { score = (deduct 2 per whole 5% of r under 100% at most 3) - 5 } }`,
    );
    const uncapped = rubric(
      `${INPUTS}group g 8 { indicator i 8 { score = (deduct 2 per whole 5% of r under 100%) - 5 } }`,
    );
    expect(codesOf(capped)).toEqual([]);
    expect(codesOf(uncapped)).toEqual(["4:part-range"]);
  });
  it("a cap must be points", () => {
    expect(
      codesOf(
        rubric(`${INPUTS}group g 8 { indicator i 8 { score = deduct 2 per whole 5% of r under 100% at most n } }`),
      ),
    ).toEqual(["4:type-mismatch"]);
  });
});

const PAIRS = `input 人次: target count
input 成本: money(万元) >= 0
input 计划: money(万元) > 0
input 率: target ratio in [0, 100%]
`;
const ach = (rule: string, given: Record<string, string>, points = 10): ReturnType<typeof score> =>
  score(`${PAIRS}group g ${points} { indicator i ${points} { score = ${rule} } }`, {
    成本: "10",
    计划: "20",
    率: "{ 目标: 1%, 实际: 1% }",
    ...given,
  });

describe("achievement", () => {
  it("higher-better: points × actual / target, capped at the points", () => {
    expect(ach("achievement 人次 higher-better", { 人次: "{ 目标: 1000, 实际: 850 }" }).score("i")).toBe("8.5");
    expect(ach("achievement 人次 higher-better", { 人次: "{ 目标: 1000, 实际: 1200 }" }).score("i")).toBe("10");
    expect(ach("achievement 人次.实际 against 1200 higher-better", { 人次: "{ 目标: 0, 实际: 600 }" }).score("i")).toBe(
      "5",
    );
  });
  it("lower-better: points × target / actual, money in either unit", () => {
    expect(ach("完成比 成本 对比 50000元 反向", { 人次: "{ 目标: 1, 实际: 1 }", 成本: "8" }).score("i")).toBe("6.25");
    expect(
      ach("achievement 成本 against 计划 lower-better", { 人次: "{ 目标: 1, 实际: 1 }", 成本: "40" }).score("i"),
    ).toBe("5");
  });
  it("zero: higher-better with target 0 is target met → full points, and the trace says why", () => {
    const s = ach("achievement 人次 higher-better", { 人次: "{ 目标: 0, 实际: 0 }" });
    expect(s.score("i")).toBe("10");
    expect(
      s
        .node("i.i")
        .trace.map((t) => t.en)
        .join("\n"),
    ).toContain("人次: the target is 0: target met; full points 10");
    expect(
      s
        .node("i.i")
        .trace.map((t) => t.zh)
        .join("\n"),
    ).toContain("人次：目标值为 0，视为达成，得满分 10");
  });
  it("zero: lower-better with actual 0 is target met; with target 0 and actual > 0 it scores 0", () => {
    expect(
      ach("achievement 率 lower-better", { 人次: "{ 目标: 1, 实际: 1 }", 率: "{ 目标: 5%, 实际: 0% }" }).score("i"),
    ).toBe("10");
    expect(
      ach("achievement 率 lower-better", { 人次: "{ 目标: 1, 实际: 1 }", 率: "{ 目标: 0%, 实际: 2% }" }).score("i"),
    ).toBe("0");
  });
  it("the author can state the zero case", () => {
    expect(ach("achievement 人次 higher-better when 0 -> 0", { 人次: "{ 目标: 0, 实际: 3 }" }).score("i")).toBe("0");
    expect(ach("完成比 人次 正向 当 0 -> 4", { 人次: "{ 目标: 0, 实际: 3 }" }).score("i")).toBe("4");
    expect(ach("完成比 人次 正向 当 0 -> 4", { 人次: "{ 目标: 2, 实际: 1 }" }).score("i")).toBe("5");
  });
  it("a negative value is an error naming the indicator", () => {
    const s = score(
      `input a: number\ngroup g 10 { indicator 培训 10 { score = achievement a against 5 higher-better } }`,
      { a: "-1" },
    );
    const p = s.result.problems.map((x) => x.en).join("\n");
    expect(p).toContain("培训");
    expect(p).toContain("negative");
  });
});

describe("what the checker says about achievement", () => {
  it("the interval analysis tells when a zero can happen", () => {
    const codes = (rule: string): string[] =>
      codesOf(rubric(`${PAIRS}group g 10 { indicator i 10 { score = ${rule} } }`)).map((c) => c.replace(/^\d+:/, ""));
    expect(codes("achievement 人次 higher-better")).toEqual(["achievement-zero"]);
    expect(codes("achievement 人次 higher-better when 0 -> full")).toEqual([]);
    expect(codes("achievement 成本 against 计划 higher-better")).toEqual([]);
    expect(codes("achievement 成本 against 计划 higher-better when 0 -> full")).toEqual([
      "achievement-zero-unreachable",
    ]);
    expect(codes("achievement 成本 against 计划 lower-better")).toEqual(["achievement-zero"]);
    expect(codes("achievement 成本 against 50% higher-better")).toEqual(["unit-mismatch"]);
    expect(codes("achievement 成本 higher-better")).toEqual(["achievement-needs-target"]);
  });
  it("knows the result range from the declared ranges", () => {
    // 成本 / 计划 with 成本 in [5, 10] and 计划 = 10 is in [50%, 100%]: the score is in [5, 10], so − 5 stays in [0, 10].
    const text = (lo: string): string =>
      rubric(
        `input 成本: money(万元) in [${lo}, 10]\ngroup g 10 { indicator i 10 { score = (achievement 成本 against 10万元 higher-better) - 5 } }`,
      );
    expect(codesOf(text("5"))).toEqual([]);
    expect(codesOf(text("1"))).toEqual(["3:part-range"]);
  });
  it("a value that can be negative is flagged", () => {
    expect(
      diagnosticsOf(
        rubric(`input a: number\ngroup g 10 { indicator i 10 { score = achievement a against 5 higher-better } }`),
      ).map((d) => d.code),
    ).toEqual(["achievement-negative"]);
  });
});

describe("the new words stay usable as names", () => {
  it("whole, most, 目标, 正向 as inputs; `per whole` then means per that count", () => {
    const s = score(
      `input whole: count\ninput 目标: count\ninput 正向: ratio\ninput most: count
group g 8 {
  indicator a 2 { score = deduct 1 per whole }
  indicator b 2 { score = deduct 1 per 目标 }
  indicator c 2 { score = if 正向 > 50% then 2 else 0 }
  indicator d 2 { score = deduct 1 per whole at most 1 }
}`,
      { whole: "3", 目标: "1", 正向: "60%", most: "1" },
    );
    expect([s.score("a"), s.score("b"), s.score("c"), s.score("d")]).toEqual(["0", "1", "2", "1"]);
  });
});

describe("target pairs in examples", () => {
  it("are written { 目标, 实际 } or { target, actual }; both values meet the input's constraints", () => {
    const body = `input 人次: target count <= 100\ngroup g 10 { indicator i 10 { score = achievement 人次 higher-better when 0 -> full } }`;
    expect(score(body, { 人次: "{ target: 80, actual: 60 }" }).score("i")).toBe("7.5");
    const codes = (given: string): string[] =>
      codesOf(`${rubric(body)}example "e" for T {\n  given { 人次 = ${given} }\n}\n`).map((c) =>
        c.replace(/^\d+:/, ""),
      );
    expect(codes("{ 目标: 80, 实际: 120 }")).toEqual(["given-constraint"]);
    expect(codes("{ 目标: 80 }")).toEqual(["given-type"]);
    expect(codes("{ 目标: 80, 实际: 20, 计划: 1 }")).toEqual(["given-type"]);
  });
});

describe("inputs read by the new rules", () => {
  it("are known to be used by their indicators (missing-input messages, batch validation)", async () => {
    const { analyzeProgram } = await import("../src/compiler/program.js");
    const { createReferenceScorer } = await import("../src/compiler/evaluate/scorer.js");
    const text = rubric(`input 人次: target count\ninput 率: ratio\ninput 上限: points\ninput 零分: points
group g 20 {
  indicator 培训 10 { score = achievement 人次 higher-better when 0 -> 零分 }
  indicator 执行 10 { score = deduct 1 per whole 5% of 率 under 100% at most 上限 }
}`);
    const r = analyzeProgram([{ file: "t.rubric", text }]).rubrics[0];
    if (!r) throw new Error("no rubric");
    const used = Object.fromEntries(createReferenceScorer(r).meta.inputs.map((i) => [i.name, i.usedBy.join(",")]));
    expect(used).toEqual({ 人次: "g.培训", 率: "g.执行", 上限: "g.执行", 零分: "g.培训" });
  });
});

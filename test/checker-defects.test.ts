/**
 * Regression tests for checker and evaluator defects found while writing the
 * national project form and the Guangzhou framework (issue 7). Each failed
 * before its fix.
 */
import { describe, expect, it } from "vitest";
import { diagnosticsOf, rubric, score } from "./helpers.js";
import { KEYWORDS } from "../src/compiler/syntax/keywords.js";

const messages = (text: string, code: string): string[] =>
  diagnosticsOf(text)
    .filter((d) => d.code === code)
    .map((d) => d.message.en);

describe("intervals of built-in functions", () => {
  const range = (input: string, rule: string): string[] =>
    messages(rubric(`input x: ${input}\ngroup g 10 { indicator i 10 { score = ${rule} } }`), "part-range");

  it("min(x, 100%) * 10 with x ≥ 0 stays in [0, 10]: no range warning", () => {
    expect(range("ratio >= 0", "min(x, 100%) * 10")).toEqual([]);
  });
  it("min(x, 100%) * 10 with x unbounded ranges over (-∞, 10], not (-∞, +∞)", () => {
    expect(range("ratio", "min(x, 100%) * 10")).toEqual([expect.stringContaining("ranges over (-∞, 10]")]);
  });
  it("max(x, 0) * 10 with x ≤ 1 ranges within [0, 10]", () => {
    expect(range("ratio <= 1", "max(x, 0) * 10")).toEqual([]);
  });
  it("clamp, round, floor, ceil and abs keep a half-bounded range bounded on the known side", () => {
    expect(range("ratio", "clamp(x, 0, 100%) * 10")).toEqual([]);
    expect(range("ratio <= 100%", "round(x, 2) * 10")).toEqual([expect.stringContaining("ranges over (-∞, 10]")]);
    expect(range("ratio <= 100%", "floor(x) * 10")).toEqual([expect.stringContaining("ranges over (-∞, 10]")]);
    expect(range("ratio >= 0", "ceil(x) * 10")).toEqual([expect.stringContaining("ranges over [0, +∞)")]);
    expect(range("ratio <= -1", "abs(x) * 10")).toEqual([expect.stringContaining("ranges over [10, +∞)")]);
  });
  it("mean and sum of a bounded array stay bounded", () => {
    expect(range("ratio[4] in [0, 100%]", "mean(x) * 10")).toEqual([]);
    expect(range("ratio[4] in [0, 25%]", "sum(x) * 10")).toEqual([]);
  });
});

describe("grade thresholds", () => {
  const text = rubric(`total 50\ngrades { 优 >= 90%; 差 otherwise }\ngroup g 50 { indicator i 50 { score = judged } }`);
  it("a % threshold is a unit error that suggests the same share of the declared total, in both languages", () => {
    const d = diagnosticsOf(text).find((x) => x.code === "grade-threshold-unit");
    expect(d?.severity).toBe("error");
    expect(d?.message.en).toBe(
      "the threshold 90% of grade '优' is a ratio, but the total is in points: write it in points, e.g. '优 >= 45'",
    );
    expect(d?.message.zh).toBe("等级「优」的分数线 90% 是比率，而总分是分值：请写成分值，如「优 >= 45」");
  });
});

describe("expressions in messages are shown as written", () => {
  it("a divisor with an `each` inside is written out, not as an internal id", () => {
    const text = rubric(
      `input x: ratio[4] in [0, 100%]\ninput a: ratio in [0, 100%]\ngroup g 10 { indicator i 10 { score = a / sum(each q in 1..4: x[q]) * 10 } }`,
    );
    const m = messages(text, "division-by-zero");
    expect(m).toEqual(["the divisor 'sum(each q in 1..4: x[q])' can be 0 (range [0, 4]) and is not guarded"]);
    expect(m.join()).not.toMatch(/#\d/);
  });
  it("parentheses the tree needs are kept: '(b - c) * 2'", () => {
    const text = rubric(
      `input a: ratio in [0, 100%]\ninput b: ratio in [0, 100%]\ninput c: ratio in [0, 100%]\ngroup g 10 { indicator i 10 { score = a / ((b - c) * 2) } }`,
    );
    expect(messages(text, "division-by-zero")[0]).toContain("the divisor '(b - c) * 2' can be 0");
  });
});

describe("a count where points are needed", () => {
  it("names the indicator (not the part `score =` makes) and suggests points per item, in both languages", () => {
    const d = diagnosticsOf(
      rubric(`input n: count\ngroup g 4 { indicator 问题扣分 4 { score = 4 - 0.2 * n } }`),
    ).filter((x) => x.code === "count-not-points");
    expect(d.map((x) => x.message.en)).toEqual([
      "unit error: indicator 'g.问题扣分' scores a count, not points; write the factor in points, e.g. '0.2分' (0.2 points per item)",
    ]);
    expect(d[0]?.message.zh).toBe(
      "单位错误：指标「g.问题扣分」的得分是计数而不是分值；把系数写成分值，如「0.2分」（每项 0.2 分）",
    );
  });
  it("a range warning on `score =` names the indicator once, not 'g.i.i'", () => {
    expect(messages(rubric(`input x: ratio\ngroup g 10 { indicator i 10 { score = x * 10 } }`), "part-range")).toEqual([
      "'g.i' ranges over (-∞, +∞), which can leave [0, 10]; it will be clamped",
    ]);
  });
});

describe("a judge path naming a group and an indicator below it", () => {
  const body = `group 管理效能 10 {
    indicator 管理效能 6 { score = judged }
    indicator 其他 4 { score = judged }
  }`;
  it("`judge 管理效能 = 5` judges the indicator, not the group (which cannot be judged)", () => {
    const s = score(body, {}, `judge 管理效能 = 5 because "部分"\n  judge rest full`);
    expect(s.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(s.score("管理效能.管理效能")).toBe("5");
    expect(s.total).toBe("9");
  });
  it("`override 管理效能 = 5` overrides the indicator", () => {
    const s = score(body, {}, `override 管理效能 = 5 because "复核"\n  judge rest full`);
    expect(s.score("管理效能.管理效能")).toBe("5");
  });
  it("`judge 管理效能 full` still covers the whole group", () => {
    const s = score(body, {}, `judge 管理效能 full`);
    expect(s.total).toBe("10");
  });
  it("two judged nodes of that name below the group: the ambiguity lists both paths", () => {
    const text = `${rubric(`group 管理效能 10 { group a 5 { indicator 管理效能 5 { score = judged } } group b 5 { indicator 管理效能 5 { score = judged } } }`)}
example "e" for T { judge 管理效能 = 4 because "x" }`;
    expect(messages(text, "ambiguous-path")).toEqual([
      "path '管理效能' is ambiguous: it matches 管理效能.a.管理效能, 管理效能.b.管理效能",
    ]);
  });
});

describe("keywords as names", () => {
  it("every keyword, in every spelling, can name a rubric, a group, an indicator and be an example's `for` target", () => {
    const words = KEYWORDS.flatMap((k) => [...k.en, ...k.zh]);
    const bad = words.filter((w) => {
      const text = `rubric ${w} {\n  total 1\n  group ${w} 1 { indicator ${w} 1 { score = judged } }\n}\nexample "e" for ${w} { judge rest full\n expect total = 1 }\n`;
      return diagnosticsOf(text).length > 0;
    });
    expect(bad).toEqual([]);
  });
  it("a keyword where no name can stand says so, in both languages", () => {
    const d = diagnosticsOf(rubric(`input 酌情: points\ngroup g 1 { indicator i 1 { score = judged } }`)).filter(
      (x) => x.code === "keyword-name",
    );
    expect(d.map((x) => x.message.en)).toEqual(["'酌情' is a keyword and reads as one in a rule; choose another name"]);
    expect(d[0]?.message.zh).toBe("「酌情」是关键字，在规则中只能读作关键字；请换一个名称");
  });
});

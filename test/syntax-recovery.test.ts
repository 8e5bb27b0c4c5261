/**
 * One syntax slip is one diagnostic: the checker does not add sums, missing rules or
 * coverage gaps computed from the declaration the parser had to patch up.
 */
import { describe, expect, it } from "vitest";
import { codesOf } from "./helpers.js";

const rubricWith = (input: string, indicator: string): string => `rubric 甲 {
  total 10
  input 比率: ratio in [0, 100%]
${input}
  group 乙 10 {
${indicator}
    indicator 二 5 { score = 比率 * 5 }
  }
}
`;

describe("syntax errors without follow-on errors", () => {
  it("a name starting with a digit is read as the title the author meant", () => {
    expect(codesOf(rubricWith("", "    indicator 1号指标 5 { score = 5 }"))).toEqual(["6:digit-name"]);
  });

  it("a constant constraint on a record field is accepted; one over another input is one error", () => {
    const line = (bound: string): string =>
      `  input 清单: list of { 名称: text; 数量: count >= ${bound}; 金额: money(元) }`;
    expect(codesOf(rubricWith(line("0"), "    indicator 一 5 { score = 5 }"))).toEqual(["4:unused-input"]);
    expect(codesOf(rubricWith(line("比率"), "    indicator 一 5 { score = 5 }"))).toEqual([
      "4:unused-input",
      "4:record-field-constraint",
    ]);
  });

  it("a stray ')' in a band list reports only syntax errors", () => {
    const codes = codesOf(
      rubricWith("", "    indicator 一 5 { score = bands 比率 { >= 90% -> 5; [60%, 90%) -> 3 ); < 60% -> 0 } }"),
    );
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.every((c) => c.endsWith(":syntax-error"))).toBe(true);
  });

  it("a missing '}' is one error", () => {
    expect(codesOf(rubricWith("", "    indicator 一 5 { score = 5"))).toEqual(["7:syntax-error"]);
  });

  it("a broken child's body does not hide its group's real sum", () => {
    const text = rubricWith("", "    indicator 一 6 { score = 比率 * * 6 }");
    expect(codesOf(text)).toEqual(["5:weight-sum", "6:syntax-error"]);
  });
});

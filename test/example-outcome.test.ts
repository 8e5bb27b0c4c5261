/** Examples that test what they state: expected data errors, "not computable" totals, constant expressions. */
import { describe, expect, it } from "vitest";
import { runExample } from "../src/compiler/examples/run.js";
import { analyze } from "./helpers.js";

const RUBRIC = `rubric R {
  input 完成: count
  input 计划: count
  input 抽查: list of { 得分率: ratio }
  group G 6 {
    indicator 完成率 2 { score = if 计划 = 0 then 0 else 完成 / 计划 * 2 }
    indicator 抽查质量 2 { score = clamp(mean(each x in 抽查: x.得分率), 0, 100%) * 2 }
    indicator 制度 2 { score = judged }
  }
}
`;

function run(example: string): { pass: boolean; problems: string[]; failed: string[] } {
  const p = analyze({ "r.rubric": `${RUBRIC}example "e" for R {\n${example}\n}\n` });
  const errors = p.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new Error(errors.map((d) => d.message.en).join("\n"));
  const r = runExample(p.examples[0] as never);
  return {
    pass: r.pass,
    problems: r.problems.map((x) => x.en),
    failed: r.assertions.filter((a) => !a.pass).map((a) => a.label),
  };
}

describe("expect error", () => {
  it("passes when the named error is raised where stated", () => {
    expect(
      run(
        `given { 完成 = 1; 计划 = 2; 抽查 = [] }\njudge rest full\nexpect error zero-denominator in 抽查质量\nexpect 完成率 = 1`,
      ).pass,
    ).toBe(true);
    expect(run(`given { 完成 = 1; 计划 = 2; 抽查 = [] }\njudge rest full\n预期 错误 除数为零 在 G.抽查质量`).pass).toBe(
      true,
    );
  });

  it("fails, saying so, when the error is not raised", () => {
    const r = run(
      `given { 完成 = 1; 计划 = 2; 抽查 = [{ 得分率: 50% }] }\njudge rest full\nexpect error zero-denominator in 抽查质量`,
    );
    expect(r.pass).toBe(false);
    expect(r.failed).toEqual(["error zero-denominator in 抽查质量"]);
    expect(r.problems).toEqual(["expected a zero denominator error in '抽查质量', but none was raised"]);
  });

  it("fails when a different error is raised there", () => {
    const r = run(
      `given { 完成 = 1; 抽查 = [{ 得分率: 50% }] }\njudge rest full\nexpect error zero-denominator in 完成率`,
    );
    expect(r.pass).toBe(false);
    expect(r.problems[0]).toBe(
      "expected a zero denominator error in '完成率', got: indicator 'G.完成率': missing input '计划'",
    );
  });

  it("an unexpected data error still fails the example", () => {
    const r = run(`given { 完成 = 1; 计划 = 2; 抽查 = [] }\njudge rest full\nexpect 完成率 = 1`);
    expect(r.pass).toBe(false);
    expect(r.problems[0]).toContain("indicator 'G.抽查质量': an empty array has no mean");
  });
});

describe("unjudged parts", () => {
  const given = `given { 完成 = 1; 计划 = 2; 抽查 = [{ 得分率: 50% }] }`;
  it("an example that reads only computable indicators runs and passes", () => {
    expect(run(`${given}\nexpect 完成率 = 1\nexpect 抽查质量 = 1`)).toEqual({ pass: true, problems: [], failed: [] });
  });

  it("expect total on it fails, naming the missing judgements", () => {
    const r = run(`${given}\nexpect 完成率 = 1\nexpect total = 4`);
    expect(r.pass).toBe(false);
    expect(r.failed).toEqual(["total"]);
    expect(r.problems).toEqual([
      "the total is not computable: 'G.制度' is judged: a score must be given for it (judge G.制度 = …, or judge rest full)",
    ]);
    const g = run(`${given}\nexpect G = 4`);
    expect(g.problems).toEqual([
      "'G' is not computable: 'G.制度' is judged: a score must be given for it (judge G.制度 = …, or judge rest full)",
    ]);
  });
});

describe("constant expressions in expect and judge", () => {
  it("are evaluated exactly", () => {
    const r = run(
      `given { 完成 = 1; 计划 = 3; 抽查 = [{ 得分率: 50% }] }\njudge 制度 = 4 / 3 because "部分制度未更新"\nexpect 完成率 = 2 / 3\nexpect total = 2 / 3 + 1 + 4 / 3`,
    );
    expect(r).toEqual({ pass: true, problems: [], failed: [] });
  });
});

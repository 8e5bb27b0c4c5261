/**
 * Aggregation before scoring (issue 11, kind 5): amounts summed and rates
 * weighted by funding across sub-projects, exactly; every record meets the
 * constraints on its fields, and a broken one is named by record and field;
 * a zero total weight or a negative weight fails the indicator, alike in
 * the reference evaluator and the compiled scorer.
 */
import { describe, expect, it } from "vitest";
import { analyzeProgram } from "../src/compiler/program.js";
import { createReferenceScorer } from "../src/compiler/evaluate/scorer.js";
import { createCompiledScorer } from "../src/compiler/codegen/load.js";
import { ScoreError } from "../src/runtime/scorer.js";
import { runExample } from "../src/compiler/examples/run.js";

const SRC = `rubric 汇总 {
  total 10
  input 子项目: list of { 资金: money(万元) >= 0; 执行率: ratio in [0, 100%] }
  group 项目 10 {
    indicator 执行 10 {
      let 资金 = each p in 子项目: p.资金
      let 率 = each p in 子项目: p.执行率
      score = 10 * weighted_mean(率, 资金)
    }
  }
}
`;

function scorers() {
  const program = analyzeProgram([{ file: "t.rubric", text: SRC }]);
  const r = program.rubrics[0];
  if (!r) throw new Error("no rubric");
  // Unguarded on purpose: the checker says the total weight can be 0 (an empty list, or every 资金 = 0).
  expect(program.diagnostics.map((d) => d.code)).toEqual(["weighted-mean-zero-weight"]);
  return [createReferenceScorer(r), createCompiledScorer(r)];
}

const rows = (...xs: [number, string][]) => ({ values: { 子项目: xs.map(([资金, 执行率]) => ({ 资金, 执行率 })) } });

function errorsOf(f: () => unknown): { kind: string; field: string; en: string }[] {
  try {
    f();
  } catch (e) {
    if (!(e instanceof ScoreError)) throw e;
    return e.errors.map((x) => ({ kind: x.kind, field: x.field, en: x.message.en }));
  }
  throw new Error("scored without an error");
}

describe("weighted mean across sub-projects", () => {
  it("weights each rate by its funding, exactly, and traces the sum in both languages", () => {
    for (const s of scorers()) {
      // (90% × 200 + 30% × 100) / 300 = (180 + 30) / 300 = 70% → 7; a plain mean would give 6.
      const rep = s.score(rows([200, "90%"], [100, "30%"]), { explain: true });
      expect(rep.total).toBe("7");
      const line = rep.tree[0]?.children[0]?.children[0]?.trace.find((t) => t.en.startsWith("weighted mean"));
      expect(line).toEqual({
        zh: "加权平均 = (90% × 2000000 + 30% × 1000000) ÷ 3000000 = 70%",
        en: "weighted mean = (90% × 2000000 + 30% × 1000000) / 3000000 = 70%",
      });
      // 1/3 of the weight at 100%, 2/3 at 0%: 10 × 1/3 stays a rational until shown.
      expect(s.score(rows([1, "100%"], [2, "0%"])).total).toBe(s.score(rows([10, "100%"], [20, "0%"])).total);
    }
  });

  it("fails an indicator whose weights add up to 0, naming it", () => {
    for (const s of scorers()) {
      for (const input of [rows(), rows([0, "50%"], [0, "80%"])]) {
        const [err] = errorsOf(() => s.score(input));
        expect(err?.kind).toBe("zero-denominator");
        expect(err?.en).toContain("项目.执行");
        expect(err?.en).toMatch(/add up to 0/);
      }
    }
  });

  it("checks every record's fields against their constraints, naming record and field", () => {
    for (const s of scorers()) {
      const errs = errorsOf(() => s.score(rows([200, "90%"], [-1, "30%"], [5, "130%"])));
      expect(errs.map((e) => [e.kind, e.field])).toEqual([
        ["out-of-range", "子项目[2].资金"],
        ["out-of-range", "子项目[3].执行率"],
      ]);
      expect(errs[0]?.en).toContain(">= 0万元");
    }
  });

  it("refuses a broken record in an example's given values, naming record and field", () => {
    const program = analyzeProgram([
      {
        file: "t.rubric",
        text: `${SRC}example "负资金" for 汇总 {
  given { 子项目 = [{ 资金: 10, 执行率: 50% }, { 资金: -5, 执行率: 50% }] }
  expect total = 5
}
`,
      },
    ]);
    const d = program.diagnostics.find((x) => x.code === "given-constraint");
    expect(d?.message.en).toBe("input '子项目[2].资金' = -5万元 violates >= 0");
    expect(d?.message.zh).toContain("子项目[2].资金");
  });

  it("runs an example with plain numbers in the field's unit (万元)", () => {
    const program = analyzeProgram([
      {
        file: "t.rubric",
        text: `${SRC}example "两个子项目" for 汇总 {
  given { 子项目 = [{ 资金: 300, 执行率: 80% }, { 资金: 100, 执行率: 40% }] }
  // (80% × 300 + 40% × 100) / 400 = 280 / 400 = 70% → 7
  expect total = 7
}
`,
      },
    ]);
    const ex = program.examples[0];
    if (!ex) throw new Error("no example");
    expect(runExample(ex).assertions.map((a) => [a.pass, a.actual])).toEqual([[true, "7"]]);
  });
});

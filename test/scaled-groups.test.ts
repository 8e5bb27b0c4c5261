/**
 * Scaled groups (issue 11, kind 3): the report shows both numbers — the
 * group's points and the base its children are written in, with their sum
 * in that base — and the same from the reference evaluator and the compiled
 * scorer, trace included.
 */
import { describe, expect, it } from "vitest";
import { analyzeProgram } from "../src/compiler/program.js";
import { createReferenceScorer } from "../src/compiler/evaluate/scorer.js";
import { createCompiledScorer } from "../src/compiler/codegen/load.js";

const SRC = `rubric 折算 {
  total 100
  input 率: ratio in [0, 100%]
  group 预算管理 50 折算 100 {
    indicator 执行 60 { score = 60 * 率 }
    group 公开 40 scaled from 4 { indicator 预算 4 { score = 4 * 率 } }
  }
  group 其他 50 { indicator 目标 50 { score = 50 * 率 } }
}
`;

describe("a scaled group's report", () => {
  it("shows its points, its written base and the children's sum there, with a trace, in both scorers", () => {
    const r = analyzeProgram([{ file: "t.rubric", text: SRC }]).rubrics[0];
    if (!r) throw new Error("no rubric");
    for (const s of [createReferenceScorer(r), createCompiledScorer(r)]) {
      // 率 = 70%: 执行 42; 公开: 预算 2.8 of 4 → 2.8 × 40 / 4 = 28; 预算管理: 70 of 100 → 35; 其他 35.
      const rep = s.score({ values: { 率: "70%" } }, { explain: true });
      const g = rep.tree[0];
      expect([g?.points, g?.score, g?.scaledFrom]).toEqual(["50", "35", { base: "100", sum: "70" }]);
      expect(g?.trace).toEqual([
        {
          zh: "下级按 100 分制合计 70，折算为 50 分：70 ÷ 100 × 50 = 35",
          en: "the children add up to 70 out of 100, scaled to 50: 70 / 100 × 50 = 35",
        },
      ]);
      const inner = g?.children[1];
      expect([inner?.points, inner?.score, inner?.scaledFrom]).toEqual(["40", "28", { base: "4", sum: "2.8" }]);
      expect(rep.total).toBe("70");
      // Without explain, no trace; the numbers are the same.
      const plain = s.score({ values: { 率: "70%" } });
      expect([plain.tree[0]?.trace, plain.tree[0]?.scaledFrom?.sum, plain.total]).toEqual([[], "70", "70"]);
    }
  });
});

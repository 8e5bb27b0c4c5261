/**
 * Bonuses and penalties (issue 11, kind 2): the report shows the base, the
 * bonus and the penalty, and the trace says how they combine — the same
 * from the reference evaluator and the compiled scorer; the checker tells
 * the most the rubric can give.
 */
import { describe, expect, it } from "vitest";
import { analyzeProgram } from "../src/compiler/program.js";
import { createReferenceScorer } from "../src/compiler/evaluate/scorer.js";
import { createCompiledScorer } from "../src/compiler/codegen/load.js";

const SRC = `rubric 加减 {
  total 50
  input 引进: count
  input 违规: count
  input 否决: bool
  group 人才 50 scaled from 10 {
    indicator 引进人才 1.5 {
      veto when 否决
      score = 1.5
      bonus up to 0.5 = 0.05分 * 引进
      penalty up to 2 = 0.1分 * 违规
    }
    indicator 其他 8.5 { score = 8.5 }
  }
}
`;

function rubric() {
  const program = analyzeProgram([{ file: "t.rubric", text: SRC }]);
  const r = program.rubrics[0];
  if (!r) throw new Error("no rubric");
  expect(program.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
  return { r, program };
}

describe("bonuses and penalties", () => {
  it("show base, bonus and penalty in the report, with the trace, in both scorers", () => {
    const { r } = rubric();
    for (const s of [createReferenceScorer(r), createCompiledScorer(r)]) {
      // bonus 0.05 × 20 = 1 → capped 0.5; penalty 0.1 × 3 = 0.3: 1.5 + 0.5 − 0.3 = 1.7.
      const rep = s.score({ values: { 引进: "20", 违规: "3", 否决: "false" } }, { explain: true });
      const ind = rep.tree[0]?.children[0];
      expect([ind?.points, ind?.score, ind?.adjusted]).toEqual([
        "1.5",
        "1.7",
        { base: "1.5", bonus: "0.5", penalty: "0.3" },
      ]);
      expect(ind?.trace).toEqual([
        { zh: "加分 0.5（1，至多 0.5）", en: "bonus 0.5 (1, at most 0.5)" },
        { zh: "减分 0.3", en: "penalty 0.3" },
        { zh: "基础分 1.5 + 加分 0.5 − 减分 0.3 = 1.7", en: "base 1.5 + bonus 0.5 − penalty 0.3 = 1.7" },
      ]);
      // The group is scaled from 10 to 50: (1.7 + 8.5) × 5 = 51, above its 50 points.
      expect([rep.tree[0]?.score, rep.total]).toEqual(["51", "51"]);
      // A vetoed indicator scores 0: no bonus.
      const vetoed = s.score({ values: { 引进: "20", 违规: "0", 否决: "true" } });
      expect([vetoed.tree[0]?.children[0]?.score, vetoed.tree[0]?.children[0]?.adjusted]).toEqual(["0", undefined]);
    }
  });

  it("the checker tells the most the rubric can give, bonuses scaled with their group", () => {
    const { program } = rubric();
    const d = program.diagnostics.find((x) => x.code === "max-total");
    // 50 points + the bonus 0.5 scaled by 50 / 10 = 2.5.
    expect(d?.message.en).toBe("with bonuses, the highest possible total is 52.5 (points 50, bonuses at most 2.5)");
    expect(d?.message.zh).toBe("含加分，最高可得总分为 52.5（各项分值合计 50，加分至多 2.5）");
  });
});

/**
 * Grade caps (issue 11, kind 4): the grade is capped, the total left alone,
 * the report says why — the same from the reference evaluator and the
 * compiled scorer; a missing input in the condition is an error of the grade.
 */
import { describe, expect, it } from "vitest";
import { analyzeProgram } from "../src/compiler/program.js";
import { createReferenceScorer } from "../src/compiler/evaluate/scorer.js";
import { createCompiledScorer } from "../src/compiler/codegen/load.js";
import { ScoreError, type InputError, type Scorer } from "../src/runtime/scorer.js";

const SRC = `rubric 上限 {
  total 10
  grades { 优 >= 9; 良 >= 8; 差 otherwise }
  grade at most 良 when 通报 because "一票否优"
  input 通报: bool
  input 分: points in [0, 10]
  group g 10 { indicator i 10 { score = 分 } }
}
rubric 派生 extends 上限 {
  input 违纪: bool
  等级 至多 差 当 违纪
}
`;

function scorers(name: string): Scorer[] {
  const r = analyzeProgram([{ file: "t.rubric", text: SRC }]).rubrics.find((x) => x.model.name === name);
  if (!r) throw new Error("no rubric");
  return [createReferenceScorer(r), createCompiledScorer(r)];
}

function errorsOf(s: Scorer, values: Record<string, string>): readonly InputError[] {
  try {
    s.score({ values });
  } catch (e) {
    if (e instanceof ScoreError) return e.errors;
    throw e;
  }
  return [];
}

describe("grade caps", () => {
  it("lower the grade, keep the total and say why (both scorers)", () => {
    for (const s of scorers("上限")) {
      // 分 9.5 → total 9.5 → 优; 通报 holds → at most 良.
      const r = s.score({ values: { 通报: "true", 分: "9.5" } });
      expect([r.total, r.grade]).toEqual(["9.5", "良"]);
      expect(r.gradeCap).toEqual({
        from: "优",
        to: "良",
        because: {
          zh: "通报 成立（一票否优）：等级至多为「良」，由「优」降为「良」",
          en: "通报 holds (一票否优): the grade is at most '良', lowered from '优'",
        },
      });
      const free = s.score({ values: { 通报: "false", 分: "9.5" } });
      expect([free.grade, free.gradeCap]).toEqual(["优", undefined]);
      // 8.5 earns 良 already: nothing to cap, and nothing said.
      const low = s.score({ values: { 通报: "true", 分: "8.5" } });
      expect([low.grade, low.gradeCap]).toEqual(["良", undefined]);
    }
  });

  it("are inherited, and the lowest cap that holds wins", () => {
    for (const s of scorers("派生")) {
      const r = s.score({ values: { 通报: "true", 违纪: "true", 分: "9.5" } });
      expect([r.total, r.grade, r.gradeCap?.from, r.gradeCap?.to]).toEqual(["9.5", "差", "优", "差"]);
    }
  });

  it("read a condition's inputs only when the cap could change the grade", () => {
    for (const s of scorers("上限")) expect(s.score({ values: { 分: "8" } }).grade).toBe("良");
  });

  it("report a missing input in the condition as an error of the grade, the same from both scorers", () => {
    const [ref, mod] = scorers("上限") as [Scorer, Scorer];
    const a = errorsOf(ref, { 分: "9.5" });
    expect(a).toEqual([
      {
        kind: "missing",
        field: "通报",
        indicators: [],
        message: { zh: "等级上限：缺少输入「通报」", en: "grade cap: missing input '通报'" },
      },
    ]);
    expect(errorsOf(mod, { 分: "9.5" })).toEqual(a);
  });
});

/** Helpers for the batch tests: the small fixture rubric's scorer, and `rubric score` run in-process. */
import { readFileSync } from "node:fs";
import { analyzeProgram } from "../../src/compiler/program.js";
import { createReferenceScorer } from "../../src/compiler/evaluate/scorer.js";
import type { Scorer } from "../../src/runtime/scorer.js";
import { runScore } from "../../src/cli/score.js";

export const SMALL = "test/fixtures/batch/small.rubric";

export function smallScorer(): Scorer {
  const program = analyzeProgram([{ file: SMALL, text: readFileSync(SMALL, "utf8") }]);
  const r = program.rubrics[0];
  if (!r) throw new Error("the fixture rubric did not build");
  return createReferenceScorer(r);
}

/** A complete, valid department for the small rubric (raw values as JSON gives them). */
export const GOOD: Record<string, unknown> = {
  计划金额: 100,
  实际金额: "98",
  满意度: "95%",
  进度: "25%; 50%; 75%; 100%",
  计划数: 4,
  完成数: 4,
  违规: "否",
  公开: "按规定公开",
  工作: [{ 名称: "甲", 已完成: true }],
  信访件数: 0,
};

export async function score(
  ...argv: string[]
): Promise<{ code: number; out: string; err: string; errLines: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runScore(argv, { out: (s) => out.push(s), err: (s) => err.push(s), color: false, env: {} });
  return { code, out: out.join("\n"), err: err.join("\n"), errLines: err };
}

/**
 * Differential tests over random rubrics of step deductions and achievement
 * ratios (test/support/random-rule-rubric.ts): the compiled module and the
 * reference evaluator agree exactly — score, trace and errors — on random
 * departments with zeros, step edges and ties.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyzeProgram } from "../../src/compiler/program.js";
import { compileRubric } from "../../src/compiler/codegen/compile.js";
import { createReferenceScorer } from "../../src/compiler/evaluate/scorer.js";
import { ScoreError, type ScoreInput } from "../../src/runtime/scorer.js";
import type { NodeReport, Report } from "../../src/runtime/report.js";
import { Rng, randomInput } from "../support/random-input.js";
import { randomRuleRubric } from "../support/random-rule-rubric.js";

const RUBRICS = 6;
const CASES = Number(process.env["DIFF_CASES"] ?? 1000) / 2;
const genDir = new URL("../.generated/", import.meta.url);
mkdirSync(genDir, { recursive: true });

function flatten(nodes: readonly NodeReport[], out: string[] = []): string[] {
  for (const n of nodes) {
    out.push(`${n.path.join(".")} computed=${n.computed} score=${n.score} trace=${JSON.stringify(n.trace)}`);
    flatten(n.children, out);
  }
  return out;
}

function outcome(f: () => Report): string[] {
  try {
    const r = f();
    return [`total=${r.total}`, ...flatten(r.tree)];
  } catch (e) {
    if (!(e instanceof ScoreError)) throw e;
    return e.errors.map((x) => `error ${x.kind} ${x.field} ${x.indicators.join(",")} ${x.message.en}`).sort();
  }
}

describe("random step-deduction and achievement rubrics: compiled = reference", () => {
  for (let k = 0; k < RUBRICS; k++) {
    const text = randomRuleRubric(new Rng(1000 + k), `随机规则${k}`);
    it(`random rubric ${k}`, async () => {
      const program = analyzeProgram([{ file: `random${k}.rubric`, text }]);
      expect(
        program.diagnostics.filter((d) => d.severity === "error").map((d) => d.message.en),
        text,
      ).toEqual([]);
      const rubric = program.rubrics[0];
      if (!rubric) throw new Error("no rubric");
      const out = await compileRubric(rubric, { runtime: "../../src/runtime/index.js" });
      const file = new URL(`rules${k}.ts`, genDir);
      writeFileSync(file, out.ts);
      const mod = (await import(file.href)) as { score(i: ScoreInput, o?: { explain?: boolean }): Report };
      const ref = createReferenceScorer(rubric);
      const rng = new Rng(7 + k);
      let scored = 0;
      for (let c = 0; c < CASES; c++) {
        const input = randomInput(ref.meta, rng);
        const a = outcome(() => ref.score(input, { explain: true }));
        const b = outcome(() => mod.score(input, { explain: true }));
        if (JSON.stringify(a) !== JSON.stringify(b))
          expect({ text, input, compiled: b }).toEqual({ text, input, compiled: a });
        if (a[0]?.startsWith("total=")) scored++;
      }
      expect(scored).toBeGreaterThan(CASES / 4);
    }, 120_000);
  }
});

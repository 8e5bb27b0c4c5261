/**
 * The two scorers are interchangeable to a user: for the same department
 * they fail with the same errors (kind, field, indicators, message in both
 * languages) and their reports serialise to the same JSON, key order
 * included — so `rubric score --format json` gives the same bytes with the
 * compiled scorer and with `--reference`.
 */
import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyzeProgram } from "../../src/compiler/program.js";
import { createReferenceScorer } from "../../src/compiler/evaluate/scorer.js";
import { createCompiledScorer } from "../../src/compiler/codegen/load.js";
import { ScoreError, type InputError, type ScoreInput, type Scorer } from "../../src/runtime/scorer.js";
import { Rng, randomInput } from "../support/random-input.js";
import { score } from "../batch/helpers.js";

function scorers(text: string, file = "t.rubric"): { ref: Scorer; mod: Scorer } {
  const program = analyzeProgram([{ file, text }]);
  const r = program.rubrics[0];
  if (!r) throw new Error("no rubric");
  return { ref: createReferenceScorer(r), mod: createCompiledScorer(r) };
}

function errorsOf(s: Scorer, input: ScoreInput): readonly InputError[] {
  try {
    s.score(input);
  } catch (e) {
    if (e instanceof ScoreError) return e.errors;
    throw e;
  }
  throw new Error("scored, but an error was expected");
}

const JUDGED = `rubric 主观评分 {
  total 4
  input 完成率: ratio
  group 管理 4 {
    indicator 制度 2 {
      part 健全 1 = judged
      part 执行 1 = 完成率 * 1
    }
    indicator 监督 2 { score = judged }
  }
}
`;

describe("a missing judgement", () => {
  it("is the same error from both scorers: the part's path as the field, the indicator as the place", () => {
    const { ref, mod } = scorers(JUDGED);
    const input: ScoreInput = { values: { 完成率: "0.5" }, judgements: { 监督: { value: "2" } } };
    const a = errorsOf(ref, input);
    const b = errorsOf(mod, input);
    expect(b).toEqual(a);
    expect(a).toEqual([
      {
        kind: "missing",
        field: "管理.制度.健全",
        indicators: ["管理.制度"],
        message: {
          zh: "指标「管理.制度」：「管理.制度.健全」为酌情评分，须给出评定分（评定 管理.制度.健全 = …，或 评定 其余 满分）",
          en: "indicator '管理.制度': '管理.制度.健全' is judged: a score must be given for it (judge 管理.制度.健全 = …, or judge rest full)",
        },
      },
    ]);
    const fixed: ScoreInput = { ...input, judgements: { ...input.judgements, [a[0]?.field ?? ""]: { value: "1" } } };
    expect(mod.score(fixed).total).toBe("3.5");
  });

  it("for `score = judged` names the indicator, the path a judgement is given under", () => {
    const { ref, mod } = scorers(JUDGED);
    const input: ScoreInput = { values: { 完成率: "0.5" }, judgements: { 健全: { value: "1" } } };
    const a = errorsOf(ref, input);
    expect(errorsOf(mod, input)).toEqual(a);
    expect(a.map((e) => [e.field, e.indicators])).toEqual([["管理.监督", ["管理.监督"]]]);
    // Judging what the error names is what makes the department score.
    const fixed: ScoreInput = { ...input, judgements: { ...input.judgements, [a[0]?.field ?? ""]: { value: "2" } } };
    expect(mod.score(fixed).total).toBe("3.5");
    expect(ref.score(fixed).total).toBe("3.5");
  });
});

const sources = [
  ...readdirSync("rubrics")
    .filter((f) => f.endsWith(".rubric"))
    .map((f) => `rubrics/${f}`),
  ...readdirSync("test/fixtures/good")
    .filter((f) => f.endsWith(".rubric"))
    .map((f) => `test/fixtures/good/${f}`),
];

describe("reports serialise identically", () => {
  for (const file of sources) {
    it(`${file}: the same JSON (key order included) with and without explanations, and the same errors`, () => {
      const program = analyzeProgram([{ file, text: readFileSync(file, "utf8") }]);
      const rng = new Rng(7);
      for (const r of program.rubrics.filter((x) => x.model.file === file)) {
        const ref = createReferenceScorer(r);
        const mod = createCompiledScorer(r);
        for (let k = 0; k < 60; k++) {
          const input = randomInput(ref.meta, rng, { restFull: 0.8 });
          for (const explain of [false, true]) {
            const run = (s: Scorer): string => {
              try {
                return JSON.stringify(s.score(input, { explain }), null, 1);
              } catch (e) {
                if (e instanceof ScoreError) return JSON.stringify(e.errors, null, 1);
                throw e;
              }
            };
            const a = run(ref);
            const b = run(mod);
            if (a !== b) expect({ case: k, explain, json: b }).toEqual({ case: k, explain, json: a });
          }
        }
      }
    });
  }
});

describe("rubric score --format json", () => {
  const runBoth = async (...argv: string[]): Promise<[string, string]> => {
    const a = await score(...argv);
    const b = await score(...argv, "--reference");
    expect(a.code).toBe(b.code);
    return [a.out, b.out];
  };
  for (const dept of ["yantian-qwb-2023", "luohu-zsj-2023", "dapeng-zsj-2021"]) {
    it(`${dept}: the compiled scorer and --reference print the same bytes`, async () => {
      const [a, b] = await runBoth("rubrics", `rubrics/inputs/${dept}.json`, "--format", "json");
      expect(a).toContain('"total"');
      expect(a).toBe(b);
    });
  }
  it("rows (with --explain) print the same bytes", async () => {
    const [a, b] = await runBoth("rubrics", "rubrics/inputs/seeds.csv", "--format", "json", "--explain");
    expect(a).toContain('"trace"');
    expect(a).toBe(b);
  });
});

describe("lists too long to unroll", () => {
  // The compiled scorer unrolls lists element by element; past its limit it must fall back, never cut the list short.
  const LONG = `rubric 长列表 {
  total 10
  input 月度: count[300] in [0, 10]
  group 管理 10 {
    indicator 区间 5 { score = min(sum(each k in 1..2000: k) / 400400, 5) }
    indicator 月度 5 { score = min(sum(each m in 1..300: 月度[m]) / 600, 5) }
  }
}
`;
  it("a range of 2,000 numbers and an input of 300 elements score the same with both scorers", () => {
    const { ref, mod } = scorers(LONG);
    const input: ScoreInput = { values: { 月度: Array.from({ length: 300 }, (_, i) => String(i % 11)) } };
    const a = ref.score(input);
    expect(mod.score(input).total).toBe(a.total);
    // sum(1..2000) = 2,001,000 → 2001000 / 400400 = 4.997… ; cut at 1,000 it would be 500500 / 400400 = 1.25.
    expect(a.tree[0]?.children[0]?.computed).toMatch(/^4\.99/);
  });
});

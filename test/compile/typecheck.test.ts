/**
 * Compiled modules are clean under `tsc --strict` with no `any`, their
 * JavaScript runs under plain Node with its `.d.ts`, output is deterministic,
 * and any rubric text — quotes, backslashes, `*​/`, `${`, newlines, U+2028 —
 * compiles to code that still type-checks and scores the same.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { analyzeProgram } from "../../src/compiler/program.js";
import { compileRubric } from "../../src/compiler/codegen/compile.js";
import { createReferenceScorer } from "../../src/compiler/evaluate/scorer.js";
import { typecheckModules } from "../../scripts/fuzz/typecheck.js";
import type { Report } from "../../src/runtime/report.js";
import type { ScoreInput } from "../../src/runtime/scorer.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const dir = fileURLToPath(new URL("../.generated/tsc/", import.meta.url));

const rubricFiles = readdirSync(`${root}rubrics`)
  .filter((f) => f.endsWith(".rubric"))
  .map((f) => ({ file: `rubrics/${f}`, text: readFileSync(`${root}rubrics/${f}`, "utf8") }));

const NASTY = `rubric "引号\\"反斜杠\\\\ */ \${x} 与\u2028换行" 2024 {
  total 2
  rounding indicator 2 half-up
  grades { "优\\"" >= 1; 差 otherwise }
  grade at most 差 when 比率 < 10% because "理由 */ \${z} \\ \\"引号\\""
  input 比率 alias ratio_in: ratio in [0, 100%]
  group "组 */ /* \`tick\`" 2 {
    indicator "指标\\n名 \${y}" 2 {
      note "说明：*/ 结束注释，\${插值}，\\"引号\\"，反斜杠 \\\\，
换行，U+2028[\u2028]，U+2029[\u2029]，emoji 🧮，零宽[\u200b]"
      standard “中文引号里的 "双引号" 与 \\ 反斜杠”
      score = bands 比率 { >= 90% -> 2; < 90% -> 1 }
    }
  }
}
`;

/** `tsc --strict` problems (and uses of `any`) of the generated files, one program for all. */
function typecheck(files: string[]): string[] {
  return [...typecheckModules(files.map((f) => readFileSync(f, "utf8"))).values()];
}

describe("compiled modules", () => {
  it("type-check under tsc --strict with no any, for every bundled rubric and hostile text", async () => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    // The judged rules (verdicts, scales, judged deductions) and the rules of issue 11 of good fixtures, as well.
    const fixtures = [
      "judged-verdicts.rubric",
      "grade-caps.rubric",
      "scaled-groups.rubric",
      "bonus-penalty.rubric",
      "peers.rubric",
    ].map((file) => ({
      file,
      text: readFileSync(`${root}test/fixtures/good/${file}`, "utf8"),
    }));
    const program = analyzeProgram([...rubricFiles, { file: "nasty.rubric", text: NASTY }, ...fixtures]);
    expect(program.diagnostics.filter((d) => d.severity === "error").map((d) => d.message.en)).toEqual([]);
    const files: string[] = [];
    for (const r of program.rubrics) {
      const out = await compileRubric(r, { runtime: `${root}src/runtime/index.js` });
      const f = `${dir}m${files.length}.ts`;
      writeFileSync(f, out.ts);
      files.push(f);
    }
    expect(typecheck(files)).toEqual([]);
  }, 60_000);

  it("is deterministic: the same rubric gives the same bytes", async () => {
    const a = analyzeProgram(rubricFiles).rubrics[0];
    const b = analyzeProgram(rubricFiles).rubrics[0];
    if (!a || !b) throw new Error("no rubric");
    expect((await compileRubric(a)).ts).toBe((await compileRubric(b)).ts);
    expect((await compileRubric(a)).js).toBe((await compileRubric(b)).js);
  });

  it("hostile text scores the same as the reference and survives into the report", async () => {
    const program = analyzeProgram([{ file: "nasty.rubric", text: NASTY }]);
    const rubric = program.rubrics[0];
    if (!rubric) throw new Error("no rubric");
    const out = await compileRubric(rubric, { runtime: `${root}src/runtime/index.js` });
    mkdirSync(dir, { recursive: true });
    const f = `${dir}nasty-run.ts`;
    writeFileSync(f, out.ts);
    const mod = (await import(pathToFileURL(f).href)) as { score(i: ScoreInput): Report; meta: { name: string } };
    const input = { values: { ratio_in: "95%" } };
    const got = mod.score(input);
    const want = createReferenceScorer(rubric).score(input);
    expect(got.total).toBe(want.total);
    expect(got.total).toBe("2");
    expect(got.grade).toBe('优"');
    expect(mod.meta.name).toBe('引号"反斜杠\\ */ ${x} 与\u2028换行');
    expect(got.tree[0]?.children[0]?.name).toBe("指标\n名 ${y}");
  });

  it("emits JavaScript that plain Node imports, with declarations", async () => {
    const program = analyzeProgram(rubricFiles);
    const rubric = program.rubrics.find((r) => r.model.name === "盐田区委办");
    if (!rubric) throw new Error("no rubric");
    const out = await compileRubric(rubric, { runtime: pathToFileURL(`${root}dist/runtime/index.js`).href });
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${dir}yantian.mjs`, out.js);
    expect(out.dts).toContain("export declare function score(input: RubricInput");
    expect(out.dts).toContain("export type Input = {");
    const mod = (await import(pathToFileURL(`${dir}yantian.mjs`).href)) as { validate(i: unknown): unknown[] };
    expect(mod.validate({ values: { 采购计划金额: "abc" } }).length).toBeGreaterThan(0);
  });
});

/**
 * Judged rules and their bounds: `judged in [a, b]` (open ends included, in
 * every branch of an `if`, for an indicator judged as a whole), verdict-
 * bounded judgements (`judged by 结论 { … }`, named scales), scaled tiers and
 * judged deductions — through examples, through the reference scorer that
 * `rubric score` uses, and through compiled scorers. Expected numbers are
 * worked out by hand in the comments.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runExample } from "../src/compiler/examples/run.js";
import { compileRubric } from "../src/compiler/codegen/compile.js";
import { createReferenceScorer } from "../src/compiler/evaluate/scorer.js";
import { ScoreError, type ScoreInput } from "../src/runtime/scorer.js";
import type { Report } from "../src/runtime/report.js";
import { analyze, rubric } from "./helpers.js";

/** Runs the one example of `rubric T { body }` + `example { items }`: error codes, problems (en), node scores. */
function run(body: string, items: string) {
  const program = analyze({ "t.rubric": `${rubric(body)}\nexample "e" for T {\n${items}\n}\n` });
  const codes = program.diagnostics.filter((d) => d.severity === "error").map((d) => d.code);
  const ex = program.examples[0];
  if (!ex) throw new Error("no example");
  const r = runExample(ex);
  const problems = r.problems.map((p) => p.en).join("\n");
  const problemsZh = r.problems.map((p) => p.zh).join("\n");
  const scoreOf = (path: string): string | null => {
    for (const [n, v] of r.result?.scores ?? []) if (n.path.join(".").endsWith(path)) return v?.toString() ?? null;
    return null;
  };
  return { codes, problems, problemsZh, scoreOf, result: r, program };
}

function scorer(body: string) {
  const program = analyze({ "t.rubric": rubric(body) });
  const errors = program.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new Error(errors.map((d) => d.message.en).join("\n"));
  const r = program.rubrics[0];
  if (!r) throw new Error("no rubric");
  return { ref: createReferenceScorer(r), rubric: r };
}

/** The outcome of scoring: the total, or the error kinds and messages. */
function outcome(f: () => Report): string {
  try {
    return `total ${f().total}`;
  } catch (e) {
    if (!(e instanceof ScoreError)) throw e;
    return e.errors.map((x) => `${x.kind}: ${x.message.en}`).join("; ");
  }
}

describe("judged bounds (issue 7 defects)", () => {
  const whole = `group g 5 { indicator 主观 5 { score = judged in [4, 5] } }`;

  it("an indicator written `score = judged in [4, 5]` judged as a whole must lie in [4, 5]: 3 is refused", () => {
    expect(run(whole, `judge 主观 = 3 because "x"`).codes).toEqual(["value-out-of-bounds"]);
    const ok = run(whole, `judge 主观 = 4.5 because "x"`);
    expect(ok.codes).toEqual([]);
    expect(ok.scoreOf("主观")).toBe("4.5");
  });

  it("… also through `rubric score` (the reference scorer's input check)", () => {
    const { ref } = scorer(whole);
    expect(outcome(() => ref.score({ values: {}, judgements: { 主观: { value: "3", reason: "x" } } }))).toMatch(
      /^judgement-out-of-bounds: .*主观.* is outside \[4, 5\]/,
    );
    expect(outcome(() => ref.score({ values: {}, judgements: { 主观: { value: "4", reason: "x" } } }))).toBe("total 4");
  });

  const chain = `
    input 有问题: bool
    group g 2 { indicator 评议 2 { part 意见 2 = if 有问题 then judged in [0, 1] else judged in [1, 2] } }`;

  it("in an `if` chain the bounds of the branch that fires apply, not the first branch's", () => {
    // else branch fires: [1, 2]. 0.5 lies in the first branch's [0, 1] but not here.
    const low = run(chain, `given 有问题 = false\n judge 意见 = 0.5 because "x"`);
    expect(low.problems).toMatch(/'g\.评议\.意见' is judged 0\.5, outside \[1, 2\]/);
    expect(low.problemsZh).toMatch(/「g\.评议\.意见」评定为 0\.5，超出允许范围 \[1, 2\]/);
    // 1.5 lies outside the first branch's bounds, yet it is what the else branch allows.
    const high = run(chain, `given 有问题 = false\n judge 意见 = 1.5 because "x"`);
    expect(high.codes).toEqual([]);
    expect(high.scoreOf("意见")).toBe("1.5");
    // The then branch fires: [0, 1]; 1.5 is refused there.
    expect(run(chain, `given 有问题 = true\n judge 意见 = 1.5 because "x"`).problems).toMatch(/outside \[0, 1\]/);
  });

  it("… and the same through `rubric score` and a compiled scorer", async () => {
    const { ref, rubric: r } = scorer(chain);
    const mod = await compiled(r);
    const input = (v: boolean, j: string): ScoreInput => ({
      values: { 有问题: v },
      judgements: { 意见: { value: j, reason: "x" } },
    });
    for (const s of [ref, mod]) {
      expect(outcome(() => s.score(input(false, "0.5")))).toMatch(/^judgement-out-of-bounds: .*outside \[1, 2\]/);
      expect(outcome(() => s.score(input(false, "1.5")))).toBe("total 1.5");
      expect(outcome(() => s.score(input(true, "1.5")))).toMatch(/^judgement-out-of-bounds/);
    }
  });

  const open = `group g 2 { indicator 主观 2 { part 意见 2 = judged in [0, 2) } }`;

  it("an open end is honoured: `[0, 2)` refuses 2 and accepts 1.99", () => {
    expect(run(open, `judge 意见 = 2`).codes).toEqual(["value-out-of-bounds"]);
    expect(run(open, `judge 意见 = 1.99 because "x"`).scoreOf("意见")).toBe("1.99");
    const { ref } = scorer(open);
    expect(outcome(() => ref.score({ values: {}, judgements: { 意见: { value: "2" } } }))).toMatch(
      /^judgement-out-of-bounds: .*outside \[0, 2\)/,
    );
  });

  it("`judge rest full` on an interval with an open top has no maximum to give: an error naming the interval", () => {
    expect(run(open, `judge rest full`).problems).toMatch(/\[0, 2\) has no maximum/);
  });
});

let n = 0;
async function compiled(r: Parameters<typeof compileRubric>[0]): Promise<{ score(i: ScoreInput): Report }> {
  const out = await compileRubric(r, { runtime: "../../src/runtime/index.js" });
  const dir = new URL("./.generated/", import.meta.url);
  mkdirSync(dir, { recursive: true });
  const file = new URL(`judged_${process.pid}_${n++}.ts`, dir);
  writeFileSync(file, out.ts);
  return (await import(file.href)) as { score(i: ScoreInput): Report };
}

const THREE_TIERS = `
    enum 结论类 { 达成, 部分达成, 未达成 }
    input 结论: 结论类`;

describe("verdict-bounded judgements (定性指标三档)", () => {
  const body = `${THREE_TIERS}
    group g 10 { indicator 质量 10 { score = judged by 结论 { 达成 -> [80%, 100%]; 部分达成 -> [50%, 80%); 未达成 -> [0, 50%) } } }`;

  it("a judgement inside the interval of the verdict that holds scores as judged (10 points: 部分达成 → [5, 8))", () => {
    const r = run(body, `given 结论 = 部分达成\n judge 质量 = 7.5 because "部分目标未完成"`);
    expect(r.codes).toEqual([]);
    expect(r.scoreOf("质量")).toBe("7.5");
    const part = r.result.result?.report.tree[0]?.children[0]?.children[0];
    expect(part?.trace.map((t) => t.en)).toEqual([
      "结论 = 部分达成, so the judgement lies in [5, 8): judged 7.5 (部分目标未完成)",
    ]);
    expect(part?.trace.map((t) => t.zh)).toEqual([
      "结论 = 部分达成，评定分应在 [5, 8) 之内，酌情评定 7.5（部分目标未完成）",
    ]);
  });

  it("outside it: an error at the judge line naming the verdict and the interval, in both languages (8 is the open top of 部分达成)", () => {
    const r = run(body, `given 结论 = 部分达成\n judge 质量 = 8 because "x"`);
    expect(r.codes).toEqual(["verdict-out-of-bounds"]);
    const d = r.program.diagnostics[0];
    expect(d?.message.en).toBe(
      "'g.质量': the verdict is '部分达成', so the judged score must lie in [5, 8); 8 is outside it",
    );
    expect(d?.message.zh).toBe("「g.质量」的结论为「部分达成」，评定分须在 [5, 8) 之内，给出的是 8");
  });

  it("when the verdict is computed, not given, the interval is checked while scoring", () => {
    const computed = body.replace("judged by 结论 {", "judged by (if 结论 = 达成 then 部分达成 else 结论) {");
    const r = run(computed, `given 结论 = 达成\n judge 质量 = 9 because "x"`);
    expect(r.codes).toEqual([]);
    expect(r.problems).toMatch(/the verdict is '部分达成', so the judged score must lie in \[5, 8\); it is judged 9/);
    expect(r.problemsZh).toMatch(/结论为「部分达成」，评定分须在 \[5, 8\) 之内，实际评定 9/);
  });

  it("`judge rest full` gives the top of the verdict's interval when it is closed (达成 → 10), and refuses an open one", () => {
    expect(run(body, `given 结论 = 达成\n judge rest full`).scoreOf("质量")).toBe("10");
    expect(run(body, `given 结论 = 未达成\n judge rest full`).problems).toMatch(/'未达成': \[0, 5\) has no maximum/);
  });

  it("a value outside every interval is refused before scoring; below the maximum a reason is required", () => {
    expect(run(body, `given 结论 = 达成\n judge 质量 = 11 because "x"`).codes).toEqual(["value-out-of-bounds"]);
    expect(run(body, `given 结论 = 达成\n judge 质量 = 9`).codes).toEqual(["judged-without-reason"]);
  });

  it("`rubric score` and compiled scorers report `judgement-out-of-bounds` naming the verdict", async () => {
    const { ref, rubric: r } = scorer(body);
    const mod = await compiled(r);
    for (const s of [ref, mod]) {
      expect(
        outcome(() => s.score({ values: { 结论: "未达成" }, judgements: { 质量: { value: "6", reason: "x" } } })),
      ).toMatch(
        /^judgement-out-of-bounds: 'g\.质量': the verdict is '未达成', so the judged score must lie in \[0, 5\)/,
      );
      expect(
        outcome(() => s.score({ values: { 结论: "未达成" }, judgements: { 质量: { value: "4.5", reason: "x" } } })),
      ).toBe("total 4.5");
    }
    // `validate` (no scoring) already sees it, since the verdict is in the same input.
    expect(
      ref
        .validate({ values: { 结论: "未达成" }, judgements: { 质量: { value: "6", reason: "x" } } })
        .map((e) => `${e.kind} ${e.field}: ${e.message.zh}`),
    ).toEqual(["judgement-out-of-bounds g.质量: 「g.质量」的结论为「未达成」，评定分须在 [0, 5) 之内，实际评定 6"]);
  });

  it("a named scale, declared once, bounds several indicators by their own points (4 points: 达成 → [3.2, 4])", () => {
    const scaled = `${THREE_TIERS}
      scale 定性三档 { 达成 -> [80%, 100%]; 部分达成 -> [50%, 80%); 未达成 -> [0, 50%) }
      group g 14 {
        indicator 甲 10 { score = judged by 结论 scale 定性三档 }
        indicator 乙 4 { 得分 = 酌情 按 结论 档次 定性三档 }
      }`;
    const r = run(scaled, `given 结论 = 达成\n judge 甲 = 8 because "x"\n judge 乙 = 3 because "y"`);
    expect(r.codes).toEqual(["verdict-out-of-bounds"]);
    expect(r.program.diagnostics[0]?.message.en).toMatch(
      /'g\.乙': the verdict is '达成', so the judged score must lie in \[3\.2, 4\]; 3 is outside it/,
    );
    expect(
      run(
        scaled,
        `given 结论 = 达成\n judge 甲 = 8 because "x"\n judge 乙 = 3.2 because "y"`,
      ).result.result?.total?.toString(),
    ).toBe("11.2");
  });

  it("a scale is inherited by a rubric that extends the one declaring it", () => {
    const program = analyze({
      "t.rubric": `rubric 基础 {\n${THREE_TIERS}\n scale 定性三档 { 达成 -> [80%, 100%]; 部分达成 -> [50%, 80%); 未达成 -> [0, 50%) }\n group g 10 { indicator 甲 10 { score = judged } } }
rubric 项目 extends 基础 { replace 甲 { score = judged by 结论 scale 定性三档 } }
example "e" for 项目 { given 结论 = 部分达成\n judge 甲 = 5 because "x"\n expect 甲 = 5 }`,
    });
    expect(program.diagnostics.filter((d) => d.severity === "error").map((d) => d.message.en)).toEqual([]);
    const ex = program.examples[0];
    expect(ex && runExample(ex).pass).toBe(true);
  });
});

describe("tiers by a value scale", () => {
  it("`%` values are shares of the part's points, plain values are points (5 points: 良 → 80% → 4, 差 → 0)", () => {
    const body = `
      enum 等级类 { 优, 良, 中, 差 }
      input 等级评价: 等级类
      scale 四档 { 优 -> 100%; 良 -> 80%; 中 -> 3; 差 -> 0 }
      group g 5 { indicator 评价 5 { score = tiers 等级评价 scale 四档 } }`;
    expect(run(body, `given 等级评价 = 良`).scoreOf("评价")).toBe("4");
    expect(run(body, `given 等级评价 = 中`).scoreOf("评价")).toBe("3");
    expect(run(body, `given 等级评价 = 差`).scoreOf("评价")).toBe("0");
  });
});

describe("judged deductions (酌情扣)", () => {
  const body = `
    input 核算不规范: bool
    group g 1 { indicator 会计核算 1 { part 规范性 1 = deduct judged in [0.5, 1] when 核算不规范 } }`;

  it("when the condition holds, the judgement is the deduction: 1 − 0.5 = 0.5; the trace and the report say so", () => {
    const r = run(body, `given 核算不规范 = true\n judge 规范性 = 0.5 because "凭证不全"`);
    expect(r.codes).toEqual([]);
    expect(r.scoreOf("规范性")).toBe("0.5");
    const part = r.result.result?.report.tree[0]?.children[0]?.children[0];
    expect(part?.trace.map((t) => t.en)).toEqual([
      "核算不规范 holds: judged deduction 0.5 (within [0.5, 1]) (凭证不全): 1 − 0.5 = 0.5",
    ]);
    expect(part?.judged).toEqual({ value: "0.5", reason: "凭证不全", deduction: true });
  });

  it("when it does not hold, no deduction and no judgement needed: full points", () => {
    const r = run(body, `given 核算不规范 = false`);
    expect(r.scoreOf("规范性")).toBe("1");
    expect(r.result.pass).toBe(true);
  });

  it("a deduction outside [0.5, 1] is refused, and the message says the value is the deduction, not the score", () => {
    const r = run(body, `given 核算不规范 = true\n judge 规范性 = 0.2 because "x"`);
    expect(r.codes).toEqual(["deduction-out-of-bounds"]);
    expect(r.program.diagnostics[0]?.message.en).toMatch(/the judgement is the deduction, not the score/);
  });

  it("a deduction needs a reason; the zh spelling 酌情扣 … 当 … means the same", () => {
    const zh = body.replace("deduct judged in [0.5, 1] when 核算不规范", "酌情扣 [0.5, 1] 当 核算不规范");
    expect(run(zh, `given 核算不规范 = true\n judge 规范性 = 1`).codes).toEqual(["deduction-without-reason"]);
    expect(run(zh, `given 核算不规范 = true\n judge 规范性 = 1 because "x"`).scoreOf("规范性")).toBe("0");
  });

  it("a missing judgement when the condition holds says what to give; `rubric score` and compiled scorers agree", async () => {
    // Without a judgement the indicator is not computable; an expectation that reads it says what to give.
    expect(run(body, `given 核算不规范 = true`).problems).toBe("");
    expect(run(body, `given 核算不规范 = true\n expect 规范性 = 0.5`).problems).toMatch(
      /not computable: .*needs a judged deduction in \[0\.5, 1\]/,
    );
    const { ref, rubric: r } = scorer(body);
    const mod = await compiled(r);
    for (const s of [ref, mod]) {
      expect(
        outcome(() =>
          s.score({ values: { 核算不规范: true }, judgements: { 规范性: { value: "0.75", reason: "x" } } }),
        ),
      ).toBe("total 0.25");
      const part = s.score(
        { values: { 核算不规范: true }, judgements: { 规范性: { value: "0.75", reason: "x" } } },
        { explain: true },
      ).tree[0]?.children[0]?.children[0];
      expect(part?.judged).toEqual({ value: "0.75", reason: "x", deduction: true });
      expect(part?.trace.map((t) => t.zh)).toEqual([
        "条件 核算不规范 成立，酌情扣 0.75（范围 [0.5, 1]）（x）：1 − 0.75 = 0.25",
      ]);
      expect(
        outcome(() => s.score({ values: { 核算不规范: true }, judgements: { 规范性: { value: "1.5", reason: "x" } } })),
      ).toMatch(/^judgement-out-of-bounds: .*deducts 1\.5, outside \[0\.5, 1\] \(the judgement is the deduction/);
      // rest full: the least deduction the rule allows.
      expect(outcome(() => s.score({ values: { 核算不规范: true }, judgeRestFull: true }))).toBe("total 0.5");
      expect(outcome(() => s.score({ values: { 核算不规范: false } }))).toBe("total 1");
    }
  });
});

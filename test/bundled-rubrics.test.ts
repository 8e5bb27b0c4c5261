/**
 * The bundled rubrics beyond the Shenzhen family: the Guangzhou framework
 * rebuilt from seed report 004 (番禺区政数局 2023: 94.4, 优). Its example in
 * the rubric states the report's scores; this test runs it and pins every
 * indicator and the total, and scores the same department from its input file
 * (rubrics/inputs/) through the reference scorer and `rubric score`.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runExample } from "../src/compiler/examples/run.js";
import { createReferenceScorer } from "../src/compiler/evaluate/scorer.js";
import type { NodeReport } from "../src/runtime/report.js";
import type { ScoreInput } from "../src/runtime/scorer.js";
import { score as runScore } from "./batch/helpers.js";
import { analyze } from "./helpers.js";

const dir = new URL("../rubrics/", import.meta.url);
const program = analyze(
  Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.endsWith(".rubric"))
      .map((f) => [`rubrics/${f}`, readFileSync(new URL(f, dir), "utf8")]),
  ),
);

function scores(tree: readonly NodeReport[]): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  const walk = (ns: readonly NodeReport[]) => {
    for (const n of ns) {
      if (n.kind !== "part") out[n.path.join(".")] = n.score;
      walk(n.children);
    }
  };
  walk(tree);
  return out;
}

function rubricNamed(name: string) {
  const r = program.rubrics.find((x) => x.model.name === name);
  if (!r) throw new Error(`no rubric ${name}`);
  return r;
}

/** Runs the one example of rubric `name` and requires it to pass cleanly with this total and grade. */
function passingExample(name: string, total: string, grade: string) {
  const r = program.examples.filter((e) => e.rubric?.model.name === name).map(runExample);
  expect(r).toHaveLength(1);
  const [ex] = r;
  expect(ex?.problems).toEqual([]);
  expect(ex?.assertions.filter((a) => !a.pass)).toEqual([]);
  expect(ex?.result?.report.total).toBe(total);
  expect(ex?.result?.report.grade).toBe(grade);
  return { assertions: ex?.assertions ?? [], scores: scores(ex?.result?.report.tree ?? []) };
}

function inputFile(file: string): ScoreInput {
  return JSON.parse(readFileSync(new URL(`inputs/${file}`, dir), "utf8")) as ScoreInput;
}

describe("广州市部门整体支出绩效自评框架 2023 (seed 004, 番禺区政数局)", () => {
  const GZ = "广州市部门整体支出绩效自评框架";
  // Report 004 二（二）: 履职效能 49.4 = 10 + 10 + 4.4 + 25; 管理效能 45; total 94.4, 优.
  const REPORTED = {
    履职效能: "49.4",
    "履职效能.产出": "10",
    "履职效能.效益": "10",
    "履职效能.预算资金支出率": "4.4",
    "履职效能.专项效能": "25",
    管理效能: "45",
    "管理效能.管理效能评分": "45",
  };

  it("checks clean and its example reproduces every score the report gives", () => {
    expect(program.diagnostics.filter((d) => d.file === "rubrics/guangzhou-common-2023.rubric")).toEqual([]);
    const ex = passingExample(GZ, "94.4", "优");
    expect(ex.scores).toEqual(REPORTED);
    // Every node the report scores is asserted in the example, not only the total.
    const labels = new Set(ex.assertions.map((a) => a.label));
    for (const path of Object.keys(REPORTED)) expect([...labels].some((l) => path.endsWith(l))).toBe(true);
  });

  it("scores the department from rubrics/inputs/panyu-zsj-2023.json", () => {
    const report = createReferenceScorer(rubricNamed(GZ)).score(inputFile("panyu-zsj-2023.json"), { explain: true });
    expect(report.errors).toEqual([]);
    expect(report.total).toBe("94.4");
    expect(report.grade).toBe("优");
    expect(scores(report.tree)).toEqual(REPORTED);
  });

  it("rounds 5 × 18,977.96 / 21,766.40 = 4.3594… to one place (two places would give 94.36)", () => {
    const report = createReferenceScorer(rubricNamed(GZ)).score(inputFile("panyu-zsj-2023.json"), { explain: true });
    const node = report.tree[0]?.children.find((n) => n.name === "预算资金支出率");
    expect(node?.computed).toBe("4.4");
    expect(node?.trace.map((t) => t.en).join("\n")).toMatch(/4\.3594622905.*1 place/);
  });

  it("leaves 产出 to the assessor once an indicator misses full points (the report shows only the all-full case)", () => {
    const base = inputFile("panyu-zsj-2023.json");
    const scorer = createReferenceScorer(rubricNamed(GZ));
    expect(() => scorer.score({ ...base, values: { ...base.values, 产出满分指标数: 37 } })).toThrow(
      /indicator '履职效能\.产出'.*is judged/,
    );
    const judged = scorer.score({
      ...base,
      values: { ...base.values, 产出满分指标数: 37 },
      judgements: { ...base.judgements, 产出: { value: "9.5", reason: "一项数量指标未达到年度指标值" } },
    });
    expect(judged.total).toBe("93.9");
    // With special funds budgeted, 专项效能 is no longer exempt and needs a judgement too.
    expect(() => scorer.score({ ...base, values: { ...base.values, 未安排专项资金: false } })).toThrow(
      /indicator '履职效能\.专项效能'.*is judged/,
    );
  });

  it("scores through `rubric score` with the input file", async () => {
    const r = await runScore("rubrics/guangzhou-common-2023.rubric", "rubrics/inputs/panyu-zsj-2023.json");
    expect(r.code).toBe(0);
    expect(r.err).toContain("1 row: 1 scored, 0 failed");
    expect(r.out).toMatch(/番禺区政数局 2023\s+94\.4\s+优/);
  });
});

describe("项目支出绩效自评表 and a project derived from it (invented: 某区政务数据共享平台升级项目 2024)", () => {
  const PROJECT = "某区政务数据共享平台升级项目";
  // Worked by hand in the rubric's example comments (rubrics/data-platform-project-2024.rubric).
  const BY_HAND = {
    预算执行: "9.43",
    "预算执行.预算执行率": "9.43", // 188.6 / 200 × 10
    产出指标: "46.16",
    "产出指标.新接入部门数指标": "8", // 23 / 20 capped at 100%
    "产出指标.编目条数指标": "7.04", // 1320 / 1500 × 8
    "产出指标.平台可用率指标": "7.97", // 99.5 / 99.9 × 8 = 7.9679…
    "产出指标.数据差错率指标": "3.75", // lower-better: 0.5 / 0.8 × 6
    "产出指标.安全事故指标": "4", // lower-better, target 0, actual 0: full
    "产出指标.功能验收指标": "5.5", // qualitative, 达成, judged
    "产出指标.响应时长指标": "6", // lower-better: 2 / 1.5 capped
    "产出指标.接入成本指标": "3.9", // lower-better money: 8 / 8.2 × 4 = 3.9024…
    效益指标: "18",
    "效益指标.数据调用指标": "12",
    "效益指标.企业应用指标": "0", // higher-better, actual 0
    "效益指标.运维机制指标": "6", // qualitative, 部分达成, judged
    满意度指标: "9.56",
    "满意度指标.服务对象满意度": "9.56", // 86 / 90 × 10 = 9.5555…
  };

  it("both check clean and the example's hand-worked values hold: 83.15, 良", () => {
    const files = ["rubrics/national-project-form.rubric", "rubrics/data-platform-project-2024.rubric"];
    expect(program.diagnostics.filter((d) => files.includes(d.file))).toEqual([]);
    const ex = passingExample(PROJECT, "83.15", "良");
    expect(ex.scores).toEqual(BY_HAND);
    // The example asserts every indicator (11 filled in + 预算执行率 + 服务对象满意度), total and grade.
    expect(ex.assertions.length).toBe(13 + 2 + 2);
  });

  it("the base weighs 预算执行率 10, 产出 50, 效益 30, 满意度 10 with the national grade bands", () => {
    const base = rubricNamed("项目支出绩效自评表");
    expect(base.model.groups.map((g) => `${g.name} ${g.points.toString()}`)).toEqual([
      "预算执行 10",
      "产出指标 50",
      "效益指标 30",
      "满意度指标 10",
    ]);
    const derived = createReferenceScorer(rubricNamed(PROJECT));
    const input = inputFile("data-platform-project-2024.json");
    const at = (执行: number, 满意度: string) =>
      derived.score({ ...input, values: { ...input.values, 全年执行数: 执行, 满意度: { 目标: "90%", 实际: 满意度 } } });
    // 200 / 200 and 90 / 90: 83.15 + (10 − 9.43) + (10 − 9.56) = 84.16, still 良.
    expect([at(200, "90%").total, at(200, "90%").grade]).toEqual(["84.16", "良"]);
    // Executing nothing: 83.15 − 9.43 = 73.72, 中.
    expect([at(0, "86%").total, at(0, "86%").grade]).toEqual(["73.72", "中"]);
    // Every target met and the qualitative rows judged at their maximum: 100, 优.
    const full = derived.score({
      values: {
        ...input.values,
        全年执行数: 200,
        满意度: { 目标: "90%", 实际: "90%" },
        数据资源编目条数: { 目标: 1500, 实际: 1500 },
        平台可用率: { 目标: "99.9%", 实际: "99.9%" },
        数据差错率: { 目标: "0.5%", 实际: "0.5%" },
        单部门接入成本: { 目标: 8, 实际: 8 },
        开放数据企业应用数: { 目标: 5, 实际: 5 },
        运维机制完成情况: "达成",
      },
      judgeRestFull: true,
    });
    expect([full.total, full.grade]).toEqual(["100", "优"]);
  });

  it("leaves 产出 and 效益 as slots the project must fill to their points", () => {
    const form = readFileSync(new URL("national-project-form.rubric", dir), "utf8");
    const project = readFileSync(new URL("data-platform-project-2024.rubric", dir), "utf8");
    const codes = (text: string) =>
      analyze({
        "rubrics/national-project-form.rubric": form,
        "rubrics/data-platform-project-2024.rubric": text,
      }).diagnostics.map((d) => d.code);
    expect(codes(project)).toEqual([]);
    // 企业应用指标 8 → 7: 效益 adds up to 29 of its 30.
    const short = project.replace(
      'indicator 企业应用指标 "经济效益指标：开放数据企业应用数" 8',
      'indicator 企业应用指标 "经济效益指标：开放数据企业应用数" 7',
    );
    expect(short).not.toBe(project);
    expect(codes(short)).toContain("slot-sum");
  });

  it("scores the project from rubrics/inputs/data-platform-project-2024.json, also through `rubric score`", async () => {
    const report = createReferenceScorer(rubricNamed(PROJECT)).score(inputFile("data-platform-project-2024.json"));
    expect(report.errors).toEqual([]);
    expect(scores(report.tree)).toEqual(BY_HAND);
    expect([report.total, report.grade]).toEqual(["83.15", "良"]);
    const r = await runScore("rubrics", "rubrics/inputs/data-platform-project-2024.json");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/83\.15\s+良/);
  });

  it("gives a lower-better row full points when the actual is 0, and a higher-better row 0", () => {
    const scorer = createReferenceScorer(rubricNamed(PROJECT));
    const input = inputFile("data-platform-project-2024.json");
    const report = scorer.score({
      ...input,
      values: {
        ...input.values,
        数据差错率: { 目标: "0.5%", 实际: "0%" },
        网络安全事故次数: { 目标: 0, 实际: 2 },
        新接入部门数: { 目标: 20, 实际: 0 },
      },
    });
    const s = scores(report.tree);
    expect(s["产出指标.数据差错率指标"]).toBe("6");
    expect(s["产出指标.安全事故指标"]).toBe("0"); // target 0, actual 2: 0 / 2
    expect(s["产出指标.新接入部门数指标"]).toBe("0");
  });

  it("bounds a qualitative row's judgement by its verdict's tier (部分达成: [50%, 80%) of 10)", () => {
    const scorer = createReferenceScorer(rubricNamed(PROJECT));
    const input = inputFile("data-platform-project-2024.json");
    const judging = (value: string) => ({
      ...input,
      judgements: { ...input.judgements, 运维机制指标: { value, reason: "按部分达成评定" } },
    });
    expect(scorer.score(judging("5")).total).toBe("82.15");
    // 8 is the open end of 部分达成's interval; 4.9 lies in 未达成's.
    expect(() => scorer.score(judging("8"))).toThrow(/'部分达成'.*\[5, 8\).*judged 8/);
    expect(() => scorer.score(judging("4.9"))).toThrow(/'部分达成'.*\[5, 8\).*judged 4\.9/);
    // The same 8 is fine once the verdict is 达成 ([8, 10]): 83.15 − 6 + 8.
    expect(scorer.score({ ...judging("8"), values: { ...input.values, 运维机制完成情况: "达成" } }).total).toBe(
      "85.15",
    );
  });
});

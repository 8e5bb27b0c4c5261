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

function inputFile(file: string): ScoreInput {
  return JSON.parse(readFileSync(new URL(`inputs/${file}`, dir), "utf8")) as ScoreInput;
}

describe("广州市部门整体支出绩效自评框架 2023 (seed 004, 番禺区政数局)", () => {
  const GZ = "广州市部门整体支出绩效自评框架";
  // Report 004 二（二）: 履职效能 49.4 = 10 + 10 + 4.4 + 25; 管理效能 45; total 94.4, 优.
  const REPORTED = {
    "履职效能": "49.4",
    "履职效能.产出": "10",
    "履职效能.效益": "10",
    "履职效能.预算资金支出率": "4.4",
    "履职效能.专项效能": "25",
    "管理效能": "45",
    "管理效能.管理效能评分": "45",
  };

  it("checks clean and its example reproduces every score the report gives", () => {
    expect(program.diagnostics.filter((d) => d.file === "rubrics/guangzhou-common-2023.rubric")).toEqual([]);
    const r = program.examples.filter((e) => e.rubric?.model.name === GZ).map(runExample);
    expect(r).toHaveLength(1);
    const [ex] = r;
    expect(ex?.problems).toEqual([]);
    expect(ex?.assertions.filter((a) => !a.pass)).toEqual([]);
    expect(ex?.result?.report.total).toBe("94.4");
    expect(ex?.result?.report.grade).toBe("优");
    expect(scores(ex?.result?.report.tree ?? [])).toEqual(REPORTED);
    // Every node the report scores is asserted in the example, not only the total.
    const labels = new Set(ex?.assertions.map((a) => a.label));
    for (const path of Object.keys(REPORTED)) expect([...labels].some((l) => path.endsWith(l))).toBe(true);
  });

  it("scores the department from rubrics/inputs/panyu-zsj-2023.json", () => {
    const report = createReferenceScorer(rubricNamed(GZ)).score(inputFile("panyu-zsj-2023.json"));
    expect(report.errors).toEqual([]);
    expect(report.total).toBe("94.4");
    expect(report.grade).toBe("优");
    expect(scores(report.tree)).toEqual(REPORTED);
  });

  it("rounds 5 × 18,977.96 / 21,766.40 = 4.3594… to one place (two places would give 94.36)", () => {
    const report = createReferenceScorer(rubricNamed(GZ)).score(inputFile("panyu-zsj-2023.json"));
    const node = report.tree[0]?.children.find((n) => n.name === "预算资金支出率");
    expect(node?.computed).toBe("4.4");
    expect(node?.trace.map((t) => t.en).join("\n")).toMatch(/4\.3594622905.*1 place/);
  });

  it("leaves 产出 to the assessor once an indicator misses full points (the report shows only the all-full case)", () => {
    const base = inputFile("panyu-zsj-2023.json");
    const scorer = createReferenceScorer(rubricNamed(GZ));
    expect(() => scorer.score({ ...base, values: { ...base.values, 产出满分指标数: 37 } })).toThrow(/indicator '履职效能\.产出'.*is judged/);
    const judged = scorer.score({
      ...base,
      values: { ...base.values, 产出满分指标数: 37 },
      judgements: { ...base.judgements, 产出: { value: "9.5", reason: "一项数量指标未达到年度指标值" } },
    });
    expect(judged.total).toBe("93.9");
    // With special funds budgeted, 专项效能 is no longer exempt and needs a judgement too.
    expect(() => scorer.score({ ...base, values: { ...base.values, 未安排专项资金: false } })).toThrow(/indicator '履职效能\.专项效能'.*is judged/);
  });

  it("scores through `rubric score` with the input file", async () => {
    const r = await runScore("rubrics/guangzhou-common-2023.rubric", "rubrics/inputs/panyu-zsj-2023.json");
    expect(r.code).toBe(0);
    expect(r.err).toContain("1 row: 1 scored, 0 failed");
    expect(r.out).toMatch(/番禺区政数局 2023\s+94\.4\s+优/);
  });
});

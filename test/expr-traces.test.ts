/**
 * Traces show what stands behind a score: each let's value (once per
 * indicator), a `min`/`max` that capped its first argument, and a
 * `floor`/`ceil`/`round` that changed a value — from the reference evaluator
 * (examples) and from compiled scorers (`rubric score --explain`) alike.
 */
import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runExample } from "../src/compiler/examples/run.js";
import { createReferenceScorer } from "../src/compiler/evaluate/scorer.js";
import { createCompiledScorer } from "../src/compiler/codegen/load.js";
import type { NodeReport, Text } from "../src/runtime/report.js";
import type { ScoreInput } from "../src/runtime/scorer.js";
import { analyze, score } from "./helpers.js";

/** Every trace line of the node at `path` and its parts. */
function lines(tree: readonly NodeReport[], path: string, lang: keyof Text = "zh"): string[] {
  for (const n of tree) {
    if (n.path.join(".") === path) return [...n.trace, ...n.children.flatMap((c) => c.trace)].map((t) => t[lang]);
    const found = lines(n.children, path, lang);
    if (found.length > 0) return found;
  }
  return [];
}

describe("the Shenzhen seed rubrics", () => {
  const dir = new URL("../rubrics/", import.meta.url);
  const program = analyze(
    Object.fromEntries(
      readdirSync(dir)
        .filter((f) => f.endsWith(".rubric"))
        .map((f) => [`rubrics/${f}`, readFileSync(new URL(f, dir), "utf8")]),
    ),
  );
  const example = (file: string) => {
    const ex = program.examples.filter((e) => e.rubric?.model.file === `rubrics/${file}.rubric`).map(runExample)[0];
    return ex?.result?.report.tree ?? [];
  };
  const PURCHASE = "部门管理.资金管理.政府采购执行情况";
  const BUDGET = "部门绩效.效率性.预算执行率";

  it("政府采购执行情况 shows the purchase rate (罗湖 2023: 99.19%)", () => {
    const zh = lines(example("luohu-zsj-2023"), PURCHASE);
    expect(zh).toContain("政府采购执行率 = 实际采购金额 / 采购计划金额 = 99.187401…%");
    // One line per let per indicator, however often the rule reads it.
    expect(zh.filter((l) => l.startsWith("政府采购执行率 ="))).toHaveLength(1);
  });

  it("预算执行率 shows the quarters capped at 100% and the capped rates (大鹏 2021)", () => {
    const tree = example("dapeng-zsj-2021");
    expect(lines(tree, BUDGET)).toEqual(
      expect.arrayContaining([
        "min(130.96%, 100%) = 100%（封顶）",
        "min(127.86%, 100%) = 100%（封顶）",
        "min(106.826666…%, 100%) = 100%（封顶）",
        "季度执行率 = each q in 1..4: min(季度支出进度[q] / 序时进度[q], 100%) = [100%, 100%, 100%, 99.8%]",
      ]),
    );
    expect(lines(tree, BUDGET, "en")).toContain("min(130.96%, 100%) = 100% (capped)");
  });

  it("the compiled scorer explains the same lines, and builds none without explain", () => {
    const rubric = program.rubrics.find((r) => r.model.file === "rubrics/dapeng-zsj-2021.rubric");
    if (!rubric) throw new Error("no rubric");
    const input = JSON.parse(readFileSync(new URL("inputs/dapeng-zsj-2021.json", dir), "utf8")) as ScoreInput;
    const compiled = createCompiledScorer(rubric);
    const explained = compiled.score(input, { explain: true });
    expect(lines(explained.tree, BUDGET)).toEqual(
      lines(createReferenceScorer(rubric).score(input, { explain: true }).tree, BUDGET),
    );
    expect(lines(explained.tree, BUDGET)).toContain("min(130.96%, 100%) = 100%（封顶）");
    expect(lines(compiled.score(input, { explain: false }).tree, BUDGET)).toEqual([]);
    // Without options, neither scorer builds trace lines.
    expect(lines(compiled.score(input).tree, BUDGET)).toEqual([]);
    expect(lines(createReferenceScorer(rubric).score(input).tree, BUDGET)).toEqual([]);
  });
});

describe("expression traces", () => {
  const body = `
  input a: count
  input b: count
  input r: number
  let 共用率 = a / b
  group G 20 {
    indicator X 10 {
      let 步数 = floor(r / 5)
      part p1 5 = 5 * min(共用率, 100%)
      part p2 5 = if 共用率 > 100% then max(5 - 步数 * 1分, 1分) else 0
    }
    indicator Y 10 { score = 10 * min(共用率, 100%) }
  }`;

  it("show a let once per indicator, in every indicator that reads it", () => {
    const s = score(body, { a: "3", b: "2", r: "12" });
    const x = [...s.node("G.X").children.flatMap((c) => c.trace)].map((t) => t.zh);
    expect(x.filter((l) => l.startsWith("共用率 ="))).toEqual(["共用率 = a / b = 150%"]);
    expect([s.node("G.Y"), ...s.node("G.Y").children].flatMap((n) => n.trace).map((t) => t.zh)).toContain(
      "共用率 = a / b = 150%",
    );
  });

  it("show min capping, floor before and after, and max raising to its bound", () => {
    const s = score(body, { a: "3", b: "2", r: "27" });
    const zh = s
      .node("G.X")
      .children.flatMap((c) => c.trace)
      .map((t) => t.zh);
    expect(zh).toContain("min(150%, 100%) = 100%（封顶）");
    expect(zh).toContain("floor(r / 5)：5.4 取整为 5");
    expect(zh).toContain("步数 = floor(r / 5) = 5");
    expect(zh).toContain("max(0, 1) = 1（保底）");
  });

  it("say nothing when min does not cap or floor changes nothing", () => {
    const s = score(body, { a: "1", b: "2", r: "20" });
    const zh = s
      .node("G.X")
      .children.flatMap((c) => c.trace)
      .map((t) => t.zh);
    expect(zh.some((l) => l.startsWith("min(") || l.startsWith("floor("))).toBe(false);
  });
});

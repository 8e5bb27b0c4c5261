/**
 * `rubric diff` as data: the weight changes between the 大鹏 2021 and 罗湖
 * 2023 rubrics that the two reports show, the `extends` lines that express a
 * difference (applied to the old rubric they give the new one's tree), rules
 * compared as syntax trees, and the word diff of Chinese text.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeProgram } from "../../src/compiler/program.js";
import type { RubricModel, TreeNode } from "../../src/compiler/model/types.js";
import { compareRubrics } from "../../src/diff/compare.js";
import { wordDiff } from "../../src/diff/words.js";

const dir = new URL("../../rubrics/", import.meta.url).pathname;
const docs = readdirSync(dir)
  .filter((f) => f.endsWith(".rubric"))
  .map((f) => ({ file: f, text: readFileSync(join(dir, f), "utf8") }));
const bundled = analyzeProgram(docs);
const model = (name: string): RubricModel => {
  const r = bundled.rubrics.find((x) => x.model.name === name);
  if (!r) throw new Error(name);
  return r.model;
};
const tree = (nodes: readonly TreeNode[]): string[] =>
  nodes.flatMap((n) => [
    `${n.path.join(".")} ${n.points.toString()}`,
    ...(n.kind === "group"
      ? tree(n.children)
      : n.parts.filter((p) => !p.implicit).map((p) => `${p.path.join(".")} ${p.points.toString()}`)),
  ]);

describe("大鹏 2021 → 罗湖 2023", () => {
  const d = compareRubrics(model("大鹏新区政数局"), model("罗湖区政数局"));
  it("lists the weight changes the two reports show", () => {
    expect(
      d.changes
        .filter((c) => c.kind === "points")
        .map((c) => c.kind === "points" && `${c.path.join(".")} ${c.from.toString()} → ${c.to.toString()}`),
    ).toEqual([
      "部门决策 25 → 20",
      "部门决策.目标设置 15 → 10",
      "部门决策.目标设置.绩效目标完整性 8 → 3",
      "部门绩效 55 → 60",
      "部门绩效.效果性 20 → 25",
      "部门绩效.效果性.综合效益 20 → 25",
    ]);
  });
  it("finds no rule changed (a change of points is not a change of rule) and no node added or removed", () => {
    expect(d.changes.filter((c) => c.kind !== "points" && c.kind !== "text")).toEqual([]);
  });
  it("says which words of the texts changed (大鹏's 新区党工委管委会 for 罗湖's 区委、区政府)", () => {
    const note = d.changes.find((c) => c.kind === "text" && c.path.at(-1) === "预算编制合理性" && c.field === "note");
    expect(note?.kind === "text" && note.runs.filter((r) => r.op !== "same")).toEqual([
      { op: "del", text: "新" },
      { op: "del", text: "党工委管" },
      { op: "del", text: "会" },
      { op: "ins", text: "、区政府" },
    ]);
  });
  it("expresses the weights as reweight lines that, applied to 大鹏, give 罗湖's tree", () => {
    expect(d.modifications.filter((m) => m.startsWith("reweight"))).toEqual([
      "reweight 部门决策 20 { 目标设置 10 { 绩效目标完整性 3 } }",
      "reweight 部门绩效 60 { 效果性 25 { 综合效益 25 } }",
    ]);
  });
});

describe("extends lines for 罗湖 2023 → 盐田 2023", () => {
  it("applied to 罗湖 (reweight, rename), give 盐田's tree, parts included", () => {
    const d = compareRubrics(model("罗湖区政数局"), model("盐田区委办"));
    const mods = d.modifications.filter((m) => m.startsWith("reweight") || m.startsWith("rename"));
    expect(mods).toEqual([
      "reweight 部门决策.目标设置 10 { 绩效目标完整性 5; 绩效指标明确性 5 { 细化分解 1; 效益指标 1 } }",
      "rename 项目监管 to 项目管理",
    ]);
    const derived = `rubric 推导 2023 extends 罗湖区政数局 2023 {\n${mods.join("\n")}\n}\n`;
    const p = analyzeProgram([...docs, { file: "derived.rubric", text: derived }]);
    expect(p.diagnostics.filter((x) => x.file === "derived.rubric")).toEqual([]);
    const got = p.rubrics.find((x) => x.model.name === "推导")?.model;
    expect(tree(got?.groups ?? [])).toEqual(tree(model("盐田区委办").groups));
  });
});

const two = (a: string, b: string) => {
  const p = analyzeProgram([
    { file: "a.rubric", text: a },
    { file: "b.rubric", text: b },
  ]);
  const [x, y] = p.rubrics;
  if (!x || !y) throw new Error(p.diagnostics.map((d) => d.message.en).join("\n"));
  return compareRubrics(x.model, y.model);
};

describe("rules compared as syntax trees", () => {
  const base = (rule: string, name = "A") => `rubric ${name} { total 10
  input r: ratio in [0, 100%]
  input n: count
  group G 10 { indicator 甲 5 { score = ${rule} } indicator 乙 5 { score = judged } } }`;
  it("ignores layout, keyword spelling and how a number is written", () => {
    const d = two(
      base("bands r { >= 90% -> 5; otherwise -> 2.50 }"),
      base("分档 r {\n  ≥ 90% → 5;\n  否则 → 2.5 }", "B"),
    );
    expect(d.changes).toEqual([]);
  });
  it("reports a changed threshold, and a changed deduction, as rule changes", () => {
    expect(
      two(base("bands r { >= 90% -> 5; otherwise -> 2 }"), base("bands r { >= 95% -> 5; otherwise -> 2 }", "B"))
        .changes,
    ).toEqual([{ kind: "rule", path: ["G", "甲"] }]);
    expect(two(base("deduct 1 per n"), base("deduct 2 per n", "B")).modifications).toEqual(["replace 甲 { … }"]);
  });
});

describe("nodes added, removed, renamed, moved", () => {
  const r = (name: string, body: string) => `rubric ${name} { total 10 ${body} }`;
  it("pairs a node by its name under another parent (moved), by its texts under another name (renamed)", () => {
    const d = two(
      r(
        "A",
        `group G 6 { indicator 甲 3 { note "甲的说明" score = judged } indicator 乙 3 { score = judged } } group H 4 { indicator 丙 4 { score = judged } }`,
      ),
      r(
        "B",
        `group G 3 { indicator 丁 3 { note "甲的说明" score = judged } } group H 7 { indicator 丙 4 { score = judged } indicator 乙 3 { score = judged } }`,
      ),
    );
    const lines = d.changes.map((c) =>
      c.kind === "renamed" || c.kind === "moved"
        ? `${c.kind} ${c.from.join(".")} → ${c.to.join(".")}`
        : `${c.kind} ${"path" in c ? c.path.join(".") : ""}`,
    );
    expect(lines).toEqual(["points G", "renamed G.甲 → G.丁", "points H", "moved G.乙 → H.乙"]);
    expect(d.modifications).toEqual([
      "reweight G 3",
      "reweight H 7",
      "remove 乙",
      "add H indicator 乙 3 { … }",
      "rename 甲 to 丁",
    ]);
  });
  it("reports what has no counterpart as added or removed", () => {
    const d = two(
      r("A", `group G 10 { indicator 甲 10 { score = judged } }`),
      r("B", `group G 10 { indicator 乙 4 { score = judged } indicator 丙 6 { score = judged } }`),
    );
    expect(d.changes.map((c) => `${c.kind} ${"path" in c ? c.path.join(".") : ""}`)).toEqual([
      "added G.乙",
      "added G.丙",
      "removed G.甲",
    ]);
  });
});

describe("word diff", () => {
  it("cuts Chinese into words and keeps the common ones", () => {
    expect(wordDiff("全部按期保质保量完成得8分", "全部按期完成得6分")).toEqual([
      { op: "same", text: "全部按期" },
      { op: "del", text: "保质保量" },
      { op: "same", text: "完成得" },
      { op: "del", text: "8" },
      { op: "ins", text: "6" },
      { op: "same", text: "分" },
    ]);
  });
  it("gives the texts back whole: the runs join to each side", () => {
    const a = "1. 比率<5%的，得1分；\n2. 5%≤比率≤10%的，得0.5分；";
    const b = "1. 比率<3%的，得1分；\n2. 3%≤比率≤10%的，得0.5分；\n3. 其余得0分。";
    const runs = wordDiff(a, b);
    expect(
      runs
        .filter((x) => x.op !== "ins")
        .map((x) => x.text)
        .join(""),
    ).toBe(a);
    expect(
      runs
        .filter((x) => x.op !== "del")
        .map((x) => x.text)
        .join(""),
    ).toBe(b);
  });
});

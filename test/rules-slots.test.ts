/** Reusable rules and slots: evaluation, traces, compiled scorers, the CLI and the editor. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import type { Hover } from "vscode-languageserver";
import { hover } from "../src/lsp/hover.js";
import { completion } from "../src/lsp/completion.js";
import { definition, references } from "../src/lsp/navigation.js";
import { documentSymbols } from "../src/lsp/outline.js";
import { runExample } from "../src/compiler/examples/run.js";
import { compileRubric } from "../src/compiler/codegen/compile.js";
import { analyze, codesOf, readFixture, rubric, score } from "./helpers.js";
import { at } from "./lsp/cursor.js";

const RULE = `  rule 正向得分(实际: number, 目标: number, 分: points) = if 实际 >= 目标 then 分 else 分 * 实际 / 目标`;

describe("reusable rules", () => {
  it("score like the formula they stand for, with a trace line in both languages", () => {
    const s = score(
      `${RULE}\n  input a: count\n  input b: count > 0\n  group G 10 {\n    indicator 人次 10 { score = 正向得分(a, b, 10) }\n  }`,
      { a: "750", b: "1000" },
    );
    expect(s.score("人次")).toBe("7.5");
    const trace = s.node("人次").children[0]?.trace ?? s.node("人次").trace;
    expect(trace.map((t) => t.zh)).toContain("规则 正向得分(750, 1000, 10) = 7.5");
    expect(trace.map((t) => t.en)).toContain("rule 正向得分(750, 1000, 10) = 7.5");
  });

  it("accept 元 and 万元 values for a money parameter (held in 元)", () => {
    const body = `  rule 节约(实际: money, 预算: money, 分: points) = if 实际 <= 预算 then 分 else 分 * (预算 / 实际)\n  input 支出: money(万元) > 0\n  input 预算: money(元) > 0\n  group G 4 {\n    indicator 成本 4 { score = 节约(支出, 预算, 4) }\n  }`;
    expect(score(body, { 支出: "50", 预算: "400000" }).score("成本")).toBe("3.2");
  });

  it("give each call the range of its arguments (no clamp warning when the rule stays within the points)", () => {
    const ok = `${RULE}\n  input a: count\n  input b: count > 0\n  group G 10 {\n    indicator X 10 { score = 正向得分(a, b, 10) }\n  }`;
    expect(codesOf(rubric(ok))).toEqual([]);
    // Called with 20 points inside a 10-point indicator, the same rule can exceed it.
    expect(codesOf(rubric(ok.replace("正向得分(a, b, 10)", "正向得分(a, b, 20)")))).toEqual(["6:part-range"]);
  });

  it("are inherited through extends", () => {
    const text = `rubric B {\n${RULE}\n  input a: count\n  input b: count > 0\n  group G 10 { indicator X 10 { score = if a > b then 10 else 0 } }\n}\nrubric D extends B {\n  replace X { score = 正向得分(a, b, 10) }\n}\nexample "e" for D {\n  given { a = 1; b = 4 }\n  expect X = 2.5\n}\n`;
    const p = analyze({ "t.rubric": text });
    expect(p.diagnostics.map((d) => d.code)).toEqual([]);
    expect(runExample(p.examples[0] as never).pass).toBe(true);
  });

  it("compile to a typed module function (test/compile compares its scores with the evaluator)", async () => {
    const p = analyze({ "r.rubric": readFixture("good/reusable-rules.rubric") });
    const r = p.rubrics[0];
    if (!r) throw new Error("no rubric");
    const out = await compileRubric(r, { runtime: "../../src/runtime/index.js" });
    expect(out.ts).toMatch(/function U0\(c: rt\.Ctx, p0: Exact, p1: Exact, p2: Exact\): Exact \{/);
    expect(out.ts).toMatch(/c\.rule\(\s*"正向得分"/);
  });

  it("show their signature on hover and are offered by completion", () => {
    const uri = "file:///r.rubric";
    const src = rubric(
      `${RULE}\n  input a: count\n  input b: count > 0\n  group G 10 {\n    indicator X 10 { score = 正向得分(a, b, 10) }\n  }`,
    );
    const h = at({ [uri]: src.replace("score = 正向", "score = 正|向") }, uri);
    const v = hover(h.snap, h.uri, h.pos, "en") as Hover | null;
    const shown = v && typeof v.contents === "object" && "value" in v.contents ? v.contents.value : "";
    expect(shown).toContain("**rule** `正向得分(实际: any number, 目标: any number, 分: points)`");
    // At a call, the result's range worked out from these arguments.
    expect(shown).toMatch(/here: points, .*\[0, 10\]/);
    const c = at({ [uri]: src.replace("score = 正向得分(a, b, 10)", "score = 正|") }, uri);
    const items = completion(c.snap, c.uri, c.pos, "en");
    const item = items.find((i) => i.label === "正向得分");
    expect(item?.detail).toContain("正向得分(实际: any number, 目标: any number, 分: points)");
    const inBody = at({ [uri]: src.replace("then 分 else", "then 分 else 目|") }, uri);
    expect(completion(inBody.snap, inBody.uri, inBody.pos, "en").map((i) => i.label)).toContain("目标");
  });
});

describe("rules and slots in the editor", () => {
  const uri = "file:///e.rubric";
  const src = rubric(
    `  note "全表说明"\n${RULE}\n  input a: count\n  input b: count > 0\n  group G 10 {\n    indicator X 5 { score = 正向得分(a, b, 5) }\n    indicator Y 5 { score = 正向得分(b, b, 5) }\n  }\n  group S 0 slot`,
  );

  it("go to definition and find references of a rule", () => {
    const c = at({ [uri]: src.replace("score = 正向得分(a", "score = 正|向得分(a") }, uri);
    const d = definition(c.snap, c.uri, c.pos);
    expect(d?.range.start.line).toBe(2);
    expect(references(c.snap, c.uri, c.pos, true)).toHaveLength(3);
  });

  it("document symbols list a rule with its parameters and mark a slot", () => {
    const c = at({ [uri]: src.replace("rubric T", "rubric |T") }, uri);
    const top = documentSymbols(c.snap, uri, "en")[0]?.children ?? [];
    expect(top.map((s) => s.name)).toContain("正向得分(实际, 目标, 分)");
    expect(top.find((s) => s.name === "S")?.detail).toBe("0 pts slot");
  });

  it("hover on a rubric shows its own remarks", () => {
    const c = at({ [uri]: src.replace("rubric T", "rubric |T") }, uri);
    const v = hover(c.snap, c.uri, c.pos, "zh") as Hover | null;
    const shown = v && typeof v.contents === "object" && "value" in v.contents ? v.contents.value : "";
    expect(shown).toContain("**说明** 全表说明");
  });
});

describe("slots", () => {
  it("a rubric with an empty slot cannot be scored from the command line", () => {
    const dir = mkdtempSync(join(tmpdir(), "slot-"));
    writeFileSync(
      join(dir, "base.rubric"),
      "rubric 基础 {\n  input x: ratio\n  group 固定 5 { indicator 甲 5 { score = x * 5 } }\n  group 产出 5 slot\n}\n",
    );
    writeFileSync(join(dir, "in.json"), JSON.stringify({ x: "50%" }));
    const r = spawnSync(
      "node",
      ["bin/rubric.js", "score", join(dir, "base.rubric"), join(dir, "in.json"), "--lang", "en"],
      { encoding: "utf8" },
    );
    expect(r.status).not.toBe(0);
    expect(r.stdout + r.stderr).toContain(
      "slot '产出' (5 points) has no indicators yet, so this rubric cannot be scored",
    );
  });

  it("hover says a group is a slot and how to fill it", () => {
    const uri = "file:///s.rubric";
    const src = "rubric 基础 {\n  group 固定 5 { indicator 甲 5 { score = judged } }\n  group 产出 5 slot\n}\n";
    const h = at({ [uri]: src.replace("group 产出", "group 产|出") }, uri);
    const v = hover(h.snap, h.uri, h.pos, "zh") as Hover | null;
    const shown = v && typeof v.contents === "object" && "value" in v.contents ? v.contents.value : "";
    expect(shown).toContain("**预留分组**：指标由继承的评分表用 `新增 产出 指标 …` 填入，合计须为 5 分");
  });
});

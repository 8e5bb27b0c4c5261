/** Hover, in-process with cursor markers. */
import { describe, expect, it } from "vitest";
import type { Hover } from "vscode-languageserver";
import { hover } from "../../src/lsp/hover.js";
import { at } from "./cursor.js";
import { BASE, BASE_URI, DERIVED, DERIVED_URI } from "./fixtures.js";

const text = (h: Hover | null): string =>
  h && typeof h.contents === "object" && "value" in h.contents ? h.contents.value : "";

function hoverAt(file: string, marked: string, lang: "zh" | "en" = "en"): string {
  const files = { [BASE_URI]: BASE, [DERIVED_URI]: DERIVED, [file]: marked };
  const { snap, uri, pos } = at(files, file);
  return text(hover(snap, uri, pos, lang));
}

describe("hover", () => {
  it("shows an indicator's path, points, children's sum, note and rule", () => {
    const h = hoverAt(BASE_URI, BASE.replace("indicator 采购 4", "indicator 采|购 4"), "zh");
    expect(h).toContain("`管理.采购` — 4 分");
    expect(h).toContain("下级合计 Σ = 4 / 4 ✓（执行 2 + 政策 2）");
    expect(h).toContain("**指标说明**：采购执行情况");
    expect(h).toContain("执行（2 分）：按公式计算：if 实际金额 > 计划金额 then 0 else 执行率 * 2");
    expect(h).toContain("政策（2 分）：酌情评分");
  });

  it("lists the bands of a banded indicator in plain words", () => {
    const h = hoverAt(BASE_URI, BASE.replace("indicator 满意 4", "indicator 满|意 4"));
    expect(h).toContain("bands on 满意度:");
    expect(h).toContain("- ≥ 90% → 4");
    expect(h).toContain("- [80%, 90%) → 2");
    expect(h).toContain("- < 80% → 0");
  });

  it("explains a deduction and a group's sum", () => {
    const src = `rubric R {\n  input 问题数: count\n  group 合规 5 {\n    indicator 财务 5 { score = deduct 1 per 问题数 }\n  }\n}\n`;
    const uri = "file:///d.rubric";
    const g = at({ [uri]: src.replace("group 合规", "group 合|规") }, uri);
    expect(text(hover(g.snap, g.uri, g.pos, "en"))).toContain("Σ children = 5 / 5 ✓ (财务 5)");
    const i = at({ [uri]: src.replace("indicator 财务", "indicator 财|务") }, uri);
    expect(text(hover(i.snap, i.uri, i.pos, "zh"))).toContain("扣分：满分 5，每 1 个「问题数」扣 1 分，扣完为止");
  });

  it("explains step deductions and achievement ratios in plain words", () => {
    const src = `rubric R {\n  input 执行率: ratio\n  input 人次: target count\n  group 合规 10 {\n    indicator 执行 5 { score = deduct 2 per whole 5% of 执行率 under 100% at most 4 }\n    indicator 培训 5 { score = 完成比 人次 正向 }\n  }\n}\n`;
    const uri = "file:///s.rubric";
    const d = at({ [uri]: src.replace("indicator 执行", "indicator 执|行") }, uri);
    expect(text(hover(d.snap, d.uri, d.pos, "en"))).toContain(
      "deduction: for the distance of 执行率 below 100%, 2 per whole 5% (an unfinished step costs nothing), at most 4 in all, not below 0; out of 5",
    );
    expect(text(hover(d.snap, d.uri, d.pos, "zh"))).toContain(
      "扣分：「执行率」低于 100% 的部分，每满 5%（不足一档不扣）扣 2 分，至多扣 4 分，扣完为止；满分 5",
    );
    const a = at({ [uri]: src.replace("indicator 培训", "indicator 培|训") }, uri);
    expect(text(hover(a.snap, a.uri, a.pos, "en"))).toContain(
      "achievement (higher is better): 5 × 人次.实际 / 人次.目标, at most 5; a target of 0 counts as target met: full points",
    );
  });

  it("shows an input's type, unit, declared range and where it is used", () => {
    const h = hoverAt(BASE_URI, BASE.replace("input 计划金额", "input 计划|金额"));
    expect(h).toContain("type: money, in 万元");
    expect(h).toContain("declared range: (0万元, +∞)");
    expect(h).toMatch(/used in: (执行率, 管理.采购|管理.采购, 执行率)/);
    expect(h).toContain("given in examples: 派生案例");
  });

  it("shows an expression's type and value range", () => {
    const h = hoverAt(BASE_URI, BASE.replace("执行率 * 2", "执行率 *| 2"));
    expect(h).toContain("`执行率 * 2`");
    // 实际 ≤ 计划 in the else branch: the ratio stays within [0, 1], twice that within [0, 2].
    expect(h).toMatch(/a ratio, ranging over \[0%, 200%\]|a ratio, ranging over/);
    const ref = hoverAt(BASE_URI, BASE.replace("bands 满意度", "bands 满意|度"), "zh");
    expect(ref).toContain("此处：比率，取值范围 [0%, 100%]");
  });

  it("shows a let's formula with its range as declared, not as narrowed where it is used", () => {
    const h = hoverAt(BASE_URI, BASE.replace("let 执行率", "let 执|行率"));
    expect(h).toContain("**let** `执行率 = 实际金额 / 计划金额`");
    expect(h).toContain("a ratio, ranging over [0%, +∞)");
  });

  it("inside an example, shows the score the example computes for the indicator on the line", () => {
    const h = hoverAt(DERIVED_URI, DERIVED.replace("expect 采购", "expect 采|购"));
    expect(h).toContain("`管理.采购` — 4 points");
    expect(h).toContain("**score in this example**: 3.98 / 4");
    const zh = hoverAt(DERIVED_URI, DERIVED.replace("expect 信息公开", "expect 信息|公开"), "zh");
    expect(zh).toContain("**本案例得分**：2 / 2");
  });

  it("shows both spellings of a keyword, and nothing on blank space", () => {
    expect(hoverAt(BASE_URI, BASE.replace("group 效果", "gro|up 效果"))).toBe("`group` / `分组`");
    expect(hoverAt(BASE_URI, BASE.replace("\n}\n", "\n}\n|"))).toBe("");
  });
});

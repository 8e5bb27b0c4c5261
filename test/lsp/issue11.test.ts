/** Hover and completion for the rule kinds of issue 11, in-process with cursor markers. */
import { describe, expect, it } from "vitest";
import type { Hover } from "vscode-languageserver";
import { hover } from "../../src/lsp/hover.js";
import { completion } from "../../src/lsp/completion.js";
import { at } from "./cursor.js";

const text = (h: Hover | null): string =>
  h && typeof h.contents === "object" && "value" in h.contents ? h.contents.value : "";
const URI = "file:///issue11.rubric";

function hoverAt(marked: string, lang: "zh" | "en"): string {
  const { snap, uri, pos } = at({ [URI]: marked }, URI);
  return text(hover(snap, uri, pos, lang));
}
function labels(marked: string): string[] {
  const { snap, uri, pos } = at({ [URI]: marked }, URI);
  return completion(snap, uri, pos, "en").map((c) => c.label);
}

const CAPS = `rubric R {
  total 10
  grades { 优 >= 9; 良 >= 8; 差 otherwise }
  input 通报: bool
  grade at most 良 when 通报 because "一票否优"
  group g 10 { indicator i 10 { score = if 通报 then 9 else 10 } }
}
`;

describe("grade caps", () => {
  it("hover says in plain words that the grade is capped and the total left alone", () => {
    const src = CAPS.replace("grade at most 良", "grade at m|ost 良");
    expect(hoverAt(src, "zh")).toContain("当 `通报` 成立时，等级至多为「良」：总分照常计算、不变");
    expect(hoverAt(src, "zh")).toContain("**等级上限**（一票否优）");
    expect(hoverAt(src, "en")).toContain("when `通报` holds, the grade is at most '良'");
  });

  it("hover on the condition still shows its type", () => {
    expect(hoverAt(CAPS.replace("when 通报 because", "when 通|报 because"), "en")).toContain("bool");
  });

  it("completes `at most`, then the grades, then `when`, then the condition", () => {
    expect(labels(CAPS.replace('  grade at most 良 when 通报 because "一票否优"', "  grade |"))).toEqual(
      expect.arrayContaining(["at most", "至多"]),
    );
    expect(labels(CAPS.replace('  grade at most 良 when 通报 because "一票否优"', "  grade at most |"))).toEqual([
      "优",
      "良",
      "差",
    ]);
    expect(labels(CAPS.replace('  grade at most 良 when 通报 because "一票否优"', "  等级 至多 良 |"))).toEqual(
      expect.arrayContaining(["when", "当"]),
    );
    expect(
      labels(CAPS.replace('  grade at most 良 when 通报 because "一票否优"', "  grade at most 良 when |")),
    ).toContain("通报");
  });
});

const SCALED = `rubric S {
  total 100
  input 率: ratio in [0, 100%]
  group 预算管理 50 折算 100 {
    indicator 执行 60 { score = 60 * 率 }
    indicator 公开 40 { score = 40 * 率 }
  }
  group 其他 50 { indicator 目标 50 { score = 50 * 率 } }
}
`;

describe("scaled groups", () => {
  it("hover shows both numbers and checks the sum in the written base", () => {
    const zh = hoverAt(SCALED.replace("group 预算管理", "group 预算|管理"), "zh");
    expect(zh).toContain("— 50 分");
    expect(zh).toContain("下级合计 Σ = 100 / 100 ✓（执行 60 + 公开 40）");
    expect(zh).toContain("下级按 100 分制填写，合计折算为 50 分");
    const en = hoverAt(SCALED.replace("group 预算管理", "group 预算|管理"), "en");
    expect(en).toContain("the children are written out of 100; their sum is scaled to 50");
  });

  it("hover on a child says what its written points count for", () => {
    expect(hoverAt(SCALED.replace("indicator 执行", "indicator 执|行"), "en")).toContain(
      "counts in the total after scaling: 60 × 预算管理 50 / 100 = 30 points",
    );
  });

  it("completes 折算 / scaled after a group's points", () => {
    const l = labels(SCALED.replace("group 其他 50 {", "group 其他 50 |\n  group 又 1 {"));
    expect(l).toEqual(expect.arrayContaining(["scaled", "折算", "万元"]));
  });
});

const BONUS = `rubric B {
  total 10
  input 人数: count
  group g 10 {
    indicator 人才 1.5 {
      score = 1.5
      bonus up to 0.5 = 0.05分 * 人数
      减分 至多 2 = 0.1分 * 人数
    }
    indicator 其他 8.5 { score = 8.5 }
  }
}
`;

describe("bonuses and penalties", () => {
  it("hover lists them and the most the indicator can score", () => {
    const zh = hoverAt(BONUS.replace("indicator 人才", "indicator 人|才"), "zh");
    expect(zh).toContain("- 加分：至多 0.5 分，可超出本指标分值");
    expect(zh).toContain("- 减分：至多 2 分，从基础分中扣除，扣完为止");
    expect(zh).toContain("最高 2 分");
    expect(hoverAt(BONUS.replace("indicator 人才", "indicator 人|才"), "en")).toContain(
      "score = base (the parts, at most 1.5) + bonus − penalty; at most 2",
    );
  });

  it("completes them in an indicator, then `up to` / `至多`", () => {
    expect(labels(BONUS.replace("      score = 1.5\n", "      score = 1.5\n      |\n"))).toEqual(
      expect.arrayContaining(["bonus", "加分", "penalty", "减分"]),
    );
    expect(labels(BONUS.replace("      score = 1.5\n", "      score = 1.5\n      bonus |\n"))).toEqual(
      expect.arrayContaining(["up to", "至多"]),
    );
  });
});

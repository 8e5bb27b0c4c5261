/** Document-wide features: outline, semantic tokens, folding ranges, code lenses, diagnostics. */
import { describe, expect, it } from "vitest";
import type { DocumentSymbol } from "vscode-languageserver";
import { documentSymbols } from "../../src/lsp/outline.js";
import { classify, semanticTokens } from "../../src/lsp/semantic-tokens.js";
import { foldingRanges } from "../../src/lsp/folding.js";
import { codeLenses } from "../../src/lsp/code-lens.js";
import { documentDiagnostics } from "../../src/lsp/diagnostics.js";
import { Snapshot } from "../../src/lsp/snapshot.js";
import { cursor } from "./cursor.js";
import { BASE, BASE_URI, DERIVED, DERIVED_URI } from "./fixtures.js";

const both = (): Snapshot => Snapshot.of({ [BASE_URI]: BASE, [DERIVED_URI]: DERIVED });

function outline(ss: readonly DocumentSymbol[], depth = 0): string[] {
  return ss.flatMap((s) => [
    `${"  ".repeat(depth)}${s.name}${s.detail ? ` (${s.detail})` : ""}`,
    ...outline(s.children ?? [], depth + 1),
  ]);
}

describe("document symbols", () => {
  it("outline the indicator tree with points", () => {
    const o = outline(documentSymbols(both(), BASE_URI, "zh"));
    expect(o).toEqual(
      expect.arrayContaining([
        "基础 2023 (10 分)",
        "  管理 (6 分)",
        "    采购 (4 分)",
        "      执行 (2 分)",
        "      政策 (2 分)",
        "  效果 (4 分)",
        "    满意 (4 分)",
        "  计划金额 (money(万元))",
      ]),
    );
  });

  it("show modifications and examples, and points after a reweight", () => {
    const derived = `${DERIVED}\nrubric 再派生 extends 派生 {\n  reweight 效果 4 { 满意 4 }\n  add 效果 indicator 新指标 0 { score = judged }\n}\n`;
    const o = outline(documentSymbols(Snapshot.of({ [BASE_URI]: BASE, [DERIVED_URI]: derived }), DERIVED_URI, "en"));
    expect(o).toEqual(
      expect.arrayContaining([
        "派生 2024 (extends 基础 2023)",
        "  reword 采购",
        "  rename 管理.公开性 → 信息公开",
        "派生案例 (for 派生 2024)",
        "  reweight 效果 (4 pts)",
        "  add 效果",
        "    新指标 (0 pts)",
      ]),
    );
  });
});

describe("semantic tokens", () => {
  it("classify keywords, inputs, lets, indicators, enum members, numbers, strings and comments", () => {
    const snap = both();
    const text = BASE;
    const kinds = new Map(classify(snap, BASE_URI).map((t) => [text.slice(t.start, t.end), t.type]));
    expect(kinds.get("// 基础评分表")).toBe("comment");
    expect(kinds.get("rubric")).toBe("keyword");
    expect(kinds.get("money")).toBe("type");
    expect(kinds.get("计划金额")).toBe("parameter");
    expect(kinds.get("执行率")).toBe("variable");
    expect(kinds.get("采购")).toBe("property");
    expect(kinds.get("管理")).toBe("class");
    expect(kinds.get("基础")).toBe("namespace");
    expect(kinds.get("按规定公开")).toBe("enumMember");
    expect(kinds.get("公开")).toBe("enum");
    expect(kinds.get("90")).toBe("number");
    expect(kinds.get('"采购执行情况"')).toBe("string");
  });

  it("color a soft keyword used as a name as that name", () => {
    const c = cursor(
      "rubric R {\n  input 金额: money(元)\n  group g 1 { indicator i 1 { score = if |金额 > 0元 then 1 else 0 } }\n}\n",
    );
    const snap = Snapshot.of({ "file:///s.rubric": c.text });
    const t = classify(snap, "file:///s.rubric").find((x) => x.start === c.offset);
    expect(t?.type).toBe("parameter");
  });

  it("split tokens that span lines, one per line", () => {
    const data = semanticTokens(both(), BASE_URI).data;
    expect(data.length % 5).toBe(0);
    // Every token is on one line: no token's length runs past its line.
    const lines = BASE.split("\n");
    let line = 0;
    let ch = 0;
    for (let i = 0; i < data.length; i += 5) {
      const dl = data[i] as number;
      line += dl;
      ch = dl === 0 ? ch + (data[i + 1] as number) : (data[i + 1] as number);
      expect(ch + (data[i + 2] as number)).toBeLessThanOrEqual((lines[line] ?? "").length);
    }
  });
});

describe("folding ranges", () => {
  it("fold every block and the multi-line string", () => {
    const ranges = foldingRanges(both(), BASE_URI).map((r) => `${r.startLine + 1}-${r.endLine + 1}`);
    // rubric, group 管理, indicator 采购, indicator 公开性, group 效果, indicator 满意, the two-line standard
    expect(ranges).toEqual(["2-28", "12-20", "13-16", "18-19", "22-27", "23-26", "24-25"]);
  });
});

describe("code lenses", () => {
  it("show the sum of children on groups and indicators, and pass/fail on examples", () => {
    const snap = both();
    const base = codeLenses(snap, BASE_URI, "en").map((l) => `${l.range.start.line + 1}: ${l.command?.title}`);
    expect(base).toEqual(["12: Σ children = 6 / 6 ✓", "13: Σ children = 4 / 4 ✓", "22: Σ children = 4 / 4 ✓"]);
    expect(codeLenses(snap, DERIVED_URI, "en").map((l) => l.command?.title)).toEqual(["▶ pass — total 9.98"]);
    expect(codeLenses(snap, DERIVED_URI, "zh").map((l) => l.command?.title)).toEqual(["▶ 通过 — 总分 9.98"]);
  });

  it("show a failing example with its actual total, and a sum that does not add up", () => {
    const broken = BASE.replace("group 管理 6", "group 管理 7");
    const snap = Snapshot.of({
      [BASE_URI]: broken,
      [DERIVED_URI]: DERIVED.replace("expect total = 9.98", "expect total = 9.5"),
    });
    expect(codeLenses(snap, BASE_URI, "en")[0]?.command?.title).toBe("⚠ Σ children = 6 ≠ 7");
    expect(codeLenses(snap, DERIVED_URI, "en").map((l) => l.command?.title)).toEqual([
      "✗ fail — total 9.98 (1/4 expectations fail)",
    ]);
  });
});

describe("diagnostics", () => {
  it("convert ranges, severity, code, related locations, data, in the chosen language", () => {
    const text = BASE.replace("group 管理 6", "group 管理 7").replace("总分", "总分");
    const snap = Snapshot.of({ [BASE_URI]: text, [DERIVED_URI]: DERIVED });
    const en = documentDiagnostics(snap, BASE_URI, "en");
    const ws = en.find((d) => d.code === "weight-sum");
    expect(ws?.message).toBe("'管理' is worth 7 but its children add up to 6");
    expect(ws?.severity).toBe(1);
    expect(ws?.range).toEqual({ start: { line: 11, character: 11 }, end: { line: 11, character: 12 } });
    expect(ws?.relatedInformation?.map((r) => r.message)).toEqual(["采购: 4", "公开性: 2"]);
    expect(ws?.data).toEqual({ code: "weight-sum", expected: "7", sum: "6" });
    const zh = documentDiagnostics(snap, BASE_URI, "zh");
    expect(zh.find((d) => d.code === "weight-sum")?.message).toBe("「管理」分值为 7，但其下级分值合计 6");
  });
});

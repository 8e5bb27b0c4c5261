/** Hover and completion for verdicts, scales and judged deductions. */
import { describe, expect, it } from "vitest";
import type { Hover } from "vscode-languageserver";
import { completion } from "../../src/lsp/completion.js";
import { hover } from "../../src/lsp/hover.js";
import { definition, references } from "../../src/lsp/navigation.js";
import { rename } from "../../src/lsp/rename.js";
import { at } from "./cursor.js";

const SRC = `rubric R {
  enum 结论类 { 达成, 部分达成, 未达成 }
  input 结论: 结论类
  input 核算不规范: bool
  scale 定性三档 { 达成 -> [80%, 100%]; 部分达成 -> [50%, 80%); 未达成 -> [0, 50%) }
  group g 15 {
    indicator 质量 10 { score = judged by 结论 { 达成 -> [80%, 100%]; 部分达成 -> [50%, 80%); 未达成 -> [0, 50%) } }
    indicator 制度 4 { 得分 = 酌情 按 结论 档次 定性三档 }
    indicator 核算 1 { part 规范 1 = 酌情扣 [0.5, 1] 当 核算不规范 }
  }
}
`;
const URI = "file:///j.rubric";
const text = (h: Hover | null): string =>
  h && typeof h.contents === "object" && "value" in h.contents ? h.contents.value : "";
function hoverOn(marked: string, lang: "zh" | "en"): string {
  const { snap, uri, pos } = at({ [URI]: marked }, URI);
  return text(hover(snap, uri, pos, lang));
}

describe("judged rules in the editor", () => {
  it("hover lists a verdict's intervals and says a % is a share of the points", () => {
    const h = hoverOn(SRC.replace("indicator 质量", "indicator 质|量"), "en");
    expect(h).toContain("judged, within the interval of the verdict 结论: (a % is a share of the 10 points)");
    expect(h).toContain("- 部分达成 → [50%, 80%)");
  });

  it("hover names the scale, and explains a judged deduction in Chinese", () => {
    expect(hoverOn(SRC.replace("indicator 制度", "indicator 制|度"), "zh")).toContain(
      "酌情评分，范围取决于结论「结论」，按档次「定性三档」",
    );
    expect(hoverOn(SRC.replace("indicator 核算", "indicator 核|算"), "zh")).toContain(
      "酌情扣分：「核算不规范」成立时，由评定给出扣分 [0.5, 1]，得 1 − 扣分；不成立时得满分 1",
    );
  });

  it("completion offers `scale`/`档次` in a rubric, the scales after it, and 酌情扣 in a rule", () => {
    const labels = (marked: string): string[] => {
      const { snap, uri, pos } = at({ [URI]: marked }, URI);
      // As an editor shows them: by sort text, then label.
      return completion(snap, uri, pos, "en")
        .sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label))
        .map((c) => c.label);
    };
    expect(labels(SRC.replace("  input 结论: 结论类", "  |\n  input 结论: 结论类"))).toEqual(
      expect.arrayContaining(["scale", "档次"]),
    );
    expect(labels(SRC.replace("档次 定性三档 }", "档次 | }"))[0]).toBe("定性三档");
    expect(labels(SRC.replace("part 规范 1 = 酌情扣 [0.5, 1] 当 核算不规范", "part 规范 1 = |"))).toEqual(
      expect.arrayContaining(["酌情扣", "scale"]),
    );
  });

  it("a scale name goes to its declaration, lists its uses, renames everywhere, and hovers with its arms", () => {
    const use = SRC.replace("档次 定性三档 }", "档次 定性|三档 }");
    const { snap, uri, pos } = at({ [URI]: use }, URI);
    const def = definition(snap, uri, pos);
    expect(def?.range.start.line).toBe(4);
    expect(references(snap, uri, pos, true)).toHaveLength(2);
    const r = rename(snap, uri, pos, "三档", "en");
    const edits = r && "edit" in r ? Object.values(r.edit.changes ?? {}).flat() : [];
    expect(edits.map((e) => e.newText)).toEqual(["三档", "三档"]);
    expect(hoverOn(use, "zh")).toContain("**档次** 定性三档");
    expect(hoverOn(use, "zh")).toContain("- 部分达成 → [50%, 80%)");
  });
});

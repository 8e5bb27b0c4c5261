/**
 * Not applicable, and redistribution (issue 11, kind 1): the report shows
 * the weights actually used and the trace says why — the same from the
 * reference evaluator and the compiled scorer; shares stay exact; a missing
 * input in the condition fails the indicator that needs it; hover and
 * completion explain the statement.
 */
import { describe, expect, it } from "vitest";
import type { Hover } from "vscode-languageserver";
import { analyzeProgram } from "../src/compiler/program.js";
import { createReferenceScorer } from "../src/compiler/evaluate/scorer.js";
import { createCompiledScorer } from "../src/compiler/codegen/load.js";
import { ScoreError } from "../src/runtime/scorer.js";
import { hover } from "../src/lsp/hover.js";
import { completion } from "../src/lsp/completion.js";
import { at } from "./lsp/cursor.js";

const SRC = `rubric 均摊 {
  total 12
  input 无采购: bool
  input 无专项: bool
  input 率: ratio in [0, 100%]
  group 管理 12 {
    indicator 采购 3 {
      score = 3
      not applicable when 无采购 share equally among 执行, 专项
    }
    indicator 执行 6 { score = 6 * 率 }
    indicator 专项 3 {
      score = 3
      不适用 当 无专项 按分值比例 均摊 至 执行、合规
    }
    indicator 合规 0 { score = 0 }
  }
}
`;

function scorers(src = SRC) {
  const program = analyzeProgram([{ file: "t.rubric", text: src }]);
  const r = program.rubrics[0];
  if (!r) throw new Error("no rubric");
  return { diagnostics: program.diagnostics, scorers: [createReferenceScorer(r), createCompiledScorer(r)] };
}

const RUBRIC = SRC.replace("indicator 合规 0 { score = 0 }", "").replace("执行、合规", "执行");

describe("not applicable, and redistribution", () => {
  it("the checker refuses a target with no points to scale", () => {
    expect(scorers().diagnostics.map((d) => d.code)).toEqual(["na-target-zero"]);
    expect(scorers(RUBRIC).diagnostics).toEqual([]);
  });

  it("reports the weights used and why, identically in both scorers", () => {
    const reports = scorers(RUBRIC).scorers.map((s) =>
      s.score({ values: { 无采购: "true", 无专项: "false", 率: "50%" } }, { explain: true }),
    );
    for (const rep of reports) {
      const [采购, 执行, 专项] = rep.tree[0]?.children ?? [];
      // 采购 gives 3 points equally: +1.5 to 执行 and 专项. 执行 6 × 50% = 3, now worth 7.5: 3 × 7.5 / 6 = 3.75;
      // 专项 3 of 3, now worth 4.5: 4.5. Total 8.25.
      expect([采购?.score, 采购?.status, 采购?.effectivePoints]).toEqual(["0", "not-applicable", "0"]);
      expect(采购?.trace).toEqual([
        {
          zh: "不适用（无采购 成立）：本指标不计分，其 3 分平均分给 「执行」+1.5、「专项」+1.5",
          en: "not applicable (无采购 holds): not scored; its 3 points are shared equally among '执行' +1.5, '专项' +1.5",
        },
      ]);
      expect([执行?.points, 执行?.effectivePoints, 执行?.score]).toEqual(["6", "7.5", "3.75"]);
      expect(执行?.trace.at(-1)).toEqual({
        zh: "承接不适用指标「采购」的 1.5 分：分值 6 → 7.5，得分 3 × 7.5 ÷ 6 = 3.75",
        en: "takes 1.5 from '采购' (not applicable): worth 7.5 instead of 6, score 3 × 7.5 / 6 = 3.75",
      });
      expect([专项?.effectivePoints, 专项?.score, rep.total]).toEqual(["4.5", "4.5", "8.25"]);
    }
    expect(JSON.stringify(reports[0])).toBe(JSON.stringify(reports[1]));
  });

  it("passes on what a source took", () => {
    for (const s of scorers(RUBRIC).scorers) {
      // Both apply: 采购's 3 go +1.5 / +1.5; 专项 (now 4.5) passes all of it on to 执行: 6 + 1.5 + 4.5 = 12.
      const both = s.score({ values: { 无采购: "true", 无专项: "true", 率: "50%" } });
      const kids = both.tree[0]?.children ?? [];
      expect(kids.map((k) => [k.effectivePoints, k.score])).toEqual([
        ["0", "0"],
        ["12", "6"],
        ["0", "0"],
      ]);
    }
  });

  it("fails the indicator whose condition reads a missing input, naming it", () => {
    for (const s of scorers(RUBRIC).scorers) {
      try {
        s.score({ values: { 无专项: "false", 率: "50%" } });
        throw new Error("scored");
      } catch (e) {
        if (!(e instanceof ScoreError)) throw e;
        expect(e.errors.map((x) => [x.kind, x.field])).toEqual([["missing", "无采购"]]);
        expect(e.errors[0]?.message.en).toContain("管理.采购");
      }
    }
  });

  it("hover says where the points go, and what a target takes", () => {
    const hoverAt = (marked: string, lang: "zh" | "en"): string => {
      const { snap, uri, pos } = at({ "file:///na.rubric": marked }, "file:///na.rubric");
      const h: Hover | null = hover(snap, uri, pos, lang);
      return h && typeof h.contents === "object" && "value" in h.contents ? h.contents.value : "";
    };
    const onSource = RUBRIC.replace("indicator 采购", "indicator 采|购");
    expect(hoverAt(onSource, "zh")).toContain(
      "当 `无采购` 成立时，本指标不计分，其 3 分平均分给 「执行」+1.5、「专项」+1.5",
    );
    expect(hoverAt(onSource, "en")).toContain("the sums above are unchanged");
    expect(hoverAt(RUBRIC.replace("indicator 执行", "indicator 执|行"), "en")).toContain(
      "when '采购' is not applicable (`无采购`), this node carries 1.5 more: worth 7.5 instead of 6",
    );
  });

  it("completes the words of the statement and the siblings' names", () => {
    const labels = (marked: string): string[] => {
      const { snap, uri, pos } = at({ "file:///na.rubric": marked }, "file:///na.rubric");
      return completion(snap, uri, pos, "en").map((c) => c.label);
    };
    const src = (tail: string) => RUBRIC.replace("share equally among 执行, 专项", tail);
    expect(labels(src("share |"))).toEqual(expect.arrayContaining(["equally", "among", "by points"]));
    expect(labels(src("share equally among 执行, |"))).toEqual(["专项"]);
  });
});

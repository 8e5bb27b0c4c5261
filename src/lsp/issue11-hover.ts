/**
 * Hover in plain words for the rubric-level rules of issue 11 that are
 * statements rather than expressions (a grade cap, 一票否优), and the
 * scaled points of a group written out of another base.
 */
import type { Lang } from "../compiler/diagnostics/diagnostic.js";
import type * as A from "../compiler/syntax/ast.js";
import type { AnyNode, IndicatorNode, RubricModel, TreeNode } from "../compiler/model/types.js";
import { Exact } from "../runtime/exact.js";
import { sourceOf } from "./describe.js";
import { say } from "./lang.js";

const within = (s: A.Span, offset: number): boolean => s.start <= offset && offset <= s.end;

/** The statement under the cursor, when it is one of issue 11's and the cursor is not on its condition. */
export function issue11Hover(
  file: A.FileNode,
  text: string,
  offset: number,
  lang: Lang,
): { lines: string[]; span: A.Span } | undefined {
  for (const r of file.items) {
    if (r.kind !== "Rubric" || !within(r.span, offset)) continue;
    for (const it of r.items) {
      if (it.kind !== "GradeCap" || !within(it.span, offset) || within(it.cond.span, offset)) continue;
      const cond = sourceOf(text, it.cond.span, 80);
      const why = it.reason ? say(lang, `（${it.reason.value}）`, ` (${it.reason.value})`) : "";
      return {
        span: it.span,
        lines: [
          `**${say(lang, "等级上限", "grade cap")}**${why}`,
          "",
          say(
            lang,
            `当 \`${cond}\` 成立时，等级至多为「${it.grade.text}」：总分照常计算、不变，只是等级不高于「${it.grade.text}」；报告写明降级的原因。`,
            `when \`${cond}\` holds, the grade is at most '${it.grade.text}': the total is scored as usual and left unchanged, only the grade is no higher than '${it.grade.text}'; the report says why it was lowered.`,
          ),
        ],
      };
    }
  }
  return undefined;
}

/**
 * Issue 11, kind 3: both numbers of a scaled group (`50 折算 100`), and for a node inside one
 * what its written points count for in the total.
 */
export function scaledLines(node: AnyNode, model: RubricModel, lang: Lang): string[] {
  const out: string[] = [];
  if (node.kind === "group" && node.scaledFrom) {
    const [p, b] = [node.points.toString(6), node.scaledFrom.toString(6)];
    out.push(
      "",
      say(
        lang,
        `**折算**：下级按 ${b} 分制填写，合计折算为 ${p} 分（得分 = 下级合计 ÷ ${b} × ${p}，精确计算）`,
        `**scaled**: the children are written out of ${b}; their sum is scaled to ${p} (score = Σ children / ${b} × ${p}, exactly)`,
      ),
    );
  }
  let factor = Exact.ONE;
  let level: readonly TreeNode[] = model.groups;
  const scaledBy: string[] = [];
  for (const seg of node.path.slice(0, -1)) {
    const g = level.find((n) => n.name === seg);
    if (!g || g.kind !== "group") break;
    if (g.scaledFrom && g.scaledFrom.sign() > 0) {
      factor = factor.mul(g.points).div(g.scaledFrom);
      scaledBy.push(`${g.name} ${g.points.toString(6)} / ${g.scaledFrom.toString(6)}`);
    }
    level = g.children;
  }
  if (scaledBy.length > 0) {
    const eff = node.points.mul(factor).toString(6);
    out.push(
      "",
      say(
        lang,
        `按折算后的分值计入总分：${node.points.toString(6)} × ${scaledBy.join(" × ")} = ${eff} 分`,
        `counts in the total after scaling: ${node.points.toString(6)} × ${scaledBy.join(" × ")} = ${eff} points`,
      ),
    );
  }
  return out;
}

/** Issue 11, kind 2: an indicator's bonuses and penalties, and the most it can score with them. */
export function adjustLines(ind: IndicatorNode, lang: Lang): string[] {
  if (ind.adjust.length === 0) return [];
  const out: string[] = [];
  let max = ind.points;
  for (const a of ind.adjust) {
    const cap = a.cap.toString(6);
    if (a.which === "bonus") max = max.add(a.cap);
    out.push(
      a.which === "bonus"
        ? say(lang, `- 加分：至多 ${cap} 分，可超出本指标分值`, `- bonus: at most ${cap}, above the indicator's points`)
        : say(
            lang,
            `- 减分：至多 ${cap} 分，从基础分中扣除，扣完为止`,
            `- penalty: at most ${cap}, taken from the base, down to 0`,
          ),
    );
  }
  out.push(
    "",
    say(
      lang,
      `得分 = 基础分（各得分项，不超过 ${ind.points.toString(6)}）+ 加分 − 减分，最高 ${max.toString(6)} 分`,
      `score = base (the parts, at most ${ind.points.toString(6)}) + bonus − penalty; at most ${max.toString(6)}`,
    ),
  );
  return out;
}

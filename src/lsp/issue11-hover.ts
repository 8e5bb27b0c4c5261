/**
 * Hover in plain words for the rubric-level rules of issue 11 that are
 * statements rather than expressions: a grade cap (一票否优).
 */
import type { Lang } from "../compiler/diagnostics/diagnostic.js";
import type * as A from "../compiler/syntax/ast.js";
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

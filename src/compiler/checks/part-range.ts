/**
 * A part's value must be points (or a plain number read as points), and the
 * interval analysis must keep it inside [0, its points]; where it cannot,
 * warn with the range: the evaluator clamps, and the author should know.
 */
import { W, ty } from "../diagnostics/words.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import * as I from "../analysis/interval.js";
import { Exact } from "../../runtime/exact.js";
import type { CheckContext } from "./context.js";

export function checkPartRanges({ model, analysis }: CheckContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [part, info] of analysis.parts) {
    if (part.file !== model.file) continue;
    const at = { file: part.file, span: part.rule.span };
    if (info.type.kind === "error" || info.type.kind === "bool") continue;
    if (info.type.kind !== "num" || info.type.dim === "money" || info.type.dim === "count") {
      out.push(diagnostic("type-mismatch", at, { expected: W.points, actual: ty(info.type), context: { zh: `得分项「${part.name}」`, en: `part '${part.name}'` } }));
      continue;
    }
    const allowed = I.closed(Exact.ZERO, part.points);
    if (!I.within(info.range, allowed)) {
      out.push(diagnostic("part-range", at, { part: part.path.join("."), range: I.formatRange(info.range), points: part.points.toString() }));
    }
  }
  return out;
}

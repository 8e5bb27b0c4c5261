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
import type * as A from "../syntax/ast.js";
import type { ExprInfo } from "../analysis/infer.js";

export function checkPartRanges({ model, analysis }: CheckContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [part, info] of analysis.parts) {
    if (part.file !== model.file) continue;
    const at = { file: part.file, span: part.rule.span };
    if (info.type.kind === "error" || info.type.kind === "bool") continue;
    // `score = …` makes a part the author never named: speak of its indicator.
    const shownPath = part.implicit ? part.path.slice(0, -1) : part.path;
    const where = part.implicit
      ? { zh: `指标「${shownPath.join(".")}」`, en: `indicator '${shownPath.join(".")}'` }
      : {
          zh: `指标「${shownPath.slice(0, -1).join(".")}」的得分项「${part.name}」`,
          en: `part '${part.name}' of indicator '${shownPath.slice(0, -1).join(".")}'`,
        };
    const factor =
      info.type.kind === "num" && info.type.dim === "count" ? countFactor(part.rule, analysis.info) : undefined;
    if (factor !== undefined) {
      out.push(diagnostic("count-not-points", at, { where, factor }));
      continue;
    }
    if (info.type.kind !== "num" || info.type.dim === "money" || info.type.dim === "count") {
      out.push(diagnostic("type-mismatch", at, { expected: W.points, actual: ty(info.type), context: where }));
      continue;
    }
    const allowed = I.closed(Exact.ZERO, part.points);
    if (!I.within(info.range, allowed)) {
      out.push(
        diagnostic("part-range", at, {
          part: shownPath.join("."),
          range: I.formatRange(info.range),
          points: part.points.toString(),
        }),
      );
    }
  }
  return out;
}

/** The plain number that multiplies a count in `4 - 0.2 * n` (it was meant as points per item). */
function countFactor(e: A.Expr, info: ReadonlyMap<A.Expr, ExprInfo>): string | undefined {
  if (e.kind === "Binary") {
    if (e.op === "*") {
      const isCount = (x: A.Expr): boolean => {
        const t = info.get(x)?.type;
        return t?.kind === "num" && t.dim === "count";
      };
      if (e.left.kind === "Number" && e.left.unit === undefined && isCount(e.right)) return e.left.digits;
      if (e.right.kind === "Number" && e.right.unit === undefined && isCount(e.left)) return e.right.digits;
    }
    return countFactor(e.left, info) ?? countFactor(e.right, info);
  }
  if (e.kind === "If") return countFactor(e.then, info) ?? countFactor(e.else, info);
  if (e.kind === "Call")
    for (const a of e.args) {
      const f = countFactor(a, info);
      if (f !== undefined) return f;
    }
  return undefined;
}

/**
 * Issue 11, kind 2: a bonus (`bonus up to 0.5 = …`) or penalty (`penalty up
 * to 2 = …`) is points (or a plain number, or a condition: all of its cap or
 * nothing). Bonuses raise the most a rubric can give: say what that is, so
 * grade thresholds and reports are read against the right maximum.
 */
import { W, ty } from "../diagnostics/words.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { Exact } from "../../runtime/exact.js";
import { indicators } from "../model/paths.js";
import { maxPossible } from "../model/max-total.js";
import type { CheckContext } from "./context.js";

export function checkAdjustments({ model, analysis }: CheckContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  let own = false;
  for (const ind of indicators(model.groups)) {
    for (const a of ind.adjust) {
      if (a.file !== model.file) continue;
      if (a.which === "bonus") own = true;
      const t = analysis.adjust.get(a)?.type;
      if (!t || t.kind === "error" || t.kind === "bool") continue;
      if (t.kind === "num" && (t.dim === "points" || t.dim === "plain" || t.dim === "ratio")) continue;
      const where =
        a.which === "bonus"
          ? { zh: `指标「${ind.path.join(".")}」的加分`, en: `the bonus of indicator '${ind.path.join(".")}'` }
          : { zh: `指标「${ind.path.join(".")}」的减分`, en: `the penalty of indicator '${ind.path.join(".")}'` };
      out.push(
        diagnostic(
          "type-mismatch",
          { file: a.file, span: a.rule.span },
          { expected: W.points, actual: ty(t), context: where },
        ),
      );
    }
  }
  if (own) {
    const { max, points, bonus } = maxPossible(model);
    const at =
      model.total && model.total.origin.file === model.file
        ? model.total.origin
        : { file: model.file, span: model.decl.name.span };
    if (bonus.gt(Exact.ZERO))
      out.push(diagnostic("max-total", at, { max: max.toString(), total: points.toString(), bonus: bonus.toString() }));
  }
  return out;
}

/** Grade bands: thresholds strictly descending, ending with `otherwise`. */
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { CheckContext } from "./context.js";
import { Exact } from "../../runtime/exact.js";
import type { GradeDef } from "../model/types.js";
import { formatValue } from "../model/constants.js";
import { phrase } from "../diagnostics/words.js";

/** A `%` threshold would compare the total's points with 0.9; suggest the same share of the declared total. */
function thresholdUnit(g: GradeDef, total: { value: Exact } | undefined): Diagnostic {
  const th = g.threshold as Exact;
  const dim = g.thresholdDim === "money" ? "money" : "ratio";
  const suggestion = dim === "ratio" ? th.mul(total?.value ?? Exact.int(100)).toString(6) : th.toString(6);
  return diagnostic(
    "grade-threshold-unit",
    { file: g.file, span: g.span },
    {
      grade: g.name,
      threshold: formatValue(th, dim),
      unit: dim === "ratio" ? phrase("比率", "a ratio") : phrase("金额", "money"),
      suggestion,
    },
  );
}

export function checkGrades({ model }: CheckContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const gs = model.grades;
  if (gs.length === 0 || gs[0]?.file !== model.file) return out;
  gs.forEach((g, i) => {
    const at = { file: g.file, span: g.span };
    const prev = gs[i - 1];
    if (!g.threshold && i !== gs.length - 1)
      out.push(
        diagnostic("grades-order", at, {
          detail: { zh: `「${g.name}」为「否则」档，但不是最后一档`, en: `'${g.name}' is 'otherwise' but is not last` },
        }),
      );
    const wrongUnit = (x: GradeDef | undefined): boolean => x?.thresholdDim === "ratio" || x?.thresholdDim === "money";
    if (g.threshold && prev?.threshold && !wrongUnit(g) && !wrongUnit(prev) && !g.threshold.lt(prev.threshold)) {
      out.push(
        diagnostic("grades-order", at, {
          detail: {
            zh: `分数线须从高到低：${g.threshold.toString()} 在 ${prev.threshold.toString()} 之后`,
            en: `thresholds must descend: ${g.threshold.toString()} after ${prev.threshold.toString()}`,
          },
        }),
      );
    }
    if (g.threshold && wrongUnit(g)) out.push(thresholdUnit(g, model.total));
    if (gs.slice(0, i).some((x) => x.name === g.name))
      out.push(diagnostic("duplicate-name", at, { name: g.name, kind: "grade" }));
  });
  const last = gs[gs.length - 1];
  if (last?.threshold)
    out.push(
      diagnostic(
        "grades-order",
        { file: last.file, span: last.span },
        {
          detail: {
            zh: "最后一档须为「否则」，使任何总分都有等级",
            en: "the last grade must be 'otherwise' so that every total gets a grade",
          },
        },
      ),
    );
  return out;
}

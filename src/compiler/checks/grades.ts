/** Grade bands: thresholds strictly descending, ending with `otherwise`. */
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { CheckContext } from "./context.js";

export function checkGrades({ model }: CheckContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const gs = model.grades;
  if (gs.length === 0 || gs[0]?.file !== model.file) return out;
  gs.forEach((g, i) => {
    const at = { file: g.file, span: g.span };
    const prev = gs[i - 1];
    if (!g.threshold && i !== gs.length - 1) out.push(diagnostic("grades-order", at, { detail: { zh: `「${g.name}」为「否则」档，但不是最后一档`, en: `'${g.name}' is 'otherwise' but is not last` } }));
    if (g.threshold && prev?.threshold && !g.threshold.lt(prev.threshold)) {
      out.push(diagnostic("grades-order", at, { detail: { zh: `分数线须从高到低：${g.threshold.toString()} 在 ${prev.threshold.toString()} 之后`, en: `thresholds must descend: ${g.threshold.toString()} after ${prev.threshold.toString()}` } }));
    }
    if (gs.slice(0, i).some((x) => x.name === g.name)) out.push(diagnostic("duplicate-name", at, { name: g.name, kind: "grade" }));
  });
  const last = gs[gs.length - 1];
  if (last?.threshold) out.push(diagnostic("grades-order", { file: last.file, span: last.span }, { detail: { zh: "最后一档须为「否则」，使任何总分都有等级", en: "the last grade must be 'otherwise' so that every total gets a grade" } }));
  return out;
}

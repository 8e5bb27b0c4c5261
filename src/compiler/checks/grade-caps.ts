/**
 * Issue 11, kind 4: `grade at most 良 when C` names a declared grade. Capping
 * at the top grade changes nothing, which is almost always a slip (the
 * author meant the grade below it).
 */
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { suggest } from "../util/suggest.js";
import type { CheckContext } from "./context.js";

export function checkGradeCaps({ model }: CheckContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const names = model.grades.map((g) => g.name);
  for (const cap of model.gradeCaps) {
    if (cap.file !== model.file) continue;
    const at = { file: cap.file, span: cap.decl.grade.span };
    if (names.length === 0) out.push(diagnostic("grade-cap-no-grades", at, { grade: cap.grade }));
    else if (!names.includes(cap.grade)) {
      const s = suggest(cap.grade, names);
      out.push(diagnostic("unknown-name", at, { name: cap.grade, kind: "grade", ...(s ? { suggestion: s } : {}) }));
    } else if (names[0] === cap.grade) out.push(diagnostic("grade-cap-no-effect", at, { grade: cap.grade }));
  }
  return out;
}

/**
 * Issue 11, kind 4: grade caps (一票否优). `grade at most 良 when C` lowers
 * the grade the total earned to 良 while C holds; the total is left alone.
 * One rule for the reference evaluator and compiled scorers, so both lower
 * the same grades and say why in the same words.
 */
import type { GradeCapReport } from "./report.js";

export interface GradeCapSpec {
  readonly grade: string;
  /** The condition as written, for the report. */
  readonly text: string;
  readonly reason?: string;
}

/**
 * The grade after the caps: `holds(i)` is asked only of caps below the grade
 * earned (the others cannot change it), in declaration order; the lowest
 * cap that holds wins.
 */
export function capGrade(
  grades: readonly string[],
  earned: string,
  caps: readonly GradeCapSpec[],
  holds: (i: number) => boolean,
): { grade: string; cap?: GradeCapReport } {
  const rank = (g: string): number => grades.indexOf(g);
  let grade = earned;
  let cap: GradeCapSpec | undefined;
  caps.forEach((c, i) => {
    if (rank(c.grade) <= rank(earned)) return;
    if (holds(i) && rank(c.grade) > rank(grade)) {
      grade = c.grade;
      cap = c;
    }
  });
  if (!cap) return { grade };
  const why = cap.reason;
  return {
    grade,
    cap: {
      from: earned,
      to: grade,
      because: {
        zh: `${cap.text} 成立${why ? `（${why}）` : ""}：等级至多为「${grade}」，由「${earned}」降为「${grade}」`,
        en: `${cap.text} holds${why ? ` (${why})` : ""}: the grade is at most '${grade}', lowered from '${earned}'`,
      },
    },
  };
}

/**
 * The report: one shape for the reference evaluator and (later) compiled
 * scorers. Numbers are decimal strings, exact: a value that is not a finite
 * decimal is shown as a fraction with its approximation.
 */
export interface Text {
  readonly zh: string;
  readonly en: string;
}

export interface Clamp {
  /** The value before clamping. */
  readonly from: string;
  readonly to: string;
  readonly bound: "lower" | "upper";
}

export interface NodeReport {
  readonly kind: "group" | "indicator" | "part";
  readonly path: readonly string[];
  readonly name: string;
  readonly title?: string;
  readonly points: string;
  /** The score the rules give (after clamping and rounding); null when it could not be computed. */
  readonly computed: string | null;
  /** The score that counts: `computed`, or the override. */
  readonly score: string | null;
  readonly override?: { readonly value: string; readonly reason: string };
  /** The judgement given; `deduction` when its value is a judged deduction (`deduct judged …`), not a score. */
  readonly judged?: { readonly value: string; readonly reason?: string; readonly deduction?: boolean };
  /** `not-applicable`: issue 11, kind 1 — the indicator's points went to its named siblings. */
  readonly status?: "vetoed" | "exempt" | "not-applicable";
  /** Issue 11, kind 2: an indicator's base (its parts, within its points), bonuses and penalties. */
  readonly adjusted?: { readonly base: string; readonly bonus: string; readonly penalty: string };
  /** Issue 11, kind 3: a group whose children are written out of `base`; `sum` is their sum in that base. */
  readonly scaledFrom?: { readonly base: string; readonly sum: string };
  /** Issue 11, kind 1: the weight the node carried after a sibling's points were shared (0 when not applicable). */
  readonly effectivePoints?: string;
  readonly clamps: readonly Clamp[];
  readonly trace: readonly Text[];
  readonly error?: Text;
  readonly children: readonly NodeReport[];
}

export interface Report {
  readonly rubric: string;
  readonly year?: number;
  /** Null when some indicator could not be scored (see `errors`). */
  readonly total: string | null;
  readonly maxTotal: string;
  readonly grade: string | null;
  /** Issue 11, kind 4: a grade cap (一票否优) lowered the grade the total earned; the total is unchanged. */
  readonly gradeCap?: GradeCapReport;
  readonly tree: readonly NodeReport[];
  readonly errors: readonly { readonly path: string; readonly message: Text }[];
}

/** Why the grade is lower than the total earned: `grade at most … when …` held. */
export interface GradeCapReport {
  /** The grade the total earned. */
  readonly from: string;
  readonly to: string;
  readonly because: Text;
}

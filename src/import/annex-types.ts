/** The tree an annex table is read into (annex.ts), before it becomes a rubric (emit.ts). */
import type { Exact } from "../runtime/exact.js";
import type { Text } from "../runtime/report.js";

export interface AnnexIndicator {
  readonly kind: "indicator";
  readonly name: string;
  /** The lines below the name in a table `rubric render` wrote (rendered-names.ts). */
  readonly title?: string;
  readonly points: Exact;
  readonly row: number;
  note?: string;
  standard?: string;
  score?: Exact;
  reason?: string;
}

export interface AnnexGroup {
  readonly kind: "group";
  readonly name: string;
  readonly title?: string;
  /** Absent when the table gives no points for this level: the sum of the children then. */
  readonly points?: Exact;
  readonly row: number;
  readonly children: AnnexNode[];
}

export type AnnexNode = AnnexGroup | AnnexIndicator;

export interface Annex {
  readonly sheet: string;
  readonly groups: AnnexNode[];
  readonly total?: { readonly points?: Exact; readonly score?: Exact; readonly row: number };
  readonly hasScores: boolean;
}

export type AnnexResult = Annex | { readonly error: Text };

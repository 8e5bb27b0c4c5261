/**
 * The playground's requests beyond LSP, answered by the language server's
 * worker from the same analysed program the diagnostics come from.
 */
import type { Report, Text } from "../runtime/report.js";
import type { RubricMeta, ScoreInput } from "../runtime/scorer.js";

export const EXAMPLES = "rubric/examples";
export const RUBRICS = "rubric/rubrics";
export const SCORE = "rubric/score";
export const SCORE_FILE = "rubric/scoreFile";
export const ANNEX = "rubric/annex";
/** Notification from the worker while a file is scored. */
export const PROGRESS = "rubric/progress";

export interface ExampleSummary {
  readonly title: string;
  readonly file: string;
  readonly rubric?: string;
  readonly pass: boolean;
  readonly total?: string | null;
  readonly grade?: string | null;
  readonly assertions: readonly {
    readonly label: string;
    readonly expected: string;
    readonly actual: string | null;
    readonly pass: boolean;
  }[];
  readonly problems: readonly Text[];
  /** Every indicator's score and trace, for the examples panel. */
  readonly indicators: readonly {
    readonly path: string;
    readonly points: string;
    readonly score: string | null;
    readonly trace: readonly Text[];
  }[];
}

export interface RubricSummary {
  readonly key: string;
  readonly file: string;
  readonly meta: RubricMeta;
  /** Why it cannot be scored (a base with empty slots, errors in it). */
  readonly unscorable?: Text;
}

export interface ScoreParams {
  readonly rubric: string;
  readonly input: ScoreInput;
}

export type ScoreAnswer = { readonly report: Report } | { readonly errors: readonly Text[] };

export interface ScoreFileParams {
  /** The rubric for rows that name none (a 评分表 column may name others). */
  readonly rubric?: string;
  /** The file's name: its extension says how to read it (.csv, .xlsx, .json, .jsonl), as for `rubric score`. */
  readonly name: string;
  /** The file's bytes, base64 (the transport carries JSON). */
  readonly data: string;
}

export interface ScoreFileAnswer {
  readonly rows: readonly {
    readonly row: number;
    readonly id?: string;
    readonly total?: string | null;
    readonly grade?: string | null;
    readonly errors: readonly Text[];
  }[];
  /** The same CSV as `rubric score --format csv`. */
  readonly csv: string;
  /** The same cells as `rubric score --format xlsx`, as an XLSX file in base64. */
  readonly xlsx: string;
  readonly fileErrors: readonly Text[];
}

export interface AnnexParams {
  readonly file: string;
  readonly lang: "zh" | "en";
  /** With this example's scores and reasons (a score report), else the 评分表 alone. */
  readonly example?: string;
}

/** The 评分表 as `rubric render` draws it (its HTML table), for each rubric of the file. */
export interface AnnexAnswer {
  readonly tables: readonly { readonly key: string; readonly html: string }[];
  /** Titles of the file's examples, for the report switch. */
  readonly examples: readonly string[];
}

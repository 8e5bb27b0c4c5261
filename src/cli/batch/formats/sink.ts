/** An output format: receives results in input order, writes them as they come. */
import type { Lang, RowResult } from "../result.js";

export interface Sink {
  row(r: RowResult): Promise<void>;
  /** A row already rendered by `rowRenderer` (render-row.ts), e.g. in a worker thread: formats with a renderer only. */
  rowText?(text: string): Promise<void>;
  /** After the last row (also when there were none). */
  end(): Promise<void>;
}

export interface SinkOptions {
  readonly lang: Lang;
  readonly explain: boolean;
  /** Indicator paths given a column each (CSV, XLSX) in this order. */
  readonly indicators: readonly string[];
  /** Show which rubric scored each row (when rows name their rubric). */
  readonly showRubric: boolean;
  readonly color: boolean;
}

/**
 * A row's output text where it does not depend on the rows before it (CSV and
 * JSON Lines), so that a worker thread can render it: the same text the
 * format's sink writes for that row.
 */
import type { RowResult } from "../result.js";
import { csvLine } from "./csv.js";
import { rowJson } from "./json.js";
import { numericColumns, rowCells } from "./layout.js";
import type { SinkOptions } from "./sink.js";

export type RenderedFormat = "csv" | "jsonl";

export function rowRenderer(format: string, o: SinkOptions): ((r: RowResult) => string) | undefined {
  if (format === "csv") {
    const numeric = numericColumns(o);
    return (r) => csvLine(rowCells(r, o, false), numeric);
  }
  if (format === "jsonl") return (r) => `${JSON.stringify(rowJson(r, o))}\n`;
  return undefined;
}

/**
 * Departments from an input file, one at a time and in order, whatever the
 * format: CSV and XLSX rows under a header, JSON Lines, or a JSON document
 * (one object, or an array). Each record knows its 1-based data row and
 * where it is in the file (line, or sheet row for XLSX).
 */
import type { Readable } from "node:stream";
import { ColumnCache } from "./columns.js";
import { readTextRecords, tabular, type InputFormat, type RecordOptions, type SourceRecord } from "./records-read.js";
import { readXlsx } from "./xlsx-read.js";

export {
  formatOf,
  type HeaderProblem,
  type InputFormat,
  type RecordOptions,
  type SourceRecord,
} from "./records-read.js";

/** The departments of `source`, read as `format`. */
export function readRecords(source: Readable, format: InputFormat, opts: RecordOptions): AsyncGenerator<SourceRecord> {
  if (format !== "xlsx") return readTextRecords(source, format, opts);
  source.destroy();
  return tabular(
    readXlsx(opts.path ?? "", opts.sheet !== undefined ? { sheet: opts.sheet } : {}),
    opts,
    new ColumnCache(opts.isInput),
    { zh: "工作表是空的（没有表头行）", en: "the worksheet is empty (no header row)" },
  );
}

/**
 * Departments from an input file, one at a time and in order, whatever the
 * format: CSV and XLSX rows under a header, JSON Lines, or a JSON document
 * (one object, or an array). Each record knows its 1-based data row and
 * where it is in the file (line, or sheet row for XLSX).
 */
import type { Readable } from "node:stream";
import {
  readTextRecords,
  readXlsxRecords,
  type InputFormat,
  type RecordOptions,
  type SourceRecord,
} from "./records-read.js";
import { zipFile } from "./zip-file.js";

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
  return readXlsxRecords(zipFile(opts.path ?? ""), opts);
}

/**
 * XLSX output through exceljs's streaming WorkbookWriter: each row is
 * committed (zipped out) as it is scored, so memory stays flat. Scores are
 * number cells when that loses no digit, else text.
 */
import type { Writable } from "node:stream";
import type { RowResult } from "../result.js";
import { headerCells, rowCells } from "./layout.js";
import type { Sink, SinkOptions } from "./sink.js";

export async function xlsxSink(stream: Writable, o: SinkOptions): Promise<Sink> {
  // Loaded only for XLSX: exceljs is large, and the other formats do not need it.
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: false, useSharedStrings: false });
  const sheet = wb.addWorksheet(o.lang === "zh" ? "评分结果" : "scores");
  sheet.addRow(headerCells(o)).commit();
  return {
    row(r: RowResult) {
      sheet.addRow(rowCells(r, o, true)).commit();
      return Promise.resolve();
    },
    async end() {
      sheet.commit();
      await wb.commit();
    },
  };
}

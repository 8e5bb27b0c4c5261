/**
 * Streaming XLSX input with exceljs's WorkbookReader: rows of the first
 * worksheet as they are unzipped, never the whole workbook. Cell values are
 * reduced to what the validator reads: numbers (an Excel percentage cell
 * holds the ratio, 0.981 for "98.1%"), text, booleans; formulas give their
 * cached result, rich text its plain text, error cells their code ("#DIV/0!").
 */
import type { Readable } from "node:stream";

export interface SheetRow {
  readonly cells: unknown[];
  /** 1-based row number in the sheet. */
  readonly line: number;
}

export function cellValue(v: unknown): unknown {
  if (v === null || v === undefined) return undefined;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "object") {
    const o = v as { richText?: { text: string }[]; result?: unknown; formula?: string; sharedFormula?: string; text?: unknown; error?: string };
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join("");
    if ("formula" in o || "sharedFormula" in o) return cellValue(o.result);
    if (typeof o.error === "string") return o.error;
    if (o.text !== undefined) return cellValue(o.text);
  }
  return String(v);
}

export async function* readXlsx(input: Readable): AsyncGenerator<SheetRow> {
  // Loaded only for XLSX: exceljs is large, and the other formats do not need it.
  const { default: ExcelJS } = await import("exceljs");
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { sharedStrings: "cache", hyperlinks: "ignore", styles: "ignore", worksheets: "emit", entries: "ignore" });
  // exceljs 4.4 reads `model.sheets` when a worksheet entry is parsed, and `model` exists only once
  // xl/workbook.xml has been read; depending on timing a worksheet can come first and the reader
  // throws "reading 'sheets'". An empty model avoids that (we take the first sheet, whatever its name).
  const r = reader as unknown as { model?: { sheets?: unknown[] } };
  r.model ??= { sheets: [] };
  for await (const sheet of reader) {
    for await (const row of sheet) {
      const values = row.values as unknown[];
      const cells: unknown[] = [];
      for (let i = 1; i < values.length; i++) cells.push(cellValue(values[i]));
      yield { cells, line: row.number };
    }
    // Only the first worksheet holds departments.
    break;
  }
}

/**
 * An annex table as a grid of text cells, whatever file it came from. XLSX is
 * read whole with exceljs (an annex is a few dozen rows, and merged ranges
 * need the whole sheet): a cell covered by a merged range but not its top-left
 * cell is marked `merged`, and carries the range's text. CSV has no merges:
 * an empty cell there stands for "as above", which the annex reader decides.
 */
import { createReadStream } from "node:fs";
import type { Text } from "../runtime/report.js";
import { readCsv } from "../cli/batch/csv-read.js";

export interface GridCell {
  readonly text: string;
  /** Covered by a merged range without being its first cell. */
  readonly merged?: boolean;
}

export interface GridRow {
  /** The sheet row (XLSX) or the file line (CSV) the row starts on, 1-based. */
  readonly row: number;
  readonly cells: readonly GridCell[];
}

export interface Grid {
  /** The worksheet's name (XLSX) or the file's name (CSV). */
  readonly sheet: string;
  readonly kind: "xlsx" | "csv";
  readonly rows: readonly GridRow[];
}

export type GridResult = Grid | { readonly error: Text };

/** Column letters of a 0-based column index: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let s = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export async function readCsvGrid(path: string, name: string): Promise<GridResult> {
  const rows: GridRow[] = [];
  try {
    for await (const rec of readCsv(createReadStream(path))) {
      if (rec.error)
        return {
          error: { zh: `${name} 第 ${rec.line} 行：${rec.error.zh}`, en: `${name} line ${rec.line}: ${rec.error.en}` },
        };
      rows.push({ row: rec.line, cells: rec.cells.map((t) => ({ text: t.trim() })) });
    }
  } catch (e) {
    return {
      error: { zh: `无法读取 ${name}：${(e as Error).message}`, en: `cannot read ${name}: ${(e as Error).message}` },
    };
  }
  return { sheet: name, kind: "csv", rows };
}

interface ExcelCellLike {
  readonly text: string;
  readonly isMerged: boolean;
  readonly master: unknown;
}

export async function readXlsxGrid(path: string, name: string, sheetName?: string): Promise<GridResult> {
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(path);
  } catch {
    return {
      error: {
        zh: `${name} 不是可读的 XLSX 文件（不是 zip，或已损坏）`,
        en: `${name} is not a readable XLSX file (not a zip, or damaged)`,
      },
    };
  }
  const sheets = wb.worksheets.filter((s) => s.state !== "hidden" && s.state !== "veryHidden");
  const ws = sheetName === undefined ? sheets[0] : wb.worksheets.find((s) => s.name === sheetName);
  if (!ws) {
    const names = wb.worksheets.map((s) => s.name).join("、");
    return sheetName === undefined
      ? { error: { zh: `${name} 中没有工作表`, en: `${name} has no worksheet` } }
      : {
          error: {
            zh: `${name} 中没有工作表「${sheetName}」（有：${names}）`,
            en: `${name} has no worksheet '${sheetName}' (it has: ${names})`,
          },
        };
  }
  const rows: GridRow[] = [];
  const width = ws.columnCount;
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: GridCell[] = [];
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c) as unknown as ExcelCellLike;
      const text = (cell.text ?? "").trim();
      cells.push(cell.isMerged && cell.master !== cell ? { text, merged: true } : { text });
    }
    if (cells.some((c) => c.text !== "")) rows.push({ row: r, cells });
  }
  return { sheet: ws.name, kind: "xlsx", rows };
}

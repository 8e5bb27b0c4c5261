/**
 * The 评分表 as an XLSX sheet: a header row, one row per leaf indicator,
 * groups as merged ranges, the total in the last row. 分值 and 得分 are
 * number cells (decimal text only when a double would lose a digit).
 */
import type { Workbook, Worksheet } from "exceljs";
import { numberCell } from "../cli/batch/formats/layout.js";
import { levelText, type Annex } from "./annex.js";
import { colon, headings, words } from "./labels.js";
import { rowHeight } from "./xlsx-row-height.js";

const THIN = { style: "thin" as const, color: { argb: "FF000000" } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
/** Excel allows 31 characters and none of []:*?/\ in a sheet name. */
export const sheetName = (s: string): string => s.replace(/[[\]:*?/\\]/g, " ").slice(0, 31) || "Sheet1";

export function addAnnexSheet(wb: Workbook, a: Annex, name: string): Worksheet {
  const ws = wb.addWorksheet(sheetName(name), {
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    views: [{ state: "frozen", ySplit: 1 }],
  });
  const head = headings(a);
  const L = a.levels;
  const widths = [
    ...Array.from({ length: L }, () => 14),
    7,
    36,
    48,
    ...(a.scored ? [8, 44] : []),
    ...(a.base ? [24] : []),
  ];
  ws.columns = widths.map((width) => ({ width }));
  ws.addRow(head);
  // Merged only once every row is in: merging creates the covered rows, and addRow would then append below them.
  const merges: [number, number, number, number][] = [];
  const pointsCol = L + 1;
  const scoreCol = L + 4;
  for (const r of a.rows) {
    const levels: (string | undefined)[] = Array.from({ length: L }, () => undefined);
    for (const c of r.cells) levels[c.level] = levelText(c, a.lang);
    const cells: (string | number | undefined)[] = [...levels, numberCell(r.points, true), r.note, r.standard];
    if (r.result) cells.push(numberCell(r.result.score, true), r.result.reasons.join("\n") || undefined);
    if (r.changes) cells.push(r.changes.join("\n") || undefined);
    const row = ws.addRow(cells);
    // Group cells span several rows: their text does not set one row's height.
    row.height = rowHeight(
      cells.map((c, i) => (i < L ? undefined : c)),
      widths,
    );
    for (const c of r.cells) {
      const top = row.number;
      const left = c.level + 1;
      const bottom = top + c.rowspan - 1;
      const right = left + c.colspan - 1;
      if (bottom > top || right > left) merges.push([top, left, bottom, right]);
    }
  }
  const w = words(a.lang);
  const total: (string | number | undefined)[] = [w.total, ...Array.from({ length: L - 1 }, () => undefined)];
  total.push(numberCell(a.total.points, true));
  if (a.scored) {
    total.push(a.total.grade ? `${w.grade}${colon(a.lang)}${a.total.grade}` : undefined, undefined);
    total.push(numberCell(a.total.score, true), a.total.lost ? w.lostTotal(a.total.lost) : undefined);
  }
  const totalRow = ws.addRow(total);
  totalRow.height = rowHeight(total, widths);
  for (const [top, left, bottom, right] of merges) ws.mergeCells(top, left, bottom, right);
  if (L > 1) ws.mergeCells(totalRow.number, 1, totalRow.number, L);
  if (a.scored) ws.mergeCells(totalRow.number, L + 2, totalRow.number, L + 3);

  ws.eachRow((row, n) => {
    for (let col = 1; col <= head.length; col++) {
      const cell = row.getCell(col);
      cell.border = BORDER;
      cell.font = { name: "宋体", size: 10, bold: n === 1 || n === totalRow.number };
      const centred = n === 1 || col <= L || col === pointsCol || col === scoreCol;
      cell.alignment = {
        wrapText: true,
        vertical: centred ? "middle" : "top",
        horizontal: centred ? "center" : "left",
      };
    }
  });
  ws.getRow(1).eachCell((cell) => {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFEDEDED" } };
  });
  return ws;
}

export async function annexWorkbook(sheets: readonly { annex: Annex; name: string }[]): Promise<Buffer> {
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.Workbook();
  wb.creator = "rubric";
  for (const s of sheets) addAnnexSheet(wb, s.annex, s.name);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

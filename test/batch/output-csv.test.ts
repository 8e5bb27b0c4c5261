/** Output safety: input text cannot become a spreadsheet formula (CSV, XLSX). */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { csvLine } from "../../src/cli/batch/formats/csv.js";
import { readCsv } from "../../src/cli/batch/csv-read.js";
import { GOOD, SMALL, score } from "./helpers.js";

const tmp = mkdtempSync(join(tmpdir(), "rubric-out-"));
// (Ids are trimmed when read, so a leading tab or CR is tested on csvLine itself.)
const HOSTILE = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(1)", "ok"];

function input(name: string, ids: readonly string[], extra: Record<string, unknown> = {}): string {
  const file = join(tmp, name);
  writeFileSync(file, ids.map((id) => JSON.stringify({ ...GOOD, 其余满分: true, id, ...extra })).join("\n"));
  return file;
}

describe("CSV and XLSX output: no formula injection", () => {
  it("text cells that a spreadsheet would run get a leading quote; numbers stay numbers", async () => {
    const r = await score(SMALL, input("ids.jsonl", HOSTILE), "--format", "csv");
    const rows = [];
    for await (const rec of readCsv([new TextEncoder().encode(r.out)])) rows.push(rec.cells);
    const [head, ...body] = rows;
    const id = head?.indexOf("id") ?? -1;
    const total = head?.indexOf("total") ?? -1;
    expect(body.map((c) => c[id])).toEqual([
      '\'=HYPERLINK("http://x","y")',
      "'+cmd|' /C calc'!A0",
      "'-2+3",
      "'@SUM(1)",
      "ok",
    ]);
    expect(body.every((c) => c[total] === "11.59")).toBe(true);
  });

  it("decides by the value's type: a negative score is a number, negative-looking text is text", () => {
    expect(csvLine(["-1.5", "-1.5", -2, "=1", "\tx", "\rx"], new Set([0]))).toBe("-1.5,'-1.5,-2,'=1,'\tx,\"'\rx\"\r\n");
  });

  it("XLSX cells holding such text are string cells, not formulas", async () => {
    const out = join(tmp, "ids.xlsx");
    const r = await score(SMALL, input("ids2.jsonl", HOSTILE), "-o", out);
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const sheet = wb.worksheets[0];
    const head = (sheet?.getRow(1).values as unknown[]).slice(1);
    const col = head.indexOf("id") + 1;
    const cells = HOSTILE.map((_, i) => sheet?.getRow(i + 2).getCell(col));
    expect(cells.map((c) => c?.value)).toEqual(HOSTILE);
    expect(cells.every((c) => c?.type === ExcelJS.ValueType.String && c.formula === undefined)).toBe(true);
    expect(sheet?.getRow(2).getCell(head.indexOf("total") + 1).type).toBe(ExcelJS.ValueType.Number);
  });
});

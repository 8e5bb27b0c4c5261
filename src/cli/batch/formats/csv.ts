/** CSV output (RFC 4180, CRLF line ends): the header, then one line per department as it is scored. */
import type { TextOut } from "../text-out.js";
import type { RowResult } from "../result.js";
import { headerCells, numericColumns, rowCells, type Cell } from "./layout.js";
import type { Sink, SinkOptions } from "./sink.js";

/**
 * `numeric`: the cell holds a number (a score, a row number), whatever its
 * first character. Any other cell is text, and text that a spreadsheet would
 * take for a formula (starting with =, +, -, @, tab or CR) gets a leading `'`
 * (OWASP's advice against CSV injection), so that `=HYPERLINK(…)` in an id is
 * shown, not run.
 */
export function csvCell(c: Cell, numeric = false): string {
  if (c === undefined) return "";
  let s = String(c);
  if (!numeric && typeof c !== "number" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(cells: readonly Cell[], numeric: ReadonlySet<number> = new Set()): string {
  return `${cells.map((c, i) => csvCell(c, numeric.has(i))).join(",")}\r\n`;
}

/** `bom`: start with a UTF-8 byte-order mark, so that Excel reads Chinese text right (files, not pipes). */
export function csvSink(out: TextOut, o: SinkOptions, bom: boolean): Sink {
  const numeric = numericColumns(o);
  let started = false;
  const start = async (): Promise<void> => {
    if (started) return;
    started = true;
    await out.write(`${bom ? "\ufeff" : ""}${csvLine(headerCells(o))}`);
  };
  return {
    async row(r: RowResult) {
      await start();
      await out.write(csvLine(rowCells(r, o, false), numeric));
    },
    async rowText(text: string) {
      await start();
      await out.write(text);
    },
    async end() {
      await start();
      await out.close();
    },
  };
}

/** CSV output (RFC 4180, CRLF line ends): the header, then one line per department as it is scored. */
import type { TextOut } from "../out.js";
import type { RowResult } from "../result.js";
import { headerCells, rowCells, type Cell } from "./layout.js";
import type { Sink, SinkOptions } from "./sink.js";

export function csvCell(c: Cell): string {
  if (c === undefined) return "";
  const s = String(c);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(cells: readonly Cell[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

/** `bom`: start with a UTF-8 byte-order mark, so that Excel reads Chinese text right (files, not pipes). */
export function csvSink(out: TextOut, o: SinkOptions, bom: boolean): Sink {
  let started = false;
  const start = async (): Promise<void> => {
    if (started) return;
    started = true;
    await out.write(`${bom ? "\ufeff" : ""}${csvLine(headerCells(o))}`);
  };
  return {
    async row(r: RowResult) {
      await start();
      await out.write(csvLine(rowCells(r, o, false)));
    },
    async end() {
      await start();
      await out.close();
    },
  };
}

/** The columns shared by the CSV and XLSX outputs: one row per department, one column per indicator. */
import { errorTexts, failed, indicatorMap, traceLines, type RowResult } from "../result.js";
import type { SinkOptions } from "./sink.js";

export type Cell = string | number | undefined;

export function headerCells(o: SinkOptions): string[] {
  const fixed =
    o.lang === "zh"
      ? ["行", "文件行", "编号", "评分表", "总分", "等级", "状态", "错误"]
      : ["row", "line", "id", "rubric", "total", "grade", "status", "errors"];
  const traces = o.explain ? o.indicators.map((p) => (o.lang === "zh" ? `${p} 计算过程` : `${p} trace`)) : [];
  return [...fixed, ...o.indicators, ...traces];
}

/** The columns of rowCells that hold numbers (row, line, total, the scores): their values are ours, never input text. */
export function numericColumns(o: SinkOptions): Set<number> {
  const out = new Set([0, 1, 4]);
  for (let i = 0; i < o.indicators.length; i++) out.add(8 + i);
  return out;
}

/** A decimal score as a number cell when that loses nothing, else as text. */
export function numberCell(s: string | null | undefined, asNumber: boolean): Cell {
  if (s === null || s === undefined) return undefined;
  if (!asNumber) return s;
  const m = /^-?(\d+)(?:\.(\d+))?$/.exec(s);
  // Up to 15 significant digits survive a double exactly (as their shortest decimal text).
  if (asNumber && m && `${(m[1] ?? "").replace(/^0+/, "")}${m[2] ?? ""}`.length <= 15) return Number(s);
  return s;
}

export function rowCells(r: RowResult, o: SinkOptions, asNumber: boolean): Cell[] {
  const nodes = indicatorMap(r.report);
  const ok = !failed(r);
  const status = ok ? "ok" : o.lang === "zh" ? "失败" : "failed";
  const fixed: Cell[] = [
    r.row,
    r.line,
    r.id,
    r.rubric,
    numberCell(r.report?.total, asNumber),
    r.report?.grade ?? undefined,
    status,
    errorTexts(r)
      .map((t) => t[o.lang])
      .join("; ") || undefined,
  ];
  const scores = o.indicators.map((p) => numberCell(nodes.get(p)?.score, asNumber));
  const traces = o.explain
    ? o.indicators.map((p) => {
        const n = nodes.get(p);
        return n ? traceLines(n, o.lang).join("\n") : undefined;
      })
    : [];
  return [...fixed, ...scores, ...traces];
}

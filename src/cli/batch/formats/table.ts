/**
 * The terminal table: one line per department (row, id, total, grade); with
 * --explain, every indicator's score under it and its trace lines. Printed as
 * rows are scored, so the columns have fixed widths (wide characters count two).
 */
import type { TextOut } from "../out.js";
import { colors } from "../../render.js";
import { displayWidth } from "../../render.js";
import { failed, indicatorNodes, traceLines, type RowResult } from "../result.js";
import type { Sink, SinkOptions } from "./sink.js";
import { visible } from "../visible.js";

const padEnd = (s: string, w: number): string => s + " ".repeat(Math.max(0, w - displayWidth(s)));
const padStart = (s: string, w: number): string => " ".repeat(Math.max(0, w - displayWidth(s))) + s;

const ID_WIDTH = 26;
const RUBRIC_WIDTH = 30;

export function tableSink(out: TextOut, o: SinkOptions): Sink {
  const c = colors(o.color);
  const zh = o.lang === "zh";
  let started = false;
  const line = (row: string, id: string, rubric: string, total: string, grade: string, tail = ""): string =>
    `${padStart(row, 6)}  ${padEnd(id, ID_WIDTH)}  ${o.showRubric ? `${padEnd(rubric, RUBRIC_WIDTH)}  ` : ""}${padStart(total, 7)}  ${padEnd(grade, 4)}${tail}`.trimEnd();
  return {
    async row(r: RowResult) {
      if (!started) {
        started = true;
        await out.write(
          `${c.bold(line(zh ? "行" : "row", zh ? "编号" : "id", zh ? "评分表" : "rubric", zh ? "总分" : "total", zh ? "等级" : "grade"))}\n`,
        );
      }
      const bad = failed(r);
      const n = r.errors.length + (r.report?.errors.length ?? 0);
      const tail = bad ? `  ${c.red(zh ? `✗ ${n} 个错误` : `✗ ${n} error${n === 1 ? "" : "s"}`)}` : "";
      const lines = [
        line(
          String(r.row),
          visible(r.id ?? ""),
          visible(r.rubric ?? ""),
          r.report?.total ?? "—",
          visible(r.report?.grade ?? "—"),
          tail,
        ),
      ];
      if (o.explain && r.report) {
        for (const ind of indicatorNodes(r.report.tree)) {
          lines.push(`        ${visible(ind.path.join("."))}  ${c.bold(ind.score ?? "—")} / ${ind.points}`);
          for (const t of traceLines(ind, o.lang)) lines.push(c.dim(`            ${visible(t)}`));
        }
        lines.push("");
      }
      await out.write(`${lines.join("\n")}\n`);
    },
    async end() {
      await out.close();
    },
  };
}

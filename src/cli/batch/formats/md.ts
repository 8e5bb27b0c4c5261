/**
 * Markdown: a table with one line per department; with --explain, one
 * section per department with a table of its indicators and their traces.
 */
import type { TextOut } from "../out.js";
import { errorTexts, indicatorNodes, traceLines, type RowResult } from "../result.js";
import type { Sink, SinkOptions } from "./sink.js";
import { visible } from "../visible.js";

const HTML: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

/**
 * A table cell: HTML is escaped (input text such as `<img onerror=…>` must not
 * become markup), `|`, `\\`, `[`, `]` and backquotes are escaped (no links, images or code), line breaks (CRLF, LF or a lone CR)
 * become <br>, other control characters are shown as escapes.
 */
export const mdCell = (s: string | number | null | undefined): string =>
  s === null || s === undefined
    ? ""
    : visible(
        String(s)
          .replace(/[&<>"]/g, (ch) => HTML[ch] ?? ch)
          .replace(/\\/g, "\\\\")
          .replace(/[|[\]`]/g, "\\$&")
          .replace(/\r\n|\r|\n/g, "<br>"),
      );

export function mdSink(out: TextOut, o: SinkOptions): Sink {
  const zh = o.lang === "zh";
  let started = false;
  const errors = (r: RowResult): string =>
    errorTexts(r)
      .map((t) => t[o.lang])
      .join("; ");
  return {
    async row(r: RowResult) {
      if (o.explain) {
        const title = [r.row, r.id, r.rubric].filter((x) => x !== undefined).join(" · ");
        const lines = [`### ${mdCell(title)} — ${r.report?.total ?? "—"} ${r.report?.grade ?? ""}`.trimEnd(), ""];
        const e = errors(r);
        if (e) lines.push(`> ${mdCell(e)}`, "");
        const cap = r.report?.gradeCap;
        if (cap) lines.push(`> ${zh ? "等级上限" : "grade cap"}: ${mdCell(cap.because[o.lang])}`, "");
        if (r.report) {
          lines.push(
            zh ? "| 指标 | 分值 | 得分 | 计算过程 |" : "| indicator | points | score | trace |",
            "|---|---:|---:|---|",
          );
          for (const ind of indicatorNodes(r.report.tree))
            lines.push(
              `| ${mdCell(ind.path.join("."))} | ${ind.points} | ${ind.score ?? "—"} | ${mdCell(traceLines(ind, o.lang).join("\n"))} |`,
            );
          lines.push("");
        }
        await out.write(`${lines.join("\n")}\n`);
        return;
      }
      if (!started) {
        started = true;
        const head = zh
          ? ["行", "编号", ...(o.showRubric ? ["评分表"] : []), "总分", "等级", "错误"]
          : ["row", "id", ...(o.showRubric ? ["rubric"] : []), "total", "grade", "errors"];
        await out.write(
          `| ${head.join(" | ")} |\n|${head.map((h) => (h === "总分" || h === "total" ? "---:" : "---")).join("|")}|\n`,
        );
      }
      const cells = [
        r.row,
        r.id,
        ...(o.showRubric ? [r.rubric] : []),
        r.report?.total ?? "—",
        r.report?.grade ?? "—",
        errors(r),
      ];
      await out.write(`| ${cells.map(mdCell).join(" | ")} |\n`);
    },
    async end() {
      await out.close();
    },
  };
}

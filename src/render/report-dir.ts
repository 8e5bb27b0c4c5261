/**
 * `rubric score … --report-dir DIR`: beside the usual output, each scored
 * department gets its score report as one HTML file and one XLSX workbook,
 * and the batch an index page (src/render/index-page.ts). Files are written
 * as rows come; only what the index needs is kept in memory.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { CheckedRubric } from "../compiler/program.js";
import type { Sink } from "../cli/batch/formats/sink.js";
import { errorTexts, failed, type RowResult } from "../cli/batch/result.js";
import { buildAnnex } from "./annex.js";
import { annexHtml } from "./html.js";
import { annexWorkbook } from "./xlsx.js";
import { indexHtml, recordLosses, type BatchIndex } from "./index-page.js";
import type { Lang } from "./reasons.js";

export interface ReportDirOptions {
  readonly lang: Lang;
  /** The rubric a row was scored by, from its key ("name year"). */
  readonly rubricFor: (key: string) => CheckedRubric | undefined;
}

/** A file name from a department's id: no path separators, control or reserved characters, at most 60 characters. */
export function safeName(s: string): string {
  const clean = s
    .replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, "_")
    .replace(/^\.+/, "_")
    .trim();
  return [...clean].slice(0, 60).join("") || "_";
}

export function departmentLabel(r: RowResult, lang: Lang): string {
  return r.id ?? (lang === "zh" ? `第 ${r.row} 行` : `row ${r.row}`);
}

export function reportDirSink(inner: Sink, dir: string, o: ReportDirOptions): Sink {
  const index: BatchIndex = { lang: o.lang, departments: [], losses: new Map() };
  let made = false;
  return {
    async row(r: RowResult) {
      await inner.row(r);
      if (!made) {
        mkdirSync(dir, { recursive: true });
        made = true;
      }
      const label = departmentLabel(r, o.lang);
      const rubric = r.rubric !== undefined ? o.rubricFor(r.rubric) : undefined;
      if (failed(r) || !r.report || !rubric) {
        const why = errorTexts(r).map((t) => t[o.lang]);
        index.departments.push({ row: r.row, label, ...(r.rubric ? { rubric: r.rubric } : {}), errors: why });
        return;
      }
      const base = `${String(r.row).padStart(4, "0")}-${safeName(label)}`;
      const annex = buildAnnex(rubric.model, { lang: o.lang, report: r.report });
      writeFileSync(join(dir, `${base}.html`), await annexHtml(annex, { subject: label, indexHref: "index.html" }));
      writeFileSync(join(dir, `${base}.xlsx`), await annexWorkbook([{ annex, name: label }]));
      index.departments.push({
        row: r.row,
        label,
        rubric: r.rubric ?? "",
        total: r.report.total,
        maxTotal: r.report.maxTotal,
        grade: r.report.grade,
        lost: annex.total.lost ?? null,
        html: `${base}.html`,
        xlsx: `${base}.xlsx`,
        grades: rubric.model.grades.map((g) => g.name),
        errors: [],
      });
      recordLosses(index, annex.rows, r.rubric ?? "");
    },
    async end() {
      await inner.end();
      if (!made) mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, "index.html"), await indexHtml(index));
    },
  };
}

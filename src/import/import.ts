/**
 * `rubric import`: an annex table (XLSX or CSV) → a formatted `.rubric`
 * skeleton, checked by the compiler like any rubric.
 */
import { statSync } from "node:fs";
import { basename, extname } from "node:path";
import { analyzeProgram } from "../compiler/program.js";
import type { Diagnostic } from "../compiler/diagnostics/diagnostic.js";
import { formatRubric } from "../format/format.js";
import type { Text } from "../runtime/report.js";
import { readAnnex, place, type Annex } from "./annex.js";
import { checkSums, emitRubric } from "./emit.js";
import { identifier } from "./patterns.js";
import { readCsvGrid, readXlsxGrid, type Grid } from "./table.js";

export interface ImportOptions {
  readonly sheet?: string;
  /** The rubric's name; default: the file's name without year and extension. */
  readonly name?: string;
  readonly year?: number;
}

export interface Imported {
  readonly annex: Annex;
  /** The formatted rubric text. */
  readonly text: string;
  /** Broken sums, by sheet row. */
  readonly sums: readonly Text[];
  /** What the checker says about the text (as if it were a file named `file`). */
  readonly diagnostics: readonly Diagnostic[];
  readonly recognised: readonly { readonly indicator: string; readonly patterns: readonly string[] }[];
}

export async function readGrid(path: string, sheet?: string): Promise<Grid | { error: Text }> {
  const ext = extname(path).toLowerCase();
  const name = basename(path);
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) return { error: { zh: `找不到文件：${path}`, en: `no such file: ${path}` } };
  if (st.isDirectory())
    return { error: { zh: `${path} 是目录，不是附件文件`, en: `${path} is a directory, not an annex file` } };
  if (ext === ".xlsx") return readXlsxGrid(path, name, sheet);
  if (ext === ".csv") return readCsvGrid(path, name);
  return {
    error: {
      zh: `无法识别附件的格式：${name}（应为 .xlsx 或 .csv）`,
      en: `cannot tell the annex's format from its name: ${name} (expected .xlsx or .csv)`,
    },
  };
}

export async function importAnnex(
  path: string,
  o: ImportOptions = {},
  file = "imported.rubric",
): Promise<Imported | { error: Text }> {
  const grid = await readGrid(path, o.sheet);
  if ("error" in grid) return grid;
  const annex = readAnnex(grid);
  if ("error" in annex) return annex;
  const stem = basename(path, extname(path));
  const year = o.year ?? Number(/(?:19|20)\d\d/.exec(stem)?.[0] ?? NaN);
  const name = identifier(o.name ?? stem.replace(/[-_ ]?(?:19|20)\d\d[-_ ]?/, ""), "导入的评分表");
  const sums = checkSums(annex, (row) => place(grid, row, 0));
  const emitted = emitRubric(annex, { name, ...(Number.isFinite(year) ? { year } : {}), source: basename(path) }, sums);
  const text = await formatRubric(emitted.text, { file });
  const program = analyzeProgram([{ file, text }]);
  return { annex, text, sums, diagnostics: program.diagnostics, recognised: emitted.recognised };
}

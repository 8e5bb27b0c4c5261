/**
 * Departments from rows under a header (CSV, XLSX) or JSON items, one at a
 * time and in order. Nothing here touches the file system, so the browser
 * playground reads a dropped CSV or XLSX file with the same code as `rubric score`.
 */
import type { Text } from "../../runtime/report.js";
import { ColumnCache, type Column } from "./columns.js";
import { readCsv } from "./csv-read.js";
import { readJsonDocument, readJsonLines, type JsonItem } from "./json-read.js";
import { readXlsx } from "./xlsx-read.js";
import type { ZipSource } from "./zip-read.js";
import {
  flatRow,
  flatRowOfCells,
  isStructured,
  rowLayout,
  type RowLayout,
  structuredRow,
  type RowInput,
} from "./row-input.js";

export type InputFormat = "csv" | "xlsx" | "json" | "jsonl";

export interface SourceRecord {
  /** 1-based data row (the header is not counted). */
  readonly row: number;
  /** Where the record starts: a file line (CSV, JSON) or a sheet row (XLSX). */
  readonly line?: number;
  /** True for a JSON document that is a single object. */
  readonly single?: boolean;
  readonly input?: RowInput;
  /** Why the record could not be read at all. */
  readonly error?: Text;
  /** A problem with the file, not with a department (no row is counted for it). */
  readonly fileError?: Text;
  /** With fileError: reading stopped there, the rest of the file was not read. */
  readonly stopped?: boolean;
}

export function formatOf(path: string): InputFormat | undefined {
  const ext = /\.([a-z]+)$/i.exec(path)?.[1]?.toLowerCase();
  if (ext === "csv") return "csv";
  if (ext === "xlsx") return "xlsx";
  if (ext === "json") return "json";
  if (ext === "jsonl" || ext === "ndjson") return "jsonl";
  return undefined;
}

export interface HeaderProblem {
  readonly line: number;
  readonly message: Text;
}

/** Maps a header row to columns, reporting unknown, duplicate and unnamed columns once. */
function headerColumns(
  cells: readonly unknown[],
  cache: ColumnCache,
  opts: RecordOptions,
  line: number,
  problems: HeaderProblem[],
): (Column | undefined)[] {
  const seen = new Set<string>();
  return cells.map((c) => {
    const h = cellText(c).trim();
    const col = cache.get(h);
    if (col.kind === "ignore") return undefined;
    if (seen.has(h)) {
      problems.push({
        line,
        message: { zh: `列「${h}」重复，只用第一列`, en: `column '${h}' appears twice; the first is used` },
      });
      return undefined;
    }
    seen.add(h);
    if (col.kind === "value" && !opts.isInput(col.key)) {
      problems.push({ line, message: unknownColumn(h, opts.suggest(col.key)) });
      return undefined;
    }
    return col;
  });
}

function unknownColumn(h: string, s: string | undefined): Text {
  const tail = s ? { zh: `；是否应为「${s}」？`, en: `; did you mean '${s}'?` } : { zh: "", en: "" };
  return {
    zh: `未知的列「${h}」，已忽略${tail.zh}（不需要的列请以 # 开头）`,
    en: `unknown column '${h}', ignored${tail.en} (start a column's name with # to ignore it)`,
  };
}

export interface RecordOptions {
  /** True for an input name or alias of any rubric that may score the rows. */
  readonly isInput: (key: string) => boolean;
  readonly suggest: (key: string) => string | undefined;
  /** Header problems are reported here as they are found. */
  readonly onHeaderProblem: (p: HeaderProblem) => void;
  /** The input file (XLSX is read from the file itself, not the stream). */
  readonly path?: string;
  /** XLSX: the worksheet to read (default: the first tab). */
  readonly sheet?: string;
}

type TabularRow =
  { cells: readonly unknown[]; line: number; error?: Text } | { fileError: Text; line?: number; stopped?: boolean };

export async function* tabular(
  rows: AsyncIterable<TabularRow>,
  opts: RecordOptions,
  cache: ColumnCache,
  empty: Text,
): AsyncGenerator<SourceRecord> {
  let columns: (Column | undefined)[] | undefined;
  let headers: string[] = [];
  let layout: RowLayout | undefined;
  let row = 0;
  let fileError = false;
  for await (const r of rows) {
    if ("fileError" in r) {
      fileError = true;
      yield {
        row,
        ...(r.line !== undefined ? { line: r.line } : {}),
        fileError: r.fileError,
        ...(r.stopped ? { stopped: true } : {}),
      };
      if (r.stopped) return;
      continue;
    }
    if (!columns || !layout) {
      // Blank rows above the header (a sheet's empty first rows) are not the header.
      if (!r.error && r.cells.every((c) => c === undefined || c === null || c === "")) continue;
      if (r.error) {
        // Without a header no row can be read.
        yield { row, line: r.line, fileError: r.error, stopped: true };
        return;
      }
      const problems: HeaderProblem[] = [];
      columns = headerColumns(r.cells, cache, opts, r.line, problems);
      headers = r.cells.map(cellText);
      layout = rowLayout(columns, headers);
      problems.forEach(opts.onHeaderProblem);
      continue;
    }
    if (!r.error && r.cells.every((c) => c === undefined || c === null || c === "")) continue;
    row++;
    if (r.error) {
      yield { row, line: r.line, error: r.error };
      continue;
    }
    const extra =
      r.cells.length > columns.length && r.cells.slice(columns.length).some((c) => cellText(c).trim() !== "");
    if (extra) {
      yield {
        row,
        line: r.line,
        error: {
          zh: `本行有 ${r.cells.length} 个单元格，多于表头的 ${columns.length} 列`,
          en: `the row has ${r.cells.length} cells, more than the header's ${columns.length} columns`,
        },
      };
      continue;
    }
    yield { row, line: r.line, input: flatRowOfCells(layout, r.cells) };
  }
  if (!columns && !fileError) yield { row: 0, fileError: empty };
}

async function* json(items: AsyncIterable<JsonItem>, cache: ColumnCache): AsyncGenerator<SourceRecord> {
  let row = 0;
  for await (const it of items) {
    if ("fileError" in it) {
      yield { row, line: it.line, fileError: it.fileError, ...(it.stopped ? { stopped: true } : {}) };
      continue;
    }
    row++;
    if ("error" in it) {
      yield { row, line: it.line, error: it.error };
      continue;
    }
    const v = it.value;
    const single = "single" in it && it.single ? { single: true } : {};
    if (typeof v !== "object" || v === null || Array.isArray(v)) {
      yield {
        row,
        line: it.line,
        ...single,
        error: { zh: "每个部门应为一个 JSON 对象", en: "each department must be a JSON object" },
      };
      continue;
    }
    const o = v as Record<string, unknown>;
    const input = isStructured(o)
      ? structuredRow(o)
      : flatRow(Object.entries(o).map(([k, x]) => [cache.get(k), k, x] as const));
    yield { row, line: it.line, ...single, input };
  }
}

/** The departments of a CSV, JSON or JSON Lines byte stream. */
export function readTextRecords(
  source: AsyncIterable<Uint8Array>,
  format: Exclude<InputFormat, "xlsx">,
  opts: RecordOptions,
): AsyncGenerator<SourceRecord> {
  const cache = new ColumnCache(opts.isInput);
  switch (format) {
    case "csv":
      return tabular(readCsv(source), opts, cache, EMPTY_CSV);
    case "json":
      return json(readJsonDocument(source), cache);
    case "jsonl":
      return json(readJsonLines(source), cache);
  }
}

/** The departments of an XLSX workbook's worksheet (`sheet`, else the first visible tab). */
export function readXlsxRecords(zip: ZipSource, opts: RecordOptions): AsyncGenerator<SourceRecord> {
  return tabular(
    readXlsx(zip, opts.sheet !== undefined ? { sheet: opts.sheet } : {}),
    opts,
    new ColumnCache(opts.isInput),
    { zh: "工作表是空的（没有表头行）", en: "the worksheet is empty (no header row)" },
  );
}

const EMPTY_CSV: Text = { zh: "文件是空的（没有表头行）", en: "the file is empty (no header row)" };

/** A cell as text: readers give strings, numbers, booleans or nothing; anything else is shown as JSON, not "[object Object]". */
function cellText(c: unknown): string {
  if (typeof c === "string") return c;
  if (c === undefined || c === null) return "";
  if (typeof c === "number" || typeof c === "boolean" || typeof c === "bigint") return String(c);
  return JSON.stringify(c) ?? "";
}

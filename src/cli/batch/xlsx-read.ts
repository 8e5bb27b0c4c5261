/**
 * Streaming XLSX input, read straight from the zip (zip-read.ts) with a small
 * XML scanner (xml-scan.ts): rows of one worksheet as they are inflated,
 * never the whole workbook.
 *
 * Which worksheet: `--sheet NAME`, else the first tab in workbook.xml order
 * (hidden sheets skipped) — not the first sheet stored in the zip.
 * Cell values are reduced to what the validator reads: numbers (an Excel
 * percentage cell holds the ratio, 0.981 for "98.1%"), text, booleans;
 * formulas give their cached result, rich text its plain text (phonetic
 * guides left out), error cells their code ("#DIV/0!"). A number in a
 * date or time format is a date: ISO text ("2023-01-01"), so a text field
 * gets the date and a number field reports a wrong type, never a serial
 * number like 44927.
 *
 * Caps, each a named error: a cell holds at most 32,767 characters (Excel's
 * own limit; the row fails); the shared strings hold at most 64 Mi characters
 * in all, and workbook.xml, its relationships and styles.xml at most 16 MiB
 * (reading stops). Any other problem (not a zip, a damaged entry) stops
 * reading with a bilingual message, never a library's raw text.
 */
import type { Text } from "../../runtime/report.js";
import { XmlError, XmlScanner, type XmlHandler } from "./xml-scan.js";
import { ZipError, zipEntries, zipEntryBytes, type ZipEntry, type ZipSource } from "./zip-read.js";

export interface SheetRow {
  readonly cells: unknown[];
  /** 1-based row number in the sheet. */
  readonly line: number;
  readonly error?: Text;
}

export type XlsxItem = SheetRow | { readonly fileError: Text; readonly line?: number; readonly stopped?: boolean };

export interface XlsxOptions {
  /** The worksheet to read, by its tab name (default: the first tab). */
  readonly sheet?: string;
}

/** Excel's own limit on the characters of one cell. */
export const MAX_CELL_CHARS = 32_767;
/** All shared strings together (64 Mi characters). */
export const MAX_SHARED_CHARS = 64 * 1024 * 1024;
const MAX_PART_BYTES = 16 * 1024 * 1024;
const MAX_ENTRY_BYTES = 0xffffffff;

class XlsxError extends Error {
  constructor(readonly text: Text) {
    super(text.en);
  }
}

async function* entryText(zip: ZipSource, e: ZipEntry, cap: number, what: Text): AsyncGenerator<string> {
  const d = new TextDecoder("utf-8");
  for await (const b of zipEntryBytes(zip, e, cap, what)) yield d.decode(b, { stream: true });
  yield d.decode();
}

async function scanEntry(
  zip: ZipSource,
  e: ZipEntry | undefined,
  cap: number,
  what: Text,
  h: XmlHandler,
): Promise<void> {
  if (!e) return;
  const x = new XmlScanner(h);
  for await (const t of entryText(zip, e, cap, what)) x.push(t);
}

interface Workbook {
  readonly sheets: { name: string; rid: string; hidden: boolean }[];
  readonly date1904: boolean;
}

async function readWorkbook(zip: ZipSource, entries: Map<string, ZipEntry>): Promise<Workbook> {
  const wb: Workbook = { sheets: [], date1904: false };
  let date1904 = false;
  await scanEntry(
    zip,
    entries.get("xl/workbook.xml"),
    MAX_PART_BYTES,
    { zh: "workbook.xml ", en: "workbook.xml" },
    {
      open(name, a) {
        if (name === "sheet")
          wb.sheets.push({
            name: a["name"] ?? "",
            rid: a["id"] ?? "",
            hidden: a["state"] === "hidden" || a["state"] === "veryHidden",
          });
        if (name === "workbookPr") date1904 = a["date1904"] === "1" || a["date1904"] === "true";
      },
      close() {},
      text() {},
    },
  );
  return { ...wb, date1904 };
}

async function readRels(zip: ZipSource, entries: Map<string, ZipEntry>): Promise<Map<string, string>> {
  const rels = new Map<string, string>();
  await scanEntry(
    zip,
    entries.get("xl/_rels/workbook.xml.rels"),
    MAX_PART_BYTES,
    { zh: "workbook.xml.rels ", en: "workbook.xml.rels" },
    {
      open(name, a) {
        const t = a["Target"];
        if (name === "Relationship" && a["Id"] && t)
          rels.set(a["Id"], t.startsWith("/") ? t.slice(1) : `xl/${t.replace(/^\.\//, "")}`);
      },
      close() {},
      text() {},
    },
  );
  return rels;
}

// Built-in number formats that are dates or times (including the East Asian ones).
const DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56,
  57, 58,
]);

export function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\\.|\[[^\]]*\]|_.|\*./g, "");
  return /[ymdhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

/** For each cell style index: does it show numbers as dates? */
async function readDateStyles(zip: ZipSource, entries: Map<string, ZipEntry>): Promise<boolean[]> {
  const custom = new Map<number, string>();
  const xfs: number[] = [];
  let inCellXfs = false;
  await scanEntry(
    zip,
    entries.get("xl/styles.xml"),
    MAX_PART_BYTES,
    { zh: "styles.xml ", en: "styles.xml" },
    {
      open(name, a) {
        if (name === "numFmt") custom.set(Number(a["numFmtId"]), a["formatCode"] ?? "");
        else if (name === "cellXfs") inCellXfs = true;
        else if (name === "xf" && inCellXfs) xfs.push(Number(a["numFmtId"] ?? 0));
      },
      close(name) {
        if (name === "cellXfs") inCellXfs = false;
      },
      text() {},
    },
  );
  return xfs.map((id) => {
    const code = custom.get(id);
    return code !== undefined ? isDateFormat(code) : DATE_FORMATS.has(id);
  });
}

const TOO_LONG = Symbol("too long");
type Shared = string | typeof TOO_LONG;

/** Collects the text of <t> elements (not those of phonetic guides) up to MAX_CELL_CHARS. */
class TextCollector {
  parts: string[] = [];
  size = 0;
  inT = false;
  inPhonetic = false;
  add(s: string): void {
    if (!this.inT || this.inPhonetic || this.size > MAX_CELL_CHARS) return;
    this.size += s.length;
    if (this.size <= MAX_CELL_CHARS) this.parts.push(s);
  }
  take(): Shared {
    const v: Shared = this.size > MAX_CELL_CHARS ? TOO_LONG : this.parts.join("");
    this.parts = [];
    this.size = 0;
    return v;
  }
}

async function readSharedStrings(zip: ZipSource, entries: Map<string, ZipEntry>): Promise<Shared[]> {
  const out: Shared[] = [];
  const t = new TextCollector();
  let total = 0;
  await scanEntry(
    zip,
    entries.get("xl/sharedStrings.xml"),
    MAX_ENTRY_BYTES,
    { zh: "共享字符串", en: "the shared strings" },
    {
      open(name) {
        if (name === "t") t.inT = true;
        else if (name === "rPh") t.inPhonetic = true;
      },
      close(name) {
        if (name === "t") t.inT = false;
        else if (name === "rPh") t.inPhonetic = false;
        else if (name === "si") {
          const s = t.take();
          total += s === TOO_LONG ? MAX_CELL_CHARS : s.length;
          if (total > MAX_SHARED_CHARS)
            throw new XlsxError({
              zh: `XLSX 文件的共享字符串总计超过 ${MAX_SHARED_CHARS / 1024 / 1024} Mi 个字符的上限（请另存为 CSV）`,
              en: `the XLSX file's shared strings exceed the limit of ${MAX_SHARED_CHARS / 1024 / 1024} Mi characters in all (save it as CSV instead)`,
            });
          out.push(s);
        }
      },
      text(s) {
        t.add(s);
      },
    },
  );
  return out;
}

function columnIndex(ref: string | undefined, previous: number): number {
  const m = ref ? /^([A-Za-z]{1,3})/.exec(ref) : null;
  if (!m) return previous + 1;
  let n = 0;
  for (const ch of (m[1] as string).toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** An Excel serial date as ISO text ("2023-01-01", with the time when it has one). */
export function serialDate(serial: number, date1904: boolean): string {
  const DAY = 86_400_000;
  // The 1900 system counts a 29 February 1900 that never was: serials from 61 on are one day ahead.
  const base = date1904 ? Date.UTC(1904, 0, 1) : serial < 61 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  const ms = base + Math.round(serial * 86_400) * 1000;
  const iso = new Date(ms).toISOString();
  return ms % DAY === 0 ? iso.slice(0, 10) : iso.slice(0, 19);
}

const cellTooLong = (ref: string): Text => ({
  zh: `单元格 ${ref} 超过 ${MAX_CELL_CHARS} 个字符（Excel 的上限）`,
  en: `cell ${ref} holds more than ${MAX_CELL_CHARS} characters (Excel's own limit)`,
});

const cellName = (col: number, row: number): string => {
  let s = "";
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return `${s}${row}`;
};

export async function* readXlsx(zip: ZipSource, opts: XlsxOptions = {}): AsyncGenerator<XlsxItem> {
  try {
    yield* rows(zip, opts);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException)?.code;
    const text: Text =
      e instanceof ZipError || e instanceof XmlError || e instanceof XlsxError
        ? e.text
        : typeof code === "string"
          ? { zh: `无法打开 XLSX 文件（${code}）`, en: `cannot open the XLSX file (${code})` }
          : {
              zh: "无法读取 XLSX 文件（文件已损坏或不是工作簿）",
              en: "the XLSX file cannot be read (it is damaged or not a workbook)",
            };
    yield { fileError: text, stopped: true };
  }
}

async function* rows(zip: ZipSource, opts: XlsxOptions): AsyncGenerator<XlsxItem> {
  const entries = await zipEntries(zip);
  if (!entries.has("xl/workbook.xml"))
    throw new XlsxError({
      zh: "不是 XLSX 工作簿（缺少 xl/workbook.xml）",
      en: "not an XLSX workbook (xl/workbook.xml is missing)",
    });
  const wb = await readWorkbook(zip, entries);
  const rels = await readRels(zip, entries);
  const names = wb.sheets.map((s) => s.name);
  const sheet =
    opts.sheet !== undefined
      ? (wb.sheets.find((s) => s.name === opts.sheet) ??
        wb.sheets.find((s) => s.name.trim().toLowerCase() === opts.sheet?.trim().toLowerCase()))
      : (wb.sheets.find((s) => !s.hidden) ?? wb.sheets[0]);
  if (!sheet) {
    throw new XlsxError(
      opts.sheet !== undefined
        ? {
            zh: `没有名为「${opts.sheet}」的工作表（共有：${names.join("、")}）`,
            en: `no worksheet named '${opts.sheet}' (the workbook has: ${names.join(", ")})`,
          }
        : { zh: "工作簿中没有工作表", en: "the workbook has no worksheet" },
    );
  }
  const target = rels.get(sheet.rid);
  const entry = target ? entries.get(target) : undefined;
  if (!entry)
    throw new XlsxError({
      zh: `工作表「${sheet.name}」的数据缺失，文件可能已损坏`,
      en: `the data of worksheet '${sheet.name}' is missing; the file may be damaged`,
    });
  const dates = await readDateStyles(zip, entries);
  const shared = await readSharedStrings(zip, entries);

  const ready: SheetRow[] = [];
  let rowNo = 0;
  let cells: unknown[] = [];
  let rowError: Text | undefined;
  let col = -1;
  let cell: { t: string; s: number; ref: string } | undefined;
  let inV = false;
  const v = new TextCollector();
  const inline = new TextCollector();
  let seenValue = false;
  const finishCell = (): void => {
    if (!cell) return;
    const c = cell;
    cell = undefined;
    const vRaw = v.take();
    const iRaw = inline.take();
    const raw = c.t === "inlineStr" ? iRaw : vRaw;
    if (raw === TOO_LONG) {
      rowError ??= cellTooLong(c.ref);
      return;
    }
    let value: unknown;
    switch (c.t) {
      case "s": {
        const s = shared[Number(raw)];
        if (s === TOO_LONG) rowError ??= cellTooLong(c.ref);
        else if (s === undefined)
          rowError ??= {
            zh: `单元格 ${c.ref} 引用的共享字符串不存在，文件可能已损坏`,
            en: `cell ${c.ref} refers to a shared string that does not exist; the file may be damaged`,
          };
        value = typeof s === "string" ? s : undefined;
        break;
      }
      case "inlineStr":
      case "str":
      case "e":
        value = raw;
        break;
      case "d":
        value = raw.replace(/T00:00:00(\.000)?Z?$/, "");
        break;
      case "b":
        value = raw === "1" || raw === "true";
        break;
      default: {
        if (raw.trim() === "") value = undefined;
        else {
          const n = Number(raw);
          value = !Number.isFinite(n) ? raw : dates[c.s] ? serialDate(n, wb.date1904) : n;
        }
      }
    }
    if (value !== undefined && value !== "") {
      cells[col] = value;
      seenValue = true;
    }
  };
  const scanner = new XmlScanner({
    open(name, a) {
      if (name === "row") {
        rowNo = a["r"] ? Number(a["r"]) : rowNo + 1;
        cells = [];
        rowError = undefined;
        col = -1;
      } else if (name === "c") {
        col = columnIndex(a["r"], col);
        cell = { t: a["t"] ?? "n", s: Number(a["s"] ?? 0), ref: a["r"] ?? cellName(col, rowNo) };
      } else if (name === "v") {
        inV = true;
        v.inT = true;
      } else if (name === "t" && cell) inline.inT = true;
      else if (name === "rPh") inline.inPhonetic = true;
    },
    close(name) {
      if (name === "v") {
        inV = false;
        v.inT = false;
      } else if (name === "t") inline.inT = false;
      else if (name === "rPh") inline.inPhonetic = false;
      else if (name === "c") finishCell();
      else if (name === "row") {
        const dense = Array.from({ length: cells.length }, (_, i) => cells[i]);
        ready.push({ cells: dense, line: rowNo, ...(rowError ? { error: rowError } : {}) });
      }
    },
    text(s) {
      if (inV) v.add(s);
      else inline.add(s);
    },
  });
  for await (const t of entryText(zip, entry, MAX_ENTRY_BYTES, {
    zh: `工作表「${sheet.name}」`,
    en: `worksheet '${sheet.name}'`,
  })) {
    scanner.push(t);
    yield* ready.splice(0);
  }
  yield* ready.splice(0);
  if (!seenValue)
    yield { fileError: { zh: `工作表「${sheet.name}」是空的`, en: `the worksheet '${sheet.name}' is empty` } };
}

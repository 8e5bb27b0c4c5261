/**
 * A streaming RFC 4180 reader: records come out as the bytes come in, each
 * with the file line it starts on. Quoted fields may hold commas, `""` and
 * line breaks; lines end in LF, CRLF or CR. The bytes are decoded by
 * decode.ts (UTF-8, GB 18030, UTF-16/32 by their byte-order marks); a record
 * holding a line that could not be decoded comes out with an error, and the
 * records after it as usual. Blank lines are skipped.
 */

export interface CsvRecord {
  readonly cells: string[];
  /** 1-based line of the file where the record starts. */
  readonly line: number;
  /** Set when the record is malformed (an unterminated quote, a line that could not be decoded). */
  readonly error?: Text;
}

import type { Text } from "../../runtime/report.js";
import { decodeLines, MAX_LINE_BYTES, type Segment } from "./decode.js";

const COMMA = 44;
const QUOTE = 34;
const CR = 13;
const LF = 10;
/** A quoted field longer than this (1 Mi characters) is taken for a quote that was never closed. */
export const MAX_QUOTED_CHARS = 1024 * 1024;

type State = "start" | "plain" | "quoted" | "quote";

export class CsvParser {
  private state: State = "start";
  private cell = "";
  private cells: string[] = [];
  private line = 1;
  private recordLine = 1;
  private lastWasCR = false;
  private quoteLine = 1;
  /** Inside a quoted field: the previous character was CR (a CRLF may be split between chunks). */
  private quotedCR = false;
  /** Why the record being read is bad (a line of it could not be decoded). */
  private taint: Text | undefined;
  /** Raw text since the open quote of the current quoted field (earlier pushes), to read again if it never closes. */
  private retained: string[] | undefined;
  /** Where the retained text starts in the text being pushed. */
  private retainFrom = 0;

  /** Feeds a decoded segment; a bad one spoils the record it belongs to. */
  pushSegment(seg: Segment): CsvRecord[] {
    if (seg.bad) this.taint ??= seg.bad;
    return this.push(seg.text);
  }

  /** Feeds decoded text; returns the records it completed. */
  push(input: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    let text = input;
    let n = text.length;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (this.lastWasCR) {
        this.lastWasCR = false;
        if (c === LF) {
          i++;
          continue;
        }
      }
      switch (this.state) {
        case "start":
        case "plain": {
          if (c === QUOTE && this.state === "start") {
            this.state = "quoted";
            this.quoteLine = this.line;
            this.retained = [];
            this.retainFrom = i;
            i++;
            break;
          }
          // Take the run of ordinary characters at once.
          let j = i;
          while (j < n) {
            const d = text.charCodeAt(j);
            if (d === COMMA || d === CR || d === LF) break;
            j++;
          }
          if (j > i) {
            this.cell += text.slice(i, j);
            this.state = "plain";
            i = j;
            break;
          }
          i++;
          if (c === COMMA) this.endCell();
          else this.endRecord(out, c === CR);
          break;
        }
        case "quoted": {
          const j = text.indexOf('"', i);
          const end = j < 0 ? n : j;
          const chunk = text.slice(i, end);
          this.countLines(chunk);
          this.cell += chunk;
          if (j >= 0) {
            this.state = "quote";
            this.quotedCR = false;
          }
          i = end + (j >= 0 ? 1 : 0);
          if (this.cell.length > MAX_QUOTED_CHARS) {
            text = this.resync(out, text, i, "long");
            n = text.length;
            i = 0;
          }
          break;
        }
        case "quote": {
          if (c === QUOTE) {
            this.cell += '"';
            this.state = "quoted";
            i++;
          } else if (c === COMMA) {
            this.retained = undefined;
            this.endCell();
            i++;
          } else if (c === CR || c === LF) {
            this.retained = undefined;
            this.endRecord(out, c === CR);
            i++;
          } else if (this.line > this.quoteLine) {
            // A field that ran over lines and "closes" before other text: the quote was never meant to open one.
            text = this.resync(out, text, i, "text");
            n = text.length;
            i = 0;
          } else {
            // Text after a closing quote (`"ab"c`) is kept, as spreadsheets do.
            this.retained = undefined;
            this.state = "plain";
          }
          break;
        }
      }
    }
    if (this.retained) {
      this.retained.push(text.slice(this.retainFrom));
      this.retainFrom = 0;
    }
    return out;
  }

  /**
   * Reports the record of a quoted field that never properly closes, and
   * returns the text to read next: from the line after the one the quote
   * opened on (then the rest of `text` from `at`).
   */
  private resync(out: CsvRecord[], text: string, at: number, why: "long" | "text" | "end"): string {
    const raw = (this.retained ?? []).join("") + text.slice(this.retainFrom, at);
    const q = this.quoteLine;
    const reason =
      why === "long"
        ? {
            zh: `超过 ${MAX_QUOTED_CHARS / 1024 / 1024} Mi 个字符仍未闭合`,
            en: `still open after ${MAX_QUOTED_CHARS / 1024 / 1024} Mi characters`,
          }
        : why === "text"
          ? {
              zh: `在第 ${this.line} 行闭合后紧跟其他文字`,
              en: `"closed" on line ${this.line} with text right after the quote`,
            }
          : { zh: "到文件末尾仍未闭合", en: "still open at the end of the file" };
    this.cells.push("");
    out.push({
      cells: this.cells,
      line: this.recordLine,
      error: this.taint ?? {
        zh: `CSV 格式错误：第 ${q} 行开始的带引号字段${reason.zh}；从第 ${q + 1} 行起继续读取`,
        en: `malformed CSV: the quoted field opened on line ${q} is ${reason.en}; reading resumed at line ${q + 1}`,
      },
    });
    this.taint = undefined;
    this.retained = undefined;
    this.cells = [];
    this.cell = "";
    this.state = "start";
    this.lastWasCR = false;
    this.quotedCR = false;
    const br = raw.search(/[\r\n]/);
    if (br < 0) {
      // The quote opened on this very line: read on after the text seen so far.
      this.recordLine = this.line;
      return text.slice(at);
    }
    this.line = q + 1;
    this.recordLine = this.line;
    const skip = raw[br] === "\r" && raw[br + 1] === "\n" ? 2 : 1;
    return raw.slice(br + skip) + text.slice(at);
  }

  /** Ends the input; returns the last record if the text did not end with a line break. */
  end(): CsvRecord[] {
    const out: CsvRecord[] = [];
    if (this.state === "quoted" && this.line > this.quoteLine) {
      const rest = this.resync(out, "", 0, "end");
      out.push(...this.push(rest), ...this.end());
      return out;
    }
    this.retained = undefined;
    if (this.state === "quoted") {
      this.cells.push(this.cell);
      out.push({
        cells: this.cells,
        line: this.recordLine,
        error: this.taint ?? {
          zh: `CSV 格式错误：引号未闭合（在第 ${this.quoteLine} 行开始）`,
          en: `malformed CSV: unterminated quoted field (opened on line ${this.quoteLine})`,
        },
      });
      this.taint = undefined;
    } else if (this.state !== "start" || this.cells.length > 0) {
      this.endRecord(out, false);
    }
    this.cells = [];
    this.cell = "";
    this.state = "start";
    return out;
  }

  private countLines(s: string): void {
    for (let k = 0; k < s.length; k++) {
      const d = s.charCodeAt(k);
      if (d === LF && !this.quotedCR) this.line++;
      else if (d === CR) this.line++;
      this.quotedCR = d === CR;
    }
  }

  private endCell(): void {
    this.cells.push(this.cell);
    this.cell = "";
    this.state = "start";
  }

  private endRecord(out: CsvRecord[], cr: boolean): void {
    this.cells.push(this.cell);
    const blank = this.cells.length === 1 && this.cells[0] === "";
    if (this.taint) out.push({ cells: this.cells, line: this.recordLine, error: this.taint });
    else if (!blank) out.push({ cells: this.cells, line: this.recordLine });
    this.taint = undefined;
    this.cells = [];
    this.cell = "";
    this.state = "start";
    this.line++;
    this.recordLine = this.line;
    this.lastWasCR = cr;
  }
}

/** Records of a CSV byte stream, in order. */
export async function* readCsv(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<CsvRecord> {
  const p = new CsvParser();
  for await (const seg of decodeLines(source, { maxLineBytes: MAX_LINE_BYTES })) yield* p.pushSegment(seg);
  yield* p.end();
}

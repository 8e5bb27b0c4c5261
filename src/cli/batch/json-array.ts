/**
 * Splits the elements of a top-level JSON array out of streamed text, so
 * that a large array is never held whole, and recovers after a malformed
 * element instead of losing every element after it.
 *
 * The rule for recovering: when an element is malformed (it does not parse,
 * is still open at the end of the file, or grows past MAX_ELEMENT_CHARS), and
 * it began an object on its own line, reading resumes at the next line that
 * starts (after spaces, and an optional comma) with `{` in the same column —
 * the layout of arrays written by JSON.stringify(…, null, n), jq, or one
 * element per line. The malformed element is the text before that line.
 * Otherwise (a whole array on one line) it resumes at compactRecoveryPoint.
 */
import type { Text } from "../../runtime/report.js";
import { parseJson } from "./json-parse.js";

export type JsonItem =
  | { readonly value: unknown; readonly line: number; readonly single?: boolean }
  | { readonly error: Text; readonly line: number }
  /** A problem with the document, not with a department; `stopped`: nothing after it was read. */
  | { readonly fileError: Text; readonly line: number; readonly stopped?: boolean };

/** One element of a JSON array may hold at most this many characters (16 Mi). */
export const MAX_ELEMENT_CHARS = 16 * 1024 * 1024;

const isSpace = (c: string): boolean => c === " " || c === "\t" || c === "\n" || c === "\r";

export class ArraySplitter {
  private phase: "before" | "in" | "after" | "stopped" = "before";
  private depth = 0;
  private inString = false;
  private escape = false;
  private inElement = false;
  private parts: string[] = [];
  private size = 0;
  /** The element outgrew MAX_ELEMENT_CHARS and no recovery point was found: its text is dropped. */
  private oversize = false;
  private line = 1;
  private col = 0;
  /** Only spaces, `[` or `,` so far on this line. */
  private lineLead = true;
  private elementLine = 1;
  private elementCol = 0;
  private elementLed = false;
  private taint: Text | undefined;

  get isStopped(): boolean {
    return this.phase === "stopped";
  }

  /** Marks the element being read (or the next one) as bad: a line of it could not be decoded. */
  spoil(why: Text): void {
    this.taint ??= why;
  }

  push(input: string): JsonItem[] {
    const out: JsonItem[] = [];
    let text = input;
    let start = this.inElement ? 0 : -1;
    for (let i = 0; i < text.length; i++) {
      if (this.phase === "stopped") return out;
      const c = text[i] as string;
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === "\\") this.escape = true;
        else if (c === '"') this.inString = false;
        this.advance(c);
        continue;
      }
      if (this.phase === "before" || this.phase === "after") {
        if (!isSpace(c)) {
          const line = this.line;
          this.phase = this.phase === "before" && c === "[" ? "in" : "stopped";
          if (this.phase === "stopped")
            out.push({
              fileError: {
                zh: "JSON 格式错误：数组的 ] 之后还有内容，其后未读取",
                en: "invalid JSON: text after the array's closing ]; nothing after it was read",
              },
              line,
              stopped: true,
            });
        }
        this.advance(c);
        continue;
      }
      if (this.depth === 0 && (c === "," || c === "]")) {
        if (this.inElement) {
          this.keep(text.slice(start, i));
          const redo = this.finish(out, false);
          if (redo !== undefined) {
            text = redo + text.slice(i);
            i = -1;
            start = -1;
            continue;
          }
        }
        start = -1;
        if (c === "]") this.phase = "after";
        this.advance(c);
        continue;
      }
      if (!this.inElement) {
        if (isSpace(c)) {
          this.advance(c);
          continue;
        }
        this.inElement = true;
        this.elementLine = this.line;
        this.elementCol = this.col;
        this.elementLed = this.lineLead && c === "{";
        start = i;
      }
      if (c === '"') this.inString = true;
      else if (c === "{" || c === "[") this.depth++;
      else if (c === "}" || c === "]") this.depth--;
      this.advance(c);
    }
    if (this.inElement && start >= 0) this.keep(text.slice(start));
    if (this.size > MAX_ELEMENT_CHARS && !this.oversize) {
      const redo = this.finish(out, true);
      if (redo !== undefined) out.push(...this.push(redo));
    }
    return out;
  }

  end(): JsonItem[] {
    const out: JsonItem[] = [];
    if (this.phase === "in" && this.inElement) {
      const redo = this.finish(out, true, true);
      if (redo !== undefined) {
        out.push(...this.push(redo), ...this.end());
        return out;
      }
    }
    if (this.phase === "in")
      out.push({
        fileError: { zh: "JSON 格式错误：数组没有闭合（缺少 ]）", en: "invalid JSON: the array is not closed (no ])" },
        line: this.line,
      });
    if (this.phase === "before")
      out.push({ fileError: { zh: "文件是空的", en: "the file is empty" }, line: this.line });
    return out;
  }

  private advance(c: string): void {
    if (c === "\n") {
      this.line++;
      this.col = 0;
      this.lineLead = true;
      return;
    }
    this.col++;
    if (!isSpace(c) && c !== "[" && c !== ",") this.lineLead = false;
  }

  private keep(s: string): void {
    if (this.oversize || s === "") return;
    this.parts.push(s);
    this.size += s.length;
  }

  /**
   * Ends the element read so far (`broken`: it did not end where it should).
   * Returns the text to read again when the element is cut short at a recovery point.
   */
  private finish(out: JsonItem[], broken: boolean, atEnd = false): string | undefined {
    const text = this.parts.join("");
    const line = this.elementLine;
    const taint = this.taint;
    const oversize = this.oversize;
    this.parts = [];
    this.size = 0;
    this.inElement = false;
    this.oversize = false;
    this.taint = undefined;
    // An element still open at the end of the file may be whole all the same (only the ] is missing).
    const parsed = !taint && !oversize && (!broken || atEnd) ? parseJson(text, line) : undefined;
    if (parsed?.ok) {
      out.push({ value: parsed.value, line });
      return undefined;
    }
    let cut = this.elementLed ? this.recoveryPoint(text) : -1;
    if (cut < 0) cut = compactRecoveryPoint(text);
    const own = cut < 0 ? text : text.slice(0, cut);
    const tooBig: Text = {
      zh: `JSON 数组的一个元素超过 ${MAX_ELEMENT_CHARS / 1024 / 1024} Mi 个字符的上限`,
      en: `an element of the JSON array is longer than the limit of ${MAX_ELEMENT_CHARS / 1024 / 1024} Mi characters`,
    };
    const why =
      taint ??
      (oversize || own.length > MAX_ELEMENT_CHARS
        ? tooBig
        : parsed && !parsed.ok
          ? parsed.error
          : unfinished(own, line));
    if (cut < 0) {
      if (broken && !atEnd && own.length > MAX_ELEMENT_CHARS) {
        // No recovery point: drop the text, keep counting brackets to find the element's end.
        this.inElement = true;
        this.oversize = true;
        this.elementLine = line;
        return undefined;
      }
      out.push({ error: why, line });
      return undefined;
    }
    out.push({ error: why, line });
    // Read on from the recovery line, as the start of a new element.
    this.depth = 0;
    this.inString = false;
    this.escape = false;
    let lines = 0;
    for (let k = text.indexOf("\n"); k >= 0 && k < cut; k = text.indexOf("\n", k + 1)) lines++;
    this.line = line + lines;
    this.col = 0;
    this.lineLead = true;
    return text.slice(cut);
  }

  /** Where the next element starting in the same column begins (at its line's start), or -1. */
  private recoveryPoint(text: string): number {
    const re = /\n([ \t]*,?[ \t]*)\{/g;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if ((m[1] as string).length === this.elementCol) return m.index + 1;
    }
    return -1;
  }
}

/**
 * For an array on one line (JSON.stringify without indentation): the first
 * `{` after `},` that starts an object which parses by itself and is followed
 * by `,` or by the array's closing `]` (not by `]}` or `],`, which would make
 * it a record inside a department's list). -1 if there is none.
 */
export function compactRecoveryPoint(text: string): number {
  const re = /\}\s*,\s*\{/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const p = m.index + m[0].length - 1;
    const end = objectEnd(text, p);
    if (end < 0) continue;
    if (!parseJson(text.slice(p, end), 1).ok) continue;
    const after = /^\s*(.)?\s*(.)?/.exec(text.slice(end, end + 64));
    const next = after?.[1];
    if (next === "," || next === undefined || (next === "]" && (after?.[2] === undefined || !"},]".includes(after[2]))))
      return p;
  }
  return -1;
}

/** The index after the object starting at `p`, counting brackets outside strings; -1 if it does not end. */
function objectEnd(text: string, p: number): number {
  let depth = 0;
  let inString = false;
  for (let i = p; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

function unfinished(text: string, line: number): Text {
  const r = parseJson(text, line);
  return r.ok
    ? { zh: "JSON 格式错误：元素没有正确结束", en: "invalid JSON: the element does not end properly" }
    : r.error;
}

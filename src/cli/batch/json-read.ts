/**
 * Streaming JSON input: JSON Lines (one object a line), or a JSON document
 * that is one object (one department) or an array of objects, split into
 * its elements as the text streams in so that a large array is never held
 * whole. Each item carries the line it starts on; an element that is not
 * valid JSON becomes an error item and the others still come.
 */
import type { Text } from "../../runtime/report.js";
import { decodeLines, MAX_LINE_BYTES } from "./decode.js";
import { parseJson } from "./json-parse.js";

async function* decodeText(source: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  for await (const seg of decodeLines(source)) yield seg.text;
}

export type JsonItem =
  | { readonly value: unknown; readonly line: number; readonly single?: boolean }
  | { readonly error: Text; readonly line: number };

function parse(text: string, line: number, single?: boolean): JsonItem {
  const r = parseJson(text, line);
  return r.ok ? { value: r.value, line, ...(single ? { single } : {}) } : { error: r.error, line };
}

const LINE_BREAK = /\r\n|\r|\n/;

/**
 * JSON Lines. decode.ts hands over whole lines (scanned once, as they come)
 * and refuses a line longer than MAX_LINE_BYTES: that line is an error item
 * and the next lines are read as usual.
 */
export async function* readJsonLines(source: AsyncIterable<Uint8Array>): AsyncGenerator<JsonItem> {
  let endedWithCR = false;
  for await (const seg of decodeLines(source, { maxLineBytes: MAX_LINE_BYTES })) {
    if (seg.bad) {
      endedWithCR = seg.text.endsWith("\r");
      yield { error: seg.bad, line: seg.line };
      continue;
    }
    // A CRLF split between segments: its LF ends no line of its own.
    const text = endedWithCR && seg.text.startsWith("\n") ? seg.text.slice(1) : seg.text;
    endedWithCR = text.endsWith("\r");
    const lines = text.split(LINE_BREAK);
    // Text ending in a line break leaves an empty last piece: no line.
    if (lines[lines.length - 1] === "") lines.pop();
    for (let k = 0; k < lines.length; k++) {
      const l = (lines[k] as string).trim();
      if (l !== "") yield parse(l, seg.line + k);
    }
  }
}

const isSpace = (c: string): boolean => c === " " || c === "\t" || c === "\n" || c === "\r";

/** Splits the elements of a top-level JSON array out of streamed text. */
class ArraySplitter {
  private depth = 0;
  private inString = false;
  private escape = false;
  private inElement = false;
  private buf = "";
  private line = 1;
  private elementLine = 1;
  private done = false;

  push(text: string): JsonItem[] {
    const out: JsonItem[] = [];
    let start = this.inElement ? 0 : -1;
    for (let i = 0; i < text.length; i++) {
      const c = text[i] as string;
      if (c === "\n") this.line++;
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === "\\") this.escape = true;
        else if (c === '"') this.inString = false;
        continue;
      }
      if (this.done) {
        if (!isSpace(c)) {
          out.push({ error: { zh: "JSON 格式错误：] 之后还有内容", en: "invalid JSON: unexpected text after the closing ]" }, line: this.line });
          this.done = false;
          this.depth = -1;
        }
        continue;
      }
      if (this.depth === 0) {
        if (c === "[") this.depth = 1;
        else if (!isSpace(c)) {
          out.push({ error: { zh: "JSON 格式错误：应以 [ 或 { 开始", en: "invalid JSON: expected [ or {" }, line: this.line });
          this.depth = -1;
        }
        continue;
      }
      if (this.depth < 0) continue;
      if (this.depth === 1 && (c === "," || c === "]")) {
        if (this.inElement) {
          const t = (this.buf + text.slice(start, i)).trim();
          if (t !== "") out.push(parse(t, this.elementLine));
        }
        this.buf = "";
        this.inElement = false;
        start = -1;
        if (c === "]") {
          this.depth = 0;
          this.done = true;
        }
        continue;
      }
      if (!this.inElement) {
        if (isSpace(c)) continue;
        this.inElement = true;
        this.elementLine = this.line;
        start = i;
      }
      if (c === '"') this.inString = true;
      else if (c === "{" || c === "[") this.depth++;
      else if (c === "}" || c === "]") this.depth--;
    }
    if (this.inElement && start >= 0) this.buf += text.slice(start);
    return out;
  }

  end(): JsonItem[] {
    if (this.depth > 0) return [{ error: { zh: "JSON 格式错误：数组没有闭合", en: "invalid JSON: the array is not closed" }, line: this.line }];
    return [];
  }
}

/** A JSON document: one object (yielded with `single`), or an array streamed element by element. */
export async function* readJsonDocument(source: AsyncIterable<Uint8Array>): AsyncGenerator<JsonItem> {
  let mode: "unknown" | "array" | "single" = "unknown";
  const splitter = new ArraySplitter();
  let whole = "";
  let lead = "";
  for await (const chunk of decodeText(source)) {
    let text = chunk;
    if (mode === "unknown") {
      const first = text.trimStart()[0];
      if (first === undefined) {
        lead += text;
        continue;
      }
      mode = first === "[" ? "array" : "single";
      text = lead + text;
    }
    if (mode === "array") yield* splitter.push(text);
    else whole += text;
  }
  if (mode === "array") yield* splitter.end();
  else if (mode === "single") yield parse(whole, 1, true);
}

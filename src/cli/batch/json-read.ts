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

import { ArraySplitter, type JsonItem } from "./json-array.js";

export type { JsonItem };

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

/** A single-object document (one department) may hold at most this many characters (64 Mi). */
export const MAX_DOCUMENT_CHARS = 64 * 1024 * 1024;

/** A JSON document: one object (yielded with `single`), or an array streamed element by element (json-array.ts). */
export async function* readJsonDocument(source: AsyncIterable<Uint8Array>): AsyncGenerator<JsonItem> {
  let mode: "unknown" | "array" | "single" = "unknown";
  const splitter = new ArraySplitter();
  let whole: string[] = [];
  let size = 0;
  let bad: Text | undefined;
  let lead = "";
  for await (const seg of decodeLines(source)) {
    let text = seg.text;
    if (seg.bad) {
      bad ??= seg.bad;
      splitter.spoil(seg.bad);
    }
    if (mode === "unknown") {
      const first = text.trimStart()[0];
      if (first === undefined) {
        lead += text;
        continue;
      }
      mode = first === "[" ? "array" : "single";
      text = lead + text;
    }
    if (mode === "array") {
      yield* splitter.push(text);
      if (splitter.isStopped) return;
    } else if (size <= MAX_DOCUMENT_CHARS) {
      whole.push(text);
      size += text.length;
    }
  }
  if (mode === "array") yield* splitter.end();
  else if (mode === "unknown") yield { fileError: { zh: "文件是空的", en: "the file is empty" }, line: 1 };
  else if (bad) yield { error: bad, line: 1, single: true };
  else if (size > MAX_DOCUMENT_CHARS)
    yield {
      error: {
        zh: `JSON 文件超过 ${MAX_DOCUMENT_CHARS / 1024 / 1024} Mi 个字符的上限（多个部门请用 JSON 数组或 JSON Lines）`,
        en: `the JSON document is longer than the limit of ${MAX_DOCUMENT_CHARS / 1024 / 1024} Mi characters (for many departments use a JSON array or JSON Lines)`,
      },
      line: 1,
      single: true,
    };
  else {
    yield parse(whole.join(""), 1, true);
    whole = [];
  }
}

/**
 * Offsets ↔ LSP positions. LSP counts characters in UTF-16 code units, and
 * so do JavaScript string offsets: a span converts through the document's
 * line index without any re-encoding.
 */
import type { Position, Range } from "vscode-languageserver";
import type { Span } from "../compiler/syntax/ast.js";
import type { LineIndex } from "../compiler/util/line-index.js";

export function toPosition(lines: LineIndex, offset: number): Position {
  return lines.position(Math.max(0, Math.min(offset, lines.text.length)));
}

export function toRange(lines: LineIndex, span: Span): Range {
  return { start: toPosition(lines, span.start), end: toPosition(lines, Math.max(span.start, span.end)) };
}

/** A position's offset; a character past the end of its line means the end of the line (as LSP specifies). */
export function toOffset(lines: LineIndex, pos: Position): number {
  if (pos.line < 0) return 0;
  if (pos.line >= lines.lineCount) return lines.text.length;
  const start = lines.offset(pos.line, 0);
  const len = lines.lineText(pos.line).length;
  return start + Math.max(0, Math.min(pos.character, len));
}

export function spanText(text: string, span: Span): string {
  return text.slice(span.start, span.end);
}

/** True when `a` and `b` share a character, or touch (an empty range at an edge counts). */
export function rangesTouch(a: Range, b: Range): boolean {
  const before = (p: Position, q: Position): boolean =>
    p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

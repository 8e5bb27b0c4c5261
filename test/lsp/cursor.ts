/**
 * Cursor markers for language-server tests: a document written with `|`
 * (or `/*|*\/`, when `|` would be ambiguous) where the cursor stands.
 */
import type { Position } from "vscode-languageserver";
import { LineIndex } from "../../src/compiler/util/line-index.js";
import { Snapshot } from "../../src/lsp/snapshot.js";

export interface Cursor {
  /** The text without the marker. */
  readonly text: string;
  readonly offset: number;
  readonly position: Position;
}

export function cursor(marked: string, marker = marked.includes("/*|*/") ? "/*|*/" : "|"): Cursor {
  const offset = marked.indexOf(marker);
  if (offset < 0) throw new Error(`no cursor marker ${marker} in the text`);
  if (marked.indexOf(marker, offset + 1) >= 0) throw new Error(`more than one cursor marker ${marker}`);
  const text = marked.slice(0, offset) + marked.slice(offset + marker.length);
  return { text, offset, position: new LineIndex(text).position(offset) };
}

/** The position of the `n`th occurrence (0-based) of `needle` in `text`, plus `delta` characters. */
export function positionOf(text: string, needle: string, delta = 0, n = 0): Position {
  let i = -1;
  for (let k = 0; k <= n; k++) {
    i = text.indexOf(needle, i + 1);
    if (i < 0) throw new Error(`'${needle}' not found`);
  }
  return new LineIndex(text).position(i + delta);
}

/**
 * A snapshot of several documents, one of which (`file`) is written with a
 * cursor marker: returns the snapshot, that document's URI and the cursor.
 */
export function at(
  files: Record<string, string>,
  file: string,
): { snap: Snapshot; uri: string; pos: Position; text: string } {
  const c = cursor(files[file] ?? "");
  const snap = Snapshot.of({ ...files, [file]: c.text });
  return { snap, uri: file, pos: c.position, text: c.text };
}

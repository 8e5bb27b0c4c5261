/** Folding ranges: every `{ … }` block of the syntax tree, multi-line strings, and comment blocks. */
import { FoldingRangeKind, type FoldingRange } from "vscode-languageserver";
import { childNodes, type AstNode } from "../compiler/syntax/locate.js";
import type { Snapshot } from "./snapshot.js";

export function foldingRanges(snap: Snapshot, uri: string): FoldingRange[] {
  const doc = snap.document(uri);
  if (!doc) return [];
  const { text, lines } = doc;
  const line = (offset: number): number => lines.position(offset).line;
  const out: FoldingRange[] = [];
  const starts = new Set<number>();
  const add = (startLine: number, endLine: number, kind?: FoldingRangeKind): void => {
    if (endLine <= startLine || starts.has(startLine)) return;
    starts.add(startLine);
    out.push({ startLine, endLine, ...(kind ? { kind } : {}) });
  };

  const visit = (n: AstNode, depth: number): void => {
    if (depth > 500) return;
    const { start, end } = n.span;
    if (end > start && text[end - 1] === "}") {
      // Keep the closing brace visible: fold up to the line before it when it stands on its own line.
      const endLine = line(end - 1);
      const closingAlone = /^\s*}/.test(lines.lineText(endLine));
      add(line(start), closingAlone ? endLine - 1 : endLine);
    }
    for (const c of childNodes(n)) visit(c, depth + 1);
  };
  visit(doc.ast, 0);

  const lexed = snap.lex(uri);
  for (const t of lexed.tokens) {
    if (t.tokenType.name !== "StringLiteral") continue;
    add(line(t.startOffset), line(t.endOffset ?? t.startOffset));
  }
  let run: { first: number; last: number } | undefined;
  const flush = (): void => {
    if (run) add(run.first, run.last, FoldingRangeKind.Comment);
    run = undefined;
  };
  for (const c of lexed.comments) {
    const s = line(c.startOffset);
    const e = line(c.endOffset ?? c.startOffset);
    if (c.tokenType.name === "BlockComment") {
      flush();
      add(s, e, FoldingRangeKind.Comment);
      continue;
    }
    if (run && s === run.last + 1 && /^\s*\/\//.test(lines.lineText(s))) run.last = s;
    else {
      flush();
      run = /^\s*\/\//.test(lines.lineText(s)) ? { first: s, last: s } : undefined;
    }
  }
  flush();
  return out.sort((a, b) => a.startLine - b.startLine);
}

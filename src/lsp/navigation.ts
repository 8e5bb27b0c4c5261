/** Go to definition and find references, across every document of the workspace. */
import type { Location, Position } from "vscode-languageserver";
import type { Snapshot } from "./snapshot.js";
import type { Occurrence } from "./symbols.js";
import { toOffset, toRange } from "./text.js";

export function occurrenceAt(snap: Snapshot, uri: string, pos: Position): Occurrence | undefined {
  const doc = snap.document(uri);
  if (!doc) return undefined;
  return snap.index.at(uri, toOffset(doc.lines, pos));
}

function location(snap: Snapshot, file: string, span: { start: number; end: number }): Location | undefined {
  const doc = snap.document(file);
  return doc ? { uri: file, range: toRange(doc.lines, span) } : undefined;
}

export function definition(snap: Snapshot, uri: string, pos: Position): Location | null {
  const occ = occurrenceAt(snap, uri, pos);
  if (!occ) return null;
  return location(snap, occ.symbol.file, occ.symbol.nameSpan) ?? null;
}

export function references(snap: Snapshot, uri: string, pos: Position, includeDeclaration: boolean): Location[] {
  const occ = occurrenceAt(snap, uri, pos);
  if (!occ) return [];
  const out: Location[] = [];
  const seen = new Set<string>();
  for (const o of snap.index.occurrences(occ.symbol)) {
    if (!includeDeclaration && o.role === "declaration") continue;
    const key = `${o.file}:${o.span.start}:${o.span.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const l = location(snap, o.file, o.span);
    if (l) out.push(l);
  }
  return out.sort((a, b) =>
    a.uri < b.uri
      ? -1
      : a.uri > b.uri
        ? 1
        : a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}

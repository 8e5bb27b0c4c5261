/**
 * Rename across documents. Every occurrence of the symbol spelled like the
 * one under the cursor is renamed: after `rename A to B`, renaming `B` in an
 * example changes `B` wherever it refers to that node, and leaves the
 * declaration of `A` alone.
 */
import type { Position, Range, TextEdit, WorkspaceEdit } from "vscode-languageserver";
import type { Lang } from "../compiler/diagnostics/diagnostic.js";
import { KEYWORDS } from "../compiler/syntax/keywords.js";
import { parentOf } from "../compiler/model/paths.js";
import { say } from "./lang.js";
import { occurrenceAt } from "./navigation.js";
import type { Snapshot } from "./snapshot.js";
import type { Occurrence } from "./symbols.js";
import { toRange } from "./text.js";

const IDENTIFIER = /^[\p{L}_][\p{L}\p{N}_·]*$/u;
const HARD_KEYWORDS = new Set<string>(
  KEYWORDS.filter((k) => !("soft" in k && k.soft)).flatMap((k) => [...k.en, ...k.zh]),
);

export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name) && !HARD_KEYWORDS.has(name);
}

export function prepareRename(
  snap: Snapshot,
  uri: string,
  pos: Position,
): { range: Range; placeholder: string } | null {
  const occ = occurrenceAt(snap, uri, pos);
  const doc = snap.document(uri);
  if (!occ || !doc) return null;
  return { range: toRange(doc.lines, occ.span), placeholder: occ.text };
}

export type RenameResult = { readonly edit: WorkspaceEdit } | { readonly error: string };

function quote(name: string): string {
  return `"${name.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

function conflict(occ: Occurrence, newName: string): boolean {
  const m = occ.rubric?.model;
  if (!m) return false;
  switch (occ.symbol.kind) {
    case "input":
    case "let":
      return m.inputs.has(newName) || m.lets.has(newName);
    case "group":
    case "indicator":
    case "part": {
      const node = occ.node;
      if (!node) return false;
      const parent = parentOf(m.groups, node);
      const siblings = parent ? (parent.kind === "group" ? parent.children : parent.parts) : m.groups;
      return siblings.some((s) => s !== node && s.name === newName);
    }
    default:
      return false;
  }
}

export function rename(snap: Snapshot, uri: string, pos: Position, newName: string, lang: Lang): RenameResult | null {
  const occ = occurrenceAt(snap, uri, pos);
  if (!occ) return null;
  const name = newName.trim();
  const needsIdentifier = ["input", "let", "enum", "member", "scale"].includes(occ.symbol.kind);
  if (name === "" || /[\u0000-\u001f]/.test(name) || (needsIdentifier && !isIdentifier(name))) {
    return { error: say(lang, `「${name}」不能用作名称`, `'${name}' cannot be used as a name`) };
  }
  if (name !== occ.text && conflict(occ, name)) {
    return {
      error: say(
        lang,
        `已有名为「${name}」的${occ.symbol.kind === "input" || occ.symbol.kind === "let" ? "输入或中间量" : "同级指标"}`,
        `'${name}' is already taken`,
      ),
    };
  }
  const changes: Record<string, TextEdit[]> = {};
  const seen = new Set<string>();
  for (const o of snap.index.occurrences(occ.symbol)) {
    if (o.text !== occ.text) continue;
    const doc = snap.document(o.file);
    if (!doc) continue;
    const key = `${o.file}:${o.span.start}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const written = doc.text.slice(o.span.start, o.span.end);
    const quoted = written.startsWith('"') || written.startsWith("“");
    const text = quoted || !isIdentifier(name) ? quote(name) : name;
    (changes[o.file] ??= []).push({ range: toRange(doc.lines, o.span), newText: text });
  }
  return { edit: { changes } };
}

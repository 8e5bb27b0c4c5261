/**
 * Quick fixes, from the data the checker attaches to its diagnostics:
 * a weight-sum mismatch sets the parent's points to its children's sum; a
 * band gap gets an arm covering the gap; an unknown name with a close match
 * is replaced by it.
 */
import {
  CodeActionKind,
  type CodeAction,
  type Diagnostic as LspDiagnostic,
  type Range,
  type TextEdit,
} from "vscode-languageserver";
import type { Diagnostic, Lang } from "../compiler/diagnostics/diagnostic.js";
import type * as A from "../compiler/syntax/ast.js";
import { locate } from "../compiler/syntax/locate.js";
import { toLspDiagnostic } from "./diagnostics.js";
import { say } from "./lang.js";
import type { Snapshot } from "./snapshot.js";
import { rangesTouch, toRange } from "./text.js";

export function codeActions(
  snap: Snapshot,
  uri: string,
  range: Range,
  clientDiagnostics: readonly LspDiagnostic[],
  lang: Lang,
): CodeAction[] {
  const doc = snap.document(uri);
  if (!doc) return [];
  const out: CodeAction[] = [];
  for (const d of snap.diagnosticsOf(uri)) {
    const r = toRange(doc.lines, d.span);
    if (!rangesTouch(r, range)) continue;
    const lsp =
      clientDiagnostics.find(
        (c) =>
          c.code === d.code && c.range.start.line === r.start.line && c.range.start.character === r.start.character,
      ) ?? toLspDiagnostic(d, snap, lang);
    const fix = quickFix(snap, uri, d, lang);
    if (!fix || !lsp) continue;
    out.push({
      title: fix.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [lsp],
      isPreferred: true,
      edit: { changes: { [uri]: fix.edits } },
    });
  }
  return out;
}

interface Fix {
  readonly title: string;
  readonly edits: TextEdit[];
}

function quickFix(snap: Snapshot, uri: string, d: Diagnostic, lang: Lang): Fix | undefined {
  const doc = snap.document(uri);
  if (!doc) return undefined;
  const data = d.data ?? {};
  switch (d.code) {
    case "weight-sum": {
      const sum = typeof data["sum"] === "string" ? data["sum"] : undefined;
      const m = /^\d+(?:\.\d+)?/.exec(doc.text.slice(d.span.start, d.span.end));
      if (!sum || !m) return undefined;
      return {
        title: say(lang, `把分值改为下级合计 ${sum}`, `Set the points to the children's sum (${sum})`),
        edits: [{ range: toRange(doc.lines, { start: d.span.start, end: d.span.start + m[0].length }), newText: sum }],
      };
    }
    case "band-gap": {
      const interval = typeof data["interval"] === "string" ? data["interval"] : undefined;
      const bands = locate(doc.ast, d.span.start).find(
        (n): n is A.BandsExpr =>
          (n as { kind?: string }).kind === "Bands" && n.span.start === d.span.start && n.span.end === d.span.end,
      );
      if (!interval || !bands) return undefined;
      const money = isMoneyBands(snap, uri, bands);
      const arm = armFor(interval, money);
      if (!arm) return undefined;
      const edit = insertArm(doc.text, bands, arm, (s) => toRange(doc.lines, s));
      return edit
        ? { title: say(lang, `补上覆盖 ${interval} 的分档`, `Add a band for ${interval}`), edits: [edit] }
        : undefined;
    }
    case "unknown-name": {
      const s = typeof data["suggestion"] === "string" ? data["suggestion"] : undefined;
      if (!s) return undefined;
      return {
        title: say(lang, `改为「${s}」`, `Change to '${s}'`),
        edits: [{ range: toRange(doc.lines, d.span), newText: s }],
      };
    }
    default:
      return undefined;
  }
}

function isMoneyBands(snap: Snapshot, uri: string, bands: A.BandsExpr): boolean {
  const checked = snap.rubricAt(uri, bands.span.start)?.checked;
  const site = checked?.analysis.bands.find((b) => b.bands === bands);
  const t = site?.subject.type ?? checked?.analysis.info.get(bands.subject)?.type;
  return t?.kind === "num" && t.dim === "money";
}

/** The arm covering an interval written like "[80%, 90%)", "(-∞, 0)" or "[100, +∞)". */
export function armFor(interval: string, money: boolean): string | undefined {
  const m = /^([[(])\s*(.+?)\s*,\s*(.+?)\s*([\])])$/.exec(interval.trim());
  if (!m) return undefined;
  const [, open, lo = "", hi = "", close] = m;
  const unit = (v: string): string => (money && /\d$/.test(v) ? `${v}元` : v);
  const loInf = lo.includes("∞");
  const hiInf = hi.includes("∞");
  let cond: string;
  if (loInf && hiInf) cond = "otherwise";
  else if (loInf) cond = `${close === "]" ? "<=" : "<"} ${unit(hi)}`;
  else if (hiInf) cond = `${open === "[" ? ">=" : ">"} ${unit(lo)}`;
  else if (lo === hi && open === "[" && close === "]") cond = `= ${unit(lo)}`;
  else cond = `${open}${unit(lo)}, ${unit(hi)}${close}`;
  return `${cond} -> 0`;
}

function insertArm(text: string, bands: A.BandsExpr, arm: string, range: (s: A.Span) => Range): TextEdit | undefined {
  const close = bands.span.end - 1;
  if (text[close] !== "}") return undefined;
  const last = bands.arms[bands.arms.length - 1];
  if (!last) return { range: range({ start: close, end: close }), newText: ` ${arm} ` };
  // After the last arm (and its `;`, if it has one): arms need a separator, newlines are not one.
  let at = last.span.end;
  const sep = /^[ \t]*[;；]/.exec(text.slice(at, close));
  if (sep) at += sep[0].length;
  const prefix = sep ? "" : ";";
  const lineStart = text.lastIndexOf("\n", close - 1) + 1;
  if (text.slice(lineStart, close).trim() === "") {
    const armLineStart = text.lastIndexOf("\n", last.span.start - 1) + 1;
    const indent = /^[ \t]*/.exec(text.slice(armLineStart))?.[0] ?? "  ";
    return { range: range({ start: at, end: at }), newText: `${prefix}\n${indent}${arm}` };
  }
  return { range: range({ start: at, end: at }), newText: `${prefix} ${arm}` };
}

/**
 * Front-end diagnostics → LSP diagnostics: range, severity, code, message
 * in the chosen language, related locations, and the diagnostic's `data`
 * (with its code) for quick fixes.
 */
import {
  DiagnosticSeverity,
  type Diagnostic as LspDiagnostic,
  type DiagnosticRelatedInformation,
} from "vscode-languageserver";
import type { Diagnostic, Lang, Severity } from "../compiler/diagnostics/diagnostic.js";
import type { Snapshot } from "./snapshot.js";
import { toRange } from "./text.js";

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function toLspDiagnostic(d: Diagnostic, snap: Snapshot, lang: Lang): LspDiagnostic | undefined {
  const doc = snap.document(d.file);
  if (!doc) return undefined;
  const related: DiagnosticRelatedInformation[] = [];
  for (const r of d.related) {
    const rd = snap.document(r.file);
    if (rd) related.push({ location: { uri: r.file, range: toRange(rd.lines, r.span) }, message: r.message[lang] });
  }
  return {
    range: toRange(doc.lines, d.span),
    severity: SEVERITY[d.severity],
    code: d.code,
    source: "rubric",
    message:
      d.code === "unknown-rubric"
        ? d.message[lang] + whyNotLoaded(snap, doc.text.slice(d.span.start, d.span.end), lang)
        : d.message[lang],
    ...(related.length > 0 ? { relatedInformation: related } : {}),
    data: { code: d.code, ...(d.data ?? {}) },
  };
}

/**
 * A rubric may be missing because the file declaring it could not be read: name that file and the reason. Files
 * whose (leniently decoded) text mentions the name come first; if none does, every unreadable file is named.
 */
function whyNotLoaded(snap: Snapshot, ref: string, lang: Lang): string {
  if (snap.unreadable.length === 0) return "";
  const name = ref.trim().split(/\s+/)[0] ?? "";
  const mentioning = snap.unreadable.filter((f) => name !== "" && f.lossyText.includes(name));
  const files = (mentioning.length > 0 ? mentioning : snap.unreadable).slice(0, 3);
  const list = files.map((f) => `${displayPath(f.uri)}: ${f.reason[lang]}`).join("; ");
  return lang === "zh" ? `；未能读取：${list}` : `; not read: ${list}`;
}

function displayPath(uri: string): string {
  if (!uri.startsWith("file:")) return uri;
  try {
    return decodeURIComponent(new URL(uri).pathname);
  } catch {
    return uri;
  }
}

export function documentDiagnostics(snap: Snapshot, uri: string, lang: Lang): LspDiagnostic[] {
  const out: LspDiagnostic[] = [];
  for (const d of snap.diagnosticsOf(uri)) {
    const l = toLspDiagnostic(d, snap, lang);
    if (l) out.push(l);
  }
  return out;
}

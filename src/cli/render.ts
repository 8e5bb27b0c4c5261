/** Displays diagnostics: `file:line:col severity code message` and a code frame. */
import type { Diagnostic, Lang } from "../compiler/diagnostics/diagnostic.js";
import { LineIndex } from "../compiler/util/line-index.js";

/** Terminal columns taken by a string: East Asian wide characters take two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    const wide =
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      (c >= 0x1f300 && c <= 0x1faff) ||
      (c >= 0x20000 && c <= 0x3fffd);
    w += wide ? 2 : ch === "\t" ? 2 : 1;
  }
  return w;
}

export interface Colors {
  red: (s: string) => string;
  yellow: (s: string) => string;
  cyan: (s: string) => string;
  dim: (s: string) => string;
  bold: (s: string) => string;
  green: (s: string) => string;
}

export function colors(enabled: boolean): Colors {
  const wrap = (code: string) => (s: string) => (enabled ? `\x1b[${code}m${s}\x1b[0m` : s);
  return { red: wrap("31"), yellow: wrap("33"), cyan: wrap("36"), dim: wrap("2"), bold: wrap("1"), green: wrap("32") };
}

export function location(d: { file: string; span: { start: number } }, lines: LineIndex | undefined): string {
  if (!lines) return d.file;
  const p = lines.position(d.span.start);
  return `${d.file}:${p.line + 1}:${p.character + 1}`;
}

export function codeFrame(lines: LineIndex, start: number, end: number, c: Colors): string {
  const p = lines.position(start);
  const q = lines.position(Math.max(start, end - 1));
  const text = lines.lineText(p.line);
  if (text.length > 400) return "";
  const gutter = String(p.line + 1).length;
  const before = text.slice(0, p.character);
  const underlineEnd = q.line === p.line ? q.character + 1 : text.length;
  const marked = text.slice(p.character, Math.max(p.character + 1, underlineEnd));
  const out = [
    `${c.dim(`${String(p.line + 1).padStart(gutter)} |`)} ${text.replace(/\t/g, "  ")}`,
    `${c.dim(`${" ".repeat(gutter)} |`)} ${" ".repeat(displayWidth(before))}${c.red("^".repeat(Math.max(1, displayWidth(marked))))}`,
  ];
  return out.join("\n");
}

export function renderDiagnostic(
  d: Diagnostic,
  linesOf: (file: string) => LineIndex | undefined,
  lang: Lang,
  c: Colors,
): string {
  const lines = linesOf(d.file);
  const sev = d.severity === "error" ? c.red("error") : d.severity === "warning" ? c.yellow("warning") : c.cyan("info");
  const head = `${c.bold(location(d, lines))} ${sev} ${c.dim(d.code)} ${d.message[lang]}`;
  const parts = [head];
  if (lines && d.span.end > d.span.start) {
    const f = codeFrame(lines, d.span.start, d.span.end, c);
    if (f) parts.push(f);
  }
  for (const r of d.related) parts.push(`  ${c.dim("note:")} ${location(r, linesOf(r.file))} ${r.message[lang]}`);
  return parts.join("\n");
}

export function lineIndexFor(texts: ReadonlyMap<string, string>): (file: string) => LineIndex | undefined {
  const cache = new Map<string, LineIndex>();
  return (file) => {
    const t = texts.get(file);
    if (t === undefined) return undefined;
    let li = cache.get(file);
    if (!li) {
      li = new LineIndex(t);
      cache.set(file, li);
    }
    return li;
  };
}

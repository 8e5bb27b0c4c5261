import type { Span } from "../syntax/ast.js";
import { DIAGNOSTICS, type DiagnosticCode, type DiagnosticArgs } from "./codes.js";
import type { Message, Severity } from "./message.js";

export type { Lang, Message, Severity } from "./message.js";

export interface Location {
  /** The document's URI or path, as it was loaded. */
  readonly file: string;
  readonly span: Span;
}

export interface RelatedInfo extends Location {
  readonly message: Message;
}

/**
 * A diagnostic is data: the checker produces it; the CLI and the language
 * server only display it.
 */
export interface Diagnostic extends Location {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: Message;
  readonly related: readonly RelatedInfo[];
  /** Machine-readable details for quick fixes (e.g. a suggested name). */
  readonly data?: Readonly<Record<string, unknown>>;
}

export function diagnostic<C extends DiagnosticCode>(
  code: C,
  at: Location,
  args: DiagnosticArgs<C>,
  related: readonly RelatedInfo[] = [],
  data?: Readonly<Record<string, unknown>>,
): Diagnostic {
  const spec = DIAGNOSTICS[code];
  const message = (spec.message as (a: DiagnosticArgs<C>) => Message)(args);
  return {
    code,
    severity: spec.severity,
    file: at.file,
    span: ordered(at.span),
    message,
    related: related.map((r) => ({ ...r, span: ordered(r.span) })),
    ...(data ? { data } : {}),
  };
}

/**
 * A node rebuilt by error recovery may end before it starts (a missing operand has no
 * location); editors and code frames need start <= end, so such a span shrinks to its start.
 */
function ordered(span: Span): Span {
  return span.end < span.start ? { start: span.start, end: span.start } : span;
}

export function hasErrors(ds: readonly Diagnostic[]): boolean {
  return ds.some((d) => d.severity === "error");
}

export function sortDiagnostics(ds: readonly Diagnostic[]): Diagnostic[] {
  return [...ds].sort((a, b) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : a.span.start - b.span.start || (a.code < b.code ? -1 : 1),
  );
}

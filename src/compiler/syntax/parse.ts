/**
 * Text → tokens → CST → AST, with syntax diagnostics. Never throws on bad
 * input: invalid UTF-8, binary data and arbitrary garbage all end up as
 * diagnostics.
 */
import type { IToken, TokenType } from "chevrotain";
import type { FileNode, Span } from "./ast.js";
import { fileToAst } from "./cst-to-ast.js";
import { parserInstance, SEP } from "./parser.js";
import { rubricLexer } from "./tokens.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";

/** Errors past this many per file are summarised in one diagnostic. */
export const MAX_SYNTAX_ERRORS = 100;

export interface ParseResult {
  readonly ast: FileNode;
  readonly diagnostics: Diagnostic[];
  readonly comments: readonly IToken[];
}

/** Decodes bytes as UTF-8, reporting where decoding fails. */
export function decodeUtf8(file: string, bytes: Uint8Array): { text: string; diagnostics: Diagnostic[] } {
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, diagnostics: [] };
  } catch {
    const byte = firstInvalidUtf8Byte(bytes);
    return {
      text: "",
      diagnostics: [diagnostic("invalid-utf8", { file, span: { start: 0, end: 0 } }, { byte })],
    };
  }
}

function firstInvalidUtf8Byte(b: Uint8Array): number {
  const dec = new TextDecoder("utf-8", { fatal: true });
  // Binary search on the longest valid prefix (a cut may split a character:
  // allow up to 3 bytes of slack).
  let lo = 0;
  let hi = b.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    let ok = false;
    for (let k = 0; k <= 3 && mid - k >= 0; k++) {
      try {
        dec.decode(b.subarray(0, mid - k));
        ok = true;
        break;
      } catch {
        /* try a shorter prefix */
      }
    }
    if (ok) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function parseText(file: string, text: string): ParseResult {
  const diagnostics: Diagnostic[] = [];
  if (/[\u0000-\u0008\u000e-\u001f]/.test(text)) {
    diagnostics.push(diagnostic("binary-file", { file, span: { start: 0, end: 0 } }, {}));
    return { ast: { kind: "File", items: [], span: { start: 0, end: 0 } }, diagnostics, comments: [] };
  }
  if (text.trim() === "") {
    diagnostics.push(diagnostic("empty-file", { file, span: { start: 0, end: 0 } }, {}));
  }
  const lexed = rubricLexer.tokenize(text);
  for (const e of lexed.errors) {
    if (diagnostics.length >= MAX_SYNTAX_ERRORS) break;
    const span: Span = { start: e.offset, end: e.offset + Math.max(1, e.length) };
    diagnostics.push(diagnostic("unexpected-character", { file, span }, { text: text.slice(span.start, Math.min(span.end, span.start + 8)) }));
  }
  parserInstance.input = lexed.tokens;
  const cst = parserInstance.file();
  for (const e of parserInstance.errors) {
    if (diagnostics.length >= MAX_SYNTAX_ERRORS) break;
    const [found = "", expected = ""] = e.message.split(SEP);
    const t = e.token;
    const start = Number.isNaN(t.startOffset) ? ((e as { previousToken?: IToken }).previousToken?.endOffset ?? text.length - 1) + 1 : t.startOffset;
    const end = Number.isNaN(t.startOffset) ? start : (t.endOffset ?? t.startOffset) + 1;
    diagnostics.push(diagnostic("syntax-error", { file, span: { start, end: Math.max(end, start) } }, { found, expected }));
  }
  const total = lexed.errors.length + parserInstance.errors.length;
  if (total > MAX_SYNTAX_ERRORS) {
    diagnostics.push(diagnostic("too-many-errors", { file, span: { start: 0, end: 0 } }, { shown: MAX_SYNTAX_ERRORS }));
  }
  const comments = lexed.groups["comments"] ?? [];
  return { ast: fileToAst(cst), diagnostics, comments };
}

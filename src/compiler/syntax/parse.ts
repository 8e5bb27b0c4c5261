/**
 * Text → tokens → CST → AST, with syntax diagnostics. Never throws on bad
 * input: invalid UTF-8, binary data and arbitrary garbage all end up as
 * diagnostics.
 */
import type { IRecognitionException, IToken } from "chevrotain";
import type { FileNode, Span } from "./ast.js";
import { fileToAst } from "./cst-to-ast.js";
import { parserInstance, SEP } from "./parser.js";
import { tokenize } from "./tokens.js";
import { mergeDigitNames } from "./recovery.js";
import { isKeywordToken, keywordNamesDeclared, unusableKeywordNames } from "./keyword-names.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";

/** Errors past this many per file are summarised in one diagnostic. */
export const MAX_SYNTAX_ERRORS = 100;
/** Brackets and prefix operators nested deeper than this are refused. */
export const MAX_NESTING = 100;

export interface ParseResult {
  readonly ast: FileNode;
  readonly diagnostics: Diagnostic[];
  readonly comments: readonly IToken[];
  /**
   * The lexer's tokens of the whole text (comments aside), as lexed: editor features (highlighting, the
   * cursor's context) read them instead of lexing again.
   */
  readonly tokens: readonly IToken[];
  /** Keywords the file declares as names: an incremental reparse reads them the same way. */
  readonly keywordNames?: ReadonlySet<string>;
  /**
   * Where recovery acted, for an incremental re-parse to tell whether an edited declaration can be parsed
   * alone: offsets of the tokens where a block ended without its `}`, and of every lexer, digit-name and
   * parser error (NaN at the end of the input). Absent after a refused parse (binary, too deep).
   */
  readonly recovery?: { readonly unclosed: readonly number[]; readonly errors: readonly number[] };
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

/** Index of the first byte that does not start or continue a well-formed UTF-8 sequence. */
export function firstInvalidUtf8Byte(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i] as number;
    const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || d < 0x80 || d > 0xbf) return i;
    }
    // Overlong, surrogate and out-of-range forms.
    const d1 = b[i + 1] ?? 0;
    if (
      (c === 0xe0 && d1 < 0xa0) ||
      (c === 0xed && d1 > 0x9f) ||
      (c === 0xf0 && d1 < 0x90) ||
      (c === 0xf4 && d1 > 0x8f)
    )
      return i;
    i += n + 1;
  }
  return b.length;
}

export function parseText(file: string, text: string): ParseResult {
  const diagnostics: Diagnostic[] = [];
  if (/[\u0000-\u0008\u000e-\u001f]/.test(text)) {
    diagnostics.push(diagnostic("binary-file", { file, span: { start: 0, end: 0 } }, {}));
    return { ast: { kind: "File", items: [], span: { start: 0, end: 0 } }, diagnostics, comments: [], tokens: [] };
  }
  if (text.trim() === "") {
    diagnostics.push(diagnostic("empty-file", { file, span: { start: 0, end: 0 } }, {}));
  }
  const lexed = tokenize(text);
  for (const e of lexed.errors) {
    if (diagnostics.length >= MAX_SYNTAX_ERRORS) break;
    const span: Span = { start: e.offset, end: e.offset + Math.max(1, e.length) };
    diagnostics.push(
      diagnostic(
        "unexpected-character",
        { file, span },
        { text: text.slice(span.start, Math.min(span.end, span.start + 8)) },
      ),
    );
  }
  // The parser is recursive descent: bound the nesting it can be asked to
  // follow, so that garbage like "((((((…" ends in a diagnostic, not a stack overflow.
  let tokens = lexed.tokens;
  let depth = 0;
  let prefixRun = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as IToken;
    const name = t.tokenType.name;
    if (name === "LParen" || name === "LBrace" || name === "LBracket") depth++;
    else if (name === "RParen" || name === "RBrace" || name === "RBracket") depth = Math.max(0, depth - 1);
    prefixRun = name === "Minus" || name === "Not" ? prefixRun + 1 : 0;
    if (depth > MAX_NESTING || prefixRun > MAX_NESTING) {
      diagnostics.push(
        diagnostic(
          "too-deep",
          { file, span: { start: t.startOffset, end: (t.endOffset ?? t.startOffset) + 1 } },
          { limit: MAX_NESTING },
        ),
      );
      tokens = tokens.slice(0, i);
      break;
    }
  }
  const digitNames = mergeDigitNames(file, tokens);
  tokens = digitNames.tokens;
  diagnostics.push(...digitNames.diagnostics);
  parserInstance.keywordNames = keywordNamesDeclared(tokens);
  parserInstance.setInput(tokens);
  let cst;
  try {
    cst = parserInstance.file();
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    diagnostics.push(diagnostic("too-deep", { file, span: { start: 0, end: 0 } }, { limit: MAX_NESTING }));
    return {
      ast: { kind: "File", items: [], span: { start: 0, end: text.length } },
      diagnostics,
      comments: [],
      tokens: lexed.tokens,
    };
  }
  diagnostics.push(
    ...parserErrorDiagnostics(file, text, parserInstance.errors, MAX_SYNTAX_ERRORS - diagnostics.length),
  );
  for (const t of unusableKeywordNames(tokens)) {
    diagnostics.push(
      diagnostic(
        "keyword-name",
        { file, span: { start: t.startOffset, end: (t.endOffset ?? t.startOffset) + 1 } },
        { word: t.image, inRule: true },
      ),
    );
  }
  const total = lexed.errors.length + parserInstance.errors.length;
  if (total > MAX_SYNTAX_ERRORS) {
    diagnostics.push(diagnostic("too-many-errors", { file, span: { start: 0, end: 0 } }, { shown: MAX_SYNTAX_ERRORS }));
  }
  const comments = lexed.groups["comments"] ?? [];
  let ast: FileNode;
  try {
    ast = fileToAst(cst);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    diagnostics.push(diagnostic("too-deep", { file, span: { start: 0, end: 0 } }, { limit: MAX_NESTING }));
    ast = { kind: "File", items: [], span: { start: 0, end: text.length } };
  }
  return {
    ast,
    diagnostics,
    comments,
    tokens: lexed.tokens,
    keywordNames: parserInstance.keywordNames,
    recovery: {
      unclosed: parserInstance.unclosedOffsets(),
      errors: [
        ...lexed.errors.map((e) => e.offset),
        ...digitNames.diagnostics.map((d) => d.span.start),
        ...parserInstance.errors.map((e) => e.token.startOffset),
      ],
    },
  };
}

/**
 * The parser's errors as diagnostics, at most `room` of them: one per token (recovery may meet one stray token
 * at several levels, a list then its block), a keyword where a name was wanted said so.
 */
export function parserErrorDiagnostics(
  file: string,
  text: string,
  errors: readonly IRecognitionException[],
  room: number,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const reported = new Set<number>();
  for (const e of errors) {
    if (out.length >= room) break;
    if (reported.has(e.token.startOffset)) continue;
    if (!Number.isNaN(e.token.startOffset)) reported.add(e.token.startOffset);
    const [found = "", expected = ""] = e.message.split(SEP);
    const t = e.token;
    const start = Number.isNaN(t.startOffset)
      ? ((e as { previousToken?: IToken }).previousToken?.endOffset ?? text.length - 1) + 1
      : t.startOffset;
    const end = Number.isNaN(t.startOffset) ? start : (t.endOffset ?? t.startOffset) + 1;
    // A keyword where a name was wanted: say so, rather than "expected name".
    if (
      !Number.isNaN(t.startOffset) &&
      isKeywordToken(t) &&
      /^(name|string)(, (name|string))*$/.test(expected) &&
      expected.includes("name")
    ) {
      out.push(diagnostic("keyword-name", { file, span: { start, end } }, { word: t.image, inRule: false }));
      continue;
    }
    out.push(diagnostic("syntax-error", { file, span: { start, end: Math.max(end, start) } }, { found, expected }));
  }
  return out;
}

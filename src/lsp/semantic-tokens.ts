/**
 * Semantic tokens from the lexer's tokens (the same lexer as the compiler,
 * so highlighting cannot disagree with parsing), classified by the symbol
 * index: a soft keyword used as a name is coloured as that name.
 */
import { SemanticTokensBuilder, type SemanticTokens, type SemanticTokensLegend } from "vscode-languageserver";
import type { IToken } from "chevrotain";
import { KEYWORDS } from "../compiler/syntax/keywords.js";
import { builtin } from "../compiler/analysis/builtins.js";
import type { Snapshot } from "./snapshot.js";
import type { SymbolKind } from "./symbols.js";

export const TOKEN_TYPES = [
  "keyword",
  "parameter",
  "variable",
  "property",
  "class",
  "namespace",
  "enum",
  "enumMember",
  "function",
  "number",
  "string",
  "comment",
  "type",
] as const;
export const TOKEN_MODIFIERS = ["declaration", "readonly", "defaultLibrary"] as const;

export const LEGEND: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

type TokenType = (typeof TOKEN_TYPES)[number];
const typeIndex = (t: TokenType): number => TOKEN_TYPES.indexOf(t);
const MOD_DECLARATION = 1 << 0;
const MOD_READONLY = 1 << 1;
const MOD_DEFAULT_LIBRARY = 1 << 2;

const SYMBOL_TYPE: Record<SymbolKind, TokenType> = {
  input: "parameter",
  let: "variable",
  indicator: "property",
  part: "property",
  group: "class",
  rubric: "namespace",
  rule: "function",
  enum: "enum",
  member: "enumMember",
  scale: "enum",
};

const KEYWORD_NAMES = new Set<string>(KEYWORDS.map((k) => k.name));
const TYPE_KEYWORDS = new Set(["Money", "Ratio", "Count", "Points", "Number", "Bool", "Text", "List", "Target"]);

export interface ClassifiedToken {
  readonly start: number;
  readonly end: number;
  readonly type: TokenType;
  readonly modifiers: number;
}

/** Every classified token of a document, in order. */
export function classify(snap: Snapshot, uri: string): ClassifiedToken[] {
  const lexed = snap.lex(uri);
  const index = snap.index;
  const all: IToken[] = [...lexed.tokens, ...lexed.comments].sort((a, b) => a.startOffset - b.startOffset);
  const out: ClassifiedToken[] = [];
  all.forEach((t, i) => {
    const start = t.startOffset;
    const end = (t.endOffset ?? t.startOffset) + 1;
    const name = t.tokenType.name;
    const push = (type: TokenType, modifiers = 0): void => {
      out.push({ start, end, type, modifiers });
    };
    if (name === "LineComment" || name === "BlockComment") return push("comment");
    if (name === "NumberLiteral" || name === "DateLiteral") return push("number");
    const occ =
      name === "Identifier" || name === "StringLiteral" || KEYWORD_NAMES.has(name) ? index.at(uri, start) : undefined;
    if (occ && occ.span.start === start) {
      const mods = (occ.role === "declaration" ? MOD_DECLARATION : 0) | (occ.symbol.kind === "let" ? MOD_READONLY : 0);
      return push(SYMBOL_TYPE[occ.symbol.kind], mods);
    }
    if (name === "StringLiteral") return push("string");
    if (name === "Identifier") {
      const next = all[i + 1];
      if (builtin(t.image) && next && next.tokenType.name === "LParen") push("function", MOD_DEFAULT_LIBRARY);
      return;
    }
    if (TYPE_KEYWORDS.has(name)) return push("type");
    if (KEYWORD_NAMES.has(name)) return push("keyword");
  });
  return out;
}

export function semanticTokens(snap: Snapshot, uri: string): SemanticTokens {
  const doc = snap.document(uri);
  const builder = new SemanticTokensBuilder();
  if (!doc) return builder.build();
  for (const t of classify(snap, uri)) {
    // One token per line: clients need not support multi-line tokens.
    let s = t.start;
    while (s < t.end) {
      const pos = doc.lines.position(s);
      const nl = doc.text.indexOf("\n", s);
      const e = nl >= 0 && nl < t.end ? nl : t.end;
      const len = doc.text[e - 1] === "\r" ? e - 1 - s : e - s;
      if (len > 0) builder.push(pos.line, pos.character, len, typeIndex(t.type), t.modifiers);
      s = e + 1;
    }
  }
  return builder.build();
}

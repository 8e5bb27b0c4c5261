import { createToken, Lexer, type TokenType } from "chevrotain";
import { KEYWORDS, type KeywordName } from "./keywords.js";

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export const WhiteSpace = createToken({
  name: "WhiteSpace",
  pattern: /[ \t\r\n\u00a0\u3000\ufeff]+/,
  group: Lexer.SKIPPED,
});
export const LineComment = createToken({
  name: "LineComment",
  pattern: /\/\/[^\n\r]*/,
  group: "comments",
});
export const BlockComment = createToken({
  name: "BlockComment",
  pattern: /\/\*[\s\S]*?\*\//,
  group: "comments",
  line_breaks: true,
});

/**
 * chevrotain rebuilds pattern regexes without the `u` flag, which breaks
 * `\p{L}`; a custom matcher keeps Unicode semantics (CJK identifiers).
 */
function unicodeMatcher(re: RegExp): (text: string, offset: number) => RegExpExecArray | null {
  const sticky = new RegExp(re.source, "uy");
  return (text, offset) => {
    sticky.lastIndex = offset;
    return sticky.exec(text);
  };
}

/** Anything that can stand as a name: identifiers and soft keywords. */
export const Name = createToken({ name: "Name", pattern: Lexer.NA });

export const Identifier = createToken({
  name: "Identifier",
  categories: [Name],
  pattern: unicodeMatcher(/[\p{L}_][\p{L}\p{N}_·]*/u),
  line_breaks: false,
});

export const StringLiteral = createToken({
  name: "StringLiteral",
  pattern: /"(?:[^"\\]|\\[\s\S])*"|“[^”]*”/,
  line_breaks: true,
});

export const NumberLiteral = createToken({
  name: "NumberLiteral",
  pattern: /\d+(?:\.\d+)?/,
});

function punct(name: string, pattern: RegExp, label: string): TokenType {
  return createToken({ name, pattern, label });
}

export const DotDot = punct("DotDot", /\.\./, "'..'");
export const Dot = punct("Dot", /\./, "'.'");
export const Arrow = punct("Arrow", /->|→/, "'->'");
export const GreaterEq = punct("GreaterEq", />=|≥/, "'>='");
export const LessEq = punct("LessEq", /<=|≤/, "'<='");
export const NotEq = punct("NotEq", /!=|≠/, "'!='");
export const EqEq = punct("EqEq", /==/, "'=='");
export const Equals = punct("Equals", /=/, "'='");
export const Greater = punct("Greater", />/, "'>'");
export const Less = punct("Less", /</, "'<'");
export const Plus = punct("Plus", /\+/, "'+'");
export const Minus = punct("Minus", /-/, "'-'");
export const Star = punct("Star", /\*|×/, "'*'");
export const Slash = punct("Slash", /\/|÷/, "'/'");
export const Percent = punct("Percent", /%|％/, "'%'");
export const LBrace = punct("LBrace", /\{/, "'{'");
export const RBrace = punct("RBrace", /\}/, "'}'");
export const LParen = punct("LParen", /\(|（/, "'('");
export const RParen = punct("RParen", /\)|）/, "')'");
export const LBracket = punct("LBracket", /\[|【/, "'['");
export const RBracket = punct("RBracket", /\]|】/, "']'");
export const Comma = punct("Comma", /,|，|、/, "','");
export const Semicolon = punct("Semicolon", /;|；/, "';'");
export const Colon = punct("Colon", /:|：/, "':'");

/**
 * One token type per keyword; each matches all of its spellings, but only as
 * a whole word (a lookahead refuses a following identifier character), so
 * `否` never splits `否决` or `否决事项` and no ordering trick is needed.
 */
export const keywordTokens: Record<KeywordName, TokenType> = Object.fromEntries(
  KEYWORDS.map((k) => {
    const all = [...k.en, ...k.zh].sort((a, b) => b.length - a.length);
    const label = all.map((s) => `'${s}'`).join("/");
    const tok = createToken({
      name: k.name,
      pattern: unicodeMatcher(new RegExp(`(?:${all.map(escapeRegExp).join("|")})(?![\\p{L}\\p{N}_·])`, "u")),
      line_breaks: false,
      start_chars_hint: [...new Set(all.map((s) => s.codePointAt(0) ?? 0))].map((c) => String.fromCodePoint(c)),
      label,
      ...("soft" in k && k.soft ? { categories: [Name] } : {}),
    });
    return [k.name, tok];
  }),
) as Record<KeywordName, TokenType>;

const orderedKeywords: TokenType[] = KEYWORDS.map((k) => keywordTokens[k.name]);

export const allTokens: TokenType[] = [
  Name,
  WhiteSpace,
  BlockComment,
  LineComment,
  StringLiteral,
  NumberLiteral,
  DotDot,
  Dot,
  Arrow,
  GreaterEq,
  LessEq,
  NotEq,
  EqEq,
  Equals,
  Greater,
  Less,
  Plus,
  ...orderedKeywords,
  Minus,
  Star,
  Slash,
  Percent,
  LBrace,
  RBrace,
  LParen,
  RParen,
  LBracket,
  RBracket,
  Comma,
  Semicolon,
  Colon,
  Identifier,
];

export const rubricLexer = new Lexer(allTokens, {
  positionTracking: "full",
  ensureOptimizations: false,
  safeMode: true,
  recoveryEnabled: true,
});

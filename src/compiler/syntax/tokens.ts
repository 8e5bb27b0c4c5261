import { createToken, Lexer, type ILexingResult, type TokenType } from "chevrotain";
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
export const Name = createToken({ name: "Name", pattern: Lexer.NA, label: "name" });

/**
 * Any word, keywords included. Where a name follows a keyword that announces
 * it (`rubric 等级`, `input 总分`, `group 分类`), no keyword can stand, so any
 * keyword is read as a name there: everyday words stay usable as names, and a
 * keyword added to the table later is covered without further work.
 */
export const Word = createToken({ name: "Word", pattern: Lexer.NA, label: "name" });

/**
 * The characters an identifier may start with, as chevrotain's first-character table needs them: without
 * the hint, one custom pattern makes the lexer try every pattern in turn at every token. Below 256 the
 * table is exact; above, chevrotain groups code points in blocks, so every code point is listed
 * (surrogates included): a word in any script still reaches the identifier matcher.
 */
function identifierStarts(): number[] {
  const starts: number[] = [];
  for (let c = 0; c < 256; c++) if (/[\p{L}_]/u.test(String.fromCharCode(c))) starts.push(c);
  for (let c = 256; c < 65536; c++) starts.push(c);
  return starts;
}

export const Identifier = createToken({
  name: "Identifier",
  label: "name",
  categories: [Name, Word],
  pattern: unicodeMatcher(/[\p{L}_][\p{L}\p{N}_·]*/u),
  start_chars_hint: identifierStarts(),
  line_breaks: false,
});

export const StringLiteral = createToken({
  name: "StringLiteral",
  label: "string",
  pattern: /"(?:[^"\\]|\\[\s\S])*"|“[^”]*”/,
  line_breaks: true,
});

// Issue 11, rule kind 6: a date literal is lexed before numbers, so `2023-06-30` is one token, not 2023 − 6 − 30.
export const DateLiteral = createToken({
  name: "DateLiteral",
  label: "date",
  pattern: /\d{4}-\d{2}-\d{2}(?![\d.])/,
});

export const NumberLiteral = createToken({
  name: "NumberLiteral",
  label: "number",
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
 * One token type per keyword. Keywords are not matched by the lexer: a word
 * is lexed as an Identifier and then looked up in the keyword table (see
 * `tokenize`), so a keyword is always a whole word (`否` never splits
 * `否决事项`) and the lexer does not try 70 patterns at every offset.
 * `half-up`/`half-even` contain a hyphen and are lexed directly.
 */
export const keywordTokens: Record<KeywordName, TokenType> = Object.fromEntries(
  KEYWORDS.map((k) => {
    const all = [...k.en, ...k.zh].sort((a, b) => b.length - a.length);
    const label = all.map((s) => `'${s}'`).join("/");
    const hyphenated = k.en.filter((s) => s.includes("-"));
    const tok = createToken({
      name: k.name,
      pattern: hyphenated.length > 0 ? new RegExp(hyphenated.map(escapeRegExp).join("|")) : Lexer.NA,
      label,
      categories: "soft" in k && k.soft ? [Name, Word] : [Word],
    });
    return [k.name, tok];
  }),
) as Record<KeywordName, TokenType>;

const hyphenatedKeywords: TokenType[] = KEYWORDS.filter((k) => k.en.some((s) => s.includes("-"))).map(
  (k) => keywordTokens[k.name],
);
const otherKeywords: TokenType[] = KEYWORDS.filter((k) => !k.en.some((s) => s.includes("-"))).map(
  (k) => keywordTokens[k.name],
);

/** Spelling → keyword token type (hyphenated spellings included for their Chinese forms). */
const keywordBySpelling = new Map<string, TokenType>();
for (const k of KEYWORDS) for (const sp of [...k.en, ...k.zh]) keywordBySpelling.set(sp, keywordTokens[k.name]);

export const allTokens: TokenType[] = [
  Name,
  Word,
  WhiteSpace,
  BlockComment,
  LineComment,
  StringLiteral,
  DateLiteral,
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
  ...hyphenatedKeywords,
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
  ...otherKeywords,
];

/**
 * `validate`: check the token definitions while building the lexer (chevrotain's regular-expression
 * analysis, a third of the lexer's construction every command paid at start-up). They only change with
 * the source: test/syntax/lexer-valid.test.ts builds a validating lexer.
 */
export function createLexer(validate = false): Lexer {
  return new Lexer(allTokens, {
    positionTracking: "full",
    // Every pattern has known first characters (see `identifierStarts`): the lexer tries only those that can match.
    ensureOptimizations: true,
    skipValidations: !validate,
    recoveryEnabled: true,
  });
}

const rubricLexer = createLexer();

/** Lexes text; identifiers spelled like a keyword become that keyword's token. */
export function tokenize(text: string): ILexingResult {
  const r = rubricLexer.tokenize(text);
  for (const t of r.tokens) {
    if (t.tokenType !== Identifier) continue;
    const kw = keywordBySpelling.get(t.image);
    if (kw) {
      t.tokenType = kw;
      t.tokenTypeIdx = kw.tokenTypeIdx as number;
    }
  }
  return r;
}

/**
 * Keywords a file uses as names of inputs, lets and enum members. Names are
 * announced by a keyword (`input 总分`), so a keyword is read as a name there
 * whatever it is; in an expression, though, a keyword-spelled word is read as
 * a name only if the file declares it, so that an unfinished expression never
 * swallows the next statement's keyword (`part a 2 = x *⏎part b …`).
 */
import type { IToken, TokenType } from "chevrotain";
import { Identifier, keywordTokens } from "./tokens.js";
import { parserInstance } from "./parser.js";

const K = keywordTokens;

const KEYWORD_TYPES: ReadonlySet<TokenType> = new Set(Object.values(K));

// Asked of every token on every parse: a set lookup, not a search of the keyword table.
const isKeyword = (t: IToken | undefined): t is IToken =>
  !!t && t.tokenType !== Identifier && KEYWORD_TYPES.has(t.tokenType);

/** Declarations of inputs, lets and enums: the name token, and an enum's member tokens. */
function* declarations(
  tokens: readonly IToken[],
): Generator<{ kind: "input" | "let" | "enum"; name: IToken; members: IToken[] }> {
  const isWord = (t: IToken | undefined): t is IToken => !!t && (t.tokenType === Identifier || isKeyword(t));
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as IToken;
    if (t.tokenType !== K.Input && t.tokenType !== K.Let && t.tokenType !== K.Enum) continue;
    const name = tokens[i + 1];
    const after = tokens[i + 2]?.tokenType.name;
    if (!isWord(name)) continue;
    // The shape decides, not the word: in `group enum 1 { … }`, `enum` is a name.
    if (t.tokenType === K.Input && (after === "Colon" || tokens[i + 2]?.tokenType === K.Alias))
      yield { kind: "input", name, members: [] };
    else if (t.tokenType === K.Let && after === "Equals") yield { kind: "let", name, members: [] };
    else if (t.tokenType === K.Enum && after === "LBrace") {
      const members: IToken[] = [];
      for (let j = i + 3; j < tokens.length && tokens[j]?.tokenType.name !== "RBrace"; j++)
        if (isWord(tokens[j])) members.push(tokens[j] as IToken);
      yield { kind: "enum", name, members };
    }
  }
}

export function keywordNamesDeclared(tokens: readonly IToken[]): Set<string> {
  const out = new Set<string>();
  for (const d of declarations(tokens)) for (const t of [d.name, ...d.members]) if (isKeyword(t)) out.add(t.image);
  return out;
}

let claimed: Set<TokenType> | undefined;

/** Keywords that start a rule form in an expression (`judged`, `if`, `true`…): read as that form, never as a name. */
export function keywordsClaimedByExpressions(): ReadonlySet<TokenType> {
  claimed ??= new Set(
    parserInstance
      .computeContentAssist("expr", [])
      .map((s) => s.nextTokenType)
      .filter((t) => KEYWORD_TYPES.has(t)),
  );
  return claimed;
}

/** Inputs, lets and enum members named by a keyword an expression would read as itself: they could never be used. */
export function unusableKeywordNames(tokens: readonly IToken[]): IToken[] {
  const claimedTypes = keywordsClaimedByExpressions();
  const out: IToken[] = [];
  for (const d of declarations(tokens))
    for (const t of d.kind === "enum" ? d.members : [d.name]) if (claimedTypes.has(t.tokenType)) out.push(t);
  return out;
}

/** Whether a token is a keyword (not an identifier spelled otherwise). */
export function isKeywordToken(t: IToken): boolean {
  return isKeyword(t);
}

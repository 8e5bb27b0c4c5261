import { describe, expect, it } from "vitest";
import { createLexer, tokenize } from "../../src/compiler/syntax/tokens.js";

// The shipped lexer skips chevrotain's checks of the token definitions to start faster; this is where they run.
describe("the lexer", () => {
  it("passes chevrotain's validations of the token definitions", () => {
    // chevrotain throws "Errors detected in definition of Lexer" on an unreachable or invalid pattern.
    expect(() => createLexer(true)).not.toThrow();
  });

  // Identifiers start with any letter: the first-character table must reach the identifier matcher from every script.
  it("reads words in any script, beside full-width punctuation", () => {
    const text = "ǽx Ωmega 𠀀字 ª_1 名称（率）≥ 90％ “说明”";
    const r = tokenize(text);
    expect(r.errors).toEqual([]);
    expect(r.tokens.map((t) => [t.image, t.tokenType.name])).toEqual([
      ["ǽx", "Identifier"],
      ["Ωmega", "Identifier"],
      ["𠀀字", "Identifier"],
      ["ª_1", "Identifier"],
      ["名称", "Identifier"],
      ["（", "LParen"],
      ["率", "Identifier"],
      ["）", "RParen"],
      ["≥", "GreaterEq"],
      ["90", "NumberLiteral"],
      ["％", "Percent"],
      ["“说明”", "StringLiteral"],
    ]);
  });
});

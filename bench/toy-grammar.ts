/**
 * A toy chevrotain grammar of the same shape as the rubric language on the generated rubric — the
 * same tokens (the real lexer) and nesting: rubric, inputs, groups, indicators, notes, lets, parts,
 * band lists, one flat operator-expression rule — with a CST and no recovery blocks, no gates, no
 * AST. It is the yardstick for the parser's speed: what chevrotain itself costs on this input.
 */
import { CstParser } from "chevrotain";
import * as T from "../src/compiler/syntax/tokens.js";

const K = T.keywordTokens;
const OPS = [T.Plus, T.Minus, T.Star, T.Slash, T.GreaterEq, T.Greater, T.LessEq, T.Less, T.Equals];

class ToyRules extends CstParser {
  constructor() {
    super(T.allTokens, { nodeLocationTracking: "onlyOffset", maxLookahead: 2 });
  }
  public file = this.RULE("file", () => {
    this.CONSUME(K.Rubric);
    this.CONSUME(T.Word);
    this.CONSUME(T.LBrace);
    this.MANY(() =>
      this.OR([
        { ALT: () => this.SUBRULE(this.meta) },
        { ALT: () => this.SUBRULE(this.inputDecl) },
        { ALT: () => this.SUBRULE(this.group) },
      ]),
    );
    this.CONSUME(T.RBrace);
  });
  public meta = this.RULE("meta", () => {
    this.OR([{ ALT: () => this.CONSUME(K.Total) }, { ALT: () => this.CONSUME(K.Rounding) }]);
    this.MANY(() =>
      this.OR2([
        { ALT: () => this.CONSUME(T.NumberLiteral) },
        { ALT: () => this.CONSUME(K.Indicator) },
        { ALT: () => this.CONSUME(K.HalfUp) },
      ]),
    );
  });
  public inputDecl = this.RULE("inputDecl", () => {
    this.CONSUME(K.Input);
    this.CONSUME(T.Word);
    this.CONSUME(T.Colon);
    this.CONSUME(K.Money);
    this.CONSUME(T.LParen);
    this.CONSUME(K.WanYuan);
    this.CONSUME(T.RParen);
    this.OR([{ ALT: () => this.CONSUME(T.Greater) }, { ALT: () => this.CONSUME(T.GreaterEq) }]);
    this.SUBRULE(this.expr);
  });
  public group = this.RULE("group", () => {
    this.CONSUME(K.Group);
    this.CONSUME(T.Word);
    this.CONSUME(T.NumberLiteral);
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.indicator));
    this.CONSUME(T.RBrace);
  });
  public indicator = this.RULE("indicator", () => {
    this.CONSUME(K.Indicator);
    this.CONSUME(T.Word);
    this.CONSUME(T.NumberLiteral);
    this.CONSUME(T.LBrace);
    this.MANY(() =>
      this.OR([
        { ALT: () => this.SUBRULE(this.note) },
        { ALT: () => this.SUBRULE(this.letDecl) },
        { ALT: () => this.SUBRULE(this.part) },
      ]),
    );
    this.CONSUME(T.RBrace);
  });
  public note = this.RULE("note", () => {
    this.CONSUME(K.Note);
    this.CONSUME(T.StringLiteral);
  });
  public letDecl = this.RULE("letDecl", () => {
    this.CONSUME(K.Let);
    this.CONSUME(T.Word);
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expr);
  });
  public part = this.RULE("part", () => {
    this.CONSUME(K.Part);
    this.CONSUME(T.Word);
    this.CONSUME(T.NumberLiteral);
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expr);
  });
  public expr = this.RULE("expr", () => {
    this.SUBRULE(this.operand);
    this.MANY(() => {
      this.OR(OPS.map((t) => ({ ALT: () => this.CONSUME(t, { LABEL: "op" }) })));
      this.SUBRULE2(this.operand);
    });
  });
  public operand = this.RULE("operand", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.NumberLiteral);
          this.OPTION(() => this.CONSUME(T.Percent));
        },
      },
      { ALT: () => this.CONSUME(T.Name) },
      { ALT: () => this.CONSUME(K.Judged) },
      { ALT: () => this.SUBRULE(this.bands) },
    ]);
  });
  public bands = this.RULE("bands", () => {
    this.CONSUME(K.Bands);
    this.CONSUME(T.Name);
    this.CONSUME(T.LBrace);
    this.MANY(() => {
      this.OR([
        {
          ALT: () => {
            this.OR2([{ ALT: () => this.CONSUME(T.GreaterEq) }, { ALT: () => this.CONSUME(T.Less) }]);
            this.SUBRULE(this.expr);
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.LBracket);
            this.SUBRULE2(this.expr);
            this.CONSUME(T.Comma);
            this.SUBRULE3(this.expr);
            this.OR3([{ ALT: () => this.CONSUME(T.RParen) }, { ALT: () => this.CONSUME(T.RBracket) }]);
          },
        },
      ]);
      this.CONSUME(T.Arrow);
      this.SUBRULE4(this.expr);
      this.OPTION2(() => this.CONSUME(T.Semicolon));
    });
    this.CONSUME(T.RBrace);
  });
}

/** Analysed once every rule field is set (as `RubricParser` does). */
class ToyParser extends ToyRules {
  constructor() {
    super();
    this.performSelfAnalysis();
  }
}

const toy = new ToyParser();

/** Lexes and parses `text` with the toy grammar; throws if the text is not of the generated shape. */
export function toyParse(text: string): void {
  toy.input = T.tokenize(text).tokens;
  toy.file();
  if (toy.errors.length > 0) throw new Error(`toy grammar: ${toy.errors[0]?.message ?? ""}`);
}

/**
 * The grammar, and nothing else: a chevrotain CST parser with error recovery per declaration
 * (parser-base.ts). This file holds the file and rubric level, the derived-rubric changes and the
 * examples; declarations are in grammar-decl.ts, expressions in grammar-expr.ts. Semantic actions
 * live in `cst-to-ast.ts`.
 */
import * as T from "./tokens.js";
import type { ItemStarts } from "./parser-base.js";
import { DeclarationParser, INDICATOR_ITEMS } from "./grammar-decl.js";
import { LEVEL } from "./precedence.js";

const K = T.keywordTokens;

/** What may start an item of each block (recovery resumes there). */
const FILE_ITEMS: ItemStarts = new Set([K.Rubric, K.Example]);
const RUBRIC_ITEMS: ItemStarts = new Set([
  K.Year,
  K.Locality,
  K.Source,
  K.Total,
  K.Rounding,
  K.Grades,
  K.Enum,
  K.Input,
  K.Let,
  K.Group,
  K.Indicator,
  K.Reweight,
  K.Replace,
  K.Add,
  K.Remove,
  K.Reword,
  K.Rename,
  K.Example,
  K.Scale,
  K.Rule,
  K.Note,
  K.Standard,
]);
const EXAMPLE_ITEMS: ItemStarts = new Set([
  K.Year,
  K.Locality,
  K.Source,
  K.Total,
  K.Given,
  K.Judge,
  K.Override,
  K.Expect,
]);
const REPLACE_ITEMS: ItemStarts = new Set([...INDICATOR_ITEMS, K.Group, K.Indicator]);

export class RubricParser extends DeclarationParser {
  constructor(validate = false) {
    super(validate);
    this.performSelfAnalysis();
  }

  public file = this.RULE("file", () => {
    this.items(-1, FILE_ITEMS, () =>
      this.OR<unknown>([
        { ALT: () => this.SUBRULE(this.rubric) },
        { ALT: () => this.SUBRULE(this.example) },
        { ALT: () => this.CONSUME(T.Semicolon) },
      ]),
    );
  });

  public rubricRef = this.RULE("rubricRef", () => {
    this.SUBRULE(this.ident);
    this.OPTION(() => this.CONSUME(T.NumberLiteral));
  });

  public rubric = this.RULE("rubric", () => {
    this.CONSUME(K.Rubric);
    this.SUBRULE(this.rubricRef);
    this.OPTION(() => {
      this.CONSUME(K.Extends);
      this.SUBRULE2(this.rubricRef, { LABEL: "base" });
    });
    this.block(RUBRIC_ITEMS, () => {
      this.SUBRULE(this.rubricItem);
      this.sep();
    });
  });

  public rubricItem = this.RULE("rubricItem", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.meta) },
      { ALT: () => this.SUBRULE(this.rounding) },
      { ALT: () => this.SUBRULE(this.grades) },
      { ALT: () => this.SUBRULE(this.gradeCap) },
      { ALT: () => this.SUBRULE(this.enumDecl) },
      { ALT: () => this.SUBRULE(this.inputDecl) },
      { ALT: () => this.SUBRULE(this.letDecl) },
      { ALT: () => this.SUBRULE(this.group) },
      { ALT: () => this.SUBRULE(this.indicator) },
      { ALT: () => this.SUBRULE(this.reweight) },
      { ALT: () => this.SUBRULE(this.replace) },
      { ALT: () => this.SUBRULE(this.add) },
      { ALT: () => this.SUBRULE(this.remove) },
      { ALT: () => this.SUBRULE(this.reword) },
      { ALT: () => this.SUBRULE(this.rename) },
      { ALT: () => this.SUBRULE(this.example) },
      { ALT: () => this.SUBRULE(this.scaleDecl) },
      { ALT: () => this.SUBRULE(this.ruleDecl) },
      { ALT: () => this.SUBRULE(this.note) },
    ]);
  });

  // ---- modifications ----

  public reweight = this.RULE("reweight", () => {
    this.CONSUME(K.Reweight);
    this.SUBRULE(this.path);
    this.OPTION(() => this.SUBRULE(this.pointsLit));
    this.OPTION2(() => this.SUBRULE(this.reweightBlock));
  });

  public reweightBlock = this.RULE("reweightBlock", () => {
    this.CONSUME(T.LBrace);
    this.MANY(() => {
      this.SUBRULE(this.reweightEntry);
      this.sep();
    });
    this.CONSUME(T.RBrace);
  });

  public reweightEntry = this.RULE("reweightEntry", () => {
    this.SUBRULE(this.ident);
    this.OPTION(() => this.SUBRULE(this.pointsLit));
    this.OPTION2(() => this.SUBRULE(this.reweightBlock));
  });

  public replace = this.RULE("replace", () => {
    this.CONSUME(K.Replace);
    this.SUBRULE(this.path);
    this.OPTION(() => this.SUBRULE(this.pointsLit));
    this.block(REPLACE_ITEMS, () => {
      this.OR([
        { ALT: () => this.SUBRULE(this.indicatorItem) },
        { ALT: () => this.SUBRULE(this.group) },
        { ALT: () => this.SUBRULE(this.indicator) },
      ]);
      this.sep();
    });
  });

  public add = this.RULE("add", () => {
    this.CONSUME(K.Add);
    this.SUBRULE(this.path);
    this.OR([{ ALT: () => this.SUBRULE(this.group) }, { ALT: () => this.SUBRULE(this.indicator) }]);
  });

  public remove = this.RULE("remove", () => {
    this.CONSUME(K.Remove);
    this.SUBRULE(this.path);
  });

  public reword = this.RULE("reword", () => {
    this.CONSUME(K.Reword);
    this.SUBRULE(this.path);
    this.OPTION(() => this.CONSUME(T.StringLiteral, { LABEL: "title" }));
    this.CONSUME(T.LBrace);
    this.MANY(() => {
      this.SUBRULE(this.note);
      this.sep();
    });
    this.CONSUME(T.RBrace);
  });

  public rename = this.RULE("rename", () => {
    this.CONSUME(K.Rename);
    this.SUBRULE(this.path);
    this.CONSUME(K.To);
    this.SUBRULE(this.ident);
  });

  // ---- examples ----

  public example = this.RULE("example", () => {
    this.CONSUME(K.Example);
    this.OR([
      { ALT: () => this.CONSUME(T.StringLiteral, { LABEL: "title" }) },
      { ALT: () => this.CONSUME(T.Word, { LABEL: "title" }) },
    ]);
    this.OPTION(() => {
      this.CONSUME(K.For);
      this.SUBRULE(this.rubricRef);
    });
    this.block(EXAMPLE_ITEMS, () => {
      this.SUBRULE(this.exampleItem);
      this.sep();
    });
  });

  public exampleItem = this.RULE("exampleItem", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.meta) },
      { ALT: () => this.SUBRULE(this.given) },
      { ALT: () => this.SUBRULE(this.judge) },
      { ALT: () => this.SUBRULE(this.override) },
      { ALT: () => this.SUBRULE(this.expect) },
    ]);
  });

  public given = this.RULE("given", () => {
    this.CONSUME(K.Given);
    // Issue 11, kind 7: `given peer { … }` is another department of the run (a peer), not this one.
    this.OPTION({ GATE: () => this.LA(2).tokenType === T.LBrace, DEF: () => this.CONSUME(K.Peers) });
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.LBrace);
          this.MANY(() => {
            this.SUBRULE(this.givenEntry);
            this.sep();
          });
          this.CONSUME(T.RBrace);
        },
      },
      { ALT: () => this.SUBRULE2(this.givenEntry) },
    ]);
  });

  public givenEntry = this.RULE("givenEntry", () => {
    this.SUBRULE(this.ident);
    this.OR([{ ALT: () => this.CONSUME(T.Equals) }, { ALT: () => this.CONSUME(T.Colon) }]);
    this.SUBRULE(this.expr);
  });

  public judge = this.RULE("judge", () => {
    this.CONSUME(K.Judge);
    // `rest` is the keyword here, not a node named 其余 (write that one as "其余").
    this.OR([{ ALT: () => this.CONSUME(K.Rest), IGNORE_AMBIGUITIES: true }, { ALT: () => this.SUBRULE(this.path) }]);
    this.OR2([
      { ALT: () => this.CONSUME(K.Full) },
      {
        ALT: () => {
          this.CONSUME(T.Equals);
          this.SUBRULE(this.expr, { ARGS: [LEVEL.additive], LABEL: "additive" });
        },
      },
    ]);
    this.OPTION(() => this.SUBRULE(this.because));
  });

  public because = this.RULE("because", () => {
    this.CONSUME(K.Because);
    this.OPTION(() => this.CONSUME(T.Colon));
    this.CONSUME(T.StringLiteral);
  });

  public override = this.RULE("override", () => {
    this.CONSUME(K.Override);
    this.SUBRULE(this.path);
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expr, { ARGS: [LEVEL.additive], LABEL: "additive" });
    this.OPTION(() => this.SUBRULE(this.because));
  });

  public expect = this.RULE("expect", () => {
    this.CONSUME(K.Expect);
    this.OR3([
      { ALT: () => this.SUBRULE(this.expectError), IGNORE_AMBIGUITIES: true },
      {
        ALT: () => {
          this.OR([
            { ALT: () => this.CONSUME(K.Total), IGNORE_AMBIGUITIES: true },
            { ALT: () => this.CONSUME(K.Grades), IGNORE_AMBIGUITIES: true },
            { ALT: () => this.SUBRULE(this.path) },
          ]);
          this.CONSUME(T.Equals);
          this.SUBRULE(this.expr, { ARGS: [LEVEL.additive], LABEL: "additive" });
        },
      },
    ]);
  });

  /** `expect error KIND in PATH`: the example's data must raise that error there. */
  public expectError = this.RULE("expectError", () => {
    this.CONSUME(K.Error);
    this.SUBRULE(this.errorKind);
    this.CONSUME(K.In);
    this.SUBRULE(this.path);
  });

  /** A kind is written as in the runtime (`zero-denominator`) or in Chinese (`除数为零`). */
  public errorKind = this.RULE("errorKind", () => {
    this.CONSUME(T.Name, { LABEL: "word" });
    this.MANY(() => {
      this.CONSUME(T.Minus);
      this.OR([
        { ALT: () => this.CONSUME2(T.Name, { LABEL: "word" }) },
        { ALT: () => this.CONSUME(K.Of, { LABEL: "word" }) },
      ]);
    });
  });
}

/** One parser instance is reused: chevrotain parsers are reset per input. */
export const parserInstance = new RubricParser();

export { SEP } from "./parser-base.js";

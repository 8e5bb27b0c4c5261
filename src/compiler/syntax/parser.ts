/**
 * The grammar, and nothing else: a chevrotain CST parser with error recovery.
 * Semantic actions live in `cst-to-ast.ts`.
 */
import { CstParser, tokenMatcher, type IParserErrorMessageProvider, type IToken, type TokenType } from "chevrotain";
import * as T from "./tokens.js";

const K = T.keywordTokens;

export const SEP = "\u0000";
const label = (t: TokenType): string => (t.LABEL ?? t.name).split("/").slice(0, 2).join("/");
const describe = (t: IToken | undefined): string =>
  !t || t.tokenType.name === "EOF" ? "end of file" : `'${t.image.length > 24 ? `${t.image.slice(0, 24)}…` : t.image}'`;

function uniqueLabels(paths: TokenType[][]): string {
  const firsts = [
    ...new Set(
      paths
        .map((p) => p[0])
        .filter((t): t is TokenType => !!t)
        .map(label),
    ),
  ];
  return firsts.length > 6 ? `${firsts.slice(0, 6).join(", ")}, …` : firsts.join(", ");
}

/** Messages are encoded "found<NUL>expected" and decoded into diagnostic args by parse.ts. */
const errorMessageProvider: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected, actual }) => `${describe(actual)}${SEP}${label(expected)}`,
  buildNotAllInputParsedMessage: ({ firstRedundant }) => `${describe(firstRedundant)}${SEP}`,
  buildNoViableAltMessage: ({ expectedPathsPerAlt, actual }) =>
    `${describe(actual[0])}${SEP}${uniqueLabels(expectedPathsPerAlt.flat())}`,
  buildEarlyExitMessage: ({ expectedIterationPaths, actual }) =>
    `${describe(actual[0])}${SEP}${uniqueLabels(expectedIterationPaths)}`,
};

export class RubricParser extends CstParser {
  /** Keywords the text being parsed declares as names (see keyword-names.ts); set before each parse. */
  keywordNames: ReadonlySet<string> = new Set();

  constructor() {
    super(T.allTokens, {
      recoveryEnabled: true,
      maxLookahead: 4,
      nodeLocationTracking: "onlyOffset",
      errorMessageProvider,
    });
    this.performSelfAnalysis();
  }

  /** Optional `;` or `,` between statements; uses index 9 so it never clashes with a rule's own OPTION/OR. */
  private sep(): void {
    this.OPTION9(() => this.OR9([{ ALT: () => this.CONSUME9(T.Semicolon) }, { ALT: () => this.CONSUME9(T.Comma) }]));
  }

  public file = this.RULE("file", () => {
    this.MANY(() =>
      this.OR([
        { ALT: () => this.SUBRULE(this.rubric) },
        { ALT: () => this.SUBRULE(this.example) },
        { ALT: () => this.CONSUME(T.Semicolon) },
      ]),
    );
  });

  /** A name where one is announced: any word, keywords included (see `Word`). */
  public ident = this.RULE("ident", () => {
    this.OR([{ ALT: () => this.CONSUME(T.Word) }, { ALT: () => this.CONSUME(T.StringLiteral) }]);
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
    this.CONSUME(T.LBrace);
    this.MANY(() => {
      this.SUBRULE(this.rubricItem);
      this.sep();
    });
    this.CONSUME(T.RBrace);
  });

  public rubricItem = this.RULE("rubricItem", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.meta) },
      { ALT: () => this.SUBRULE(this.rounding) },
      { ALT: () => this.SUBRULE(this.grades) },
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

  /** `rule NAME(p: type, …) = expr`: a reusable pure function of its parameters. */
  public ruleDecl = this.RULE("ruleDecl", () => {
    this.CONSUME(K.Rule);
    this.SUBRULE(this.ident);
    this.CONSUME(T.LParen);
    this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.ruleParam) });
    this.CONSUME(T.RParen);
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expr);
  });

  public ruleParam = this.RULE("ruleParam", () => {
    this.SUBRULE(this.ident);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.paramType);
  });

  /** A parameter's type: as an input's, but `money` needs no unit (元 and 万元 values both fit). */
  public paramType = this.RULE("paramType", () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        // Tried first: `money` alone would otherwise read as an enum named like the keyword.
        {
          GATE: () => this.LA(1).tokenType === K.Money && this.LA(2).tokenType !== T.LParen,
          ALT: () => this.CONSUME(K.Money, { LABEL: "bareMoney" }),
        },
        { ALT: () => this.SUBRULE(this.type) },
      ],
    });
  });

  public meta = this.RULE("meta", () => {
    this.OR([
      { ALT: () => this.CONSUME(K.Year) },
      { ALT: () => this.CONSUME(K.Locality) },
      { ALT: () => this.CONSUME(K.Source) },
      { ALT: () => this.CONSUME(K.Total) },
    ]);
    this.SUBRULE(this.primary);
  });

  public rounding = this.RULE("rounding", () => {
    this.CONSUME(K.Rounding);
    this.OR([
      { ALT: () => this.CONSUME(K.Indicator) },
      { ALT: () => this.CONSUME(K.Part) },
      { ALT: () => this.CONSUME(K.Total) },
    ]);
    this.CONSUME(T.NumberLiteral);
    this.OPTION(() => this.SUBRULE(this.roundingMode));
  });

  public roundingMode = this.RULE("roundingMode", () => {
    this.OR([
      { ALT: () => this.CONSUME(K.HalfUp) },
      { ALT: () => this.CONSUME(K.HalfEven) },
      { ALT: () => this.CONSUME(K.Down) },
      { ALT: () => this.CONSUME(K.Up) },
    ]);
  });

  public grades = this.RULE("grades", () => {
    this.CONSUME(K.Grades);
    this.CONSUME(T.LBrace);
    this.MANY(() => {
      this.SUBRULE(this.gradeArm);
      this.sep();
    });
    this.CONSUME(T.RBrace);
  });

  public gradeArm = this.RULE("gradeArm", () => {
    this.SUBRULE(this.ident);
    this.OR([
      {
        ALT: () => {
          this.OR2([{ ALT: () => this.CONSUME(T.GreaterEq) }, { ALT: () => this.CONSUME(T.Greater) }]);
          this.SUBRULE(this.additive);
        },
      },
      { ALT: () => this.CONSUME(K.Otherwise) },
    ]);
  });

  public enumDecl = this.RULE("enumDecl", () => {
    this.CONSUME(K.Enum);
    this.SUBRULE(this.ident);
    this.CONSUME(T.LBrace);
    this.MANY(() => {
      this.SUBRULE2(this.ident, { LABEL: "member" });
      this.sep();
    });
    this.CONSUME(T.RBrace);
  });

  public inputDecl = this.RULE("inputDecl", () => {
    this.CONSUME(K.Input);
    this.SUBRULE(this.ident);
    this.OPTION(() => {
      this.CONSUME(K.Alias);
      this.CONSUME(T.Word, { LABEL: "alias" });
    });
    this.CONSUME(T.Colon);
    this.SUBRULE(this.type);
    this.MANY(() => this.SUBRULE(this.constraint));
  });

  public type = this.RULE("type", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(K.Money);
          this.CONSUME(T.LParen);
          this.OR2([{ ALT: () => this.CONSUME(K.Yuan) }, { ALT: () => this.CONSUME(K.WanYuan) }]);
          this.CONSUME(T.RParen);
        },
      },
      { ALT: () => this.CONSUME(K.Ratio) },
      { ALT: () => this.CONSUME(K.Count) },
      { ALT: () => this.CONSUME(K.Points) },
      { ALT: () => this.CONSUME(K.Number) },
      { ALT: () => this.CONSUME(K.Bool) },
      { ALT: () => this.CONSUME(K.Text) },
      { ALT: () => this.CONSUME(T.Identifier) },
      {
        ALT: () => {
          this.CONSUME(K.Target);
          this.SUBRULE(this.type, { LABEL: "pairOf" });
        },
      },
      {
        ALT: () => {
          this.CONSUME(K.List);
          this.CONSUME(K.Of);
          this.SUBRULE(this.recordType);
        },
      },
      // An enum named like a keyword (`enum 等级 { … }`, `input x: 等级`).
      { ALT: () => this.CONSUME(T.Word, { LABEL: "enumName" }), IGNORE_AMBIGUITIES: true },
    ]);
    this.OPTION(() => {
      this.CONSUME(T.LBracket);
      this.CONSUME(T.NumberLiteral, { LABEL: "length" });
      this.CONSUME(T.RBracket);
    });
  });

  public recordType = this.RULE("recordType", () => {
    this.CONSUME(T.LBrace);
    this.MANY(() => {
      this.SUBRULE(this.ident);
      this.CONSUME(T.Colon);
      this.SUBRULE(this.type);
      // Accepted only to be refused with a plain message (parse.ts), so one misplaced
      // constraint does not end the parse of the whole rubric.
      this.MANY2(() => this.SUBRULE(this.constraint, { LABEL: "fieldConstraint" }));
      this.sep();
    });
    this.CONSUME(T.RBrace);
  });

  public constraint = this.RULE("constraint", () => {
    this.OR([
      {
        ALT: () => {
          this.OR2([
            { ALT: () => this.CONSUME(T.GreaterEq) },
            { ALT: () => this.CONSUME(T.Greater) },
            { ALT: () => this.CONSUME(T.LessEq) },
            { ALT: () => this.CONSUME(T.Less) },
            { ALT: () => this.CONSUME(T.Equals) },
            { ALT: () => this.CONSUME(T.EqEq) },
          ]);
          this.SUBRULE(this.additive);
        },
      },
      {
        ALT: () => {
          this.CONSUME(K.In);
          this.SUBRULE(this.interval);
        },
      },
    ]);
  });

  public interval = this.RULE("interval", () => {
    this.OR([
      { ALT: () => this.CONSUME(T.LBracket, { LABEL: "open" }) },
      { ALT: () => this.CONSUME(T.LParen, { LABEL: "open" }) },
    ]);
    this.SUBRULE(this.additive, { LABEL: "lo" });
    this.CONSUME(T.Comma);
    this.SUBRULE2(this.additive, { LABEL: "hi" });
    this.OR2([
      { ALT: () => this.CONSUME(T.RBracket, { LABEL: "close" }) },
      { ALT: () => this.CONSUME(T.RParen, { LABEL: "close" }) },
    ]);
  });

  public letDecl = this.RULE("letDecl", () => {
    this.CONSUME(K.Let);
    this.SUBRULE(this.ident);
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expr);
  });

  public note = this.RULE("note", () => {
    this.OR([{ ALT: () => this.CONSUME(K.Note) }, { ALT: () => this.CONSUME(K.Standard) }]);
    this.CONSUME(T.StringLiteral);
  });

  public group = this.RULE("group", () => {
    this.CONSUME(K.Group);
    this.SUBRULE(this.ident);
    this.OPTION(() => this.CONSUME(T.StringLiteral, { LABEL: "title" }));
    this.SUBRULE(this.pointsLit);
    // A slot's indicators come from a derived rubric: its own block (notes only, in practice) is optional.
    this.OPTION2(() => this.CONSUME(K.Slot));
    this.OPTION3({
      GATE: () => this.LA(0).tokenType !== K.Slot || this.LA(1).tokenType === T.LBrace,
      DEF: () => {
        this.CONSUME(T.LBrace);
        this.MANY(() => {
          this.OR([
            { ALT: () => this.SUBRULE(this.group) },
            { ALT: () => this.SUBRULE(this.indicator) },
            { ALT: () => this.SUBRULE(this.note) },
          ]);
          this.sep();
        });
        this.CONSUME(T.RBrace);
      },
    });
  });

  public pointsLit = this.RULE("pointsLit", () => {
    this.CONSUME(T.NumberLiteral);
    this.OPTION(() => this.CONSUME(K.Fen));
  });

  public indicator = this.RULE("indicator", () => {
    this.CONSUME(K.Indicator);
    this.SUBRULE(this.ident);
    this.OPTION(() => this.CONSUME(T.StringLiteral, { LABEL: "title" }));
    this.SUBRULE(this.pointsLit);
    this.CONSUME(T.LBrace);
    this.MANY(() => {
      this.SUBRULE(this.indicatorItem);
      this.sep();
    });
    this.CONSUME(T.RBrace);
  });

  public indicatorItem = this.RULE("indicatorItem", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.note) },
      { ALT: () => this.SUBRULE(this.letDecl) },
      { ALT: () => this.SUBRULE(this.part) },
      { ALT: () => this.SUBRULE(this.score) },
      { ALT: () => this.SUBRULE(this.checklist) },
      { ALT: () => this.SUBRULE(this.condition) },
    ]);
  });

  public part = this.RULE("part", () => {
    this.CONSUME(K.Part);
    this.SUBRULE(this.checklistItem);
  });

  public checklistItem = this.RULE("checklistItem", () => {
    this.SUBRULE(this.ident);
    this.OPTION(() => this.CONSUME(T.StringLiteral, { LABEL: "title" }));
    this.SUBRULE(this.pointsLit);
    this.OPTION2(() => {
      this.CONSUME(T.Equals);
      this.SUBRULE(this.expr);
    });
  });

  public score = this.RULE("score", () => {
    this.CONSUME(K.Score);
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expr);
  });

  public checklist = this.RULE("checklist", () => {
    this.CONSUME(K.Checklist);
    this.CONSUME(T.LBrace);
    this.MANY(() => {
      this.SUBRULE(this.checklistItem);
      this.sep();
    });
    this.CONSUME(T.RBrace);
  });

  public condition = this.RULE("condition", () => {
    this.OR([{ ALT: () => this.CONSUME(K.Exempt) }, { ALT: () => this.CONSUME(K.Veto) }]);
    this.CONSUME(K.When);
    this.SUBRULE(this.expr);
  });

  // ---- modifications ----

  public path = this.RULE("path", () => {
    this.SUBRULE(this.ident);
    this.MANY(() => {
      this.CONSUME(T.Dot);
      this.SUBRULE2(this.ident);
    });
  });

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
    this.CONSUME(T.LBrace);
    this.MANY(() => {
      this.OR([
        { ALT: () => this.SUBRULE(this.indicatorItem) },
        { ALT: () => this.SUBRULE(this.group) },
        { ALT: () => this.SUBRULE(this.indicator) },
      ]);
      this.sep();
    });
    this.CONSUME(T.RBrace);
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
    this.CONSUME(T.LBrace);
    this.MANY(() => {
      this.SUBRULE(this.exampleItem);
      this.sep();
    });
    this.CONSUME(T.RBrace);
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
          this.SUBRULE(this.additive);
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
    this.SUBRULE(this.additive);
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
          this.SUBRULE(this.additive);
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

  // ---- expressions ----

  public expr = this.RULE("expr", () => {
    // `if`/`each` start these forms, never a name (names spelled like keywords are read last, in `primary`).
    this.OR([
      { ALT: () => this.SUBRULE(this.ifExpr), IGNORE_AMBIGUITIES: true },
      { ALT: () => this.SUBRULE(this.eachExpr), IGNORE_AMBIGUITIES: true },
      { ALT: () => this.SUBRULE(this.orExpr) },
    ]);
  });

  public ifExpr = this.RULE("ifExpr", () => {
    this.CONSUME(K.If);
    this.SUBRULE(this.expr, { LABEL: "cond" });
    this.CONSUME(K.Then);
    this.SUBRULE2(this.expr, { LABEL: "then" });
    this.CONSUME(K.Otherwise);
    this.SUBRULE3(this.expr, { LABEL: "else" });
  });

  public eachExpr = this.RULE("eachExpr", () => {
    this.CONSUME(K.Each);
    this.CONSUME(T.Name);
    this.CONSUME(K.In);
    this.SUBRULE(this.orExpr, { LABEL: "iterable" });
    this.CONSUME(T.Colon);
    this.SUBRULE(this.expr, { LABEL: "body" });
  });

  public orExpr = this.RULE("orExpr", () => {
    this.SUBRULE(this.andExpr, { LABEL: "operand" });
    this.MANY(() => {
      this.CONSUME(K.Or, { LABEL: "op" });
      this.SUBRULE2(this.andExpr, { LABEL: "operand" });
    });
  });

  public andExpr = this.RULE("andExpr", () => {
    this.SUBRULE(this.notExpr, { LABEL: "operand" });
    this.MANY(() => {
      this.CONSUME(K.And, { LABEL: "op" });
      this.SUBRULE2(this.notExpr, { LABEL: "operand" });
    });
  });

  public notExpr = this.RULE("notExpr", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(K.Not);
          this.SUBRULE(this.notExpr);
        },
        IGNORE_AMBIGUITIES: true,
      },
      { ALT: () => this.SUBRULE(this.comparison) },
    ]);
  });

  public comparison = this.RULE("comparison", () => {
    this.SUBRULE(this.additive, { LABEL: "operand" });
    this.OPTION(() => {
      this.SUBRULE(this.compareOp);
      this.SUBRULE2(this.additive, { LABEL: "operand" });
    });
  });

  public compareOp = this.RULE("compareOp", () => {
    this.OR([
      { ALT: () => this.CONSUME(T.EqEq) },
      { ALT: () => this.CONSUME(T.Equals) },
      { ALT: () => this.CONSUME(T.NotEq) },
      { ALT: () => this.CONSUME(T.LessEq) },
      { ALT: () => this.CONSUME(T.Less) },
      { ALT: () => this.CONSUME(T.GreaterEq) },
      { ALT: () => this.CONSUME(T.Greater) },
    ]);
  });

  public additive = this.RULE("additive", () => {
    this.SUBRULE(this.multiplicative, { LABEL: "operand" });
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(T.Plus, { LABEL: "op" }) },
        { ALT: () => this.CONSUME(T.Minus, { LABEL: "op" }) },
      ]);
      this.SUBRULE2(this.multiplicative, { LABEL: "operand" });
    });
  });

  public multiplicative = this.RULE("multiplicative", () => {
    this.SUBRULE(this.unary, { LABEL: "operand" });
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(T.Star, { LABEL: "op" }) },
        { ALT: () => this.CONSUME(T.Slash, { LABEL: "op" }) },
      ]);
      this.SUBRULE2(this.unary, { LABEL: "operand" });
    });
  });

  public unary = this.RULE("unary", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Minus);
          this.SUBRULE(this.unary);
        },
      },
      { ALT: () => this.SUBRULE(this.postfix) },
    ]);
  });

  /**
   * An opening bracket continues the expression before it only on the same
   * line: in `>= 90% -> 6⏎[80%, 90%) -> 4` the `[` starts the next band, it
   * does not index `6`; likewise `(` after a name on a new line is not a call.
   */
  private sameLine(): boolean {
    const prev = this.LA(0);
    const next = this.LA(1);
    return prev.endLine === undefined || next.startLine === undefined || prev.endLine === next.startLine;
  }

  public postfix = this.RULE("postfix", () => {
    this.SUBRULE(this.primary);
    this.MANY({
      GATE: () => this.LA(1).tokenType !== T.LBracket || this.sameLine(),
      DEF: () =>
        this.OR([
          {
            ALT: () => {
              this.CONSUME(T.LBracket);
              this.SUBRULE(this.expr, { LABEL: "index" });
              this.CONSUME(T.RBracket);
            },
          },
          {
            ALT: () => {
              this.CONSUME(T.Dot);
              this.SUBRULE(this.ident, { LABEL: "field" });
            },
          },
        ]),
    });
  });

  public primary = this.RULE("primary", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.numberLit) },
      { ALT: () => this.CONSUME(T.StringLiteral) },
      { ALT: () => this.CONSUME(K.True) },
      { ALT: () => this.CONSUME(K.False) },
      { ALT: () => this.SUBRULE(this.callOrRef) },
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          this.SUBRULE(this.expr);
          this.CONSUME(T.RParen);
        },
      },
      { ALT: () => this.SUBRULE(this.arrayLit) },
      { ALT: () => this.SUBRULE(this.recordLit) },
      { ALT: () => this.SUBRULE(this.judged) },
      { ALT: () => this.SUBRULE(this.bands) },
      { ALT: () => this.SUBRULE(this.tiers) },
      // `deduct judged …` also begins like `deduct A per N`; the judged form is tried first.
      { ALT: () => this.SUBRULE(this.judgedDeduct), IGNORE_AMBIGUITIES: true },
      { ALT: () => this.SUBRULE(this.deduct) },
      { ALT: () => this.SUBRULE(this.achievement) },
      { ALT: () => this.CONSUME(K.HalfUp, { LABEL: "mode" }) },
      { ALT: () => this.CONSUME(K.HalfEven, { LABEL: "mode" }) },
      // Last: a name spelled like a keyword (`input 等级`, then `等级 = 优`), where no rule form above claims the word.
      {
        GATE: () => this.keywordNames.has(this.LA(1).image),
        ALT: () => this.CONSUME(T.Word, { LABEL: "keywordRef" }),
        IGNORE_AMBIGUITIES: true,
      },
    ]);
  });

  public numberLit = this.RULE("numberLit", () => {
    this.CONSUME(T.NumberLiteral);
    this.OPTION(() =>
      this.OR([
        { ALT: () => this.CONSUME(T.Percent, { LABEL: "unit" }) },
        { ALT: () => this.CONSUME(K.Yuan, { LABEL: "unit" }) },
        { ALT: () => this.CONSUME(K.WanYuan, { LABEL: "unit" }) },
        { ALT: () => this.CONSUME(K.Fen, { LABEL: "unit" }) },
        {
          ALT: () => {
            this.CONSUME(T.DotDot);
            this.CONSUME2(T.NumberLiteral, { LABEL: "rangeEnd" });
          },
        },
      ]),
    );
  });

  public callOrRef = this.RULE("callOrRef", () => {
    this.CONSUME(T.Name, { LABEL: "callee" });
    this.OPTION({
      GATE: () => this.sameLine(),
      DEF: () => {
        this.CONSUME(T.LParen);
        this.MANY_SEP({
          SEP: T.Comma,
          DEF: () => this.SUBRULE(this.expr, { LABEL: "arg" }),
        });
        this.CONSUME(T.RParen);
      },
    });
  });

  public arrayLit = this.RULE("arrayLit", () => {
    this.CONSUME(T.LBracket);
    this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.expr, { LABEL: "element" }) });
    this.CONSUME(T.RBracket);
  });

  public recordLit = this.RULE("recordLit", () => {
    this.CONSUME(T.LBrace);
    this.MANY(() => {
      this.SUBRULE(this.ident, { LABEL: "field" });
      this.CONSUME(T.Colon);
      this.SUBRULE(this.expr, { LABEL: "value" });
      this.sep();
    });
    this.CONSUME(T.RBrace);
  });

  public judged = this.RULE("judged", () => {
    this.CONSUME(K.Judged);
    this.OPTION(() =>
      this.OR([
        {
          ALT: () => {
            this.CONSUME(K.In);
            this.SUBRULE(this.interval);
          },
        },
        { ALT: () => this.SUBRULE(this.verdict) },
      ]),
    );
  });

  /** `by 结论 { 达成 -> [80%, 100%]; … }` or `by 结论 scale 定性三档`. */
  public verdict = this.RULE("verdict", () => {
    this.CONSUME(K.Of);
    this.SUBRULE(this.additive, { LABEL: "subject" });
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.LBrace);
          this.MANY(() => {
            this.SUBRULE(this.scaleArm);
            this.sep();
          });
          this.CONSUME(T.RBrace);
        },
      },
      { ALT: () => this.SUBRULE(this.scaleRef) },
    ]);
  });

  public scaleRef = this.RULE("scaleRef", () => {
    this.CONSUME(K.Scale);
    this.SUBRULE(this.ident);
  });

  /** `scale 四档 { 优 -> 100%; … }` at rubric level. */
  public scaleDecl = this.RULE("scaleDecl", () => {
    this.CONSUME(K.Scale);
    this.SUBRULE(this.ident);
    this.CONSUME(T.LBrace);
    this.MANY(() => {
      this.SUBRULE(this.scaleArm);
      this.sep();
    });
    this.CONSUME(T.RBrace);
  });

  /** A member and its interval (a judged scale) or its value (a tiers scale); `[` always opens an interval. */
  public scaleArm = this.RULE("scaleArm", () => {
    this.OR([
      {
        GATE: () => this.LA(1).tokenType !== K.Otherwise,
        ALT: () => this.SUBRULE(this.ident, { LABEL: "member" }),
        IGNORE_AMBIGUITIES: true,
      },
      { ALT: () => this.CONSUME(K.Otherwise) },
    ]);
    this.CONSUME(T.Arrow);
    this.OR2({
      IGNORE_AMBIGUITIES: true,
      DEF: [{ ALT: () => this.SUBRULE(this.interval) }, { ALT: () => this.SUBRULE(this.additive, { LABEL: "value" }) }],
    });
  });

  /** `deduct judged in [0.5, 1] when 核算不规范` / `酌情扣 [0.5, 1] 当 核算不规范`. */
  public judgedDeduct = this.RULE("judgedDeduct", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(K.Deduct);
          this.CONSUME(K.Judged);
        },
      },
      { ALT: () => this.CONSUME(K.JudgedDeduct) },
    ]);
    this.OPTION(() => this.CONSUME(K.In));
    this.SUBRULE(this.interval);
    this.CONSUME(K.When);
    this.SUBRULE(this.expr, { LABEL: "cond" });
  });

  public bands = this.RULE("bands", () => {
    this.CONSUME(K.Bands);
    this.SUBRULE(this.additive, { LABEL: "subject" });
    this.CONSUME(T.LBrace);
    this.MANY(() => {
      this.SUBRULE(this.bandArm);
      this.sep();
    });
    this.CONSUME(T.RBrace);
  });

  public bandArm = this.RULE("bandArm", () => {
    this.OR([
      {
        ALT: () => {
          this.SUBRULE(this.compareOp);
          this.SUBRULE(this.additive, { LABEL: "bound" });
        },
      },
      { ALT: () => this.SUBRULE(this.interval) },
      { ALT: () => this.CONSUME(K.Otherwise) },
    ]);
    this.CONSUME(T.Arrow);
    this.SUBRULE(this.expr, { LABEL: "value" });
  });

  public tiers = this.RULE("tiers", () => {
    this.CONSUME(K.Tiers);
    this.SUBRULE(this.additive, { LABEL: "subject" });
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.LBrace);
          this.MANY(() => {
            this.SUBRULE(this.tierArm);
            this.sep();
          });
          this.CONSUME(T.RBrace);
        },
      },
      { ALT: () => this.SUBRULE(this.scaleRef) },
    ]);
  });

  public tierArm = this.RULE("tierArm", () => {
    this.OR([
      {
        GATE: () => this.LA(1).tokenType !== K.Otherwise,
        ALT: () => this.SUBRULE(this.ident, { LABEL: "member" }),
        IGNORE_AMBIGUITIES: true,
      },
      { ALT: () => this.CONSUME(K.Otherwise) },
    ]);
    this.CONSUME(T.Arrow);
    this.SUBRULE(this.expr, { LABEL: "value" });
  });

  /**
   * Two word orders, one meaning: `deduct 2 per whole 5% of 执行率 under 100%`
   * and the rule text's `按 执行率 低于 100% 每满 5% 扣 2`.
   */
  public deduct = this.RULE("deduct", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(K.Deduct);
          this.SUBRULE(this.multiplicative, { LABEL: "amount" });
          this.SUBRULE(this.deductStep);
          this.OPTION(() => this.SUBRULE(this.deductSubject));
        },
      },
      {
        ALT: () => {
          this.SUBRULE2(this.deductSubject);
          this.SUBRULE2(this.deductStep);
          this.CONSUME2(K.Deduct);
          this.SUBRULE2(this.multiplicative, { LABEL: "amount" });
        },
      },
    ]);
    this.OPTION2({
      GATE: () =>
        (this.LA(1).image === "at" && this.LA(2).tokenType === K.Most) ||
        (this.LA(1).tokenType === K.Most && this.LA(1).image !== "most"),
      DEF: () => {
        this.OPTION3(() => this.CONSUME(T.Identifier, { LABEL: "at" }));
        this.CONSUME(K.Most);
        this.SUBRULE3(this.multiplicative, { LABEL: "cap" });
      },
    });
  });

  public deductStep = this.RULE("deductStep", () => {
    this.OR([
      {
        ALT: () => {
          this.OPTION(() => this.CONSUME(K.Proportional, { LABEL: "mode" }));
          this.CONSUME(K.Per);
          // `per whole 5%`, but `per whole` when an input is called `whole`: the mode needs a step after it.
          this.OPTION2({
            GATE: () => this.stepFollows(),
            DEF: () =>
              this.OR2([
                { ALT: () => this.CONSUME(K.Whole, { LABEL: "mode" }) },
                { ALT: () => this.CONSUME(K.Started, { LABEL: "mode" }) },
              ]),
          });
        },
      },
      { ALT: () => this.CONSUME2(K.Whole, { LABEL: "mode" }) },
      { ALT: () => this.CONSUME2(K.Started, { LABEL: "mode" }) },
    ]);
    this.SUBRULE(this.multiplicative, { LABEL: "per" });
  });

  private stepFollows(): boolean {
    const t = this.LA(2);
    if (t.tokenType === T.NumberLiteral || t.tokenType === T.LParen || t.tokenType === T.Minus) return true;
    if (!tokenMatcher(t, T.Name) || t.tokenType === K.Most || t.tokenType === K.Off) return false;
    return !(t.image === "at" && this.LA(3).tokenType === K.Most);
  }

  public deductSubject = this.RULE("deductSubject", () => {
    this.CONSUME(K.Of);
    this.SUBRULE(this.multiplicative, { LABEL: "subject" });
    this.OR([
      { ALT: () => this.CONSUME(K.Over, { LABEL: "direction" }) },
      { ALT: () => this.CONSUME(K.Under, { LABEL: "direction" }) },
      { ALT: () => this.CONSUME(K.Off, { LABEL: "direction" }) },
    ]);
    this.SUBRULE2(this.multiplicative, { LABEL: "threshold" });
  });

  /** `achievement X [against T] higher-better|lower-better [when 0 -> full|E]`. */
  public achievement = this.RULE("achievement", () => {
    this.CONSUME(K.Achievement);
    this.SUBRULE(this.multiplicative, { LABEL: "actual" });
    this.OPTION(() => {
      this.CONSUME(K.Against);
      this.SUBRULE2(this.multiplicative, { LABEL: "target" });
    });
    this.OR([
      { ALT: () => this.CONSUME(K.HigherBetter, { LABEL: "direction" }) },
      { ALT: () => this.CONSUME(K.LowerBetter, { LABEL: "direction" }) },
    ]);
    // Only `when 0`: any other number is left for the parser to report where it stands.
    this.OPTION2({
      GATE: () => /^0+(\.0+)?$/.test(this.LA(2).image),
      DEF: () => {
        this.CONSUME(K.When);
        this.CONSUME(T.NumberLiteral, { LABEL: "zeroLit" });
        this.CONSUME(T.Arrow);
        // `full` is the policy, not an input named like the keyword.
        this.OR2([
          { ALT: () => this.CONSUME(K.Full, { LABEL: "zeroFull" }), IGNORE_AMBIGUITIES: true },
          { ALT: () => this.SUBRULE3(this.multiplicative, { LABEL: "zero" }) },
        ]);
      },
    });
  });
}

/** One parser instance is reused: chevrotain parsers are reset per input. */
export const parserInstance = new RubricParser();

export type { TokenType };

/**
 * The expression grammar. An operator expression is one rule, `expr`: its operands and the binary
 * operators between them are collected flat, and `cst-expr.ts` builds the tree by precedence
 * (precedence.ts). `expr`'s argument says which operators may appear where the grammar asks for
 * less than a whole expression (`additive` bounds, `multiplicative` amounts). A literal is then
 * two CST nodes, not the eleven of one rule per precedence level.
 */
import {
  EOF,
  tokenMatcher,
  type DSLMethodOptsWithErr,
  type IOrAlt,
  type IToken,
  type OrMethodOpts,
  type TokenType,
} from "chevrotain";
import * as T from "./tokens.js";
import { ResyncingParser } from "./parser-base.js";
import { binaryLevel, LEVEL } from "./precedence.js";

const K = T.keywordTokens;

const BINARY_OPERATORS: TokenType[] = [
  K.Or,
  K.And,
  T.EqEq,
  T.Equals,
  T.NotEq,
  T.LessEq,
  T.Less,
  T.GreaterEq,
  T.Greater,
  T.Plus,
  T.Minus,
  T.Star,
  T.Slash,
];

export abstract class ExpressionParser extends ResyncingParser {
  /** A name where one is announced: any word, keywords included (see `Word`). */
  public ident = this.RULE("ident", () => {
    this.OR([{ ALT: () => this.CONSUME(T.Word) }, { ALT: () => this.CONSUME(T.StringLiteral) }]);
  });

  /** An expression of operators binding at `level` or tighter (LEVEL.expr: any expression). */
  public expr = this.RULE("expr", (level?: number) => {
    const at = level ?? LEVEL.expr;
    // `if`/`each` start these forms, never a name (names spelled like keywords are read last, in `operand`).
    // One token decides: the keywords are not names here (see `keywordRef`), and a longer lookahead
    // through every expression form costs seconds of grammar analysis at start-up. Only a whole
    // expression may be an `if` or `each`; elsewhere the word goes on to be read as an operand, which it
    // cannot be. A branch in the alternative rather than a gate: chevrotain decides an alternation
    // without gates by one table lookup, and with them calls every gate and tries every alternative in
    // turn, on every expression.
    this.OR({
      MAX_LOOKAHEAD: 1,
      DEF: [
        {
          ALT: () => (at === LEVEL.expr ? this.SUBRULE(this.ifExpr) : this.operatorChain(at)),
          IGNORE_AMBIGUITIES: true,
        },
        {
          ALT: () => (at === LEVEL.expr ? this.SUBRULE(this.eachExpr) : this.operatorChain(at)),
          IGNORE_AMBIGUITIES: true,
        },
        { ALT: () => this.operatorChain(Math.max(at, LEVEL.or)) },
      ],
    });
  });

  // The hot alternatives are built once, not on every call: chevrotain reads only their GATE and
  // ALT, and a fresh array of closures per operand was a good part of the parser's garbage.
  private readonly binaryOperators: IOrAlt<IToken>[] = BINARY_OPERATORS.map((t) => ({
    ALT: () => this.CONSUME(t, { LABEL: "op" }),
  }));

  /** Operands and binary operators, flat. `not` opens an operand only where and/or may stand. */
  private operatorChain(level: number): void {
    let compared = false;
    this.SUBRULE(this.operand, { ARGS: [level <= LEVEL.and] });
    this.MANY({
      GATE: () => {
        const l = binaryLevel(this.LA(1).tokenType.name);
        return l >= level && !(compared && l === LEVEL.compare);
      },
      DEF: () => {
        const op = this.OR2(this.binaryOperators);
        let notAllowed = false;
        this.ACTION(() => {
          const l = binaryLevel(op.tokenType.name);
          compared = l === LEVEL.compare || (compared && l > LEVEL.compare);
          notAllowed = l <= LEVEL.and;
        });
        this.SUBRULE2(this.operand, { ARGS: [notAllowed] });
      },
    });
  }

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
    this.SUBRULE(this.expr, { ARGS: [LEVEL.or], LABEL: "iterable" });
    this.CONSUME(T.Colon);
    this.SUBRULE2(this.expr, { LABEL: "body" });
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

  // One token decides, and a gate tells `deduct judged …` from `deduct 2 per …`: two tokens of
  // lookahead over every form cost a tenth of the grammar analysis at start-up.
  private readonly operandForms: OrMethodOpts<unknown> = {
    MAX_LOOKAHEAD: 1,
    DEF: [
      {
        ALT: () => {
          this.CONSUME(T.NumberLiteral);
          this.OPTION(() =>
            this.OR3([
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
        },
      },
      { ALT: () => this.CONSUME(T.StringLiteral) },
      { ALT: () => this.CONSUME(T.DateLiteral) },
      { ALT: () => this.CONSUME(K.True) },
      { ALT: () => this.CONSUME(K.False) },
      {
        ALT: () => {
          this.CONSUME(T.Name, { LABEL: "callee" });
          this.OPTION2({
            GATE: () => this.sameLine(),
            DEF: () => {
              this.CONSUME(T.LParen, { LABEL: "callOpen" });
              this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.expr, { LABEL: "arg" }) });
              this.CONSUME(T.RParen, { LABEL: "callClose" });
            },
          });
        },
      },
      {
        ALT: () => {
          this.CONSUME2(T.LParen);
          this.SUBRULE2(this.expr, { LABEL: "inner" });
          this.CONSUME2(T.RParen);
        },
      },
      { ALT: () => this.SUBRULE(this.arrayLit) },
      { ALT: () => this.SUBRULE(this.recordLit) },
      { ALT: () => this.SUBRULE(this.judged) },
      { ALT: () => this.SUBRULE(this.bands) },
      { ALT: () => this.SUBRULE(this.tiers) },
      // `deduct judged …` also begins like `deduct A per N`; the judged form is tried first. The gate is
      // in an alternation of its own, which only deductions enter (see `expr` on gates).
      {
        ALT: () =>
          this.OR4({
            MAX_LOOKAHEAD: 1,
            DEF: [
              {
                GATE: () => this.LA(1).tokenType !== K.Deduct || this.LA(2).tokenType === K.Judged,
                ALT: () => this.SUBRULE(this.judgedDeduct),
                IGNORE_AMBIGUITIES: true,
              },
              { ALT: () => this.SUBRULE(this.deduct) },
            ],
          }),
      },
      { ALT: () => this.SUBRULE(this.achievement) },
      { ALT: () => this.SUBRULE(this.peerStat) },
      { ALT: () => this.CONSUME(K.HalfUp, { LABEL: "mode" }) },
      { ALT: () => this.CONSUME(K.HalfEven, { LABEL: "mode" }) },
      // Last: a name spelled like a keyword (`input 等级`, then `等级 = 优`), where no rule form above claims the word.
      // Any other keyword is this alternation's error, as if no alternative applied (a gate would slow every operand).
      {
        ALT: () => {
          if (!this.RECORDING_PHASE && !this.keywordNames.has(this.LA(1).image)) this.raiseNoAltException(0, undefined);
          this.CONSUME(T.Word, { LABEL: "keywordRef" });
        },
        IGNORE_AMBIGUITIES: true,
      },
    ],
  };

  /** `[i]` and `.field` after an operand; `[` on a new line starts the next band instead. */
  private readonly postfix: DSLMethodOptsWithErr<unknown> = {
    GATE: () => this.LA(1).tokenType !== T.LBracket || this.sameLine(),
    DEF: () => this.OR2(this.postfixForms),
  };
  private readonly postfixForms: IOrAlt<unknown>[] = [
    {
      ALT: () => {
        this.CONSUME(T.LBracket);
        this.SUBRULE3(this.expr, { LABEL: "index" });
        this.CONSUME(T.RBracket);
      },
    },
    {
      ALT: () => {
        this.CONSUME(T.Dot);
        this.SUBRULE(this.ident, { LABEL: "field" });
      },
    },
  ];

  /** Prefix operators, a primary, then index and field accesses. */
  public operand = this.RULE("operand", (notAllowed?: boolean) => {
    this.MANY({ GATE: () => notAllowed !== false, DEF: () => this.CONSUME(K.Not) });
    this.MANY2(() => this.CONSUME(T.Minus));
    this.OR(this.operandForms);
    this.MANY3(this.postfix);
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

  public interval = this.RULE("interval", () => {
    this.OR([
      { ALT: () => this.CONSUME(T.LBracket, { LABEL: "open" }) },
      { ALT: () => this.CONSUME(T.LParen, { LABEL: "open" }) },
    ]);
    this.SUBRULE(this.expr, { ARGS: [LEVEL.additive], LABEL: "lo" });
    this.CONSUME(T.Comma);
    this.SUBRULE2(this.expr, { ARGS: [LEVEL.additive], LABEL: "hi" });
    this.OR2([
      { ALT: () => this.CONSUME(T.RBracket, { LABEL: "close" }) },
      { ALT: () => this.CONSUME(T.RParen, { LABEL: "close" }) },
    ]);
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
    this.SUBRULE(this.expr, { ARGS: [LEVEL.additive], LABEL: "subject" });
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
    // `(` opens an interval when a `,` follows at its own depth, else a parenthesised value. A scan says
    // so exactly; three tokens of lookahead took a fifth of the grammar analysis every start-up paid.
    this.OR2({
      IGNORE_AMBIGUITIES: true,
      MAX_LOOKAHEAD: 1,
      DEF: [
        { GATE: () => this.intervalAhead(), ALT: () => this.SUBRULE(this.interval) },
        { ALT: () => this.SUBRULE(this.expr, { ARGS: [LEVEL.additive], LABEL: "value" }) },
      ],
    });
  });

  /** Whether an interval starts here: `[` always; `(` when a `,` comes before its `)` at the same depth. */
  private intervalAhead(): boolean {
    const first = this.LA(1).tokenType;
    if (first === T.LBracket) return true;
    if (first !== T.LParen) return false;
    let depth = 0;
    // An interval's bound is a short additive expression: the scan stops at the arm's end.
    for (let i = 2; i < 200; i++) {
      const t = this.LA(i).tokenType;
      if (t === T.LParen || t === T.LBracket) depth++;
      else if (t === T.RParen || t === T.RBracket) {
        if (depth === 0) return false;
        depth--;
      } else if (t === T.Comma) {
        if (depth === 0) return true;
      } else if (t === T.Semicolon || t === T.Arrow || t === T.LBrace || t === T.RBrace || t === EOF) return false;
    }
    return false;
  }

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
    this.SUBRULE(this.expr, { ARGS: [LEVEL.additive], LABEL: "subject" });
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
          this.SUBRULE(this.expr, { ARGS: [LEVEL.additive], LABEL: "bound" });
        },
      },
      { ALT: () => this.SUBRULE(this.interval) },
      { ALT: () => this.CONSUME(K.Otherwise) },
    ]);
    this.CONSUME(T.Arrow);
    this.SUBRULE2(this.expr, { LABEL: "value" });
  });

  public tiers = this.RULE("tiers", () => {
    this.CONSUME(K.Tiers);
    this.SUBRULE(this.expr, { ARGS: [LEVEL.additive], LABEL: "subject" });
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
          this.SUBRULE(this.expr, { ARGS: [LEVEL.multiplicative], LABEL: "amount" });
          this.SUBRULE(this.deductStep);
          this.OPTION(() => this.SUBRULE(this.deductSubject));
        },
      },
      {
        ALT: () => {
          this.SUBRULE2(this.deductSubject);
          this.SUBRULE2(this.deductStep);
          this.CONSUME2(K.Deduct);
          this.SUBRULE2(this.expr, { ARGS: [LEVEL.multiplicative], LABEL: "amount" });
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
        this.SUBRULE3(this.expr, { ARGS: [LEVEL.multiplicative], LABEL: "cap" });
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
    this.SUBRULE(this.expr, { ARGS: [LEVEL.multiplicative], LABEL: "per" });
  });

  private stepFollows(): boolean {
    const t = this.LA(2);
    if (t.tokenType === T.NumberLiteral || t.tokenType === T.LParen || t.tokenType === T.Minus) return true;
    if (!tokenMatcher(t, T.Name) || t.tokenType === K.Most || t.tokenType === K.Off) return false;
    return !(t.image === "at" && this.LA(3).tokenType === K.Most);
  }

  public deductSubject = this.RULE("deductSubject", () => {
    this.CONSUME(K.Of);
    this.SUBRULE(this.expr, { ARGS: [LEVEL.multiplicative], LABEL: "subject" });
    this.OR([
      { ALT: () => this.CONSUME(K.Over, { LABEL: "direction" }) },
      { ALT: () => this.CONSUME(K.Under, { LABEL: "direction" }) },
      { ALT: () => this.CONSUME(K.Off, { LABEL: "direction" }) },
    ]);
    this.SUBRULE2(this.expr, { ARGS: [LEVEL.multiplicative], LABEL: "threshold" });
  });

  /** `achievement X [against T] higher-better|lower-better [when 0 -> full|E]`. */
  /** Issue 11, rule kind 7: `peers.max(X)`, `peers.count`, `peers.rank(X, desc)` (`同类.最大值(X)` …). */
  public peerStat = this.RULE("peerStat", () => {
    this.CONSUME(K.Peers);
    this.CONSUME(T.Dot);
    this.CONSUME(T.Word, { LABEL: "stat" });
    this.OPTION({
      GATE: () => this.sameLine(),
      DEF: () => {
        this.CONSUME(T.LParen);
        this.SUBRULE(this.expr, { LABEL: "subject" });
        this.OPTION2(() => {
          this.CONSUME(T.Comma);
          this.OR([
            { ALT: () => this.CONSUME(K.Desc, { LABEL: "order" }) },
            { ALT: () => this.CONSUME(K.Asc, { LABEL: "order" }) },
          ]);
        });
        this.CONSUME(T.RParen);
      },
    });
  });

  public achievement = this.RULE("achievement", () => {
    this.CONSUME(K.Achievement);
    this.SUBRULE(this.expr, { ARGS: [LEVEL.multiplicative], LABEL: "actual" });
    this.OPTION(() => {
      this.CONSUME(K.Against);
      this.SUBRULE2(this.expr, { ARGS: [LEVEL.multiplicative], LABEL: "target" });
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
          { ALT: () => this.SUBRULE3(this.expr, { ARGS: [LEVEL.multiplicative], LABEL: "zero" }) },
        ]);
      },
    });
  });
}

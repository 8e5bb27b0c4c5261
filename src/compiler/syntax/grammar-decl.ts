/**
 * The grammar of declarations: rubric items (inputs, lets, rules, grades, scales), groups,
 * indicators and what an indicator holds. Expressions are in grammar-expr.ts, the file and the
 * derived-rubric and example forms in parser.ts.
 */
import * as T from "./tokens.js";
import type { ItemStarts } from "./parser-base.js";
import { ExpressionParser } from "./grammar-expr.js";
import { LEVEL } from "./precedence.js";

const K = T.keywordTokens;

/** What may start an item of a group, or of an indicator (recovery resumes there). */
const GROUP_ITEMS: ItemStarts = new Set([K.Group, K.Indicator, K.Note, K.Standard]);
export const INDICATOR_ITEMS: ItemStarts = new Set([
  K.Note,
  K.Standard,
  K.Let,
  K.Part,
  K.Score,
  K.Checklist,
  K.Exempt,
  K.Applicable,
  K.Veto,
  K.Bonus,
  K.Penalty,
]);

export abstract class DeclarationParser extends ExpressionParser {
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
    this.SUBRULE(this.operand, { ARGS: [false], LABEL: "primary" });
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
          this.SUBRULE(this.expr, { ARGS: [LEVEL.additive], LABEL: "additive" });
        },
      },
      { ALT: () => this.CONSUME(K.Otherwise) },
    ]);
  });

  // ---- issue 11, kind 4: grade caps ----
  /** `grade at most 良 when C [because "…"]`: told from `grades { … }` by the word after the keyword. */
  public gradeCap = this.RULE("gradeCap", () => {
    this.CONSUME(K.Grades);
    this.OPTION({ GATE: () => this.LA(1).image === "at", DEF: () => this.CONSUME(T.Identifier, { LABEL: "at" }) });
    this.CONSUME(K.Most);
    this.SUBRULE(this.ident);
    this.CONSUME(K.When);
    this.SUBRULE(this.expr);
    this.OPTION2(() => {
      this.CONSUME(K.Because);
      this.CONSUME(T.StringLiteral);
    });
  });
  // ---- end kind 4 ----

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
      { ALT: () => this.CONSUME(K.Date) },
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
      // Checked on every record (issue 11, rule kind 5); the bounds must be numbers (checks/record-fields.ts).
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
          this.SUBRULE(this.expr, { ARGS: [LEVEL.additive], LABEL: "additive" });
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

  public group = this.RULE("group", () => {
    this.CONSUME(K.Group);
    this.SUBRULE(this.ident);
    this.OPTION(() => this.CONSUME(T.StringLiteral, { LABEL: "title" }));
    this.SUBRULE(this.pointsLit);
    // Issue 11, kind 3: `折算 100` / `scaled from 100`: the children are written out of 100.
    this.OPTION4(() => {
      this.CONSUME(K.Scaled);
      this.OPTION5({
        GATE: () => this.LA(1).image === "from",
        DEF: () => this.CONSUME(T.Identifier, { LABEL: "from" }),
      });
      this.SUBRULE2(this.pointsLit, { LABEL: "scaledFrom" });
    });
    // A slot's indicators come from a derived rubric: its own block (notes only, in practice) is optional.
    this.OPTION2(() => this.CONSUME(K.Slot));
    this.OPTION3({
      GATE: () => this.LA(0).tokenType !== K.Slot || this.LA(1).tokenType === T.LBrace,
      DEF: () => {
        this.block(GROUP_ITEMS, () => {
          this.OR([
            { ALT: () => this.SUBRULE(this.group) },
            { ALT: () => this.SUBRULE(this.indicator) },
            { ALT: () => this.SUBRULE(this.note) },
          ]);
          this.sep();
        });
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
    this.block(INDICATOR_ITEMS, () => {
      this.SUBRULE(this.indicatorItem);
      this.sep();
    });
  });

  public indicatorItem = this.RULE("indicatorItem", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.note) },
      { ALT: () => this.SUBRULE(this.letDecl) },
      { ALT: () => this.SUBRULE(this.part) },
      { ALT: () => this.SUBRULE(this.score) },
      { ALT: () => this.SUBRULE(this.checklist) },
      { ALT: () => this.SUBRULE(this.condition) },
      { ALT: () => this.SUBRULE(this.adjustment) },
      { ALT: () => this.SUBRULE(this.notApplicable) },
    ]);
  });

  // ---- issue 11, rule kind 1: not applicable, and redistribution ----
  /** `not applicable when C share equally|by points among A, B` / `不适用 当 C [按分值比例] 均摊 [平均] 至 A、B`. */
  public notApplicable = this.RULE("notApplicable", () => {
    this.OPTION(() => this.CONSUME(K.Not));
    this.CONSUME(K.Applicable);
    this.CONSUME(K.When);
    this.SUBRULE(this.expr);
    this.OPTION2(() => this.CONSUME(K.ByPoints));
    this.CONSUME(K.Share);
    this.OPTION3(() =>
      this.OR([
        { ALT: () => this.CONSUME(K.Equally) },
        {
          ALT: () => {
            this.CONSUME(K.Of);
            this.CONSUME(K.Points);
          },
        },
        { ALT: () => this.CONSUME2(K.ByPoints) },
      ]),
    );
    this.CONSUME(K.Among);
    this.SUBRULE(this.ident, { LABEL: "target" });
    this.MANY(() => {
      this.CONSUME(T.Comma);
      this.SUBRULE2(this.ident, { LABEL: "target" });
    });
  });
  // ---- end kind 1 ----

  // ---- issue 11, kind 2: bonus above the weight, capped penalty ----
  /** `bonus up to 0.5 = e` / `加分 至多 0.5 = e`; `penalty up to 2 = e` / `减分 至多 2 = e` (also `at most`). */
  public adjustment = this.RULE("adjustment", () => {
    this.OR([{ ALT: () => this.CONSUME(K.Bonus) }, { ALT: () => this.CONSUME(K.Penalty) }]);
    this.OR2([
      {
        ALT: () => {
          this.CONSUME(K.Up);
          this.CONSUME(K.To);
        },
      },
      {
        ALT: () => {
          this.OPTION({
            GATE: () => this.LA(1).image === "at",
            DEF: () => this.CONSUME(T.Identifier, { LABEL: "at" }),
          });
          this.CONSUME(K.Most);
        },
      },
    ]);
    this.SUBRULE(this.pointsLit);
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expr);
  });
  // ---- end kind 2 ----

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

  public path = this.RULE("path", () => {
    this.SUBRULE(this.ident);
    this.MANY(() => {
      this.CONSUME(T.Dot);
      this.SUBRULE2(this.ident);
    });
  });
}

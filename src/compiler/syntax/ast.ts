/**
 * The syntax tree: what the text says, with source spans, before any name is
 * resolved. Produced by `cst-to-ast.ts`, consumed by the model builder.
 * Spans are character offsets into the document text.
 */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface Name {
  readonly text: string;
  readonly span: Span;
}

export interface Path {
  readonly segments: readonly Name[];
  readonly span: Span;
}

export interface StringLit {
  readonly value: string;
  readonly span: Span;
}

export type Unit = "percent" | "元" | "万元" | "分";

export type Expr =
  | NumberExpr
  | StringExpr
  | BoolExpr
  | RefExpr
  | CallExpr
  | IndexExpr
  | MemberExpr
  | UnaryExpr
  | BinaryExpr
  | IfExpr
  | EachExpr
  | ArrayExpr
  | RangeExpr
  | RecordExpr
  | JudgedExpr
  | BandsExpr
  | TiersExpr
  | DeductPerExpr
  | DeductBeyondExpr
  | AchievementExpr
  | DateExpr
  | PeerExpr
  | ErrorExpr;

interface ExprBase {
  readonly span: Span;
}
export interface NumberExpr extends ExprBase {
  readonly kind: "Number";
  /** Decimal digits as written, e.g. "311.63". */
  readonly digits: string;
  readonly unit?: Unit;
}
export interface StringExpr extends ExprBase {
  readonly kind: "String";
  readonly value: string;
}
export interface BoolExpr extends ExprBase {
  readonly kind: "Bool";
  readonly value: boolean;
}
export interface RefExpr extends ExprBase {
  readonly kind: "Ref";
  readonly name: Name;
}
export interface CallExpr extends ExprBase {
  readonly kind: "Call";
  readonly callee: Name;
  readonly args: readonly Expr[];
}
export interface IndexExpr extends ExprBase {
  readonly kind: "Index";
  readonly object: Expr;
  readonly index: Expr;
}
export interface MemberExpr extends ExprBase {
  readonly kind: "Member";
  readonly object: Expr;
  readonly field: Name;
}
export interface UnaryExpr extends ExprBase {
  readonly kind: "Unary";
  readonly op: "-" | "not";
  readonly operand: Expr;
}
export type BinaryOp = "+" | "-" | "*" | "/" | "=" | "!=" | "<" | "<=" | ">" | ">=" | "and" | "or";
export interface BinaryExpr extends ExprBase {
  readonly kind: "Binary";
  readonly op: BinaryOp;
  readonly opSpan: Span;
  readonly left: Expr;
  readonly right: Expr;
}
export interface IfExpr extends ExprBase {
  readonly kind: "If";
  readonly cond: Expr;
  readonly then: Expr;
  readonly else: Expr;
}
export interface EachExpr extends ExprBase {
  readonly kind: "Each";
  readonly variable: Name;
  readonly iterable: Expr;
  readonly body: Expr;
}
export interface ArrayExpr extends ExprBase {
  readonly kind: "Array";
  readonly elements: readonly Expr[];
}
export interface RangeExpr extends ExprBase {
  readonly kind: "Range";
  readonly from: Expr;
  readonly to: Expr;
}
export interface RecordExpr extends ExprBase {
  readonly kind: "Record";
  readonly fields: readonly { readonly name: Name; readonly value: Expr }[];
}
export interface Interval {
  readonly loClosed: boolean;
  readonly lo: Expr;
  readonly hi: Expr;
  readonly hiClosed: boolean;
  readonly span: Span;
}
export interface JudgedExpr extends ExprBase {
  readonly kind: "Judged";
  readonly bounds?: Interval;
  /** `judged by V { … }` / `judged by V scale S`: the allowed interval is the one of the verdict V's member. */
  readonly verdict?: { readonly subject: Expr; readonly arms: readonly ScaleArm[]; readonly scale?: Name };
  /** `deduct judged in [a, b] when C`: the judgement is a deduction from the points, made only when C holds. */
  readonly deduction?: { readonly when: Expr };
}
/** An arm of a scale or of a verdict: a member (or `otherwise`) with an interval (judged) or a value (tiers). */
export interface ScaleArm {
  /** `undefined` for `otherwise`. */
  readonly member?: Name;
  readonly interval?: Interval;
  readonly value?: Expr;
  readonly span: Span;
}
export type CompareOp = "=" | "!=" | "<" | "<=" | ">" | ">=";
export type BandCondition =
  | { readonly kind: "compare"; readonly op: CompareOp; readonly value: Expr }
  | { readonly kind: "interval"; readonly interval: Interval }
  | { readonly kind: "otherwise" };
export interface BandArm {
  readonly cond: BandCondition;
  readonly value: Expr;
  readonly span: Span;
}
export interface BandsExpr extends ExprBase {
  readonly kind: "Bands";
  readonly subject: Expr;
  readonly arms: readonly BandArm[];
}
export interface TierArm {
  /** `undefined` for `otherwise`. */
  readonly member?: Name;
  readonly value: Expr;
  readonly span: Span;
}
export interface TiersExpr extends ExprBase {
  readonly kind: "Tiers";
  readonly subject: Expr;
  readonly arms: readonly TierArm[];
  /** `tiers E scale S`: the arms come from the named scale (then `arms` is empty). */
  readonly scale?: Name;
}
export interface DeductPerExpr extends ExprBase {
  readonly kind: "DeductPer";
  readonly amount: Expr;
  readonly count: Expr;
  /** `at most M` / `至多 M`: the most this rule deducts. */
  readonly cap?: Expr;
}
/** How the distance beyond the threshold becomes steps: floor, ceil, or the exact quotient. */
export type StepMode = "whole" | "started" | "proportional";
export interface DeductBeyondExpr extends ExprBase {
  readonly kind: "DeductBeyond";
  readonly amount: Expr;
  readonly step: Expr;
  readonly subject: Expr;
  readonly direction: "over" | "under" | "off";
  readonly threshold: Expr;
  /** Absent in today's `deduct A per S of X over T`, which is proportional. */
  readonly mode?: StepMode;
  readonly cap?: Expr;
  /** Written `按 X 低于 T 每满 S 扣 A` (the rule text's order): the formatter keeps it. */
  readonly subjectFirst?: boolean;
}
/**
 * `achievement X against T higher-better` / `完成比 X 对比 T 正向`: the
 * points × X/T (or T/X), capped at the points. Without `against`, X is a
 * target pair (`目标`/`实际`).
 */
export interface AchievementExpr extends ExprBase {
  readonly kind: "Achievement";
  readonly actual: Expr;
  readonly target?: Expr;
  readonly direction: "higher" | "lower";
  /** `when 0 -> …`: the score when the ratio has a zero denominator ("target met"); `full` when written `满分`. */
  readonly zero?: Expr | "full";
}
// ---- issue 11, rule kind 6: dates ----
/** `2023-06-30`: a calendar date (the checker refuses a day that does not exist). */
export interface DateExpr extends ExprBase {
  readonly kind: "Date";
  /** As written, `YYYY-MM-DD`. */
  readonly text: string;
}
// ---- end of issue 11, rule kind 6 ----
// ---- issue 11, rule kind 7: peer-relative scores ----
export type PeerStatName = "max" | "min" | "mean" | "count" | "rank";
/** `peers.max(X)` / `同类.最大值(X)`, `peers.count`, `peers.rank(X, desc)`: X compared across the run's departments. */
export interface PeerExpr extends ExprBase {
  readonly kind: "Peer";
  /** The statistic as written after `peers.`; `which` is undefined when it is none the language knows. */
  readonly stat: Name;
  readonly which?: PeerStatName;
  /** The subject compared (absent for `peers.count`). */
  readonly subject?: Expr;
  /** A rank's order: `desc` (`降序`, the highest ranks 1) or `asc` (`升序`); absent when not written. */
  readonly order?: "desc" | "asc";
}
// ---- end of issue 11, rule kind 7 ----
/** Stands where the parser recovered from a syntax error. */
export interface ErrorExpr extends ExprBase {
  readonly kind: "Error";
}

// ---- types ----

export type TypeExpr =
  | { readonly kind: "Money"; readonly unit: "元" | "万元"; readonly span: Span }
  | {
      readonly kind: "Prim";
      /** `date` (`日期`): issue 11, rule kind 6. */
      readonly prim: "ratio" | "count" | "points" | "number" | "bool" | "text" | "date";
      readonly span: Span;
    }
  | { readonly kind: "Named"; readonly name: Name; readonly span: Span }
  | { readonly kind: "Array"; readonly element: TypeExpr; readonly length: number; readonly span: Span }
  /** `target count`: a pair { 目标, 实际 } of the same type. */
  | { readonly kind: "Pair"; readonly element: TypeExpr; readonly span: Span }
  | {
      readonly kind: "List";
      /** `constraints`: issue 11, rule kind 5 — checked on every record (`资金: money(万元) > 0`). */
      readonly fields: readonly {
        readonly name: Name;
        readonly type: TypeExpr;
        readonly constraints: readonly Constraint[];
      }[];
      readonly span: Span;
    };

export type Constraint =
  /** `=` (also written `==`): the input equals its bound, e.g. a total the sum of its rows. */
  | { readonly kind: "compare"; readonly op: "<" | "<=" | ">" | ">=" | "="; readonly bound: Expr; readonly span: Span }
  | { readonly kind: "in"; readonly interval: Interval; readonly span: Span };

// ---- declarations ----

export interface MetaDecl {
  readonly kind: "Meta";
  readonly key: "year" | "locality" | "source" | "total";
  readonly value: Expr;
  readonly span: Span;
}
export type RoundingMode = "half-up" | "half-even" | "down" | "up";
export interface RoundingDecl {
  readonly kind: "Rounding";
  readonly target: "indicator" | "part" | "total";
  readonly digits: number;
  readonly mode: RoundingMode;
  readonly span: Span;
}
export interface GradeArm {
  readonly name: Name;
  /** `undefined` for `otherwise`. */
  readonly op?: ">=" | ">";
  readonly threshold?: Expr;
  readonly span: Span;
}
export interface GradesDecl {
  readonly kind: "Grades";
  readonly arms: readonly GradeArm[];
  readonly span: Span;
}
// ---- issue 11, kind 4: grade caps (一票否优) ----
/** `grade at most 良 when C [because "…"]` / `等级 至多 良 当 C [理由 "…"]`: caps the grade, leaves the score. */
export interface GradeCapDecl {
  readonly kind: "GradeCap";
  readonly grade: Name;
  readonly cond: Expr;
  readonly reason?: StringLit;
  readonly span: Span;
}
// ---- end kind 4 ----
export interface EnumDecl {
  readonly kind: "Enum";
  readonly name: Name;
  readonly members: readonly Name[];
  readonly span: Span;
}
/** `scale NAME { member -> interval | value; … }`, declared once and used by `judged by … scale` or `tiers … scale`. */
export interface ScaleDecl {
  readonly kind: "Scale";
  readonly name: Name;
  readonly arms: readonly ScaleArm[];
  readonly span: Span;
}
export interface InputDecl {
  readonly kind: "Input";
  readonly name: Name;
  readonly alias?: Name;
  readonly type: TypeExpr;
  readonly constraints: readonly Constraint[];
  readonly span: Span;
}
export interface LetDecl {
  readonly kind: "Let";
  readonly name: Name;
  readonly value: Expr;
  readonly span: Span;
}
export interface NoteDecl {
  readonly kind: "Note";
  readonly which: "note" | "standard";
  readonly text: StringLit;
  readonly span: Span;
}
export interface PartDecl {
  readonly kind: "Part";
  readonly name: Name;
  readonly title?: StringLit;
  readonly points: NumberExpr;
  /** Absent for a checklist item without a rule (judged). */
  readonly rule?: Expr;
  readonly span: Span;
}
export interface ScoreDecl {
  readonly kind: "Score";
  readonly rule: Expr;
  readonly span: Span;
}
export interface ChecklistDecl {
  readonly kind: "Checklist";
  readonly items: readonly PartDecl[];
  readonly span: Span;
}
export interface ConditionDecl {
  readonly kind: "Exempt" | "Veto";
  readonly cond: Expr;
  readonly span: Span;
}
// ---- issue 11, kind 2: bonus above the weight, capped penalty ----
/** `bonus up to 0.5 = e` / `加分 至多 0.5 = e`, `penalty up to 2 = e` / `减分 至多 2 = e`. */
export interface AdjustDecl {
  readonly kind: "Adjust";
  readonly which: "bonus" | "penalty";
  readonly cap: NumberExpr;
  readonly rule: Expr;
  readonly span: Span;
}
// ---- end kind 2 ----
// ---- issue 11, rule kind 1: not applicable, and redistribution ----
/** `not applicable when C share equally|by points among A, B` / `不适用 当 C [按分值比例] 均摊 至 A, B`. */
export interface NotApplicableDecl {
  readonly kind: "NotApplicable";
  readonly cond: Expr;
  /** `equal`: each target gets the same share; `points`: shares in proportion to the targets' points. */
  readonly mode: "equal" | "points";
  readonly targets: readonly Name[];
  readonly span: Span;
}
// ---- end kind 1 ----
export type IndicatorItem =
  NoteDecl | LetDecl | PartDecl | ScoreDecl | ChecklistDecl | ConditionDecl | AdjustDecl | NotApplicableDecl;

export interface IndicatorDecl {
  readonly kind: "Indicator";
  readonly name: Name;
  readonly title?: StringLit;
  readonly points: NumberExpr;
  readonly items: readonly IndicatorItem[];
  readonly span: Span;
}
export interface GroupDecl {
  readonly kind: "Group";
  readonly name: Name;
  readonly title?: StringLit;
  readonly points: NumberExpr;
  readonly notes: readonly NoteDecl[];
  readonly children: readonly (GroupDecl | IndicatorDecl)[];
  /** `slot`: a derived rubric supplies the indicators. */
  readonly slot?: boolean;
  /** Issue 11, kind 3: `折算 100` / `scaled from 100`: the children are written out of this base. */
  readonly scaledFrom?: NumberExpr;
  readonly span: Span;
}

// ---- modifications (in an extending rubric) ----

export interface ReweightEntry {
  readonly name: Name;
  readonly points?: NumberExpr;
  readonly children: readonly ReweightEntry[];
  readonly span: Span;
}
export interface ReweightDecl {
  readonly kind: "Reweight";
  readonly target: Path;
  readonly points?: NumberExpr;
  readonly entries: readonly ReweightEntry[];
  readonly span: Span;
}
export interface ReplaceDecl {
  readonly kind: "Replace";
  readonly target: Path;
  readonly points?: NumberExpr;
  /** Indicator items, or group children when the target is a group. */
  readonly items: readonly (IndicatorItem | GroupDecl | IndicatorDecl)[];
  readonly span: Span;
}
export interface AddDecl {
  readonly kind: "Add";
  readonly parent: Path;
  readonly decl: GroupDecl | IndicatorDecl;
  readonly span: Span;
}
export interface RemoveDecl {
  readonly kind: "Remove";
  readonly target: Path;
  readonly span: Span;
}
export interface RewordDecl {
  readonly kind: "Reword";
  readonly target: Path;
  readonly title?: StringLit;
  readonly notes: readonly NoteDecl[];
  readonly span: Span;
}
export interface RenameDecl {
  readonly kind: "Rename";
  readonly target: Path;
  readonly to: Name;
  readonly span: Span;
}
export type Modification = ReweightDecl | ReplaceDecl | AddDecl | RemoveDecl | RewordDecl | RenameDecl;

/** `rule NAME(p: T, …) = body`: a pure function of its parameters, called like a built-in. */
export interface RuleParam {
  readonly name: Name;
  readonly type: TypeExpr;
  readonly span: Span;
}
export interface RuleDecl {
  readonly kind: "Rule";
  readonly name: Name;
  readonly params: readonly RuleParam[];
  readonly body: Expr;
  readonly span: Span;
}

export type RubricItem =
  | RuleDecl
  | NoteDecl
  | MetaDecl
  | RoundingDecl
  | GradesDecl
  | EnumDecl
  | InputDecl
  | LetDecl
  | GroupDecl
  | IndicatorDecl
  | Modification
  | ExampleDecl
  | ScaleDecl
  | GradeCapDecl;

export interface RubricRef {
  readonly name: Name;
  readonly year?: NumberExpr;
  readonly span: Span;
}

export interface RubricDecl {
  readonly kind: "Rubric";
  readonly name: Name;
  readonly year?: NumberExpr;
  readonly base?: RubricRef;
  readonly items: readonly RubricItem[];
  readonly span: Span;
}

// ---- examples ----

export interface GivenEntry {
  readonly name: Name;
  readonly value: Expr;
  readonly span: Span;
}
export type ExampleItem =
  | MetaDecl
  /** `peer`: `given peer { … }`, another department of the run (issue 11, kind 7). */
  | { readonly kind: "Given"; readonly entries: readonly GivenEntry[]; readonly peer?: true; readonly span: Span }
  | {
      readonly kind: "Judge";
      /** `undefined` for `rest`. */
      readonly target?: Path;
      /** `undefined` for `full`. */
      readonly value?: Expr;
      readonly reason?: StringLit;
      readonly span: Span;
    }
  | {
      readonly kind: "Override";
      readonly target: Path;
      readonly value: Expr;
      readonly reason?: StringLit;
      readonly span: Span;
    }
  | {
      readonly kind: "Expect";
      readonly target:
        { readonly kind: "path"; readonly path: Path } | { readonly kind: "total" | "grade"; readonly span: Span };
      readonly value: Expr;
      readonly span: Span;
    }
  | ExpectErrorDecl;

/** `expect error KIND in PATH`: a data defect the example must raise. */
export interface ExpectErrorDecl {
  readonly kind: "ExpectError";
  /** As written: `zero-denominator`, `除数为零`, … */
  readonly errorKind: Name;
  readonly target: Path;
  readonly span: Span;
}

export interface ExampleDecl {
  readonly kind: "Example";
  readonly title: StringLit;
  /** Absent when the example is nested in a rubric. */
  readonly target?: RubricRef;
  readonly items: readonly ExampleItem[];
  readonly span: Span;
}

export interface FileNode {
  readonly kind: "File";
  readonly items: readonly (RubricDecl | ExampleDecl)[];
  readonly span: Span;
}

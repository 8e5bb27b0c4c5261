/**
 * The rubric model: one rubric with inheritance applied, names attached to
 * their declarations, points as exact numbers. Built by `build.ts`, checked by
 * `../checks/*`, evaluated by `../evaluate/*`.
 */
import type { Exact, RoundingMode } from "../../runtime/exact.js";
import type * as A from "../syntax/ast.js";

/** Dimensions of numbers. `plain` is an unsuffixed literal: it adapts to the other operand. */
/** `date` (issue 11, kind 6): a calendar day held as its day number (days since 1970-01-01). */
export type Dim = "money" | "count" | "ratio" | "points" | "plain" | "date";

export type ValueType =
  | { readonly kind: "num"; readonly dim: Dim }
  | { readonly kind: "bool" }
  | { readonly kind: "text" }
  | { readonly kind: "enum"; readonly name: string; readonly members: readonly string[] }
  | { readonly kind: "array"; readonly element: ValueType; readonly length?: number }
  /** `pair` marks a target pair (`target count`): fields 目标 and 实际 of one numeric type. */
  /** `bounds`: the constraints written on a list's record fields (issue 11, rule kind 5). */
  | {
      readonly kind: "record";
      readonly fields: ReadonlyMap<string, ValueType>;
      readonly pair?: true;
      readonly bounds?: ReadonlyMap<string, FieldBounds>;
    }
  /** The type of an expression that already has an error: never reported twice. */
  | { readonly kind: "error" };

/** The constraints on one record field, and the money unit its plain bounds are written in. */
export interface FieldBounds {
  readonly constraints: readonly A.Constraint[];
  readonly moneyUnit?: "元" | "万元";
}

/** Where a piece of the model was written (inherited pieces keep their base file). */
export interface Origin {
  readonly file: string;
  readonly span: A.Span;
}

export interface EnumDef extends Origin {
  readonly name: string;
  readonly members: readonly string[];
  readonly decl: A.EnumDecl;
}

/** A named scale: member → interval (for `judged by … scale`) or member → value (for `tiers … scale`). */
export interface ScaleDef extends Origin {
  readonly name: string;
  readonly arms: readonly A.ScaleArm[];
  readonly decl: A.ScaleDecl;
}

export interface InputDef extends Origin {
  readonly name: string;
  readonly alias?: string;
  readonly type: ValueType;
  /** Money inputs: the unit their values are given in (held internally in 元). */
  readonly moneyUnit?: "元" | "万元";
  readonly decl: A.InputDecl;
}

export interface LetDef extends Origin {
  readonly name: string;
  readonly value: A.Expr;
  readonly decl: A.LetDecl;
}

export interface PartNode extends Origin {
  readonly kind: "part";
  readonly name: string;
  readonly title?: string;
  points: Exact;
  readonly pointsDecl: A.NumberExpr;
  readonly rule: A.Expr;
  /** True for the single part made from `score = …`. */
  readonly implicit: boolean;
  path: string[];
}

/** `bonus up to 0.5 = e` / `penalty up to 2 = e`: e clamped to [0, cap], added to / taken from the base. */
export interface AdjustDef extends Origin {
  readonly which: "bonus" | "penalty";
  readonly cap: Exact;
  readonly rule: A.Expr;
  readonly decl: A.AdjustDecl;
}

/** Issue 11, rule kind 1: `not applicable when C share … among A, B`. */
export interface NotApplicableDef extends Origin {
  readonly cond: A.Expr;
  readonly mode: "equal" | "points";
  readonly targets: readonly string[];
  readonly decl: A.NotApplicableDecl;
}

export interface ConditionDef extends Origin {
  readonly cond: A.Expr;
}

export interface IndicatorNode extends Origin {
  readonly kind: "indicator";
  file: string;
  span: A.Span;
  name: string;
  title?: string;
  points: Exact;
  pointsDecl: A.NumberExpr;
  note?: string;
  standard?: string;
  lets: LetDef[];
  parts: PartNode[];
  exempt: ConditionDef[];
  veto: ConditionDef[];
  /** Issue 11, kind 2: bonuses above the points and capped penalties, applied after the parts' sum. */
  adjust: AdjustDef[];
  /** Issue 11, kind 1: when the condition holds, the points go to the named siblings (one rule; the checker refuses more). */
  notApplicable: NotApplicableDef[];
  path: string[];
  /** The file whose declarations the rules of this indicator came from. */
  rulesFile: string;
}

export interface GroupNode extends Origin {
  readonly kind: "group";
  file: string;
  span: A.Span;
  name: string;
  title?: string;
  points: Exact;
  pointsDecl: A.NumberExpr;
  notes: string[];
  children: TreeNode[];
  path: string[];
  /** Declared `slot`: a derived rubric supplies its indicators. */
  slot?: boolean;
  /** Issue 11, kind 3: the base the children are written in (`折算 100`); the group scores Σ × points / base. */
  scaledFrom?: Exact;
  scaledFromDecl?: A.NumberExpr;
}

export type TreeNode = GroupNode | IndicatorNode;
export type AnyNode = TreeNode | PartNode;

export interface RoundingSpec extends Origin {
  readonly digits: number;
  readonly mode: RoundingMode;
}

export interface GradeDef extends Origin {
  readonly name: string;
  /** Absent for `otherwise`. */
  readonly threshold?: Exact;
  /** The unit the threshold was written in (a total is points: a `%` threshold is a unit error). */
  readonly thresholdDim?: Dim;
  readonly strict: boolean;
}

/** Issue 11, kind 4: `grade at most 良 when C` — the grade is capped while C holds; the score is left alone. */
export interface GradeCapDef extends Origin {
  readonly grade: string;
  readonly cond: A.Expr;
  readonly reason?: string;
  readonly decl: A.GradeCapDecl;
}

export interface RubricModel {
  readonly name: string;
  readonly year?: number;
  readonly file: string;
  readonly decl: A.RubricDecl;
  readonly base?: RubricModel;
  locality?: string;
  source?: string;
  total?: { value: Exact; origin: Origin };
  rounding: { indicator?: RoundingSpec; part?: RoundingSpec; total?: RoundingSpec };
  grades: GradeDef[];
  /** Grade caps (一票否优), inherited through `extends` and added to. */
  gradeCaps: GradeCapDef[];
  enums: Map<string, EnumDef>;
  scales: Map<string, ScaleDef>;
  inputs: Map<string, InputDef>;
  lets: Map<string, LetDef>;
  groups: TreeNode[];
  /** Reusable rules (`rule NAME(…) = …`), inherited like lets. */
  rules: Map<string, RuleDef>;
  /** Rubric-level remarks (`note`/`standard` outside any indicator), for the whole form. */
  note?: string;
  standard?: string;
}

export interface RuleParamDef {
  readonly name: string;
  readonly type: ValueType;
  /** `number`: any numeric dimension; the argument's dimension flows into the body. */
  readonly generic: boolean;
  readonly decl: A.RuleParam;
}

export interface RuleDef extends Origin {
  readonly name: string;
  readonly params: readonly RuleParamDef[];
  readonly body: A.Expr;
  readonly decl: A.RuleDecl;
}

/** A rubric's display key: name and year. */
export function rubricKey(name: string, year?: number): string {
  return year === undefined ? name : `${name} ${year}`;
}

export function typeToString(t: ValueType, lang: "zh" | "en" = "en"): string {
  const zh = lang === "zh";
  switch (t.kind) {
    case "num":
      return zh
        ? { money: "金额", count: "计数", ratio: "比率", points: "分值", plain: "数值", date: "日期" }[t.dim]
        : { money: "money", count: "a count", ratio: "a ratio", points: "points", plain: "a number", date: "a date" }[
            t.dim
          ];
    case "bool":
      return zh ? "布尔值" : "a bool";
    case "text":
      return zh ? "文本" : "text";
    case "enum":
      return zh ? `枚举 ${t.name}` : `enum ${t.name}`;
    case "array":
      return `${typeToString(t.element, lang)}[${t.length ?? ""}]`;
    case "record":
      if (t.pair) {
        const el = t.fields.get(PAIR_TARGET);
        return zh
          ? `目标值对（${el ? typeToString(el, lang) : ""}）`
          : `a target pair (${el ? typeToString(el, lang) : ""})`;
      }
      return zh ? "记录" : "a record";
    case "error":
      return "?";
  }
}

/** Field names of a target pair: the target (目标值) and the actual value (实际完成值). */
export const PAIR_TARGET = "目标";
export const PAIR_ACTUAL = "实际";

/**
 * The formatter's tree: the syntax tree of `ast.ts` re-shaped for printing.
 * Every node has a `type` and a source range (`start`, `end`), and carries
 * what the syntax tree drops but a formatter must keep: the spelling of each
 * keyword and punctuation mark as the author wrote it (English or Chinese,
 * `->` or `→`), source parentheses, raw string and number text, and whether
 * a `{ … }` list was written across lines. Built by `build.ts`.
 */

/** A comment as prettier sees it (prettier adds its own bookkeeping fields). */
export interface CommentNode {
  type: "Comment";
  /** The comment's source text, `//` or `/*` included. */
  value: string;
  block: boolean;
  start: number;
  end: number;
  leading?: boolean;
  trailing?: boolean;
  printed?: boolean;
  /**
   * "open": a `//` comment right after an opening bracket, printed there;
   * "then"/"else": on its own line before that keyword of an `if`;
   * "before-open": between a block's keyword and its `{`.
   */
  marker?: string;
}

interface Base {
  start: number;
  end: number;
  comments?: CommentNode[];
}

/** `(` … `)` around an expression in the source, as written (`(`/`（`). */
export interface Parens {
  open: string;
  close: string;
}

// ---- leaves ----

/** A declared name (identifier or quoted), printed as written. */
export interface NameNode extends Base {
  type: "Name";
  text: string;
}
/** A string literal, printed verbatim (escapes, line breaks, “…” quotes). */
export interface StrNode extends Base {
  type: "Str";
  text: string;
}
/** A number with its unit (`95%`, `311.63万元`, `2分`), digits as written. */
export interface NumNode extends Base {
  type: "Num";
  text: string;
}
/** A type keyword or enum name (`ratio`, `计数`, `公开情况`). */
export interface TypeWordNode extends Base {
  type: "TypeWord";
  text: string;
}

// ---- expressions ----

interface ExprBase extends Base {
  parens?: Parens;
}
/** Numbers, strings, booleans, references and ranges: printed as written. */
export interface AtomNode extends ExprBase {
  type: "Atom";
  text: string;
}
export interface CallNode extends ExprBase {
  type: "Call";
  callee: NameNode;
  open: string;
  openAt: number;
  args: ExprNode[];
  comma: string;
  close: string;
}
export interface IndexNode extends ExprBase {
  type: "Index";
  object: ExprNode;
  open: string;
  index: ExprNode;
  close: string;
}
export interface MemberNode extends ExprBase {
  type: "Member";
  object: ExprNode;
  field: NameNode;
}
export interface UnaryNode extends ExprBase {
  type: "Unary";
  /** `-`, or the `not`/`非` keyword. */
  op: string;
  word: boolean;
  operand: ExprNode;
}
export interface BinaryNode extends ExprBase {
  type: "Binary";
  op: string;
  /** Binding strength: or 1, and 2, comparison 4, + - 5, * / 6. */
  prec: number;
  left: ExprNode;
  right: ExprNode;
}
export interface IfNode extends ExprBase {
  type: "If";
  ifKw: string;
  cond: ExprNode;
  thenKw: string;
  /** Offsets of the `then` and `else` keywords (a comment on its own line before one stays there). */
  thenAt: number;
  then: ExprNode;
  elseKw: string;
  elseAt: number;
  else: ExprNode;
}
export interface EachNode extends ExprBase {
  type: "Each";
  kw: string;
  variable: NameNode;
  inKw: string;
  iterable: ExprNode;
  colon: string;
  body: ExprNode;
}
export interface ArrayNode extends ExprBase {
  type: "Array";
  open: string;
  openAt: number;
  elements: ExprNode[];
  comma: string;
  close: string;
}
export interface RecordNode extends ExprBase {
  type: "Record";
  fields: FieldNode[];
  sep: string;
  openAt: number;
}
export interface FieldNode extends Base {
  type: "Field";
  name: NameNode;
  colon: string;
  value: ExprNode;
}
export interface IntervalNode extends Base {
  type: "Interval";
  open: string;
  lo: ExprNode;
  comma: string;
  hi: ExprNode;
  close: string;
}
export interface JudgedNode extends ExprBase {
  type: "Judged";
  kw: string;
  inKw?: string;
  bounds?: IntervalNode;
}
/** `judged by 结论 { 达成 -> [80%, 100%]; … }` or `judged by 结论 scale 定性三档`. */
export interface JudgedByNode extends ExprBase {
  type: "JudgedBy";
  kw: string;
  byKw: string;
  subject: ExprNode;
  arms: ScaleArmNode[];
  sep: string;
  openAt: number;
  scaleKw?: string;
  scale?: NameNode;
}
/** `deduct judged in [0.5, 1] when 核算不规范` / `酌情扣 [0.5, 1] 当 核算不规范`; `kw` holds both words of the English form. */
export interface JudgedDeductNode extends ExprBase {
  type: "JudgedDeduct";
  kw: string;
  inKw?: string;
  bounds: IntervalNode;
  whenKw: string;
  when: ExprNode;
}
export interface ScaleArmNode extends Base {
  type: "ScaleArm";
  member?: NameNode;
  otherwiseKw?: string;
  arrow: string;
  interval?: IntervalNode;
  value?: ExprNode;
}
export interface ScaleNode extends Base {
  type: "Scale";
  kw: string;
  name: NameNode;
  arms: ScaleArmNode[];
  sep: string;
  openAt: number;
}
export interface BandsNode extends ExprBase {
  type: "Bands";
  kw: string;
  subject: ExprNode;
  arms: BandArmNode[];
  sep: string;
  openAt: number;
}
export interface BandArmNode extends Base {
  type: "BandArm";
  /** A comparison operator, or the `otherwise` keyword, or absent for an interval. */
  op?: string;
  bound?: ExprNode;
  interval?: IntervalNode;
  arrow: string;
  value: ExprNode;
}
export interface TiersNode extends ExprBase {
  type: "Tiers";
  kw: string;
  subject: ExprNode;
  /** `tiers E scale S`: no arms of its own. */
  scaleKw?: string;
  scale?: NameNode;
  arms: TierArmNode[];
  sep: string;
  openAt: number;
}
export interface TierArmNode extends Base {
  type: "TierArm";
  member?: NameNode;
  otherwiseKw?: string;
  arrow: string;
  value: ExprNode;
}
export interface DeductNode extends ExprBase {
  type: "Deduct";
  kw: string;
  amount: ExprNode;
  perKw: string;
  per: ExprNode;
  ofKw?: string;
  subject?: ExprNode;
  dirKw?: string;
  threshold?: ExprNode;
}

export type ExprNode =
  | AtomNode
  | CallNode
  | IndexNode
  | MemberNode
  | UnaryNode
  | BinaryNode
  | IfNode
  | EachNode
  | ArrayNode
  | RecordNode
  | JudgedNode
  | BandsNode
  | TiersNode
  | DeductNode
  | JudgedByNode
  | JudgedDeductNode
  | PhraseNode;
/**
 * A rule read as words and operands in the order written, spellings kept:
 * `deduct 2 per whole 5% of 执行率 under 100% at most 8`,
 * `按 执行率 低于 100% 每满 5% 扣 2`, `完成比 实际 对比 1200 正向 当 0 -> 满分`.
 */
export interface PhraseNode extends ExprBase {
  type: "Phrase";
  /** Each piece is a word (a keyword, `->`, the `0` of `when 0`) or the index of an operand in `args`. */
  pieces: (string | number)[];
  args: ExprNode[];
}

// ---- types and constraints ----

export interface TypeMoneyNode extends Base {
  type: "TypeMoney";
  kw: string;
  open: string;
  unit: string;
  close: string;
}
export interface TypeArrayNode extends Base {
  type: "TypeArray";
  element: TypeNode;
  open: string;
  length: NumNode;
  close: string;
}
export interface TypeListNode extends Base {
  type: "TypeList";
  kw: string;
  ofKw: string;
  fields: TypeFieldNode[];
  sep: string;
  openAt: number;
}
export interface TypeFieldNode extends Base {
  type: "TypeField";
  name: NameNode;
  colon: string;
  valueType: TypeNode;
  /** Issue 11, rule kind 5: `资金: money(万元) > 0`. */
  constraints: ConstraintNode[];
}
export type TypeNode = TypeWordNode | TypeMoneyNode | TypeArrayNode | TypeListNode | TypePairNode;
/** `target count` / `目标 计数`. */
export interface TypePairNode extends Base {
  type: "TypePair";
  kw: string;
  element: TypeNode;
}

export interface ConstraintNode extends Base {
  type: "Constraint";
  /** `>=`, `<`, … or the `in`/`在` keyword. */
  op: string;
  bound?: ExprNode;
  interval?: IntervalNode;
}

// ---- statements ----

/** What a `{ … }` statement list needs: the offset of `{` and the layout the author chose. */
interface ListOwner {
  body: StatementNode[];
  /** Offset of `{` (-1 when there is none, as for the file). */
  openAt: number;
  /** One statement per line even when they would fit on one (always, or as the author wrote it). */
  expanded: boolean;
  /** Separator used when the list is printed on one line. */
  sep: string;
}

export interface FileNode extends Base, ListOwner {
  type: "File";
}
export interface RefNode extends Base {
  type: "Ref";
  name: NameNode;
  year?: NumNode;
}
export interface RubricNode extends Base, ListOwner {
  type: "Rubric";
  kw: string;
  name: NameNode;
  year?: NumNode;
  extendsKw?: string;
  base?: RefNode;
}
export interface MetaNode extends Base {
  type: "Meta";
  kw: string;
  value: ExprNode;
}
/** `rounding indicator 2 half-up`, `remove a.b`: keywords and words only. */
export interface WordsNode extends Base {
  type: "Words";
  words: string[];
}
export interface GradesNode extends Base {
  type: "Grades";
  kw: string;
  arms: GradeArmNode[];
  sep: string;
  openAt: number;
}
export interface GradeArmNode extends Base {
  type: "GradeArm";
  name: NameNode;
  /** `>=`/`>`, or the `otherwise` keyword. */
  op: string;
  threshold?: ExprNode;
}
export interface EnumNode extends Base {
  type: "Enum";
  kw: string;
  name: NameNode;
  members: NameNode[];
  sep: string;
  openAt: number;
}
export interface InputNode extends Base {
  type: "Input";
  kw: string;
  name: NameNode;
  aliasKw?: string;
  alias?: NameNode;
  colon: string;
  valueType: TypeNode;
  constraints: ConstraintNode[];
}
export interface LetNode extends Base {
  type: "Let";
  kw: string;
  name: NameNode;
  value: ExprNode;
}
export interface NoteNode extends Base {
  type: "Note";
  kw: string;
  text: StrNode;
}
export interface GroupNode extends Base, ListOwner {
  type: "Group";
  kw: string;
  name: NameNode;
  title?: StrNode;
  points: NumNode;
  /** Issue 11, kind 3: `折算` / `scaled from` as written, and the base the children are written in. */
  scaledWords?: string[];
  scaledFrom?: NumNode;
  /** `slot`/`预留` as written, for a group whose indicators a derived rubric supplies. */
  slotKw?: string;
  /** A slot written without `{ … }`. */
  bodiless?: boolean;
}
/** `rule NAME(p: T, …) = body`. */
export interface RuleNode extends Base {
  type: "Rule";
  kw: string;
  name: NameNode;
  params: RuleParamNode[];
  /** The separator between parameters as written (`,` or `，`). */
  sep: string;
  value: ExprNode;
}
export interface RuleParamNode extends Base {
  type: "RuleParam";
  name: NameNode;
  colon: string;
  valueType: TypeNode;
}
/** `expect error KIND in PATH`. */
export interface ExpectErrorNode extends Base {
  type: "ExpectError";
  kw: string;
  errorKw: string;
  kind: string;
  inKw: string;
  target: PathNode;
}
export interface IndicatorNode extends Base, ListOwner {
  type: "Indicator";
  kw: string;
  name: NameNode;
  title?: StrNode;
  points: NumNode;
}
/** `part NAME [TITLE] POINTS [= RULE]`, or a checklist item (no keyword). */
export interface PartNode extends Base {
  type: "Part";
  kw?: string;
  name: NameNode;
  title?: StrNode;
  points: NumNode;
  rule?: ExprNode;
}
export interface ScoreNode extends Base {
  type: "Score";
  kw: string;
  rule: ExprNode;
}
export interface ChecklistNode extends Base, ListOwner {
  type: "Checklist";
  kw: string;
}
/** Issue 11, kind 2: `bonus up to 0.5 = …` / `减分 至多 2 = …`. */
export interface AdjustNode extends Base {
  type: "Adjust";
  words: string[];
  cap: NumNode;
  rule: ExprNode;
}
/** Issue 11, rule kind 1: `not applicable when C share equally among A, B`, words as written. */
export interface NotApplicableNode extends Base {
  type: "NotApplicable";
  head: string[];
  cond: ExprNode;
  tail: string[];
  sep: string;
  targets: NameNode[];
}
export interface ConditionNode extends Base {
  type: "Condition";
  kw: string;
  whenKw: string;
  cond: ExprNode;
}
export interface PathNode extends Base {
  type: "Path";
  segments: NameNode[];
}
export interface ReweightNode extends Base {
  type: "Reweight";
  kw: string;
  target: PathNode;
  points?: NumNode;
  block?: ReweightBlockNode;
}
export interface ReweightBlockNode extends Base, ListOwner {
  type: "ReweightBlock";
}
export interface ReweightEntryNode extends Base {
  type: "ReweightEntry";
  name: NameNode;
  points?: NumNode;
  block?: ReweightBlockNode;
}
export interface ReplaceNode extends Base, ListOwner {
  type: "Replace";
  kw: string;
  target: PathNode;
  points?: NumNode;
}
export interface AddNode extends Base {
  type: "Add";
  kw: string;
  parent: PathNode;
  decl: GroupNode | IndicatorNode;
}
export interface RemoveNode extends Base {
  type: "Remove";
  kw: string;
  target: PathNode;
}
export interface RewordNode extends Base, ListOwner {
  type: "Reword";
  kw: string;
  target: PathNode;
  title?: StrNode;
}
export interface RenameNode extends Base {
  type: "Rename";
  kw: string;
  target: PathNode;
  toKw: string;
  name: NameNode;
}
export interface ExampleNode extends Base, ListOwner {
  type: "Example";
  kw: string;
  title: StrNode;
  forKw?: string;
  target?: RefNode;
}
/** `given { … }` (a list) or `given NAME = VALUE` (`braced` false, one entry in `body`). */
export interface GivenNode extends Base, ListOwner {
  type: "Given";
  kw: string;
  braced: boolean;
}
export interface GivenEntryNode extends Base {
  type: "GivenEntry";
  name: NameNode;
  /** `=` or `:`/`：`. */
  eq: string;
  value: ExprNode;
}
export interface BecauseNode extends Base {
  type: "Because";
  kw: string;
  colon?: string;
  text: StrNode;
}
export interface JudgeNode extends Base {
  type: "Judge";
  kw: string;
  restKw?: string;
  target?: PathNode;
  fullKw?: string;
  value?: ExprNode;
  because?: BecauseNode;
}
export interface OverrideNode extends Base {
  type: "Override";
  kw: string;
  target: PathNode;
  value: ExprNode;
  because?: BecauseNode;
}
export interface ExpectNode extends Base {
  type: "Expect";
  kw: string;
  /** `total`/`grade` keyword, when the target is not a path. */
  targetKw?: string;
  target?: PathNode;
  value: ExprNode;
}

export type StatementNode =
  | RubricNode
  | MetaNode
  | WordsNode
  | GradesNode
  | EnumNode
  | InputNode
  | LetNode
  | NoteNode
  | GroupNode
  | IndicatorNode
  | PartNode
  | ScoreNode
  | ChecklistNode
  | ConditionNode
  | AdjustNode
  | NotApplicableNode
  | ReweightNode
  | ReweightEntryNode
  | ReplaceNode
  | AddNode
  | RemoveNode
  | RewordNode
  | RenameNode
  | ExampleNode
  | GivenNode
  | GivenEntryNode
  | JudgeNode
  | OverrideNode
  | ExpectNode
  | ScaleNode
  | RuleNode
  | ExpectErrorNode
  /** A statement read as words and operands (issue 11: `grade at most 良 when …`). */
  | PhraseNode;

export type ListOwnerNode =
  | FileNode
  | RubricNode
  | GroupNode
  | IndicatorNode
  | ChecklistNode
  | ReweightBlockNode
  | ReplaceNode
  | RewordNode
  | ExampleNode
  | GivenNode;

export type Node =
  | FileNode
  | StatementNode
  | ExprNode
  | TypeNode
  | NameNode
  | StrNode
  | NumNode
  | RefNode
  | PathNode
  | FieldNode
  | IntervalNode
  | BandArmNode
  | TierArmNode
  | ScaleArmNode
  | TypeFieldNode
  | ConstraintNode
  | GradeArmNode
  | ReweightBlockNode
  | BecauseNode
  | RuleParamNode;

/** The root handed to prettier: the file plus its comments (prettier attaches and removes them). */
export interface RootNode extends FileNode {
  comments?: CommentNode[];
  /** Every comment, kept for the printer (prettier removes `comments` from the root). */
  allComments: readonly CommentNode[];
}

export function isListOwner(n: unknown): n is ListOwnerNode {
  return typeof n === "object" && n !== null && Array.isArray((n as { body?: unknown }).body) && "expanded" in n;
}

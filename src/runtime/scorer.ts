/**
 * What a scorer is, whoever made it: the reference evaluator wrapped for
 * batch use, or a compiled module. Batch scoring, validation and the
 * differential tests only speak this interface.
 */
import type { BoundExpr } from "./bound-expr.js";
import type { Report, Text } from "./report.js";
import type { Exact } from "./exact.js";
import type { PeerStats, PeerSubjectSpec } from "./peers.js";

/** Input values after validation: numbers as exact decimal strings, money in the input's declared unit. */
/** A raw input value: decimals as strings or numbers (numbers are read from their shortest decimal text, never used as floats). */
export type InputValue =
  string | number | boolean | null | readonly InputValue[] | { readonly [field: string]: InputValue };

/** The input of one department: values by input name, plus judgements and overrides by indicator path. */
export interface ScoreInput {
  readonly values: { readonly [input: string]: InputValue };
  /** Judged scores by (suffix) path; `reason` required below the maximum. */
  readonly judgements?: { readonly [path: string]: { readonly value: string; readonly reason?: string } };
  /** Judge every judged part not judged otherwise at its maximum. */
  readonly judgeRestFull?: boolean;
  readonly overrides?: { readonly [path: string]: { readonly value: string; readonly reason: string } };
}

export type InputErrorKind =
  | "missing"
  | "unknown-field"
  | "duplicate-field"
  | "wrong-type"
  | "out-of-range"
  | "zero-denominator"
  | "judgement-out-of-bounds"
  | "judgement-needs-reason"
  | "unknown-indicator";

/** A structured input error: the field, the indicators that use it, and a message in both languages. */
export interface InputError {
  readonly kind: InputErrorKind;
  /** The input (or `path` for judgements/overrides) concerned. */
  readonly field: string;
  /** Paths of the indicators that read this field. */
  readonly indicators: readonly string[];
  readonly message: Text;
}

/** Description of one input, enough to validate and convert raw values (JSON, CSV cells, XLSX cells). */
export interface InputSpec {
  readonly name: string;
  readonly alias?: string;
  readonly type: InputTypeSpec;
  /**
   * Constant bounds, as exact decimal strings in the input's unit; `ref` names another input;
   * `expr` is arithmetic over other inputs (internal units), `written` its text as in the rubric.
   */
  readonly constraints: readonly {
    readonly op: "=" | ">=" | ">" | "<=" | "<";
    readonly value?: string;
    readonly ref?: string;
    readonly expr?: BoundExpr;
    readonly written?: string;
  }[];
  /** Paths of the indicators whose rules read this input. */
  readonly usedBy: readonly string[];
  readonly note?: string;
}

export type InputTypeSpec =
  | { readonly kind: "money"; readonly unit: "元" | "万元" }
  | { readonly kind: "ratio" | "count" | "points" | "number" }
  | { readonly kind: "bool" | "text" }
  /** Issue 11, rule kind 6: a calendar date, given as text (`2023-06-30`); held as its day number. */
  | { readonly kind: "date" }
  | { readonly kind: "enum"; readonly name: string; readonly members: readonly string[] }
  | { readonly kind: "array"; readonly element: InputTypeSpec; readonly length?: number }
  /** `pair`: a target pair (`target count`), fields 目标 and 实际, also given as `target`/`actual`. */
  | {
      readonly kind: "record";
      /** `constraints` (issue 11, rule kind 5): constant bounds in the field's unit, checked on every record. */
      readonly fields: readonly {
        readonly name: string;
        readonly type: InputTypeSpec;
        readonly constraints?: readonly { readonly op: "=" | ">=" | ">" | "<=" | "<"; readonly value: string }[];
      }[];
      readonly pair?: true;
    };

export interface JudgedSpec {
  readonly path: string;
  /** The widest bounds: the interval that applies (a verdict's, a branch's) is checked while scoring. */
  readonly min: string;
  readonly max: string;
  readonly minOpen?: boolean;
  readonly maxOpen?: boolean;
  /** The judgement is a deduction from the points (`deduct judged …`), not a score. */
  readonly deduction?: boolean;
  /** `judged by 结论 { … }` on an input: the interval each member of the verdict allows (`null` for `otherwise`). */
  readonly byVerdict?: {
    readonly input: string;
    readonly arms: readonly {
      readonly member: string | null;
      readonly min: string;
      readonly max: string;
      readonly minOpen?: boolean;
      readonly maxOpen?: boolean;
    }[];
  };
  /** True when the whole indicator may be judged at once (all its parts are judged). */
  readonly indicator: boolean;
}

export interface RubricMeta {
  readonly name: string;
  readonly year?: number;
  readonly locality?: string;
  readonly source?: string;
  readonly total: string;
  readonly inputs: readonly InputSpec[];
  readonly judged: readonly JudgedSpec[];
  /** Indicator paths, in tree order. */
  readonly indicators: readonly { readonly path: string; readonly points: string; readonly note?: string }[];
  /**
   * Issue 11, kind 7: present when a rule reads peer statistics — the subjects compared (possibly none,
   * for `peers.count` alone). Such a rubric scores with `score(input, { peers })`.
   */
  readonly peers?: readonly PeerSubjectSpec[];
}

/** Options of `Scorer.score`. */
export interface ScoreOptions {
  /** Keep trace lines (default false). */
  readonly explain?: boolean;
  /** The statistics of the department's peers, for a rubric whose `meta.peers` is set (see `peerStats`). */
  readonly peers?: PeerStats;
}

export interface Scorer {
  readonly meta: RubricMeta;
  /** Every problem with the input, none thrown. */
  validate(input: ScoreInput): InputError[];
  /**
   * Scores a valid input; throws a `ScoreError` carrying InputErrors
   * otherwise. Trace lines only with `explain: true`; the default,
   * `explain: false`, leaves them out (faster).
   */
  score(input: ScoreInput, options?: ScoreOptions): Report;
  /**
   * Issue 11, kind 7: a department's value of each of `meta.peers` (undefined where an input it needs is
   * missing or invalid), for collecting the statistics of its peers (`PeerCollector`).
   */
  peerRow?(input: ScoreInput): readonly (Exact | undefined)[];
}

export class ScoreError extends Error {
  constructor(readonly errors: readonly InputError[]) {
    super(errors.map((e) => e.message.en).join("; "));
    this.name = "ScoreError";
  }
}

/** An input value converted for scoring: exact numbers (money in 元, ratios as fractions), enum members as text. */
export type ConvertedValue =
  | { readonly k: "num"; readonly v: import("./exact.js").Exact }
  | { readonly k: "bool"; readonly v: boolean }
  | { readonly k: "text"; readonly v: string }
  | { readonly k: "enum"; readonly v: string }
  | { readonly k: "array"; readonly v: readonly ConvertedValue[] }
  | { readonly k: "record"; readonly v: ReadonlyMap<string, ConvertedValue> };

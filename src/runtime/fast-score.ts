/**
 * The runtime around a compiled module's specialised indicator functions.
 * Each generated indicator function returns its final score (rounded and
 * clamped as declared) as an integer over the module's score denominator, so
 * the generated `totals` sums integers once and turns them into text once;
 * `FastOut` carries the indicator's status (veto / exemption / whole
 * judgement) and, for `score`, the parts as the report needs them (the
 * report itself: fast-report.ts). Any `BAIL` from the specialised code
 * sends the record to the generic exact path, which also reports every error.
 */
import type { Exact } from "./exact.js";
import type { NodeReport, Report } from "./report.js";
import { judgedMax, type IndicatorSpec, type NodeSpec, type RubricSpec } from "./compiled.js";
import { R, bail, cmp, radd, round, text } from "./fast-num.js";

/** Records scored by the specialised code, and records it handed to the generic path (tests and the bench read these). */
export const stats = { fast: 0, generic: 0 };

/** What a specialised indicator function returns. */
export const PARTS = 0;
export const VETO = 1;
export const EXEMPT = 2;
export const WHOLE = 3;

/** One department's values as the specialised code reads them (fields per input are added by the module). */
export interface FastValues {
  /** Judgements by index in `meta.judged`, as integers over the module's judgement denominator. */
  readonly j: readonly (number | undefined)[];
  /** Their reasons. */
  readonly r: readonly (string | undefined)[];
  /** `judgeRestFull`. */
  readonly full: boolean;
}

export type FastIndicator<V extends FastValues> = (v: V, o: FastOut) => number;

/** Total, grade and every indicator's score (aligned with `meta.indicators`): no report tree, no trace. */
export interface Totals {
  readonly total: string | null;
  readonly grade: string | null;
  readonly scores: readonly (string | null)[];
}

export interface Prepared {
  readonly spec: RubricSpec;
  readonly indicators: readonly IndicatorSpec[];
  readonly points: Float64Array; // n, d per indicator
  readonly partPoints: readonly Float64Array[];
  readonly grades: readonly { name: string; n: number; d: number; strict: boolean; any: boolean }[];
  readonly judgedDen: number;
  /** Text of each judged entry's best score (what `judge rest full` gives). */
  readonly maxText: readonly string[];
}

function nd(v: Exact): [number, number] {
  return [Number(v.num), Number(v.den)];
}

/** Collects the parts of the indicator being scored: rounding and clamping as declared, then their sum. */
export class FastOut {
  /** Status of the indicator being scored: PARTS, VETO, EXEMPT or WHOLE. */
  status = PARTS;
  /** Parts scored so far in this indicator. */
  k = 0;
  sn = 0;
  sd = 1;
  /** Points of the current indicator's parts (n, d pairs). */
  pp: Float64Array = new Float64Array(0);
  /** Per part (report mode): value n, d; value before clamping n, d; clamp 0 none, 1 lower, 2 upper. */
  readonly parts: number[] = [];
  report = false;

  /** Denominator of the final score an indicator function just returned. */
  fd = 1;

  /**
   * @param scoreDen the module's score denominator: every final indicator score is an integer over it;
   *   0 when the rubric declares no indicator rounding, and final scores keep their own denominators (`fd`)
   */
  constructor(
    private readonly rounding: RubricSpec["rounding"],
    readonly scoreDen: number,
  ) {}

  begin(pp: Float64Array): void {
    this.status = PARTS;
    this.k = 0;
    this.sn = 0;
    this.sd = 1;
    this.pp = pp;
    if (this.report) this.parts.length = 0;
  }

  /** A part's raw value n/d: rounded if parts are, clamped to [0, points], added. */
  part(n: number, d: number): void {
    const r = this.rounding.part;
    if (r) {
      n = round(n, d, r.digits, r.mode);
      d = 10 ** r.digits;
    }
    const i = this.k++;
    const pn = this.pp[2 * i] as number;
    const pd = this.pp[2 * i + 1] as number;
    let vn = n;
    let vd = d;
    let clamp = 0;
    if (n < 0) {
      vn = 0;
      vd = 1;
      clamp = 1;
    } else if (cmp(n, d, pn, pd) > 0) {
      vn = pn;
      vd = pd;
      clamp = 2;
    }
    if (this.report) this.parts.push(vn, vd, n, d, clamp);
    if (i === 0) {
      // The first part is the sum so far: no addition, no reduction.
      this.sn = vn;
      this.sd = vd;
      return;
    }
    radd(this.sn, this.sd, vn, vd);
    this.sn = R.n;
    this.sd = R.d;
  }

  /** A condition scores all or nothing. */
  cond(c: boolean): void {
    const i = this.k;
    this.part(c ? (this.pp[2 * i] as number) : 0, c ? (this.pp[2 * i + 1] as number) : 1);
  }

  /** The indicator is vetoed: its final score is 0. */
  veto(): number {
    this.status = VETO;
    this.fd = 1;
    return 0;
  }

  /** The indicator is exempt: `x` is its points, rounded and clamped, over `scoreDen` (from `final` when 0). */
  exempt(x: number): number {
    this.status = EXEMPT;
    if (this.scoreDen !== 0) this.fd = this.scoreDen;
    return x;
  }

  /** The indicator is judged as a whole: `x` is the judgement, rounded and clamped (from `final`). */
  whole(x: number): number {
    this.status = WHOLE;
    return x;
  }

  /** A final score from a raw n/d: the indicator's rounding, the clamp to [0, pn/pd], over `scoreDen` (or a bail). */
  final(n: number, d: number, pn: number, pd: number): number {
    const ir = this.rounding.indicator;
    if (ir) {
      n = round(n, d, ir.digits, ir.mode);
      d = 10 ** ir.digits;
    }
    if (n < 0) {
      n = 0;
      d = 1;
    } else if (cmp(n, d, pn, pd) > 0) {
      n = pn;
      d = pd;
    }
    if (this.scoreDen === 0) {
      this.fd = d;
      return n;
    }
    this.fd = this.scoreDen;
    return over(n, d, this.scoreDen);
  }
}

/** n/d as an integer over `sd`, or a bail when it is not one (then the generic path scores the record). */
export function over(n: number, d: number, sd: number): number {
  if (d === sd) return n;
  const m = n * sd;
  if (m > Number.MAX_SAFE_INTEGER || m < -Number.MAX_SAFE_INTEGER || m % d !== 0) bail();
  return m / d;
}

/**
 * Decimal text of scores over one denominator, each made once: a batch prints the same few hundred
 * indicator scores over and over.
 */
export class ScoreText {
  private readonly cache: (string | undefined)[];

  constructor(
    readonly d: number,
    private readonly limit: number,
  ) {
    this.cache = new Array<string | undefined>(limit);
  }

  of(n: number): string {
    if (n < 0 || n >= this.limit) return text(n, this.d);
    return (this.cache[n] ??= text(n, this.d));
  }
}

export function prepare(spec: RubricSpec, judgedDen: number): Prepared {
  const indicators: IndicatorSpec[] = [];
  const walk = (n: NodeSpec): void => {
    if (n.kind === "indicator") indicators.push(n);
    else n.children.forEach(walk);
  };
  spec.tree.forEach(walk);
  const points = new Float64Array(indicators.length * 2);
  indicators.forEach((ind, i) => points.set(nd(ind.points), 2 * i));
  return {
    spec,
    indicators,
    points,
    partPoints: indicators.map((ind) => Float64Array.from(ind.parts.flatMap((p) => nd(p.points)))),
    grades: spec.grades.map((g) => {
      const [n, d] = g.threshold ? nd(g.threshold) : [0, 1];
      return { name: g.name, n, d, strict: g.strict, any: !g.threshold };
    }),
    judgedDen,
    maxText: spec.meta.judged.map((_, i) => judgedMax(spec.meta, i).toString()),
  };
}

/** The totals of a full report (the generic path's answer for `scoreTotals`). */
export function totalsOf(r: Report): Totals {
  const scores: (string | null)[] = [];
  const walk = (n: NodeReport): void => {
    if (n.kind === "indicator") scores.push(n.score);
    else if (n.kind === "group") n.children.forEach(walk);
  };
  r.tree.forEach(walk);
  return { total: r.total, grade: r.grade, scores };
}

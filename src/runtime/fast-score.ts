/**
 * The skeleton around a compiled module's specialised indicator functions:
 * veto / exemption / whole judgement status, the declared roundings (one
 * rounding division each), clamping to [0, points], the total and grade —
 * in the same order as the reference evaluator and `scoreWith`. It builds
 * either the totals only (`scoreTotals`, `scoreValues`) or the report
 * without trace lines (`score`), never both. Any `BAIL` from the specialised
 * code returns undefined: the caller then scores the record on the generic
 * exact path, which also reports every error.
 */
import type { Exact } from "./exact.js";
import type { Clamp, NodeReport, Report } from "./report.js";
import type { RubricMeta } from "./scorer.js";
import { judgedMax, reportNode, type IndicatorSpec, type NodeSpec, type RubricSpec } from "./compiled.js";
import { Bail, R, cmp, radd, round, text } from "./fast-num.js";

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
  /** Scratch for the totals path (one record at a time): final n, d and status per indicator. */
  readonly fin: Float64Array;
  readonly status: Uint8Array;
}

function nd(v: Exact): [number, number] {
  return [Number(v.num), Number(v.den)];
}

/** Collects the parts of the indicator being scored: rounding and clamping as declared, then their sum. */
export class FastOut {
  /** Parts scored so far in this indicator. */
  k = 0;
  sn = 0;
  sd = 1;
  /** Points of the current indicator's parts (n, d pairs). */
  pp: Float64Array = new Float64Array(0);
  /** Per part (report mode): value n, d; value before clamping n, d; clamp 0 none, 1 lower, 2 upper. */
  readonly parts: number[] = [];
  report = false;

  constructor(private readonly rounding: RubricSpec["rounding"]) {}

  begin(pp: Float64Array): void {
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
    radd(this.sn, this.sd, vn, vd);
    this.sn = R.n;
    this.sd = R.d;
  }

  /** A condition scores all or nothing. */
  cond(c: boolean): void {
    const i = this.k;
    this.part(c ? (this.pp[2 * i] as number) : 0, c ? (this.pp[2 * i + 1] as number) : 1);
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
    fin: new Float64Array(indicators.length * 2),
    status: new Uint8Array(indicators.length),
  };
}

/** Results of one department, indicator by indicator (n, d of the final score; status). */
interface Run {
  readonly fin: Float64Array;
  readonly status: Uint8Array;
  /** Report mode: per indicator, the score before the indicator's clamp and its clamp; the part records. */
  readonly raw: Float64Array;
  readonly clamp: Uint8Array;
  readonly parts: number[][];
}

function run<V extends FastValues>(
  p: Prepared,
  fns: readonly (FastIndicator<V> | undefined)[],
  v: V,
  o: FastOut,
  report: boolean,
): Run | undefined {
  const n = p.indicators.length;
  // The report keeps its own arrays; totals reuse the module's scratch (read before the next record).
  const fin = report ? new Float64Array(2 * n) : p.fin;
  const status = report ? new Uint8Array(n) : p.status;
  const raw = new Float64Array(report ? 2 * n : 0);
  const clampOf = new Uint8Array(report ? n : 0);
  const parts: number[][] = [];
  const ir = p.spec.rounding.indicator;
  o.report = report;
  try {
    for (let i = 0; i < n; i++) {
      const f = fns[i];
      if (!f) return undefined;
      const ind = p.indicators[i] as IndicatorSpec;
      o.begin(p.partPoints[i] as Float64Array);
      const s = f(v, o);
      const pn = p.points[2 * i] as number;
      const pd = p.points[2 * i + 1] as number;
      let rn: number;
      let rd: number;
      if (s === PARTS) {
        rn = o.sn;
        rd = o.sd;
      } else if (s === VETO) {
        rn = 0;
        rd = 1;
      } else if (s === EXEMPT) {
        rn = pn;
        rd = pd;
      } else {
        rn = v.j[ind.wholeJudged as number] as number;
        rd = p.judgedDen;
      }
      if (ir) {
        rn = round(rn, rd, ir.digits, ir.mode);
        rd = 10 ** ir.digits;
      }
      let c = 0;
      let fn = rn;
      let fd = rd;
      if (rn < 0) {
        fn = 0;
        fd = 1;
        c = 1;
      } else if (cmp(rn, rd, pn, pd) > 0) {
        fn = pn;
        fd = pd;
        c = 2;
      }
      fin[2 * i] = fn;
      fin[2 * i + 1] = fd;
      status[i] = s;
      if (report) {
        raw[2 * i] = rn;
        raw[2 * i + 1] = rd;
        clampOf[i] = c;
        parts.push(s === PARTS ? o.parts.slice() : []);
      }
    }
  } catch (e) {
    if (e instanceof Bail) return undefined;
    throw e;
  }
  return { fin, status, raw, clamp: clampOf, parts };
}

function totalOf(p: Prepared, r: Run): { total: string; grade: string | null } {
  let tn = 0;
  let td = 1;
  for (let i = 0; i < r.fin.length; i += 2) {
    radd(tn, td, r.fin[i] as number, r.fin[i + 1] as number);
    tn = R.n;
    td = R.d;
  }
  const tr = p.spec.rounding.total;
  if (tr) {
    tn = round(tn, td, tr.digits, tr.mode);
    td = 10 ** tr.digits;
  }
  let grade: string | null = null;
  for (const g of p.grades) {
    const c = g.any ? 1 : cmp(tn, td, g.n, g.d);
    if (g.any || (g.strict ? c > 0 : c >= 0)) {
      grade = g.name;
      break;
    }
  }
  return { total: text(tn, td), grade };
}

/** Totals of one department, or undefined when the record needs the generic path. */
export function fastTotals<V extends FastValues>(
  p: Prepared,
  fns: readonly (FastIndicator<V> | undefined)[],
  v: V,
  o: FastOut,
): Totals | undefined {
  let r: Run | undefined;
  let t: { total: string; grade: string | null };
  try {
    r = run(p, fns, v, o, false);
    if (!r) return undefined;
    t = totalOf(p, r);
  } catch (e) {
    if (e instanceof Bail) return undefined;
    throw e;
  }
  const scores: string[] = new Array<string>(p.indicators.length);
  for (let i = 0; i < scores.length; i++) scores[i] = text(r.fin[2 * i] as number, r.fin[2 * i + 1] as number);
  stats.fast++;
  return { total: t.total, grade: t.grade, scores };
}

const clampRecord = (n: number, d: number, c: number, pn: number, pd: number): Clamp[] =>
  c === 0
    ? []
    : [
        c === 1
          ? { from: text(n, d), to: "0", bound: "lower" }
          : { from: text(n, d), to: text(pn, pd), bound: "upper" },
      ];

/** The report without trace lines (`explain: false`), or undefined when the record needs the generic path. */
export function fastReport<V extends FastValues>(
  p: Prepared,
  meta: RubricMeta,
  fns: readonly (FastIndicator<V> | undefined)[],
  v: V,
  o: FastOut,
): Report | undefined {
  let r: Run | undefined;
  let t: { total: string; grade: string | null };
  try {
    r = run(p, fns, v, o, true);
    if (!r) return undefined;
    t = totalOf(p, r);
  } catch (e) {
    if (e instanceof Bail) return undefined;
    throw e;
  }
  const run_ = r;
  let next = 0;
  const indicator = (ind: IndicatorSpec): [NodeReport, number, number] => {
    const i = next++;
    const fn = run_.fin[2 * i] as number;
    const fd = run_.fin[2 * i + 1] as number;
    const status = run_.status[i];
    const pp = p.partPoints[i] as Float64Array;
    const recs = run_.parts[i] as number[];
    const partNodes: NodeReport[] = [];
    for (let k = 0; k < recs.length / 5; k++) {
      const ps = ind.parts[k];
      if (!ps) break;
      const vt = text(recs[5 * k] as number, recs[5 * k + 1] as number);
      const clamps = clampRecord(
        recs[5 * k + 2] as number,
        recs[5 * k + 3] as number,
        recs[5 * k + 4] as number,
        pp[2 * k] as number,
        pp[2 * k + 1] as number,
      );
      let judged: { value: string; reason?: string; deduction?: boolean } | undefined;
      if (ps.judged !== undefined) {
        const given = v.j[ps.judged];
        if (given !== undefined) {
          judged = { value: text(given, p.judgedDen) };
          const reason = v.r[ps.judged];
          if (reason) judged.reason = reason;
        } else if (v.full) judged = { value: judgedMax(meta, ps.judged).toString() };
        if (judged && meta.judged[ps.judged]?.deduction) judged.deduction = true;
      }
      partNodes.push(reportNode("part", ps, vt, vt, clamps, [], [], judged ? { judged } : undefined));
    }
    const computed = text(fn, fd);
    const extras: { status?: "vetoed" | "exempt"; judged?: { value: string; reason?: string } } = {};
    if (status === WHOLE && ind.wholeJudged !== undefined) {
      const reason = v.r[ind.wholeJudged];
      const value = text(v.j[ind.wholeJudged] as number, p.judgedDen);
      extras.judged = reason ? { value, reason } : { value };
    }
    if (status === VETO) extras.status = "vetoed";
    if (status === EXEMPT) extras.status = "exempt";
    const clamps = clampRecord(
      run_.raw[2 * i] as number,
      run_.raw[2 * i + 1] as number,
      run_.clamp[i] as number,
      p.points[2 * i] as number,
      p.points[2 * i + 1] as number,
    );
    return [reportNode("indicator", ind, computed, computed, clamps, [], partNodes, extras), fn, fd];
  };
  const node = (n: NodeSpec): [NodeReport, number, number] => {
    if (n.kind === "indicator") return indicator(n);
    let sn = 0;
    let sd = 1;
    const children: NodeReport[] = [];
    for (const c of n.children) {
      const [cr, cn, cd] = node(c);
      children.push(cr);
      radd(sn, sd, cn, cd);
      sn = R.n;
      sd = R.d;
    }
    const s = text(sn, sd);
    return [reportNode("group", n, s, s, [], [], children), sn, sd];
  };
  let tree: NodeReport[];
  try {
    tree = p.spec.tree.map((n) => node(n)[0]);
  } catch (e) {
    if (e instanceof Bail) return undefined;
    throw e;
  }
  stats.fast++;
  return {
    rubric: meta.name,
    ...(meta.year !== undefined ? { year: meta.year } : {}),
    total: t.total,
    maxTotal: meta.total,
    grade: t.grade,
    tree,
    errors: [],
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

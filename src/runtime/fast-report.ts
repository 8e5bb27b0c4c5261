/**
 * The report of the specialised code (`score` without `explain`): every
 * indicator function run with `o.report` on, so that it hands each part to
 * `FastOut`; then rounding and clamping as the reference evaluator does
 * them, in the same order, and the report tree with the same texts and the
 * same key order. One pass over the tree: each indicator's node is built as
 * soon as its function returns. What does not depend on the department (a
 * node's points text, its path, title, which judgement it shows) is planned
 * once per module. Any `BAIL` returns undefined: the caller scores the record
 * on the generic path.
 */
import type { Clamp, NodeReport, Report } from "./report.js";
import type { RubricMeta } from "./scorer.js";
import type { GroupSpec, IndicatorSpec, NodeSpec, PartSpec } from "./compiled.js";
import { Bail, R, cmp, ctext, radd, round } from "./fast-num.js";
import {
  EXEMPT,
  PARTS,
  VETO,
  WHOLE,
  stats,
  type FastIndicator,
  type FastOut,
  type FastValues,
  type Prepared,
} from "./fast-score.js";

/**
 * The empty list every node without clamps, trace lines or children shares: a report is read, not
 * changed (its type is readonly), and a million rows then allocate a few hundred million fewer arrays.
 * Frozen, so that a caller who pushes anyway gets an error instead of changing other reports.
 */
const NONE: readonly never[] = Object.freeze([]);

type Judged = { readonly value: string; readonly reason?: string; readonly deduction?: boolean };

const judgedNode = (value: string, deduction: boolean): Judged =>
  Object.freeze(deduction ? { value, deduction: true } : { value });

/**
 * A judgement without a reason as the report shows it, shared like `NONE`: per judged value over the
 * judgement denominator (a department's judgements repeat the same few values), plain and deductions.
 */
class JudgedCache {
  private readonly plain: (Judged | undefined)[] = [];
  private readonly deduction: (Judged | undefined)[] = [];

  constructor(private readonly den: number) {}

  of(n: number, deduction: boolean): Judged {
    if (n < 0 || n >= 65536 || !Number.isInteger(n)) return judgedNode(ctext(n, this.den), deduction);
    const c = deduction ? this.deduction : this.plain;
    return (c[n] ??= judgedNode(ctext(n, this.den), deduction));
  }
}

interface PartPlan {
  readonly spec: PartSpec;
  readonly points: string;
  /** Index into `meta.judged`, or -1. */
  readonly judged: number;
  readonly deduction: boolean;
  /** What the report shows when the rest is judged full (`judge rest full`): the entry's best score. */
  readonly full: Judged | undefined;
}

interface IndicatorPlan {
  readonly kind: "indicator";
  /** Index into `Prepared.indicators` (the order the indicator functions run in). */
  readonly index: number;
  readonly spec: IndicatorSpec;
  readonly points: string;
  readonly parts: readonly PartPlan[];
}

interface GroupPlan {
  readonly kind: "group";
  readonly spec: GroupSpec;
  readonly points: string;
  readonly children: readonly NodePlan[];
}

type NodePlan = GroupPlan | IndicatorPlan;

interface Plan {
  readonly tree: readonly NodePlan[];
  readonly judged: JudgedCache;
}

const plans = new WeakMap<Prepared, Plan>();

function planOf(p: Prepared, meta: RubricMeta): Plan {
  let plan = plans.get(p);
  if (plan) return plan;
  let next = 0;
  const part = (s: PartSpec): PartPlan => {
    const deduction = s.judged !== undefined && meta.judged[s.judged]?.deduction === true;
    const max = s.judged === undefined ? undefined : (p.maxText[s.judged] as string);
    return {
      spec: s,
      points: s.points.toString(),
      judged: s.judged ?? -1,
      deduction,
      full: max === undefined ? undefined : judgedNode(max, deduction),
    };
  };
  const node = (n: NodeSpec): NodePlan =>
    n.kind === "indicator"
      ? {
          kind: "indicator",
          index: next++,
          spec: n,
          points: n.points.toString(),
          parts: n.parts.map(part),
        }
      : { kind: "group", spec: n, points: n.points.toString(), children: n.children.map(node) };
  plan = { tree: p.spec.tree.map(node), judged: new JudgedCache(p.judgedDen) };
  plans.set(p, plan);
  return plan;
}

// The node literals below spell out NodeReport's key order (the reference evaluator's, which JSON output shows):
// kind, path, name, title?, points, computed, score, judged? | status?, clamps, trace, children.

function partNode(t: PartPlan, value: string, clamps: readonly Clamp[], judged: Judged | undefined): NodeReport {
  const s = t.spec;
  if (judged === undefined) {
    return s.title === undefined
      ? {
          kind: "part",
          path: s.path,
          name: s.name,
          points: t.points,
          computed: value,
          score: value,
          clamps,
          trace: NONE,
          children: NONE,
        }
      : {
          kind: "part",
          path: s.path,
          name: s.name,
          title: s.title,
          points: t.points,
          computed: value,
          score: value,
          clamps,
          trace: NONE,
          children: NONE,
        };
  }
  return s.title === undefined
    ? {
        kind: "part",
        path: s.path,
        name: s.name,
        points: t.points,
        computed: value,
        score: value,
        judged,
        clamps,
        trace: NONE,
        children: NONE,
      }
    : {
        kind: "part",
        path: s.path,
        name: s.name,
        title: s.title,
        points: t.points,
        computed: value,
        score: value,
        judged,
        clamps,
        trace: NONE,
        children: NONE,
      };
}

function indicatorNode(
  t: IndicatorPlan,
  value: string,
  clamps: readonly Clamp[],
  children: NodeReport[],
  status: number,
  judged: Judged | undefined,
): NodeReport {
  const s = t.spec;
  if (status === VETO || status === EXEMPT) {
    const st = status === VETO ? "vetoed" : "exempt";
    return s.title === undefined
      ? {
          kind: "indicator",
          path: s.path,
          name: s.name,
          points: t.points,
          computed: value,
          score: value,
          status: st,
          clamps,
          trace: NONE,
          children,
        }
      : {
          kind: "indicator",
          path: s.path,
          name: s.name,
          title: s.title,
          points: t.points,
          computed: value,
          score: value,
          status: st,
          clamps,
          trace: NONE,
          children,
        };
  }
  if (judged !== undefined) {
    return s.title === undefined
      ? {
          kind: "indicator",
          path: s.path,
          name: s.name,
          points: t.points,
          computed: value,
          score: value,
          judged,
          clamps,
          trace: NONE,
          children,
        }
      : {
          kind: "indicator",
          path: s.path,
          name: s.name,
          title: s.title,
          points: t.points,
          computed: value,
          score: value,
          judged,
          clamps,
          trace: NONE,
          children,
        };
  }
  return s.title === undefined
    ? {
        kind: "indicator",
        path: s.path,
        name: s.name,
        points: t.points,
        computed: value,
        score: value,
        clamps,
        trace: NONE,
        children,
      }
    : {
        kind: "indicator",
        path: s.path,
        name: s.name,
        title: s.title,
        points: t.points,
        computed: value,
        score: value,
        clamps,
        trace: NONE,
        children,
      };
}

function groupNode(t: GroupPlan, value: string, children: NodeReport[]): NodeReport {
  const s = t.spec;
  return s.title === undefined
    ? {
        kind: "group",
        path: s.path,
        name: s.name,
        points: t.points,
        computed: value,
        score: value,
        clamps: NONE,
        trace: NONE,
        children,
      }
    : {
        kind: "group",
        path: s.path,
        name: s.name,
        title: s.title,
        points: t.points,
        computed: value,
        score: value,
        clamps: NONE,
        trace: NONE,
        children,
      };
}

/** The clamp of n/d (c: 0 none, 1 lower, 2 upper to pn/pd) as the report lists it. */
const clampsOf = (n: number, d: number, c: number, pn: number, pd: number): readonly Clamp[] =>
  c === 0
    ? NONE
    : [
        c === 1
          ? { from: ctext(n, d), to: "0", bound: "lower" }
          : { from: ctext(n, d), to: ctext(pn, pd), bound: "upper" },
      ];

/** One department's walk: the running total (indicator scores in order) and the last node's score. */
class Walk<V extends FastValues> {
  tn = 0;
  td = 1;
  /** n/d of the node just built. */
  n = 0;
  d = 1;

  constructor(
    readonly p: Prepared,
    readonly judged: JudgedCache,
    readonly fns: readonly (FastIndicator<V> | undefined)[],
    readonly v: V,
    readonly o: FastOut,
  ) {}

  /** Runs the indicator's function and builds its node; undefined when it has no specialised function. */
  indicator(t: IndicatorPlan): NodeReport | undefined {
    const { p, v, o } = this;
    const i = t.index;
    const f = this.fns[i];
    if (!f) return undefined;
    const ind = t.spec;
    const pp = p.partPoints[i] as Float64Array;
    o.begin(pp);
    f(v, o);
    const status = o.status;
    const pn = p.points[2 * i] as number;
    const pd = p.points[2 * i + 1] as number;
    let rn: number;
    let rd: number;
    if (status === PARTS) {
      rn = o.sn;
      rd = o.sd;
    } else if (status === VETO) {
      rn = 0;
      rd = 1;
    } else if (status === EXEMPT) {
      rn = pn;
      rd = pd;
    } else {
      rn = v.j[ind.wholeJudged as number] as number;
      rd = p.judgedDen;
    }
    const ir = p.spec.rounding.indicator;
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
    radd(this.tn, this.td, fn, fd);
    this.tn = R.n;
    this.td = R.d;
    this.n = fn;
    this.d = fd;

    const children: NodeReport[] = [];
    if (status === PARTS) {
      const recs = o.parts;
      const count = recs.length / 5;
      for (let k = 0; k < count; k++) {
        const pt = t.parts[k];
        if (!pt) break;
        const vt = ctext(recs[5 * k] as number, recs[5 * k + 1] as number);
        const clamps = clampsOf(
          recs[5 * k + 2] as number,
          recs[5 * k + 3] as number,
          recs[5 * k + 4] as number,
          pp[2 * k] as number,
          pp[2 * k + 1] as number,
        );
        let judged: Judged | undefined;
        const jk = pt.judged;
        if (jk >= 0) {
          const given = v.j[jk];
          const reason = given === undefined ? undefined : v.r[jk];
          if (reason) {
            const value = ctext(given as number, p.judgedDen);
            judged = pt.deduction ? { value, reason, deduction: true } : { value, reason };
          } else if (given !== undefined) judged = this.judged.of(given, pt.deduction);
          else if (v.full) judged = pt.full;
        }
        children.push(partNode(pt, vt, clamps, judged));
      }
    }
    let judged: Judged | undefined;
    if (status === WHOLE && ind.wholeJudged !== undefined) {
      const reason = v.r[ind.wholeJudged];
      const value = ctext(v.j[ind.wholeJudged] as number, p.judgedDen);
      judged = reason ? { value, reason } : { value };
    }
    return indicatorNode(t, ctext(fn, fd), clampsOf(rn, rd, c, pn, pd), children, status, judged);
  }

  node(t: NodePlan): NodeReport | undefined {
    if (t.kind === "indicator") return this.indicator(t);
    let sn = 0;
    let sd = 1;
    const children: NodeReport[] = [];
    for (const c of t.children) {
      const r = this.node(c);
      if (!r) return undefined;
      children.push(r);
      radd(sn, sd, this.n, this.d);
      sn = R.n;
      sd = R.d;
    }
    this.n = sn;
    this.d = sd;
    return groupNode(t, ctext(sn, sd), children);
  }
}

/** The total and grade of the indicator scores' sum tn/td, as `fastTotals` gives them. */
function totalOf(p: Prepared, tn: number, td: number): { total: string; grade: string | null } {
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
  return { total: ctext(tn, td), grade };
}

/** The report without trace lines (`explain: false`), or undefined when the record needs the generic path. */
export function fastReport<V extends FastValues>(
  p: Prepared,
  meta: RubricMeta,
  fns: readonly (FastIndicator<V> | undefined)[],
  v: V,
  o: FastOut,
): Report | undefined {
  const plan = planOf(p, meta);
  const w = new Walk(p, plan.judged, fns, v, o);
  const tree: NodeReport[] = [];
  let t: { total: string; grade: string | null };
  o.report = true;
  try {
    for (const n of plan.tree) {
      const r = w.node(n);
      if (!r) return undefined;
      tree.push(r);
    }
    t = totalOf(p, w.tn, w.td);
  } catch (e) {
    if (e instanceof Bail) return undefined;
    throw e;
  } finally {
    o.report = false;
  }
  stats.fast++;
  return reportOf(meta, t, tree);
}

/** A report of a scored department: the rubric's name, year and points, the total and grade, the tree. */
export function reportOf(
  meta: RubricMeta,
  t: { readonly total: string | null; readonly grade: string | null },
  tree: readonly NodeReport[],
): Report {
  return meta.year === undefined
    ? { rubric: meta.name, total: t.total, maxTotal: meta.total, grade: t.grade, tree, errors: [] }
    : { rubric: meta.name, year: meta.year, total: t.total, maxTotal: meta.total, grade: t.grade, tree, errors: [] };
}

/**
 * The report of the specialised code (`score` without `explain`): every
 * indicator function run with `o.report` on, so that it hands each part to
 * `FastOut`; then rounding and clamping as the reference evaluator does
 * them, in the same order, and the report tree with the same texts. Any
 * `BAIL` returns undefined: the caller scores the record on the generic path.
 */
import type { Clamp, NodeReport, Report } from "./report.js";
import type { RubricMeta } from "./scorer.js";
import { reportNode, type IndicatorSpec, type NodeSpec } from "./compiled.js";
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
/** Results of one department for the report, indicator by indicator. */
interface Run {
  /** n, d of each final score; status. */
  readonly fin: Float64Array;
  readonly status: Uint8Array;
  /** Per indicator, the score before the indicator's clamp and its clamp; the part records. */
  readonly raw: Float64Array;
  readonly clamp: Uint8Array;
  readonly parts: number[][];
}

/** Scores every indicator keeping what the report shows (each part, each clamp). */
function run<V extends FastValues>(
  p: Prepared,
  fns: readonly (FastIndicator<V> | undefined)[],
  v: V,
  o: FastOut,
): Run | undefined {
  const n = p.indicators.length;
  const fin = new Float64Array(2 * n);
  const status = new Uint8Array(n);
  const raw = new Float64Array(2 * n);
  const clampOf = new Uint8Array(n);
  const parts: number[][] = [];
  const ir = p.spec.rounding.indicator;
  o.report = true;
  try {
    for (let i = 0; i < n; i++) {
      const f = fns[i];
      if (!f) return undefined;
      const ind = p.indicators[i] as IndicatorSpec;
      o.begin(p.partPoints[i] as Float64Array);
      f(v, o);
      const s = o.status;
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
      raw[2 * i] = rn;
      raw[2 * i + 1] = rd;
      clampOf[i] = c;
      parts.push(s === PARTS ? o.parts.slice() : []);
    }
  } catch (e) {
    if (e instanceof Bail) return undefined;
    throw e;
  } finally {
    o.report = false;
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
  return { total: ctext(tn, td), grade };
}

const clampRecord = (n: number, d: number, c: number, pn: number, pd: number): Clamp[] =>
  c === 0
    ? []
    : [
        c === 1
          ? { from: ctext(n, d), to: "0", bound: "lower" }
          : { from: ctext(n, d), to: ctext(pn, pd), bound: "upper" },
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
    r = run(p, fns, v, o);
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
      const vt = ctext(recs[5 * k] as number, recs[5 * k + 1] as number);
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
          judged = { value: ctext(given, p.judgedDen) };
          const reason = v.r[ps.judged];
          if (reason) judged.reason = reason;
        } else if (v.full) judged = { value: p.maxText[ps.judged] as string };
        if (judged && meta.judged[ps.judged]?.deduction) judged.deduction = true;
      }
      partNodes.push(reportNode("part", ps, vt, vt, clamps, [], [], judged ? { judged } : undefined));
    }
    const computed = ctext(fn, fd);
    const extras: { status?: "vetoed" | "exempt"; judged?: { value: string; reason?: string } } = {};
    if (status === WHOLE && ind.wholeJudged !== undefined) {
      const reason = v.r[ind.wholeJudged];
      const value = ctext(v.j[ind.wholeJudged] as number, p.judgedDen);
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
    const s = ctext(sn, sd);
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
  return reportOf(meta, t, tree);
}

/** A report of a scored department: the rubric's name, year and points, the total and grade, the tree. */
export function reportOf(
  meta: RubricMeta,
  t: { readonly total: string | null; readonly grade: string | null },
  tree: readonly NodeReport[],
): Report {
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

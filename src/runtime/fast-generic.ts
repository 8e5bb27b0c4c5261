/**
 * An indicator whose rules have no specialised form (an achievement ratio, a
 * stepped deduction, a reusable rule, a verdict…) inside a specialised
 * module: its generic exact code (`IndicatorRules` over `Exact`) runs on the
 * record's values, its parts join the report skeleton as n/d, and its final
 * score is returned over the module's score denominator like a specialised
 * indicator's. The
 * same order of veto, exemption, whole judgement and `judge rest full` as
 * `scoreWith`; any failure bails, and the generic path reports it.
 */
import { Ctx, ScoreFailure, judgedMax, type IndicatorSpec, type PartSpec } from "./compiled.js";
import { Exact } from "./exact.js";
import { BAIL, R, fromExact } from "./fast-num.js";
import { type FastIndicator, type FastOut, type FastValues } from "./fast-score.js";
import type { RubricMeta } from "./scorer.js";

type Judgements = Map<number, { value: Exact; reason?: string; full?: boolean }>;

/** The record's generic context, made once per record for all its generic indicators. */
const contexts = new WeakMap<FastValues, { ctx: Ctx; judgements: Judgements }>();

export function genericIndicator<V extends FastValues>(
  ind: IndicatorSpec,
  meta: RubricMeta,
  judgedDen: number,
  natives: (v: V) => readonly unknown[],
): FastIndicator<V> {
  const names = meta.inputs.map((i) => i.name);
  const den = BigInt(judgedDen);
  const pp = Float64Array.from(ind.parts.flatMap((p) => [Number(p.points.num), Number(p.points.den)]));
  const pn = Number(ind.points.num);
  const pd = Number(ind.points.den);
  return (v: V, o: FastOut): number => {
    // The report skeleton begins each indicator itself; the totals path does not.
    if (!o.report) o.begin(pp);
    let c = contexts.get(v);
    if (!c) {
      const judgements: Judgements = new Map();
      v.j.forEach((j, k) => {
        if (j === undefined) return;
        const reason = v.r[k];
        judgements.set(k, reason ? { value: Exact.of(BigInt(j), den), reason } : { value: Exact.of(BigInt(j), den) });
      });
      c = {
        ctx: new Ctx(natives(v) as ConstructorParameters<typeof Ctx>[0], names, judgements, false),
        judgements,
      };
      contexts.set(v, c);
    }
    const { ctx, judgements } = c;
    ctx.trace = undefined;
    ctx.tracedLets.clear();
    ctx.setPart(undefined);
    try {
      const rules = ind.rules(ctx);
      for (const veto of rules.veto) if (veto()) return o.veto();
      for (const exempt of rules.exempt) if (exempt()) return o.exempt(o.final(pn, pd, pn, pd));
      if (ind.wholeJudged !== undefined && judgements.has(ind.wholeJudged))
        return o.whole(o.final(v.j[ind.wholeJudged] as number, judgedDen, pn, pd));
      for (let i = 0; i < ind.parts.length; i++) {
        const p = ind.parts[i] as PartSpec;
        ctx.setPart(p);
        if (p.judged !== undefined && v.full && !judgements.has(p.judged))
          judgements.set(p.judged, { value: judgedMax(meta, p.judged), full: true });
        const value = (rules.parts[i] as () => Exact | boolean)();
        if (typeof value === "boolean") o.cond(value);
        else {
          fromExact(value);
          o.part(R.n, R.d);
        }
      }
      ctx.setPart(undefined);
      return o.final(o.sn, o.sd, pn, pd);
    } catch (e) {
      if (e instanceof ScoreFailure) throw BAIL;
      throw e;
    }
  };
}

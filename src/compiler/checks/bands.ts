/**
 * Bands partition their subject's domain (its range from the inputs'
 * declarations): a gap or an overlap is an error, shown with the exact
 * interval; a band outside the domain, or after `otherwise`, is unreachable.
 */
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import * as I from "../analysis/interval.js";
import { constValue, formatValue } from "../model/constants.js";
import type { BandArm } from "../syntax/ast.js";
import type { CheckContext } from "./context.js";
import type { BandSite } from "../analysis/infer.js";
import type { Dim } from "../model/types.js";
import { holdsWhole, isWhole } from "../analysis/integral.js";

export function armRange(arm: BandArm): I.Range | undefined {
  const c = arm.cond;
  if (c.kind === "otherwise") return undefined;
  if (c.kind === "interval") {
    const lo = constValue(c.interval.lo);
    const hi = constValue(c.interval.hi);
    if (!lo || !hi) return undefined;
    return { lo: { v: lo, closed: c.interval.loClosed }, hi: { v: hi, closed: c.interval.hiClosed } };
  }
  const v = constValue(c.value);
  if (!v) return undefined;
  switch (c.op) {
    case ">=":
      return { lo: { v, closed: true } };
    case ">":
      return { lo: { v, closed: false } };
    case "<=":
      return { hi: { v, closed: true } };
    case "<":
      return { hi: { v, closed: false } };
    case "=":
      return I.point(v);
    default:
      return undefined;
  }
}

/** Uncovered parts of `domain` after removing the `covered` intervals. */
export function gaps(domain: I.Range, covered: readonly I.Range[]): I.Range[] {
  let pieces: I.Range[] = [domain];
  for (const c of covered) {
    const next: I.Range[] = [];
    for (const p of pieces) {
      if (c.lo) {
        const below = I.intersect(p, { hi: { v: c.lo.v, closed: !c.lo.closed } });
        if (!I.isEmpty(below)) next.push(below);
      }
      if (c.hi) {
        const above = I.intersect(p, { lo: { v: c.hi.v, closed: !c.hi.closed } });
        if (!I.isEmpty(above)) next.push(above);
      }
    }
    pieces = next;
  }
  return pieces;
}

/** Results per band site: a site object is reused while its indicator's inference is cached. */
const cache = new WeakMap<object, Diagnostic[]>();

export function checkBands({ analysis, model }: CheckContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const site of analysis.bands) {
    if (!site.report) continue;
    const cached = cache.get(site);
    if (cached) {
      out.push(...cached);
      continue;
    }
    const mark = out.length;
    let whole: boolean | undefined;
    // Asked only when some gap is left, which is rare in a finished rubric.
    checkSite(site, out, () => (whole ??= isWhole(site.bands.subject, model)));
    cache.set(site, out.slice(mark));
  }
  return out;
}

function checkSite(site: BandSite, out: Diagnostic[], whole: () => boolean): void {
  // On a whole-number subject only the whole numbers in a gap need a band.
  const gapsOf = (domain: I.Range, covered: readonly I.Range[]): I.Range[] => {
    const found = gaps(domain, covered);
    return found.length === 0 || !whole() ? found : found.filter(holdsWhole);
  };
  {
    const dim: Dim = site.subject.type.kind === "num" ? site.subject.type.dim : "plain";
    const show = (r: I.Range): string => I.formatRange(r, (v) => formatValue(v, dim));
    const domain = site.subject.range;
    const seen: { range: I.Range; index: number }[] = [];
    let otherwise = false;
    site.bands.arms.forEach((arm, i) => {
      const at = { file: site.file, span: arm.span };
      if (otherwise) {
        out.push(
          diagnostic("band-unreachable", at, { reason: { zh: "位于「否则」之后", en: "it comes after 'otherwise'" } }),
        );
        return;
      }
      if (arm.cond.kind === "otherwise") {
        otherwise = true;
        if (
          gapsOf(
            domain,
            seen.map((s) => s.range),
          ).length === 0
        )
          out.push(
            diagnostic("band-unreachable", at, {
              reason: { zh: "前面各档已覆盖全部取值", en: "the bands above already cover every value" },
            }),
          );
        return;
      }
      const r = armRange(arm);
      if (!r) return;
      const inDomain = I.intersect(r, domain);
      if (I.isEmpty(inDomain)) {
        out.push(
          diagnostic("band-unreachable", at, {
            reason: {
              zh: `${show(r)} 不在取值范围 ${show(domain)} 之内`,
              en: `${show(r)} lies outside the subject's range ${show(domain)}`,
            },
          }),
        );
        return;
      }
      if (!holdsWhole(inDomain) && whole()) {
        out.push(
          diagnostic("band-unreachable", at, {
            reason: {
              zh: `${show(r)} 中没有整数，而分档对象只取整数`,
              en: `${show(r)} holds no whole number, and the subject is always whole`,
            },
          }),
        );
        return;
      }
      for (const s of seen) {
        const ov = I.intersect(s.range, inDomain);
        if (!I.isEmpty(ov)) out.push(diagnostic("band-overlap", at, { interval: show(ov), other: s.index + 1 }));
      }
      seen.push({ range: inDomain, index: i });
    });
    if (!otherwise) {
      for (const g of gapsOf(
        domain,
        seen.map((s) => s.range),
      )) {
        out.push(
          diagnostic("band-gap", { file: site.file, span: site.bands.span }, { interval: show(g) }, [], {
            interval: show(g),
          }),
        );
      }
    }
  }
}

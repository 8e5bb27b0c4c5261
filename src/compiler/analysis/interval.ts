/**
 * Intervals of exact numbers with open/closed ends and infinities, for the
 * checker's range analysis (part ranges, zero divisors, band coverage).
 * Operations over-approximate: the true set of values is always inside.
 */
import { Exact } from "../../runtime/exact.js";

export interface Bound {
  readonly v: Exact;
  readonly closed: boolean;
}
/** `lo`/`hi` undefined mean −∞/+∞. */
export interface Range {
  readonly lo?: Bound;
  readonly hi?: Bound;
}

export const FULL: Range = {};
export const point = (v: Exact): Range => ({ lo: { v, closed: true }, hi: { v, closed: true } });
export const closed = (lo: Exact, hi: Exact): Range => ({ lo: { v: lo, closed: true }, hi: { v: hi, closed: true } });
export const NONNEG: Range = { lo: { v: Exact.ZERO, closed: true } };

export function isEmpty(r: Range): boolean {
  if (!r.lo || !r.hi) return false;
  const c = r.lo.v.cmp(r.hi.v);
  return c > 0 || (c === 0 && !(r.lo.closed && r.hi.closed));
}

export function contains(r: Range, v: Exact): boolean {
  if (r.lo) {
    const c = v.cmp(r.lo.v);
    if (c < 0 || (c === 0 && !r.lo.closed)) return false;
  }
  if (r.hi) {
    const c = v.cmp(r.hi.v);
    if (c > 0 || (c === 0 && !r.hi.closed)) return false;
  }
  return true;
}

/** True when every value of `a` lies in `b`. */
export function within(a: Range, b: Range): boolean {
  if (isEmpty(a)) return true;
  if (b.lo) {
    if (!a.lo) return false;
    const c = a.lo.v.cmp(b.lo.v);
    if (c < 0 || (c === 0 && a.lo.closed && !b.lo.closed)) return false;
  }
  if (b.hi) {
    if (!a.hi) return false;
    const c = a.hi.v.cmp(b.hi.v);
    if (c > 0 || (c === 0 && a.hi.closed && !b.hi.closed)) return false;
  }
  return true;
}

function minLo(a?: Bound, b?: Bound): Bound | undefined {
  if (!a || !b) return undefined;
  const c = a.v.cmp(b.v);
  return c < 0 ? a : c > 0 ? b : { v: a.v, closed: a.closed || b.closed };
}
function maxHi(a?: Bound, b?: Bound): Bound | undefined {
  if (!a || !b) return undefined;
  const c = a.v.cmp(b.v);
  return c > 0 ? a : c < 0 ? b : { v: a.v, closed: a.closed || b.closed };
}
function maxLo(a?: Bound, b?: Bound): Bound | undefined {
  if (!a) return b;
  if (!b) return a;
  const c = a.v.cmp(b.v);
  return c > 0 ? a : c < 0 ? b : { v: a.v, closed: a.closed && b.closed };
}
function minHi(a?: Bound, b?: Bound): Bound | undefined {
  if (!a) return b;
  if (!b) return a;
  const c = a.v.cmp(b.v);
  return c < 0 ? a : c > 0 ? b : { v: a.v, closed: a.closed && b.closed };
}

export function union(a: Range, b: Range): Range {
  if (isEmpty(a)) return b;
  if (isEmpty(b)) return a;
  const lo = minLo(a.lo, b.lo);
  const hi = maxHi(a.hi, b.hi);
  return { ...(lo ? { lo } : {}), ...(hi ? { hi } : {}) };
}

export function intersect(a: Range, b: Range): Range {
  const lo = maxLo(a.lo, b.lo);
  const hi = minHi(a.hi, b.hi);
  return { ...(lo ? { lo } : {}), ...(hi ? { hi } : {}) };
}

export function add(a: Range, b: Range): Range {
  const lo = a.lo && b.lo ? { v: a.lo.v.add(b.lo.v), closed: a.lo.closed && b.lo.closed } : undefined;
  const hi = a.hi && b.hi ? { v: a.hi.v.add(b.hi.v), closed: a.hi.closed && b.hi.closed } : undefined;
  return { ...(lo ? { lo } : {}), ...(hi ? { hi } : {}) };
}

export function neg(a: Range): Range {
  return {
    ...(a.hi ? { lo: { v: a.hi.v.neg(), closed: a.hi.closed } } : {}),
    ...(a.lo ? { hi: { v: a.lo.v.neg(), closed: a.lo.closed } } : {}),
  };
}

export function sub(a: Range, b: Range): Range {
  return add(a, neg(b));
}

/** An end of a range for multiplication: a bound, or an infinite end with its sign. */
type End = { readonly v: Exact; readonly closed: boolean } | { readonly inf: 1 | -1 };

function endProduct(x: End, y: End): End {
  const zero = (e: End): boolean => "v" in e && e.v.isZero();
  // A closed 0 end makes a closed 0 product, whatever the other end (0 × ∞ counts as 0: the sets are of reals).
  if (zero(x) || zero(y)) {
    const closed =
      (zero(x) && (x as { closed: boolean }).closed) ||
      (zero(y) && (y as { closed: boolean }).closed) ||
      ("v" in x && "v" in y && x.closed && y.closed);
    return { v: Exact.ZERO, closed };
  }
  if ("v" in x && "v" in y) return { v: x.v.mul(y.v), closed: x.closed && y.closed };
  const sign = (e: End): number => ("v" in e ? e.v.sign() : e.inf);
  return { inf: sign(x) * sign(y) > 0 ? 1 : -1 };
}

/** Interval product, half-bounded ranges included: (-∞, 1] × [10, 10] = (-∞, 10]. */
export function mul(a: Range, b: Range): Range {
  const ends = (r: Range): End[] => [r.lo ?? { inf: -1 }, r.hi ?? { inf: 1 }];
  const cands: End[] = [];
  for (const x of ends(a)) for (const y of ends(b)) cands.push(endProduct(x, y));
  let lo: End = cands[0] as End;
  let hi: End = cands[0] as End;
  const less = (p: End, q: End): boolean =>
    "v" in p && "v" in q ? p.v.lt(q.v) : "inf" in p ? p.inf < 0 && !("inf" in q && q.inf < 0) : "inf" in q && q.inf > 0;
  const sameValue = (p: End, q: End): boolean => "v" in p && "v" in q && p.v.eq(q.v);
  for (const c of cands) {
    if (less(c, lo) || (sameValue(c, lo) && (c as { closed: boolean }).closed)) lo = c;
    if (less(hi, c) || (sameValue(c, hi) && (c as { closed: boolean }).closed)) hi = c;
  }
  return { ...("v" in lo ? { lo } : {}), ...("v" in hi ? { hi } : {}) };
}

/** Division where the divisor is known not to contain 0 (callers check that). */
export function div(a: Range, b: Range): Range {
  if (b.lo && (b.lo.v.sign() > 0 || (b.lo.v.isZero() && !b.lo.closed))) {
    // b > 0: invert to (1/hi, 1/lo)
    const inv: Range = {
      ...(b.hi
        ? b.hi.v.isZero()
          ? {}
          : { lo: { v: Exact.ONE.div(b.hi.v), closed: b.hi.closed } }
        : { lo: { v: Exact.ZERO, closed: false } }),
      ...(b.lo.v.isZero() ? {} : { hi: { v: Exact.ONE.div(b.lo.v), closed: b.lo.closed } }),
    };
    return mul(a, inv);
  }
  if (b.hi && (b.hi.v.sign() < 0 || (b.hi.v.isZero() && !b.hi.closed))) return neg(div(a, neg(b)));
  return FULL;
}

export function min(a: Range, b: Range): Range {
  const lo = a.lo && b.lo ? minLo(a.lo, b.lo) : undefined;
  const hi = minHi(a.hi, b.hi);
  return { ...(lo ? { lo } : {}), ...(hi ? { hi } : {}) };
}

export function max(a: Range, b: Range): Range {
  const lo = maxLo(a.lo, b.lo);
  const hi = a.hi && b.hi ? maxHi(a.hi, b.hi) : undefined;
  return { ...(lo ? { lo } : {}), ...(hi ? { hi } : {}) };
}

export function scale(a: Range, n: number): Range {
  return mul(a, point(Exact.int(n)));
}

export function widenToClosed(a: Range, f: (v: Exact) => Exact): Range {
  return {
    ...(a.lo ? { lo: { v: f(a.lo.v), closed: true } } : {}),
    ...(a.hi ? { hi: { v: f(a.hi.v), closed: true } } : {}),
  };
}

export function mayBeZero(r: Range): boolean {
  return contains(r, Exact.ZERO);
}

export function formatRange(r: Range, show: (v: Exact) => string = (v) => v.toString(6)): string {
  const lo = r.lo ? `${r.lo.closed ? "[" : "("}${show(r.lo.v)}` : "(-∞";
  const hi = r.hi ? `${show(r.hi.v)}${r.hi.closed ? "]" : ")"}` : "+∞)";
  return `${lo}, ${hi}`;
}

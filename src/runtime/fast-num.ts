/**
 * Exact arithmetic on JS safe integers for the specialised code of compiled
 * scorers. A value is a scaled integer `n` over a denominator `d` (> 0) that
 * the generated code usually knows at compile time (10^k for an input, the
 * lcm of its terms for a sum); a division whose quotient must stay unrounded
 * keeps its divisor as a run-time denominator. Nothing here ever rounds a
 * value silently: when a product or sum would leave the safe integers the
 * helper throws `BAIL`, and the record is scored again on the generic exact
 * path (bigint rationals, src/runtime/exact.ts), which gives the same numbers.
 */
import { Exact, type RoundingMode } from "./exact.js";

const MAX = Number.MAX_SAFE_INTEGER;

/** Thrown by the specialised code when it cannot go on exactly in safe integers (or meets an error to report). */
export class Bail {
  readonly bail = true;
}
export const BAIL = new Bail();

export function bail(): never {
  throw BAIL;
}

/** A value that must be there: a missing input or judgement sends the record to the generic path, which names it. */
export function need<T>(x: T | undefined): T {
  if (x === undefined) throw BAIL;
  return x;
}

/** a·b, exactly or not at all. */
export function mul(a: number, b: number): number {
  const p = a * b;
  if (p > MAX || p < -MAX) throw BAIL;
  return p;
}

export function add(a: number, b: number): number {
  const s = a + b;
  if (s > MAX || s < -MAX) throw BAIL;
  return s;
}

export function sub(a: number, b: number): number {
  const s = a - b;
  if (s > MAX || s < -MAX) throw BAIL;
  return s;
}

export function gcd(a: number, b: number): number {
  a = a < 0 ? -a : a;
  // Most operands fit in 32 bits: an integer remainder there, where `%` on other values is a float remainder (slow).
  if (a <= 0x7fffffff && b <= 0x7fffffff && b >= 0) {
    let x = a | 0;
    let y = b | 0;
    while (y !== 0) {
      const t = x % y;
      x = y;
      y = t;
    }
    return x;
  }
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a < 0 ? -a : a;
}

/** The result of a rational operation with a run-time denominator: read `R.n` / `R.d` right after the call. */
export const R = { n: 0, d: 1 };

function put(n: number, d: number): void {
  if (d < 0) {
    n = -n;
    d = -d;
  }
  // Keep run-time denominators small: later cross-multiplications then stay in safe integers.
  if (d !== 1 && n !== 0) {
    const g = gcd(n, d);
    if (g !== 1) {
      n /= g;
      d /= g;
    }
  } else if (n === 0) d = 1;
  R.n = n;
  R.d = d;
}

/** (an/ad) ÷ (bn/bd); a zero divisor bails (the generic path reports it, naming the divisor). */
export function rdiv(an: number, ad: number, bn: number, bd: number): void {
  if (bn === 0) throw BAIL;
  put(mul(an, bd), mul(ad, bn));
}

export function rmul(an: number, ad: number, bn: number, bd: number): void {
  put(mul(an, bn), mul(ad, bd));
}

export function radd(an: number, ad: number, bn: number, bd: number): void {
  // Same denominator (parts in hundredths, judgements in 10^-4): no gcd, the sum stays over it.
  if (ad === bd) {
    R.n = add(an, bn);
    R.d = ad;
  } else put(add(mul(an, bd), mul(bn, ad)), mul(ad, bd));
}

export function rsub(an: number, ad: number, bn: number, bd: number): void {
  radd(an, ad, -bn, bd);
}

/** n/d clamped to [0, pn/pd] into `R` (d > 0). */
export function clampR(n: number, d: number, pn: number, pd: number): void {
  if (n < 0) {
    R.n = 0;
    R.d = 1;
  } else if (cmp(n, d, pn, pd) > 0) {
    R.n = pn;
    R.d = pd;
  } else {
    R.n = n;
    R.d = d;
  }
}

/** Sign of an/ad − bn/bd by cross-multiplication (denominators > 0); exact beyond safe integers too. */
export function cmp(an: number, ad: number, bn: number, bd: number): number {
  if (ad === bd) return an < bn ? -1 : an > bn ? 1 : 0;
  const l = an * bd;
  const r = bn * ad;
  if (l <= MAX && l >= -MAX && r <= MAX && r >= -MAX) return l < r ? -1 : l > r ? 1 : 0;
  const L = BigInt(an) * BigInt(bd);
  const Rr = BigInt(bn) * BigInt(ad);
  return L < Rr ? -1 : L > Rr ? 1 : 0;
}

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * n/d rounded to `digits` places, as an integer count of 10^-digits: one
 * rounding division, the same rule as `Exact.round` (half-up is away from zero).
 */
export function round(n: number, d: number, digits: number, mode: RoundingMode): number {
  const an = mul(n < 0 ? -n : n, POW10[digits] ?? bail());
  let q = Math.floor(an / d);
  let r = an - q * d;
  // The float quotient may be off by one near an integer: correct it exactly.
  if (r < 0) {
    q -= 1;
    r += d;
  } else if (r >= d) {
    q += 1;
    r -= d;
  }
  if (r !== 0) {
    const twice = r * 2;
    if (mode === "up") q += 1;
    else if (mode === "half-up") {
      if (twice >= d) q += 1;
    } else if (mode === "half-even") {
      if (twice > d || (twice === d && q % 2 === 1)) q += 1;
    }
  }
  return n < 0 ? -q : q;
}

/** ⌊n/d⌋ (d > 0). */
export function floor(n: number, d: number): number {
  const q = Math.floor(n / d);
  const r = n - q * d;
  return r < 0 ? q - 1 : r >= d ? q + 1 : q;
}

/** Decimal text of n/d exactly as `Exact.toString()` writes it. */
export function text(n: number, d: number): string {
  if (d === 1) return String(n);
  // A power of ten (hundredths, the usual rounding): the digits directly, trailing zeros dropped.
  if (d === 10 || d === 100 || d === 1000 || d === 10000) {
    while (d > 1 && n % 10 === 0) {
      n /= 10;
      d /= 10;
    }
    if (d === 1) return String(n);
    const places = d === 10 ? 1 : d === 100 ? 2 : d === 1000 ? 3 : 4;
    const a = n < 0 ? -n : n;
    const s = String(a).padStart(places + 1, "0");
    return `${n < 0 ? "-" : ""}${s.slice(0, s.length - places)}.${s.slice(s.length - places)}`;
  }
  const g = gcd(n, d);
  if (g !== 1) {
    n /= g;
    d /= g;
  }
  if (d === 1) return String(n);
  let twos = 0;
  let fives = 0;
  let k = d;
  while (k % 2 === 0) {
    k /= 2;
    twos++;
  }
  while (k % 5 === 0) {
    k /= 5;
    fives++;
  }
  if (k !== 1) return d <= MAX / 10 ? unending(n, d) : Exact.of(BigInt(n), BigInt(d)).toString();
  const places = Math.max(twos, fives);
  if (places <= 15) {
    const scaled = n * ((POW10[places] as number) / d);
    if (scaled <= MAX && scaled >= -MAX) {
      const s = String(scaled < 0 ? -scaled : scaled).padStart(places + 1, "0");
      return `${scaled < 0 ? "-" : ""}${s.slice(0, s.length - places)}.${s.slice(s.length - places)}`;
    }
  }
  return Exact.of(BigInt(n), BigInt(d)).toString();
}

/**
 * A value with no finite decimal (n/d reduced, d ≤ MAX / 10) as `Exact.toString()` writes it: 12 places
 * truncated toward zero, trailing zeros dropped, then "…". Long division keeps every step in safe integers.
 */
function unending(n: number, d: number): string {
  const a = n < 0 ? -n : n;
  const q = floor(a, d);
  let r = a - q * d;
  let frac = "";
  let last = 0;
  for (let i = 1; i <= 12; i++) {
    r *= 10;
    const digit = floor(r, d);
    r -= digit * d;
    frac += digit;
    if (digit !== 0) last = i;
  }
  const body = last > 0 ? `${q}.${frac.slice(0, last)}` : String(q);
  return `${n < 0 && (q !== 0 || last > 0) ? "-" : ""}${body}…`;
}

/** Texts of small values over a power of ten, made once (a report repeats the same few hundred). */
const TEXT_CACHE = 65536;
/** Per power of ten 10^k: texts of n at index k, of −n at index 7 + k. */
const textCaches: (string | undefined)[][] = [];

const tenPower = (d: number): number =>
  d === 1 ? 0 : d === 10 ? 1 : d === 100 ? 2 : d === 1000 ? 3 : d === 1e4 ? 4 : d === 1e5 ? 5 : d === 1e6 ? 6 : -1;

/**
 * `text(n, d)`, remembered for |n| < 65,536 over 1, 10, …, 10^6 (or once trailing zeros are dropped: 0.95
 * as 950000/10^6 is 95/100). A denominator that divides 10^6 (a sum reduced to 31/2) is first written over
 * the smallest power of ten it divides; any other is reduced first. `%` on large values is slow in V8
 * (a float remainder): the common case takes none.
 */
export function ctext(n: number, d: number): string {
  let k = tenPower(d);
  if (k < 0) {
    if (d > 1e6 || 1e6 % d !== 0) {
      const g = gcd(n, d);
      if (g === 1) return text(n, d);
      n /= g;
      d /= g;
      k = tenPower(d);
    }
    if (k < 0) {
      if (d > 1e6 || 1e6 % d !== 0) return text(n, d);
      k = 1;
      while ((POW10[k] as number) % d !== 0) k++;
      const m = n * ((POW10[k] as number) / d);
      if (m > MAX || m < -MAX) return text(n, d);
      n = m;
    }
  }
  let a = n < 0 ? -n : n;
  if (a >= TEXT_CACHE) {
    while (k > 0 && n % 10 === 0) {
      n /= 10;
      k--;
    }
    a = n < 0 ? -n : n;
    if (a >= TEXT_CACHE) return text(n, POW10[k] as number);
  }
  const c = (textCaches[n < 0 ? 7 + k : k] ??= new Array<string | undefined>(TEXT_CACHE));
  return (c[a] ??= text(n, POW10[k] as number));
}

/** An exact value of the generic path as n/d in safe integers, or a bail. */
export function fromExact(v: Exact): void {
  const n = Number(v.num);
  const d = Number(v.den);
  if (n > MAX || n < -MAX || d > MAX) throw BAIL;
  R.n = n;
  R.d = d;
}

export function toExact(n: number, d: number): Exact {
  return Exact.of(BigInt(n), BigInt(d));
}

/**
 * Exact rational numbers for scoring.
 *
 * Why not decimal.js arithmetic alone: at any fixed precision, a quotient
 * such as 20.59% / 75% repeats forever and a later mean can land exactly on
 * a rounding tie that the truncated digits miss (see the design sketch: 1 in
 * 1,000,000 random departments scored 76.99 instead of 77.00). A value here
 * is numerator/denominator in lowest terms, so no digit is ever lost until a
 * rounding the rubric declares. decimal.js parses and validates decimal text
 * with exponents and renders digits for `toDecimal`.
 *
 * Representation: while numerator and denominator are safe integers they are
 * held as JS numbers (the common case: amounts with two decimals, ratios of
 * them); an operation whose exact result would not fit falls back to bigint.
 * Every number operation checks its result is a safe integer, so the fast
 * path is exact too — never a float approximation.
 */
import { Decimal } from "decimal.js";

export type RoundingMode = "half-up" | "half-even" | "down" | "up";

const MAX = Number.MAX_SAFE_INTEGER;
const ZERO_N = 0n;
const ONE_N = 1n;
const TEN_N = 10n;

function gcdBig(a: bigint, b: bigint): bigint {
  a = a < ZERO_N ? -a : a;
  b = b < ZERO_N ? -b : b;
  while (b !== ZERO_N) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

function gcdNum(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

const safe = (x: number): boolean => x <= MAX && x >= -MAX;

export class DivisionByZeroError extends Error {
  constructor() {
    super("division by zero");
    this.name = "DivisionByZeroError";
  }
}

const POW10: number[] = Array.from({ length: 16 }, (_, i) => 10 ** i);

export class Exact {
  /**
   * Small form when `big` is undefined: n/d as safe integers, d > 0, lowest
   * terms. Otherwise `big` holds the bigint pair (also in lowest terms) and
   * n/d are unused.
   */
  private constructor(
    private readonly n: number,
    private readonly d: number,
    private readonly big?: readonly [bigint, bigint],
  ) {}

  static readonly ZERO = new Exact(0, 1);
  static readonly ONE = new Exact(1, 1);

  /** Numerator (lowest terms, sign here). */
  get num(): bigint {
    return this.big ? this.big[0] : BigInt(this.n);
  }
  /** Denominator (lowest terms, > 0). */
  get den(): bigint {
    return this.big ? this.big[1] : BigInt(this.d);
  }

  private static small(n: number, d: number): Exact {
    if (d < 0) {
      n = -n;
      d = -d;
    }
    if (n === 0) return Exact.ZERO;
    const g = gcdNum(n, d);
    return g === 1 ? new Exact(n, d) : new Exact(n / g, d / g);
  }

  static of(num: bigint, den: bigint = ONE_N): Exact {
    if (den === ZERO_N) throw new DivisionByZeroError();
    if (den < ZERO_N) {
      num = -num;
      den = -den;
    }
    const g = gcdBig(num, den);
    if (g !== ONE_N && g !== ZERO_N) {
      num /= g;
      den /= g;
    }
    if (num === ZERO_N) return Exact.ZERO;
    const n = Number(num);
    const d = Number(den);
    return safe(n) && safe(d) ? new Exact(n, d) : new Exact(0, 1, [num, den]);
  }

  static int(n: number | bigint): Exact {
    if (typeof n === "number") {
      if (!Number.isSafeInteger(n)) throw new RangeError(`not a safe integer: ${n}`);
      return n === 0 ? Exact.ZERO : new Exact(n, 1);
    }
    return Exact.of(n);
  }

  /** Parses decimal text ("311.63", "-1e-3", "0.5"); returns undefined if it is not a finite decimal. */
  static parse(text: string): Exact | undefined {
    const t = text.trim();
    // Fast path for plain decimals ("311.63", "-5"), the common case.
    const plain = /^(-?)(\d+)(?:\.(\d+))?$/.exec(t);
    if (plain) {
      const frac = plain[3] ?? "";
      const digits = `${plain[1]}${plain[2]}${frac}`;
      if (digits.length <= 15 && frac.length <= 15) return Exact.small(Number(digits), POW10[frac.length] as number);
      return Exact.of(BigInt(digits), TEN_N ** BigInt(frac.length));
    }
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return undefined;
    let d: Decimal;
    try {
      d = new Decimal(t);
    } catch {
      return undefined;
    }
    if (!d.isFinite()) return undefined;
    const [n, m] = d.toFraction();
    if (!n || !m) return undefined;
    return Exact.of(BigInt(n.toFixed(0)), BigInt(m.toFixed(0)));
  }

  add(o: Exact): Exact {
    if (!this.big && !o.big) {
      if (this.d === o.d) {
        const n = this.n + o.n;
        if (safe(n)) return this.d === 1 ? (n === 0 ? Exact.ZERO : new Exact(n, 1)) : Exact.small(n, this.d);
      } else {
        const a = this.n * o.d;
        const b = o.n * this.d;
        const d = this.d * o.d;
        if (safe(a) && safe(b) && safe(d) && safe(a + b)) return Exact.small(a + b, d);
      }
    }
    return Exact.of(this.num * o.den + o.num * this.den, this.den * o.den);
  }
  sub(o: Exact): Exact {
    return this.add(o.neg());
  }
  mul(o: Exact): Exact {
    if (!this.big && !o.big) {
      const n = this.n * o.n;
      const d = this.d * o.d;
      if (safe(n) && safe(d)) return Exact.small(n, d);
    }
    return Exact.of(this.num * o.num, this.den * o.den);
  }
  div(o: Exact): Exact {
    if (o.isZero()) throw new DivisionByZeroError();
    if (!this.big && !o.big) {
      const n = this.n * o.d;
      const d = this.d * o.n;
      if (safe(n) && safe(d)) return Exact.small(n, d);
    }
    return Exact.of(this.num * o.den, this.den * o.num);
  }
  neg(): Exact {
    if (this.big) return new Exact(0, 1, [-this.big[0], this.big[1]]);
    return this.n === 0 ? this : new Exact(-this.n, this.d);
  }
  abs(): Exact {
    return this.sign() < 0 ? this.neg() : this;
  }
  cmp(o: Exact): -1 | 0 | 1 {
    if (!this.big && !o.big) {
      if (this.d === o.d) return this.n < o.n ? -1 : this.n > o.n ? 1 : 0;
      const l = this.n * o.d;
      const r = o.n * this.d;
      if (safe(l) && safe(r)) return l < r ? -1 : l > r ? 1 : 0;
    }
    const l = this.num * o.den;
    const r = o.num * this.den;
    return l < r ? -1 : l > r ? 1 : 0;
  }
  eq(o: Exact): boolean {
    if (!this.big && !o.big) return this.n === o.n && this.d === o.d;
    return this.num === o.num && this.den === o.den;
  }
  lt(o: Exact): boolean {
    return this.cmp(o) < 0;
  }
  le(o: Exact): boolean {
    return this.cmp(o) <= 0;
  }
  gt(o: Exact): boolean {
    return this.cmp(o) > 0;
  }
  ge(o: Exact): boolean {
    return this.cmp(o) >= 0;
  }
  sign(): -1 | 0 | 1 {
    if (this.big) return this.big[0] < ZERO_N ? -1 : this.big[0] > ZERO_N ? 1 : 0;
    return this.n < 0 ? -1 : this.n > 0 ? 1 : 0;
  }
  isZero(): boolean {
    return !this.big && this.n === 0;
  }
  isInteger(): boolean {
    return this.big ? this.big[1] === ONE_N : this.d === 1;
  }
  static min(a: Exact, b: Exact): Exact {
    return a.le(b) ? a : b;
  }
  static max(a: Exact, b: Exact): Exact {
    return a.ge(b) ? a : b;
  }

  floor(): Exact {
    if (!this.big) {
      if (this.d === 1) return this;
      let q = Math.floor(this.n / this.d);
      const r = this.n - q * this.d;
      if (r < 0) q -= 1;
      else if (r >= this.d) q += 1;
      return Exact.small(q, 1);
    }
    const [num, den] = this.big;
    const q = num / den; // truncates toward zero
    return Exact.of(num < ZERO_N && q * den !== num ? q - ONE_N : q);
  }
  ceil(): Exact {
    return this.neg().floor().neg();
  }

  /**
   * Rounds to `digits` decimal places. `half-up` rounds ties away from zero
   * (四舍五入), `half-even` to the even neighbour, `down` toward zero, `up`
   * away from zero.
   */
  round(digits: number, mode: RoundingMode = "half-up"): Exact {
    if (!this.big && digits <= 15) {
      const scale = POW10[digits] as number;
      const an = Math.abs(this.n) * scale;
      if (safe(an)) {
        const d = this.d;
        let q = Math.floor(an / d);
        let r = an - q * d;
        // The float quotient is correctly rounded, so q may be off by one: correct it exactly.
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
        return Exact.small(this.n < 0 ? -q : q, scale);
      }
    }
    const scale = TEN_N ** BigInt(digits);
    const num = this.num;
    const den = this.den;
    const n = num * scale;
    const neg = n < ZERO_N;
    const an = neg ? -n : n;
    let q = an / den;
    const r = an - q * den;
    if (r !== ZERO_N) {
      const twice = r * 2n;
      if (mode === "up") q += ONE_N;
      else if (mode === "half-up") {
        if (twice >= den) q += ONE_N;
      } else if (mode === "half-even") {
        if (twice > den || (twice === den && q % 2n === ONE_N)) q += ONE_N;
      }
    }
    return Exact.of(neg ? -q : q, scale);
  }

  /** True when the value has a finite decimal expansion. */
  isTerminating(): boolean {
    return Number.isFinite(this.decimalPlaces());
  }

  /** Number of decimal places of a terminating value (max of the powers of 2 and 5 in the denominator); Infinity otherwise. */
  decimalPlaces(): number {
    let twos = 0;
    let fives = 0;
    if (!this.big) {
      let d = this.d;
      while (d % 2 === 0) {
        d /= 2;
        twos++;
      }
      while (d % 5 === 0) {
        d /= 5;
        fives++;
      }
      return d === 1 ? Math.max(twos, fives) : Number.POSITIVE_INFINITY;
    }
    let d = this.big[1];
    while (d % 2n === ZERO_N) {
      d /= 2n;
      twos++;
    }
    while (d % 5n === ZERO_N) {
      d /= 5n;
      fives++;
    }
    return d === ONE_N ? Math.max(twos, fives) : Number.POSITIVE_INFINITY;
  }

  /** Exact decimal text for terminating values; otherwise `maxDigits` places and a trailing "…". */
  toString(maxDigits = 12): string {
    if (!this.big && this.d === 1) return String(this.n);
    const places = this.decimalPlaces();
    if (!this.big && Number.isFinite(places) && places <= 15) {
      // Terminating and small: the scaled numerator is an exact integer, no rounding needed.
      const scaled = this.n * ((POW10[places] as number) / this.d);
      if (safe(scaled)) return formatDigits(String(Math.abs(scaled)), scaled < 0, places);
    }
    if (Number.isFinite(places)) return this.toFixed(places);
    return `${trimZeros(this.round(maxDigits, "down").toFixed(maxDigits))}…`;
  }

  /** Decimal text with exactly `places` places, rounded half-up. */
  toFixed(places: number): string {
    const r = this.round(places, "half-up");
    let digits: string;
    let neg: boolean;
    if (!r.big && places <= 15) {
      const scaled = r.n * ((POW10[places] as number) / r.d);
      if (safe(scaled)) {
        neg = scaled < 0;
        digits = String(Math.abs(scaled));
        return formatDigits(digits, neg, places);
      }
    }
    const scale = TEN_N ** BigInt(places);
    const n = r.num * (scale / r.den);
    neg = n < ZERO_N;
    digits = (neg ? -n : n).toString();
    return formatDigits(digits, neg, places);
  }

  /** A decimal.js value (rounded to `significant` digits if not terminating). */
  toDecimal(significant = 40): Decimal {
    const D = Decimal.clone({ precision: significant });
    return new D(this.num.toString()).div(this.den.toString());
  }

  /** A short display form: exact decimal when terminating, else a rational with its approximation. */
  display(): string {
    if (this.isTerminating()) return this.toString();
    return `${this.num}/${this.den} (≈${this.toString(6)})`;
  }
}

function formatDigits(digits: string, neg: boolean, places: number): string {
  const s = digits.padStart(places + 1, "0");
  const int = s.slice(0, s.length - places) || "0";
  const frac = s.slice(s.length - places);
  return `${neg ? "-" : ""}${int}${places > 0 ? `.${frac}` : ""}`;
}

function trimZeros(s: string): string {
  return s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s;
}

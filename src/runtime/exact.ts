/**
 * Exact rational numbers for scoring.
 *
 * Why not decimal.js arithmetic alone: at any fixed precision, a quotient
 * such as 20.59% / 75% repeats forever and a later mean can land exactly on
 * a rounding tie that the truncated digits miss (see the design sketch: 1 in
 * 1,000,000 random departments scored 76.99 instead of 77.00). A value here
 * is numerator/denominator in lowest terms, so no digit is ever lost until a
 * rounding the rubric declares. decimal.js parses and validates decimal text
 * (exponents, signs) and renders digits.
 */
import { Decimal } from "decimal.js";

export type RoundingMode = "half-up" | "half-even" | "down" | "up";

const ZERO = 0n;
const ONE = 1n;
const TEN = 10n;

function gcd(a: bigint, b: bigint): bigint {
  a = a < ZERO ? -a : a;
  b = b < ZERO ? -b : b;
  while (b !== ZERO) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

export class DivisionByZeroError extends Error {
  constructor() {
    super("division by zero");
    this.name = "DivisionByZeroError";
  }
}

export class Exact {
  /** Always in lowest terms with a positive denominator. */
  private constructor(
    readonly num: bigint,
    readonly den: bigint,
  ) {}

  static readonly ZERO = new Exact(ZERO, ONE);
  static readonly ONE = new Exact(ONE, ONE);

  static of(num: bigint, den: bigint = ONE): Exact {
    if (den === ZERO) throw new DivisionByZeroError();
    if (den < ZERO) {
      num = -num;
      den = -den;
    }
    const g = gcd(num, den);
    return g === ONE || g === ZERO ? new Exact(num, den) : new Exact(num / g, den / g);
  }

  static int(n: number | bigint): Exact {
    if (typeof n === "number" && !Number.isSafeInteger(n)) throw new RangeError(`not a safe integer: ${n}`);
    return new Exact(BigInt(n), ONE);
  }

  /** Parses decimal text ("311.63", "-1e-3", "0.5"); returns undefined if it is not a finite decimal. */
  static parse(text: string): Exact | undefined {
    const t = text.trim();
    // Fast path for plain decimals ("311.63", "-5"), the common case.
    const plain = /^(-?)(\d+)(?:\.(\d+))?$/.exec(t);
    if (plain) {
      const frac = plain[3] ?? "";
      const n = BigInt(`${plain[1]}${plain[2]}${frac}`);
      return frac.length === 0 ? new Exact(n, ONE) : Exact.of(n, TEN ** BigInt(frac.length));
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
    return this.den === o.den ? Exact.of(this.num + o.num, this.den) : Exact.of(this.num * o.den + o.num * this.den, this.den * o.den);
  }
  sub(o: Exact): Exact {
    return this.add(o.neg());
  }
  mul(o: Exact): Exact {
    return Exact.of(this.num * o.num, this.den * o.den);
  }
  div(o: Exact): Exact {
    if (o.num === ZERO) throw new DivisionByZeroError();
    return Exact.of(this.num * o.den, this.den * o.num);
  }
  neg(): Exact {
    return new Exact(-this.num, this.den);
  }
  abs(): Exact {
    return this.num < ZERO ? this.neg() : this;
  }
  cmp(o: Exact): -1 | 0 | 1 {
    const l = this.num * o.den;
    const r = o.num * this.den;
    return l < r ? -1 : l > r ? 1 : 0;
  }
  eq(o: Exact): boolean {
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
    return this.num < ZERO ? -1 : this.num > ZERO ? 1 : 0;
  }
  isZero(): boolean {
    return this.num === ZERO;
  }
  isInteger(): boolean {
    return this.den === ONE;
  }
  static min(a: Exact, b: Exact): Exact {
    return a.le(b) ? a : b;
  }
  static max(a: Exact, b: Exact): Exact {
    return a.ge(b) ? a : b;
  }

  floor(): Exact {
    const q = this.num / this.den; // truncates toward zero
    return Exact.of(this.num < ZERO && q * this.den !== this.num ? q - ONE : q);
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
    const scale = TEN ** BigInt(digits);
    const n = this.num * scale;
    const neg = n < ZERO;
    const an = neg ? -n : n;
    let q = an / this.den;
    const r = an - q * this.den;
    if (r !== ZERO) {
      const twice = r * 2n;
      if (mode === "up") q += ONE;
      else if (mode === "half-up") {
        if (twice >= this.den) q += ONE;
      } else if (mode === "half-even") {
        if (twice > this.den || (twice === this.den && q % 2n === ONE)) q += ONE;
      }
    }
    return Exact.of(neg ? -q : q, scale);
  }

  /** True when the value has a finite decimal expansion. */
  isTerminating(): boolean {
    let d = this.den;
    while (d % 2n === ZERO) d /= 2n;
    while (d % 5n === ZERO) d /= 5n;
    return d === ONE;
  }

  /** Exact decimal text for terminating values; otherwise `digits` places and a trailing "…". */
  toString(maxDigits = 12): string {
    if (this.isTerminating()) return this.toFixed(this.decimalPlaces());
    return `${trimZeros(this.round(maxDigits, "down").toFixed(maxDigits))}…`;
  }

  /** Number of decimal places of a terminating value (max of the powers of 2 and 5 in the denominator). */
  decimalPlaces(): number {
    let d = this.den;
    let twos = 0;
    let fives = 0;
    while (d % 2n === ZERO) {
      d /= 2n;
      twos++;
    }
    while (d % 5n === ZERO) {
      d /= 5n;
      fives++;
    }
    return d === ONE ? Math.max(twos, fives) : Number.POSITIVE_INFINITY;
  }

  /** Decimal text with exactly `places` places, rounded half-up. */
  toFixed(places: number): string {
    const r = this.round(places, "half-up");
    const scale = TEN ** BigInt(places);
    const n = r.num * (scale / r.den);
    const neg = n < ZERO;
    const s = (neg ? -n : n).toString().padStart(places + 1, "0");
    const int = s.slice(0, s.length - places) || "0";
    const frac = s.slice(s.length - places);
    return `${neg ? "-" : ""}${int}${places > 0 ? `.${frac}` : ""}`;
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

function trimZeros(s: string): string {
  return s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s;
}

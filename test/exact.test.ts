/**
 * Exact rationals (src/runtime/exact.ts): parsing, arithmetic, the four
 * rounding modes on ties (including negatives), floor/ceil, and display of
 * repeating fractions. A property test checks every operation against plain
 * BigInt arithmetic on integers scaled by 10^6.
 */
import { describe, expect, it } from "vitest";
import { DivisionByZeroError, Exact } from "../src/runtime/exact.js";

const x = (s: string): Exact => {
  const v = Exact.parse(s);
  if (!v) throw new Error(`not a number: ${s}`);
  return v;
};
const frac = (n: number, d: number): Exact => Exact.of(BigInt(n), BigInt(d));

describe("Exact.parse", () => {
  it("reads plain decimals, signs, leading/trailing dots and exponents exactly", () => {
    expect(x("311.63").toString()).toBe("311.63");
    expect(x("-0.5").toString()).toBe("-0.5");
    expect(x("+.5").toString()).toBe("0.5");
    expect(x("5.").toString()).toBe("5");
    expect(x("1e-3").toString()).toBe("0.001");
    expect(x("1.5E+2").toString()).toBe("150");
    expect(x(" 7 ").toString()).toBe("7");
  });
  it("keeps every digit, far beyond double or 20-digit precision", () => {
    expect(x("0.12345678901234567890123456789").toString()).toBe("0.12345678901234567890123456789");
    expect(x("1e-30").mul(x("1e30")).eq(Exact.ONE)).toBe(true);
  });
  it("is in lowest terms: 0.50 and 1/2 are equal, -0 is 0", () => {
    expect(x("0.50").eq(frac(1, 2))).toBe(true);
    expect(x("-0.000").isZero()).toBe(true);
    expect(x("-0.000").toString()).toBe("0");
  });
  it("rejects what is not a finite decimal", () => {
    for (const bad of ["", "abc", "1.2.3", "Infinity", "NaN", "0x10", "1e", "--1", "1,5"])
      expect(Exact.parse(bad)).toBeUndefined();
  });
});

describe("arithmetic", () => {
  it("0.1 + 0.2 is exactly 0.3", () => expect(x("0.1").add(x("0.2")).eq(x("0.3"))).toBe(true));
  it("1/3 × 3 is exactly 1", () => expect(frac(1, 3).mul(Exact.int(3)).eq(Exact.ONE)).toBe(true));
  it("sub, neg, abs, sign", () => {
    expect(x("1").sub(x("1.25")).toString()).toBe("-0.25");
    expect(x("-2").neg().toString()).toBe("2");
    expect(x("-2.5").abs().toString()).toBe("2.5");
    expect([x("-3").sign(), Exact.ZERO.sign(), x("0.001").sign()]).toEqual([-1, 0, 1]);
  });
  it("comparisons across denominators", () => {
    expect(frac(1, 3).lt(x("0.3334"))).toBe(true);
    expect(frac(1, 3).gt(x("0.3333"))).toBe(true);
    expect(frac(2, 6).eq(frac(1, 3))).toBe(true);
    expect(frac(-1, 2).cmp(frac(1, -2))).toBe(0);
    expect(Exact.min(x("2"), x("-3")).toString()).toBe("-3");
    expect(Exact.max(x("2"), x("-3")).toString()).toBe("2");
  });
  it("division by zero throws DivisionByZeroError", () => {
    expect(() => Exact.ONE.div(Exact.ZERO)).toThrow(DivisionByZeroError);
    expect(() => Exact.of(1n, 0n)).toThrow(DivisionByZeroError);
  });
  it("a negative denominator is normalised", () => {
    const v = Exact.of(3n, -6n);
    expect(v.den > 0n).toBe(true);
    expect(v.toString()).toBe("-0.5");
  });
});

describe("rounding", () => {
  it("half-up sends ties away from zero: 2.675 → 2.68, -2.675 → -2.68, 0.5 → 1, -0.5 → -1", () => {
    expect(x("2.675").round(2, "half-up").toString()).toBe("2.68");
    expect(x("-2.675").round(2, "half-up").toString()).toBe("-2.68");
    expect(x("0.5").round(0, "half-up").toString()).toBe("1");
    expect(x("-0.5").round(0, "half-up").toString()).toBe("-1");
  });
  it("half-even sends ties to the even neighbour, on both sides of zero", () => {
    expect(x("2.665").round(2, "half-even").toString()).toBe("2.66");
    expect(x("2.675").round(2, "half-even").toString()).toBe("2.68");
    expect(x("-2.665").round(2, "half-even").toString()).toBe("-2.66");
    expect(x("-2.675").round(2, "half-even").toString()).toBe("-2.68");
    expect(x("0.5").round(0, "half-even").toString()).toBe("0");
    expect(x("1.5").round(0, "half-even").toString()).toBe("2");
    expect(x("-2.5").round(0, "half-even").toString()).toBe("-2");
  });
  it("off a tie both half modes agree: 2.6749999 → 2.67, 2.6750001 → 2.68", () => {
    for (const m of ["half-up", "half-even"] as const) {
      expect(x("2.6749999").round(2, m).toString()).toBe("2.67");
      expect(x("2.6750001").round(2, m).toString()).toBe("2.68");
    }
  });
  it("down is toward zero, up is away from zero", () => {
    expect(x("2.579").round(1, "down").toString()).toBe("2.5");
    expect(x("-2.579").round(1, "down").toString()).toBe("-2.5");
    expect(x("2.501").round(1, "up").toString()).toBe("2.6");
    expect(x("-2.501").round(1, "up").toString()).toBe("-2.6");
    expect(x("2.5").round(1, "up").toString()).toBe("2.5");
  });
  it("a repeating value on no tie: 2/3 → 0.67 (half-up), 0.66 (down)", () => {
    expect(frac(2, 3).round(2, "half-up").toString()).toBe("0.67");
    expect(frac(2, 3).round(2, "down").toString()).toBe("0.66");
  });
  it("a tie reached through a repeating quotient is still a tie: (1/3 + 1/3 + 1/3 + 0.005) = 1.005 → 1.01", () => {
    const v = frac(1, 3).add(frac(1, 3)).add(frac(1, 3)).add(x("0.005"));
    expect(v.round(2, "half-up").toString()).toBe("1.01");
    expect(v.round(2, "half-even").toString()).toBe("1");
  });
  it("rounding to 0 digits and defaults to half-up", () => {
    expect(x("89.5").round(0).toString()).toBe("90");
    expect(x("89.4999").round(0).toString()).toBe("89");
  });
});

describe("floor and ceil", () => {
  it.each([
    ["2.5", "2", "3"],
    ["-2.5", "-3", "-2"],
    ["3", "3", "3"],
    ["-3", "-3", "-3"],
    ["0.0001", "0", "1"],
    ["-0.0001", "-1", "0"],
  ])("%s → floor %s, ceil %s", (v, f, c) => {
    expect(x(v).floor().toString()).toBe(f);
    expect(x(v).ceil().toString()).toBe(c);
  });
  it("floor of a repeating quotient: (100% − 89.99%) / 5% = 2.002 → 2", () => {
    expect(x("1").sub(x("0.8999")).div(x("0.05")).floor().toString()).toBe("2");
    expect(frac(-7, 3).floor().toString()).toBe("-3");
    expect(frac(7, 3).ceil().toString()).toBe("3");
  });
});

describe("toString and display", () => {
  it("terminating values print exactly, with no trailing zeros", () => {
    expect(x("1.2300").toString()).toBe("1.23");
    expect(x("100").toString()).toBe("100");
    expect(frac(1, 8).toString()).toBe("0.125");
    expect(x("0.000001").toString()).toBe("0.000001");
  });
  it("repeating values are cut (not rounded) at 12 places and marked with …", () => {
    expect(frac(1, 3).toString()).toBe("0.333333333333…");
    expect(frac(2, 3).toString()).toBe("0.666666666666…");
    expect(frac(-2, 3).toString()).toBe("-0.666666666666…");
    expect(frac(2, 3).toString(4)).toBe("0.6666…");
    expect(frac(1, 7).toString(6)).toBe("0.142857…");
  });
  it("isTerminating and decimalPlaces", () => {
    expect(frac(1, 40).isTerminating()).toBe(true);
    expect(frac(1, 40).decimalPlaces()).toBe(3);
    expect(frac(1, 6).isTerminating()).toBe(false);
    expect(frac(1, 6).decimalPlaces()).toBe(Number.POSITIVE_INFINITY);
  });
  it("display shows a repeating value as a fraction with its approximation", () => {
    expect(frac(1, 3).display()).toBe("1/3 (≈0.333333…)");
    expect(x("0.25").display()).toBe("0.25");
  });
  it("toFixed pads and rounds half-up", () => {
    expect(x("1.5").toFixed(3)).toBe("1.500");
    expect(x("-0.005").toFixed(2)).toBe("-0.01");
    expect(frac(1, 3).toFixed(2)).toBe("0.33");
    expect(x("0.05").toFixed(0)).toBe("0");
  });
  it("toDecimal gives a decimal.js value close to the rational", () => {
    expect(frac(1, 4).toDecimal().toString()).toBe("0.25");
    expect(frac(1, 3).toDecimal(5).toString()).toBe("0.33333");
  });
});

/** A small deterministic PRNG (mulberry32), so failures are reproducible. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("property: Exact agrees with BigInt arithmetic on 6-place decimals", () => {
  const S = 10n ** 6n;
  const rand = rng(20240601);
  /** A random decimal with up to 6 places, as text and as an integer count of 10^-6. */
  const sample = (): { text: string; scaled: bigint } => {
    const digits = BigInt(Math.floor(rand() * 1e9)) * (rand() < 0.3 ? 1000n : 1n);
    const places = Math.floor(rand() * 7);
    const scaled0 = digits * 10n ** BigInt(6 - places); // value = digits / 10^places
    const neg = rand() < 0.4;
    const s = digits.toString().padStart(places + 1, "0");
    const text = places === 0 ? s : `${s.slice(0, s.length - places)}.${s.slice(s.length - places)}`;
    return { text: `${neg ? "-" : ""}${text}`, scaled: neg ? -scaled0 : scaled0 };
  };
  /** Text of scaled/10^k with k places (exactly, for terminating values). */
  const show = (scaled: bigint, k: number): string => {
    const neg = scaled < 0n;
    const s = (neg ? -scaled : scaled).toString().padStart(k + 1, "0");
    const body = k === 0 ? s : `${s.slice(0, s.length - k)}.${s.slice(s.length - k)}`;
    const trimmed = body.includes(".") ? body.replace(/0+$/, "").replace(/\.$/, "") : body;
    return trimmed === "0" ? "0" : `${neg ? "-" : ""}${trimmed}`;
  };
  /** num/den rounded to `places` by BigInt: half-up away from zero, or toward zero. */
  const roundBig = (num: bigint, den: bigint, places: number, mode: "half-up" | "down" | "half-even"): bigint => {
    const neg = num < 0n !== den < 0n;
    const n = (num < 0n ? -num : num) * 10n ** BigInt(places);
    const d = den < 0n ? -den : den;
    let q = n / d;
    const r2 = (n % d) * 2n;
    if (mode === "half-up" && r2 >= d) q += 1n;
    if (mode === "half-even" && (r2 > d || (r2 === d && q % 2n === 1n))) q += 1n;
    return neg ? -q : q;
  };

  it("parse → toString round-trips", () => {
    for (let i = 0; i < 300; i++) {
      const a = sample();
      expect(x(a.text).toString()).toBe(show(a.scaled, 6));
    }
  });
  it("add, sub, mul and cmp", () => {
    for (let i = 0; i < 300; i++) {
      const a = sample();
      const b = sample();
      const ea = x(a.text);
      const eb = x(b.text);
      expect(ea.add(eb).toString()).toBe(show(a.scaled + b.scaled, 6));
      expect(ea.sub(eb).toString()).toBe(show(a.scaled - b.scaled, 6));
      expect(ea.mul(eb).toString()).toBe(show(a.scaled * b.scaled, 12));
      expect(ea.cmp(eb)).toBe(a.scaled < b.scaled ? -1 : a.scaled > b.scaled ? 1 : 0);
    }
  });
  it("division, rounded to 4 places half-up / half-even / down", () => {
    for (let i = 0; i < 300; i++) {
      const a = sample();
      const b = sample();
      if (b.scaled === 0n) continue;
      const q = x(a.text).div(x(b.text)); // = a.scaled / b.scaled
      for (const mode of ["half-up", "half-even", "down"] as const) {
        expect(q.round(4, mode).toString()).toBe(show(roundBig(a.scaled, b.scaled, 4, mode), 4));
      }
      // and back: (a / b) × b = a exactly
      expect(q.mul(x(b.text)).eq(x(a.text))).toBe(true);
    }
  });
  it("floor agrees with BigInt floor division", () => {
    for (let i = 0; i < 300; i++) {
      const a = sample();
      const q = a.scaled / S;
      const floor = a.scaled < 0n && q * S !== a.scaled ? q - 1n : q;
      expect(x(a.text).floor().toString()).toBe(floor.toString());
    }
  });
});

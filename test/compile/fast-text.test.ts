/**
 * The specialised code writes every number of a report with `text` / `ctext` (src/runtime/fast-num.ts),
 * on safe integers; the reference evaluator writes them with `Exact.toString()`. A report is the same
 * bytes only if the two agree on every value: finite decimals, sums reduced to odd denominators (31/2),
 * values with no finite decimal (2/3 → "0.666666666666…"), negatives, and numerators near the limit of
 * safe integers.
 */
import { describe, expect, it } from "vitest";
import { Exact } from "../../src/runtime/exact.js";
import { ctext, text } from "../../src/runtime/fast-num.js";
import { Rng } from "../support/random-input.js";

const MAX = Number.MAX_SAFE_INTEGER;
const DENOMINATORS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 16, 20, 25, 40, 50, 64, 80, 100, 125, 3125, 1e4, 1e5, 1e6];

function check(n: number, d: number): void {
  const want = Exact.of(BigInt(n), BigInt(d)).toString();
  if (text(n, d) !== want || ctext(n, d) !== want)
    expect({ n, d, text: text(n, d), ctext: ctext(n, d) }).toEqual({ n, d, text: want, ctext: want });
}

describe("decimal text of the specialised code", () => {
  it("is Exact.toString() on small values over every kind of denominator", () => {
    for (const d of DENOMINATORS) for (let n = -300; n <= 70_000; n += n < 300 ? 1 : 97) check(n, d);
  });

  it("is Exact.toString() on random values, large numerators and large denominators", () => {
    const rng = new Rng(5);
    for (let k = 0; k < 20_000; k++) {
      const big = rng.int(4) === 0;
      const n = Math.floor((rng.next() * 2 - 1) * (big ? MAX : 1e7));
      const d = 1 + (rng.int(3) === 0 ? Math.floor(rng.next() * (big ? MAX : 1e9)) : (rng.pick(DENOMINATORS) ?? 1));
      check(n, d);
    }
  });

  it("writes a value with no finite decimal as 12 places cut toward zero", () => {
    expect(text(2, 3)).toBe("0.666666666666…");
    expect(text(-2, 3)).toBe("-0.666666666666…");
    expect(text(1, 7 * 10 ** 13)).toBe("0…");
    expect(text(-1, 7 * 10 ** 13)).toBe("0…");
    expect(ctext(31, 2)).toBe("15.5");
  });
});

/** Reading numbers and booleans from cell text: one rule each, no guessing. */
import { describe, expect, it } from "vitest";
import { parseBool, parseNumberText, plainNumber, toHalfWidth } from "../../src/runtime/raw-text.js";

const num = (s: string): string | undefined => {
  const r = parseNumberText(s);
  return r.ok ? `${r.value.toString()}${r.percent ? " %" : ""}${r.unit ? ` ${r.unit}` : ""}` : r.reason;
};

describe("numbers from text", () => {
  it("reads decimals exactly, with surrounding spaces trimmed", () => {
    expect(num("311.63")).toBe("311.63");
    expect(num("  -0.5 ")).toBe("-0.5");
    expect(num("+7")).toBe("7");
    expect(num("1e-3")).toBe("0.001");
    // 0.1 + 0.2 is not 0.30000000000000004 here: the text is the value.
    expect(num("0.30000000000000004")).toBe("0.30000000000000004");
  });

  it("accepts thousands separators only in correct three-digit groups", () => {
    expect(num("1,599.06")).toBe("1599.06");
    expect(num("12,345,678")).toBe("12345678");
    expect(num("1,59,9")).toBe("grouping");
    expect(num("1599,06")).toBe("grouping");
    expect(num(",599")).toBe("grouping");
    expect(num("1,599.0,6")).toBe("grouping");
  });

  it("reads a % as hundredths and keeps a money unit", () => {
    expect(num("98.1%")).toBe("0.981 %");
    expect(num("98.1 %")).toBe("0.981 %");
    expect(num("311.63万元")).toBe("311.63 万元");
    expect(num("3116300元")).toBe("3116300 元");
    expect(num("1,599.06 万元")).toBe("1599.06 万元");
  });

  it("reads full-width digits, percent sign, point and comma", () => {
    expect(toHalfWidth("９８．１％")).toBe("98.1%");
    expect(num("９８．１％")).toBe("0.981 %");
    expect(num("１，５９９．０６")).toBe("1599.06");
    expect(num("−3")).toBe("-3");
  });

  it("refuses what is not a decimal", () => {
    for (const s of ["", " ", "abc", "1.2.3", "NaN", "Infinity", "0x10", "1/2", "%", "万元", "1e99999", "5 5"])
      expect(num(s), s).toBe("not-a-number");
  });

  it("reads JS numbers from their shortest decimal text, never as floats", () => {
    expect(plainNumber(0.1)?.toString()).toBe("0.1");
    expect(plainNumber(98.1)?.toString()).toBe("98.1");
    expect(plainNumber(1e21)?.toString()).toBe("1000000000000000000000");
    expect(plainNumber(Number.NaN)).toBeUndefined();
    expect(plainNumber(Number.POSITIVE_INFINITY)).toBeUndefined();
    expect(plainNumber("5%")).toBeUndefined();
  });
});

describe("booleans", () => {
  it("accept true/false, 是/否, yes/no, 1/0 in any case, and nothing else", () => {
    for (const t of [true, "true", "TRUE", " 是 ", "Yes", "1", 1, "１"]) expect(parseBool(t), String(t)).toBe(true);
    for (const f of [false, "false", "False", "否", "NO", "0", 0]) expect(parseBool(f), String(f)).toBe(false);
    for (const x of ["y", "n", "对", "错", "2", 2, "", "on", null, {}]) expect(parseBool(x), String(x)).toBeUndefined();
  });
});

/**
 * Input bounds written over other inputs (`<= 甲 + 乙`, `in [甲 + 乙, 甲 + 乙]`,
 * `= 甲 + 乙`) are enforced by the examples' `given` checks, by the reference
 * scorer and by compiled scorers, with the bound as written and both values.
 * Regression: before, only a bound naming a single input was enforced.
 */
import { describe, expect, it } from "vitest";
import { analyzeProgram } from "../src/compiler/program.js";
import { createReferenceScorer } from "../src/compiler/evaluate/scorer.js";
import { createCompiledScorer } from "../src/compiler/codegen/load.js";
import type { InputError, Scorer } from "../src/runtime/scorer.js";
import { diagnosticsOf } from "./helpers.js";

const RUBRIC = `
rubric 界限 {
  total 4
  input 甲: money(万元) >= 0
  input 乙: money(万元) >= 0
  input 上限: money(万元) <= 甲 + 乙
  input 夹住: money(万元) in [甲 + 乙, 甲 + 乙]
  input 合计: money(万元) = 甲 + 乙
  input 旧合计: money(万元) == 甲 + 乙 - 1
  group G 4 {
    indicator 资金 4 { score = if 上限 + 夹住 + 合计 + 旧合计 > 0 then 4 else 0 }
  }
}
`;

const GOOD = { 甲: 3, 乙: 4, 上限: 7, 夹住: 7, 合计: 7, 旧合计: 6 };

/** The rubric without its `=` bounds: the part that parsed before `=` was sayable. */
const ORDERED = RUBRIC.replace(/ {2}input 合计.*\n {2}input 旧合计.*\n/, "").replace(" + 合计 + 旧合计", "");
const { 合计: _t, 旧合计: _o, ...ORDERED_GOOD } = GOOD;

function example(given: Record<string, number>, rubric = RUBRIC): string {
  return `${rubric}\nexample "e" for 界限 {\n  given {\n${Object.entries(given)
    .map(([k, v]) => `    ${k} = ${v}`)
    .join("\n")}\n  }\n  expect 资金 = 4\n}\n`;
}

const violations = (given: Record<string, number>, rubric = RUBRIC): string[] =>
  diagnosticsOf(example(given, rubric))
    .filter((d) => d.code === "given-constraint")
    .map((d) => d.message.en);

describe("an example's given values meet bounds over other inputs", () => {
  it("good values pass", () => expect(violations(GOOD)).toEqual([]));
  it("<= 甲 + 乙", () => {
    expect(violations({ ...ORDERED_GOOD, 上限: 8 }, ORDERED)).toEqual([
      "input '上限' = 8万元 violates <= 甲 + 乙 (7万元)",
    ]);
  });
  it("in [甲 + 乙, 甲 + 乙]", () => {
    expect(violations({ ...ORDERED_GOOD, 夹住: 6 }, ORDERED)).toEqual([
      "input '夹住' = 6万元 violates in [甲 + 乙 (7万元), 甲 + 乙 (7万元)]",
    ]);
  });
  it("= and == (a total is the sum of its rows)", () => {
    expect(violations({ ...GOOD, 合计: 7.5, 旧合计: 7 })).toEqual([
      "input '合计' = 7.5万元 violates = 甲 + 乙 (7万元)",
      "input '旧合计' = 7万元 violates = 甲 + 乙 - 1 (6万元)",
    ]);
  });
  it("the message is in Chinese too", () => {
    const zh = diagnosticsOf(example({ ...GOOD, 合计: 8 })).find((d) => d.code === "given-constraint")?.message.zh;
    expect(zh).toBe("输入「合计」的值 8万元 不满足 = 甲 + 乙 (7万元)");
  });
  it("a bound reading a missing input is not an error by itself", () => {
    const { 乙: _, ...rest } = GOOD;
    expect(violations({ ...rest, 合计: 100 })).toEqual([]);
  });
});

function scorersOf(text: string): [string, Scorer][] {
  const r = analyzeProgram([{ file: "t.rubric", text }]).rubrics[0];
  if (!r) throw new Error("no rubric");
  return [
    ["reference", createReferenceScorer(r)],
    ["compiled", createCompiledScorer(r)],
  ];
}

describe("rubric score and compiled scorers validate bounds over other inputs", () => {
  const scorers = scorersOf(RUBRIC);
  const errors = (s: Scorer, values: Record<string, number>): InputError[] => {
    try {
      s.score({ values });
      return [];
    } catch (e) {
      return (e as { errors?: InputError[] }).errors ?? [];
    }
  };
  it.each(scorers)("%s: good values score", (_n, s) => expect(errors(s, GOOD)).toEqual([]));
  it.each(scorersOf(ORDERED))("%s: <= and in over 甲 + 乙 are refused, naming the bound and both values", (_n, s) => {
    const es = errors(s, { 甲: 3, 乙: 4, 上限: 8, 夹住: 6 });
    expect(es.map((e) => `${e.kind} ${e.field}`)).toEqual(["out-of-range 上限", "out-of-range 夹住"]);
    expect(es[0]?.message.en).toContain("'上限' = 8 is out of range: must be <= 甲 + 乙 (7万元)");
    expect(es[1]?.message.en).toContain("must be >= 甲 + 乙 (7万元)");
    expect(es[1]?.message.zh).toContain("甲 + 乙 (7万元)");
  });
  it.each(scorers)("%s: = and == over 甲 + 乙 are refused", (_n, s) => {
    const es = errors(s, { ...GOOD, 合计: 7.5, 旧合计: 7 });
    expect(es.map((e) => `${e.kind} ${e.field}`)).toEqual(["out-of-range 合计", "out-of-range 旧合计"]);
    expect(es[0]?.message.en).toContain("must be = 甲 + 乙 (7万元)");
    expect(es[1]?.message.en).toContain("must be = 甲 + 乙 - 1 (6万元)");
  });
  it.each(scorers)("%s: a bound reading a missing input is not an error by itself", (_n, s) => {
    const es = errors(s, { 甲: 3, 上限: 100, 夹住: 1, 合计: 1, 旧合计: 1 });
    expect(es.filter((e) => e.kind === "out-of-range")).toEqual([]);
  });
});

describe("the range analysis reads = bounds", () => {
  it("a total equal to a sum of non-negative rows is non-negative: no zero-divisor warning beyond 0", () => {
    const text = RUBRIC.replace(
      "score = if 上限 + 夹住 + 合计 + 旧合计 > 0 then 4 else 0",
      "score = if 合计 = 0 then 0 else min(甲 / 合计, 100%) * 4",
    );
    expect(diagnosticsOf(text).filter((d) => d.code === "part-range")).toEqual([]);
  });
});

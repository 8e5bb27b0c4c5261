/**
 * A syntax error stays inside the innermost declaration that holds it: the parser skips to the
 * next item and everything else is parsed and checked as usual (issue 10, item 1).
 */
import { describe, expect, it } from "vitest";
import { generatedRubric } from "../../bench/generated.js";
import { parseText } from "../../src/compiler/syntax/parse.js";
import { codesOf } from "../helpers.js";

const strayParen = (n: number): string => generatedRubric(n).replace("[90%, 95%) -> 4", "[90%, 95%) -> 4)");

describe("recovery per declaration", () => {
  it.each([600, 2000])("a stray ')' in a band list of a %i-indicator rubric is one error", (n) => {
    const text = strayParen(n);
    const { diagnostics, ast } = parseText("g.rubric", text);
    expect(diagnostics.map((d) => `${d.code}@${d.span.start}`)).toEqual([`syntax-error@${text.indexOf("4)") + 1}`]);
    // Every indicator is still there, the broken one included.
    const rubric = ast.items[0];
    const groups = rubric?.kind === "Rubric" ? rubric.items.filter((i) => i.kind === "Group") : [];
    expect(groups.flatMap((g) => (g.kind === "Group" ? g.children : [])).length).toBe(n);
  });

  it("the checker adds nothing to that one error", () => {
    const text = strayParen(600);
    const line = text.slice(0, text.indexOf("4)")).split("\n").length;
    expect(codesOf(text)).toEqual([`${line}:syntax-error`]);
  });

  it("a stray ')' in a band list is one error, not one per level of recovery", () => {
    const text = `rubric 甲 {
  total 10
  input 比率: ratio in [0, 100%]
  group 乙 10 {
    indicator 一 5 { score = bands 比率 { >= 90% -> 5; [60%, 90%) -> 3 ); < 60% -> 0 } }
    indicator 二 5 { score = 比率 * 5 }
  }
}
`;
    expect(codesOf(text)).toEqual(["5:syntax-error"]);
  });

  it("random one-character edits inside rule expressions give a handful of errors, never a stack overflow", () => {
    const base = generatedRubric(60);
    let seed = 7;
    const random = (k: number): number => {
      seed = (seed * 48271) % 2147483647;
      return Math.floor((seed / 2147483647) * k);
    };
    const ruleStarts = [...base.matchAll(/= bands /g)].map((m) => m.index);
    const alphabet = [")", "(", "[", "]", "{", "}", ";", ",", "-", "*", ">", "=", "%", "1", "x", " "];
    for (let i = 0; i < 60; i++) {
      const at = (ruleStarts[random(ruleStarts.length)] ?? 0) + 2 + random(60);
      const text =
        random(2) === 0
          ? base.slice(0, at) + (alphabet[random(alphabet.length)] ?? ")") + base.slice(at)
          : base.slice(0, at) + base.slice(at + 1);
      const { diagnostics } = parseText("g.rubric", text);
      const codes = diagnostics.map((d) => d.code);
      expect(codes, JSON.stringify(text.slice(at - 20, at + 20))).not.toContain("too-deep");
      expect(codes.length, JSON.stringify(text.slice(at - 20, at + 20))).toBeLessThanOrEqual(4);
    }
  }, 120_000);

  it("too-deep is reported where the nesting passes the limit", () => {
    const text = `rubric 甲 {\n  let x = ${"(".repeat(150)}1${")".repeat(150)}\n}\n`;
    const deep = parseText("d.rubric", text).diagnostics.filter((d) => d.code === "too-deep");
    expect(deep.map((d) => d.span.start)).toEqual([text.indexOf("(") + 99]);
  });
});

/**
 * Incremental re-parsing must give exactly the tree, tokens and syntax
 * diagnostics a full parse gives — spans included — for edits anywhere inside
 * indicators, groups and examples, whether or not they break the syntax.
 */
import { readFileSync } from "node:fs";
import type { IToken } from "chevrotain";
import type { Diagnostic } from "../../src/compiler/diagnostics/diagnostic.js";
import { describe, expect, it } from "vitest";
import { parseText } from "../../src/compiler/syntax/parse.js";
import { reparseIncrementally, type TextEdit } from "../../src/compiler/syntax/incremental.js";

const base = readFileSync(new URL("../../rubrics/shenzhen-common-2023.rubric", import.meta.url), "utf8");
const strip = (x: unknown): unknown => JSON.parse(JSON.stringify(x));

const sorted = (ds: readonly Diagnostic[]): string[] =>
  ds.map((d) => `${d.span.start}-${d.span.end} ${d.code} ${d.message.en}`).sort();
const tok = (t: IToken): string => `${t.startOffset}-${t.endOffset}@${t.startLine}-${t.endLine}:${t.tokenType.name}`;

function apply(text: string, e: TextEdit): string {
  return text.slice(0, e.start) + e.text + text.slice(e.end);
}

describe("incremental re-parse", () => {
  it("matches a full parse after random edits inside declarations", () => {
    let seed = 11;
    const rand = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const edits = ["0", "9", " ", "\n", "", "x", "说明", "-> 1;", "// 注释\n", ")", "{", "}", "/*", '"', "[", ";"];
    let incremental = 0;
    let broken = 0;
    for (let i = 0; i < 300; i++) {
      const prev = parseText("f", base);
      const at = rand(base.length);
      const len = rand(3);
      const e: TextEdit = { start: at, end: Math.min(base.length, at + len), text: edits[rand(edits.length)] ?? "" };
      const text = apply(base, e);
      const inc = reparseIncrementally(prev, base, e, text, "f");
      if (!inc) continue;
      incremental++;
      const full = parseText("f", text);
      if (full.diagnostics.length > 0) broken++;
      const where = JSON.stringify(e);
      expect(strip(inc.ast), where).toEqual(strip(full.ast));
      expect(sorted(inc.diagnostics), where).toEqual(sorted(full.diagnostics));
      expect(inc.tokens.map(tok), where).toEqual(full.tokens.map(tok));
      expect(inc.comments.map((c) => [c.startOffset, c.image])).toEqual(
        full.comments.map((c) => [c.startOffset, c.image]),
      );
    }
    // Most random edits land inside an indicator; many of them break it, and are re-parsed alone all the same.
    expect(incremental).toBeGreaterThan(60);
    expect(broken).toBeGreaterThan(20);
  });

  it("keeps the identity of untouched declarations", () => {
    const prev = parseText("f", base);
    const rubric = prev.ast.items[0];
    if (rubric?.kind !== "Rubric") throw new Error("no rubric");
    const before = rubric.items.filter((x) => x.kind === "Group");
    const at = base.indexOf("score = deduct 1 per 预算编制不符合项数") + "score = deduct ".length;
    const e = { start: at, end: at + 1, text: "2" };
    const inc = reparseIncrementally(prev, base, e, apply(base, e));
    expect(inc).toBeDefined();
    const after = rubric.items.filter((x) => x.kind === "Group");
    expect(after[1]).toBe(before[1]);
    expect(after[2]).toBe(before[2]);
  });

  it("re-parses a declaration broken by an edit alone, its errors inside it", () => {
    const prev = parseText("f", base);
    const at = base.indexOf("score = deduct 1 per 预算编制不符合项数");
    const e = { start: at, end: at + 5, text: "" };
    const text = apply(base, e);
    const inc = reparseIncrementally(prev, base, e, text, "f");
    expect(inc).toBeDefined();
    const full = parseText("f", text);
    expect(full.diagnostics.length).toBeGreaterThan(0);
    expect(sorted(inc?.diagnostics ?? [])).toEqual(sorted(full.diagnostics));
    expect(strip(inc?.ast)).toEqual(strip(full.ast));
  });

  it("declines an edit that unbalances the braces of its declaration, so the caller parses fully", () => {
    const prev = parseText("f", base);
    const at = base.indexOf("score = deduct 1 per 预算编制不符合项数");
    const e = { start: at, end: at, text: "{" };
    expect(reparseIncrementally(prev, base, e, apply(base, e), "f")).toBeUndefined();
  });
});

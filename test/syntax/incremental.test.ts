/**
 * Incremental re-parsing must give exactly the tree a full parse gives —
 * spans included — for edits anywhere inside indicators, groups and examples.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseText } from "../../src/compiler/syntax/parse.js";
import { reparseIncrementally, type TextEdit } from "../../src/compiler/syntax/incremental.js";

const base = readFileSync(new URL("../../rubrics/shenzhen-common-2023.rubric", import.meta.url), "utf8");
const strip = (x: unknown): unknown => JSON.parse(JSON.stringify(x));

function apply(text: string, e: TextEdit): string {
  return text.slice(0, e.start) + e.text + text.slice(e.end);
}

describe("incremental re-parse", () => {
  it("matches a full parse after random edits inside declarations", () => {
    let seed = 11;
    const rand = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const edits = ["0", "9", " ", "\n", "", "x", "说明", "-> 1;", "// 注释\n"];
    let incremental = 0;
    for (let i = 0; i < 300; i++) {
      const prev = parseText("f", base);
      const at = rand(base.length);
      const len = rand(3);
      const e: TextEdit = { start: at, end: Math.min(base.length, at + len), text: edits[rand(edits.length)] ?? "" };
      const text = apply(base, e);
      const inc = reparseIncrementally(prev, base, e, text);
      if (!inc) continue;
      incremental++;
      const full = parseText("f", text);
      expect(full.diagnostics).toEqual([]);
      expect(strip(inc.ast)).toEqual(strip(full.ast));
      expect(inc.comments.map((c) => [c.startOffset, c.image])).toEqual(
        full.comments.map((c) => [c.startOffset, c.image]),
      );
    }
    // Most random edits land inside an indicator and parse cleanly.
    expect(incremental).toBeGreaterThan(60);
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

  it("declines edits that break the block, so the caller parses fully", () => {
    const prev = parseText("f", base);
    const at = base.indexOf("score = deduct 1 per 预算编制不符合项数");
    const e = { start: at, end: at + 5, text: "" };
    expect(reparseIncrementally(prev, base, e, apply(base, e))).toBeUndefined();
  });
});

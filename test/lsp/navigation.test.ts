/** Definition, references and rename, across files, called in-process with cursor markers. */
import { describe, expect, it } from "vitest";
import type { TextEdit } from "vscode-languageserver";
import { definition, references } from "../../src/lsp/navigation.js";
import { prepareRename, rename } from "../../src/lsp/rename.js";
import { Snapshot } from "../../src/lsp/snapshot.js";
import { LineIndex } from "../../src/compiler/util/line-index.js";
import { at, positionOf } from "./cursor.js";
import { BASE, BASE_URI, DERIVED, DERIVED_URI } from "./fixtures.js";

const mark = (text: string, needle: string, delta = 1, n = 0): string => {
  let i = -1;
  for (let k = 0; k <= n; k++) i = text.indexOf(needle, i + 1);
  if (i < 0) throw new Error(`no ${needle}`);
  return `${text.slice(0, i + delta)}|${text.slice(i + delta)}`;
};

/** Applies edits to a text (edits must not overlap). */
function apply(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const abs = edits.map((e) => ({
    s: lines.offset(e.range.start.line, e.range.start.character),
    e: lines.offset(e.range.end.line, e.range.end.character),
    t: e.newText,
  }));
  abs.sort((a, b) => b.s - a.s);
  let out = text;
  for (const x of abs) out = out.slice(0, x.s) + x.t + out.slice(x.e);
  return out;
}

describe("go to definition", () => {
  it("goes from a given input in the derived file to its declaration in the base file", () => {
    const { snap, uri, pos } = at({ [BASE_URI]: BASE, [DERIVED_URI]: mark(DERIVED, "计划金额 = 100") }, DERIVED_URI);
    const loc = definition(snap, uri, pos);
    expect(loc?.uri).toBe(BASE_URI);
    expect(loc?.range.start).toEqual(positionOf(BASE, "计划金额: money"));
  });

  it("goes from an expect path to the indicator, and from a renamed name to the original declaration", () => {
    const a = at({ [BASE_URI]: BASE, [DERIVED_URI]: mark(DERIVED, "expect 采购", 8) }, DERIVED_URI);
    expect(definition(a.snap, a.uri, a.pos)).toEqual({
      uri: BASE_URI,
      range: { start: positionOf(BASE, "采购 4"), end: positionOf(BASE, "采购 4", 2) },
    });
    const b = at({ [BASE_URI]: BASE, [DERIVED_URI]: mark(DERIVED, "expect 信息公开", 8) }, DERIVED_URI);
    expect(definition(b.snap, b.uri, b.pos)?.range.start).toEqual(positionOf(BASE, "公开性 2"));
  });

  it("goes from a let, an enum member, a rubric reference and an indicator-level let", () => {
    const local = `rubric R {\n  input a: ratio\n  group g 1 { indicator i 1 { let 比 = a * 2\n score = 比 } }\n}\n`;
    const s1 = at({ "file:///l.rubric": local.replace("score = 比", "score = 比|") }, "file:///l.rubric");
    expect(definition(s1.snap, s1.uri, s1.pos)?.range.start).toEqual(positionOf(local, "比 = a"));
    const s2 = at({ [BASE_URI]: mark(BASE, "按规定公开 ->", 2), [DERIVED_URI]: DERIVED }, BASE_URI);
    expect(definition(s2.snap, s2.uri, s2.pos)?.range.start).toEqual(positionOf(BASE, "按规定公开, 未公开"));
    const s3 = at({ [BASE_URI]: BASE, [DERIVED_URI]: mark(DERIVED, "extends 基础", 9) }, DERIVED_URI);
    expect(definition(s3.snap, s3.uri, s3.pos)).toEqual({
      uri: BASE_URI,
      range: { start: positionOf(BASE, "基础 2023"), end: positionOf(BASE, "基础 2023", 2) },
    });
    const s4 = at({ [BASE_URI]: mark(BASE, "执行率 * 2"), [DERIVED_URI]: DERIVED }, BASE_URI);
    expect(definition(s4.snap, s4.uri, s4.pos)?.range.start).toEqual(positionOf(BASE, "执行率 = "));
  });

  it("finds nothing on a keyword or in a comment", () => {
    const s = at({ [BASE_URI]: mark(BASE, "基础评分表"), [DERIVED_URI]: DERIVED }, BASE_URI);
    expect(definition(s.snap, s.uri, s.pos)).toBeNull();
    const k = at({ [BASE_URI]: mark(BASE, "indicator 采购"), [DERIVED_URI]: DERIVED }, BASE_URI);
    expect(definition(k.snap, k.uri, k.pos)).toBeNull();
  });
});

describe("find references", () => {
  it("finds an input's uses in rules and in examples, across files", () => {
    const { snap, uri, pos } = at({ [BASE_URI]: mark(BASE, "实际金额: money"), [DERIVED_URI]: DERIVED }, BASE_URI);
    const refs = references(snap, uri, pos, true).map(
      (l) => `${l.uri === BASE_URI ? "base" : "derived"}:${l.range.start.line + 1}`,
    );
    // declaration, two uses in 执行 (and the let), the given line in the example
    expect(refs).toEqual(["base:7", "base:11", "base:15", "derived:9"]);
    expect(references(snap, uri, pos, false)).toHaveLength(3);
  });

  it("finds an indicator through paths, reweights and renames", () => {
    const derived = `${DERIVED}\nrubric 再派生 extends 派生 {\n  reweight 管理 6 { 采购 4; 信息公开 2 }\n  remove 效果.满意\n  total 6\n}\n`;
    const { snap, uri, pos } = at({ [BASE_URI]: mark(BASE, "公开性 2"), [DERIVED_URI]: derived }, BASE_URI);
    const refs = references(snap, uri, pos, true).map(
      (l) => `${l.uri === BASE_URI ? "base" : "derived"}:${l.range.start.line + 1}`,
    );
    expect(refs).toEqual(["base:18", "derived:3", "derived:3", "derived:15", "derived:21"]);
  });
});

describe("rename", () => {
  it("renames an input in both files", () => {
    const files = { [BASE_URI]: BASE, [DERIVED_URI]: mark(DERIVED, "计划金额 = ") };
    const { snap, uri, pos } = at(files, DERIVED_URI);
    expect(prepareRename(snap, uri, pos)?.placeholder).toBe("计划金额");
    const r = rename(snap, uri, pos, "预算金额", "en");
    if (!r || !("edit" in r)) throw new Error("no edit");
    const changes = r.edit.changes ?? {};
    const base = apply(BASE, changes[BASE_URI] ?? []);
    const derived = apply(DERIVED, changes[DERIVED_URI] ?? []);
    expect(base).not.toContain("计划金额");
    expect(base.match(/预算金额/g)).toHaveLength(3);
    expect(derived).toContain("预算金额 = 100");
    // The renamed workspace still checks and its example still passes.
    const after = Snapshot.of({ [BASE_URI]: base, [DERIVED_URI]: derived });
    expect(after.program.diagnostics).toEqual([]);
  });

  it("renames an indicator's declaration and every path segment that names it", () => {
    const { snap, uri, pos } = at({ [BASE_URI]: mark(BASE, "采购 4"), [DERIVED_URI]: DERIVED }, BASE_URI);
    const r = rename(snap, uri, pos, "政府采购", "zh");
    if (!r || !("edit" in r)) throw new Error("no edit");
    const base = apply(BASE, r.edit.changes?.[BASE_URI] ?? []);
    const derived = apply(DERIVED, r.edit.changes?.[DERIVED_URI] ?? []);
    expect(base).toContain("indicator 政府采购 4");
    expect(derived).toContain("reword 政府采购 {");
    expect(derived).toContain("expect 政府采购 = 3.98");
    expect(Snapshot.of({ [BASE_URI]: base, [DERIVED_URI]: derived }).program.diagnostics).toEqual([]);
  });

  it("after `rename A to B`, renaming B leaves A's declaration alone", () => {
    const { snap, uri, pos } = at(
      { [BASE_URI]: BASE, [DERIVED_URI]: mark(DERIVED, "expect 信息公开", 8) },
      DERIVED_URI,
    );
    const r = rename(snap, uri, pos, "公开透明", "en");
    if (!r || !("edit" in r)) throw new Error("no edit");
    expect(r.edit.changes?.[BASE_URI]).toBeUndefined();
    const derived = apply(DERIVED, r.edit.changes?.[DERIVED_URI] ?? []);
    expect(derived).toContain("rename 管理.公开性 to 公开透明");
    expect(derived).toContain("expect 公开透明 = 2");
  });

  it("renames a rubric and its references, and refuses names that cannot be names", () => {
    const { snap, uri, pos } = at({ [BASE_URI]: mark(BASE, "基础 2023"), [DERIVED_URI]: DERIVED }, BASE_URI);
    const r = rename(snap, uri, pos, "共性框架", "en");
    if (!r || !("edit" in r)) throw new Error("no edit");
    expect(apply(DERIVED, r.edit.changes?.[DERIVED_URI] ?? [])).toContain("extends 共性框架 2023");
    const spaced = rename(snap, uri, pos, "共性 框架", "en");
    if (!spaced || !("edit" in spaced)) throw new Error("no edit");
    expect(apply(BASE, spaced.edit.changes?.[BASE_URI] ?? [])).toContain('rubric "共性 框架" 2023');

    const input = at({ [BASE_URI]: mark(BASE, "满意度: ratio"), [DERIVED_URI]: DERIVED }, BASE_URI);
    expect(rename(input.snap, input.uri, input.pos, "if", "en")).toEqual({ error: "'if' cannot be used as a name" });
    expect(rename(input.snap, input.uri, input.pos, "实际金额", "zh")).toMatchObject({
      error: expect.stringContaining("实际金额"),
    });
  });
});

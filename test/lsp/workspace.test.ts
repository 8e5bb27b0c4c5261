/** Quick fixes, and the workspace model: one analysis per set of versions, parsed documents reused, disk files. */
import { describe, expect, it } from "vitest";
import type { CodeAction, TextEdit } from "vscode-languageserver";
import { codeActions, armFor } from "../../src/lsp/code-actions.js";
import { Snapshot } from "../../src/lsp/snapshot.js";
import { canonicalUri, Workspace } from "../../src/lsp/workspace.js";
import { hover } from "../../src/lsp/hover.js";
import { completion } from "../../src/lsp/completion.js";
import { codeLenses } from "../../src/lsp/code-lens.js";
import { LineIndex } from "../../src/compiler/util/line-index.js";
import { chooseLang } from "../../src/lsp/lang.js";
import { BASE, BASE_URI, DERIVED, DERIVED_URI } from "./fixtures.js";
import { positionOf } from "./cursor.js";

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

/** The quick fixes offered for the whole document, applied one at a time. */
function fixes(
  uri: string,
  text: string,
  others: Record<string, string> = {},
): { action: CodeAction; fixed: string; codes: string[] }[] {
  const snap = Snapshot.of({ ...others, [uri]: text });
  const lines = new LineIndex(text);
  const whole = { start: { line: 0, character: 0 }, end: lines.position(text.length) };
  return codeActions(snap, uri, whole, [], "en").map((action) => {
    const fixed = apply(text, action.edit?.changes?.[uri] ?? []);
    const after = Snapshot.of({ ...others, [uri]: fixed });
    return { action, fixed, codes: after.diagnosticsOf(uri).map((d) => d.code) };
  });
}

describe("quick fixes", () => {
  it("set a group's points to its children's sum", () => {
    const [f, ...rest] = fixes(BASE_URI, BASE.replace("group 管理 6", "group 管理 7").replace("total 10", "total 11"));
    expect(rest).toEqual([]);
    expect(f?.action.title).toBe("Set the points to the children's sum (6)");
    expect(f?.fixed).toContain("group 管理 6 {");
    expect(f?.codes).toEqual(["total-mismatch"]);
  });

  it("add a band covering the gap, on one line and on several", () => {
    const oneLine = fixes(BASE_URI, BASE.replace("[80%, 90%) -> 2; ", ""));
    expect(oneLine.map((f) => f.action.title)).toEqual(["Add a band for [80%, 90%)"]);
    expect(oneLine[0]?.fixed).toContain("bands 满意度 { >= 90% -> 4; < 80% -> 0; [80%, 90%) -> 0 }");
    expect(oneLine[0]?.codes).toEqual([]);

    const multi = BASE.replace(
      "{ >= 90% -> 4; [80%, 90%) -> 2; < 80% -> 0 }",
      "{\n        >= 90% -> 4;\n        < 80% -> 0\n      }",
    );
    const m = fixes(BASE_URI, multi);
    expect(m[0]?.fixed).toContain("        < 80% -> 0;\n        [80%, 90%) -> 0\n      }");
    expect(m[0]?.codes).toEqual([]);
  });

  it("writes money band bounds with their unit", () => {
    expect(armFor("[100, 300)", true)).toBe("[100元, 300元) -> 0");
    expect(armFor("(-∞, 0)", false)).toBe("< 0 -> 0");
    expect(armFor("[95%, +∞)", false)).toBe(">= 95% -> 0");
    const src = `rubric R {\n  input 金额: money(元) >= 0\n  group g 1 { indicator i 1 { score = bands 金额 { >= 300元 -> 1; < 100元 -> 0 } } }\n}\n`;
    const [f] = fixes("file:///m.rubric", src);
    expect(f?.fixed).toContain("[100元, 300元) -> 0");
    expect(f?.codes).toEqual([]);
  });

  it("replace an unknown name by the close match", () => {
    const [f] = fixes(BASE_URI, BASE.replace("else 执行率 * 2", "else 执型率 * 2"));
    expect(f?.action.title).toBe("Change to '执行率'");
    expect(f?.codes).toEqual([]);
    const [p] = fixes(DERIVED_URI, DERIVED.replace("expect 采购 =", "expect 采构 ="), { [BASE_URI]: BASE });
    expect(p?.fixed).toContain("expect 管理.采购 = 3.98");
    expect(p?.codes).toEqual([]);
  });
});

describe("the workspace", () => {
  it("analyses once per set of versions, shared by every feature", () => {
    const ws = new Workspace();
    ws.openDocument(BASE_URI, BASE, 1);
    ws.openDocument(DERIVED_URI, DERIVED, 1);
    const s1 = ws.snapshot();
    hover(ws.snapshot(), BASE_URI, positionOf(BASE, "采购 4"), "en");
    completion(ws.snapshot(), BASE_URI, positionOf(BASE, "judged"), "en");
    codeLenses(ws.snapshot(), DERIVED_URI, "en");
    expect(ws.analyses).toBe(1);
    expect(ws.snapshot()).toBe(s1);
    ws.changeDocument(
      DERIVED_URI,
      [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: "// x\n" }],
      2,
    );
    const s2 = ws.snapshot();
    expect(ws.analyses).toBe(2);
    // The unchanged document was not parsed again.
    expect(s2.document(BASE_URI)).toBe(s1.document(BASE_URI));
    expect(s2.document(DERIVED_URI)).not.toBe(s1.document(DERIVED_URI));
    expect(s2.document(DERIVED_URI)?.text.startsWith("// x\nrubric 派生")).toBe(true);
    expect(s2.versions.get(DERIVED_URI)?.version).toBe(2);
  });

  it("resolves extends through files on disk, and an open document hides its disk copy", () => {
    const ws = new Workspace();
    ws.setDiskFile("file:///ws/%E5%9F%BA.rubric", BASE);
    ws.openDocument(DERIVED_URI, DERIVED, 1);
    expect(ws.snapshot().program.diagnostics).toEqual([]);
    // The editor spells the same file without percent-encoding: one document, not a duplicate rubric.
    ws.openDocument("file:///ws/基.rubric", BASE.replace("group 管理 6", "group 管理 7"), 1);
    const codes = ws.snapshot().program.diagnostics.map((d) => `${d.file} ${d.code}`);
    expect(codes).toEqual(["file:///ws/基.rubric weight-sum", "file:///ws/基.rubric total-mismatch"].sort());
    ws.closeDocument("file:///ws/基.rubric");
    expect(ws.snapshot().program.diagnostics).toEqual([]);
    ws.deleteDiskFile("file:///ws/基.rubric");
    expect(ws.snapshot().program.diagnostics.map((d) => d.code)).toContain("unknown-rubric");
    expect(canonicalUri("file:///C%3A/a%20b.rubric")).toBe("file:///c:/a b.rubric");
  });

  it("analyses only the open documents and the files related to them by rubric names", () => {
    const ws = new Workspace();
    ws.setDiskFile(BASE_URI, BASE);
    ws.setDiskFile(DERIVED_URI, DERIVED);
    ws.setDiskFile("file:///ws/other-a.rubric", "rubric 孤立 { total 0 }\n");
    ws.setDiskFile("file:///ws/other-b.rubric", "rubric 孤立 { total 0 }\n");
    ws.setDiskFile("file:///ws/more.rubric", `example "另一个" for 派生 2024 { judge rest full }\n`);
    ws.openDocument("file:///ws/open.rubric", "rubric 新表 extends 基础 2023 {\n}\n", 1);
    const snap = ws.snapshot();
    // The base (extended), the derived rubric (extends the base) and the example for it; not the two unrelated duplicates.
    expect([...snap.program.documents.keys()].sort()).toEqual(
      [BASE_URI, DERIVED_URI, "file:///ws/more.rubric", "file:///ws/open.rubric"].sort(),
    );
    expect(snap.program.diagnostics.map((d) => d.code)).not.toContain("duplicate-rubric");
  });

  it("chooses the language: setting, then initialization option, then command line, then locale", () => {
    expect(chooseLang({ locale: "zh-CN" })).toBe("zh");
    expect(chooseLang({ locale: "en-US" })).toBe("en");
    expect(chooseLang({})).toBe("en");
    expect(chooseLang({ initializationOption: "zh", locale: "en" })).toBe("zh");
    expect(chooseLang({ setting: "en", initializationOption: "zh" })).toBe("en");
    expect(chooseLang({ setting: "auto", commandLine: "zh", locale: "en" })).toBe("zh");
  });
});

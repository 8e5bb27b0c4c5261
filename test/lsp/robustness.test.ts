/**
 * Every feature, at positions all over the seed rubrics and over prefixes
 * of them (a document being typed), answers without throwing.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Snapshot } from "../../src/lsp/snapshot.js";
import { hover } from "../../src/lsp/hover.js";
import { completion } from "../../src/lsp/completion.js";
import { definition, references } from "../../src/lsp/navigation.js";
import { prepareRename } from "../../src/lsp/rename.js";
import { documentSymbols } from "../../src/lsp/outline.js";
import { semanticTokens } from "../../src/lsp/semantic-tokens.js";
import { foldingRanges } from "../../src/lsp/folding.js";
import { codeLenses } from "../../src/lsp/code-lens.js";
import { codeActions } from "../../src/lsp/code-actions.js";
import { LineIndex } from "../../src/compiler/util/line-index.js";

const dir = new URL("../../rubrics/", import.meta.url);
const seeds = Object.fromEntries(
  readdirSync(dir)
    .filter((f) => f.endsWith(".rubric"))
    .map((f) => [`file:///rubrics/${f}`, readFileSync(new URL(f, dir), "utf8")]),
);

function everything(snap: Snapshot, uri: string, step: number): number {
  const doc = snap.document(uri);
  if (!doc) throw new Error(`no ${uri}`);
  const lines = new LineIndex(doc.text);
  let answered = 0;
  documentSymbols(snap, uri, "zh");
  semanticTokens(snap, uri);
  foldingRanges(snap, uri);
  codeLenses(snap, uri, "en");
  for (let off = 0; off <= doc.text.length; off += step) {
    const pos = lines.position(off);
    hover(snap, uri, pos, "zh");
    completion(snap, uri, pos, "en");
    if (definition(snap, uri, pos)) answered++;
    references(snap, uri, pos, true);
    prepareRename(snap, uri, pos);
    codeActions(snap, uri, { start: pos, end: pos }, [], "en");
  }
  return answered;
}

describe("robustness", () => {
  it("answers everywhere in the seed rubrics", () => {
    const snap = Snapshot.of(seeds);
    expect(snap.program.diagnostics).toEqual([]);
    for (const uri of Object.keys(seeds)) expect(everything(snap, uri, 13)).toBeGreaterThan(0);
  });

  it("answers in expressions thousands deep", () => {
    const sum = Array.from({ length: 3000 }, (_, i) => (i % 2 ? "a" : "1")).join(" + ");
    const uri = "file:///deep.rubric";
    const text = `rubric R {\n  input a: number\n  group g 1 { indicator i 1 {\n    score = ${sum}\n    part p 0 = ${"(".repeat(90)}a${")".repeat(90)}\n  } }\n}\n`;
    const snap = Snapshot.of({ [uri]: text });
    expect(everything(snap, uri, 501)).toBeGreaterThan(0);
  });

  it("answers in every prefix of a rubric being typed", () => {
    const uri = "file:///rubrics/yantian-qwb-2023.rubric";
    const text = seeds[uri] ?? "";
    for (let cut = 0; cut < text.length; cut += Math.ceil(text.length / 40)) {
      const snap = Snapshot.of({ ...seeds, [uri]: text.slice(0, cut) });
      expect(() => everything(snap, uri, 97)).not.toThrow();
    }
  });
});

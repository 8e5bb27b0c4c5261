/**
 * The server's incremental analysis (edits replayed on the previous parse,
 * unchanged families of documents not analysed again, tokens kept from the
 * parse) equals a full analysis of the same texts from scratch, after each of
 * 1,000+ random edit sequences: single-character inserts and deletes inside
 * the rule expressions of bundled rubrics, alone and with `extends` across
 * files.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyzeProgram } from "../../src/compiler/program.js";
import type { Diagnostic } from "../../src/compiler/diagnostics/diagnostic.js";
import { tokenize } from "../../src/compiler/syntax/tokens.js";
import { Workspace } from "../../src/lsp/workspace.js";
import { ROOT } from "./lsp-client.js";
import { applyEdit, contentChange, randomEdit, rng, ruleExpressionSpans, type Edit } from "./random-edits.js";

const bundled = (name: string): string => readFileSync(`${ROOT}rubrics/${name}.rubric`, "utf8");

const show = (d: Diagnostic): string =>
  `${d.file}:${d.span.start}-${d.span.end} ${d.code} ${d.message.en}` +
  d.related.map((r) => ` [${r.file}:${r.span.start}-${r.span.end} ${r.message.en}]`).join("");

/** Diagnostics of a full analysis of `texts` from scratch, in the server's document order. */
function fromScratch(texts: ReadonlyMap<string, string>): string[] {
  const docs = [...texts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([file, text]) => ({ file, text }));
  return analyzeProgram(docs).diagnostics.map(show);
}

const tokensOf = (ts: readonly { startOffset: number; endOffset?: number; tokenType: { name: string } }[]) =>
  ts.map((t) => `${t.startOffset}-${t.endOffset ?? ""}:${t.tokenType.name}`);

/**
 * Runs `sequences` random edit sequences (1–3 edits each, some of them undoing the edit before) over documents opened in one workspace, checking
 * after each that the workspace's analysis equals a full one. Every `resetEvery` sequences the texts go back
 * to the originals, so that the edits stay inside rule expressions rather than drifting into rubble.
 */
function run(
  seed: number,
  originals: Record<string, string>,
  sequences: number,
  { resetEvery = 20, inserts }: { resetEvery?: number; inserts?: string } = {},
): { ws: Workspace; brokenLocal: number } {
  const random = rng(seed);
  let brokenLocal = 0;
  const ws = new Workspace();
  const uris = Object.keys(originals);
  const spans = new Map(uris.map((u) => [u, ruleExpressionSpans(originals[u] as string)]));
  const texts = new Map<string, string>();
  const versions = new Map<string, number>();
  const reset = (): void => {
    for (const u of uris) {
      const v = (versions.get(u) ?? 0) + 1;
      versions.set(u, v);
      texts.set(u, originals[u] as string);
      if (v === 1) ws.openDocument(u, originals[u] as string, v);
      else ws.changeDocument(u, [{ text: originals[u] as string }], v);
    }
  };
  reset();
  ws.snapshot();
  let last: { uri: string; undo: Edit } | undefined;
  for (let s = 0; s < sequences; s++) {
    if (s > 0 && s % resetEvery === 0) {
      reset();
      last = undefined;
    }
    const steps: string[] = [];
    const local = ws.parses.local;
    const n = 1 + Math.floor(random() * 3);
    for (let k = 0; k < n; k++) {
      // Often the user takes the last keystroke back: the text is whole again, and the next edit is on a clean parse.
      const back = last && random() < 0.4 ? last : undefined;
      const u = back?.uri ?? (uris[Math.floor(random() * uris.length)] as string);
      const text = texts.get(u) as string;
      const e: Edit = back?.undo ?? randomEdit(random, text, spans.get(u) ?? [], inserts);
      last = back
        ? undefined
        : { uri: u, undo: { start: e.start, end: e.start + e.text.length, text: text.slice(e.start, e.end) } };
      const v = (versions.get(u) as number) + 1;
      versions.set(u, v);
      ws.changeDocument(u, [contentChange(text, e)], v);
      texts.set(u, applyEdit(text, e));
      steps.push(`${u} ${JSON.stringify(e)}`);
    }
    const snap = ws.snapshot();
    if (ws.parses.local > local && snap.program.diagnostics.some((d) => SYNTAX.has(d.code))) brokenLocal++;
    const where = `seed ${seed}, sequence ${s}: ${steps.join("; ")}`;
    for (const u of uris) expect(snap.document(u)?.text, where).toBe(texts.get(u));
    expect(snap.program.diagnostics.map(show), where).toEqual(fromScratch(texts));
    for (const u of uris)
      expect(tokensOf(snap.lex(u).tokens), where).toEqual(tokensOf(tokenize(texts.get(u) as string).tokens));
  }
  return { ws, brokenLocal };
}

const SYNTAX = new Set(["syntax-error", "unexpected-character"]);

describe("incremental analysis equals a full analysis", () => {
  it("after 850 random edit sequences inside the rule expressions of single bundled rubrics", () => {
    const a = run(1, { "file:///eq/form.rubric": bundled("national-project-form") }, 425);
    const b = run(2, { "file:///eq/guangzhou.rubric": bundled("guangzhou-common-2023") }, 425);
    // Most of these edits break the syntax, and the broken declaration is re-parsed alone rather than the file.
    expect(a.brokenLocal + b.brokenLocal).toBeGreaterThan(400);
    expect(a.ws.parses.local).toBeGreaterThan(a.ws.parses.whole);
    expect(b.ws.parses.local).toBeGreaterThan(b.ws.parses.whole);
  }, 60_000);

  it("after 150 random edit sequences across a base, a rubric extending it and an unrelated rubric", () => {
    run(
      3,
      {
        "file:///eq/form.rubric": bundled("national-project-form"),
        "file:///eq/project.rubric": bundled("data-platform-project-2024"),
        "file:///eq/guangzhou.rubric": bundled("guangzhou-common-2023"),
      },
      150,
    );
  }, 60_000);

  it("after 150 sequences of edits that keep the syntax whole (re-parsing only the edited declaration)", () => {
    // Spaces and digits: the previous parse is clean, so each edit is spliced into it rather than parsed anew.
    run(4, { "file:///eq/guangzhou.rubric": bundled("guangzhou-common-2023") }, 150, {
      resetEvery: 50,
      inserts: " 0123456789",
    });
  }, 60_000);

  it("analyses again only the family of the edited document", () => {
    const ws = new Workspace();
    const form = bundled("national-project-form");
    const guangzhou = bundled("guangzhou-common-2023");
    ws.openDocument("file:///f/form.rubric", form, 1);
    ws.openDocument("file:///f/project.rubric", bundled("data-platform-project-2024"), 1);
    ws.openDocument("file:///f/guangzhou.rubric", guangzhou, 1);
    const before = ws.snapshot();
    const analysed = ws.familyAnalyses;
    const projectRubrics = before.program.rubrics.filter((r) => !r.model.decl.name.text.startsWith("广州"));
    // A space inside a rule of the unrelated rubric: only its family is analysed again.
    const at = ruleExpressionSpans(guangzhou)[0]?.start ?? 0;
    ws.changeDocument("file:///f/guangzhou.rubric", [contentChange(guangzhou, { start: at, end: at, text: " " })], 2);
    const after = ws.snapshot();
    expect(ws.familyAnalyses - analysed).toBe(1);
    for (const r of projectRubrics) expect(after.program.rubrics).toContain(r);
    expect(after.program.rubrics.length).toBe(before.program.rubrics.length);
    // An edit to the base analyses its family — the base and the rubric extending it — and nothing else.
    const formAt = ruleExpressionSpans(form)[0]?.start ?? 0;
    ws.changeDocument("file:///f/form.rubric", [contentChange(form, { start: formAt, end: formAt, text: " " })], 2);
    const third = ws.snapshot();
    expect(ws.familyAnalyses - analysed).toBe(2);
    for (const r of after.program.rubrics.filter((x) => x.model.decl.name.text.startsWith("广州")))
      expect(third.program.rubrics).toContain(r);
    for (const r of projectRubrics) expect(third.program.rubrics).not.toContain(r);
  });
});

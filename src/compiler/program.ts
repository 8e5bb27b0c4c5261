/**
 * The front end over a set of documents: parse each, build every rubric
 * (bases first, cycles reported), analyse and check it, and prepare every
 * example. The CLI, the tests and the language server all start here.
 */
import type * as A from "./syntax/ast.js";
import { MAX_NESTING, parseText, type ParseResult } from "./syntax/parse.js";
import { prepareIncremental, reparseIncrementally, type TextEdit } from "./syntax/incremental.js";
import { diagnostic, sortDiagnostics, type Diagnostic } from "./diagnostics/diagnostic.js";
import { dropFollowOns } from "./syntax/follow-ons.js";
import { buildRubric } from "./model/build.js";
import { rubricKey, type Origin } from "./model/types.js";
import { analyzeRubric } from "./analysis/analyze-rubric.js";
import type { CheckContext } from "./checks/context.js";
import { checkWeights } from "./checks/weights.js";
import { checkPartRanges } from "./checks/part-range.js";
import { checkDivisions } from "./checks/division-by-zero.js";
import { checkNameClashes } from "./checks/name-clash.js";
import { checkBands } from "./checks/bands.js";
import { checkAdjustments } from "./checks/adjustments.js";
import { checkGradeCaps } from "./checks/grade-caps.js";
import { checkRecordFields } from "./checks/record-fields.js";
import { checkRedistribution } from "./checks/redistribution.js";
import { checkGrades } from "./checks/grades.js";
import { checkNames } from "./checks/names.js";
import { checkRules } from "./checks/rules.js";
import { checkUnusedInputs } from "./checks/unused-inputs.js";
import { checkInputBounds } from "./checks/input-bounds.js";
import { prepareExample, type PreparedExample } from "./examples/prepare.js";
import { suggest } from "./util/suggest.js";
import { LineIndex } from "./util/line-index.js";
import type { CheckedRubric } from "./checked-rubric.js";

export type { TextEdit };

export interface SourceDocument {
  readonly file: string;
  readonly text: string;
}

export interface ParsedDocument extends ParseResult {
  readonly file: string;
  readonly text: string;
  readonly lines: LineIndex;
}

export type { CheckedRubric };

export interface Program {
  readonly documents: ReadonlyMap<string, ParsedDocument>;
  readonly rubrics: readonly CheckedRubric[];
  readonly examples: readonly PreparedExample[];
  readonly diagnostics: readonly Diagnostic[];
}

/** The checks, one per file, run in this order on every rubric. */
export const CHECKS: readonly ((c: CheckContext) => Diagnostic[])[] = [
  checkNames,
  checkWeights,
  checkGrades,
  checkGradeCaps,
  checkAdjustments,
  checkPartRanges,
  checkDivisions,
  checkBands,
  checkRules,
  checkUnusedInputs,
  checkInputBounds,
  checkNameClashes,
  checkRecordFields,
  checkRedistribution,
];

interface RubricEntry {
  readonly decl: A.RubricDecl;
  readonly file: string;
}

export function parseDocument(doc: SourceDocument): ParsedDocument {
  return { ...parseText(doc.file, doc.text), file: doc.file, text: doc.text, lines: new LineIndex(doc.text) };
}

/**
 * The document after `edits` (applied in order, each in the coordinates of
 * the text before it). Re-parses only the edited declaration when it can;
 * consumes `prev`.
 */
export { prepareIncremental };

export function updateDocument(prev: ParsedDocument, edits: readonly TextEdit[]): ParsedDocument {
  let doc = prev;
  for (let i = 0; i < edits.length; i++) {
    const e = edits[i] as TextEdit;
    const text = doc.text.slice(0, e.start) + e.text + doc.text.slice(e.end);
    const inc = reparseIncrementally(doc, doc.text, e, text, doc.file);
    if (inc) {
      // The line index is built once, for the last text: a burst of 50 keystrokes is replayed in one go.
      doc = { ...inc, file: doc.file, text, lines: i === edits.length - 1 ? new LineIndex(text) : doc.lines };
      continue;
    }
    // Once a step needs a whole parse, one parse of the final text does for all the edits left (not one per edit).
    let rest = text;
    for (const r of edits.slice(i + 1)) rest = rest.slice(0, r.start) + r.text + rest.slice(r.end);
    return parseDocument({ file: doc.file, text: rest });
  }
  return doc;
}

export function analyzeProgram(docs: readonly SourceDocument[], parsed?: ReadonlyMap<string, ParsedDocument>): Program {
  const documents = new Map<string, ParsedDocument>();
  const diagnostics: Diagnostic[] = [];
  for (const d of docs) {
    const p = parsed?.get(d.file) ?? parseDocument(d);
    documents.set(d.file, p);
    diagnostics.push(...p.diagnostics);
  }

  const entries: RubricEntry[] = [];
  for (const p of documents.values()) {
    for (const item of p.ast.items)
      if (item.kind === "Rubric" && item.name.text !== "") entries.push({ decl: item, file: p.file });
  }
  const byKey = new Map<string, RubricEntry>();
  for (const e of entries) {
    const key = rubricKey(e.decl.name.text, e.decl.year ? Number(e.decl.year.digits) : undefined);
    const prev = byKey.get(key);
    if (prev) {
      diagnostics.push(
        diagnostic("duplicate-rubric", { file: e.file, span: e.decl.name.span }, { name: key }, [
          { file: prev.file, span: prev.decl.name.span, message: { zh: "首次定义于此", en: "first defined here" } },
        ]),
      );
      continue;
    }
    byKey.set(key, e);
  }

  const find = (ref: A.RubricRef, from: Origin): RubricEntry | undefined => {
    const year = ref.year ? Number(ref.year.digits) : undefined;
    const exact = byKey.get(rubricKey(ref.name.text, year));
    if (exact) return exact;
    if (year === undefined) {
      const same = [...byKey.values()].filter((e) => e.decl.name.text === ref.name.text);
      if (same.length === 1) return same[0];
    }
    const s = suggest(rubricKey(ref.name.text, year), byKey.keys());
    diagnostics.push(
      diagnostic(
        "unknown-rubric",
        { file: from.file, span: ref.span },
        { name: rubricKey(ref.name.text, year), ...(s ? { suggestion: s } : {}) },
      ),
    );
    return undefined;
  };

  const built = new Map<RubricEntry, CheckedRubric | null>();
  const building: RubricEntry[] = [];
  const build = (e: RubricEntry): CheckedRubric | undefined => {
    const done = built.get(e);
    if (done !== undefined) return done ?? undefined;
    if (building.includes(e)) {
      const chain = [...building.slice(building.indexOf(e)), e].map((x) => x.decl.name.text).join(" → ");
      diagnostics.push(
        diagnostic("extends-cycle", { file: e.file, span: e.decl.base?.span ?? e.decl.name.span }, { chain }),
      );
      return undefined;
    }
    building.push(e);
    let base: CheckedRubric | undefined;
    if (e.decl.base) {
      const b = find(e.decl.base, { file: e.file, span: e.decl.base.span });
      if (b) base = build(b);
    }
    building.pop();
    if (built.has(e)) return built.get(e) ?? undefined;
    const ds: Diagnostic[] = [];
    try {
      const { model, reweighted } = buildRubric(e.decl, e.file, base?.model, ds);
      const analysis = analyzeRubric(model);
      ds.push(...analysis.diagnostics);
      const checked: CheckedRubric = { model, analysis, reweighted };
      for (const check of CHECKS) ds.push(...check(checked));
      diagnostics.push(...ds);
      built.set(e, checked);
      return checked;
    } catch (err) {
      // An expression nested past the stack (e.g. 50,000 terms in one sum) is refused, not crashed on.
      if (!(err instanceof RangeError)) throw err;
      diagnostics.push(diagnostic("too-deep", { file: e.file, span: e.decl.name.span }, { limit: MAX_NESTING }));
      built.set(e, null);
      return undefined;
    }
  };
  for (const e of byKey.values()) build(e);
  // Rubrics in a cycle were never built: mark them so nothing else refers to them.
  const rubrics = [...built.values()].filter((r): r is CheckedRubric => r !== null && r !== undefined);

  const examples: PreparedExample[] = [];
  const rubricOf = (e: RubricEntry | undefined): CheckedRubric | undefined =>
    e ? (built.get(e) ?? undefined) : undefined;
  for (const p of documents.values()) {
    for (const item of p.ast.items) {
      if (item.kind === "Example") {
        const target = item.target ? rubricOf(find(item.target, { file: p.file, span: item.target.span })) : undefined;
        if (!item.target)
          diagnostics.push(diagnostic("example-no-rubric", { file: p.file, span: item.title.span }, {}));
        const prepared = prepareExample(item, p.file, target);
        examples.push(prepared);
        diagnostics.push(...prepared.diagnostics);
      } else {
        const owner = rubricOf(byKey.get(rubricKey(item.name.text, item.year ? Number(item.year.digits) : undefined)));
        for (const sub of item.items) {
          if (sub.kind !== "Example") continue;
          const target = sub.target ? rubricOf(find(sub.target, { file: p.file, span: sub.target.span })) : owner;
          const prepared = prepareExample(sub, p.file, target);
          examples.push(prepared);
          diagnostics.push(...prepared.diagnostics);
        }
      }
    }
  }
  return {
    documents,
    rubrics,
    examples,
    diagnostics: sortDiagnostics(dedupe(withoutFollowOns(documents, diagnostics))),
  };
}

function withoutFollowOns(documents: ReadonlyMap<string, ParsedDocument>, all: readonly Diagnostic[]): Diagnostic[] {
  const fromParser = new Set([...documents.values()].flatMap((p) => p.diagnostics));
  let semantic = all.filter((d) => !fromParser.has(d));
  for (const p of documents.values()) semantic = dropFollowOns(p.file, p.ast, p.diagnostics, semantic);
  return [...all.filter((d) => fromParser.has(d)), ...semantic];
}

function dedupe(ds: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const k = `${d.file}:${d.span.start}:${d.span.end}:${d.code}:${d.message.en}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * Incremental re-parsing: after an edit, re-parse only the innermost
 * indicator, group or example that contains it, splice the new subtree into
 * the previous tree and shift the spans that follow. Unchanged declarations
 * keep their identity, so analysis caches keyed by declaration stay valid.
 * Falls back to a full parse whenever the local parse is not clean.
 */
import type { IToken } from "chevrotain";
import type * as A from "./ast.js";
import { example as exampleToAst, group as groupToAst, indicator as indicatorToAst } from "./cst-to-ast.js";
import { parserInstance } from "./parser.js";
import { tokenize } from "./tokens.js";
import { keywordNamesDeclared } from "./keyword-names.js";
import type { ParseResult } from "./parse.js";

export interface TextEdit {
  /** Replaced range in the previous text (offsets). */
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

type Block = A.IndicatorDecl | A.GroupDecl | A.ExampleDecl;
interface Slot {
  readonly node: Block;
  readonly container: Block[] | A.RubricItem[] | (A.RubricDecl | A.ExampleDecl)[] | (A.GroupDecl | A.IndicatorDecl)[];
  readonly index: number;
}

/** The innermost block strictly containing [start, end]. */
function innermost(ast: A.FileNode, start: number, end: number): Slot | undefined {
  let best: Slot | undefined;
  const inside = (s: A.Span): boolean => s.start < start && end < s.end - 1;
  const visit = (container: Slot["container"], items: readonly unknown[]): void => {
    items.forEach((it, index) => {
      const n = it as { kind: string; span: A.Span };
      if (!inside(n.span)) return;
      if (n.kind === "Indicator" || n.kind === "Group" || n.kind === "Example")
        best = { node: n as Block, container, index };
      if (n.kind === "Rubric") visit((n as A.RubricDecl).items as A.RubricItem[], (n as A.RubricDecl).items);
      if (n.kind === "Group")
        visit((n as A.GroupDecl).children as (A.GroupDecl | A.IndicatorDecl)[], (n as A.GroupDecl).children);
    });
  };
  visit(ast.items as (A.RubricDecl | A.ExampleDecl)[], ast.items);
  return best;
}

/** Shifts, in place, every span at or after `at` by `delta` (ends inside enclosing nodes too). */
export function shiftSpans(root: unknown, at: number, delta: number, skip: unknown): void {
  if (delta === 0) return;
  const seen = new Set<object>();
  const walk = (x: unknown): void => {
    if (x === null || typeof x !== "object" || x === skip || seen.has(x)) return;
    seen.add(x);
    if (Array.isArray(x)) {
      for (const y of x) walk(y);
      return;
    }
    const o = x as Record<string, unknown>;
    if (typeof o["start"] === "number" && typeof o["end"] === "number" && Object.keys(o).length === 2) {
      const s = o as { start: number; end: number };
      if (s.start >= at) s.start += delta;
      if (s.end >= at) s.end += delta;
      return;
    }
    for (const k in o) walk(o[k]);
  };
  walk(root);
}

/**
 * The new parse after `edit`, or undefined when only a full parse will do.
 * Consumes `prev`: its tree is updated in place and must not be used again.
 */
export function reparseIncrementally(
  prev: ParseResult,
  prevText: string,
  edit: TextEdit,
  text: string,
): ParseResult | undefined {
  if (prev.diagnostics.length > 0) return undefined;
  const slot = innermost(prev.ast, edit.start, edit.end);
  if (!slot) return undefined;
  const delta = edit.text.length - (edit.end - edit.start);
  const start = slot.node.span.start;
  const end = slot.node.span.end + delta;
  const lexed = tokenize(text.slice(start, end));
  if (lexed.errors.length > 0) return undefined;
  for (const t of lexed.tokens) {
    t.startOffset += start;
    t.endOffset = (t.endOffset ?? t.startOffset) + start;
  }
  const comments = (lexed.groups["comments"] ?? []).map((t: IToken) => ({
    ...t,
    startOffset: t.startOffset + start,
    endOffset: (t.endOffset ?? t.startOffset) + start,
  }));
  const keywordNames = new Set([...(prev.keywordNames ?? []), ...keywordNamesDeclared(lexed.tokens)]);
  parserInstance.keywordNames = keywordNames;
  parserInstance.setInput(lexed.tokens);
  const kind = slot.node.kind;
  let cst;
  try {
    cst =
      kind === "Indicator"
        ? parserInstance.indicator()
        : kind === "Group"
          ? parserInstance.group()
          : parserInstance.example();
  } catch {
    // A declaration broken in its head cannot be spliced: the full parse will report it.
    return undefined;
  }
  const last = lexed.tokens[lexed.tokens.length - 1];
  if (parserInstance.errors.length > 0 || !last || cst.location?.endOffset !== last.endOffset) return undefined;
  const node = kind === "Indicator" ? indicatorToAst(cst) : kind === "Group" ? groupToAst(cst) : exampleToAst(cst);
  if (node.span.start !== start || node.span.end !== end) return undefined;
  // Splice: shift everything after the edit (except the new node, already in new coordinates), then replace.
  shiftSpans(prev.ast, edit.end, delta, slot.node);
  (slot.container as unknown[])[slot.index] = node;
  const keptComments = prev.comments
    .filter((c) => c.startOffset < slot.node.span.start || c.startOffset >= slot.node.span.end)
    .map((c) =>
      c.startOffset >= edit.end
        ? { ...c, startOffset: c.startOffset + delta, endOffset: (c.endOffset ?? c.startOffset) + delta }
        : c,
    );
  void prevText;
  return {
    ast: prev.ast,
    diagnostics: [],
    comments: [...keptComments, ...comments].sort((a, b) => a.startOffset - b.startOffset),
    tokens: spliceTokens(prev.tokens, slot.node.span, delta, lexed.tokens),
    keywordNames,
  };
}

/**
 * The previous tokens with those of the re-parsed block (`old`, in the previous text's offsets) replaced by
 * `fresh` (already in the new offsets) and those after the edit moved by `delta`, in place: the previous
 * parse is consumed.
 */
function spliceTokens(prev: readonly IToken[], old: A.Span, delta: number, fresh: readonly IToken[]): IToken[] {
  const first = (offset: number): number => {
    let lo = 0;
    let hi = prev.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((prev[mid] as IToken).startOffset < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const from = first(old.start);
  const to = first(old.end);
  const after = prev.slice(to);
  // Everything after the block is after the edit, which lies inside the block.
  for (const t of after) {
    t.endOffset = (t.endOffset ?? t.startOffset) + delta;
    t.startOffset += delta;
  }
  return [...prev.slice(0, from), ...fresh, ...after];
}

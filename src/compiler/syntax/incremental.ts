/**
 * Incremental re-parsing: after an edit, re-parse only the innermost
 * indicator, group or example that contains it — whether or not it parses
 * cleanly — splice the new subtree, its tokens and its syntax diagnostics
 * into the previous parse and shift what follows. Unchanged declarations keep
 * their identity, so analysis caches keyed by declaration stay valid.
 *
 * The result must be what a full parse of the new text gives. A full parse
 * reaches the declaration in the same state as before (the text before it is
 * unchanged), so it is enough that the declaration parses the same alone as in
 * place, and leaves the parser in the same state after it. The declaration is
 * therefore parsed inside a synthetic frame of the same nesting (the same rule
 * stack, so recovery resynchronises on the same tokens), followed by the real
 * tokens after it (what lookahead and recovery may peek at), and accepted only
 * when its `{ … }` is closed by its own last `}` before and after the edit, with
 * no block in it left unclosed (so brace depths after it are unchanged), and its
 * text lexes the same alone as in the file. Otherwise the caller parses fully.
 */
import type { CstNode, IToken } from "chevrotain";
import type * as A from "./ast.js";
import { example as exampleToAst, group as groupToAst, indicator as indicatorToAst } from "./cst-to-ast.js";
import { parserInstance } from "./parser.js";
import { LBrace, RBrace, tokenize } from "./tokens.js";
import { keywordNamesDeclared, unusableKeywordNames } from "./keyword-names.js";
import { MAX_NESTING, MAX_SYNTAX_ERRORS, parserErrorDiagnostics, type ParseResult } from "./parse.js";
import { mergeDigitNames } from "./recovery.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";

export interface TextEdit {
  /** Replaced range in the previous text (offsets). */
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

type Block = A.IndicatorDecl | A.GroupDecl | A.ExampleDecl;
type Container = unknown[];
interface Level {
  readonly node: Block | A.RubricDecl;
  readonly container: Container;
  readonly index: number;
}
interface Slot {
  readonly node: Block;
  readonly container: Container;
  readonly index: number;
  /** The enclosing rubric and groups, outermost first. */
  readonly outer: readonly Level[];
}

/** The innermost block strictly containing [start, end], and the declarations around it. */
function innermost(ast: A.FileNode, start: number, end: number): Slot | undefined {
  let best: Slot | undefined;
  const path: Level[] = [];
  const inside = (s: A.Span): boolean => s.start < start && end < s.end - 1;
  const visit = (container: Container): void => {
    container.forEach((it, index) => {
      const n = it as Block | A.RubricDecl;
      if (!inside(n.span)) return;
      if (n.kind === "Indicator" || n.kind === "Group" || n.kind === "Example")
        best = { node: n, container, index, outer: [...path] };
      path.push({ node: n, container, index });
      if (n.kind === "Rubric") visit(n.items as Container);
      if (n.kind === "Group") visit(n.children as Container);
      path.pop();
    });
  };
  visit(ast.items as Container);
  return best;
}

/** Whether `o` is a span: an object of exactly two fields, `start` and `end`, both numbers. */
function isSpan(o: Record<string, unknown>): o is { start: number; end: number } {
  if (typeof o["start"] !== "number" || typeof o["end"] !== "number") return false;
  let n = 0;
  for (const _ in o) if (++n > 2) return false;
  return true;
}

/**
 * Every span object of a tree, once each, sorted by start: shifting what follows an edit is then a loop over
 * numbers, not a walk of the tree (166,000 objects on a 2,000-indicator file). Kept per tree, which splices
 * update in place, so a file parsed whole is walked once and its edits after that only touch their declaration.
 */
const spanTables = new WeakMap<A.FileNode, A.Span[]>();

function spansOf(root: unknown): A.Span[] | undefined {
  const out: A.Span[] = [];
  const seen = new Set<unknown>();
  const walk = (x: unknown): void => {
    if (x === null || typeof x !== "object" || seen.has(x)) return;
    seen.add(x);
    if (Array.isArray(x)) {
      for (const y of x) walk(y);
      return;
    }
    const o = x as Record<string, unknown>;
    if (isSpan(o)) out.push(o);
    else for (const k in o) walk(o[k]);
  };
  walk(root);
  // A span without a place (a node recovery made up) cannot be ordered: such a tree is parsed whole.
  if (out.some((x) => !Number.isFinite(x.start) || !Number.isFinite(x.end))) return undefined;
  return out.sort((a, b) => a.start - b.start);
}

/** Indexes a parse for incremental re-parsing now, rather than on its first edit (a document being edited). */
export function prepareIncremental(parse: ParseResult): void {
  if (spanTables.has(parse.ast)) return;
  const table = spansOf(parse.ast);
  if (table) spanTables.set(parse.ast, table);
}

/**
 * Shifts, in place, every span at or after the edit (ending at `at` or later) by `delta`, then replaces the
 * spans of the old block (`old`, mostly starting in `[oldStart, oldEnd)`) by those of the new one (`fresh`,
 * in new coordinates, mostly in `[start, end)`). Recovery gives some made-up nodes a span elsewhere
 * (`{start: 0, end: 0}`): those are moved one by one.
 */
function updateTable(
  table: A.Span[],
  block: { oldStart: number; oldEnd: number; start: number; end: number },
  at: number,
  delta: number,
  old: readonly A.Span[],
  fresh: readonly A.Span[],
): void {
  const byStart = (x: A.Span): number => x.start;
  const i0 = firstAt(table, block.oldStart, byStart);
  const i1 = firstAt(table, block.oldEnd, byStart);
  for (let i = 0; i < i0; i++) {
    const x = table[i] as { start: number; end: number };
    if (x.end >= at) x.end += delta;
  }
  for (let i = i1; i < table.length; i++) {
    const x = table[i] as { start: number; end: number };
    x.start += delta;
    x.end += delta;
  }
  const gone = new Set(old);
  const inside = (x: A.Span): boolean => x.start >= block.start && x.start < block.end;
  const kept = table.slice(i0, i1).filter((x) => !gone.has(x));
  table.splice(i0, i1 - i0, ...kept, ...fresh.filter(inside));
  for (const x of old) {
    if (x.start >= block.oldStart && x.start < block.oldEnd) continue;
    for (let i = firstAt(table, x.start, byStart); i < table.length && (table[i] as A.Span).start === x.start; i++)
      if (table[i] === x) {
        table.splice(i, 1);
        break;
      }
  }
  for (const x of fresh) if (!inside(x)) table.splice(firstAt(table, x.start, byStart), 0, x);
}

const isBrace = (t: IToken): boolean => t.tokenType === LBrace || t.tokenType === RBrace;

/**
 * Whether `tokens[from, to)` is a declaration whose first brace opens a block closed by its last token, with
 * every brace inside paired: then brace depths after it are what they were before it.
 */
function closedBlock(tokens: readonly IToken[], from: number, to: number): boolean {
  let depth = 0;
  let opened = false;
  for (let i = from; i < to; i++) {
    const t = tokens[i] as IToken;
    if (!isBrace(t)) continue;
    if (t.tokenType === LBrace) {
      depth++;
      opened = true;
    } else if (--depth < 0) return false;
    if (opened && depth === 0) return i === to - 1;
  }
  return false;
}

/** Index of the first of `xs` (sorted by `at`) at or after `offset`. */
function firstAt<T>(xs: readonly T[], offset: number, at: (x: T) => number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (at(xs[mid] as T) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const tokenStart = (t: IToken): number => t.startOffset;

const newlines = (s: string): number => {
  let n = 0;
  for (let i = s.indexOf("\n"); i >= 0; i = s.indexOf("\n", i + 1)) n++;
  return n;
};

const sameSet = (a: ReadonlySet<string>, b: ReadonlySet<string>): boolean =>
  a.size === b.size && [...a].every((x) => b.has(x));

/** Tokens after the declaration that lookahead (4) and single-token recovery may read, with room to spare. */
const PEEK = 8;

/** The opening of the synthetic frame: the declaration's rubric and groups, each token on a line of its own. */
function frame(outer: readonly Level[]): IToken[] {
  const text = outer.map((l) => (l.node.kind === "Rubric" ? "rubric R {\n" : "group G 1 {\n")).join("");
  return tokenize(text).tokens.map((t, i) => {
    const at = -1_000_000 + i;
    return { ...t, startOffset: at, endOffset: at, startLine: at, endLine: at };
  });
}

/** The CST node of rule `name` starting at `offset`, searched from `n` down. */
function findNode(n: CstNode, name: string, offset: number): CstNode | undefined {
  if (n.name === name && n.location?.startOffset === offset) return n;
  for (const list of Object.values(n.children))
    for (const x of list) {
      if (!("children" in x)) continue;
      const loc = x.location;
      if (loc && !Number.isNaN(loc.startOffset) && (loc.startOffset > offset || (loc.endOffset ?? 0) < offset))
        continue;
      const found = findNode(x, name, offset);
      if (found) return found;
    }
  return undefined;
}

const RULE: Record<Block["kind"], string> = { Indicator: "indicator", Group: "group", Example: "example" };

/** Parse diagnostics a re-parse cannot reproduce locally: the file must be parsed whole. */
const WHOLE_FILE = new Set(["too-deep", "too-many-errors", "binary-file", "empty-file", "invalid-utf8"]);

/**
 * The new parse after `edit`, or undefined when only a full parse will do.
 * Consumes `prev`: its tree is updated in place and must not be used again.
 */
export function reparseIncrementally(
  prev: ParseResult,
  prevText: string,
  edit: TextEdit,
  text: string,
  file = "",
): ParseResult | undefined {
  const recovery = prev.recovery;
  if (!recovery || prev.diagnostics.some((d) => WHOLE_FILE.has(d.code))) return undefined;
  if (/[\u0000-\u0008\u000e-\u001f]/.test(edit.text)) return undefined;
  const slot = innermost(prev.ast, edit.start, edit.end);
  if (!slot) return undefined;
  const delta = edit.text.length - (edit.end - edit.start);
  const oldStart = slot.node.span.start;
  const oldEnd = slot.node.span.end;
  const start = oldStart;
  const end = oldEnd + delta;

  // ---- the declaration before the edit: a closed block, the edit inside its braces ----
  const from = firstAt(prev.tokens, oldStart, tokenStart);
  const to = firstAt(prev.tokens, oldEnd, tokenStart);
  if (!closedBlock(prev.tokens, from, to)) return undefined;
  const open = prev.tokens.slice(from, to).find((t) => t.tokenType === LBrace) as IToken;
  if (edit.start <= (open.endOffset ?? open.startOffset)) return undefined;
  const nextOld = prev.tokens[to]?.startOffset ?? prevText.length;
  if (recovery.unclosed.some((u) => u >= oldStart && u <= nextOld)) return undefined;

  // ---- its new text, lexed alone: the same tokens as in the file ----
  const slice = text.slice(start, end);
  const lexed = tokenize(slice);
  // A quote or `/*` left open alone might run past the declaration in the file.
  if (lexed.errors.some((e) => /["“”]/.test(slice.slice(e.offset, e.offset + e.length)))) return undefined;
  const comments = lexed.groups["comments"] ?? [];
  const covered = (i: number): boolean =>
    [...comments, ...lexed.tokens].some((t) => t.startOffset <= i && i < (t.endOffset ?? t.startOffset));
  for (let i = slice.indexOf("/*"); i >= 0; i = slice.indexOf("/*", i + 1)) if (!covered(i)) return undefined;
  const lineShift = (prev.tokens[from]?.startLine ?? 1) - 1;
  for (const t of [...lexed.tokens, ...comments]) {
    t.startOffset += start;
    t.endOffset = (t.endOffset ?? t.startOffset) + start;
    t.startLine = (t.startLine ?? 1) + lineShift;
    t.endLine = (t.endLine ?? 1) + lineShift;
  }
  const fresh = lexed.tokens;
  const last = fresh[fresh.length - 1];
  if (!last || last.tokenType !== RBrace || (last.endOffset ?? 0) !== end - 1) return undefined;
  if (!closedBlock(fresh, 0, fresh.length)) return undefined;
  const oldTokens = prev.tokens.slice(from, to);
  const keywordNames = prev.keywordNames ?? new Set<string>();
  if (!sameSet(keywordNamesDeclared(oldTokens), keywordNamesDeclared(fresh))) return undefined;

  // ---- nesting: refused past the limit, as a full parse would (depth counted from the start of the file) ----
  let depth = 0;
  for (let i = 0; i < from; i++) {
    const name = (prev.tokens[i] as IToken).tokenType.name;
    if (name === "LParen" || name === "LBrace" || name === "LBracket") depth++;
    else if (name === "RParen" || name === "RBrace" || name === "RBracket") depth = Math.max(0, depth - 1);
  }
  let prefixRun = 0;
  for (const t of fresh) {
    const name = t.tokenType.name;
    if (name === "LParen" || name === "LBrace" || name === "LBracket") depth++;
    else if (name === "RParen" || name === "RBrace" || name === "RBracket") depth = Math.max(0, depth - 1);
    prefixRun = name === "Minus" || name === "Not" ? prefixRun + 1 : 0;
    if (depth > MAX_NESTING || prefixRun > MAX_NESTING) return undefined;
  }

  // ---- parse it in a frame of the same nesting, followed by the real tokens after it ----
  const lineDelta = newlines(edit.text) - newlines(prevText.slice(edit.start, edit.end));
  const after = prev.tokens.slice(to, to + PEEK).map((t) => ({
    ...t,
    startOffset: t.startOffset + delta,
    endOffset: (t.endOffset ?? t.startOffset) + delta,
    startLine: (t.startLine ?? 1) + lineDelta,
    endLine: (t.endLine ?? 1) + lineDelta,
  }));
  const merged = mergeDigitNames(file, [...fresh, ...after]);
  const own = merged.tokens.filter((t) => t.startOffset < end);
  parserInstance.keywordNames = keywordNames;
  parserInstance.setInput([...frame(slot.outer), ...merged.tokens]);
  let cst: CstNode | undefined;
  try {
    cst = findNode(parserInstance.file(), RULE[slot.node.kind], start);
  } catch (e) {
    if (e instanceof RangeError) return undefined;
    throw e;
  }
  // It ends at its own last `}`, consumed, not inserted by recovery; nothing inside it was left unclosed.
  const closing = (cst?.children["RBrace"] as IToken[] | undefined)?.at(-1);
  if (!cst || !closing || closing.isInsertedInRecovery || closing.startOffset !== last.startOffset) return undefined;
  if (cst.location?.startOffset !== start || cst.location.endOffset !== end - 1) return undefined;
  if (parserInstance.unclosedOffsets().some((u) => u <= end)) return undefined;
  const errors = parserInstance.errors.filter((e) => e.token.startOffset >= start && e.token.startOffset < end);
  const lexErrors = lexed.errors.map((e) => ({ offset: e.offset + start, length: e.length }));
  const digitDiagnostics = merged.diagnostics.filter((d) => d.span.start < end);

  // ---- errors: bounded as a full parse bounds them ----
  const shift = (x: number): number => (x >= edit.end ? x + delta : x);
  const errorOffsets = [
    ...recovery.errors.filter((x) => !(x >= oldStart && x < oldEnd)).map(shift),
    ...lexErrors.map((e) => e.offset),
    ...digitDiagnostics.map((d) => d.span.start),
    ...errors.map((e) => e.token.startOffset),
  ];
  if (errorOffsets.length >= MAX_SYNTAX_ERRORS) return undefined;

  let node: Block;
  try {
    node =
      slot.node.kind === "Indicator"
        ? indicatorToAst(cst)
        : slot.node.kind === "Group"
          ? groupToAst(cst)
          : exampleToAst(cst);
  } catch (e) {
    if (e instanceof RangeError) return undefined;
    throw e;
  }
  if (node.span.start !== start || node.span.end !== end) return undefined;
  let table = spanTables.get(prev.ast);
  if (!table) {
    table = spansOf(prev.ast);
    if (!table) return undefined;
    spanTables.set(prev.ast, table);
  }
  const freshSpans = spansOf(node);
  const oldSpans = spansOf(slot.node);
  if (!freshSpans || !oldSpans) return undefined;

  const local: Diagnostic[] = [
    ...lexErrors.map((e) => {
      const span = { start: e.offset, end: e.offset + Math.max(1, e.length) };
      return diagnostic(
        "unexpected-character",
        { file, span },
        { text: text.slice(span.start, Math.min(span.end, span.start + 8)) },
      );
    }),
    ...digitDiagnostics,
    ...parserErrorDiagnostics(file, text, errors, MAX_SYNTAX_ERRORS),
    ...unusableKeywordNames(own).map((t) =>
      diagnostic(
        "keyword-name",
        { file, span: { start: t.startOffset, end: (t.endOffset ?? t.startOffset) + 1 } },
        { word: t.image, inRule: true },
      ),
    ),
  ];
  const kept = prev.diagnostics
    .filter((d) => !(d.span.start >= oldStart && d.span.start < oldEnd))
    .map((d) =>
      d.span.start >= edit.end || d.span.end >= edit.end
        ? { ...d, span: { start: shift(d.span.start), end: shift(d.span.end) } }
        : d,
    );

  // ---- splice: shift what follows the edit (the new node is already in new coordinates), then replace ----
  updateTable(table, { oldStart, oldEnd, start, end }, edit.end, delta, oldSpans, freshSpans);
  slot.container[slot.index] = node;
  const keptComments = prev.comments
    .filter((c) => c.startOffset < oldStart || c.startOffset >= oldEnd)
    .map((c) =>
      c.startOffset >= edit.end
        ? {
            ...c,
            startOffset: c.startOffset + delta,
            endOffset: (c.endOffset ?? c.startOffset) + delta,
            startLine: (c.startLine ?? 1) + lineDelta,
            endLine: (c.endLine ?? 1) + lineDelta,
          }
        : c,
    );
  return {
    ast: prev.ast,
    diagnostics: [...kept, ...local],
    comments: [...keptComments, ...comments].sort((a, b) => a.startOffset - b.startOffset),
    tokens: spliceTokens(prev.tokens, from, to, delta, lineDelta, fresh),
    keywordNames,
    recovery: {
      unclosed: recovery.unclosed.map(shift),
      errors: errorOffsets,
    },
  };
}

/**
 * The previous tokens with `prev[from, to)` (the re-parsed block) replaced by `fresh` (already in the new
 * offsets) and those after it moved by `delta` offsets and `lineDelta` lines, in place: the previous parse is
 * consumed.
 */
function spliceTokens(
  prev: readonly IToken[],
  from: number,
  to: number,
  delta: number,
  lineDelta: number,
  fresh: readonly IToken[],
): IToken[] {
  const out = prev.slice(0, from);
  for (const t of fresh) out.push(t);
  // Everything after the block is after the edit, which lies inside the block.
  for (let i = to; i < prev.length; i++) {
    const t = prev[i] as IToken;
    t.endOffset = (t.endOffset ?? t.startOffset) + delta;
    t.startOffset += delta;
    if (lineDelta !== 0) {
      t.startLine = (t.startLine ?? 1) + lineDelta;
      t.endLine = (t.endLine ?? 1) + lineDelta;
    }
    out.push(t);
  }
  return out;
}

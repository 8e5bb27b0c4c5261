/**
 * Statement lists — a file, the body of a rubric, group, indicator or
 * example, a checklist, a `given { … }`, a reweight block — with their
 * comments: comments on their own line stay between the statements they
 * stood between (with at most one blank line kept around them); a comment
 * at the end of a statement's line stays at the end of that line, and such
 * comments on consecutive one-line statements are aligned in a column.
 */
import { builders, printer, utils } from "prettier/doc";
import type { Doc, AstPath, ParserOptions } from "prettier";
import type * as F from "./tree.js";
import { childNodes } from "./comments.js";
import {
  afterOpen,
  beforeOpen,
  comments,
  danglingComments,
  displayWidth,
  isWide,
  verbatim,
  type Print,
} from "./print-util.js";

const { breakParent, group, hardline, ifBreak, indent, line, lineSuffix, softline } = builders;

interface Entry {
  doc: Doc;
  start: number;
  end: number;
  /** A statement (not a comment on its own line). */
  statement: boolean;
  /** A `//` comment at the end of the statement's line. */
  lineComment?: F.CommentNode;
  node?: F.StatementNode;
  /** What goes at the end of the line after `pad` spaces: the statement's `//` comments. */
  suffix?: string;
  pad: number;
}

/** A blank line in the source between two offsets. */
function blankBetween(text: string, from: number, to: number): boolean {
  return /\n[^\S\n]*\n/.test(text.slice(from, to));
}

function onSameLine(text: string, from: number, to: number): boolean {
  return !text.slice(from, to).includes("\n");
}

function commentEntry(c: F.CommentNode): Entry {
  c.printed = true;
  return { doc: verbatim(c.value), start: c.start, end: c.end, statement: false, pad: 1 };
}

/** The entries of one statement: its own-line leading comments, itself with same-line comments, its own-line trailing comments. */
function statementEntries(stmt: F.StatementNode, doc: Doc, text: string): Entry[] {
  const out: Entry[] = [];
  const own = comments(stmt);
  const inline: Doc[] = [];
  let start = stmt.start;
  for (const c of own.filter((x) => x.leading)) {
    if (c.block && onSameLine(text, c.end, stmt.start)) {
      c.printed = true;
      inline.push(verbatim(c.value), " ");
      start = Math.min(start, c.start);
    } else out.push(commentEntry(c));
  }
  const entry: Entry = { doc: [...inline, doc], start, end: stmt.end, statement: true, pad: 1, node: stmt };
  out.push(entry);
  const trailing: Doc[] = [];
  for (const c of own.filter((x) => x.trailing)) {
    if (onSameLine(text, entry.end, c.start) && !entry.lineComment) {
      c.printed = true;
      entry.end = c.end;
      if (c.block) trailing.push(" ", verbatim(c.value));
      else entry.lineComment = c;
    } else out.push(commentEntry(c));
  }
  entry.doc = [entry.doc, ...trailing];
  return out;
}

/** The printed text of a doc (for measuring). */
function render(doc: Doc, options: ParserOptions, width: number): string {
  return printer.printDocToString(doc, {
    printWidth: Math.max(1, width),
    tabWidth: options.tabWidth,
    useTabs: false,
  }).formatted;
}

/**
 * `//` comments inside a statement are printed at the end of its line
 * (prettier's line suffixes): taken out of the doc so that, on a one-line
 * statement, they can be aligned with the others — as they will be when
 * the output is formatted again and they trail the whole statement.
 */
function liftSuffixes(doc: Doc, options: ParserOptions): { doc: Doc; lifted: string[] } {
  const lifted: string[] = [];
  const stripped = utils.mapDoc(doc, (d) => {
    if (typeof d === "object" && d !== null && !Array.isArray(d) && d.type === "line-suffix") {
      lifted.push(render(d.contents, options, Number.POSITIVE_INFINITY).trim());
      return "";
    }
    return d;
  });
  return { doc: stripped, lifted };
}

/** A statement that certainly spans several lines (a non-empty block). */
function multiLine(n: F.StatementNode | undefined): boolean {
  return n !== undefined && "expanded" in n && n.expanded && n.body.length > 0 && !(n.type === "Given" && !n.braced);
}

/** Pads `//` comments of consecutive one-line statements (no blank line between) to one column. */
function align(entries: Entry[], text: string, options: ParserOptions, column: number): void {
  if (!entries.some((e) => e.lineComment || (e.node && hasInnerComments(e.node)))) return;
  let run: { e: Entry; w: number }[] = [];
  const flush = (): void => {
    const max = Math.max(...run.map((r) => r.w));
    for (const r of run) r.e.pad = max - r.w + 1;
    run = [];
  };
  entries.forEach((e, i) => {
    const prev = entries[i - 1];
    if (!e.statement || (prev && blankBetween(text, prev.end, e.start))) flush();
    if (!e.statement) return;
    if (multiLine(e.node)) return flush();
    const { doc, lifted } = liftSuffixes(e.doc, options);
    const printed = render(doc, options, options.printWidth - column);
    if (printed.includes("\n")) return flush();
    const suffix = [...lifted, ...(e.lineComment ? [e.lineComment.value] : [])];
    if (suffix.length === 0) return;
    e.doc = doc;
    e.suffix = suffix.join(" ");
    run.push({ e, w: displayWidth(printed) });
  });
  flush();
}

function hasInnerComments(n: F.Node): boolean {
  return childNodes(n).some((c) => comments(c).length > 0 || hasInnerComments(c));
}

/** How many `{ … }` blocks enclose the statements of this list: their indentation in levels. */
function depth(path: AstPath<F.Node>): number {
  return path.stack.filter(
    (x) => typeof x === "object" && x !== null && !Array.isArray(x) && "expanded" in x && x.type !== "File",
  ).length;
}

export function printStatements(path: AstPath<F.ListOwnerNode>, options: ParserOptions, print: Print): Doc {
  const owner = path.node;
  const text = options.originalText;
  const printed = path.map(print, "body");
  const entries: Entry[] = [
    ...danglingComments(owner).map(commentEntry),
    ...owner.body.flatMap((stmt, i) => statementEntries(stmt, printed[i] ?? "", text)),
  ].sort((a, b) => a.start - b.start);
  const column = depth(path) * options.tabWidth;
  align(entries, text, options, column);

  const docs = entries.map((e) => {
    const suffix = e.suffix ?? e.lineComment?.value;
    return suffix ? [e.doc, lineSuffix([" ".repeat(e.pad), suffix]), breakParent] : e.doc;
  });
  const lines: Doc[] = [];
  entries.forEach((e, i) => {
    const prev = entries[i - 1];
    if (prev) lines.push(hardline, blankBetween(text, prev.end, e.start) ? hardline : "");
    lines.push(docs[i] ?? "");
  });
  if (owner.type === "File") return entries.length > 0 ? [...lines, hardline] : "";
  const pre = beforeOpen(owner);
  if (entries.length === 0) return [pre, "{}"];
  const open = afterOpen(owner);
  const hasComments = open !== "" || entries.some((e) => !e.statement || e.lineComment || e.suffix);
  if (owner.expanded || hasComments) return [pre, "{", open, indent([hardline, ...lines]), hardline, "}"];
  // Written on one line by the author: kept so while it fits.
  const between = [ifBreak("", owner.sep), isWide(owner.sep) ? softline : line];
  return [pre, group(["{", indent([line, builders.join(between, docs)]), line, "}"])];
}

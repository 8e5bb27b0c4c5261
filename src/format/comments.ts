/**
 * Where comments go. Prettier attaches each comment to a neighbouring node
 * (leading, trailing) or to the node enclosing it (dangling); these hooks
 * adjust that: a comment inside an empty `{ }` stays inside, one after an
 * opening bracket stays after it, and a `//` comment where no line can break
 * goes to the end of the line. The printer then prints every comment itself
 * (`print.ts`; statements in a list: `print-list.ts`).
 */
import type { AstPath } from "prettier";
import type * as F from "./tree.js";
import { isListOwner } from "./tree.js";

type AnyNode = F.Node | F.CommentNode;

function isNode(x: unknown): x is F.Node {
  return (
    typeof x === "object" &&
    x !== null &&
    typeof (x as { type?: unknown }).type === "string" &&
    (x as { type: string }).type !== "Comment"
  );
}

/** Child nodes of a node, in source order (every property holding a node or nodes). */
export function childNodes(node: AnyNode): F.Node[] {
  const out: F.Node[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === "comments") continue;
    if (Array.isArray(value)) out.push(...value.filter(isNode));
    else if (isNode(value)) out.push(value);
  }
  return out.sort((a, b) => a.start - b.start);
}

export function visitorKeys(node: AnyNode): string[] {
  return Object.entries(node)
    .filter(([k, v]) => k !== "comments" && (isNode(v) || (Array.isArray(v) && v.some(isNode))))
    .map(([k]) => k);
}

export function canAttachComment(node: AnyNode): boolean {
  return isNode(node);
}

/** The printer places every comment itself (`print.ts`, `print-list.ts`), whatever the original line breaks around it. */
export function willPrintOwnComments(): boolean {
  return true;
}

/** A statement printed as part of a `{ … }` list: the list prints its comments. */
export function inStatementList(path: AstPath<AnyNode>): boolean {
  const parent = path.parent as unknown;
  return path.key === "body" && isListOwner(parent) && !(parent.type === "Given" && !parent.braced);
}

interface Placed extends F.CommentNode {
  enclosingNode?: F.Node;
  precedingNode?: F.Node;
  followingNode?: F.Node;
}

function attachTo(node: { comments?: F.CommentNode[] }, comment: Placed, marker?: string): true {
  comment.leading = false;
  comment.trailing = false;
  comment.printed = false;
  if (marker) comment.marker = marker;
  (node.comments ??= []).push(comment);
  return true;
}

/**
 * Comments between an opening bracket and the first thing inside it. With
 * nothing inside (`{ // … }`) the comment stays inside, rather than going
 * after the header. A `//` comment at the end of the line of `[`, `(` or
 * `{` of an expression or an arm list stays right after the bracket (with
 * the default it would lead the first element on a line of its own, and
 * a second formatting would move it again).
 */
function afterOpening(comment: Placed, endOfLine: boolean): boolean {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- widens to the fields some nodes have; tsc needs it
  const enclosing = comment.enclosingNode as (F.Node & { openAt?: unknown; comments?: F.CommentNode[] }) | undefined;
  if (!enclosing || typeof enclosing.openAt !== "number" || enclosing.openAt < 0 || comment.start < enclosing.openAt)
    return false;
  const open = enclosing.openAt;
  if (comment.precedingNode && comment.precedingNode.start > open) return false;
  if (!comment.followingNode || comment.followingNode.start < open) return attachTo(enclosing, comment);
  if (endOfLine && !comment.block) return attachTo(enclosing, comment, "open");
  return false;
}

/**
 * A comment before the `{` of a block or list (between `group 名称` and
 * `20 {`, or `tiers 公开` and `{`) stays before it: after the word before
 * it, or, with none, just before `{`.
 */
function inHeader(comment: Placed): boolean {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- as above
  const enclosing = comment.enclosingNode as (F.Node & { openAt?: unknown }) | undefined;
  if (!enclosing || typeof enclosing.openAt !== "number" || enclosing.openAt < 0 || comment.start > enclosing.openAt)
    return false;
  if (comment.precedingNode) {
    comment.leading = false;
    comment.trailing = true;
    comment.printed = false;
    ((comment.precedingNode as { comments?: F.CommentNode[] }).comments ??= []).push(comment);
    return true;
  }
  if (comment.followingNode && comment.followingNode.start < enclosing.openAt) return false;
  return attachTo(enclosing, comment, "before-open");
}

/** Lists that break between their elements: a comment on its own line there stays on its own line. */
const LISTS = new Set(["Call", "Array", "Record", "Bands", "Tiers", "Grades", "Enum", "TypeList", "JudgedBy", "Scale"]);
/** Expressions and statements that break at a few places (after `=`, before `then`/`else`, after an operator). */
const BREAKABLE = new Set(["Binary", "If", "Each", "Let", "Part", "Score", "GivenEntry", "Phrase", "Adjust"]);

const parents = new WeakMap<F.Node, F.Node>();

/** Records every node's parent (comment placement walks up the tree). */
export function recordParents(node: F.Node): void {
  for (const c of childNodes(node)) {
    parents.set(c, node);
    recordParents(c);
  }
}

/**
 * A `//` comment inside a statement is printed at the end of a line: the
 * line of the node before it (`a = // …`, `if c // …⏎then …`), or, inside a
 * node that never breaks (`w.// …⏎已完成`, `90// …⏎%`), after that node. It
 * trails the outermost node ending there (`not w.已完成 // …` trails the
 * whole `not …`). On its own line between the elements of a list or between
 * statements it stays on its own line. That is where the comment is found
 * when the output is formatted again, so one formatting settles it.
 */
function hoist(comment: Placed, text: string, endOfLine: boolean): boolean {
  const enclosing = comment.enclosingNode;
  // Before the separator that ends a list element: with that element, whatever its kind.
  // A comment on a line of its own leads the next element even before a separator: with two such
  // comments, one would otherwise trail the element before and the other lead the next, swapping them.
  const beforeSeparator =
    enclosing &&
    LISTS.has(enclosing.type) &&
    (endOfLine || !comment.followingNode) &&
    /^(?:\s|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*[;,；，、]/.test(text.slice(comment.end));
  if (comment.block && !(beforeSeparator && comment.precedingNode)) return false;
  if (enclosing?.type === "If" && !endOfLine) {
    // On its own line before `then` or `else`: stays there.
    if (comment.start > enclosing.cond.end && comment.end <= enclosing.thenAt)
      return attachTo(enclosing, comment, "then");
    if (comment.start > enclosing.then.end && comment.end <= enclosing.elseAt)
      return attachTo(enclosing, comment, "else");
  }
  let target: F.Node | undefined;
  if (!enclosing) target = undefined;
  else if (isListOwner(enclosing)) {
    // In a header (`group 名称⏎// …⏎20 {`): after the word before it; between statements: the list's.
    if (enclosing.openAt >= 0 && comment.start < enclosing.openAt) target = comment.precedingNode;
  } else if (LISTS.has(enclosing.type)) {
    // Between elements: on its own line it stays there (leading the next); at a line's end it trails.
    if (beforeSeparator) target = comment.precedingNode;
  } else if (BREAKABLE.has(enclosing.type)) target = comment.precedingNode;
  else target = enclosing;
  if (!target && endOfLine) target = comment.precedingNode;
  if (!target) return false;
  const endsWith = (p: F.Node, t: F.Node): boolean => {
    // Nothing after `t` up to the end of `p` but this comment, and the parentheses of `(… t)`.
    const gap = text.slice(t.end, p.end).replace(comment.value, "");
    return "parens" in p && p.parens ? /^[\s)）]*$/.test(gap) : /^\s*$/.test(gap);
  };
  for (let p = parents.get(target); p && !isListOwner(p) && endsWith(p, target); p = parents.get(p)) target = p;
  comment.leading = false;
  comment.trailing = true;
  comment.printed = false;
  ((target as { comments?: F.CommentNode[] }).comments ??= []).push(comment);
  return true;
}

export const handleComments = {
  ownLine: (c: Placed, text: string) => inHeader(c) || afterOpening(c, false) || hoist(c, text, false),
  endOfLine: (c: Placed, text: string) => inHeader(c) || afterOpening(c, true) || hoist(c, text, true),
  remaining: (c: Placed, text: string) => inHeader(c) || afterOpening(c, false) || hoist(c, text, false),
};

/**
 * How prettier places comments in the formatter's tree. Prettier attaches
 * each comment to a neighbouring node (leading, trailing) or to the node
 * enclosing it (dangling); these hooks decide which nodes can carry
 * comments and keep a comment written inside an empty `{ }` inside it.
 * Statements in a list print their own comments (`print-list.ts`).
 */
import type { AstPath } from "prettier";
import type * as F from "./tree.js";
import { isListOwner } from "./tree.js";

type AnyNode = F.Node | F.CommentNode;

function isNode(x: unknown): x is F.Node {
  return typeof x === "object" && x !== null && typeof (x as { type?: unknown }).type === "string" && (x as { type: string }).type !== "Comment";
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

/** A statement printed as part of a `{ … }` list: the list prints its comments. */
export function willPrintOwnComments(path: AstPath<AnyNode>): boolean {
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
  const enclosing = comment.enclosingNode as (F.Node & { openAt?: unknown; comments?: F.CommentNode[] }) | undefined;
  if (!enclosing || typeof enclosing.openAt !== "number" || enclosing.openAt < 0 || comment.start < enclosing.openAt) return false;
  const open = enclosing.openAt;
  if (comment.precedingNode && comment.precedingNode.start > open) return false;
  if (!comment.followingNode || comment.followingNode.start < open) return attachTo(enclosing, comment);
  if (endOfLine && !comment.block) return attachTo(enclosing, comment, "open");
  return false;
}

/** Nodes printed with places to break a line between their children. */
const BREAKABLE = new Set(["Binary", "If", "Each", "Call", "Array", "Record", "Bands", "Tiers", "Grades", "Enum", "TypeList", "Let", "Part", "Score", "GivenEntry"]);

const parents = new WeakMap<F.Node, F.Node>();

/** Records every node's parent (comment placement walks up the tree). */
export function recordParents(node: F.Node): void {
  for (const c of childNodes(node)) {
    parents.set(c, node);
    recordParents(c);
  }
}

/**
 * A `//` comment is printed at the end of a line. One written where the
 * printed text cannot break (`w.// …⏎已完成`, `90// …⏎%`) goes after the
 * node it was inside; and a comment trailing a node goes to the outermost
 * node ending there (`not w.已完成 // …` trails the whole `not …`). That is
 * where the comment is found when the output is formatted again, so one
 * formatting settles it.
 */
function hoist(comment: Placed, text: string, endOfLine: boolean): boolean {
  if (comment.block) return false;
  const enclosing = comment.enclosingNode;
  let target: F.Node | undefined;
  if (enclosing && !BREAKABLE.has(enclosing.type) && !isListOwner(enclosing)) target = enclosing;
  else if (endOfLine && comment.precedingNode) target = comment.precedingNode;
  if (!target) return false;
  const endsWith = (p: F.Node, t: F.Node): boolean => {
    // Nothing but closing parentheses (and this comment) after `t` up to the end of `p`.
    const gap = text.slice(t.end, p.end).replace(comment.value, "");
    return /^[\s)）]*$/.test(gap);
  };
  for (let p = parents.get(target); p && !isListOwner(p) && endsWith(p, target); p = parents.get(p)) target = p;
  comment.leading = false;
  comment.trailing = true;
  comment.printed = false;
  ((target as { comments?: F.CommentNode[] }).comments ??= []).push(comment);
  return true;
}

export const handleComments = {
  ownLine: (c: Placed, text: string) => afterOpening(c, false) || hoist(c, text, false),
  endOfLine: (c: Placed, text: string) => afterOpening(c, true) || hoist(c, text, true),
  remaining: (c: Placed, text: string) => afterOpening(c, false) || hoist(c, text, false),
};

/** Small layout helpers shared by the printers. */
import { builders, utils } from "prettier/doc";
import type { Doc, AstPath } from "prettier";
import type { CommentNode, ExprNode, Node, RootNode } from "./tree.js";

const { group, ifBreak, indent, indentIfBreak, line, softline } = builders;

export type Print = (selector?: string | number | (string | number)[] | AstPath) => Doc;

/** Full-width punctuation (`，` `；` `：` `（`…) carries its own spacing: no space is added after it. */
export function isWide(s: string): boolean {
  return /^[\u3000-\u303f\uff00-\uffef]/.test(s);
}

/** `p` followed by a space, unless `p` is full-width. */
export function spaced(p: string): Doc {
  return isWide(p) ? p : [p, " "];
}

/** Text that may contain line breaks (strings, block comments), printed verbatim. */
export function verbatim(text: string): Doc {
  return text.includes("\n") ? utils.replaceEndOfLine(text) : text;
}

export function comments(n: Node): CommentNode[] {
  return (n as { comments?: CommentNode[] }).comments ?? [];
}

/** Comments attached to a node that are neither leading nor trailing: those inside an empty `{ }`. */
export function danglingComments(n: Node): CommentNode[] {
  return comments(n).filter((c) => !c.leading && !c.trailing && c.marker === undefined);
}

/** A `//` comment written right after the node's opening bracket: printed there, breaking the list. */
export function afterOpen(n: Node): Doc {
  const cs = comments(n).filter((c) => c.marker === "open");
  if (cs.length === 0) return "";
  for (const c of cs) c.printed = true;
  return cs.map((c) => [builders.lineSuffix([" ", c.value]), builders.breakParent]);
}

/** Comments between a block's keyword and its `{` with no word between (after `checklist`). */
export function beforeOpen(n: Node): Doc {
  const cs = comments(n).filter((c) => c.marker === "before-open");
  for (const c of cs) c.printed = true;
  return cs.map((c) =>
    c.block ? [verbatim(c.value), " "] : [builders.lineSuffix([" ", c.value]), builders.breakParent],
  );
}

/** `//` comments on their own lines before the `then` or `else` of an `if`, each followed by a line break. */
export function beforeKeyword(n: Node, marker: "then" | "else"): Doc[] {
  const cs = comments(n).filter((c) => c.marker === marker);
  for (const c of cs) c.printed = true;
  return cs.flatMap((c) => [c.value, builders.hardline]);
}

/**
 * `{ a; b; c }` on one line when it fits, else one item per line. Between
 * items on one line the separator `sep`; when broken, none — unless
 * `keepSep` (band arms need it: `-> 6` followed by `[90%, 95%) -> 4` would
 * otherwise read as an index).
 */
export function inlineList(owner: Node, items: Doc[], sep: string, keepSep = false): Doc {
  const dangling = danglingComments(owner);
  for (const c of dangling) c.printed = true;
  const pre = beforeOpen(owner);
  if (items.length === 0 && dangling.length === 0) return [pre, "{}"];
  if (items.length === 0)
    return [pre, "{", indent(dangling.flatMap((c) => [builders.hardline, verbatim(c.value)])), builders.hardline, "}"];
  const between = [keepSep ? sep : ifBreak("", sep), isWide(sep) ? softline : line];
  return [pre, group(["{", afterOpen(owner), indent([line, builders.join(between, items)]), line, "}"])];
}

const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/** Columns a line takes on screen: CJK and full-width characters count 2 (as prettier counts them). */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    w += WIDE.test(ch) || (cp >= 0x20000 && cp <= 0x3fffd) ? 2 : 1;
  }
  return w;
}

/** Values that break inside their own brackets rather than after `=`. */
const HUGGED = new Set(["Array", "Record", "Call", "Bands", "Tiers"]);

/**
 * `lhs = value`: when the value does not fit on the line, it moves to the
 * next line, indented (values with brackets break inside them instead).
 */
export function assignment(lhs: Doc[], op: Doc, value: ExprNode, valueDoc: Doc, commentBefore = false): Doc {
  // `a = // …⏎ value`: the comment stays after `=`, the value on the next line.
  if (commentBefore) return [...lhs, op, indent([builders.hardline, valueDoc])];
  if (HUGGED.has(value.type) && !value.parens) return group([...lhs, op, " ", valueDoc]);
  const id = Symbol("assignment");
  return group([...lhs, op, group(indent(line), { id }), indentIfBreak(valueDoc, { groupId: id })]);
}

/** Whether a `//` comment lies in [from, to) of the document printed by `path`. */
export function lineCommentIn(path: AstPath, from: number, to: number): boolean {
  const root = path.stack[0] as RootNode;
  return root.allComments.some((c) => !c.block && c.start >= from && c.start < to);
}

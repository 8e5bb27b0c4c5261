/**
 * Reading chevrotain's concrete syntax tree. The CST may be partial after error recovery, so every
 * accessor tolerates missing children and tokens inserted by recovery.
 */
import type { CstNode, IToken } from "chevrotain";
import type * as A from "./ast.js";

type Ctx = Record<string, (CstNode | IToken)[] | undefined>;

export function isToken(x: CstNode | IToken | undefined): x is IToken {
  return x !== undefined && (x as IToken).image !== undefined;
}
export function tok(n: CstNode, key: string, i = 0): IToken | undefined {
  const x = (n.children as Ctx)[key]?.[i];
  return isToken(x) && !x.isInsertedInRecovery ? x : undefined;
}
export function toks(n: CstNode, key: string): IToken[] {
  return ((n.children as Ctx)[key] ?? []).filter((x): x is IToken => isToken(x) && !x.isInsertedInRecovery);
}
export function sub(n: CstNode, key: string, i = 0): CstNode | undefined {
  const x = (n.children as Ctx)[key]?.[i];
  return x && !isToken(x) ? x : undefined;
}
export function subs(n: CstNode, key: string): CstNode[] {
  return ((n.children as Ctx)[key] ?? []).filter((x): x is CstNode => !isToken(x));
}
export function has(n: CstNode, key: string): boolean {
  return ((n.children as Ctx)[key]?.length ?? 0) > 0;
}

export function tokSpan(t: IToken): A.Span {
  return { start: t.startOffset, end: (t.endOffset ?? t.startOffset) + 1 };
}
export function span(n: CstNode | undefined, fallback: A.Span = { start: 0, end: 0 }): A.Span {
  const l = n?.location;
  if (!l || Number.isNaN(l.startOffset)) return fallback;
  const end = l.endOffset === undefined || Number.isNaN(l.endOffset) ? l.startOffset : l.endOffset;
  return { start: l.startOffset, end: end + 1 };
}

/** Decodes a string token's text: `"…"` with escapes, or `“…”` verbatim. */
export function decodeString(image: string): string {
  if (image.startsWith("“")) return image.slice(1, -1);
  const body = image.slice(1, -1);
  return body.replace(/\\([\s\S])/g, (_, c: string) => {
    switch (c) {
      case "n":
        return "\n";
      case "t":
        return "\t";
      case "r":
        return "\r";
      default:
        return c;
    }
  });
}

export function stringLit(t: IToken): A.StringLit {
  return { value: decodeString(t.image), span: tokSpan(t) };
}

export function ident(n: CstNode | undefined, fallback: A.Span): A.Name {
  if (!n) return { text: "", span: fallback };
  const id = tok(n, "Word") ?? tok(n, "Name") ?? tok(n, "Identifier");
  if (id) return { text: id.image, span: tokSpan(id) };
  const s = tok(n, "StringLiteral");
  if (s) return { text: decodeString(s.image), span: tokSpan(s) };
  return { text: "", span: span(n, fallback) };
}

export function numberFromTok(t: IToken | undefined, fallback: A.Span): A.NumberExpr {
  if (!t) return { kind: "Number", digits: "0", span: fallback };
  return { kind: "Number", digits: t.image, span: tokSpan(t) };
}

export function pointsLit(n: CstNode | undefined, fallback: A.Span): A.NumberExpr {
  if (!n) return { kind: "Number", digits: "0", span: fallback };
  const t = tok(n, "NumberLiteral");
  return { kind: "Number", digits: t?.image ?? "0", span: span(n, fallback) };
}

export function errorExpr(s: A.Span): A.ErrorExpr {
  return { kind: "Error", span: s };
}

export function firstChild(n: CstNode): [string, CstNode | undefined] {
  for (const k in n.children) {
    const c = n.children[k]?.[0];
    if (c && !isToken(c)) return [k, c];
  }
  return ["", undefined];
}

/**
 * Which syntax-tree nodes lie at an offset. Pure helpers over the AST of
 * `ast.ts` for editors: every object with a `span` (declarations,
 * expressions, names, paths, strings) counts as a node, so a lookup ends at
 * the innermost `Name` or literal under the cursor.
 */
import type { Expr, FileNode, Span } from "./ast.js";

export interface AstNode {
  readonly span: Span;
}

const EXPR_KINDS: ReadonlySet<string> = new Set([
  "Number",
  "String",
  "Bool",
  "Ref",
  "Call",
  "Index",
  "Member",
  "Unary",
  "Binary",
  "If",
  "Each",
  "Array",
  "Range",
  "Record",
  "Judged",
  "Bands",
  "Tiers",
  "DeductPer",
  "DeductBeyond",
  "Achievement",
  "Date",
  "Peer",
  "Error",
]);

export function isExpr(n: unknown): n is Expr {
  return typeof n === "object" && n !== null && EXPR_KINDS.has((n as { kind?: string }).kind ?? "");
}

function isNode(x: unknown): x is AstNode {
  if (typeof x !== "object" || x === null) return false;
  const s = (x as { span?: Span }).span;
  return typeof s === "object" && s !== null && typeof s.start === "number" && typeof s.end === "number";
}

/** The nodes directly below `n`, in source order. */
export function childNodes(n: object): AstNode[] {
  const out: AstNode[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) for (const x of v) visit(x);
    else if (isNode(v)) out.push(v);
    else if (typeof v === "object" && v !== null && !(v instanceof Map)) {
      // Grouping objects without a span (a band condition, an expectation's target): look inside.
      for (const [k, x] of Object.entries(v)) if (k !== "span") visit(x);
    }
  };
  for (const [k, v] of Object.entries(n)) if (k !== "span") visit(v);
  return out.sort((a, b) => a.span.start - b.span.start);
}

function covers(s: Span, offset: number): boolean {
  return s.start <= offset && offset <= s.end && s.end > s.start;
}

/**
 * The chain of nodes containing `offset`, outermost first (the file itself
 * first). An offset at the end of a node counts as inside it, so a cursor
 * just after a name finds the name.
 */
export function locate(root: FileNode, offset: number): AstNode[] {
  const chain: AstNode[] = [root];
  let cur: AstNode = root;
  for (let depth = 0; depth < 10_000; depth++) {
    const kids = childNodes(cur).filter((c) => covers(c.span, offset));
    // Prefer a child that contains the offset strictly over one that merely ends there.
    const next = kids.find((c) => c.span.start <= offset && offset < c.span.end) ?? kids[kids.length - 1];
    if (!next) break;
    chain.push(next);
    cur = next;
  }
  return chain;
}

/** The innermost expression at `offset`, if any. */
export function exprAt(root: FileNode, offset: number): Expr | undefined {
  const chain = locate(root, offset);
  for (let i = chain.length - 1; i >= 0; i--) {
    const n = chain[i];
    if (isExpr(n)) return n;
  }
  return undefined;
}

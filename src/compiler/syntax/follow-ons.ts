/**
 * A declaration the parser had to patch up (a missing operand, a skipped token)
 * is only half built: its sums, coverage and names say nothing about what the
 * author wrote. The checker's findings inside such a declaration are dropped, so
 * one slip reads as one error; declarations around it are still checked.
 */
import type { Span } from "./ast.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";

const DECLARATIONS = new Set(["Rubric", "Group", "Indicator", "Input", "Let", "Part", "Enum", "Example"]);
/** Parser findings that leave the tree incomplete (the recovered ones below do not). */
const BREAKING = new Set(["syntax-error", "unexpected-character", "too-deep", "keyword-name"]);
/** Findings that depend on which declarations sit inside which. */
const STRUCTURAL = new Set(["weight-sum", "total-mismatch", "missing-rule"]);

/**
 * The smallest declaration span containing `at` (shifted by `from`), searched from `node` down. Only nodes
 * whose span contains it are entered: a declaration lies inside the declarations around it, so a keystroke's
 * diagnostics never walk the whole file.
 */
function innermostDeclaration(node: unknown, at: number, from: number, best?: Span): Span | undefined {
  if (Array.isArray(node)) {
    for (const x of node) best = innermostDeclaration(x, at, from, best);
    return best;
  }
  if (node === null || typeof node !== "object") return best;
  const o = node as { kind?: unknown; span?: Span };
  if (typeof o.kind === "string" && o.span && Number.isFinite(o.span.start)) {
    if (!(o.span.start + from <= at && at < o.span.end + from)) return best;
    if (DECLARATIONS.has(o.kind) && (!best || o.span.end - o.span.start < best.end - best.start)) best = o.span;
  }
  for (const k in o) {
    const v = (o as Record<string, unknown>)[k];
    if (v !== null && typeof v === "object" && k !== "span") best = innermostDeclaration(v, at, from, best);
  }
  return best;
}

/** `semantic` without what a broken declaration of `ast` made the checker say. */
export function dropFollowOns(
  file: string,
  ast: unknown,
  parserFindings: readonly Diagnostic[],
  semantic: readonly Diagnostic[],
): Diagnostic[] {
  const breaks = parserFindings.filter((d) => d.file === file && BREAKING.has(d.code)).map((d) => d.span.start);
  if (breaks.length === 0) return [...semantic];
  const innermost = (at: number, from: number): Span | undefined => innermostDeclaration(ast, at, from);
  // A break belongs to the innermost declaration it falls in after that declaration's first
  // token: a group whose child's body is broken still has sound weights, and keeps its sum.
  const broken = new Set(breaks.map((b) => innermost(b, 1)));
  // A break outside every declaration means the braces no longer pair up as written:
  // which child belongs to which group is then a guess, so no sum is trustworthy.
  const unpaired = broken.has(undefined);
  return semantic.filter((d) => {
    if (d.file !== file) return true;
    if (unpaired && STRUCTURAL.has(d.code)) return false;
    const inner = innermost(d.span.start, 0);
    return !inner || !broken.has(inner);
  });
}

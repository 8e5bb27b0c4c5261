/**
 * Syntax mistakes that are common enough to deserve their own message and a
 * recovery that keeps the rest of the declaration (so the checker does not
 * pile follow-on errors on a half-built node).
 */
import { createTokenInstance, type CstNode, type IToken } from "chevrotain";
import { keywordTokens, NumberLiteral, StringLiteral } from "./tokens.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";

/** Keywords directly followed by the name of what they declare. */
const DECLARING = new Set(["Rubric", "Enum", "Input", "Let", "Group", "Indicator", "Part"]);

function end(t: IToken): number {
  return (t.endOffset ?? t.startOffset) + 1;
}

/**
 * `indicator 1号指标 5` lexes as the number 1 and the name 号指标. Read the two as
 * the title string "1号指标" (what the author meant) and say why it is refused.
 */
export function mergeDigitNames(
  file: string,
  tokens: readonly IToken[],
): { tokens: IToken[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  // Nearly every file has none: copy the tokens only from the first merge on.
  const first = tokens.findIndex(
    (t, i) => t.tokenType === NumberLiteral && i > 0 && DECLARING.has((tokens[i - 1] as IToken).tokenType.name),
  );
  if (first < 0) return { tokens: tokens as IToken[], diagnostics };
  const out: IToken[] = tokens.slice(0, first);
  for (let i = first; i < tokens.length; i++) {
    const t = tokens[i] as IToken;
    const next = tokens[i + 1];
    const prev = out[out.length - 1];
    if (
      t.tokenType.name === "NumberLiteral" &&
      next !== undefined &&
      next.startOffset === end(t) &&
      (next.tokenType.name === "Identifier" || next.tokenType.name === "Word" || next.tokenType.name === "Name") &&
      prev !== undefined &&
      DECLARING.has(prev.tokenType.name)
    ) {
      const text = t.image + next.image;
      const merged = createTokenInstance(
        StringLiteral,
        JSON.stringify(text),
        t.startOffset,
        end(next) - 1,
        t.startLine ?? NaN,
        next.endLine ?? NaN,
        t.startColumn ?? NaN,
        next.endColumn ?? NaN,
      );
      out.push(merged);
      diagnostics.push(diagnostic("digit-name", { file, span: { start: t.startOffset, end: end(next) } }, { text }));
      i++;
      continue;
    }
    out.push(t);
  }
  return { tokens: out, diagnostics };
}

/** Constraints written on record fields, which the grammar accepts only to refuse here. */
export function recordFieldConstraints(file: string, cst: CstNode, tokens: readonly IToken[]): Diagnostic[] {
  const found: Diagnostic[] = [];
  // A record type only follows `list of`: without the keyword there is nothing to find, and no need
  // to walk the whole tree (which is most of a large file's CST).
  if (!tokens.some((t) => t.tokenType === keywordTokens.List)) return found;
  const visit = (n: CstNode): void => {
    const cs = n.children["fieldConstraint"] as CstNode[] | undefined;
    if (n.name === "recordType" && cs) {
      const names = (n.children["ident"] ?? []) as CstNode[];
      for (const c of cs) {
        const at = c.location?.startOffset ?? 0;
        // The field a constraint follows is the last one named before it.
        const field = names.filter((x) => (x.location?.startOffset ?? 0) < at).pop();
        const fieldText = field ? firstImage(field) : "";
        found.push(
          diagnostic(
            "record-field-constraint",
            { file, span: { start: at, end: (c.location?.endOffset ?? at) + 1 } },
            { field: fieldText },
          ),
        );
      }
    }
    for (const list of Object.values(n.children)) for (const x of list) if ("children" in x) visit(x);
  };
  visit(cst);
  return found;
}

function firstImage(n: CstNode): string {
  for (const list of Object.values(n.children)) for (const x of list) return "image" in x ? x.image : firstImage(x);
  return "";
}

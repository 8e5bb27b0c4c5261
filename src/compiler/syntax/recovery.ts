/**
 * Syntax mistakes that are common enough to deserve their own message and a
 * recovery that keeps the rest of the declaration (so the checker does not
 * pile follow-on errors on a half-built node).
 */
import { createTokenInstance, type IToken } from "chevrotain";
import { NumberLiteral, StringLiteral } from "./tokens.js";
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

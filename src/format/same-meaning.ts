/**
 * Whether a formatted text says the same as its original: equal syntax
 * trees (source positions aside) and every comment kept, in order. The
 * formatter checks its own output with these before handing it back.
 */
import { parseText, type ParseResult } from "../compiler/syntax/parse.js";

/** The syntax tree without positions, as JSON, or undefined if there were syntax errors. */
export function meaningOfParse(parsed: ParseResult): string | undefined {
  if (parsed.diagnostics.some((d) => d.severity === "error")) return undefined;
  return JSON.stringify(parsed.ast, (key, value: unknown) => (key === "span" || key === "opSpan" ? undefined : value));
}

export function meaningOf(text: string, file = "<input>"): string | undefined {
  return meaningOfParse(parseText(file, text));
}

export function sameMeaning(a: string, b: string): boolean {
  const ma = meaningOf(a);
  return ma !== undefined && ma === meaningOf(b);
}

/**
 * Every comment of `before` appears in `after`, in the same order. (Two
 * `//` comments that end up on one line read as one: `// a // b`.)
 */
export function commentsKept(before: ParseResult | string, after: ParseResult | string): boolean {
  const of = (x: ParseResult | string): string[] =>
    (typeof x === "string" ? parseText("<input>", x) : x).comments.map((t) => t.image);
  const all = of(after).join("\n");
  let from = 0;
  for (const c of of(before)) {
    const at = all.indexOf(c.trimEnd(), from);
    if (at < 0) return false;
    from = at + c.trimEnd().length;
  }
  return true;
}

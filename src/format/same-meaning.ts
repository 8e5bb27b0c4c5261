/**
 * Whether a formatted text says the same as its original: equal syntax
 * trees (source positions aside) and every comment kept, in order. The
 * formatter checks its own output with these before handing it back.
 */
import { parseText } from "../compiler/syntax/parse.js";
import { tokenize } from "../compiler/syntax/tokens.js";

/** The syntax tree without positions, as JSON, or undefined if the text has syntax errors. */
export function meaningOf(text: string, file = "<input>"): string | undefined {
  const parsed = parseText(file, text);
  if (parsed.diagnostics.some((d) => d.severity === "error")) return undefined;
  return JSON.stringify(parsed.ast, (key, value: unknown) => (key === "span" || key === "opSpan" ? undefined : value));
}

export function sameMeaning(a: string, b: string): boolean {
  const ma = meaningOf(a);
  return ma !== undefined && ma === meaningOf(b);
}

function commentsOf(text: string): string[] {
  return (tokenize(text).groups["comments"] ?? []).map((t) => t.image);
}

/**
 * Every comment of `before` appears in `after`, in the same order. (Two
 * `//` comments that end up on one line read as one: `// a // b`.)
 */
export function commentsKept(before: string, after: string): boolean {
  const all = commentsOf(after).join("\n");
  let from = 0;
  for (const c of commentsOf(before)) {
    const at = all.indexOf(c.trimEnd(), from);
    if (at < 0) return false;
    from = at + c.trimEnd().length;
  }
  return true;
}

/**
 * Safe text for generated code: any rubric text (quotes, backslashes, `*​/`,
 * `${`, newlines, U+2028/U+2029, any Unicode) becomes a literal or a
 * comment that cannot break out of its place.
 */

/** A TypeScript string literal for any text. */
export function str(s: string): string {
  return JSON.stringify(s)
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** Text for inside a `/** … *​/` comment: no comment terminator, no line breaks that escape the block. */
export function commentText(s: string): string {
  return s
    .replace(/\*\//g, "*\u200b/")
    .replace(/\r\n?|\u2028|\u2029/g, "\n")
    .split("\n")
    .map((l) => l.replace(/\s+$/, ""))
    .join("\n * ");
}

/** A property key: bare when it is a plain ASCII identifier, quoted otherwise. */
export function key(s: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(s) ? s : str(s);
}

/** Text for a `//` comment: one line, whatever the source held. */
export function lineCommentText(s: string): string {
  return s.replace(/[\r\n\u2028\u2029]+/g, " ");
}

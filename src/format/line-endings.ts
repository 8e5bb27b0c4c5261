/**
 * The formatter works on text with LF line ends; this gives back what that
 * normalisation took: the file's own line ending (CRLF stays CRLF) and the
 * exact bytes of every string literal (a CR inside a string is part of its
 * value, so turning `\r\n` into `\n` there would change what a rule
 * compares). A file with mixed line ends is written with the ending of its
 * first line break; line breaks inside strings are never touched.
 */
import { StringLiteral, tokenize } from "../compiler/syntax/tokens.js";

export type LineEnding = "\n" | "\r\n";

export const normalizeLineEnds = (text: string): string => text.replace(/\r\n?/g, "\n");

/** The ending of the first line break; LF for a file without one. */
export function lineEndingOf(text: string): LineEnding {
  return /\r\n|\n|\r/.exec(text)?.[0] === "\r\n" ? "\r\n" : "\n";
}

function strings(text: string): { start: number; end: number; image: string }[] {
  return tokenize(text)
    .tokens.filter((t) => t.tokenType === StringLiteral)
    .map((t) => ({ start: t.startOffset, end: t.startOffset + t.image.length, image: t.image }));
}

/**
 * `formatted` (made from `normalizeLineEnds(original)`) with `eol` between
 * lines and each string literal spelled exactly as in `original`. Throws if
 * the strings of the two do not pair up, which would be a formatter bug.
 */
export function restoreLineEndings(original: string, formatted: string, eol: LineEnding): string {
  const before = strings(original);
  const after = strings(formatted);
  if (before.length !== after.length)
    throw new Error("internal error: the formatted text does not have the string literals of the original");
  const out: string[] = [];
  let at = 0;
  after.forEach((s, i) => {
    const raw = (before[i] as { image: string }).image;
    if (normalizeLineEnds(raw) !== s.image)
      throw new Error("internal error: the formatted text does not keep a string literal of the original");
    out.push(formatted.slice(at, s.start).replace(/\n/g, eol), raw);
    at = s.end;
  });
  out.push(formatted.slice(at).replace(/\n/g, eol));
  return out.join("");
}

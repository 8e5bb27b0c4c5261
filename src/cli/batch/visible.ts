/**
 * Text from an input file shown on a terminal (the table, messages on
 * stderr): control characters would move the cursor, retitle the window or
 * break a row (`\x1b]0;…\x07`, a newline in an id), and bidirectional
 * overrides would reorder what is seen. They are shown as escapes instead
 * (`\x1b`, `\n`, `\u202e`), so the text is visible as it is.
 */
// C0 controls, DEL, C1 controls, line/paragraph separators, bidi embeddings, overrides and isolates.
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

export function visible(s: string): string {
  return s.replace(HIDDEN, (ch) => {
    const named = NAMED[ch];
    if (named) return named;
    const c = ch.charCodeAt(0);
    return c <= 0xff ? `\\x${c.toString(16).padStart(2, "0")}` : `\\u${c.toString(16).padStart(4, "0")}`;
  });
}

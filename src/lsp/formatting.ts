/**
 * textDocument/formatting: the same formatter as `rubric fmt` (the prettier
 * plugin). A document with syntax errors is left as it is — the formatter
 * refuses rather than guesses — and the client is told why.
 */
import type { TextEdit } from "vscode-languageserver";
import { LineIndex } from "../compiler/util/line-index.js";

export type FormatOutcome = { readonly edits: TextEdit[] } | { readonly refused: string };

export async function formatDocument(uri: string, text: string): Promise<FormatOutcome> {
  let out: string;
  try {
    // Imported on the first request, so that a server that never formats never loads prettier.
    const { formatRubric } = await import("../format/format.js");
    out = await formatRubric(text, { file: uri });
  } catch (e) {
    return { refused: (e as Error).message };
  }
  if (out === text) return { edits: [] };
  const end = new LineIndex(text).position(text.length);
  return { edits: [{ range: { start: { line: 0, character: 0 }, end }, newText: out }] };
}

/**
 * The formatter's parser: the compiler's own front end (`parseText`), then
 * the formatter's tree. A document with syntax errors is refused with an
 * error naming file:line:col, never formatted.
 */
import { parseText, type ParseResult } from "../compiler/syntax/parse.js";
import type { Diagnostic } from "../compiler/diagnostics/diagnostic.js";
import { LineIndex } from "../compiler/util/line-index.js";
import { fileNode } from "./build.js";
import { recordParents } from "./comments.js";
import { Source } from "./source.js";
import type { CommentNode, RootNode } from "./tree.js";

/** Thrown for a document that does not parse. `loc` lets prettier show a code frame. */
export class RubricSyntaxError extends SyntaxError {
  readonly loc: { start: { line: number; column: number } };
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly diagnostic: Diagnostic,
  ) {
    super(
      `${file}:${line}:${column}: ${diagnostic.code}: ${diagnostic.message.en} — refusing to format a file with syntax errors`,
    );
    this.name = "RubricSyntaxError";
    this.loc = { start: { line, column } };
  }
}

/** The last parse, kept so that `formatRubric`, which parses first to check, does not parse twice. */
let last: { file: string; text: string; parsed: ParseResult } | undefined;

/** Parses (or reuses the last parse of the same text), throwing on syntax errors. */
export function parseChecked(text: string, file = "<input>"): ParseResult {
  const parsed = last && last.text === text && last.file === file ? last.parsed : parseText(file, text);
  last = { file, text, parsed };
  const error = parsed.diagnostics.find((d) => d.severity === "error");
  if (error) {
    const p = new LineIndex(text).position(error.span.start);
    throw new RubricSyntaxError(file, p.line + 1, p.character + 1, error);
  }
  return parsed;
}

export function parseRubric(text: string, file = "<input>"): RootNode {
  const parsed = parseChecked(text, file);
  last = undefined; // used once: a long-running server should not keep a document's tree alive
  const comments = parsed.comments.map((t): CommentNode => ({
    type: "Comment",
    value: t.image,
    block: t.tokenType.name === "BlockComment",
    start: t.startOffset,
    end: (t.endOffset ?? t.startOffset) + 1,
  }));
  const root: RootNode = { ...fileNode(parsed.ast, new Source(text)), comments, allComments: [...comments] };
  recordParents(root);
  return root;
}

/**
 * Formats rubric text with the prettier plugin, then checks the result:
 * it must parse to the same syntax tree and keep every comment, or it is
 * refused. Used by `rubric fmt` and the language server.
 */
import { format } from "prettier/standalone";
import { parseText } from "../compiler/syntax/parse.js";
import { parseChecked } from "./parser.js";
import plugin from "./plugin.js";
import { commentsKept, meaningOf, meaningOfParse } from "./same-meaning.js";
import { lineEndingOf, normalizeLineEnds, restoreLineEndings } from "./line-endings.js";

export { RubricSyntaxError } from "./parser.js";

export interface FormatOptions {
  /** Shown in errors. */
  readonly file?: string;
  readonly printWidth?: number;
}

/**
 * The canonical form of `text`, keeping its line ending (see `line-endings.ts`),
 * a leading byte-order mark and every string literal byte for byte.
 * Throws `RubricSyntaxError` if it does not parse.
 */
export async function formatRubric(text: string, options: FormatOptions = {}): Promise<string> {
  const bom = text.startsWith("\ufeff") ? "\ufeff" : "";
  const original = text.slice(bom.length);
  const out = await formatLf(normalizeLineEnds(original), options);
  if (!original.includes("\r")) return bom + out;
  const file = options.file ?? "<input>";
  const restored = restoreLineEndings(original, out, lineEndingOf(original));
  if (meaningOf(restored, file) !== meaningOf(original, file)) throw new Error(`${file}: ${KEPT_NOTHING}`);
  return bom + restored;
}

const KEPT_NOTHING =
  "internal error: the formatted text would not keep the meaning or the comments of the original; the file was left as it is";

/** The canonical form of text with LF line ends. */
async function formatLf(source: string, options: FormatOptions): Promise<string> {
  const file = options.file ?? "<input>";
  // Parsed once here (syntax errors are thrown from here); the plugin's parser reuses it.
  const before = parseChecked(source, file);
  const out = await format(source, {
    parser: "rubric",
    plugins: [plugin],
    filepath: file,
    ...(options.printWidth ? { printWidth: options.printWidth } : {}),
  });
  const after = parseText(file, out);
  const meaning = meaningOfParse(before);
  if (meaning === undefined || meaning !== meaningOfParse(after) || !commentsKept(before, after)) {
    throw new Error(`${file}: ${KEPT_NOTHING}`);
  }
  return out;
}

/**
 * Formats rubric text with the prettier plugin, then checks the result:
 * it must parse to the same syntax tree and keep every comment, or it is
 * refused. Used by `rubric fmt` and the language server.
 */
import { format } from "prettier/standalone";
import { parseText } from "../compiler/syntax/parse.js";
import { parseChecked } from "./parser.js";
import plugin from "./plugin.js";
import { commentsKept, meaningOfParse } from "./same-meaning.js";

export { RubricSyntaxError } from "./parser.js";

export interface FormatOptions {
  /** Shown in errors. */
  readonly file?: string;
  readonly printWidth?: number;
}

/** The canonical form of `text` (line ends become LF). Throws `RubricSyntaxError` if it does not parse. */
export async function formatRubric(text: string, options: FormatOptions = {}): Promise<string> {
  const file = options.file ?? "<input>";
  const source = text.replace(/\r\n?/g, "\n");
  // Parsed once here (syntax errors are thrown from here); the plugin's parser reuses it.
  const before = parseChecked(source, file);
  const out = await format(source, { parser: "rubric", plugins: [plugin], filepath: file, ...(options.printWidth ? { printWidth: options.printWidth } : {}) });
  const after = parseText(file, out);
  const meaning = meaningOfParse(before);
  if (meaning === undefined || meaning !== meaningOfParse(after) || !commentsKept(before, after)) {
    throw new Error(`${file}: internal error: the formatted text would not keep the meaning or the comments of the original; the file was left as it is`);
  }
  return out;
}

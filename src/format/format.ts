/**
 * Formats rubric text with the prettier plugin, then checks the result:
 * it must parse to the same syntax tree and keep every comment, or it is
 * refused. Used by `rubric fmt` and the language server.
 */
import { format } from "prettier/standalone";
import plugin from "./plugin.js";
import { commentsKept, sameMeaning } from "./same-meaning.js";

export { RubricSyntaxError } from "./parser.js";

export interface FormatOptions {
  /** Shown in errors. */
  readonly file?: string;
  readonly printWidth?: number;
}

/**
 * A comment inside an expression may be moved to the end of its line, and
 * the result may settle only on a second pass; ordinary files settle on the
 * first. Passes beyond this many are a bug.
 */
const MAX_PASSES = 3;

async function pass(text: string, file: string, printWidth: number | undefined): Promise<string> {
  return format(text, { parser: "rubric", plugins: [plugin], filepath: file, ...(printWidth ? { printWidth } : {}) });
}

/** The canonical form of `text`. Throws `RubricSyntaxError` if it does not parse. */
export async function formatRubric(text: string, options: FormatOptions = {}): Promise<string> {
  const file = options.file ?? "<input>";
  const source = text.replace(/\r\n?/g, "\n");
  let out = await pass(source, file, options.printWidth);
  for (let i = 1; i < MAX_PASSES; i++) {
    const again = await pass(out, file, options.printWidth);
    if (again === out) break;
    out = again;
  }
  if (!sameMeaning(source, out) || !commentsKept(source, out)) {
    throw new Error(`${file}: internal error: the formatted text would not keep the meaning or the comments of the original; the file was left as it is`);
  }
  return out;
}

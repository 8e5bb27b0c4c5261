/**
 * `rubric.js` as bundled into the extension: the language server,
 * `rubric.js lsp --stdio [--lang zh|en]`. (The batch and compile commands
 * of the full `rubric` CLI need exceljs and TypeScript; an editor does not.)
 */
import { parseArgs } from "node:util";
import { runStdio } from "../../../src/lsp/stdio.js";

const USAGE = "usage: rubric.js lsp --stdio [--lang zh|en]";

function main(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        stdio: { type: "boolean", default: false },
        lang: { type: "string" },
        clientProcessId: { type: "string" },
      },
    });
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const [command] = parsed.positionals;
  if (command !== "lsp" || !parsed.values.stdio) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const lang = parsed.values.lang;
  runStdio(lang === "zh" || lang === "en" ? { lang } : {});
  return 0;
}

process.exitCode = main(process.argv.slice(2));

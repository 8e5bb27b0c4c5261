/** The `rubric` command line. Never ends in a stack trace: unexpected failures are reported as internal errors. */
import { parseArgs } from "node:util";
import { runCheck, type CommandIO } from "./check.js";
import { runTest } from "./test.js";
import { pickLang, useColor } from "./options.js";

const USAGE = `usage:
  rubric check [--json] [--lang zh|en] <paths…>   check rubric files (directories: every .rubric below)
  rubric test  [--json] [--lang zh|en] <paths…>   run the examples written in the rubrics
  rubric help

exit status: 0 ok, 1 errors or failing examples, 2 bad usage`;

export function main(argv: readonly string[], io: CommandIO): number {
  const [command, ...rest] = argv;
  if (!command || command === "help" || command === "--help" || command === "-h") {
    io.out(USAGE);
    return command ? 0 : 2;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: [...rest],
      allowPositionals: true,
      options: { json: { type: "boolean", default: false }, lang: { type: "string" } },
    });
  } catch (e) {
    io.err(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const lang = pickLang(parsed.values.lang);
  if (parsed.values.lang !== undefined && !["zh", "en"].includes(parsed.values.lang)) {
    io.err(`--lang must be zh or en\n${USAGE}`);
    return 2;
  }
  const paths = parsed.positionals.length > 0 ? parsed.positionals : ["."];
  const opts = { json: parsed.values.json ?? false, lang };
  switch (command) {
    case "check":
      return runCheck(paths, opts, io);
    case "test":
      return runTest(paths, opts, io);
    default:
      io.err(`unknown command '${command}'\n${USAGE}`);
      return 2;
  }
}

export function run(): void {
  // `rubric check … | head` closes the pipe early: stop quietly, as other Unix tools do.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  const io: CommandIO = {
    out: (s) => process.stdout.write(`${s}\n`),
    err: (s) => process.stderr.write(`${s}\n`),
    color: useColor(process.stdout),
  };
  let code: number;
  try {
    code = main(process.argv.slice(2), io);
  } catch (e) {
    io.err(`rubric: internal error: ${(e as Error)?.message ?? String(e)}\nplease report this with the file that caused it`);
    code = 70;
  }
  process.exitCode = code;
}

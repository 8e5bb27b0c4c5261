/**
 * The `rubric` command line. Never ends in a stack trace: unexpected failures are reported as internal errors.
 * Each command is imported only when it runs, so that `--help` loads no compiler and only `compile` and `fmt`
 * load TypeScript or prettier (test/cli-startup.test.ts checks this).
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { CommandIO } from "./check.js";
import { pickLang, useColor } from "./options.js";
import type { ScoreIO } from "./score.js";

const USAGE = `usage:
  rubric check [--json] [--lang zh|en] <paths…>   check rubric files (directories: every .rubric below)
  rubric test  [--json] [--lang zh|en] <paths…>   run the examples written in the rubrics
  rubric lsp --stdio [--lang zh|en]               the language server, over stdin/stdout
  rubric score <rubric-file|dir> <input.json|.jsonl|.csv|.xlsx> [--rubric NAME]
               [--format table|json|jsonl|csv|xlsx|md] [--explain] [-o FILE] [--lang zh|en]
                                                  score departments (one per JSON object or CSV/XLSX row)
  rubric compile <rubric-file> -o <dir> [--rubric NAME] [--runtime SPECIFIER]
                                                  typed TypeScript, JavaScript + .d.ts and a JSON Schema per rubric
  rubric compile <rubric-file> --standalone -o <file.js|file.mjs|dir> [--rubric NAME]
                                                  JavaScript + .d.ts with the runtime inlined: needs only decimal.js
  rubric render <rubric-file> [--rubric NAME] [--format html|md|xlsx] [-o FILE] [--lang zh|en]
               [--example NAME] [--changes]         the 评分表 as a document; --example: a score report
  rubric fmt [--check] [--lang zh|en] <paths…>    rewrite rubric files in the canonical layout;
                                                  --check: list unformatted files, change nothing
  rubric import <annex.xlsx|.csv> [-o FILE] [--sheet NAME] [--name NAME] [--year N]
                                                  an annex table (评分表) → a .rubric skeleton
  rubric diff <old> <new> [--rubric NAME]… [--inputs FILE] [--format text|md|html] [-o FILE]
                                                  what changed between two rubrics, re-scored on inputs
  rubric help | --help | -h
  rubric --version | -V

exit status: 0 ok, 1 errors or failing examples, 2 bad usage`;

/** The package's version, from the package.json two folders up (of src/cli, dist/cli and dist/bundle alike). */
function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version?: unknown };
  return String(pkg.version);
}

/** `check`, `test`, `lsp` and usage; resolves to the exit status. */
export async function main(argv: readonly string[], io: CommandIO): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "help" || command === "--help" || command === "-h") {
    io.out(USAGE);
    return command ? 0 : 2;
  }
  if (command === "--version" || command === "-V") {
    io.out(version());
    return 0;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: [...rest],
      allowPositionals: true,
      options: {
        json: { type: "boolean", default: false },
        lang: { type: "string" },
        // `rubric lsp`: editors' clients pass these.
        stdio: { type: "boolean", default: false },
        clientProcessId: { type: "string" },
      },
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
      return (await import("./check.js")).runCheck(paths, opts, io);
    case "test":
      return (await import("./test.js")).runTest(paths, opts, io);
    case "lsp": {
      if (!parsed.values.stdio) {
        io.err(`rubric lsp needs --stdio (the only transport)\n${USAGE}`);
        return 2;
      }
      // Only an explicit --lang: otherwise the editor's locale decides, not the environment's.
      const explicit = parsed.values.lang !== undefined ? { lang } : {};
      // The server keeps the process alive until `exit`.
      try {
        (await import("../lsp/stdio.js")).runStdio(explicit);
      } catch (e) {
        io.err(`rubric: internal error: cannot start the language server: ${(e as Error)?.message ?? String(e)}`);
        return 70;
      }
      return 0;
    }
    default:
      io.err(`unknown command '${command}'\n${USAGE}`);
      return 2;
  }
}

/** Every command, the streaming ones (`score`) included; resolves to the exit status. */
export async function mainAsync(argv: readonly string[], io: ScoreIO): Promise<number> {
  if (argv[0] === "score") return (await import("./score.js")).runScore(argv.slice(1), io);
  if (argv[0] === "compile") return compileCommand(argv.slice(1), io);
  if (argv[0] === "fmt") return fmtCommand(argv.slice(1), io);
  if (argv[0] === "render") return (await import("./render-command.js")).runRender(argv.slice(1), io);
  if (argv[0] === "import") return import("./import.js").then((m) => m.runImport(argv.slice(1), io));
  if (argv[0] === "diff") return import("./diff.js").then((m) => m.runDiff(argv.slice(1), io));
  return main(argv, io);
}

async function compileCommand(args: readonly string[], io: CommandIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        output: { type: "string", short: "o" },
        rubric: { type: "string" },
        runtime: { type: "string" },
        standalone: { type: "boolean", default: false },
        lang: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (e) {
    io.err(`${(e as Error).message}
${USAGE}`);
    return 2;
  }
  const v = parsed.values;
  if (v.help) {
    const lines = USAGE.split("\n");
    io.out(["usage:", ...lines.filter((l, i) => `${l}${lines[i - 1] ?? ""}`.includes("rubric compile <"))].join("\n"));
    return 0;
  }
  if (!v.output || parsed.positionals.length === 0) {
    io.err(`rubric compile needs a rubric file and -o <${v.standalone ? "file.js|file.mjs|dir" : "dir"}>\n${USAGE}`);
    return 2;
  }
  const { runCompile } = await import("./compile.js");
  return runCompile(
    parsed.positionals,
    {
      out: v.output,
      lang: pickLang(v.lang),
      ...(v.rubric ? { rubric: v.rubric } : {}),
      ...(v.runtime ? { runtime: v.runtime } : {}),
      ...(v.standalone ? { standalone: true } : {}),
    },
    io,
  );
}

async function fmtCommand(args: readonly string[], io: CommandIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: { check: { type: "boolean", default: false }, lang: { type: "string" } },
    });
  } catch (e) {
    io.err(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (parsed.values.lang !== undefined && !["zh", "en"].includes(parsed.values.lang)) {
    io.err(`--lang must be zh or en\n${USAGE}`);
    return 2;
  }
  const paths = parsed.positionals.length > 0 ? parsed.positionals : ["."];
  const { runFmt } = await import("./fmt.js");
  return runFmt(paths, { check: parsed.values.check ?? false, lang: pickLang(parsed.values.lang) }, io);
}

export function run(): void {
  // `rubric check … | head` closes the pipe early: stop quietly, as other Unix tools do.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  const io: ScoreIO = {
    out: (s) => process.stdout.write(`${s}\n`),
    err: (s) => process.stderr.write(`${s}\n`),
    color: useColor(process.stdout),
    stdout: process.stdout,
    stderr: process.stderr,
  };
  const internal = (e: unknown): number => {
    io.err(
      `rubric: internal error: ${(e as Error)?.message ?? String(e)}\nplease report this with the file that caused it`,
    );
    return 70;
  };
  void mainAsync(process.argv.slice(2), io)
    .catch(internal)
    .then((c) => {
      process.exitCode = c;
    });
}

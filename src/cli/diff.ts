/**
 * `rubric diff <old> <new> [--inputs FILE] [--format text|md|html] [-o FILE] [--lang zh|en]`
 *
 * <old> and <new> are two rubric files (each holding one rubric), or two
 * rubric names ("大鹏新区政数局 2021") found among the files and directories
 * given (default: the current directory), also as `--rubric NAME` twice.
 * Exit 0 when compared, 1 when a rubric cannot be found or has errors, 2 on
 * bad usage.
 */
import { existsSync } from "node:fs";
import { relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { CheckedRubric } from "../compiler/program.js";
import type { Text } from "../runtime/report.js";
import { compareRubrics } from "../diff/compare.js";
import { renderHtml, renderMarkdown, renderText, type DiffFormat } from "../diff/present.js";
import { rescore } from "../diff/rescore.js";
import { RubricChooser, rubricKeyOf } from "./batch/rubrics.js";
import { diagnosticsForPaths, type CommandIO } from "./check.js";
import { fsReason } from "./fs-errors.js";
import { documentLang } from "./import.js";
import { colors, renderDiagnostic } from "./render.js";
import { writeFileAtomic } from "./write-file-atomic.js";

export const DIFF_USAGE = `usage: rubric diff <old.rubric> <new.rubric> [--inputs FILE] [--format text|md|html] [-o FILE] [--lang zh|en]
       rubric diff [paths…] --rubric OLD --rubric NEW [--inputs FILE] …   (rubrics by name, "名称 年度")`;

const FORMATS: readonly DiffFormat[] = ["text", "md", "html"];

export async function runDiff(args: readonly string[], io: CommandIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        rubric: { type: "string", multiple: true },
        inputs: { type: "string" },
        format: { type: "string" },
        output: { type: "string", short: "o" },
        lang: { type: "string" },
      },
    });
  } catch (e) {
    io.err(`${(e as Error).message}\n${DIFF_USAGE}`);
    return 2;
  }
  const v = parsed.values;
  const byExt = v.output?.endsWith(".html") ? "html" : v.output?.endsWith(".md") ? "md" : undefined;
  const format = (v.format ?? byExt ?? "text") as DiffFormat;
  if (!FORMATS.includes(format) || (v.lang !== undefined && v.lang !== "zh" && v.lang !== "en")) {
    io.err(DIFF_USAGE);
    return 2;
  }
  const lang = documentLang(v.lang);
  const zh = lang === "zh";
  const paths = parsed.positionals.filter((x) => existsSync(x));
  const names = [...parsed.positionals.filter((x) => !existsSync(x)), ...(v.rubric ?? [])];
  if (!(names.length === 2 || (names.length === 0 && paths.length === 2))) {
    io.err(
      zh
        ? `需要两个评分表：两个文件，或两个名称（--rubric）\n${DIFF_USAGE}`
        : `two rubrics are needed: two files, or two names (--rubric)\n${DIFF_USAGE}`,
    );
    return 2;
  }
  const { diagnostics, linesOf, program, missing } = diagnosticsForPaths(paths.length > 0 ? paths : ["."]);
  for (const m of missing) io.err(zh ? `找不到文件：${m}` : `no such file: ${m}`);
  const errors = diagnostics.filter((d) => d.severity === "error");
  for (const d of errors) io.err(renderDiagnostic(d, linesOf, lang, colors(io.color)));
  if (errors.length > 0 || missing.length > 0) return 1;

  const chooser = new RubricChooser(program.rubrics, program.rubrics, undefined, true);
  const pick = (i: 0 | 1): CheckedRubric | Text => {
    if (names.length === 2) return chooser.find(names[i] as string);
    const file = relative(process.cwd(), resolve(paths[i] as string));
    const here = program.rubrics.filter((r) => r.model.file === file);
    if (here.length === 1 && here[0]) return here[0];
    const keys = here.map(rubricKeyOf).join("、");
    return here.length === 0
      ? { zh: `${file} 中没有评分表`, en: `no rubric in ${file}` }
      : {
          zh: `${file} 中有多个评分表（${keys}）：请用 --rubric 指明`,
          en: `${file} holds several rubrics (${keys}): name them with --rubric`,
        };
  };
  const oldR = pick(0);
  const newR = pick(1);
  for (const r of [oldR, newR]) if (!("model" in r)) io.err(r[lang]);
  if (!("model" in oldR) || !("model" in newR)) return 1;

  const diff = compareRubrics(oldR.model, newR.model);
  let rows;
  if (v.inputs !== undefined) {
    if (!existsSync(v.inputs)) {
      io.err(zh ? `找不到输入文件：${v.inputs}` : `no such input file: ${v.inputs}`);
      return 1;
    }
    const r = await rescore(v.inputs, oldR, newR, diff);
    if ("error" in r) {
      io.err(r.error[lang]);
      return 1;
    }
    for (const p of r.problems) io.err(`${v.inputs}: ${p[lang]}`);
    rows = r.rows;
  }
  const c = colors(io.color && !v.output && format === "text");
  const text =
    format === "md"
      ? renderMarkdown(diff, rows, lang)
      : format === "html"
        ? renderHtml(diff, rows, lang)
        : renderText(diff, rows, lang, io.color && !v.output ? { del: c.red, ins: c.green, head: c.bold } : undefined);
  if (v.output) {
    try {
      writeFileAtomic(v.output, text);
    } catch (e) {
      const why = fsReason(e);
      io.err(zh ? `无法写入 ${v.output}：${why.zh}` : `cannot write ${v.output}: ${why.en}`);
      return 1;
    }
  } else io.out(text.replace(/\n$/, ""));
  return 0;
}

/**
 * `rubric render <rubric-file> [--rubric NAME] [--format html|md|xlsx] [-o FILE]
 *   [--lang zh|en] [--example NAME] [--changes]`
 *
 * The rubric as the official 评分表; with --example, that example's scores
 * and why points were lost (a department's score report). Documents are in
 * Chinese unless --lang en.
 */
import { parseArgs } from "node:util";
import type { CommandIO } from "./check.js";
import { diagnosticsForPaths } from "./check.js";
import { pickLang } from "./options.js";
import { colors, renderDiagnostic } from "./render.js";
import { writeFileAtomic } from "./write-file-atomic.js";
import { fsReason } from "./fs-errors.js";
import { inputAt } from "./same-file.js";
import { RubricChooser, rubricKeyOf } from "./batch/rubrics.js";
import { runExample } from "../compiler/examples/run.js";
import type { CheckedRubric } from "../compiler/program.js";
import type { Report } from "../runtime/report.js";
import { buildAnnex } from "../render/annex.js";
import { annexHtml } from "../render/html.js";
import { annexMarkdown } from "../render/markdown.js";
import { annexWorkbook } from "../render/xlsx.js";

export const RENDER_USAGE = `usage: rubric render <rubric-file> [--rubric NAME] [--format html|md|xlsx] [-o FILE] [--lang zh|en]
         [--example NAME] [--changes]
  the rubric as the official 评分表 (Chinese unless --lang en);
  --example NAME: with that example's scores and why points were lost;
  --changes: mark what changed from the rubric it extends`;

const FORMATS = ["html", "md", "xlsx"] as const;
type Format = (typeof FORMATS)[number];

function formatOf(file: string | undefined): Format | undefined {
  const ext = file ? /\.([a-z]+)$/i.exec(file)?.[1]?.toLowerCase() : undefined;
  if (ext === "htm") return "html";
  if (ext === "markdown") return "md";
  return FORMATS.find((f) => f === ext);
}

export async function runRender(args: readonly string[], io: CommandIO & { env?: NodeJS.ProcessEnv }): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        rubric: { type: "string" },
        format: { type: "string" },
        output: { type: "string", short: "o" },
        lang: { type: "string" },
        example: { type: "string" },
        changes: { type: "boolean", default: false },
      },
    });
  } catch (e) {
    io.err(`${(e as Error).message}\n${RENDER_USAGE}`);
    return 2;
  }
  const v = parsed.values;
  if (v.lang !== undefined && v.lang !== "zh" && v.lang !== "en") {
    io.err(`--lang must be zh or en\n${RENDER_USAGE}`);
    return 2;
  }
  const lang = v.lang === "en" ? "en" : "zh";
  const msgLang = pickLang(v.lang, io.env ?? process.env);
  const zh = msgLang === "zh";
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length > 0) {
    io.err(RENDER_USAGE);
    return 2;
  }
  const format = (v.format ?? formatOf(v.output) ?? "html") as Format;
  if (!FORMATS.includes(format)) {
    io.err(`--format must be one of ${FORMATS.join(", ")}\n${RENDER_USAGE}`);
    return 2;
  }
  if (format === "xlsx" && !v.output) {
    io.err(zh ? "xlsx 输出需要 -o 文件名" : "xlsx output needs -o FILE");
    return 2;
  }

  const { diagnostics, linesOf, missing, program, reported } = diagnosticsForPaths([file]);
  for (const m of missing) io.err(zh ? `找不到文件：${m}` : `no such file: ${m}`);
  const errors = diagnostics.filter((d) => d.severity === "error");
  for (const d of errors) io.err(renderDiagnostic(d, linesOf, msgLang, colors(io.color)));
  if (missing.length > 0 || errors.length > 0) return 1;
  const named = program.rubrics.filter((r) => reported.has(r.model.file));

  let rubric: CheckedRubric | undefined;
  let report: Report | undefined;
  let subject: string | undefined;
  if (v.example !== undefined) {
    const wanted = v.example.trim();
    const examples = program.examples.filter((e) => reported.has(e.file));
    const hits = examples.filter((e) => e.title === wanted);
    const found = hits.length > 0 ? hits : examples.filter((e) => e.title.includes(wanted));
    const titles = examples.map((e) => `  ${e.title}`).join("\n");
    if (found.length !== 1 || !found[0]) {
      io.err(
        found.length === 0
          ? zh
            ? `${file} 中没有案例「${wanted}」；现有案例：\n${titles}`
            : `no example '${wanted}' in ${file}; its examples:\n${titles}`
          : zh
            ? `案例「${wanted}」不唯一，请写全标题：\n${found.map((e) => `  ${e.title}`).join("\n")}`
            : `example '${wanted}' is ambiguous; give its full title:\n${found.map((e) => `  ${e.title}`).join("\n")}`,
      );
      return 1;
    }
    const result = runExample(found[0]);
    if (!result.result) {
      for (const p of result.problems) io.err(p[msgLang]);
      return 1;
    }
    rubric = found[0].rubric;
    report = result.result.report;
    subject = found[0].title;
  } else {
    const chooser = new RubricChooser(program.rubrics, named, undefined);
    if (v.rubric !== undefined) {
      const r = chooser.find(v.rubric);
      if (!("model" in r)) {
        io.err(r[msgLang]);
        return 1;
      }
      rubric = r;
    } else if (named.length === 1) rubric = named[0];
    else {
      io.err(
        named.length === 0
          ? zh
            ? `${file} 中没有评分表`
            : `no rubric in ${file}`
          : zh
            ? `${file} 中有多个评分表，请用 --rubric 指定：${named.map(rubricKeyOf).join("、")}`
            : `${file} holds several rubrics; pick one with --rubric: ${named.map(rubricKeyOf).join(", ")}`,
      );
      return 1;
    }
  }
  if (!rubric) return 1;
  if (v.changes && !rubric.model.base) {
    io.err(
      zh
        ? `评分表「${rubricKeyOf(rubric)}」没有 extends 其他评分表，--changes 无从比较`
        : `rubric '${rubricKeyOf(rubric)}' extends no other rubric: --changes has nothing to compare with`,
    );
    return 1;
  }

  const annex = buildAnnex(rubric.model, { lang, ...(report ? { report } : {}), changes: v.changes ?? false });
  let data: string | Buffer;
  if (format === "xlsx") data = await annexWorkbook([{ annex, name: subject ?? rubricKeyOf(rubric) }]);
  else if (format === "md") data = annexMarkdown(annex, subject);
  else data = await annexHtml(annex, subject !== undefined ? { subject } : {});

  if (!v.output) {
    io.out(typeof data === "string" ? data.replace(/\n$/, "") : "");
    return 0;
  }
  const clash = inputAt(v.output, [file, ...program.documents.keys()]);
  if (clash !== undefined) {
    io.err(
      zh
        ? `拒绝写入 ${v.output}：它就是要读取的文件 ${clash}；请用 -o 指定另一个文件`
        : `refusing to write ${v.output}: it is ${clash}, a file this command reads; give -o another file`,
    );
    return 2;
  }
  try {
    writeFileAtomic(v.output, data);
  } catch (e) {
    const why = fsReason(e);
    io.err(zh ? `无法写入 ${v.output}：${why.zh}` : `cannot write ${v.output}: ${why.en}`);
    return 1;
  }
  return 0;
}

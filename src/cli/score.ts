/**
 * `rubric score <rubric-file> <input.json|.jsonl|.csv|.xlsx> [--rubric NAME]
 *   [--format table|json|jsonl|csv|xlsx|md] [--explain] [-o FILE] [--lang zh|en]`
 *
 * Scores one department or many. The input streams: one result per input
 * row, in order, written as it is scored; a bad row is reported on stderr
 * with its row number, line, field and indicators, and the others go on.
 * Exit 0 when every row scored, 1 when any failed (or the rubric or input
 * could not be read), 2 on bad usage.
 */
import { createReadStream, statSync } from "node:fs";
import { PassThrough, type Writable } from "node:stream";
import { parseArgs } from "node:util";
import type { CommandIO } from "./check.js";
import { diagnosticsForPaths } from "./check.js";
import { pickLang } from "./options.js";
import { colors, renderDiagnostic } from "./render.js";
import { suggest } from "../runtime/suggest.js";
import { csvSink } from "./batch/formats/csv.js";
import { jsonSink, jsonlSink } from "./batch/formats/json.js";
import { mdSink } from "./batch/formats/md.js";
import type { Sink, SinkOptions } from "./batch/formats/sink.js";
import { tableSink } from "./batch/formats/table.js";
import { xlsxSink } from "./batch/formats/xlsx.js";
import { linesOut, streamOut, type TextOut } from "./batch/out.js";
import { progressBar } from "./batch/progress.js";
import { formatOf, readRecords } from "./batch/records.js";
import { RubricChooser } from "./batch/rubrics.js";
import { scoreRecords, summaryLine, type BatchContext, type BatchSummary } from "./batch/run.js";
import { scoreRecordsInPool } from "./batch/pool.js";
import { collectPeerStats } from "./batch/peer-pass.js";
import { visible } from "./batch/visible.js";
import { fsReason } from "./fs-errors.js";
import { inputAt } from "./same-file.js";
import { openAtomicOutput, type AtomicOutput } from "./write-file-atomic.js";

export interface ScoreIO extends CommandIO {
  /** Where results go without -o (else `out`, line by line). */
  readonly stdout?: Writable & { isTTY?: boolean };
  /** For the progress bar (shown only on a terminal, outside CI). */
  readonly stderr?: NodeJS.WriteStream;
  readonly env?: NodeJS.ProcessEnv;
}

export const SCORE_USAGE = `usage: rubric score <rubric-file|dir> <input.json|.jsonl|.csv|.xlsx> [--rubric NAME]
         [--format table|json|jsonl|csv|xlsx|md] [--explain] [--reference] [--jobs N] [-o FILE] [--lang zh|en] [--sheet NAME]
  (--sheet: the XLSX worksheet to read, by its tab name; default the first tab)
  (--reference: score with the reference evaluator instead of the compiled scorer — same numbers, slower)
  (--jobs N: score in N worker threads, for large files; output and messages as with one job; default 1)
  (--report-dir DIR: also write each department's score report, HTML and XLSX, and an index.html)`;

const FORMATS = ["table", "json", "jsonl", "csv", "xlsx", "md"] as const;
type Format = (typeof FORMATS)[number];

function formatFromOutput(file: string | undefined): Format | undefined {
  const ext = file ? /\.([a-z]+)$/i.exec(file)?.[1]?.toLowerCase() : undefined;
  if (ext === "ndjson") return "jsonl";
  return FORMATS.find((f) => f === ext && f !== "table");
}

export async function runScore(args: readonly string[], io: ScoreIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        rubric: { type: "string" },
        format: { type: "string" },
        explain: { type: "boolean", default: false },
        reference: { type: "boolean", default: false },
        output: { type: "string", short: "o" },
        lang: { type: "string" },
        sheet: { type: "string" },
        jobs: { type: "string" },
        "report-dir": { type: "string" },
      },
    });
  } catch (e) {
    io.err(`${(e as Error).message}\n${SCORE_USAGE}`);
    return 2;
  }
  const v = parsed.values;
  if (v.lang !== undefined && v.lang !== "zh" && v.lang !== "en") {
    io.err(`--lang must be zh or en\n${SCORE_USAGE}`);
    return 2;
  }
  const jobs = v.jobs === undefined ? 1 : /^[1-9]\d{0,2}$/.test(v.jobs) ? Number(v.jobs) : undefined;
  if (jobs === undefined) {
    io.err(`--jobs must be a whole number from 1 to 999\n${SCORE_USAGE}`);
    return 2;
  }
  if (jobs > 1 && v.reference) {
    io.err(`--jobs is for the compiled scorer; --reference scores in one thread\n${SCORE_USAGE}`);
    return 2;
  }
  const lang = pickLang(v.lang, io.env ?? process.env);
  const zh = lang === "zh";
  const [rubricPath, inputPath, ...extra] = parsed.positionals;
  if (!rubricPath || !inputPath || extra.length > 0) {
    io.err(SCORE_USAGE);
    return 2;
  }
  const format = (v.format ?? formatFromOutput(v.output) ?? "table") as Format;
  if (!FORMATS.includes(format)) {
    io.err(`--format must be one of ${FORMATS.join(", ")}\n${SCORE_USAGE}`);
    return 2;
  }
  const inputFormat = formatOf(inputPath);
  if (!inputFormat) {
    io.err(
      zh
        ? `无法识别输入文件的格式：${inputPath}（应为 .json、.jsonl、.csv 或 .xlsx）`
        : `cannot tell the input's format from its name: ${inputPath} (expected .json, .jsonl, .csv or .xlsx)`,
    );
    return 2;
  }

  // The rubric.
  const { diagnostics, linesOf, missing, program, reported } = diagnosticsForPaths([rubricPath]);
  for (const m of missing) io.err(zh ? `找不到文件：${m}` : `no such file: ${m}`);
  const errors = diagnostics.filter((d) => d.severity === "error");
  for (const d of errors) io.err(renderDiagnostic(d, linesOf, lang, colors(io.color)));
  if (missing.length > 0 || errors.length > 0) return 1;
  const named = program.rubrics.filter((r) => reported.has(r.model.file));
  const probe = new RubricChooser(program.rubrics, named, undefined);
  let fallback = named.length === 1 ? named[0] : undefined;
  if (v.rubric !== undefined) {
    const r = probe.find(v.rubric);
    if (!("model" in r)) {
      io.err(r[lang]);
      return 1;
    }
    fallback = r;
  }
  if (program.rubrics.length === 0) {
    io.err(zh ? `${rubricPath} 中没有评分表` : `no rubric in ${rubricPath}`);
    return 1;
  }
  const chooser = new RubricChooser(
    program.rubrics,
    named.length > 0 ? named : program.rubrics,
    fallback,
    v.reference ?? false,
  );

  if (v.sheet !== undefined && inputFormat !== "xlsx") {
    io.err(`--sheet is for .xlsx input only\n${SCORE_USAGE}`);
    return 2;
  }

  // The input.
  let size: number;
  try {
    const st = statSync(inputPath);
    if (st.isDirectory()) {
      io.err(zh ? `输入文件是一个目录：${inputPath}` : `the input is a directory, not a file: ${inputPath}`);
      return 1;
    }
    size = st.size;
  } catch {
    io.err(zh ? `找不到输入文件：${inputPath}` : `no such input file: ${inputPath}`);
    return 1;
  }
  const source = createReadStream(inputPath, { highWaterMark: 256 * 1024 });
  // A read error reaches the loop through the stream's iterator; this keeps it from also being thrown as an unhandled event.
  source.on("error", () => {});

  // The output: never one of the files being read.
  const clash = v.output ? inputAt(v.output, [inputPath, rubricPath, ...program.documents.keys()]) : undefined;
  if (v.output && clash !== undefined) {
    io.err(
      zh
        ? `拒绝写入 ${v.output}：它就是要读取的文件 ${clash}，写入会覆盖它；请用 -o 指定另一个文件`
        : `refusing to write ${v.output}: it is ${clash}, a file this command reads, and would be overwritten; give -o another file`,
    );
    source.destroy();
    return 2;
  }
  // Written beside the target and renamed over it only when the run is complete: a failure leaves the old file as it was.
  let output: AtomicOutput | undefined;
  if (v.output) {
    try {
      output = await openAtomicOutput(v.output);
    } catch (e) {
      const why = fsReason(e);
      io.err(zh ? `无法写入 ${v.output}：${why.zh}` : `cannot write ${v.output}: ${why.en}`);
      source.destroy();
      return 1;
    }
  }
  const file = output?.stream;
  const opts: SinkOptions = {
    lang,
    explain: v.explain ?? false,
    indicators: chooser.indicatorPaths(),
    showRubric: !fallback,
    color: io.color && !v.output,
  };
  let sink: Sink;
  if (format === "xlsx") {
    let target: Writable;
    if (file) target = file;
    else if (io.stdout && !io.stdout.isTTY) {
      const pass = new PassThrough();
      pass.pipe(io.stdout, { end: false });
      target = pass;
    } else {
      io.err(zh ? "xlsx 输出需要 -o 文件名（或重定向到文件）" : "xlsx output needs -o FILE (or a redirect to a file)");
      source.destroy();
      return 2;
    }
    sink = await xlsxSink(target, opts);
  } else {
    const out: TextOut = file ? streamOut(file, true) : io.stdout ? streamOut(io.stdout, false) : linesOut(io.out);
    sink =
      format === "csv"
        ? csvSink(out, opts, !!v.output)
        : format === "json"
          ? jsonSink(out, opts)
          : format === "jsonl"
            ? jsonlSink(out, opts)
            : format === "md"
              ? mdSink(out, opts)
              : tableSink(out, opts);
  }

  const reportDir = v["report-dir"];
  if (reportDir !== undefined) {
    const rubricFor = (key: string) => {
      const r = chooser.find(key);
      return "model" in r ? r : undefined;
    };
    sink = (await import("../render/report-dir.js")).reportDirSink(sink, reportDir, {
      lang: v.lang === "en" ? "en" : "zh",
      rubricFor,
    });
  }

  const vocabulary = chooser.vocabulary();
  const reserved = ["id", "编号", "部门", "rubric", "评分表", "其余满分", "judge_rest_full"];
  let headerFailed = false;
  const progress = io.stderr
    ? progressBar(io.stderr, size, io.env ?? process.env)
    : progressBar({ isTTY: false } as NodeJS.WriteStream, 0);
  const recordOptions = {
    path: inputPath,
    ...(v.sheet !== undefined ? { sheet: v.sheet } : {}),
    isInput: (k: string) => vocabulary.has(k),
    suggest: (k: string) => suggest(k, [...vocabulary, ...reserved]),
  };
  const records = readRecords(source, inputFormat, {
    ...recordOptions,
    onHeaderProblem: (p) => {
      headerFailed = true;
      io.err(`${zh ? `表头（第 ${p.line} 行）` : `header (line ${p.line})`}: ${visible(p.message[lang])}`);
    },
  });
  const summary: BatchSummary = { rows: 0, failed: 0 };
  let failure: string | undefined;
  try {
    const base: BatchContext = {
      scorerFor: (name) => chooser.choose(name),
      sink,
      lineKind: inputFormat === "xlsx" ? "sheet-row" : "line",
      lang,
      err: io.err,
      progress,
      bytesRead: () => source.bytesRead,
      explain: (v.explain ?? false) || format === "json" || reportDir !== undefined,
    };
    // Issue 11, kind 7: peer statistics need every row first — a first pass over the file (header problems are told once, below).
    let ctx = base;
    if (chooser.usesPeers()) {
      const again = createReadStream(inputPath, { highWaterMark: 256 * 1024 });
      again.on("error", () => {});
      try {
        const rows = readRecords(again, inputFormat, { ...recordOptions, onHeaderProblem: () => {} });
        ctx = { ...base, peers: await collectPeerStats(rows, base) };
      } finally {
        again.destroy();
      }
    }
    if (jobs > 1 && reportDir === undefined)
      await scoreRecordsInPool(records, ctx, { jobs, format, sink: opts, sources: chooser.sources }, summary);
    else await scoreRecords(records, ctx, summary);
    await sink.end();
  } catch (e) {
    failure = (e as Error)?.message ?? String(e);
  } finally {
    progress.done();
    source.destroy();
  }
  if (output && v.output) {
    if (failure) await output.abort();
    else {
      try {
        await output.commit();
      } catch (e) {
        failure = fsReason(e)[lang];
      }
    }
  }
  if (failure) io.err(zh ? `评分中断：${visible(failure)}` : `scoring stopped: ${visible(failure)}`);
  if (failure && v.output)
    io.err(
      zh
        ? `未写入 ${v.output}（原有文件保持不变）`
        : `${v.output} was not written (an existing file is left as it was)`,
    );
  io.err(summaryLine(summary, lang, failure !== undefined));
  return summary.failed > 0 || (summary.fileErrors ?? 0) > 0 || headerFailed || failure ? 1 : 0;
}

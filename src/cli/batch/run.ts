/**
 * The batch loop: each record is mapped to a department's input, scored by
 * its rubric's scorer, and handed to the output as soon as it is done. A bad
 * row is reported (row number, line, field, indicators) and the others go on.
 */
import type { Text } from "../../runtime/report.js";
import { ScoreError, type InputError, type ScoreInput, type Scorer } from "../../runtime/scorer.js";
import { scoreRow } from "./instantiate.js";
import type { Sink } from "./formats/sink.js";
import type { Progress } from "./progress.js";
import type { SourceRecord } from "./records.js";
import { errorTexts, failed, where, type Lang, type RowResult } from "./result.js";
import { visible } from "./visible.js";
import type { PeerStats } from "../../runtime/peers.js";

export type ScorerChoice = { readonly scorer: Scorer; readonly key: string } | { readonly error: Text };

export interface BatchContext {
  /** The scorer for a row that names `rubric` (or names none). */
  readonly scorerFor: (rubric: string | undefined) => ScorerChoice;
  readonly sink: Sink;
  readonly lineKind: RowResult["lineKind"];
  readonly lang: Lang;
  /** Writes a line to stderr. */
  readonly err: (line: string) => void;
  readonly progress: Progress;
  readonly bytesRead: () => number;
  /** Keep trace lines in the reports (`--explain`, or a single department printed as JSON). */
  readonly explain: boolean;
  /** Issue 11, kind 7: each peer-reading rubric's statistics (by key), from the first pass (peer-pass.ts). */
  readonly peers?: ReadonlyMap<string, PeerStats>;
}

const problem = (message: Text, field = ""): InputError => ({ kind: "wrong-type", field, indicators: [], message });

/** A row ready for its scorer: everything but the scoring itself, which may run in a worker thread. */
export interface RowTask {
  /** The result so far (row, line, id, rubric key). */
  readonly row: Omit<RowResult, "errors" | "report">;
  readonly input: ScoreInput;
  /** Problems found while reading the row: the scorer only adds its validation to these. */
  readonly problems: readonly InputError[];
}

/** A record → its result when it cannot be scored (unreadable, no rubric), else what to score with which rubric. */
export function prepareRow(
  rec: SourceRecord,
  ctx: Pick<BatchContext, "scorerFor" | "lineKind">,
): RowResult | { readonly task: RowTask; readonly scorer: Scorer } {
  const base = {
    row: rec.row,
    lineKind: ctx.lineKind,
    ...(rec.line !== undefined ? { line: rec.line } : {}),
    ...(rec.single ? { single: true } : {}),
  };
  if (rec.error || !rec.input) return { ...base, errors: [problem(rec.error ?? { zh: "无法读取", en: "unreadable" })] };
  const { input, problems, id, rubric } = rec.input;
  const withId = { ...base, ...(id !== undefined ? { id } : {}) };
  const choice = ctx.scorerFor(rubric);
  if ("error" in choice)
    return { ...withId, ...(rubric !== undefined ? { rubric } : {}), errors: [problem(choice.error, "rubric")] };
  return { task: { row: { ...withId, rubric: choice.key }, input, problems }, scorer: choice.scorer };
}

/** Scores a prepared row: the same result in the main thread and in a worker. */
export function finishRow(task: RowTask, scorer: Scorer, explain: boolean, peers?: PeerStats): RowResult {
  const row = task.row;
  if (task.problems.length > 0) return { ...row, errors: [...task.problems, ...scorer.validate(task.input)] };
  try {
    return { ...row, report: scoreRow(scorer, task.input, explain, peers), errors: [] };
  } catch (e) {
    if (e instanceof ScoreError) return { ...row, errors: [...e.errors] };
    // A bug or a pathological rubric must not stop the other rows.
    return {
      ...row,
      errors: [
        problem({
          zh: `内部错误：${(e as Error)?.message ?? String(e)}`,
          en: `internal error: ${(e as Error)?.message ?? String(e)}`,
        }),
      ],
    };
  }
}

function scoreOne(rec: SourceRecord, ctx: BatchContext): RowResult {
  const prepared = prepareRow(rec, ctx);
  if (!("task" in prepared)) return prepared;
  return finishRow(prepared.task, prepared.scorer, ctx.explain, ctx.peers?.get(prepared.task.row.rubric ?? ""));
}

export interface BatchSummary {
  rows: number;
  failed: number;
  /** Problems with the file itself (not counted as rows). */
  fileErrors?: number;
  /** Reading stopped before the end of the file: where. */
  stoppedAt?: { line?: number };
}

/** The closing line: rows read, scored, failed, and what was not read. */
export function summaryLine(s: BatchSummary, lang: Lang, stoppedByError: boolean): string {
  const ok = s.rows - s.failed;
  const stopped = s.stoppedAt ?? (stoppedByError ? {} : undefined);
  if (lang === "zh") {
    const tail = !stopped
      ? "，0 行未读取"
      : stopped.line !== undefined
        ? `；未读取：文件第 ${stopped.line} 行起的其余部分`
        : "；未读取：读取中断之后的其余部分";
    return `共 ${s.rows} 行：${ok} 行已评分，${s.failed} 行失败${tail}`;
  }
  const tail = !stopped
    ? ", 0 not read"
    : stopped.line !== undefined
      ? `; not read: the rest of the file from line ${stopped.line}`
      : "; not read: the rest of the file after reading stopped";
  return `${s.rows} row${s.rows === 1 ? "" : "s"}: ${ok} scored, ${s.failed} failed${tail}`;
}

/** A scored row as the output takes it: the result itself, or (from a worker thread) its output text and messages. */
export type RowOutcome =
  | { readonly result: RowResult }
  | {
      readonly at: Pick<RowResult, "row" | "line" | "lineKind">;
      readonly text: string;
      readonly failed: boolean;
      readonly errors: readonly Text[];
    };

export function reportFileError(rec: SourceRecord, ctx: BatchContext, summary: BatchSummary): void {
  if (!rec.fileError) return;
  summary.fileErrors = (summary.fileErrors ?? 0) + 1;
  if (rec.stopped) summary.stoppedAt = rec.line !== undefined ? { line: rec.line } : {};
  ctx.progress.clear();
  const at =
    rec.line === undefined
      ? ctx.lang === "zh"
        ? "文件"
        : "file"
      : ctx.lang === "zh"
        ? `文件第 ${rec.line} 行`
        : `file line ${rec.line}`;
  ctx.err(`${at}: ${visible(rec.fileError[ctx.lang])}`);
}

/** Writes a row's output and its messages; `bytes`: how much of the input had been read when the row was. */
export async function emitRow(o: RowOutcome, ctx: BatchContext, summary: BatchSummary, bytes: number): Promise<void> {
  const bad = "result" in o ? failed(o.result) : o.failed;
  summary.rows++;
  if (bad) summary.failed++;
  if ("result" in o) await ctx.sink.row(o.result);
  else if (ctx.sink.rowText) await ctx.sink.rowText(o.text);
  else throw new Error("this output format takes results, not text");
  if (bad) {
    ctx.progress.clear();
    const at = where("result" in o ? o.result : o.at, ctx.lang);
    const texts = "result" in o ? errorTexts(o.result) : o.errors;
    if (texts.length === 0) ctx.err(`${at}: ${ctx.lang === "zh" ? "未能算出总分" : "no total could be computed"}`);
    // Messages quote input text: shown with its control characters escaped.
    for (const t of texts) ctx.err(`${at}: ${visible(t[ctx.lang])}`);
  }
  ctx.progress.update(summary.rows, bytes);
}

/** Counts into `summary` as it goes, so that the counts hold even when reading or writing stops part-way. */
export async function scoreRecords(
  records: AsyncIterable<SourceRecord>,
  ctx: BatchContext,
  summary: BatchSummary = { rows: 0, failed: 0 },
): Promise<BatchSummary> {
  for await (const rec of records) {
    if (rec.fileError) reportFileError(rec, ctx, summary);
    else await emitRow({ result: scoreOne(rec, ctx) }, ctx, summary, ctx.bytesRead());
  }
  return summary;
}

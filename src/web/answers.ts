/** The worker's answers to the playground's requests (protocol.ts): pure functions of the analysed program. */
import type { Lang } from "../compiler/diagnostics/diagnostic.js";
import { runExample } from "../compiler/examples/run.js";
import { rubricMeta } from "../compiler/evaluate/scorer.js";
import type { Program } from "../compiler/program.js";
import { csvSink } from "../cli/batch/formats/csv.js";
import { linesOut } from "../cli/batch/text-out.js";
import { headerCells, rowCells, type Cell } from "../cli/batch/formats/layout.js";
import type { SinkOptions } from "../cli/batch/formats/sink.js";
import { formatOf, readTextRecords, readXlsxRecords, type RecordOptions } from "../cli/batch/records-read.js";
import { zipBytes } from "../cli/batch/zip-bytes.js";
import type { RowResult } from "../cli/batch/result.js";
import { RubricChooser, rubricKeyOf, unscorable } from "../cli/batch/rubrics.js";
import { finishRow, prepareRow } from "../cli/batch/run.js";
import { collectPeerStats } from "../cli/batch/peer-pass.js";
import type { NodeReport, Text } from "../runtime/report.js";
import { ScoreError } from "../runtime/scorer.js";
import { suggest } from "../runtime/suggest.js";
import { buildAnnex } from "../render/annex.js";
import { annexTable } from "../render/html.js";
import { fromBase64, toBase64 } from "../lsp/base64.js";
import { xlsxWorkbook } from "./xlsx-write.js";
import type {
  AnnexAnswer,
  AnnexParams,
  ExampleSummary,
  RubricSummary,
  ScoreAnswer,
  ScoreFileAnswer,
  ScoreFileParams,
  ScoreParams,
} from "./protocol.js";

function* indicatorsOf(tree: readonly NodeReport[]): Generator<NodeReport> {
  for (const n of tree) {
    if (n.kind === "indicator") yield n;
    else if (n.kind === "group") yield* indicatorsOf(n.children);
  }
}

export function examples(program: Program): ExampleSummary[] {
  return program.examples.map((ex) => {
    const r = runExample(ex);
    const report = r.result?.report;
    return {
      title: ex.title,
      file: ex.file,
      ...(ex.rubric ? { rubric: rubricKeyOf(ex.rubric) } : {}),
      pass: r.pass,
      ...(report ? { total: report.total, grade: report.grade } : {}),
      assertions: r.assertions.map((a) => ({ label: a.label, expected: a.expected, actual: a.actual, pass: a.pass })),
      problems: r.problems,
      indicators: report
        ? [...indicatorsOf(report.tree)].map((n) => ({
            path: n.path.join("."),
            points: n.points,
            score: n.score,
            trace: n.trace,
          }))
        : [],
    };
  });
}

/** Rubrics without errors, with what a form needs to score one department. */
export function rubrics(program: Program): RubricSummary[] {
  const broken = new Set(program.diagnostics.filter((d) => d.severity === "error").map((d) => d.file));
  return program.rubrics
    .filter((r) => !broken.has(r.model.file))
    .map((r) => {
      const u = unscorable(r);
      return {
        key: rubricKeyOf(r),
        file: r.model.file,
        meta: rubricMeta(r),
        ...(u && "error" in u ? { unscorable: u.error } : {}),
      };
    });
}

/** One chooser per analysed program: the form scores on every keystroke, and its scorers are built once. */
const choosers = new WeakMap<Program, RubricChooser>();

function chooser(program: Program, fallback?: string): RubricChooser | Text {
  const all = program.rubrics;
  let c = choosers.get(program);
  if (!c) {
    c = new RubricChooser(all, all, undefined, true);
    choosers.set(program, c);
  }
  if (fallback === undefined) return c;
  const r = c.find(fallback);
  return "model" in r ? new RubricChooser(all, all, r, true) : r;
}

export function score(program: Program, p: ScoreParams): ScoreAnswer {
  const c = chooser(program);
  if (!(c instanceof RubricChooser)) return { errors: [c] };
  const choice = c.choose(p.rubric);
  if ("error" in choice) return { errors: [choice.error] };
  try {
    return { report: choice.scorer.score(p.input, { explain: true }) };
  } catch (e) {
    if (e instanceof ScoreError) return { errors: e.errors.map((x) => x.message) };
    throw e;
  }
}

/** The departments of a dropped file, read by its name's extension as `rubric score` reads a file. */
function recordsOf(name: string, bytes: Uint8Array, opts: RecordOptions) {
  const format = formatOf(name) ?? "csv";
  if (format === "xlsx") return readXlsxRecords(zipBytes(bytes), opts);
  // eslint-disable-next-line @typescript-eslint/require-await -- a stream of one chunk: nothing to wait for.
  const source = (async function* () {
    yield bytes;
  })();
  return readTextRecords(source, format, opts);
}

/** Scores every row of a CSV, XLSX, JSON or JSON Lines file as `rubric score` does, and gives its CSV and XLSX. */
export async function scoreFile(
  program: Program,
  p: ScoreFileParams,
  lang: Lang,
  progress: (done: number) => void,
): Promise<ScoreFileAnswer> {
  const c = chooser(program, p.rubric);
  if (!(c instanceof RubricChooser)) return { rows: [], csv: "", xlsx: "", fileErrors: [c] };
  const vocabulary = c.vocabulary();
  const fileErrors: Text[] = [];
  const bytes = fromBase64(p.data);
  const read = (onHeaderProblem: (h: { message: Text }) => void) =>
    recordsOf(p.name, bytes, {
      isInput: (k) => vocabulary.has(k),
      suggest: (k) => suggest(k, [...vocabulary]),
      onHeaderProblem,
    });
  const records = read((h) => fileErrors.push(h.message));
  const scorerFor = (name: string | undefined) => c.choose(name);
  // Issue 11, kind 7: as `rubric score`, a first pass for the peer statistics when a rubric reads them.
  const peers = c.usesPeers()
    ? await collectPeerStats(
        read(() => {}),
        { scorerFor, lineKind: "line" },
      )
    : undefined;
  const o: SinkOptions = {
    lang,
    explain: false,
    indicators: c.indicatorPaths(),
    showRubric: p.rubric === undefined,
    color: false,
  };
  const lines: string[] = [];
  const sink = csvSink(
    linesOut((l) => lines.push(l)),
    o,
    false,
  );
  const sheet: Cell[][] = [headerCells(o)];
  const results: RowResult[] = [];
  for await (const rec of records) {
    if (rec.fileError) {
      fileErrors.push(rec.fileError);
      continue;
    }
    const prepared = prepareRow(rec, { scorerFor, lineKind: "line" });
    const r =
      "task" in prepared
        ? finishRow(prepared.task, prepared.scorer, false, peers?.get(prepared.task.row.rubric ?? ""))
        : prepared;
    results.push(r);
    await sink.row(r);
    sheet.push(rowCells(r, o, true));
    if (results.length % 100 === 0) progress(results.length);
  }
  await sink.end();
  progress(results.length);
  return {
    rows: results.map((r) => ({
      row: r.row,
      ...(r.id !== undefined ? { id: r.id } : {}),
      total: r.report?.total ?? null,
      grade: r.report?.grade ?? null,
      errors: r.errors.map((e) => e.message),
    })),
    csv: lines.join("\n") + (lines.length ? "\n" : ""),
    xlsx: toBase64(xlsxWorkbook(lang === "zh" ? "评分结果" : "scores", sheet)),
    fileErrors,
  };
}

/** The file's rubrics as 评分表 tables; with `example`, that example's rubric as its score report. */
export function annex(program: Program, p: AnnexParams): AnnexAnswer {
  const examplesHere = program.examples.filter((e) => e.file === p.file);
  const chosen = p.example === undefined ? undefined : examplesHere.find((e) => e.title === p.example);
  const result = chosen ? runExample(chosen).result : undefined;
  const rubricsHere = chosen?.rubric ? [chosen.rubric] : program.rubrics.filter((r) => r.model.file === p.file);
  return {
    tables: rubricsHere.map((r) => ({
      key: rubricKeyOf(r),
      html: annexTable(buildAnnex(r.model, { lang: p.lang, ...(result ? { report: result.report } : {}) })),
    })),
    examples: examplesHere.map((e) => e.title),
  };
}

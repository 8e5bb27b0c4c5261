/**
 * Every department of an input file (JSON, JSON Lines, CSV, XLSX — read as
 * `rubric score` reads them) scored under both rubrics: totals, grades and
 * the indicators whose scores differ. A row's own 评分表 column is ignored:
 * the point is to score it under both.
 */
import { createReadStream } from "node:fs";
import type { CheckedRubric } from "../compiler/program.js";
import { createReferenceScorer } from "../compiler/evaluate/scorer.js";
import type { NodeReport, Report, Text } from "../runtime/report.js";
import { ScoreError, type Scorer } from "../runtime/scorer.js";
import { formatOf, readRecords } from "../cli/batch/records.js";
import type { RubricDiff } from "./compare.js";

export interface ScoreSide {
  readonly total: string | null;
  readonly grade: string | null;
  readonly error?: Text;
}

export interface Rescored {
  /** The department: its id, else its row number. */
  readonly id: string;
  readonly old: ScoreSide;
  readonly new: ScoreSide;
  /** Indicators scored differently (by the new path; the old path when it differs). */
  readonly indicators: readonly {
    readonly path: string;
    readonly oldPath?: string;
    readonly old: string | null;
    readonly new: string | null;
  }[];
}

function scoresByPath(r: Report | undefined): Map<string, string | null> {
  const out = new Map<string, string | null>();
  const walk = (ns: readonly NodeReport[]): void => {
    for (const n of ns) {
      if (n.kind === "indicator") out.set(n.path.join("."), n.score);
      else if (n.kind === "group") walk(n.children);
    }
  };
  if (r) walk(r.tree);
  return out;
}

function scoreWith(s: Scorer, input: Parameters<Scorer["score"]>[0]): { report?: Report; side: ScoreSide } {
  try {
    const report = s.score(input, { explain: false });
    return { report, side: { total: report.total, grade: report.grade } };
  } catch (e) {
    const error =
      e instanceof ScoreError
        ? { zh: e.errors.map((x) => x.message.zh).join("；"), en: e.errors.map((x) => x.message.en).join("; ") }
        : { zh: `内部错误：${(e as Error).message}`, en: `internal error: ${(e as Error).message}` };
    return { side: { total: null, grade: null, error } };
  }
}

export async function rescore(
  path: string,
  oldR: CheckedRubric,
  newR: CheckedRubric,
  diff: RubricDiff,
): Promise<{ rows: Rescored[]; problems: Text[] } | { error: Text }> {
  const format = formatOf(path);
  if (!format)
    return {
      error: {
        zh: `无法识别输入文件的格式：${path}（应为 .json、.jsonl、.csv 或 .xlsx）`,
        en: `cannot tell the input's format from its name: ${path} (expected .json, .jsonl, .csv or .xlsx)`,
      },
    };
  const scorers = [createReferenceScorer(oldR), createReferenceScorer(newR)] as const;
  const vocabulary = new Set<string>();
  for (const s of scorers) for (const i of s.meta.inputs) for (const n of [i.name, i.alias]) if (n) vocabulary.add(n);
  const problems: Text[] = [];
  const source = createReadStream(path);
  source.on("error", () => {});
  const records = readRecords(source, format, {
    path,
    isInput: (k) => vocabulary.has(k),
    suggest: () => undefined,
    onHeaderProblem: (p) =>
      problems.push({ zh: `表头（第 ${p.line} 行）：${p.message.zh}`, en: `header (line ${p.line}): ${p.message.en}` }),
  });
  const newPathOf = new Map([...diff.pairs].map(([o, n]) => [o.path.join("."), n.path.join(".")]));
  const rows: Rescored[] = [];
  try {
    for await (const rec of records) {
      const where = rec.line !== undefined ? `${rec.row}（${rec.line}）` : String(rec.row);
      if (rec.fileError) {
        problems.push(rec.fileError);
        continue;
      }
      if (!rec.input || rec.error) {
        problems.push(rec.error ?? { zh: `第 ${where} 行无法读取`, en: `row ${where} could not be read` });
        continue;
      }
      const o = scoreWith(scorers[0], rec.input.input);
      const n = scoreWith(scorers[1], rec.input.input);
      const os = scoresByPath(o.report);
      const ns = scoresByPath(n.report);
      const indicators: Rescored["indicators"][number][] = [];
      const seen = new Set<string>();
      for (const [op, ov] of os) {
        const np = newPathOf.get(op) ?? op;
        seen.add(np);
        const nv = ns.has(np) ? (ns.get(np) ?? null) : null;
        if (ov !== nv) indicators.push({ path: np, ...(np !== op ? { oldPath: op } : {}), old: ov, new: nv });
      }
      for (const [np, nv] of ns) if (!seen.has(np)) indicators.push({ path: np, old: null, new: nv });
      rows.push({ id: rec.input.id ?? String(rec.row), old: o.side, new: n.side, indicators });
    }
  } finally {
    source.destroy();
  }
  return { rows, problems };
}

/**
 * JSON output. A JSON document holding a single department gives its full
 * report; otherwise a JSON array (or, with `jsonl`, one object a line) of
 * per-row results, written as rows are scored. A row carries its scores by
 * indicator path; with --explain also the full report.
 */
import type { TextOut } from "../out.js";
import { failed, indicatorMap, type RowResult } from "../result.js";
import type { Sink, SinkOptions } from "./sink.js";

export function rowJson(r: RowResult, o: SinkOptions): Record<string, unknown> {
  const scores = Object.fromEntries([...indicatorMap(r.report)].map(([p, n]) => [p, n.score]));
  return {
    row: r.row,
    ...(r.line !== undefined ? { [r.lineKind === "sheet-row" ? "sheetRow" : "line"]: r.line } : {}),
    ...(r.id !== undefined ? { id: r.id } : {}),
    ...(r.rubric !== undefined ? { rubric: r.rubric } : {}),
    ok: !failed(r),
    total: r.report?.total ?? null,
    grade: r.report?.grade ?? null,
    // Issue 11, kind 4: why the grade is lower than the total earned (一票否优).
    ...(r.report?.gradeCap ? { gradeCap: r.report.gradeCap.because[o.lang] } : {}),
    scores,
    errors: [
      ...r.errors.map((e) => ({
        kind: e.kind,
        field: e.field,
        indicators: e.indicators,
        message: e.message[o.lang],
        messages: e.message,
      })),
      ...(r.report?.errors ?? []).map((e) => ({
        kind: "score",
        field: e.path,
        indicators: [e.path],
        message: e.message[o.lang],
        messages: e.message,
      })),
    ],
    ...(o.explain && r.report ? { report: r.report } : {}),
  };
}

export function jsonSink(out: TextOut, o: SinkOptions): Sink {
  let count = 0;
  let single: RowResult | undefined;
  return {
    async row(r) {
      if (r.single) {
        single = r;
        return;
      }
      await out.write(`${count === 0 ? "[\n" : ",\n"}${JSON.stringify(rowJson(r, o))}`);
      count++;
    },
    async end() {
      if (single) {
        const body = single.report && !failed(single) ? single.report : rowJson(single, o);
        await out.write(`${JSON.stringify(body, null, 2)}\n`);
      } else await out.write(count === 0 ? "[]\n" : "\n]\n");
      await out.close();
    },
  };
}

export function jsonlSink(out: TextOut, o: SinkOptions): Sink {
  return {
    async row(r) {
      await out.write(`${JSON.stringify(rowJson(r, o))}\n`);
    },
    async rowText(text) {
      await out.write(text);
    },
    async end() {
      await out.close();
    },
  };
}

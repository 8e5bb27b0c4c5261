/**
 * Issue 11, rule kind 7: the first pass of `rubric score` over a file when a rubric compares
 * departments with their peers. It reads the file once more, rows in order, and keeps only the
 * statistics of each rubric's rows (runtime/peers.ts: a few numbers per subject, one value per row
 * for a ranked subject) — never the rows. The second pass scores each row with its rubric's
 * statistics, so the order of the rows changes no score. A single JSON object is one department with
 * no peers: a peer statistic then fails with a message saying what to pass.
 */
import { PeerCollector, type PeerStats } from "../../runtime/peers.js";
import type { SourceRecord } from "./records.js";
import { prepareRow, type BatchContext } from "./run.js";

/** The peer statistics of each rubric (by key) that reads them, over the rows that rubric scores. */
export async function collectPeerStats(
  records: AsyncIterable<SourceRecord>,
  ctx: Pick<BatchContext, "scorerFor" | "lineKind">,
): Promise<Map<string, PeerStats>> {
  const collectors = new Map<string, PeerCollector>();
  for await (const rec of records) {
    if (rec.fileError || rec.single) continue;
    const p = prepareRow(rec, ctx);
    if (!("task" in p)) continue;
    const { scorer, task } = p;
    const subjects = scorer.meta.peers;
    if (!subjects || !scorer.peerRow) continue;
    const key = task.row.rubric ?? "";
    let c = collectors.get(key);
    if (!c) collectors.set(key, (c = new PeerCollector(subjects)));
    c.add(scorer.peerRow(task.input));
  }
  return new Map([...collectors].map(([k, c]) => [k, c.stats()]));
}

/**
 * A scoring worker thread (`rubric score --jobs N`): receives batches of
 * prepared rows, scores them with the compiled scorers whose JavaScript the
 * main thread sends (once per rubric), and returns each row's outcome in
 * order — its output text when the format has a row renderer, else the
 * result itself. Loads the runtime only, never the compiler.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { Scorer } from "../../runtime/scorer.js";
import type { PeerStats } from "../../runtime/peers.js";
import { rowRenderer } from "./formats/render-row.js";
import type { SinkOptions } from "./formats/sink.js";
import { instantiateScorer } from "./instantiate.js";
import { errorTexts, failed } from "./result.js";
import { finishRow, type RowOutcome, type RowTask } from "./run.js";

export interface WorkerSetup {
  readonly format: string;
  readonly sink: SinkOptions;
  readonly explain: boolean;
}

export interface WorkerBatch {
  readonly id: number;
  /** Scorers this worker has not been sent yet: rubric key → module JavaScript. */
  readonly sources: readonly (readonly [string, string])[];
  /** Issue 11, kind 7: peer statistics of rubrics this worker has not been sent them for yet. */
  readonly peers?: readonly (readonly [string, PeerStats])[];
  readonly tasks: readonly RowTask[];
}

export interface WorkerReply {
  readonly id: number;
  readonly outcomes: readonly RowOutcome[];
}

const setup = workerData as WorkerSetup;
const render = rowRenderer(setup.format, setup.sink);
const scorers = new Map<string, Scorer>();
const peerStats = new Map<string, PeerStats>();

parentPort?.on("message", (b: WorkerBatch) => {
  for (const [key, js] of b.sources) scorers.set(key, instantiateScorer(js));
  for (const [key, stats] of b.peers ?? []) peerStats.set(key, stats);
  const outcomes = b.tasks.map((task): RowOutcome => {
    const scorer = scorers.get(task.row.rubric ?? "");
    if (!scorer) throw new Error(`no scorer for rubric ${task.row.rubric ?? ""}`);
    const r = finishRow(task, scorer, setup.explain, peerStats.get(task.row.rubric ?? ""));
    if (!render) return { result: r };
    return { at: task.row, text: render(r), failed: failed(r), errors: errorTexts(r) };
  });
  parentPort?.postMessage({ id: b.id, outcomes } satisfies WorkerReply);
});

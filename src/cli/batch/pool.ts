/**
 * `rubric score --jobs N`: the main thread reads and prepares rows (the same
 * prepareRow as with one job, so the same messages and row/line numbers) and
 * N worker threads score them, in batches. Batches are written in the order
 * they were read, whichever worker finishes first, and at most a few batches
 * per worker are in flight, so memory stays flat however long the file.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { SourceRecord } from "./records.js";
import type { SinkOptions } from "./formats/sink.js";
import {
  emitRow,
  prepareRow,
  reportFileError,
  type BatchContext,
  type BatchSummary,
  type RowOutcome,
  type RowTask,
} from "./run.js";
import type { RowResult } from "./result.js";
import type { WorkerBatch, WorkerReply, WorkerSetup } from "./worker.js";
import type { PeerStats } from "../../runtime/peers.js";

export interface PoolOptions {
  readonly jobs: number;
  readonly format: string;
  readonly sink: SinkOptions;
  /** Compiled scorers' JavaScript by rubric key (filled as rubrics are first chosen). */
  readonly sources: ReadonlyMap<string, string>;
}

/** Rows per message: large enough that messaging costs little per row, small enough to keep memory flat. */
const BATCH_ROWS = 256;
/**
 * A worker's young generation: its garbage is a batch's reports, all dead once the batch is answered.
 * V8's default (48 MB per worker) made --jobs 2 peak at 358 MB on 100,000 rows; 8 MB: 308–319 MB, no slower.
 */
const WORKER_YOUNG_MB = 8;
/** Batches in flight per worker: one being scored, the next already queued. */
const IN_FLIGHT_PER_WORKER = 3;

type Item =
  | { readonly kind: "file"; readonly rec: SourceRecord }
  | { readonly kind: "done"; readonly result: RowResult }
  | { readonly kind: "task" };

interface Batch {
  readonly items: Item[];
  readonly tasks: RowTask[];
  /** Input bytes read when the batch was complete (for the progress bar). */
  bytes: number;
  outcomes?: Promise<readonly RowOutcome[]>;
}

/** The compiled worker script; from the sources (tests run them in-process) it is the built one in dist/. */
function workerUrl(): URL {
  const here = new URL("./worker.js", import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  return new URL("../../../dist/cli/batch/worker.js", import.meta.url);
}

class WorkerHandle {
  readonly worker: Worker;
  readonly sent = new Set<string>();
  readonly waiting = new Map<number, { resolve: (o: readonly RowOutcome[]) => void; reject: (e: Error) => void }>();
  private failure: Error | undefined;

  constructor(setup: WorkerSetup) {
    this.worker = new Worker(workerUrl(), {
      workerData: setup,
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
    });
    this.worker.on("message", (m: WorkerReply) => {
      this.waiting.get(m.id)?.resolve(m.outcomes);
      this.waiting.delete(m.id);
    });
    const fail = (e: Error): void => {
      this.failure ??= e;
      for (const w of this.waiting.values()) w.reject(e);
      this.waiting.clear();
    };
    this.worker.on("error", fail);
    this.worker.on("exit", (code) => fail(new Error(`a scoring worker stopped (exit ${code})`)));
  }

  score(
    id: number,
    tasks: readonly RowTask[],
    sources: ReadonlyMap<string, string>,
    peers?: ReadonlyMap<string, PeerStats>,
  ): Promise<readonly RowOutcome[]> {
    if (this.failure) return Promise.reject(this.failure);
    const fresh: [string, string][] = [];
    const freshPeers: [string, PeerStats][] = [];
    for (const t of tasks) {
      const key = t.row.rubric ?? "";
      const js = sources.get(key);
      if (!this.sent.has(key) && js !== undefined) {
        this.sent.add(key);
        fresh.push([key, js]);
        const stats = peers?.get(key);
        if (stats) freshPeers.push([key, stats]);
      }
    }
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      const batch: WorkerBatch = { id, sources: fresh, tasks, ...(freshPeers.length > 0 ? { peers: freshPeers } : {}) };
      this.worker.postMessage(batch);
    });
  }
}

/** As scoreRecords (run.ts), with the scoring spread over `opts.jobs` worker threads. */
export async function scoreRecordsInPool(
  records: AsyncIterable<SourceRecord>,
  ctx: BatchContext,
  opts: PoolOptions,
  summary: BatchSummary = { rows: 0, failed: 0 },
): Promise<BatchSummary> {
  const setup: WorkerSetup = { format: opts.format, sink: opts.sink, explain: ctx.explain };
  const workers = Array.from({ length: opts.jobs }, () => new WorkerHandle(setup));
  const queue: Batch[] = [];
  let nextId = 0;
  let current: Batch = { items: [], tasks: [], bytes: 0 };

  const dispatch = (): void => {
    const b = current;
    current = { items: [], tasks: [], bytes: 0 };
    b.bytes = ctx.bytesRead();
    if (b.tasks.length > 0) {
      // The least busy worker; ties to the first.
      const w = workers.reduce((a, x) => (x.waiting.size < a.waiting.size ? x : a));
      b.outcomes = w.score(nextId++, b.tasks, opts.sources, ctx.peers);
      // Awaited in order below; a failure is seen there, not as an unhandled rejection now.
      b.outcomes.catch(() => {});
    }
    queue.push(b);
  };

  const writeOldest = async (): Promise<void> => {
    const b = queue.shift();
    if (!b) return;
    const outcomes = b.outcomes ? await b.outcomes : [];
    let next = 0;
    for (const item of b.items) {
      if (item.kind === "file") reportFileError(item.rec, ctx, summary);
      else if (item.kind === "done") await emitRow({ result: item.result }, ctx, summary, b.bytes);
      else {
        const o = outcomes[next++];
        if (!o) throw new Error("a scoring worker returned fewer rows than it was given");
        await emitRow(o, ctx, summary, b.bytes);
      }
    }
  };

  try {
    for await (const rec of records) {
      if (rec.fileError) current.items.push({ kind: "file", rec });
      else {
        const p = prepareRow(rec, ctx);
        if ("task" in p) {
          current.items.push({ kind: "task" });
          current.tasks.push(p.task);
        } else current.items.push({ kind: "done", result: p });
      }
      if (current.items.length >= BATCH_ROWS) {
        dispatch();
        while (queue.length >= workers.length * IN_FLIGHT_PER_WORKER) await writeOldest();
      }
    }
    if (current.items.length > 0) dispatch();
    while (queue.length > 0) await writeOldest();
  } finally {
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }
  return summary;
}

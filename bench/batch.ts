/**
 * Batch scoring through the CLI: a CSV of random 盐田区委办 departments
 * (bench/records.ts, streamed to a temp file) scored by
 * `node bin/rubric.js score rubrics/yantian-qwb-2023.rubric <file.csv> --format csv -o /dev/null`
 * as a child process; wall time, rows/s and peak RSS (VmHWM from
 * /proc/<pid>/status, polled). Several sizes, to show whether RSS stays flat
 * as rows grow.
 */
import { spawn, spawnSync } from "node:child_process";
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { RubricMeta } from "../src/runtime/scorer.js";
import { Rng, benchRecord, csvHeader, csvRow } from "./records.js";

const root = fileURLToPath(new URL("../", import.meta.url));
const cli = join(root, "bin/rubric.js");
const RUBRIC = "rubrics/yantian-qwb-2023.rubric";

/** Writes `rows` departments as CSV, streaming (never more than one buffer in memory). */
async function writeCsv(file: string, meta: RubricMeta, rows: number, seed: number): Promise<number> {
  const out = createWriteStream(file);
  const rng = new Rng(seed);
  let bytes = 0;
  const write = (s: string): Promise<void> | undefined => {
    bytes += Buffer.byteLength(s);
    return out.write(s) ? undefined : new Promise((resolve) => out.once("drain", () => resolve()));
  };
  await write(csvHeader(meta));
  let chunk = "";
  for (let i = 1; i <= rows; i++) {
    chunk += csvRow(meta, i, benchRecord(meta, rng));
    if (chunk.length > 1 << 16 || i === rows) {
      await write(chunk);
      chunk = "";
    }
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return bytes;
}

function status(pid: number): { hwm: number; rss: number } | undefined {
  try {
    const s = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (k: string): number => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, "m").exec(s)?.[1] ?? 0);
    return { hwm: kb("VmHWM"), rss: kb("VmRSS") };
  } catch {
    return undefined;
  }
}

interface BatchRun {
  readonly rows: number;
  readonly seconds: number;
  readonly peakKb: number;
  /** (seconds since start, RSS kB) every poll. */
  readonly samples: readonly [number, number][];
  readonly code: number | null;
  readonly summary: string;
}

async function scoreFile(file: string, rows: number, jobs = 1): Promise<BatchRun> {
  const t0 = performance.now();
  const args = [cli, "score", RUBRIC, file, "--format", "csv", "-o", "/dev/null", "--jobs", String(jobs)];
  const child = spawn(process.execPath, args, {
    cwd: root,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let tail = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (s: string) => {
    tail = (tail + s).slice(-4000);
  });
  let peak = 0;
  const samples: [number, number][] = [];
  const poll = (): void => {
    const s = child.pid !== undefined ? status(child.pid) : undefined;
    if (!s) return;
    peak = Math.max(peak, s.hwm);
    samples.push([(performance.now() - t0) / 1000, s.rss]);
  };
  const timer = setInterval(poll, 50);
  const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
  clearInterval(timer);
  const seconds = (performance.now() - t0) / 1000;
  const summary =
    tail
      .trim()
      .split("\n")
      .filter((l) => /rows?:/.test(l))
      .pop() ?? tail.trim().split("\n").slice(-3).join(" | ");
  return { rows, seconds, peakKb: peak, samples, code, summary };
}

/** True when this checkout's CLI has `rubric score`. */
function hasScoreCommand(): boolean {
  if (!existsSync(join(root, "dist/cli/main.js"))) return false;
  const r = spawnSync(process.execPath, [cli, "score"], { cwd: root, encoding: "utf8" });
  return /usage: rubric score/.test(`${r.stdout}${r.stderr}`);
}

const mb = (kb: number): string => `${(kb / 1024).toFixed(0)} MB`;

/** Issue 9's targets for 1,000,000 rows: ≥ 5× faster than the 161 s measured before (≤ 30 s with --jobs 2), peak RSS < 300 MB. */
function targets(r: BatchRun, jobs: number, log: (line: string) => void): void {
  const limit = jobs >= 2 ? 30 : 161 / 5;
  const met = (ok: boolean): string => (ok ? "met" : "MISSED");
  const rss = r.peakKb / 1024;
  const first = r.samples.find(([s]) => s >= r.seconds * 0.1)?.[1] ?? 0;
  const last = r.samples[r.samples.length - 1]?.[1] ?? 0;
  log(
    `    targets (--jobs ${jobs}): time ${r.seconds.toFixed(1)} s ≤ ${limit.toFixed(0)} s ${met(r.seconds <= limit)}; ` +
      `peak RSS ${rss.toFixed(0)} MB < 300 MB ${met(rss < 300)}; ` +
      `flat (RSS at 10% ${mb(first)} → end ${mb(last)}) ${met(last <= first * 1.5 + 20 * 1024)}; load average ${loadavg()
        .map((x) => x.toFixed(1))
        .join(" ")} on ${cpus().length} cores`,
  );
}

export async function runBatchBench(
  meta: RubricMeta,
  sizes: readonly number[],
  log: (line: string) => void,
): Promise<void> {
  log(
    `batch: \`rubric score ${RUBRIC} <file.csv> --format csv -o /dev/null\` as a child process (peak RSS = VmHWM, polled every 50 ms)`,
  );
  if (!hasScoreCommand()) {
    log("  skipped: this build has no `rubric score` (run `npm run build`; or the command is not finished yet)");
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), "rubric-batch-"));
  try {
    // Start-up (load, parse and check the rubric files) measured on a 1-row file.
    const one = join(dir, "departments-1.csv");
    await writeCsv(one, meta, 1, 4242);
    const s = await scoreFile(one, 1);
    const startup = s.seconds;
    log(
      `  start-up (1 row): ${startup.toFixed(2)} s, peak RSS ${mb(s.peakKb)}${s.code === 0 ? "" : `  (exit ${s.code}: ${s.summary})`}`,
    );
    for (const rows of sizes) {
      const file = join(dir, `departments-${rows}.csv`);
      const tg = performance.now();
      const bytes = await writeCsv(file, meta, rows, 4242);
      const gen = (performance.now() - tg) / 1000;
      for (const jobs of [1, 2]) {
        const r = await scoreFile(file, rows, jobs);
        const ok = r.code === 0 || r.code === 1 ? "" : `  (exit ${r.code}: ${r.summary})`;
        log(
          `  ${rows.toLocaleString("en").padStart(9)} rows (${(bytes / 1024 / 1024).toFixed(0)} MB CSV, written in ${gen.toFixed(1)} s) --jobs ${jobs}: ${r.seconds.toFixed(1)} s, ${(rows / r.seconds).toFixed(0)} rows/s (${(rows / Math.max(r.seconds - startup, 1e-3)).toFixed(0)} after start-up), peak RSS ${mb(r.peakKb)}, load average ${loadavg()[0]?.toFixed(1)}${ok}`,
        );
        log(`    ${r.summary}`);
        if (rows >= 100_000 && r.samples.length > 10) {
          // RSS along the run: rows are estimated from the average rate.
          const rate = rows / r.seconds;
          const picks = [0.1, 0.25, 0.5, 0.75, 0.95].map(
            (q) => r.samples[Math.floor(q * (r.samples.length - 1))] as [number, number],
          );
          log(
            `    RSS along the run: ${picks.map(([s, kb]) => `≈${Math.round((s * rate) / 1000)}k rows ${mb(kb)}`).join(", ")}`,
          );
        }
        if (rows >= 1_000_000) targets(r, jobs, log);
      }
      rmSync(file, { force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Run alone: `npx tsx bench/batch.ts [rows…]` (default 100,000 and 1,000,000), after `npm run build`. */
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { analyzeProgram } = await import("../src/compiler/program.js");
  const { createReferenceScorer } = await import("../src/compiler/evaluate/scorer.js");
  const { readdirSync } = await import("node:fs");
  const files = readdirSync(join(root, "rubrics"))
    .filter((f) => f.endsWith(".rubric"))
    .map((f) => ({ file: `rubrics/${f}`, text: readFileSync(join(root, "rubrics", f), "utf8") }));
  const rubric = analyzeProgram(files).rubrics.find((r) => r.model.file === RUBRIC);
  if (!rubric) throw new Error(`${RUBRIC} did not build`);
  const sizes = process.argv.slice(2).map(Number);
  await runBatchBench(createReferenceScorer(rubric).meta, sizes.length > 0 ? sizes : [100_000, 1_000_000], console.log);
}

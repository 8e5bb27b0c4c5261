/**
 * Hostile input files of every class in issue 8 through `rubric score`,
 * spawned with a bounded heap: every row read is accounted for (rows in =
 * rows out + rows reported not read), no stack trace or raw library message,
 * a sane exit code, and each class's own promise (exact numbers, no
 * silent drops, neutralised formulas, no raw control sequences).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Rng } from "../../test/support/random-input.js";
import { Rng as Random } from "../../test/support/random-input.js";
import { HOSTILE_MAKERS, type HostileCase } from "./hostile-files.js";
import type { Stats } from "./stats.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const SMALL_RUBRIC = join(ROOT, "test/fixtures/batch/small.rubric");

export interface HostileClass {
  readonly name: string;
  readonly make: (rng: Rng, dir: string) => Promise<HostileCase>;
}
export const HOSTILE_CLASSES: readonly HostileClass[] = HOSTILE_MAKERS;

export interface RunResult {
  readonly code: number | null;
  readonly signal: string | null;
  readonly out: string;
  readonly err: string;
}

/** `rubric score` in a child with a bounded heap (memory use is part of what is tested). */
export function runScore(args: readonly string[], heapMb = 256): RunResult {
  const r = spawnSync(
    process.execPath,
    [`--max-old-space-size=${heapMb}`, join(ROOT, "bin/rubric.js"), "score", ...args],
    {
      encoding: "utf8",
      timeout: 120_000,
      maxBuffer: 512 * 1024 * 1024,
      env: { ...process.env, CI: "1", RUBRIC_LANG: "en", LANG: "C" },
    },
  );
  return { code: r.status, signal: r.signal, out: r.stdout ?? "", err: r.stderr ?? "" };
}

const STACK = /\n\s+at [^\n]*:\d+:\d+\)?/;
const RAW_LIBRARY =
  /FILE_ENDED|invalid signature|EISDIR|ENOENT: no such|Unexpected token|ERR_[A-Z_]+|RangeError|TypeError/;

/** Counts from the summary line (`N rows: S scored, F failed[, U not read]`), tolerant of wording. */
export function summaryOf(err: string): { rows: number; scored: number; failed: number; notRead: number } | undefined {
  const line = err
    .split("\n")
    .reverse()
    .find((l) => /\d+ rows?\b.*scored/.test(l));
  if (!line) return undefined;
  const num = (re: RegExp): number => Number(re.exec(line)?.[1] ?? 0);
  return {
    rows: num(/(\d+) rows?/),
    scored: num(/(\d+) scored/),
    failed: num(/(\d+) failed/),
    notRead: num(/(\d+) (?:not read|unread|skipped)/),
  };
}

/** Problems with one run of one hostile file; empty when everything holds. */
export function judge(c: HostileCase, r: RunResult): { kind: string; detail: string; unaccounted: number }[] {
  const out: { kind: string; detail: string; unaccounted: number }[] = [];
  const add = (kind: string, detail: string, unaccounted = 0): void => void out.push({ kind, detail, unaccounted });
  if (r.signal || r.code === null || ![0, 1].includes(r.code))
    add(
      r.code === 134 || /heap/i.test(r.err) ? "memory" : "exit-code",
      `exit ${r.code ?? r.signal}: ${r.err.slice(-400)}`,
    );
  if (STACK.test(r.err) || /internal error/i.test(r.err)) add("stack-trace", r.err.slice(0, 600));
  else if (RAW_LIBRARY.test(r.err)) add("raw-message", r.err.slice(0, 400));
  if (c.rowsIn !== undefined) {
    const s = summaryOf(r.err);
    const jsonl = (c.args ?? ["--format", "jsonl"]).includes("jsonl");
    // Rows out: JSON Lines can be counted; other formats are taken from the summary.
    const rowsOut = jsonl ? r.out.split("\n").filter((l) => l.startsWith("{")).length : (s?.rows ?? 0);
    const notRead = s?.notRead ?? 0;
    const missing = c.rowsIn - rowsOut - notRead;
    if (missing !== 0)
      add(
        "rows-unaccounted",
        `${c.rowsIn} rows in, ${rowsOut} out, ${notRead} reported not read (summary: ${s ? JSON.stringify(s) : "none"})`,
        Math.abs(missing),
      );
    else if (s && s.scored + s.failed !== rowsOut)
      add(
        "rows-unaccounted",
        `summary ${JSON.stringify(s)} but ${rowsOut} rows out`,
        Math.abs(s.scored + s.failed - rowsOut),
      );
  }
  if (c.unreadable && r.code !== 1)
    add("silent", `an input that cannot be read exited ${r.code}: ${r.err.slice(0, 300)}`);
  const extra = c.check?.(r);
  if (extra) add("broken-promise", extra);
  return out;
}

export interface HostileOptions {
  readonly seed: number;
  readonly classes: readonly string[];
  readonly log: (line: string) => void;
}

export async function runHostile(o: HostileOptions, stats: Stats): Promise<void> {
  const rng = new Random(o.seed ^ 0x4057);
  const dir = mkdtempSync(join(tmpdir(), "rubric-fuzz-hostile-"));
  try {
    for (const cls of HOSTILE_CLASSES.filter((c) => o.classes.includes(c.name))) {
      const sub = join(dir, cls.name);
      mkdirSync(sub, { recursive: true });
      const c = await cls.make(rng, sub);
      const r = runScore([SMALL_RUBRIC, c.path, ...(c.args ?? ["--format", "jsonl"])]);
      stats.hostileFiles++;
      stats.hostileClasses.add(cls.name);
      stats.rowsIn += c.rowsIn ?? 0;
      for (const p of judge(c, r)) {
        stats.rowsUnaccounted += p.unaccounted;
        // Each class's maker is deterministic and already minimal: the class (`--only hostile`, the CI slice) is its replay.
        stats.add({ phase: "hostile", kind: p.kind, detail: `${cls.name}: ${p.detail}` });
      }
      o.log(`  ${cls.name}: exit ${r.code ?? r.signal}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

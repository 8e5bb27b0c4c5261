/**
 * Scorer throughput of the 盐田区委办 2023 rubric, side by side in one process
 * on the same boundary-heavy records (bench/records.ts):
 *   (a) the compiled module (compileRubric → .mjs on the built runtime)
 *   (b) hand-written decimal.js, idiomatic          bench/scorers/decimal-idiomatic.ts
 *   (c) hand-written exact scaled integers          bench/scorers/scaled-int.ts
 *   (d) hand-written floats, naive                  bench/scorers/float.ts
 *   (e) the reference evaluator (createReferenceScorer(rubric).score)
 *   (f) json-rules-engine                           bench/scorers/json-rules-engine.ts
 *   (f′) feelin (FEEL), on a prefix of the records  bench/scorers/feelin.ts
 * Single thread; each scorer is warmed up, then all are timed round-robin
 * (9 rounds; in each, every scorer runs ≥ 0.25 s and ≥ 1/9 of the records,
 * so every record is scored by every scorer); records/s is the median run.
 * Then the agreement counts, and in BENCH_FULL=1 mode ≥ 1,000,000 records.
 */
import { cpus, loadavg } from "node:os";
import { Exact } from "../src/runtime/exact.js";
import type { NodeReport, Report } from "../src/runtime/report.js";
import type { RubricMeta, ScoreInput } from "../src/runtime/scorer.js";
import type { CheckedRubric } from "../src/compiler/program.js";
import { createReferenceScorer } from "../src/compiler/evaluate/scorer.js";
import { Rng, benchRecord, benchRecords } from "./records.js";
import { randomInput } from "../test/support/random-input.js";
import { checkBuiltRuntime, loadCompiled } from "./scorers/compiled.js";
import { scoreDecimalIdiomatic } from "./scorers/decimal-idiomatic.js";
import { scoreFloat } from "./scorers/float.js";
import { createJsonRulesEngineScorer } from "./scorers/json-rules-engine.js";
import { scoreScaledInt } from "./scorers/scaled-int.js";
import { scoreFeelin } from "./scorers/feelin.js";

type Sync = (input: ScoreInput) => string;
type Async = (input: ScoreInput) => Promise<string>;

interface Contender {
  readonly key: string;
  readonly label: string;
  readonly score: Sync | Async;
  readonly async?: boolean;
  /** Only the first `subset` records (for a scorer too slow to score them all in a few minutes). */
  readonly subset?: number;
}

export interface Measured {
  readonly key: string;
  readonly label: string;
  /** Median records/s over the runs. */
  readonly rate: number;
  readonly runs: number;
  /** Total per record, from the timed runs. */
  readonly totals: string[];
}

const RUN_SECONDS = 0.25;
/** feelin re-parses the FEEL text on every call (≈ 40 records/s): it scores a prefix of the records. */
const FEELIN_RECORDS = 450;
const ROUNDS = 9;

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

const now = (): number => Number(process.hrtime.bigint()) / 1e9;

/** Scores records[from, from + n) (wrapping), storing totals; returns seconds. */
async function pass(
  c: Contender,
  records: readonly ScoreInput[],
  from: number,
  n: number,
  totals: string[],
): Promise<number> {
  const len = records.length;
  const t = now();
  if (c.async) {
    const f = c.score as Async;
    for (let k = 0; k < n; k++) {
      const i = (from + k) % len;
      totals[i] = await f(records[i] as ScoreInput);
    }
  } else {
    const f = c.score as Sync;
    for (let k = 0; k < n; k++) {
      const i = (from + k) % len;
      totals[i] = f(records[i] as ScoreInput);
    }
  }
  return now() - t;
}

/** Warms a scorer up (JIT) and estimates its records/s. */
async function warmUp(c: Contender, warm: readonly ScoreInput[]): Promise<number> {
  const scratch: string[] = [];
  let n = Math.min(warm.length, 200);
  let secs = await pass(c, warm, 0, n, scratch);
  while (secs < 0.2 && n < warm.length * 8) {
    n *= 2;
    secs = await pass(c, warm, 0, n, scratch);
  }
  return n / secs;
}

/**
 * Round-robin: in each of `ROUNDS` rounds every scorer runs once, for ≈ RUN_SECONDS or
 * 1/ROUNDS of the records, whichever is more — so a change of machine load hits all of
 * them alike, and every record is scored by every scorer.
 */
async function measureAll(
  contenders: readonly Contender[],
  records: readonly ScoreInput[],
  warm: readonly ScoreInput[],
): Promise<Measured[]> {
  const units: number[] = [];
  const recs = contenders.map((c) => (c.subset !== undefined ? records.slice(0, c.subset) : records));
  for (const [k, c] of contenders.entries()) {
    const rate = await warmUp(c, c.subset !== undefined ? warm.slice(0, 20) : warm);
    units.push(Math.max(Math.ceil((recs[k] as ScoreInput[]).length / ROUNDS), Math.round(rate * RUN_SECONDS)));
  }
  const rates = contenders.map((): number[] => []);
  const totals = recs.map((r) => new Array<string>(r.length));
  const from = contenders.map(() => 0);
  for (let r = 0; r < ROUNDS; r++) {
    for (let k = 0; k < contenders.length; k++) {
      const unit = units[k] as number;
      const mine = recs[k] as ScoreInput[];
      const secs = await pass(contenders[k] as Contender, mine, from[k] as number, unit, totals[k] as string[]);
      (rates[k] as number[]).push(unit / secs);
      from[k] = ((from[k] as number) + unit) % mine.length;
    }
  }
  return contenders.map((c, k) => ({
    key: c.key,
    label: c.label,
    rate: median(rates[k] as number[]),
    runs: ROUNDS,
    totals: totals[k] as string[],
  }));
}

// ---- comparisons ----

/** Exact hundredths of a total with at most 2 decimals (float totals are printed with toFixed(2)). */
function hundredths(total: string): bigint {
  const e = Exact.parse(total);
  if (!e) throw new Error(`not a number: ${total}`);
  return e.mul(Exact.int(100)).round(0, "half-up").num;
}

interface Diff {
  readonly count: number;
  readonly max: number;
  readonly example?: string;
}

/** Records whose totals differ (as exact 2-place values), the largest difference in points. */
function diff(xs: readonly string[], ys: readonly string[], exactText = false): Diff {
  let count = 0;
  let max = 0n;
  let example: string | undefined;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i] as string;
    const y = ys[i] as string;
    if (x === y) continue;
    const d = hundredths(x) - hundredths(y);
    if (d === 0n && !exactText) continue;
    count++;
    const ad = d < 0n ? -d : d;
    if (ad > max || example === undefined) {
      max = ad;
      example = `record #${i}: ${x} vs ${y}`;
    }
  }
  return { count, max: Number(max) / 100, ...(example ? { example } : {}) };
}

function flatten(nodes: readonly NodeReport[], out: string[]): string[] {
  for (const n of nodes) {
    out.push(`${n.path.join(".")}=${n.computed}/${n.score}`);
    flatten(n.children, out);
  }
  return out;
}
const fingerprint = (r: Report): string => `${r.total} ${r.grade} ${flatten(r.tree, []).join(" ")}`;

// ---- printing ----

const fmtRate = (r: number): string =>
  r >= 1e6 ? `${(r / 1e6).toFixed(2)}M` : r >= 1e3 ? `${(r / 1e3).toFixed(1)}k` : r.toFixed(0);
const fmtRatio = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const pct = (n: number, of: number): string => `${((100 * n) / of).toFixed(n * 1000 < of ? 3 : 2)}%`;

export interface ScorerBenchOptions {
  readonly rubric: CheckedRubric;
  readonly records: number;
  readonly full: boolean;
  readonly log: (line: string) => void;
}

export async function runScorerBench(o: ScorerBenchOptions): Promise<void> {
  const { log } = o;
  const warning = checkBuiltRuntime();
  if (warning) log(`  ${warning}`);
  const reference = createReferenceScorer(o.rubric);
  const meta: RubricMeta = reference.meta;
  const compiled = await loadCompiled(o.rubric);
  const jre = createJsonRulesEngineScorer();

  const records = benchRecords(meta, o.records, 20231);
  const warm = benchRecords(meta, 2000, 777);
  const contenders: Contender[] = [
    {
      key: "a",
      label: "compiled module (.mjs, dist runtime)",
      score: (x) => compiled.score(x, { explain: false }).total ?? "null",
    },
    { key: "b", label: "decimal.js, idiomatic (hand-written)", score: scoreDecimalIdiomatic },
    { key: "c", label: "scaled integers, exact (hand-written)", score: scoreScaledInt },
    { key: "d", label: "JS floats, naive (hand-written)", score: scoreFloat },
    { key: "e", label: "reference evaluator", score: (x) => reference.score(x).total ?? "null" },
    { key: "f", label: "json-rules-engine 7.3.1", score: jre, async: true },
    { key: "f′", label: `feelin 8.2.0 (first ${FEELIN_RECORDS} records)`, score: scoreFeelin, subset: FEELIN_RECORDS },
  ];

  log(
    `scorers: 盐田区委办 2023, ${o.records.toLocaleString("en")} boundary-heavy random departments (seed 20231), single thread, median of ${ROUNDS} round-robin runs of ≥ ${RUN_SECONDS} s each`,
  );
  const load = (): string =>
    loadavg()
      .map((x) => x.toFixed(1))
      .join(" ");
  const loadBefore = load();
  const m = new Map<string, Measured>();
  for (const r of await measureAll(contenders, records, warm)) {
    m.set(r.key, r);
    log(`  ${`(${r.key})`.padEnd(4)} ${r.label.padEnd(38)} ${fmtRate(r.rate).padStart(8)} records/s`);
  }
  log(
    `  (load average before/after: ${loadBefore} / ${load()} on ${cpus().length} cores${(loadavg()[0] ?? 0) > cpus().length * 0.75 ? " — the machine was busy: absolute rates are low, ratios less affected" : ""})`,
  );
  const get = (k: string): Measured => m.get(k) as Measured;
  const a = get("a");
  const b = get("b");
  const c = get("c");
  const d = get("d");
  const e = get("e");
  const f = get("f");
  const f2 = get("f′");

  const ratio = (x: Measured, y: Measured, target: string, ok: boolean | undefined): void => {
    log(
      `  ${x.key}/${y.key} = ${fmtRatio(x.rate / y.rate).padStart(7)}   ${target}${ok === undefined ? "" : ok ? "  ✓ met" : "  ✗ MISSED"}`,
    );
  };
  log("ratios (records/s)");
  ratio(a, b, "compiled vs idiomatic decimal.js — floor target ≥ 10", a.rate / b.rate >= 10);
  ratio(a, c, "compiled vs exact scaled integers — goal ≥ 0.5", a.rate / c.rate >= 0.5);
  ratio(a, f, "compiled vs json-rules-engine — target ≥ 100", a.rate / f.rate >= 100);
  ratio(a, f2, "compiled vs feelin (FEEL) — optional", undefined);
  ratio(a, e, "compiled vs reference evaluator", undefined);
  ratio(c, b, "exact scaled integers vs idiomatic decimal.js (issue: ≈ 126)", undefined);
  ratio(c, d, "exact scaled integers vs floats (issue: ≈ 0.86)", undefined);

  const n = records.length;
  log("agreement on the same records (totals)");
  const ae = diff(a.totals, e.totals, true);
  log(
    `  (a) compiled    = (e) reference: ${n - ae.count}/${n}${ae.count ? `  ✗ ${ae.count} DIFFER, e.g. ${ae.example}` : "  ✓ exact on every record"}`,
  );
  const ce = diff(c.totals, e.totals, true);
  log(
    `  (c) scaled int  = (e) reference: ${n - ce.count}/${n}${ce.count ? `  ✗ ${ce.count} DIFFER, e.g. ${ce.example}` : "  ✓ exact on every record"}`,
  );
  const be = diff(b.totals, e.totals);
  log(
    `  (b) decimal.js ≠ (e) reference on ${be.count} records (${pct(be.count, n)}), by up to ${be.max} — 20-digit quotients miss exact ties${be.example ? `; e.g. ${be.example}` : ""}`,
  );
  const db = diff(d.totals, b.totals);
  log(
    `  (d) floats     ≠ (b) decimal.js on ${db.count} records (${pct(db.count, n)}), largest difference ${db.max} points${db.example ? `; e.g. ${db.example}` : ""}`,
  );
  const de = diff(d.totals, e.totals);
  log(`  (d) floats     ≠ (e) reference on ${de.count} records (${pct(de.count, n)}), by up to ${de.max}`);
  const fe = diff(f.totals, e.totals);
  log(
    `  (f) json-rules-engine ≠ (e) reference on ${fe.count} records (${pct(fe.count, n)}), by up to ${fe.max} (its facts are JS numbers)`,
  );
  const f2e = diff(f2.totals, e.totals.slice(0, f2.totals.length));
  log(
    `  (f′) feelin     ≠ (e) reference on ${f2e.count} of its ${f2.totals.length} records (${pct(f2e.count, f2.totals.length)}), by up to ${f2e.max} (JS numbers too)`,
  );

  // The same comparison on the test suite's plain random departments (edges of ratio inputs only).
  const plainRng = new Rng(99);
  const plain = Array.from({ length: Math.min(10_000, n) }, () => randomInput(meta, plainRng));
  const dbPlain = diff(plain.map(scoreFloat), plain.map(scoreDecimalIdiomatic));
  log(
    `  (d) floats     ≠ (b) decimal.js on ${dbPlain.count} of ${plain.length} plain random departments (test/support/random-input.ts, fewer edges): ${pct(dbPlain.count, plain.length)}, by up to ${dbPlain.max}`,
  );

  // Every node, not just the total, on a slice (reports are too big to keep for all records).
  const treeN = Math.min(2000, n);
  let treeDiff = 0;
  for (let i = 0; i < treeN; i++) {
    const x = records[i] as ScoreInput;
    if (fingerprint(compiled.score(x, { explain: false })) !== fingerprint(reference.score(x))) treeDiff++;
  }
  log(
    `  (a) = (e) at every node (computed and final score of each group/indicator/part, grade): ${treeN - treeDiff}/${treeN}${treeDiff ? "  ✗" : "  ✓"}`,
  );

  if (o.full) fullAgreement(o, meta, compiled.score, reference.score);
}

/**
 * BENCH_FULL: ≥ 1,000,000 boundary-heavy records, (a) against (c), plus (a)
 * against (e) on a 20,000-record subset.
 */
function fullAgreement(
  o: ScorerBenchOptions,
  meta: RubricMeta,
  compiled: (x: ScoreInput, opts?: { explain?: boolean }) => Report,
  reference: (x: ScoreInput) => Report,
): void {
  const { log } = o;
  const N = Number(process.env["BENCH_FULL_RECORDS"] ?? 1_000_000);
  const SUBSET = 20_000;
  log(`full agreement run: ${N.toLocaleString("en")} boundary-heavy records (seed 1000003)`);
  log(`  The reference evaluator scores ≈ 2k records/s, so 1M records against it would take ~10 minutes.`);
  log(
    `  The oracle for the 1M is (c), the scaled-integer scorer: exact by construction (integers, cross-multiplication,`,
  );
  log(
    `  one integer rounding per indicator) and itself checked equal to (e) on every record of the default run above.`,
  );
  log(`  (a) is also checked against (e) directly on the first ${SUBSET.toLocaleString("en")} of these records.`);
  const rng = new Rng(1_000_003);
  let ac = 0;
  let ae = 0;
  let firstAc: string | undefined;
  const t = now();
  for (let i = 0; i < N; i++) {
    const x = benchRecord(meta, rng);
    const total = compiled(x, { explain: false }).total ?? "null";
    let exact: string;
    try {
      exact = scoreScaledInt(x);
    } catch (e) {
      exact = `refused (${(e as Error).message})`;
    }
    if (total !== exact) {
      ac++;
      firstAc ??= `record #${i}: compiled ${total}, scaled ${exact}: ${JSON.stringify(x)}`;
    }
    if (i < SUBSET && total !== (reference(x).total ?? "null")) ae++;
    if ((i + 1) % 250_000 === 0) log(`  … ${(i + 1).toLocaleString("en")} records, ${(now() - t).toFixed(0)} s`);
  }
  log(
    `  (a) compiled = (c) scaled int: ${N - ac}/${N}${ac ? `  ✗ ${ac} DIFFER; first: ${firstAc}` : "  ✓ exact on every record"}`,
  );
  log(`  (a) compiled = (e) reference:  ${SUBSET - ae}/${SUBSET}${ae ? `  ✗ ${ae} DIFFER` : "  ✓"} (subset)`);
  log(`  ${(now() - t).toFixed(0)} s`);
}

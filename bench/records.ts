/**
 * Benchmark records for the 盐田区委办 2023 rubric: the test suite's random
 * departments (test/support/random-input.ts: valid values, judgements, band
 * edges of the ratio inputs) with, on top, the edges that random amounts
 * almost never hit — a ratio of two amounts exactly at 60/75/90/95/100%, 5%,
 * 10%, 20%; zeros; actual = planned; one cent over; and exact rounding ties
 * (an indicator landing on x.xx5, where a truncated quotient rounds the
 * wrong way). Seeded: the same seed gives the same records.
 */
import type { RubricMeta, ScoreInput } from "../src/runtime/scorer.js";
import { Rng, randomInput } from "../test/support/random-input.js";

export { Rng };

/** Hundredths → money text with 2 decimals. */
const money = (h: number): string => `${Math.floor(h / 100)}.${String(h % 100).padStart(2, "0")}`;
/** Millionths → ratio text. */
const ratio = (m: number): string =>
  `${Math.floor(m / 1e6)}.${String(m % 1e6).padStart(6, "0")}`.replace(/\.?0+$/, "") || "0";

type Values = Record<string, unknown>;

/** An amount pair (planned, actual) with actual/planned exactly `percent`% (planned a whole number of 万元). */
function pairAt(rng: Rng, percent: number): [string, string] {
  const planned = (1 + rng.int(4000)) * 100; // hundredths
  return [money(planned), money((planned * percent) / 100)];
}

/** 采购: equal, zero, one cent over, or a three-decimal ratio ending in 5 (a tie once the judged 0.xx is added). */
function procurement(v: Values, rng: Rng): void {
  const planned = (1 + rng.int(500)) * 1000; // a multiple of 10 万元, in hundredths
  const k = rng.int(4);
  v["采购计划金额"] = money(planned);
  if (k === 0) v["实际采购金额"] = money(planned);
  else if (k === 1) v["实际采购金额"] = "0";
  else if (k === 2) v["实际采购金额"] = money(planned + 1);
  else v["实际采购金额"] = money((planned / 1000) * (2 * rng.int(100) + 1) * 5); // ratio (2j+1)·0.005
}

/** 调整率: 0, exactly 10%, exactly 20% (the deduction reaches 1 分), or 10% + an odd multiple of 0.05% (a tie). */
function adjustment(v: Values, rng: Rng): void {
  const base = (1 + rng.int(60)) * 10000; // a multiple of 100 万元, in hundredths
  const rates = [0, 1000, 2000, 1000 + (2 * rng.int(200) + 1) * 5]; // in 1/10,000
  v["年初预算数"] = money(base);
  v["预算调整调剂金额"] = money((base / 10000) * (rates[rng.int(rates.length)] ?? 0));
}

/** 利用率 at a band edge, one cent below 90%, or zero. */
function assets(v: Values, rng: Rng): void {
  const k = rng.int(6);
  if (k === 5) {
    const [total, used] = pairAt(rng, 90);
    v["固定资产原值总额"] = total;
    v["在用固定资产原值"] = money(Math.round(Number(used) * 100) - 1);
    return;
  }
  const [total, used] = pairAt(rng, [0, 60, 75, 90, 100][k] ?? 100);
  v["固定资产原值总额"] = total;
  v["在用固定资产原值"] = used;
}

/** 在编 = 核定 (100%) or one over; 编外 at exactly 5% or 10%, one over 10%, or none. */
function staff(v: Values, rng: Rng): void {
  const k = 1 + rng.int(4);
  const kind = rng.int(4);
  const inPost = kind === 0 ? 19 * k : kind === 1 ? 9 * k : kind === 2 ? 9 * k - 1 : 1 + rng.int(60);
  v["在编人数"] = String(inPost);
  v["编外人数"] = String(kind === 3 ? 0 : k);
  v["核定编制数"] = String(rng.next() < 0.5 ? inPost : Math.max(1, inPost - 1));
}

/** 控制率 at 90%, 100%, one cent over 100%, one cent under 90%, or zero spending. */
function control(v: Values, rng: Rng, budget: string, actual: string): void {
  const k = rng.int(5);
  const [b, a] = pairAt(rng, k === 0 ? 90 : k === 4 ? 0 : 100);
  v[budget] = b;
  const cents = Math.round(Number(a) * 100);
  v[actual] = k === 2 ? money(cents + 1) : k === 3 ? money(Math.round(Number(b) * 90) - 1) : a;
}

/**
 * 季度支出进度 whose indicator score lands exactly on a tie t.xx5: the score is
 * 6p1 + 3p2 + 2p3 + 1.5p4 (uncapped), so with p1, p2, p4 of 4 decimals p3 is
 * solved for (6 decimals) — and p3 / 75% does not terminate.
 */
function quarterTie(rng: Rng): string[] | undefined {
  const P1 = rng.int(2501) * 100; // micro-units, ≤ 25%
  const P2 = rng.int(5001) * 100; // ≤ 50%
  const P4 = rng.int(10001) * 100; // ≤ 100%
  const base = 6 * P1 + 3 * P2 + 1.5 * P4; // score in micro-points with p3 = 0
  const target = base + 2 * rng.int(750_001);
  const tie = Math.floor(target / 10_000) * 10_000 + 5_000; // x.xx5 points
  const P3 = (tie - base) / 2;
  if (P3 < 0 || P3 > 750_000 || !Number.isInteger(P3)) return undefined;
  return [ratio(P1), ratio(P2), ratio(P3), ratio(P4)];
}

/** 计划项目数 where done/planned × 6 can tie (8, 16, 40, 48, 80) or repeat (3, 7, 24); done = planned, 0, or between. */
function projects(v: Values, rng: Rng): void {
  const planned = [8, 16, 40, 48, 80, 3, 7, 24][rng.int(8)] ?? 8;
  const k = rng.int(3);
  v["计划项目数"] = String(planned);
  v["已完成项目数"] = String(k === 0 ? planned : k === 1 ? 0 : rng.int(planned + 1));
}

/** One boundary-heavy department: each family of inputs pushed to an edge with probability `edge`. */
export function benchRecord(meta: RubricMeta, rng: Rng, edge = 0.5): ScoreInput {
  const input = randomInput(meta, rng);
  const v = { ...input.values } as Values;
  // The test suite's random departments now and then break a bound over another input on purpose
  // (在用 ≤ 原值总额); a bench department is valid: every scorer must score it.
  if (Number(v["在用固定资产原值"]) > Number(v["固定资产原值总额"])) v["在用固定资产原值"] = v["固定资产原值总额"];
  if (rng.next() < edge) procurement(v, rng);
  if (rng.next() < edge) adjustment(v, rng);
  if (rng.next() < edge) assets(v, rng);
  if (rng.next() < edge) staff(v, rng);
  if (rng.next() < edge) control(v, rng, "三公经费预算数", "三公经费实际支出");
  if (rng.next() < edge) control(v, rng, "日常公用经费调整预算数", "日常公用经费决算数");
  if (rng.next() < edge) {
    const q = rng.next() < 0.7 ? quarterTie(rng) : ["0.25", "0.5", "0.75", "1"];
    if (q) v["季度支出进度"] = q;
  }
  if (rng.next() < edge) projects(v, rng);
  if (rng.next() < edge * 0.5) v["满意度"] = ["0.95", "0.9", "0.8", "0", "1"][rng.int(5)];
  return { ...input, values: v as ScoreInput["values"] };
}

export function benchRecords(meta: RubricMeta, n: number, seed: number): ScoreInput[] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => benchRecord(meta, rng));
}

// ---- the same records as CSV rows, for `rubric score` ----

function csvCell(x: unknown): string {
  const s = typeof x === "boolean" ? (x ? "是" : "否") : Array.isArray(x) ? x.join(";") : String(x ?? "");
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The header: 编号, every input by its Chinese name, 评定:/理由: per judged path, 其余满分. */
export function csvHeader(meta: RubricMeta): string {
  const cols = [
    "编号",
    ...meta.inputs.map((i) => i.name),
    ...meta.judged.flatMap((j) => [`评定:${j.path}`, `理由:${j.path}`]),
    "其余满分",
  ];
  return `${cols.map(csvCell).join(",")}\n`;
}

export function csvRow(meta: RubricMeta, id: number, input: ScoreInput): string {
  const cells: unknown[] = [`D${id}`, ...meta.inputs.map((i) => input.values[i.name])];
  for (const j of meta.judged) {
    const given = input.judgements?.[j.path];
    cells.push(given?.value ?? "", given?.reason ?? "");
  }
  cells.push(input.judgeRestFull ? "是" : "否");
  return `${cells.map(csvCell).join(",")}\n`;
}

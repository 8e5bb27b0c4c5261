/**
 * (c) The 盐田区委办 2023 rubric, exact, in scaled integers — the practical
 * limit for exact arithmetic, and what a compiler that knows every value's
 * scale could emit.
 *
 *   - money in hundredths of 万元 (the records carry 2 decimals);
 *   - ratio inputs (季度支出进度, 满意度) in millionths (up to 6 decimals);
 *   - judged scores and every indicator score in hundredths of a point;
 *   - a ratio is never computed: `a / b >= 90%` is `10·a >= 9·b` (b > 0);
 *   - a formula that divides is summed over one common denominator and
 *     rounded once, half-up, by integer division (`roundDiv`).
 *
 * An input with more decimals than its scale is refused (never rounded), so
 * whatever this returns is exact. Products are JS numbers while they are safe
 * integers (always, for amounts below about 10⁹ 万元) and BigInt beyond.
 *
 * The derivation of each integer formula from the 评分标准 is next to it; the
 * bench checks it against the reference evaluator on every record.
 */
import type { InputValue, ScoreInput } from "../../src/runtime/scorer.js";
import { CHECKLIST, IND, JUDGED, flag, judged, override, text, wholeJudgement } from "./yantian.js";

const MAX = Number.MAX_SAFE_INTEGER;

/** Decimal text → integer in units of 10^-places; throws on more places than that (no rounding, ever). */
function scaled(s: string, places: number, name: string): number {
  let v = 0;
  let frac = -1; // digits seen after the point; -1 before it
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46 /* . */ && frac < 0 && i > 0) {
      frac = 0;
      continue;
    }
    if (c < 48 || c > 57 || frac >= places) throw notScaled(s, places, name);
    v = v * 10 + (c - 48);
    if (frac >= 0) frac++;
  }
  if (s.length === 0 || frac === 0) throw notScaled(s, places, name);
  for (let k = frac < 0 ? 0 : frac; k < places; k++) v *= 10;
  if (v > MAX) throw new RangeError(`${name}: ${s} is too large`);
  return v;
}

function notScaled(s: string, places: number, name: string): RangeError {
  return new RangeError(`${name}: ${JSON.stringify(s)} is not a decimal with at most ${places} places`);
}

type Values = ScoreInput["values"];

/** Money in hundredths of 万元. */
const money = (v: Values, name: string): number => scaled(text(v[name], name), 2, name);
/** A ratio input in millionths (0.95 → 950000). */
const ratio = (x: InputValue | undefined, name: string): number => scaled(text(x, name), 6, name);
/** A count (whole number). */
const count = (v: Values, name: string): number => scaled(text(v[name], name), 0, name);
const bool = (v: Values, name: string): boolean => flag(v[name], name);
/** A judged score (or its maximum) in hundredths of a point. */
const judgedH = (input: ScoreInput, path: string, max: string): number => scaled(judged(input, path, max), 2, path);

/** Sign of a·b − c·d (all ≥ 0): cross-multiplication instead of comparing a/d with c/b. */
function cmpProducts(a: number, b: number, c: number, d: number): number {
  const l = a * b;
  const r = c * d;
  if (l <= MAX && r <= MAX) return l < r ? -1 : l > r ? 1 : 0;
  const L = BigInt(a) * BigInt(b);
  const R = BigInt(c) * BigInt(d);
  return L < R ? -1 : L > R ? 1 : 0;
}

/** n / d rounded half-up (n ≥ 0, d > 0, both safe integers): the 四舍五入 to hundredths. */
function roundDiv(n: number, d: number): number {
  const twice = 2 * n + d;
  const den = 2 * d;
  if (twice > MAX || den > MAX) return Number((BigInt(2) * BigInt(n) + BigInt(d)) / (BigInt(2) * BigInt(d)));
  // floor(twice / den), corrected exactly: the float quotient may be off by one near an integer.
  let q = Math.floor(twice / den);
  const r = twice - q * den;
  if (r < 0) q -= 1;
  else if (r >= den) q += 1;
  return q;
}

/** a·b as a safe integer (throws rather than lose a digit; only small factors reach here). */
function mul(a: number, b: number): number {
  const p = a * b;
  if (p > MAX) throw new RangeError("product too large for the scaled-integer scorer");
  return p;
}

const clamp = (h: number, max: number): number => (h < 0 ? 0 : h > max ? max : h);

/** Sum of judged checklist items in hundredths, or the indicator's whole judgement. */
function checklist(input: ScoreInput, path: string, items: readonly (readonly [string, string])[]): number {
  const whole = wholeJudgement(input, path);
  if (whole !== undefined) return scaled(whole, 2, path);
  let sum = 0;
  for (const [item, max] of items) sum += judgedH(input, item, max);
  return sum;
}

const PUBLICITY: Record<string, number> = { 按规定公开: 150, 公开但不合规: 100, 未公开: 0 };

/** 按规定公开 1.5 分，公开但不合规 1 分，未公开 0 分 (hundredths). */
function publicity(v: Values, name: string): number {
  const t = PUBLICITY[text(v[name], name)];
  if (t === undefined) throw new TypeError(`${name}: not a 公开情况`);
  return t;
}

/** 控制率 S/B < 90% ⇔ 10S < 9B → 3 分;  S ≤ B (≤ 100%) → 2 分;  else 0 (hundredths). */
const control = (S: number, B: number): number => (cmpProducts(10, S, 9, B) < 0 ? 300 : S <= B ? 200 : 0);

/** A quarter's rate over 3,000,000, capped at 100%. */
const cap = (n: number): number => (n > 3_000_000 ? 3_000_000 : n);

/** Each indicator's score in hundredths of a point, already clamped and rounded as the rubric says. */
const INDICATORS: readonly [string, (v: Values, input: ScoreInput) => number][] = [
  [IND.预算编制合理性, (_v, input) => checklist(input, IND.预算编制合理性, CHECKLIST.预算编制合理性)],
  // 5 分，每项不符合扣 1 分，扣完为止。
  [IND.预算编制规范性, (v) => clamp(500 - mul(100, count(v, "预算编制不符合项数")), 500)],
  [IND.绩效目标完整性, (v) => clamp(500 - mul(100, count(v, "绩效目标不符合项数")), 500)],
  [IND.绩效指标明确性, (_v, input) => checklist(input, IND.绩效指标明确性, CHECKLIST.绩效指标明确性)],

  // A/P × 1 分 (0 if A > P) + 政策功能 J:  hundredths = round((100·A + J·P) / P).
  [
    IND.政府采购执行情况,
    (v, input) => {
      const P = money(v, "采购计划金额");
      const A = money(v, "实际采购金额");
      const J = judgedH(input, JUDGED.政策功能, "1");
      if (A > P) return J;
      return roundDiv(mul(100, A) + mul(J, P), P);
    },
  ],

  // 调整率 r = T/B.  r ≤ 10%: 1 分.  Otherwise 1 − 0.1 × (r − 10%)/1% = 2 − 10·T/B, at least 0 (r ≥ 20%, i.e. 5T ≥ B).
  // With the two judged items J1, J3: hundredths = round(((J1 + J3 + 200)·B − 1000·T) / B).  违规支出: 0.
  [
    IND.财务合规性,
    (v, input) => {
      if (bool(v, "违规支出")) return 0;
      const T = money(v, "预算调整调剂金额");
      const B = money(v, "年初预算数");
      const J = judgedH(input, JUDGED.资金支出规范性, "1") + judgedH(input, JUDGED.会计核算规范性, "1");
      if (cmpProducts(10, T, 1, B) <= 0) return J + 100;
      if (cmpProducts(5, T, 1, B) >= 0) return J;
      return roundDiv(mul(J + 200, B) - mul(1000, T), B);
    },
  ],

  [
    IND.预决算信息公开,
    (v) => {
      if (bool(v, "涉密不需公开")) return 300;
      return publicity(v, "预算公开情况") + publicity(v, "决算公开情况");
    },
  ],

  [IND.项目实施程序, (_v, input) => checklist(input, IND.项目实施程序, CHECKLIST.项目实施程序)],
  [
    IND.项目监管,
    (v, input) => {
      const whole = wholeJudgement(input, IND.项目监管);
      if (whole !== undefined) return scaled(whole, 2, IND.项目监管);
      const failed = bool(v, "无检查监督证明材料") || bool(v, "专项资金评价结果为差");
      return judgedH(input, JUDGED.监控机制, "1") + (failed ? 0 : judgedH(input, JUDGED.检查监控整改, "1"));
    },
  ],
  [IND.资产管理安全性, (_v, input) => checklist(input, IND.资产管理安全性, CHECKLIST.资产管理安全性)],

  // U/T ≥ 90% ⇔ 10U ≥ 9T;  ≥ 75% ⇔ 4U ≥ 3T;  ≥ 60% ⇔ 5U ≥ 3T.
  [
    IND.固定资产利用率,
    (v) => {
      const U = money(v, "在用固定资产原值");
      const T = money(v, "固定资产原值总额");
      if (cmpProducts(10, U, 9, T) >= 0) return 100;
      if (cmpProducts(4, U, 3, T) >= 0) return 70;
      if (cmpProducts(5, U, 3, T) >= 0) return 40;
      return 0;
    },
  ],

  // 在编/核定 ≤ 100% ⇔ 在编 ≤ 核定.
  [IND.财政供养人员控制率, (v) => (count(v, "在编人数") <= count(v, "核定编制数") ? 100 : 0)],

  // E/(Z+E) < 5% ⇔ 20E < Z+E;  ≤ 10% ⇔ 10E ≤ Z+E.
  [
    IND.编外人员控制率,
    (v) => {
      const E = count(v, "编外人数");
      const all = count(v, "在编人数") + E;
      if (mul(20, E) < all) return 100;
      if (mul(10, E) <= all) return 50;
      return 0;
    },
  ],

  [IND.管理制度健全性, (_v, input) => checklist(input, IND.管理制度健全性, CHECKLIST.管理制度健全性)],

  // “三公”经费 and 日常公用经费, each by `control`.
  [
    IND.公用经费控制率,
    (v) => {
      return (
        control(money(v, "三公经费实际支出"), money(v, "三公经费预算数")) +
        control(money(v, "日常公用经费决算数"), money(v, "日常公用经费调整预算数"))
      );
    },
  ],

  // Quarter q's rate p_q / s_q with s = 25%, 50%, 75%, 100% and p in millionths, over the common
  // denominator 3,000,000: n1 = 12·p1, n2 = 6·p2, n3 = 4·p3, n4 = 3·p4, each capped at 3,000,000 (100%).
  // Score = Σ rates × 1 + mean × 2 = 1.5 × Σ rates = N / 2,000,000 points with N = Σ n_q,
  // i.e. N / 20,000 hundredths — one rounding, no repeating decimal anywhere.
  [
    IND.预算执行率,
    (v) => {
      const p = v["季度支出进度"];
      if (!Array.isArray(p) || p.length !== 4) throw new TypeError("季度支出进度: expected 4 ratios");
      const N =
        cap(mul(12, ratio(p[0], "季度支出进度[1]"))) +
        cap(mul(6, ratio(p[1], "季度支出进度[2]"))) +
        cap(mul(4, ratio(p[2], "季度支出进度[3]"))) +
        cap(mul(3, ratio(p[3], "季度支出进度[4]")));
      return roundDiv(N, 20_000);
    },
  ],

  // 8 分，每项未完成扣 4 分，扣完为止。
  [IND.重点工作完成情况, (v) => clamp(800 - mul(400, count(v, "重点工作数") - count(v, "已完成重点工作数")), 800)],

  // 全部完成 6 分；否则 D/N × 6 分 = round(600·D / N) hundredths.
  [
    IND.项目完成及时性,
    (v) => {
      const N = count(v, "计划项目数");
      const D = count(v, "已完成项目数");
      return D === N ? 600 : clamp(roundDiv(mul(600, D), N), 600);
    },
  ],

  [IND.综合效益, (_v, input) => judgedH(input, IND.综合效益, "25")],

  [
    IND.群众信访办理情况,
    (v, input) => {
      const letters = count(v, "信访件数");
      if (letters === 0) return 300;
      const answered = count(v, "已办理回复信访件数") === letters ? 100 : 0;
      const onTime = count(v, "及时办理回复信访件数") === letters ? 100 : 0;
      return judgedH(input, JUDGED.反映渠道机制, "1") + answered + onTime;
    },
  ],

  [
    IND.公众或服务对象满意度,
    (v) => {
      const s = ratio(v["满意度"], "满意度");
      return s >= 950_000 ? 600 : s >= 900_000 ? 400 : s >= 800_000 ? 200 : 100;
    },
  ],
];

/** Hundredths → decimal text without trailing zeros ("94.91", "94.9", "95"), as the compiled module prints. */
function hundredthsText(h: number): string {
  const int = Math.floor(h / 100);
  const frac = h % 100;
  if (frac === 0) return String(int);
  return frac % 10 === 0 ? `${int}.${frac / 10}` : `${int}.${String(frac).padStart(2, "0")}`;
}

/** Scores one department; returns the total in hundredths. */
export function scoreScaledIntHundredths(input: ScoreInput): number {
  let total = 0;
  const overrides = input.overrides;
  for (const [path, rule] of INDICATORS) {
    const o = overrides ? override(input, path) : undefined;
    total += o !== undefined ? scaled(o, 2, path) : rule(input.values, input);
  }
  return total;
}

/** Scores one department; returns the total as decimal text. */
export function scoreScaledInt(input: ScoreInput): string {
  return hundredthsText(scoreScaledIntHundredths(input));
}

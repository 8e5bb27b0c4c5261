/**
 * Reading a department's values for the specialised code: numbers straight
 * from their decimal text to scaled integers (no rationals, no regex), and
 * judgements resolved once by full path. Anything these fast readers do not
 * accept as plainly valid — another spelling, a suffix path, a value out of
 * bounds, an override — returns undefined, and the generic converter
 * (validate.ts, judgements.ts) reads the record instead: it accepts every
 * spelling the README lists and reports every error by field and indicator.
 */
import { Exact } from "./exact.js";
import { cmp } from "./fast-num.js";
import { boundHolds } from "./bound-expr.js";
import type { RubricMeta } from "./scorer.js";
import { parseIsoDate } from "./dates.js";

const MAX = Number.MAX_SAFE_INTEGER;
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * Plain decimal text (`-?digits[.digits]`, `%` where allowed) → an integer count
 * of 10^-scale, or undefined (more places than `scale`, other spellings).
 */
export function scaledText(raw: unknown, scale: number, percent: boolean): number | undefined {
  let s: string;
  if (typeof raw === "string") s = raw;
  else if (typeof raw === "number") {
    if (Number.isInteger(raw) && raw <= MAX && raw >= -MAX) {
      const v = raw * (POW10[scale] as number);
      return v <= MAX && v >= -MAX ? v + 0 : undefined;
    }
    s = String(raw);
  } else return undefined;
  let end = s.length;
  let places = scale;
  if (percent && end > 0 && s.charCodeAt(end - 1) === 37 /* % */) {
    end--;
    places -= 2;
  }
  let i = 0;
  let neg = false;
  if (s.charCodeAt(0) === 45 /* - */) {
    neg = true;
    i = 1;
  }
  if (i >= end) return undefined;
  let v = 0;
  let frac = -1;
  let digits = 0;
  for (; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 46 /* . */ && frac < 0 && digits > 0) {
      frac = 0;
      continue;
    }
    if (c < 48 || c > 57) return undefined;
    if (frac >= 0) {
      if (frac >= places) {
        // Trailing zeros beyond the scale change nothing.
        if (c !== 48) return undefined;
        continue;
      }
      frac++;
    }
    v = v * 10 + (c - 48);
    digits++;
  }
  if (frac === 0 || digits > 15 || places < 0) return undefined;
  v *= POW10[places - (frac < 0 ? 0 : frac)] as number;
  if (v > MAX) return undefined;
  return neg ? 0 - v : v;
}

/** A typed value for `scoreValues`: a safe integer already scaled, or plain decimal text. */
export function scaledValue(raw: unknown, scale: number): number | undefined {
  if (typeof raw === "number") return Number.isSafeInteger(raw) ? raw + 0 : undefined;
  return typeof raw === "string" ? scaledText(raw, scale, false) : undefined;
}

/** Issue 11, rule kind 6: ISO date text (`2023-06-30`) → its day number; other spellings go to the generic reader. */
export function dateText(raw: unknown): number | undefined {
  return typeof raw === "string" ? parseIsoDate(raw) : undefined;
}

/** true/false and the spellings most cells use; anything else goes to the generic reader. */
export function boolText(raw: unknown): boolean | undefined {
  if (raw === true || raw === "true" || raw === "是" || raw === 1 || raw === "1") return true;
  if (raw === false || raw === "false" || raw === "否" || raw === 0 || raw === "0") return false;
  return undefined;
}

/** A list cell: a JS array, or text separated by `;` as in CSV. */
export function listOf(raw: unknown, length: number | undefined): readonly unknown[] | undefined {
  const items = Array.isArray(raw) ? (raw as unknown[]) : typeof raw === "string" ? raw.split(/[;；]/) : undefined;
  return items && (length === undefined || items.length === length) ? items : undefined;
}

/** Keys of a values object: none may be unknown (or an alias, or a pair column) for the fast reader. */
export function keyCount(values: object): number {
  let n = 0;
  for (const k in values) if (Object.prototype.hasOwnProperty.call(values, k)) n++;
  return n;
}

export interface JudgedCheck {
  readonly index: ReadonlyMap<string, number>;
  /** Per judged entry: widest bounds over the judgement denominator, closed flags, deduction, verdict. */
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  readonly den: Float64Array;
  readonly loOpen: Uint8Array;
  readonly hiOpen: Uint8Array;
  readonly deduction: Uint8Array;
  readonly verdict: Uint8Array;
  /** `judged by 结论 { … }` on an input: the input and each member's interval. */
  readonly arms: readonly (VerdictArms | undefined)[];
  /** The judgement denominator the bounds below are over (0: none given). */
  readonly D: number;
  /** Per judged entry: both bounds are integers over D (then `loD`, `hiD` are those integers). */
  readonly exact: Uint8Array;
  readonly loD: Float64Array;
  readonly hiD: Float64Array;
}

interface VerdictArms {
  readonly input: string;
  readonly arms: readonly { member: string | null; lo: Exact; hi: Exact; loOpen: boolean; hiOpen: boolean }[];
}

export function judgedCheck(meta: RubricMeta, D = 0): JudgedCheck {
  const n = meta.judged.length;
  const c = {
    D,
    exact: new Uint8Array(n),
    loD: new Float64Array(n),
    hiD: new Float64Array(n),
    index: new Map(meta.judged.map((j, i) => [j.path, i])),
    lo: new Float64Array(n),
    hi: new Float64Array(n),
    den: new Float64Array(n),
    loOpen: new Uint8Array(n),
    hiOpen: new Uint8Array(n),
    deduction: new Uint8Array(n),
    verdict: new Uint8Array(n),
    arms: meta.judged.map((j) =>
      j.byVerdict
        ? {
            input: j.byVerdict.input,
            arms: j.byVerdict.arms.map((a) => ({
              member: a.member,
              lo: Exact.parse(a.min) ?? Exact.ZERO,
              hi: Exact.parse(a.max) ?? Exact.ZERO,
              loOpen: a.minOpen === true,
              hiOpen: a.maxOpen === true,
            })),
          }
        : undefined,
    ),
  };
  meta.judged.forEach((j, i) => {
    const lo = Exact.parse(j.min) ?? Exact.ZERO;
    const hi = Exact.parse(j.max) ?? Exact.ZERO;
    const den = lo.den * hi.den;
    c.lo[i] = Number(lo.num * (den / lo.den));
    c.hi[i] = Number(hi.num * (den / hi.den));
    c.den[i] = Number(den);
    c.loOpen[i] = j.minOpen ? 1 : 0;
    c.hiOpen[i] = j.maxOpen ? 1 : 0;
    c.deduction[i] = j.deduction ? 1 : 0;
    c.verdict[i] = j.byVerdict ? 1 : 0;
    if (D > 0) {
      const l = lo.mul(Exact.int(D));
      const h = hi.mul(Exact.int(D));
      if (l.isInteger() && h.isInteger() && l.abs().le(Exact.int(MAX)) && h.abs().le(Exact.int(MAX))) {
        c.exact[i] = 1;
        c.loD[i] = Number(l.num);
        c.hiD[i] = Number(h.num);
      }
    }
  });
  return c;
}

/** One judgement, checked as `checkJudgements` does (bounds, reason below the maximum); false sends the record to the generic path. */
export function acceptJudgement(c: JudgedCheck, i: number, v: number, D: number, reason: string | undefined): boolean {
  let lo: number;
  let hi: number;
  if (D === c.D && c.exact[i]) {
    const l = c.loD[i] as number;
    const h = c.hiD[i] as number;
    lo = v < l ? -1 : v > l ? 1 : 0;
    hi = v < h ? -1 : v > h ? 1 : 0;
  } else {
    lo = cmp(v, D, c.lo[i] as number, c.den[i] as number);
    hi = cmp(v, D, c.hi[i] as number, c.den[i] as number);
  }
  if (lo < 0 || (lo === 0 && c.loOpen[i]) || hi > 0 || (hi === 0 && c.hiOpen[i])) return false;
  if (reason) return true;
  return c.deduction[i] ? v <= 0 : hi >= 0;
}

/**
 * The judgements of a text input by full path: fills `j` (values over D) and `r` (reasons).
 * False when some key is not a full judged path or a value is not plainly valid.
 */
export function readJudgements(
  c: JudgedCheck,
  given: unknown,
  D: number,
  scale: number,
  j: (number | undefined)[],
  r: (string | undefined)[],
): boolean {
  if (given === undefined) return true;
  if (typeof given !== "object" || given === null) return false;
  for (const key in given) {
    const i = c.index.get(key);
    if (i === undefined) return false;
    const e = (given as Record<string, unknown>)[key];
    let value: unknown = e;
    let reason: string | undefined;
    if (typeof e === "object" && e !== null && !Array.isArray(e)) {
      const o = e as { value?: unknown; reason?: unknown };
      value = o.value;
      if (typeof o.reason === "string") {
        const t = o.reason.trim();
        if (t !== "") reason = t;
      }
    }
    const v = scaledText(value, scale, false);
    if (v === undefined || !acceptJudgement(c, i, v, D, reason)) return false;
    j[i] = v;
    r[i] = reason;
  }
  return true;
}

/** One step of an arithmetic input bound (`<= 甲 + 乙`), undefined when a side is missing or a divisor is 0. */
export function boundOp(op: "+" | "-" | "*" | "/", a: Exact | undefined, b: Exact | undefined): Exact | undefined {
  if (!a || !b) return undefined;
  if (op === "+") return a.add(b);
  if (op === "-") return a.sub(b);
  if (op === "*") return a.mul(b);
  return b.isZero() ? undefined : a.div(b);
}

/** An arithmetic bound holds, or cannot be evaluated (an input it reads is missing: that input is reported where needed). */
export function exprBoundHolds(x: Exact, op: "=" | ">=" | ">" | "<=" | "<", b: Exact | undefined): boolean {
  return b === undefined || boundHolds(x, op, b);
}

/** A target pair given as { 目标, 实际 } (or target/actual): [目标, 实际]; anything else goes to the generic reader. */
export function pairOf(raw: unknown): readonly [unknown, unknown] | undefined {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return undefined;
  let target: unknown;
  let actual: unknown;
  let n = 0;
  for (const k in raw) {
    const v = (raw as Record<string, unknown>)[k];
    if (k === "目标" || k === "target") {
      if (target !== undefined) return undefined;
      target = v;
    } else if (k === "实际" || k === "actual") {
      if (actual !== undefined) return undefined;
      actual = v;
    } else return undefined;
    n++;
  }
  return n === 2 && target !== undefined && actual !== undefined ? [target, actual] : undefined;
}

/**
 * A judgement under `judged by 结论 { … }` must also lie in the interval of the verdict given in the
 * same values (as `checkJudgements` checks); true when there is no verdict to check against.
 */
export function verdictAccepts(c: JudgedCheck, i: number, values: object, v: number, D: number): boolean {
  const by = c.arms[i];
  if (!by) return true;
  const raw = (values as Record<string, unknown>)[by.input];
  if (typeof raw !== "string") return true;
  const member = raw.trim();
  const arm = by.arms.find((a) => a.member === null || a.member === member);
  if (!arm) return true;
  const x = Exact.of(BigInt(v), BigInt(D));
  const lo = x.cmp(arm.lo);
  const hi = x.cmp(arm.hi);
  return !(lo < 0 || (lo === 0 && arm.loOpen) || hi > 0 || (hi === 0 && arm.hiOpen));
}

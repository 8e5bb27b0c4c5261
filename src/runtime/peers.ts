/**
 * Peer-relative scores (issue 11, rule kind 7) at run time. A rubric compares each department with its
 * peers — every row scored by the same rubric in one run — through a few statistics of an expression
 * (the *subject*, keyed by its text): the count of peers, and the max, min, mean and rank of the
 * subject. The statistics travel as plain data (`PeerStats`, exact rationals as text), so they can be
 * computed in a first pass over a file, sent to worker threads, or handed to a compiled `score`.
 */
import { Exact } from "./exact.js";
import type { Text } from "./report.js";
import { formatValue, type Dim } from "./trace.js";

export type PeerStatName = "max" | "min" | "mean" | "count" | "rank";

/** A subject compared across peers; `ranked` when some rule ranks it (then every value is kept). */
export interface PeerSubjectSpec {
  readonly key: string;
  readonly ranked: boolean;
}

/** One subject over the peers where it has a value. Numbers are exact rationals as text ("49/50"). */
export interface PeerSubjectStats {
  /** Peers for which the subject has a value (a missing or invalid input leaves a peer out). */
  readonly n: number;
  readonly max?: string;
  readonly min?: string;
  readonly sum: string;
  /** Every value, ascending (only for a ranked subject): a rank needs the whole distribution. */
  readonly values?: readonly string[];
}

/** The peer statistics of one rubric in one run. */
export interface PeerStats {
  /** Peers: every row scored by the rubric (the department itself included). */
  readonly count: number;
  readonly subjects: { readonly [subject: string]: PeerSubjectStats };
}

export const exactText = (v: Exact): string => (v.den === 1n ? v.num.toString() : `${v.num}/${v.den}`);

export function parseExact(text: string): Exact {
  const slash = text.indexOf("/");
  return slash < 0 ? Exact.of(BigInt(text)) : Exact.of(BigInt(text.slice(0, slash)), BigInt(text.slice(slash + 1)));
}

/**
 * Accumulates the statistics row by row: memory is a few numbers per subject, plus one value per row
 * for a ranked subject (never the rows themselves).
 */
export class PeerCollector {
  private count = 0;
  private readonly acc: { n: number; max?: Exact; min?: Exact; sum: Exact; values?: Exact[] }[];

  constructor(private readonly subjects: readonly PeerSubjectSpec[]) {
    this.acc = subjects.map((s) => ({ n: 0, sum: Exact.ZERO, ...(s.ranked ? { values: [] } : {}) }));
  }

  /** One peer: its subjects' values in the order of `subjects` (undefined where it has none). */
  add(values: readonly (Exact | undefined)[]): void {
    this.count++;
    values.forEach((v, i) => {
      const a = this.acc[i];
      if (!v || !a) return;
      a.n++;
      a.sum = a.sum.add(v);
      a.max = a.max && !a.max.lt(v) ? a.max : v;
      a.min = a.min && !a.min.gt(v) ? a.min : v;
      a.values?.push(v);
    });
  }

  stats(): PeerStats {
    const subjects: { [k: string]: PeerSubjectStats } = {};
    this.subjects.forEach((s, i) => {
      const a = this.acc[i];
      if (!a) return;
      subjects[s.key] = {
        n: a.n,
        ...(a.max ? { max: exactText(a.max) } : {}),
        ...(a.min ? { min: exactText(a.min) } : {}),
        sum: exactText(a.sum),
        ...(a.values ? { values: [...a.values].sort((x, y) => x.cmp(y)).map(exactText) } : {}),
      };
    });
    return { count: this.count, subjects };
  }
}

/** `peers.max(执行率)` as the rule text says it, in both languages. */
export function peerStatText(stat: PeerStatName, subject: string): Text {
  const zh = { max: "最大值", min: "最小值", mean: "平均值", count: "个数", rank: "排名" }[stat];
  return stat === "count"
    ? { zh: "同类.个数", en: "peers.count" }
    : { zh: `同类.${zh}(${subject})`, en: `peers.${stat}(${subject})` };
}

export function noPeers(stat: PeerStatName, subject: string): Text {
  const t = peerStatText(stat, subject);
  return {
    zh: `${t.zh} 需要同类数据：rubric score 对 CSV/JSONL/JSON 数组由各行算出；单个部门请传入 score(input, { peers })（用 peerStats(inputs) 计算），案例中用 已知 同类 { … } 给出其他单位`,
    en: `${t.en} needs the peers' statistics: rubric score computes them from the rows of a CSV/JSONL/JSON array; for one department pass score(input, { peers }) (computed by peerStats(inputs)), and in an example give the other departments with given peer { … }`,
  };
}

const parsedValues = new WeakMap<PeerSubjectStats, readonly Exact[]>();

function valuesOf(s: PeerSubjectStats): readonly Exact[] {
  let v = parsedValues.get(s);
  if (!v) {
    v = (s.values ?? []).map(parseExact);
    parsedValues.set(s, v);
  }
  return v;
}

/** Rows strictly better than `own`, by binary search over the ascending values. */
function countBeyond(values: readonly Exact[], own: Exact, desc: boolean): number {
  let lo = 0;
  let hi = values.length;
  // First index whose value is > own (desc) or >= own (asc).
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const c = (values[mid] as Exact).cmp(own);
    if (desc ? c <= 0 : c < 0) lo = mid + 1;
    else hi = mid;
  }
  return desc ? values.length - lo : lo;
}

export type PeerResult = { readonly value: Exact; readonly trace: Text } | { readonly problem: Text };

/**
 * A statistic: `own` is the department's own value (for a rank), `dim` how to show values. Ranks are
 * competition ranks: 1 + the peers strictly better, so ties share a rank and the next is skipped (1, 1, 3).
 */
export function peerStat(
  stats: PeerStats | undefined,
  stat: PeerStatName,
  subject: string,
  dim: Dim,
  own?: Exact,
  desc = true,
): PeerResult {
  if (!stats) return { problem: noPeers(stat, subject) };
  const t = peerStatText(stat, subject);
  if (stat === "count") {
    const v = Exact.int(stats.count);
    return { value: v, trace: { zh: `${t.zh} = ${stats.count}`, en: `${t.en} = ${stats.count}` } };
  }
  const s = stats.subjects[subject];
  if (!s || s.n === 0)
    return {
      problem: {
        zh: `${t.zh}：${stats.count} 个同类中没有一个有「${subject}」的值`,
        en: `${t.en}: none of the ${stats.count} peer(s) has a value for '${subject}'`,
      },
    };
  const of = { zh: `${stats.count} 个同类中 ${s.n} 个有值`, en: `${s.n} of ${stats.count} peer(s) have a value` };
  let value: Exact;
  if (stat === "rank") {
    if (!own || !s.values) return { problem: noPeers(stat, subject) };
    value = Exact.int(countBeyond(valuesOf(s), own, desc) + 1);
    const order = desc ? { zh: "降序", en: "highest first" } : { zh: "升序", en: "lowest first" };
    return {
      value,
      trace: {
        zh: `${subject} = ${formatValue(own, dim)}，同类中排名第 ${value.toString()}（${order.zh}，并列同名次；${of.zh}）`,
        en: `${subject} = ${formatValue(own, dim)} ranks ${value.toString()} among peers (${order.en}, ties share a rank; ${of.en})`,
      },
    };
  }
  if (stat === "mean") {
    value = parseExact(s.sum).div(Exact.int(s.n));
  } else {
    const x = stat === "max" ? s.max : s.min;
    if (x === undefined) return { problem: noPeers(stat, subject) };
    value = parseExact(x);
  }
  const shown = formatValue(value, dim);
  return { value, trace: { zh: `${t.zh} = ${shown}（${of.zh}）`, en: `${t.en} = ${shown} (${of.en})` } };
}

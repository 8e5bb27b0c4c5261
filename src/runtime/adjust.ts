/**
 * Issue 11, kind 2: bonuses above an indicator's points and capped
 * penalties. After the parts' sum is rounded and clamped to [0, points]
 * (the base), each bonus and penalty is clamped to [0, its cap]; the score is
 * base + bonuses − penalties, floored at 0 (扣完为止). One rule and one
 * wording for the reference evaluator and compiled scorers.
 */
import { Exact } from "./exact.js";
import type { Text } from "./report.js";

export interface Adjustment {
  readonly which: "bonus" | "penalty";
  readonly cap: Exact;
  /** The rule's value (a condition gives all of the cap or nothing). */
  readonly value: Exact | boolean;
}

export interface Adjusted {
  readonly score: Exact;
  readonly bonus: Exact;
  readonly penalty: Exact;
  readonly trace: Text[];
}

const s = (x: Exact): string => x.toString(6);

export function applyAdjustments(base: Exact, items: readonly Adjustment[]): Adjusted {
  const trace: Text[] = [];
  let bonus = Exact.ZERO;
  let penalty = Exact.ZERO;
  for (const a of items) {
    const raw = typeof a.value === "boolean" ? (a.value ? a.cap : Exact.ZERO) : a.value;
    const v = raw.lt(Exact.ZERO) ? Exact.ZERO : raw.gt(a.cap) ? a.cap : raw;
    const [zh, en] = a.which === "bonus" ? ["加分", "bonus"] : ["减分", "penalty"];
    const capped = v.eq(raw) ? "" : `（${s(raw)}，至多 ${s(a.cap)}）`;
    const cappedEn = v.eq(raw) ? "" : ` (${s(raw)}, at most ${s(a.cap)})`;
    trace.push({ zh: `${zh} ${s(v)}${capped}`, en: `${en} ${s(v)}${cappedEn}` });
    if (a.which === "bonus") bonus = bonus.add(v);
    else penalty = penalty.add(v);
  }
  const raw = base.add(bonus).sub(penalty);
  const score = raw.lt(Exact.ZERO) ? Exact.ZERO : raw;
  const floor = score.eq(raw) ? "" : "，扣完为止";
  const floorEn = score.eq(raw) ? "" : ", floored at 0";
  trace.push({
    zh: `基础分 ${s(base)} + 加分 ${s(bonus)} − 减分 ${s(penalty)} = ${s(score)}${floor}`,
    en: `base ${s(base)} + bonus ${s(bonus)} − penalty ${s(penalty)} = ${s(score)}${floorEn}`,
  });
  return { score, bonus, penalty, trace };
}

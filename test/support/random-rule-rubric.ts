/**
 * Random rubrics made of the rule forms with the most arithmetic edges —
 * step deductions (whole/started/proportional, over/under/off, caps, both
 * word orders) and achievement ratios (both directions, pairs and explicit
 * targets, zero clauses) — for the differential tests. Seeded; inputs come
 * from random-input.ts, which favours zeros, step edges and ties.
 */
import type { Rng } from "./random-input.js";

const STEPS = ["5%", "10%", "3%", "2.5%", "1%"];
const THRESHOLDS = ["100%", "90%", "10%", "0%", "95%"];
const AMOUNTS = ["0.5", "1", "2", "0.25", "3"];

function stepDeduction(rng: Rng, points: number): string {
  const mode = rng.pick(["whole", "started", "proportional"] as const);
  const dir = rng.pick(["over", "under", "off"] as const);
  const amount = rng.pick(AMOUNTS);
  const step = rng.pick(STEPS);
  const subject = rng.pick(["率甲", "率乙"]);
  const threshold = rng.pick(THRESHOLDS);
  const cap = rng.next() < 0.5 ? String(1 + rng.int(points)) : undefined;
  if (rng.next() < 0.4) {
    const zhMode = mode === "whole" ? `每满 ${step}` : mode === "started" ? `每起 ${step}` : `按比例 每 ${step}`;
    const zhDir = { over: "超出", under: "低于", off: "偏离" }[dir];
    return `按 ${subject} ${zhDir} ${threshold} ${zhMode} 扣 ${amount}${cap ? ` 至多 ${cap}` : ""}`;
  }
  const enMode = mode === "proportional" ? `proportional per ${step}` : `per ${mode} ${step}`;
  return `deduct ${amount} ${enMode} of ${subject} ${dir} ${threshold}${cap ? ` at most ${cap}` : ""}`;
}

function achievement(rng: Rng): string {
  const dir = rng.next() < 0.5 ? "higher-better" : "lower-better";
  const zero = rng.pick(["", "", " when 0 -> full", " when 0 -> 0", " when 0 -> 1.5"]);
  const form = rng.int(3);
  if (form === 0) return `achievement ${rng.pick(["人次", "成本对"])} ${dir}${zero}`;
  if (form === 1) return `achievement 完成数 against ${rng.pick(["计划数", "12", "0"])} ${dir}${zero}`;
  return `achievement 金额甲 against ${rng.pick(["金额乙", "50万元", "300元"])} ${dir}${zero}`;
}

/** A rubric of `n` indicators, each scored by one random step deduction or achievement ratio. */
export function randomRuleRubric(rng: Rng, name: string, n = 8): string {
  const lines = [
    `rubric ${name} {`,
    "  input 率甲: ratio in [0, 200%]",
    "  input 率乙: ratio",
    "  input 人次: target count",
    "  input 成本对: target money(万元) >= 0",
    "  input 完成数: count",
    "  input 计划数: count",
    "  input 金额甲: money(万元) >= 0",
    "  input 金额乙: money(元) >= 0",
  ];
  const indicators: string[] = [];
  let total = 0;
  for (let i = 0; i < n; i++) {
    const points = 2 + rng.int(9);
    total += points;
    const kind = rng.next();
    const rule =
      kind < 0.45
        ? stepDeduction(rng, points)
        : kind < 0.9
          ? achievement(rng)
          : `deduct ${rng.pick(AMOUNTS)} per 完成数 at most ${1 + rng.int(points)}`;
    indicators.push(`    indicator 指标${i + 1} ${points} { score = ${rule} }`);
  }
  lines.push(`  group 全部 ${total} {`, ...indicators, "  }", "}");
  return `${lines.join("\n")}\n`;
}

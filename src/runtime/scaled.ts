/**
 * Issue 11, kind 3: a group whose children are written out of another base
 * (`group 预算管理 50 折算 100 { … }`, as many forms print them) scores the
 * children's sum scaled exactly to its points. One rule and one wording for
 * the reference evaluator and compiled scorers.
 */
import type { Exact } from "./exact.js";
import type { Text } from "./report.js";

export function scaleGroup(sum: Exact, points: Exact, base: Exact): { score: Exact; trace: Text } {
  const score = sum.mul(points).div(base);
  const [s, b, p, r] = [sum.toString(6), base.toString(6), points.toString(6), score.toString(6)];
  return {
    score,
    trace: {
      zh: `下级按 ${b} 分制合计 ${s}，折算为 ${p} 分：${s} ÷ ${b} × ${p} = ${r}`,
      en: `the children add up to ${s} out of ${b}, scaled to ${p}: ${s} / ${b} × ${p} = ${r}`,
    },
  };
}

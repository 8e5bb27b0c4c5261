/**
 * Issue 11, rule kind 5: a weighted mean across sub-projects ("相对值按资金额度加权平均"),
 * shared by the reference evaluator and compiled scorers so both compute, refuse
 * and trace it alike. Exact: Σ vᵢ·wᵢ / Σ wᵢ stays a rational.
 */
import { Exact } from "./exact.js";
import type { Text } from "./report.js";
import { formatValue, type Dim } from "./trace.js";

/** Why the data admits no weighted mean: the caller raises its own error of this kind. */
export type WeightedMeanProblem = {
  readonly problem: "zero-weight" | "negative-weight" | "length";
  readonly text: Text;
};
export type WeightedMeanOutcome = { readonly value: Exact; readonly trace: () => Text } | WeightedMeanProblem;

export function weightedMean(
  values: readonly Exact[],
  weights: readonly Exact[],
  dims: { readonly value: Dim; readonly weight: Dim },
): WeightedMeanOutcome {
  if (values.length !== weights.length)
    return {
      problem: "length",
      text: {
        zh: `加权平均的数值有 ${values.length} 个，权重有 ${weights.length} 个，个数须相同`,
        en: `the weighted mean has ${values.length} value(s) and ${weights.length} weight(s); they must pair up`,
      },
    };
  const bad = weights.findIndex((w) => w.sign() < 0);
  if (bad >= 0) {
    const w = formatValue(weights[bad] as Exact, dims.weight);
    return {
      problem: "negative-weight",
      text: {
        zh: `加权平均的第 ${bad + 1} 个权重为负数（${w}）`,
        en: `weight ${bad + 1} of the weighted mean is negative (${w})`,
      },
    };
  }
  let total = Exact.ZERO;
  let product = Exact.ZERO;
  for (let i = 0; i < values.length; i++) {
    total = total.add(weights[i] as Exact);
    product = product.add((values[i] as Exact).mul(weights[i] as Exact));
  }
  if (total.isZero())
    return {
      problem: "zero-weight",
      text:
        values.length === 0
          ? {
              zh: "加权平均没有任何数据（列表为空），权重合计为 0",
              en: "the weighted mean has no data (the list is empty): the weights add up to 0",
            }
          : { zh: "加权平均的权重合计为 0，无法计算", en: "the weights of the weighted mean add up to 0" },
    };
  const value = product.div(total);
  return {
    value,
    trace: () => {
      const pairs = values.map(
        (v, i) => `${formatValue(v, dims.value)} × ${formatValue(weights[i] as Exact, dims.weight)}`,
      );
      const shown = formatValue(value, dims.value);
      const sumW = formatValue(total, dims.weight);
      return {
        zh: `加权平均 = (${pairs.join(" + ")}) ÷ ${sumW} = ${shown}`,
        en: `weighted mean = (${pairs.join(" + ")}) / ${sumW} = ${shown}`,
      };
    },
  };
}

/** Built-in functions: one table, English and Chinese names. */
export type BuiltinName =
  "min" | "max" | "sum" | "mean" | "count" | "len" | "abs" | "floor" | "ceil" | "round" | "clamp" | "weighted_mean";

export const BUILTINS: readonly {
  readonly name: BuiltinName;
  readonly zh: string;
  readonly doc: { zh: string; en: string };
}[] = [
  {
    name: "min",
    zh: "最小值",
    doc: { zh: "最小值：min(a, b, …) 或 min(数组)", en: "smallest of several values, or of an array" },
  },
  {
    name: "max",
    zh: "最大值",
    doc: { zh: "最大值：max(a, b, …) 或 max(数组)", en: "largest of several values, or of an array" },
  },
  { name: "sum", zh: "求和", doc: { zh: "数组求和", en: "sum of an array" } },
  { name: "mean", zh: "平均值", doc: { zh: "数组的算术平均值", en: "arithmetic mean of an array" } },
  { name: "count", zh: "个数", doc: { zh: "布尔数组中为真的个数", en: "number of true values in a bool array" } },
  { name: "len", zh: "长度", doc: { zh: "数组长度", en: "length of an array" } },
  { name: "abs", zh: "绝对值", doc: { zh: "绝对值", en: "absolute value" } },
  { name: "floor", zh: "向下取整", doc: { zh: "向下取整", en: "round down to a whole number" } },
  { name: "ceil", zh: "向上取整", doc: { zh: "向上取整", en: "round up to a whole number" } },
  {
    name: "round",
    zh: "舍入到",
    doc: { zh: "round(x, 位数)：四舍五入到指定小数位", en: "round(x, digits): round half-up to digits places" },
  },
  { name: "clamp", zh: "限定", doc: { zh: "clamp(x, 下限, 上限)", en: "clamp(x, lo, hi)" } },
  {
    name: "weighted_mean",
    zh: "加权平均",
    doc: {
      zh: "加权平均(数值数组, 权重数组)：Σ 数值×权重 ÷ Σ 权重（权重非负，合计不能为 0）",
      en: "weighted_mean(values, weights): Σ value × weight / Σ weight (weights ≥ 0, not all 0)",
    },
  },
];

const byName = new Map<string, BuiltinName>();
for (const b of BUILTINS) {
  byName.set(b.name, b.name);
  byName.set(b.zh, b.name);
}

export function builtin(name: string): BuiltinName | undefined {
  return byName.get(name);
}

export function builtinNames(): string[] {
  return [...byName.keys()];
}

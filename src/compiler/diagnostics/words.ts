/** Words that diagnostics put into their messages, in both languages. */
import type { Message } from "./diagnostic.js";
import { typeToString, type ValueType } from "../model/types.js";

const w = (zh: string, en: string): Message => ({ zh, en });

export const W = {
  number: w("数值", "a number"),
  bool: w("布尔值", "a bool"),
  array: w("数组", "an array"),
  numberArray: w("数值数组", "an array of numbers"),
  boolArray: w("布尔数组", "an array of bools"),
  record: w("记录", "a record"),
  count: w("计数（非负整数）", "a count"),
  points: w("分值", "points"),
  enum: w("枚举值", "an enum"),
  text: w("文本", "text"),
  expression: w("表达式", "an expression"),
  constant: w("常量", "a constant"),
  digits: w("非负整数位数", "a whole number of digits"),
  index: w("下标", "an index"),
  alternatives: w("各分支", "each alternative"),
  value: w("此值", "this value"),
  total: w("总分", "total"),
} as const;

export function ty(t: ValueType): Message {
  return { zh: typeToString(t, "zh"), en: typeToString(t, "en") };
}

export function phrase(zh: string, en: string): Message {
  return w(zh, en);
}

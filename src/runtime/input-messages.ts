/** The wording of input errors, in Chinese and English. */
import type { Text } from "./report.js";
import type { InputTypeSpec } from "./scorer.js";
import { showRaw } from "./raw-text.js";

export function typeText(t: InputTypeSpec): Text {
  switch (t.kind) {
    case "money":
      return t.unit === "万元"
        ? { zh: '金额（万元，如 311.63 或 "3116300元"）', en: 'an amount in 万元 (e.g. 311.63 or "3116300元")' }
        : { zh: '金额（元，如 3116300 或 "311.63万元"）', en: 'an amount in 元 (e.g. 3116300 or "311.63万元")' };
    case "ratio":
      return { zh: '比率（如 "98.1%" 或 0.981）', en: 'a ratio (e.g. "98.1%" or 0.981)' };
    case "count":
      return { zh: "非负整数", en: "a whole number ≥ 0" };
    case "points":
      return { zh: "分值（数字）", en: "points (a number)" };
    case "number":
      return { zh: "数值", en: "a number" };
    case "bool":
      return { zh: "布尔值（是/否、true/false、yes/no、1/0）", en: "a bool (true/false, 是/否, yes/no, 1/0)" };
    case "text":
      return { zh: "文本", en: "text" };
    case "date":
      return { zh: "日期（如 2023-06-30）", en: "a date (e.g. 2023-06-30)" };
    case "enum":
      return { zh: `${t.members.join("、")} 之一`, en: `one of ${t.members.join(" / ")}` };
    case "array": {
      const e = typeText(t.element);
      const n = t.length !== undefined ? `${t.length} 个` : "若干";
      return {
        zh: `${n}${e.zh}组成的数组（JSON 数组，或以 ; 分隔的文本）`,
        en: `${t.length !== undefined ? `${t.length} values` : "a list"} of ${e.en} (a JSON array, or text separated by ;)`,
      };
    }
    case "record":
      return { zh: "记录（JSON 对象）", en: "a record (a JSON object)" };
  }
}

function usedBy(indicators: readonly string[]): Text {
  if (indicators.length === 0) return { zh: "", en: "" };
  return { zh: `（用于 ${indicators.join("、")}）`, en: ` (used by ${indicators.join(", ")})` };
}

const join = (a: Text, b: Text): Text => ({ zh: a.zh + b.zh, en: a.en + b.en });

export const M = {
  wrongType(field: string, type: InputTypeSpec, raw: unknown, indicators: readonly string[], detail?: Text): Text {
    const t = typeText(type);
    const d = detail ? { zh: `：${detail.zh}`, en: `: ${detail.en}` } : { zh: "", en: "" };
    return join(
      {
        zh: `「${field}」应为${t.zh}，实际为 ${showRaw(raw)}${d.zh}`,
        en: `'${field}' must be ${t.en}, got ${showRaw(raw)}${d.en}`,
      },
      usedBy(indicators),
    );
  },
  outOfRange(field: string, shown: string, bound: string, indicators: readonly string[], hint?: Text): Text {
    const h = hint ? { zh: `；${hint.zh}`, en: `; ${hint.en}` } : { zh: "", en: "" };
    return join(
      {
        zh: `「${field}」= ${shown} 超出范围：应 ${bound}${h.zh}`,
        en: `'${field}' = ${shown} is out of range: must be ${bound}${h.en}`,
      },
      usedBy(indicators),
    );
  },
  missing(field: string, indicators: readonly string[]): Text {
    return join({ zh: `缺少输入「${field}」`, en: `missing input '${field}'` }, usedBy(indicators));
  },
  unknownField(field: string, suggestion: string | undefined): Text {
    const s = suggestion
      ? { zh: `；是否应为「${suggestion}」？`, en: `; did you mean '${suggestion}'?` }
      : { zh: "", en: "" };
    return { zh: `未知的输入「${field}」${s.zh}`, en: `unknown input '${field}'${s.en}` };
  },
  givenTwice(field: string, keys: readonly string[]): Text {
    return {
      zh: `输入「${field}」给出了两次（${keys.join("、")}）`,
      en: `input '${field}' is given twice (${keys.join(", ")})`,
    };
  },
  grouping: {
    zh: "千分位分隔符须每三位一组（如 1,599.06）",
    en: "thousands separators must group three digits (e.g. 1,599.06)",
  } as Text,
  noPercent: { zh: "该输入不接受 %", en: "this input takes no %" } as Text,
  noUnit: { zh: "该输入不是金额，不能带 元/万元", en: "this input is not money: no 元/万元" } as Text,
  wholeNumber: { zh: "须为整数", en: "must be a whole number" } as Text,
  notADay: { zh: "日历上没有这一天", en: "no such day in the calendar" } as Text,
  length(expected: number, actual: number): Text {
    return { zh: `应有 ${expected} 个值，实际 ${actual} 个`, en: `${expected} values are needed, found ${actual}` };
  },
  recordsJsonOnly: { zh: "记录只能用 JSON 给出", en: "records can only be given in JSON" } as Text,
  percentHint(raw: string): Text {
    return {
      zh: `比率的裸数即比率本身（0.981 即 98.1%）；若指百分比，请写作 "${raw}%"`,
      en: `a bare number is the ratio itself (0.981 means 98.1%); for a percentage write "${raw}%"`,
    };
  },
};

/**
 * Recognisers of scoring sentences in a 评分标准 text. Each reads one way of
 * writing a rule and gives the rule's text and the inputs it reads; a text
 * is encoded only where it is unambiguous (one recogniser reads it and no
 * other sentence scores differently), else the indicator is `judged` and the
 * sentences to encode are quoted in a `// TODO`.
 */
import { Exact } from "../runtime/exact.js";

export interface DraftInput {
  readonly name: string;
  /** The type and constraints, as written after `:`. */
  readonly type: string;
  /** The sentence it comes from. */
  readonly source: string;
}

export interface RuleDraft {
  /** The rule expression, as written after `=`. */
  readonly rule: string;
  readonly inputs: readonly DraftInput[];
  /** Which recogniser read it. */
  readonly pattern: "deduct-per" | "ratio-points" | "bands" | "step";
}

export interface Context {
  /** The points of the indicator or part the rule scores. */
  readonly points: Exact;
  /** A name to build input names from (the indicator's or part's). */
  readonly owner: string;
}

const NUM = String.raw`\d+(?:\.\d+)?`;

/** Full-width digits, signs and comparison words in their ASCII form. */
export function normalise(text: string): string {
  return text
    .replace(/[０-９．％]/g, (ch) => (ch === "％" ? "%" : String.fromCharCode(ch.charCodeAt(0) - 0xfee0)))
    .replace(/\$\\geq?\$|＞＝|>=|大于等于|大于或等于|不低于/g, "≥")
    .replace(/\$\\leq?\$|＜＝|<=|小于等于|小于或等于|不高于|不超过/g, "≤")
    .replace(/＞|大于|高于/g, ">")
    .replace(/＜|小于/g, "<")
    .replace(/(\d)\s+(%|分)/g, "$1$2")
    .replace(/(\d)\s*[×xX*]\s*(\d)/g, "$1×$2");
}

/** An identifier from free text: letters, digits, `_` and `·` only, not starting with a digit. */
export function identifier(text: string, fallback: string): string {
  const s = text.replace(/[^\p{L}\p{N}_·]/gu, "");
  if (s === "") return fallback;
  return /^\p{N}/u.test(s) ? `第${s}` : s;
}

/** Sentences (clauses ended by 。；; or a line break), each trimmed, numbering kept. */
export function sentences(text: string): string[] {
  return normalise(text)
    .split(/[。；;\n]+/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** A sentence that scores: points written next to a number, a deduction, a formula with points, a band. */
export function scores(sentence: string): boolean {
  return new RegExp(`${NUM}分|扣|得0分|不得分|酌情`).test(sentence);
}

/** A sentence that only states full points (`（5分）`, `全部完成得8分`): compatible with any rule worth them. */
export function onlyFullPoints(sentence: string, points: Exact): boolean {
  if (/扣|酌情|不得分|[≥≤<>×]/.test(sentence)) return false;
  const all = [...sentence.matchAll(new RegExp(`(${NUM})分`, "g"))].map((m) => Exact.parse(m[1] ?? ""));
  return all.length > 0 && all.every((v) => v !== undefined && v.eq(points));
}

const pct = (digits: string, percent: boolean): string => `${digits}${percent ? "%" : ""}`;

/** `每发现一项…扣 1 分，扣完为止` / `一项…扣4分，扣完为止` → `deduct 1 per N`. */
export function deductPer(sentence: string, c: Context): RuleDraft | undefined {
  if (/百分点|%/.test(sentence) || !/扣完为止|(?:最多|至多)扣/.test(sentence)) return undefined;
  const m = new RegExp(`(?:每|一)(?:发现)?(?:一)?[项次个处件例条]?[^扣]*?扣\\s*(${NUM})分`).exec(sentence);
  if (!m?.[1]) return undefined;
  const cap = new RegExp(`(?:最多|至多)扣\\s*(${NUM})分`).exec(sentence)?.[1];
  const input = `${c.owner}扣分项数`;
  return {
    pattern: "deduct-per",
    rule: `deduct ${m[1]} per ${input}${cap ? ` at most ${cap}` : ""}`,
    inputs: [{ name: input, type: "count", source: sentence }],
  };
}

/** One operand of a formula: a name, a constant (`25%`), or a name followed by its constant (`序时进度25%`). */
function operand(text: string, c: Context, inputs: DraftInput[], type: string, source: string): string | undefined {
  const t = text.replace(/^[（(]|[）)]$/g, "").trim();
  const constant = new RegExp(`(${NUM})(%?)$`).exec(t);
  if (constant?.[1] !== undefined) return pct(constant[1], constant[2] === "%");
  const name = identifier(t, "");
  if (name === "" || name.length > 20) return undefined;
  if (!inputs.some((i) => i.name === name)) inputs.push({ name, type, source });
  void c;
  return name;
}

/** `得分=执行率×1分`, `本指标得分=已完成项目数/计划完成项目总数×6分`, `得分=…×分值` → ratio × points. */
export function ratioPoints(sentence: string, c: Context): RuleDraft | undefined {
  const m = new RegExp(`得分\\s*[=＝]\\s*([^=＝×]+?)\\s*×\\s*(?:(${NUM})分|分值|该指标分值|指标分值)`).exec(sentence);
  if (!m?.[1]) return undefined;
  const factor = m[2] ?? c.points.toString();
  const f = Exact.parse(factor);
  if (!f?.eq(c.points)) return undefined;
  const body = m[1].trim().replace(/^[（(](.*)[）)]$/, "$1");
  const inputs: DraftInput[] = [];
  const parts = body.split(/[/÷]/);
  if (parts.length === 1) {
    const x = operand(body, c, inputs, "ratio in [0, 100%]", sentence);
    return x ? { pattern: "ratio-points", rule: `${x} * ${factor}`, inputs } : undefined;
  }
  if (parts.length !== 2) return undefined;
  const den = operand(parts[1] ?? "", c, inputs, "number > 0", sentence);
  const num = den ? operand(parts[0] ?? "", c, inputs, `number in [0, ${den}]`, sentence) : undefined;
  if (!num || !den || num === den) return undefined;
  // A name over a constant (`进度 / 25%`): the name is a ratio that may reach the constant.
  const fixed = inputs.find((i) => i.name === num);
  if (fixed && !inputs.some((i) => i.name === den)) {
    inputs.splice(inputs.indexOf(fixed), 1, { ...fixed, type: `ratio in [0, ${den}]` });
  }
  // Two inputs: the declared `num <= den` is invisible to the range analysis, so the cap it implies is written out.
  const ratio = inputs.some((i) => i.name === den) ? `min(${num} / ${den}, 100%)` : `${num} / ${den}`;
  return { pattern: "ratio-points", rule: `${ratio} * ${factor}`, inputs };
}

interface Arm {
  readonly subject: string;
  readonly arm: string;
  readonly value: Exact;
  readonly percent: boolean;
  /** The sentence it was read from. */
  readonly sentence?: string;
}

const OPS: Record<string, string> = { "≥": ">=", "≤": "<=", ">": ">", "<": "<", "=": "=" };
const FLIP: Record<string, string> = { "≥": "<=", "≤": ">=", ">": "<", "<": ">", "=": "=" };

/** One band: `满意度≥95%的，得6分`, `90%≤满意度<95%的，得4分`, `90%>利用率≥75%的，得0.7分`. */
export function bandArm(sentence: string): Arm | undefined {
  const s = sentence.replace(/^\s*(?:\d+[.、](?=\s|\D)|[（(]\d+[）)])\s*/, "");
  const subj = String.raw`([^\d≥≤<>=，,。]+?)`;
  const end = `\\s*(?:的|时)?\\s*[，,]?\\s*(?:得|计)\\s*(${NUM})分`;
  const two = new RegExp(`^(${NUM})(%?)\\s*([≥≤<>])\\s*${subj}\\s*([≥≤<>])\\s*(${NUM})(%?)${end}`).exec(s);
  if (two) {
    const [, a, ap, op1, name, op2, b, bp, p] = two;
    if (!a || !op1 || !name || !op2 || !b || !p) return undefined;
    const v = Exact.parse(p);
    if (!v) return undefined;
    // `a op1 S op2 b`: read as S FLIP(op1) a and S op2 b.
    const lower = [FLIP[op1], a, ap === "%"] as const;
    const upper = [OPS[op2], b, bp === "%"] as const;
    const [lo, hi] = lower[0]?.startsWith(">") ? [lower, upper] : [upper, lower];
    if (!lo[0]?.startsWith(">") || !hi[0]?.startsWith("<")) return undefined;
    const arm = `${lo[0] === ">=" ? "[" : "("}${pct(lo[1], lo[2])}, ${pct(hi[1], hi[2])}${hi[0] === "<=" ? "]" : ")"}`;
    return { subject: identifier(name, ""), arm, value: v, percent: lo[2] || hi[2] };
  }
  const one = new RegExp(`^${subj}\\s*([≥≤<>=])\\s*(${NUM})(%?)${end}`).exec(s);
  if (!one) return undefined;
  const [, name, op, a, ap, p] = one;
  const v = p ? Exact.parse(p) : undefined;
  if (!name || !op || !a || !v) return undefined;
  return { subject: identifier(name, ""), arm: `${OPS[op]} ${pct(a, ap === "%")}`, value: v, percent: ap === "%" };
}

/** Lists of bands, one per subject: one subject → `bands S {…}`; several → one part each (see annex-rules). */
export function bandLists(text: readonly string[]): Map<string, Arm[]> | undefined {
  const lists = new Map<string, Arm[]>();
  for (const s of text) {
    const a = bandArm(s);
    if (!a) continue;
    if (a.subject === "") return undefined;
    const list = lists.get(a.subject) ?? [];
    list.push({ ...a, sentence: s });
    lists.set(a.subject, list);
  }
  for (const l of lists.values()) if (l.length < 2) return undefined;
  return lists.size > 0 ? lists : undefined;
}

export function bandsRule(subject: string, arms: readonly Arm[], input: string): RuleDraft {
  const percent = arms.some((a) => a.percent);
  return {
    pattern: "bands",
    rule: `bands ${input} { ${arms.map((a) => `${a.arm} -> ${a.value.toString()}`).join("; ")} }`,
    inputs: [{ name: input, type: percent ? "ratio >= 0" : "number", source: arms[0]?.sentence ?? subject }],
  };
}

/**
 * Step deductions: `超出10%的，超出一个百分点扣0.1分` (proportional), `每低于5%扣2分，最多扣8分`
 * (whole steps), `每满…扣` (whole), `不足…按…计` (started) — see docs/language.md, Step deductions.
 */
export function stepDeduction(sentence: string, c: Context): RuleDraft | undefined {
  const dir = /(低于|少于|不足|未达到|超出|超过|高于|多于|>|<|相差|偏离)/;
  const step = new RegExp(
    `(每满|每起|每)?(?:低于|少于|超出|超过|高于|多于|少|多|相差|偏离)?\\s*(一个百分点|${NUM}%?|${NUM}个百分点)\\s*(?:的)?[，,]?\\s*扣\\s*(${NUM})分`,
  ).exec(sentence);
  if (!step?.[2] || !step[3]) return undefined;
  const threshold =
    new RegExp(`(低于|少于|未达到|超出|超过|>|<|高于|多于|相差|偏离)[^\\d，,。]{0,4}?(${NUM})%`).exec(sentence) ??
    new RegExp(`(${NUM})%以(内|上)`).exec(sentence);
  if (!threshold) return undefined;
  const byWords = threshold[0].endsWith("以内")
    ? "over"
    : threshold[0].endsWith("以上")
      ? "under"
      : /低于|少于|未达到|</.test(threshold[1] ?? "")
        ? "under"
        : /相差|偏离/.test(threshold[1] ?? "")
          ? "off"
          : "over";
  const t = (threshold[0].endsWith("以内") || threshold[0].endsWith("以上") ? threshold[1] : threshold[2]) ?? "";
  if (!dir.test(sentence)) return undefined;
  const size = step[2] === "一个百分点" ? "1%" : step[2].replace(/个百分点$/, "%");
  const mode =
    step[1] === "每满"
      ? "whole "
      : step[1] === "每起" || /不足.*按.*计/.test(sentence)
        ? "started "
        : step[1] === "每"
          ? "whole "
          : "";
  const cap = new RegExp(`(?:最多|至多)扣\\s*(${NUM})分`).exec(sentence)?.[1];
  if (byWords === "off" && mode === "") return undefined;
  const input = `${c.owner}比率`;
  const lead =
    mode !== ""
      ? `deduct ${step[3]} per ${mode.trim()}`
      : cap
        ? `deduct ${step[3]} proportional per`
        : `deduct ${step[3]} per`;
  return {
    pattern: "step",
    rule: `${lead} ${size} of ${input} ${byWords} ${t}%${cap ? ` at most ${cap}` : ""}`,
    inputs: [{ name: input, type: "ratio >= 0", source: sentence }],
  };
}

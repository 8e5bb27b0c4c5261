/**
 * The rule of one imported indicator, from its 评分标准: the whole text read
 * by one recogniser; else numbered items with their own points (`1. …（1分）`,
 * `…×2分`) adding up to the indicator's points, one part each; else `judged`
 * with the sentences to encode quoted in `// TODO` lines.
 */
import { Exact } from "../runtime/exact.js";
import {
  bandLists,
  bandsRule,
  deductPer,
  identifier,
  normalise,
  onlyFullPoints,
  ratioPoints,
  scores,
  sentences,
  stepDeduction,
  type Context,
  type DraftInput,
  type RuleDraft,
} from "./patterns.js";

export interface PartDraft {
  readonly name: string;
  readonly points: Exact;
  readonly rule: string;
  /** Sentences to encode by hand (the rule is then `judged`). */
  readonly todo: readonly string[];
}

export interface IndicatorRules {
  /** One part worth all the points (`score = …`), or several. */
  readonly score?: { readonly rule: string; readonly todo: readonly string[] };
  readonly parts?: readonly PartDraft[];
  readonly inputs: readonly DraftInput[];
  /** Sentences of the text no part reads (e.g. a veto written after the items). */
  readonly unread: readonly string[];
  readonly patterns: readonly RuleDraft["pattern"][];
}

const NUM = String.raw`\d+(?:\.\d+)?`;

/** The whole text as one rule: exactly one recogniser reads one sentence (or a band list), every other scoring sentence only states full points. */
export function wholeRule(text: string, c: Context): RuleDraft | undefined {
  const ss = sentences(text);
  const bands = bandLists(ss);
  if (bands && bands.size === 1) {
    const [[subject, arms] = ["", []]] = [...bands];
    const top = arms.reduce((m, a) => Exact.max(m, a.value), Exact.ZERO);
    const rest = ss.filter((s) => !arms.some((a) => a.sentence === s));
    if (top.eq(c.points) && rest.every((s) => !scores(s) || onlyFullPoints(s, c.points)))
      return bandsRule(subject, arms, subject);
  }
  const found: { draft: RuleDraft; at: number }[] = [];
  ss.forEach((s, at) => {
    const d = deductPer(s, c) ?? ratioPoints(s, c) ?? stepDeduction(s, c);
    if (d) found.push({ draft: d, at });
  });
  if (found.length !== 1 || !found[0]) return undefined;
  const only = found[0];
  const others = ss.filter((s, i) => i !== only.at && scores(s) && !onlyFullPoints(s, c.points));
  return others.length === 0 ? only.draft : undefined;
}

interface Item {
  readonly text: string;
  readonly points?: Exact;
}

/** Numbered items `1. …`, `2、…` in order; an item's points are its first `（N分）` or `×N分`. */
function items(text: string): Item[] {
  const t = normalise(text);
  const starts: number[] = [];
  let next = 1;
  const re = /(^|[\s；;。])(\d+)[.、](?=\s|\D)/g;
  for (let m = re.exec(t); m; m = re.exec(t)) {
    if (Number(m[2]) !== next) continue;
    starts.push(m.index + (m[1]?.length ?? 0));
    next++;
  }
  if (starts.length < 2) return [];
  return starts.map((s, i) => {
    const body = t.slice(s, starts[i + 1] ?? t.length).trim();
    const p = new RegExp(`[（(]\\s*(${NUM})分\\s*[）)]|×\\s*(${NUM})分`).exec(body);
    const v = p ? Exact.parse(p[1] ?? p[2] ?? "") : undefined;
    return v ? { text: body, points: v } : { text: body };
  });
}

/** The first words of an item, as a part name: `资金支出规范性（1分）。…` → 资金支出规范性; else 第N项. */
function partName(item: string, n: number, taken: Set<string>): string {
  const head = /^\d+[.、]\s*([^（(，,。；;：:]{1,12})[（(]\s*\d/.exec(item)?.[1];
  let name = head ? identifier(head, `第${n}项`) : `第${n}项`;
  if (taken.has(name)) name = `第${n}项`;
  taken.add(name);
  return name;
}

const todoOf = (text: string): string[] => {
  const s = sentences(text).filter(scores);
  return s.length > 0 ? s : sentences(text).slice(0, 1);
};

export function indicatorRules(name: string, points: Exact, standard: string | undefined): IndicatorRules {
  const owner = identifier(name, "指标");
  if (!standard) return { score: { rule: "judged", todo: [] }, inputs: [], unread: [], patterns: [] };
  const whole = wholeRule(standard, { points, owner });
  if (whole)
    return { score: { rule: whole.rule, todo: [] }, inputs: whole.inputs, unread: [], patterns: [whole.pattern] };

  // Several subjects with their own bands (`三公经费控制率…`, `日常公用经费控制率…`): one part each.
  const bands = bandLists(sentences(standard));
  if (bands && bands.size > 1) {
    const tops = [...bands.values()].map((arms) => arms.reduce((m, a) => Exact.max(m, a.value), Exact.ZERO));
    if (tops.reduce((s, v) => s.add(v), Exact.ZERO).eq(points)) {
      const parts: PartDraft[] = [];
      const inputs: DraftInput[] = [];
      [...bands].forEach(([subject, arms], i) => {
        const d = bandsRule(subject, arms, subject);
        parts.push({ name: subject, points: tops[i] as Exact, rule: d.rule, todo: [] });
        inputs.push(...d.inputs);
      });
      return { parts, inputs, unread: [], patterns: ["bands"] };
    }
  }

  const list = items(standard);
  const scored = list.filter((i) => i.points !== undefined);
  const sum = scored.reduce((s, i) => s.add(i.points as Exact), Exact.ZERO);
  if (scored.length >= 2 && sum.eq(points)) {
    const taken = new Set<string>();
    const parts: PartDraft[] = [];
    const inputs: DraftInput[] = [];
    const patterns: RuleDraft["pattern"][] = [];
    const unread: string[] = [];
    list.forEach((item, i) => {
      if (!item.points) {
        if (scores(item.text)) unread.push(item.text);
        return;
      }
      const pname = partName(item.text, i + 1, taken);
      const d = wholeRule(item.text, { points: item.points, owner: `${owner}${pname}` });
      if (d) {
        parts.push({ name: pname, points: item.points, rule: d.rule, todo: [] });
        inputs.push(...d.inputs);
        patterns.push(d.pattern);
      } else parts.push({ name: pname, points: item.points, rule: "judged", todo: todoOf(item.text) });
    });
    return { parts, inputs, unread, patterns };
  }
  return { score: { rule: "judged", todo: todoOf(standard) }, inputs: [], unread: [], patterns: [] };
}

/**
 * Completion: keywords in both spellings (those that fit the block), inputs,
 * lets, enum members and built-in functions in expressions, units after a
 * number, input names and values in `given`, and indicator paths after
 * judge/override/expect and the modification statements (reweight entries
 * complete to the children of the node being reweighted).
 */
import { CompletionItemKind, type CompletionItem, type Position } from "vscode-languageserver";
import type { IToken } from "chevrotain";
import type { Lang } from "../compiler/diagnostics/diagnostic.js";
import { KEYWORDS, type KeywordName } from "../compiler/syntax/keywords.js";
import { BUILTINS } from "../compiler/analysis/builtins.js";
import { resolvePath, walkTree, pathText } from "../compiler/model/paths.js";
import { typeToString, type AnyNode, type RubricModel, type ValueType } from "../compiler/model/types.js";
import type { CheckedRubric } from "../compiler/program.js";
import type * as A from "../compiler/syntax/ast.js";
import { locate } from "../compiler/syntax/locate.js";
import {
  completionContext,
  contextRubric,
  indicatorLets,
  rubricNamed,
  type BlockKind,
  type CompletionContext,
} from "./completion-context.js";
import { say } from "./lang.js";
import type { Snapshot } from "./snapshot.js";
import { ruleSignature } from "./rule-hover.js";
import { toOffset, toRange } from "./text.js";

const BLOCK_KEYWORDS: Partial<Record<BlockKind, readonly KeywordName[]>> = {
  File: ["Rubric", "Example", "Extends", "For"],
  Rubric: [
    "Year",
    "Locality",
    "Source",
    "Total",
    "Rounding",
    "Grades",
    "Enum",
    "Input",
    "Let",
    "Group",
    "Indicator",
    "Reweight",
    "Replace",
    "Add",
    "Remove",
    "Reword",
    "Rename",
    "Example",
    "Scale",
  ],
  Group: ["Group", "Indicator", "Note", "Standard"],
  Indicator: [
    "Note",
    "Standard",
    "Let",
    "Part",
    "Score",
    "Checklist",
    "Exempt",
    "Veto",
    "Bonus",
    "Penalty",
    "Applicable",
  ],
  Replace: [
    "Note",
    "Standard",
    "Let",
    "Part",
    "Score",
    "Checklist",
    "Exempt",
    "Veto",
    "Bonus",
    "Penalty",
    "Applicable",
    "Group",
    "Indicator",
  ],
  Reword: ["Note", "Standard"],
  Example: ["Source", "Given", "Judge", "Override", "Expect", "Rest", "Full", "Because"],
  Grades: ["Otherwise"],
  Bands: ["Otherwise"],
  Tiers: ["Otherwise"],
};

const EXPRESSION_KEYWORDS: readonly KeywordName[] = [
  "Peers",
  "If",
  "Then",
  "Otherwise",
  "Each",
  "In",
  "And",
  "Or",
  "Not",
  "True",
  "False",
  "Judged",
  "Bands",
  "Tiers",
  "Deduct",
  "Per",
  "Over",
  "Under",
  "Of",
  "When",
  "Scale",
  "JudgedDeduct",
  "Achievement",
  "Against",
  "HigherBetter",
  "LowerBetter",
  "Whole",
  "Started",
  "Proportional",
  "Off",
  "Most",
  "Full",
];
const TYPE_KEYWORDS: readonly KeywordName[] = [
  "Money",
  "Ratio",
  "Count",
  "Points",
  "Number",
  "Bool",
  "Text",
  "List",
  "Of",
  "Target",
  "Date",
];
const PATH_STATEMENTS = new Set([
  "Judge",
  "Override",
  "Expect",
  "Reweight",
  "Replace",
  "Remove",
  "Reword",
  "Rename",
  "Add",
]);
const EXPRESSION_TOKENS = new Set([
  "Equals",
  "EqEq",
  "NotEq",
  "Less",
  "LessEq",
  "Greater",
  "GreaterEq",
  "Plus",
  "Minus",
  "Star",
  "Slash",
  "LParen",
  "LBracket",
  "Comma",
  "Arrow",
  "When",
  "If",
  "Then",
  "Otherwise",
  "And",
  "Or",
  "Not",
  "In",
  "Of",
  "Per",
  "Over",
  "Under",
  "Bands",
  "Tiers",
  "Deduct",
  "Each",
  "Colon",
  "Judged",
  "JudgedDeduct",
  "Achievement",
  "Against",
  "Whole",
  "Started",
  "Proportional",
  "Off",
  "Most",
]);
const NAMEISH = new Set(["Identifier", "StringLiteral", "Dot"]);

export function completion(snap: Snapshot, uri: string, pos: Position, lang: Lang): CompletionItem[] {
  const doc = snap.document(uri);
  if (!doc) return [];
  const offset = toOffset(doc.lines, pos);
  const ctx = completionContext(snap, uri, offset);
  if (!ctx) return [];
  const range = toRange(doc.lines, { start: ctx.wordStart, end: offset });
  const item = (
    label: string,
    kind: CompletionItemKind,
    detail?: string,
    sortText?: string,
    insert = label,
  ): CompletionItem => ({
    label,
    kind,
    ...(detail ? { detail } : {}),
    ...(sortText ? { sortText } : {}),
    textEdit: { range, newText: insert },
  });
  const st = ctx.statement;
  const first = st[0]?.tokenType.name ?? "";
  const names = (t: IToken): boolean => NAMEISH.has(t.tokenType.name) || isSoftKeyword(t.tokenType.name);
  const rubric = contextRubric(snap, ctx) ?? baseOfEnclosing(snap, ctx);

  // Issue 11, kind 3: after a group's points, `折算 100` / `scaled from 100` as well as a unit.
  const lastTok = st[st.length - 1]?.tokenType.name;
  if (first === "Group" && /\s$/.test(ctx.before) && (lastTok === "NumberLiteral" || lastTok === "Fen"))
    if (!st.some((t) => t.tokenType.name === "Scaled"))
      return [...(lastTok === "Fen" ? [] : units(item, lang)), ...keywordItems(["Scaled", "Slot"], item)];
  // A number just typed: its unit.
  if (/\d\s*$/.test(ctx.before) && st[st.length - 1]?.tokenType.name === "NumberLiteral") return units(item, lang);

  // Paths after judge / override / expect and the modification statements.
  if (
    PATH_STATEMENTS.has(first) &&
    st.slice(1).every(names) &&
    !(first === "Judge" && st.some((t) => t.tokenType.name === "Rest"))
  ) {
    return pathItems(rubric?.model, st.slice(1), first, item, lang);
  }

  // Entries of a reweight block: the children of the node being reweighted.
  if ((ctx.block.kind === "Reweight" || ctx.block.kind === "ReweightEntry") && st.length === 0) {
    const node = reweightTarget(rubric?.model, ctx);
    const kids: readonly AnyNode[] =
      node?.kind === "group" ? node.children : node?.kind === "indicator" ? node.parts : [];
    return kids.map((k, i) =>
      item(k.name, CompletionItemKind.Field, `${pathText(k.path)} — ${k.points.toString(6)}`, pad(i)),
    );
  }

  if (ctx.block.kind === "Given" && rubric) {
    const eq = st.findIndex((t) => t.tokenType.name === "Equals");
    if (eq < 0)
      return [...rubric.model.inputs.values()].map((inp) =>
        item(inp.name, CompletionItemKind.Variable, typeDetail(inp.type, inp.moneyUnit, lang)),
      );
    const input = rubric.model.inputs.get(st[0]?.image ?? "");
    return input ? valueItems(input.type, item) : [];
  }

  if (
    first === "Input" &&
    st.some((t) => t.tokenType.name === "Colon") &&
    !st.some((t) => ["Less", "LessEq", "Greater", "GreaterEq", "In"].includes(t.tokenType.name))
  ) {
    return [
      ...keywordItems(TYPE_KEYWORDS, item),
      ...[...(rubric?.model.enums.values() ?? [])].map((e) =>
        item(e.name, CompletionItemKind.Enum, e.members.join("、")),
      ),
    ];
  }

  // Issue 11, kind 2: `bonus up to 0.5 = …` / `加分 至多 0.5 = …`.
  if ((first === "Bonus" || first === "Penalty") && st.length === 1)
    return [
      item("up to", CompletionItemKind.Keyword, say(lang, "上限：bonus up to 0.5 = …", "the cap")),
      ...keywordItems(["Most"], item).filter((c) => c.label !== "most"),
    ];
  // Issue 11, kind 1: `not applicable when C share equally|by points among A, B` / `不适用 当 C 均摊 至 A、B`.
  const na = st.findIndex((t) => t.tokenType.name === "Applicable");
  if (na >= 0 && ctx.block.kind === "Indicator") {
    const has = (name: string): boolean => st.slice(na).some((t) => t.tokenType.name === name);
    if (!has("When")) return keywordItems(["When"], item);
    if (has("Among")) {
      const written = new Set(st.map((t) => t.image));
      return naSiblings(rubric?.model, ctx)
        .filter((s) => !written.has(s.name))
        .map((s, i) => item(s.name, CompletionItemKind.Field, `${pathText(s.path)} — ${s.points.toString(6)}`, pad(i)));
    }
    if (has("Share"))
      return [
        ...keywordItems(["Equally", "Among"], item),
        item("by points", CompletionItemKind.Keyword, say(lang, "按分值比例", "in proportion to the points")),
      ];
  }
  // Issue 11, kind 4: `grade at most NAME when …` (its condition is an expression, completed below).
  if (first === "Grades" && ctx.block.kind === "Rubric" && !st.some((t) => t.tokenType.name === "When")) {
    const last = st[st.length - 1]?.tokenType.name;
    if (last === "Most")
      return (rubric?.model.grades ?? []).map((g, i) => item(g.name, CompletionItemKind.EnumMember, undefined, pad(i)));
    if (st.some((t) => t.tokenType.name === "Most")) return keywordItems(["When"], item);
    return [
      item("at most", CompletionItemKind.Keyword, say(lang, "等级上限：grade at most 良 when …", "grade cap")),
      ...keywordItems(["Most"], item).filter((c) => c.label !== "most"),
    ];
  }

  // Issue 11, kind 7: after `peers.` / `同类.`, the statistics, in the language of the word typed.
  const peersDot = st.length >= 2 && st[st.length - 1]?.tokenType.name === "Dot" ? st[st.length - 2] : undefined;
  if (peersDot?.tokenType.name === "Peers") return peerStatItems(/^[a-z]/i.test(peersDot.image), item, lang);

  const inExpression =
    st.some((t) => EXPRESSION_TOKENS.has(t.tokenType.name)) ||
    ctx.block.kind === "Bands" ||
    ctx.block.kind === "Tiers" ||
    ctx.block.kind === "Record";
  if (inExpression) return expressionItems(snap, uri, rubric, ctx, item, lang);
  return keywordItems(BLOCK_KEYWORDS[ctx.block.kind] ?? [], item);
}

type ItemFn = (
  label: string,
  kind: CompletionItemKind,
  detail?: string,
  sortText?: string,
  insert?: string,
) => CompletionItem;

const pad = (i: number): string => String(i).padStart(5, "0");

/** `peers.max(…)` and its kin (issue 11, kind 7), each with what it gives. */
function peerStatItems(english: boolean, item: ItemFn, lang: Lang): CompletionItem[] {
  const stats: [string, string, string, string][] = [
    ["max", "最大值", "同类中的最高值", "the highest among peers"],
    ["min", "最小值", "同类中的最低值", "the lowest among peers"],
    ["mean", "平均值", "同类的平均值（精确）", "the peers' mean (exact)"],
    ["rank", "排名", "名次：排名(X, 降序) 最高者第 1", "place: rank(X, desc), the highest first"],
    ["count", "个数", "同类单位数（含本单位）", "how many peers (this one included)"],
  ];
  return stats.map(([en, zh, dzh, den], i) =>
    item(english ? en : zh, CompletionItemKind.Function, say(lang, dzh, den), pad(i)),
  );
}

function isSoftKeyword(tokenName: string): boolean {
  return KEYWORDS.some((k) => k.name === tokenName && "soft" in k && k.soft);
}

function keywordItems(names: readonly KeywordName[], item: ItemFn): CompletionItem[] {
  const out: CompletionItem[] = [];
  for (const k of KEYWORDS) {
    if (!names.includes(k.name)) continue;
    const all: readonly string[] = [...k.en, ...k.zh];
    for (const sp of all) out.push(item(sp, CompletionItemKind.Keyword, all.filter((x) => x !== sp).join(" / ")));
  }
  return out;
}

/** Units, in the keyword table's spellings (万元 / wanyuan …), and `%`. */
function units(item: ItemFn, lang: Lang): CompletionItem[] {
  const what: Record<string, string> = {
    WanYuan: say(lang, "金额：万元", "money in 万元"),
    Yuan: say(lang, "金额：元", "money in 元"),
    Fen: say(lang, "分值", "points"),
  };
  const out: CompletionItem[] = [];
  for (const name of ["WanYuan", "Yuan"] as const)
    for (const sp of spellingsOf(name)) out.push(item(sp, CompletionItemKind.Unit, what[name]));
  out.push(item("%", CompletionItemKind.Unit, say(lang, "比率", "a ratio")));
  for (const sp of spellingsOf("Fen")) out.push(item(sp, CompletionItemKind.Unit, what["Fen"]));
  return out;
}

function spellingsOf(name: KeywordName): string[] {
  const k = KEYWORDS.find((x) => x.name === name);
  return k ? [...k.zh, ...k.en] : [];
}

function typeDetail(t: ValueType, moneyUnit: string | undefined, lang: Lang): string {
  return `${typeToString(t, lang)}${moneyUnit ? `（${moneyUnit}）` : ""}`;
}

function valueItems(t: ValueType, item: ItemFn): CompletionItem[] {
  if (t.kind === "enum") return t.members.map((m, i) => item(m, CompletionItemKind.EnumMember, t.name, pad(i)));
  if (t.kind === "bool") return keywordItems(["True", "False"], item);
  return [];
}

/** The rubric a derived rubric extends, when the derived one could not be built. */
function baseOfEnclosing(snap: Snapshot, ctx: CompletionContext): CheckedRubric | undefined {
  const f = ctx.frames.find((x) => x.kind === "Rubric");
  return f ? rubricNamed(snap, f.header, "Extends") : undefined;
}

function pathItems(
  model: RubricModel | undefined,
  typed: readonly IToken[],
  statement: string,
  item: ItemFn,
  lang: Lang,
): CompletionItem[] {
  const out: CompletionItem[] = [];
  if (statement === "Judge" && typed.length === 0) out.push(...keywordItems(["Rest"], item));
  if (statement === "Expect" && typed.length === 0) out.push(...keywordItems(["Total", "Grades"], item));
  if (!model) return out;
  const segs = typed
    .filter((t) => t.tokenType.name !== "Dot")
    .map((t) => (t.tokenType.name === "StringLiteral" ? t.image.slice(1, -1) : t.image));
  const afterDot = typed[typed.length - 1]?.tokenType.name === "Dot";
  if (afterDot && segs.length > 0) {
    const r = resolvePath(model.groups, segs);
    if (r.kind !== "found") return out;
    const kids: readonly AnyNode[] =
      r.node.kind === "group" ? r.node.children : r.node.kind === "indicator" ? r.node.parts : [];
    kids.forEach((k, i) => out.push(item(k.name, kindOf(k), `${pathText(k.path)} — ${k.points.toString(6)}`, pad(i))));
    return out;
  }
  if (segs.length > 0) return out;
  let i = 0;
  for (const n of walkTree(model.groups)) {
    if (n.kind === "part" && (n.implicit || statement !== "Judge")) continue;
    const short = shortestPath(model, n);
    out.push({
      ...item(
        n.name,
        kindOf(n),
        `${pathText(n.path)} — ${say(lang, `${n.points.toString(6)} 分`, `${n.points.toString(6)} pts`)}`,
        pad(i++),
        short,
      ),
      filterText: `${n.name} ${pathText(n.path)}`,
    });
  }
  return out;
}

function kindOf(n: AnyNode): CompletionItemKind {
  return n.kind === "group"
    ? CompletionItemKind.Module
    : n.kind === "indicator"
      ? CompletionItemKind.Class
      : CompletionItemKind.Field;
}

/** The shortest suffix of a node's path that still finds it. */
function shortestPath(model: RubricModel, n: AnyNode): string {
  for (let k = 1; k <= n.path.length; k++) {
    const suffix = n.path.slice(n.path.length - k);
    const r = resolvePath(model.groups, suffix);
    if (r.kind === "found" && r.node === n) return pathText(suffix);
  }
  return pathText(n.path);
}

/** Issue 11, kind 1: the siblings of the indicator whose block the cursor is in, which may take its points. */
function naSiblings(model: RubricModel | undefined, ctx: CompletionContext): readonly AnyNode[] {
  const frame = [...ctx.frames].reverse().find((f) => f.kind === "Indicator");
  const name = frame?.header[1]?.image;
  if (!model || name === undefined) return [];
  const levels: (readonly AnyNode[])[] = [model.groups];
  for (const n of walkTree(model.groups)) if (n.kind === "group") levels.push(n.children);
  const level = levels.find((l) => l.some((n) => n.kind === "indicator" && n.name === name));
  return (level ?? []).filter((n) => n.name !== name);
}

function reweightTarget(model: RubricModel | undefined, ctx: CompletionContext): AnyNode | undefined {
  if (!model) return undefined;
  let node: AnyNode | undefined;
  for (const f of ctx.frames) {
    if (f.kind === "Reweight") {
      const k = f.header.findIndex((t) => t.tokenType.name === "Reweight");
      const segs: string[] = [];
      for (const t of f.header.slice(k + 1)) {
        if (t.tokenType.name === "Dot") continue;
        if (t.tokenType.name === "NumberLiteral") break;
        segs.push(t.image);
      }
      const r = segs.length > 0 ? resolvePath(model.groups, segs) : undefined;
      node = r?.kind === "found" ? r.node : undefined;
    } else if (f.kind === "ReweightEntry" && node) {
      const name = f.header[0]?.image;
      const kids: readonly AnyNode[] =
        node.kind === "group" ? node.children : node.kind === "indicator" ? node.parts : [];
      node = kids.find((c) => c.name === name);
    }
  }
  return node;
}

function expressionItems(
  snap: Snapshot,
  uri: string,
  rubric: CheckedRubric | undefined,
  ctx: CompletionContext,
  item: ItemFn,
  lang: Lang,
): CompletionItem[] {
  const out: CompletionItem[] = [];
  const seen = new Set<string>();
  const push = (c: CompletionItem): void => {
    if (seen.has(c.label)) return;
    seen.add(c.label);
    out.push(c);
  };
  if (ctx.block.kind === "Tiers") {
    const members = tiersMembers(snap, uri, ctx, rubric);
    members.forEach((m, i) => push(item(m, CompletionItemKind.EnumMember, undefined, `0${pad(i)}`)));
  }
  for (const l of indicatorLets(ctx))
    push(item(l, CompletionItemKind.Constant, say(lang, "指标内的中间量", "a let of this indicator"), "1"));
  if (rubric) {
    const m = rubric.model;
    for (const l of m.lets.values()) push(item(l.name, CompletionItemKind.Constant, say(lang, "中间量", "let"), "1"));
    for (const inp of m.inputs.values())
      push(item(inp.name, CompletionItemKind.Variable, typeDetail(inp.type, inp.moneyUnit, lang), "2"));
    for (const e of m.enums.values())
      for (const mem of e.members) push(item(mem, CompletionItemKind.EnumMember, e.name, "3"));
    // Right after `scale`/`档次`: the rubric's scales first.
    const afterScale = ctx.statement[ctx.statement.length - 1]?.tokenType.name === "Scale";
    for (const s of m.scales.values())
      push(
        item(
          s.name,
          CompletionItemKind.Enum,
          say(
            lang,
            `档次：${s.arms.map((a) => a.member?.text ?? "其他").join("、")}`,
            `scale: ${s.arms.map((a) => a.member?.text ?? "otherwise").join(", ")}`,
          ),
          afterScale ? "0" : "3",
        ),
      );
    for (const r of m.rules.values())
      push(item(r.name, CompletionItemKind.Function, ruleSignature(r.decl, m, lang), "4"));
  }
  for (const p of ruleParamsAt(ctx))
    push(item(p, CompletionItemKind.Variable, say(lang, "规则参数", "rule parameter"), "0"));
  for (const b of BUILTINS) {
    push(item(b.name, CompletionItemKind.Function, `${b.zh} — ${b.doc[lang]}`, "4"));
    push(item(b.zh, CompletionItemKind.Function, `${b.name} — ${b.doc[lang]}`, "4"));
  }
  for (const k of keywordItems(EXPRESSION_KEYWORDS, item)) push({ ...k, sortText: "5" });
  return out;
}

/** Inside a rule's body (a statement starting with `rule`): its parameters are the names in scope. */
function ruleParamsAt(ctx: CompletionContext): string[] {
  const t = ctx.statement;
  if (t[0]?.tokenType.name !== "Rule") return [];
  const names: string[] = [];
  for (let i = 2; i + 1 < t.length && t[i]?.tokenType.name !== "RParen"; i++) {
    if (t[i + 1]?.tokenType.name === "Colon") names.push((t[i] as { image: string }).image);
  }
  return names;
}

function tiersMembers(
  snap: Snapshot,
  uri: string,
  ctx: CompletionContext,
  rubric: CheckedRubric | undefined,
): string[] {
  const brace = ctx.tokens[ctx.block.open];
  const doc = snap.document(uri);
  const checked = brace ? snap.rubricAt(uri, brace.startOffset)?.checked : undefined;
  if (brace && doc && checked) {
    const tiers = locate(doc.ast, brace.startOffset).find(
      (n): n is A.TiersExpr => (n as { kind?: string }).kind === "Tiers",
    );
    const t = tiers ? checked.analysis.info.get(tiers.subject)?.type : undefined;
    if (t?.kind === "enum") return [...t.members];
  }
  return rubric ? [...rubric.model.enums.values()].flatMap((e) => e.members) : [];
}

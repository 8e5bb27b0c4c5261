/**
 * Hover: for a group, indicator or part its path, points, the sum of its
 * children, its 指标说明 and its rule in plain words (and, inside an example,
 * the score the example gives it); for an input its type, unit, declared
 * range and where it is used; for a let its formula; for any expression its
 * type and range of values; for a keyword its two spellings.
 */
import { BUILTINS } from "../compiler/analysis/builtins.js";
import type { Hover, Position } from "vscode-languageserver";
import { MarkupKind } from "vscode-languageserver";
import type { Lang } from "../compiler/diagnostics/diagnostic.js";
import type * as A from "../compiler/syntax/ast.js";
import { exprAt } from "../compiler/syntax/locate.js";
import { KEYWORDS } from "../compiler/syntax/keywords.js";
import { Exact } from "../runtime/exact.js";
import type { NodeReport } from "../runtime/report.js";
import type { AnyNode, GroupNode, IndicatorNode } from "../compiler/model/types.js";
import type { CheckedRubric } from "../compiler/program.js";
import type { ExprInfo } from "../compiler/analysis/infer.js";
import { walkTree } from "../compiler/model/paths.js";
import { describeInfo, describeRule, describeType, formatRange, sourceOf } from "./describe.js";
import { say } from "./lang.js";
import type { Snapshot } from "./snapshot.js";
import type { Occurrence } from "./symbols.js";
import { ruleHover, rubricRemarks, slotLine } from "./rule-hover.js";
import { toOffset, toRange } from "./text.js";
import { adjustLines, issue11Hover, scaledLines } from "./issue11-hover.js";
import { peerLines } from "./peer-hover.js";
import { notApplicableLines } from "./na-hover.js";

export function hover(snap: Snapshot, uri: string, pos: Position, lang: Lang): Hover | null {
  const doc = snap.document(uri);
  if (!doc) return null;
  const offset = toOffset(doc.lines, pos);
  const occ = snap.index.at(uri, offset);
  const expr = exprAt(doc.ast, offset);
  const checked = snap.rubricAt(uri, offset)?.checked;
  const info = expr && checked ? checked.analysis.info.get(expr) : undefined;
  let lines: string[] | undefined;
  let span: A.Span | undefined;
  if (occ) {
    lines = symbolHover(snap, occ, lang);
    span = occ.span;
    if (info && (expr?.kind === "Ref" || (expr?.kind === "Call" && occ.symbol.kind === "rule")))
      lines.push("", say(lang, `此处：${describeInfo(info, lang)}`, `here: ${describeInfo(info, lang)}`));
  } else if (expr && info) {
    const peer = expr.kind === "Peer" ? peerLines(expr, doc.text, lang) : [];
    lines = [
      `\`${sourceOf(doc.text, expr.span, 80)}\``,
      "",
      ...(peer.length > 0 ? [...peer, ""] : []),
      ...builtinLines(expr, lang),
      describeInfo(info, lang),
    ];
    span = expr.span;
  } else {
    const kw = keywordAt(snap, uri, offset);
    const stmt = issue11Hover(doc.ast, doc.text, offset, lang);
    if (stmt) {
      lines = stmt.lines;
      span = stmt.span;
    } else if (kw) {
      lines = [kw.text];
      span = kw.span;
    }
  }
  if (!lines || !span) return null;
  return { contents: { kind: MarkupKind.Markdown, value: lines.join("\n") }, range: toRange(doc.lines, span) };
}

/** What a built-in does, in words, above the value it gives here. */
function builtinLines(e: A.Expr, lang: Lang): string[] {
  if (e.kind !== "Call") return [];
  const b = BUILTINS.find((x) => x.name === e.callee.text || x.zh === e.callee.text);
  return b ? [say(lang, b.doc.zh, b.doc.en), ""] : [];
}

function keywordAt(snap: Snapshot, uri: string, offset: number): { text: string; span: A.Span } | undefined {
  const tokens = snap.lex(uri).tokens;
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((tokens[mid]?.startOffset ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  for (const t of tokens.slice(Math.max(0, lo - 1), lo + 1)) {
    const end = (t.endOffset ?? t.startOffset) + 1;
    if (t.startOffset > offset || offset > end) continue;
    const k = KEYWORDS.find((x) => x.name === t.tokenType.name);
    if (!k) continue;
    const all = [...k.en, ...k.zh].map((s) => `\`${s}\``).join(" / ");
    return { text: all, span: { start: t.startOffset, end } };
  }
  return undefined;
}

function symbolHover(snap: Snapshot, occ: Occurrence, lang: Lang): string[] {
  const sym = occ.symbol;
  const declDoc = snap.document(sym.file);
  const text = declDoc?.text ?? "";
  switch (sym.kind) {
    case "group":
    case "indicator":
    case "part":
      return occ.node && occ.rubric
        ? nodeHover(snap, occ, occ.node, occ.rubric, lang)
        : [`**${kindWord(sym.kind, lang)}** ${sym.name}`];
    case "input":
      return inputHover(snap, occ, text, lang);
    case "let": {
      const decl = sym.decl as A.LetDecl;
      const info = letInfo(occ, decl);
      return [
        `**${say(lang, "令", "let")}** \`${sym.name} = ${sourceOf(text, decl.value.span)}\``,
        ...(info ? ["", describeInfo(info, lang)] : []),
      ];
    }
    case "rubric":
      return rubricHover(snap, occ, lang);
    case "enum": {
      const decl = sym.decl as A.EnumDecl;
      return [
        `**${say(lang, "枚举", "enum")}** ${sym.name}`,
        "",
        decl.members.map((m) => m.text).join(say(lang, "、", ", ")),
      ];
    }
    case "scale": {
      const decl = sym.decl as A.ScaleDecl;
      const arms = decl.arms.map(
        (a) =>
          `- ${a.member?.text ?? say(lang, "其他", "otherwise")} → ${sourceOf(text, (a.interval ?? a.value ?? a).span)}`,
      );
      return [
        `**${say(lang, "档次", "scale")}** ${sym.name}${say(lang, "（% 为占所用指标满分的比例）", " (a % is a share of the points where it is used)")}`,
        "",
        ...arms,
      ];
    }
    case "rule":
      return ruleHover(sym.decl as A.RuleDecl, text, occ.rubric?.model, lang);
    case "member": {
      const owner = findEnumOf(occ);
      return [
        `**${say(lang, "枚举值", "enum member")}** ${sym.name}${owner ? say(lang, `（枚举 ${owner}）`, ` (enum ${owner})`) : ""}`,
      ];
    }
  }
}

/** "类型：" / "type: " — a label and its colon in the language's punctuation. */
function colon(lang: Lang, zh: string, en: string): string {
  return lang === "zh" ? `${zh}：` : `${en}: `;
}

function kindWord(kind: string, lang: Lang): string {
  const zh: Record<string, string> = { group: "分组", indicator: "指标", part: "得分项" };
  return lang === "zh" ? (zh[kind] ?? kind) : kind;
}

/**
 * A let's type and range as declared (not as narrowed at some use): the
 * inferrer's cached result, asked for in an environment without guards.
 */
function letInfo(occ: Occurrence, decl: A.LetDecl): ExprInfo | undefined {
  const checked = occ.rubric;
  if (!checked) return undefined;
  const m = checked.model;
  let def = [...m.lets.values()].find((l) => l.decl === decl);
  if (!def) {
    for (const n of walkTree(m.groups)) if (n.kind === "indicator") def ??= n.lets.find((l) => l.decl === decl);
  }
  if (!def) return checked.analysis.info.get(decl.value);
  const inf = checked.analysis.inferrer;
  return inf.letInfo(def, inf.rootEnv(def.file));
}

function findEnumOf(occ: Occurrence): string | undefined {
  const model = occ.rubric?.model;
  if (!model) return undefined;
  for (const e of model.enums.values()) if (e.decl.members.some((m) => m === occ.symbol.decl)) return e.name;
  return undefined;
}

function pointsText(v: Exact, lang: Lang): string {
  return say(lang, `${v.toString(6)} 分`, `${v.toString(6)} points`);
}

function nodeHover(snap: Snapshot, occ: Occurrence, node: AnyNode, rubric: CheckedRubric, lang: Lang): string[] {
  const out: string[] = [];
  const title = node.title ? ` "${node.title}"` : "";
  out.push(`**${kindWord(node.kind, lang)}** \`${node.path.join(".")}\`${title} — ${pointsText(node.points, lang)}`);
  if (node.kind !== "part") out.push("", childrenLine(node, lang));
  out.push(...scaledLines(node, rubric.model, lang));
  out.push(...notApplicableLines(node, rubric.model, lang));
  if (node.kind === "group") {
    out.push(...slotLine(node, lang));
    for (const n of node.notes) out.push("", `${colon(lang, "说明", "note")}${n}`);
  } else if (node.kind === "indicator") {
    if (node.note) out.push("", `**${say(lang, "指标说明", "note")}**${colon(lang, "", "")}${node.note}`);
    out.push("", `**${say(lang, "规则", "rule")}**${colon(lang, "", "").trimEnd()}`);
    out.push(...indicatorRule(snap, node, rubric, lang));
    out.push(...adjustLines(node, lang));
  } else {
    const text = snap.document(node.file)?.text ?? "";
    out.push("", ...describeRule(node.rule, node.points, text, lang, rubric.analysis.parts.get(node)));
  }
  if (occ.example) out.push(...exampleScore(snap, occ, node, lang));
  return out;
}

function childrenLine(node: GroupNode | IndicatorNode, lang: Lang): string {
  const kids: readonly AnyNode[] = node.kind === "group" ? node.children : node.parts;
  if (node.kind === "indicator" && kids.length === 1 && kids[0]?.kind === "part" && kids[0].implicit) {
    return say(lang, "单一得分规则（得分 = …）", "a single rule (score = …)");
  }
  const sum = kids.reduce((a, k) => a.add(k.points), Exact.ZERO);
  // A scaled group's children add up to the base they are written in (issue 11, kind 3).
  const target = node.kind === "group" && node.scaledFrom ? node.scaledFrom : node.points;
  const ok = sum.eq(target) ? "✓" : "✗";
  const list = kids.map((k) => `${k.name} ${k.points.toString(6)}`).join(" + ");
  return say(
    lang,
    `下级合计 Σ = ${sum.toString(6)} / ${target.toString(6)} ${ok}（${list || "无下级"}）`,
    `Σ children = ${sum.toString(6)} / ${target.toString(6)} ${ok} (${list || "no children"})`,
  );
}

function indicatorRule(snap: Snapshot, ind: IndicatorNode, rubric: CheckedRubric, lang: Lang): string[] {
  const out: string[] = [];
  const textOf = (file: string): string => snap.document(file)?.text ?? "";
  for (const v of ind.veto)
    out.push(
      say(
        lang,
        `- 否决：当 ${sourceOf(textOf(v.file), v.cond.span)} 时得 0 分`,
        `- veto: 0 when ${sourceOf(textOf(v.file), v.cond.span)}`,
      ),
    );
  for (const x of ind.exempt)
    out.push(
      say(
        lang,
        `- 免评：当 ${sourceOf(textOf(x.file), x.cond.span)} 时得满分`,
        `- exempt: full points when ${sourceOf(textOf(x.file), x.cond.span)}`,
      ),
    );
  for (const l of ind.lets)
    out.push(`- ${say(lang, "令", "let")} \`${l.name} = ${sourceOf(textOf(l.file), l.value.span, 80)}\``);
  for (const p of ind.parts) {
    const lines = describeRule(p.rule, p.points, textOf(p.file), lang, rubric.analysis.parts.get(p));
    const head = p.implicit
      ? "- "
      : say(lang, `- ${p.name}（${pointsText(p.points, lang)}）：`, `- ${p.name} (${pointsText(p.points, lang)}): `);
    out.push(`${head}${lines[0] ?? ""}`, ...lines.slice(1).map((l) => `  ${l}`));
  }
  return out;
}

function findReport(tree: readonly NodeReport[], path: readonly string[]): NodeReport | undefined {
  for (const n of tree) {
    if (n.path.length === path.length && n.path.every((s, i) => s === path[i])) return n;
    if (path.length > n.path.length && n.path.every((s, i) => s === path[i])) {
      const c = findReport(n.children, path);
      if (c) return c;
    }
  }
  return undefined;
}

function exampleScore(snap: Snapshot, occ: Occurrence, node: AnyNode, lang: Lang): string[] {
  const ex = occ.example;
  if (!ex) return [];
  const r = snap.exampleResult(ex);
  if (!r?.result) {
    const why = r?.problems[0]?.[lang];
    return [
      "",
      say(lang, `本案例未能计算${why ? `：${why}` : ""}`, `this example could not be scored${why ? `: ${why}` : ""}`),
    ];
  }
  const rep = findReport(r.result.report.tree, node.path);
  if (!rep) return [];
  const out = [
    "",
    `**${say(lang, "本案例得分", "score in this example")}**${colon(lang, "", "")}${rep.score ?? "—"} / ${rep.points}`,
  ];
  if (rep.override)
    out.push(say(lang, `（改判；计算得分 ${rep.computed ?? "—"}）`, `(overridden; computed ${rep.computed ?? "—"})`));
  if (rep.error) out.push(rep.error[lang]);
  const trace = [...new Set([...rep.children.flatMap((c) => c.trace), ...rep.trace].map((t) => t[lang]))].slice(0, 8);
  for (const t of trace) out.push(`- ${t}`);
  return out;
}

function inputHover(snap: Snapshot, occ: Occurrence, text: string, lang: Lang): string[] {
  const decl = occ.symbol.decl as A.InputDecl;
  const model = occ.rubric?.model;
  const def = model?.inputs.get(decl.name.text);
  const out = [`**${say(lang, "输入", "input")}** \`${sourceOf(text, decl.span, 120)}\``];
  if (def) {
    const unit = def.moneyUnit
      ? say(lang, `，单位 ${def.moneyUnit}`, `, in ${def.moneyUnit}`)
      : def.type.kind === "num" && def.type.dim === "ratio"
        ? say(lang, "，单位 %", ", in %")
        : "";
    out.push("", `${colon(lang, "类型", "type")}${describeType(def.type, lang)}${unit}`);
    const range = occ.rubric?.analysis.inferrer.inputRange(def.name);
    const dim =
      def.type.kind === "num"
        ? def.type.dim
        : def.type.kind === "array" && def.type.element.kind === "num"
          ? def.type.element.dim
          : undefined;
    if (range && dim) out.push(`${colon(lang, "声明范围", "declared range")}${formatRange(range, dim, def.moneyUnit)}`);
  }
  const uses = new Set<string>();
  for (const o of snap.index.occurrences(occ.symbol))
    if (o.role === "reference" && o.where && !o.example) uses.add(o.where);
  const given = new Set<string>();
  for (const o of snap.index.occurrences(occ.symbol)) if (o.example && o.where) given.add(o.where);
  const list = [...uses];
  out.push(
    "",
    list.length === 0
      ? say(lang, "未被任何规则使用", "not used by any rule")
      : `${colon(lang, "用于", "used in")}${list.slice(0, 12).join(say(lang, "、", ", "))}${list.length > 12 ? " …" : ""}`,
  );
  if (given.size > 0)
    out.push(`${colon(lang, "案例中给出", "given in examples")}${[...given].slice(0, 6).join(say(lang, "、", ", "))}`);
  return out;
}

function rubricHover(snap: Snapshot, occ: Occurrence, lang: Lang): string[] {
  const decl = occ.symbol.decl as A.RubricDecl;
  const checked = snap.rubricOf(decl);
  const head = `**${say(lang, "评分表", "rubric")}** ${decl.name.text}${decl.year ? ` ${decl.year.digits}` : ""}`;
  if (!checked) return [head];
  const m = checked.model;
  let indicators = 0;
  const count = (ns: readonly AnyNode[]): void => {
    for (const n of ns) {
      if (n.kind === "indicator") indicators++;
      if (n.kind === "group") count(n.children);
    }
  };
  count(m.groups);
  const total = m.groups.reduce((a, g) => a.add(g.points), Exact.ZERO);
  const out = [head, ""];
  if (m.base)
    out.push(`${say(lang, "继承", "extends")} ${m.base.name}${m.base.year !== undefined ? ` ${m.base.year}` : ""}`);
  out.push(
    say(
      lang,
      `${m.groups.length} 个一级指标，${indicators} 个指标，合计 ${total.toString(6)} 分`,
      `${m.groups.length} top-level groups, ${indicators} indicators, ${total.toString(6)} points in all`,
    ),
  );
  if (m.total)
    out.push(say(lang, `声明总分 ${m.total.value.toString(6)}`, `declared total ${m.total.value.toString(6)}`));
  if (m.locality) out.push(`${colon(lang, "地区", "locality")}${m.locality}`);
  out.push(...rubricRemarks(m, lang));
  return out;
}

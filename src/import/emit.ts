/**
 * An imported annex as `.rubric` text: the rubric (total, inputs the
 * recognised rules read, groups and indicators with points, note/standard
 * verbatim, a rule for each indicator) and, when the table has 得分, an
 * example expecting those scores. Also the sums the table must keep, each
 * broken one named by its sheet row.
 */
import { Exact } from "../runtime/exact.js";
import type { Text } from "../runtime/report.js";
import type { Annex, AnnexGroup, AnnexIndicator, AnnexNode } from "./annex.js";
import { identifier, type DraftInput } from "./patterns.js";
import { indicatorRules, type IndicatorRules } from "./rules.js";

export interface Emitted {
  readonly text: string;
  /** Broken sums, each naming the row that breaks it. */
  readonly sums: readonly Text[];
  /** Which recogniser encoded which indicator (for the report). */
  readonly recognised: readonly { readonly indicator: string; readonly patterns: readonly string[] }[];
}

const str = (s: string): string => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
/** Words that mean something after `expect`/`judge`: a node so named is written as a string there. */
const RESERVED_IN_PATHS = new Set(["total", "总分", "grade", "等级", "rest", "其余", "error", "错误"]);
const pathText = (p: readonly string[]): string => p.map((n) => (RESERVED_IN_PATHS.has(n) ? str(n) : n)).join(".");

/** The points of a node: as written, or the sum of its children when its level has no points column. */
export function pointsOf(n: AnnexNode): Exact {
  if (n.kind === "indicator" || n.points) return n.points as Exact;
  return n.children.reduce((s, c) => s.add(pointsOf(c)), Exact.ZERO);
}

export function checkSums(annex: Annex, sheetPlace: (row: number) => Text): Text[] {
  const out: Text[] = [];
  const visit = (g: AnnexGroup): void => {
    g.children.forEach((c) => c.kind === "group" && visit(c));
    // A group with no rows under it is a slot: its points stand for indicators still to come.
    if (!g.points || g.children.length === 0) return;
    const sum = g.children.reduce((s, c) => s.add(pointsOf(c)), Exact.ZERO);
    if (sum.eq(g.points)) return;
    const at = sheetPlace(g.row);
    const kids = g.children.map((c) => `${c.name} ${pointsOf(c).toString()}`);
    out.push({
      zh: `${at.zh}：「${g.name}」的分值为 ${g.points.toString()}，其下各项之和为 ${sum.toString()}（${kids.join(" + ")}）`,
      en: `${at.en}: '${g.name}' is worth ${g.points.toString()} but the rows under it add up to ${sum.toString()} (${kids.join(" + ")})`,
    });
  };
  annex.groups.forEach((g) => g.kind === "group" && visit(g));
  const top = annex.groups.reduce((s, g) => s.add(pointsOf(g)), Exact.ZERO);
  if (annex.total?.points && !annex.total.points.eq(top)) {
    const at = sheetPlace(annex.total.row);
    out.push({
      zh: `${at.zh}：总分为 ${annex.total.points.toString()}，各一级指标之和为 ${top.toString()}`,
      en: `${at.en}: the total is ${annex.total.points.toString()} but the top-level rows add up to ${top.toString()}`,
    });
  }
  return out;
}

interface Named {
  readonly node: AnnexNode;
  readonly name: string;
  readonly title?: string;
  readonly path: readonly string[];
}

function nameTree(nodes: readonly AnnexNode[], parent: readonly string[], out: Named[]): void {
  const taken = new Set<string>();
  for (const n of nodes) {
    let name = identifier(n.name, n.kind === "group" ? "分组" : "指标");
    for (let k = 2; taken.has(name); k++) name = `${identifier(n.name, "指标")}${k}`;
    taken.add(name);
    const path = [...parent, name];
    const title = n.title ?? (name !== n.name ? n.name : undefined);
    out.push({ node: n, name, ...(title !== undefined ? { title } : {}), path });
    if (n.kind === "group") nameTree(n.children, path, out);
  }
}

/** The shortest suffix of a path that names one node only. */
function shortPath(path: readonly string[], all: readonly (readonly string[])[]): string[] {
  for (let k = 1; k <= path.length; k++) {
    const suffix = path.slice(-k);
    const hits = all.filter((p) => p.length >= k && p.slice(-k).every((x, i) => x === suffix[i]));
    if (hits.length === 1) return [...suffix];
  }
  return [...path];
}

export interface EmitOptions {
  readonly name: string;
  readonly year?: number;
  readonly source: string;
}

export function emitRubric(annex: Annex, o: EmitOptions, sums: readonly Text[]): Emitted {
  const named: Named[] = [];
  nameTree(annex.groups, [], named);
  const byNode = new Map(named.map((n) => [n.node, n]));
  const rules = new Map<AnnexIndicator, IndicatorRules>();
  const inputs = new Map<string, DraftInput>();
  const recognised: { indicator: string; patterns: string[] }[] = [];
  for (const n of named) {
    if (n.node.kind !== "indicator") continue;
    let r = indicatorRules(n.name, n.node.points, n.node.standard);
    // An input name already read by another indicator for another sentence: make it this indicator's own.
    const renames = new Map<string, string>();
    for (const i of r.inputs) {
      const prev = inputs.get(i.name);
      if (prev && (prev.source !== i.source || prev.type !== i.type)) renames.set(i.name, `${n.name}${i.name}`);
    }
    if (renames.size > 0) r = renameInputs(r, renames);
    for (const i of r.inputs) if (!inputs.has(i.name)) inputs.set(i.name, i);
    rules.set(n.node, r);
    if (r.patterns.length > 0) recognised.push({ indicator: n.path.join("."), patterns: [...r.patterns] });
  }
  const total = annex.total?.points ?? annex.groups.reduce((s, g) => s.add(pointsOf(g)), Exact.ZERO);
  const head = o.year === undefined ? o.name : `${o.name} ${o.year}`;
  const lines: string[] = [];
  lines.push(`// 由 rubric import 从 ${o.source} 生成的骨架：请核对规则，补全 TODO 处。`);
  lines.push(`rubric ${head} {`);
  lines.push(`source ${str(o.source)}`);
  lines.push(`total ${total.toString()}`);
  for (const s of sums) lines.push(`// 分值不符：${s.zh}`);
  for (const i of inputs.values()) lines.push(`input ${i.name}: ${i.type} // ${i.source.replace(/\s+/g, " ")}`);
  const emitNode = (n: Named): void => {
    const title = n.title !== undefined ? ` ${str(n.title)}` : "";
    const pts = pointsOf(n.node).toString();
    if (n.node.kind === "group" && n.node.children.length === 0) {
      // No indicator rows under it: each department fills it in (a slot, as in the national form's 产出/效益).
      lines.push(`group ${n.name}${title} ${pts} slot`);
      return;
    }
    if (n.node.kind === "group") {
      lines.push(`group ${n.name}${title} ${pts} {`);
      for (const c of n.node.children) emitNode(byNode.get(c) as Named);
      lines.push("}");
      return;
    }
    const ind = n.node;
    lines.push(`indicator ${n.name}${title} ${pts} {`);
    if (ind.note !== undefined) lines.push(`note ${str(ind.note)}`);
    if (ind.standard !== undefined) lines.push(`standard ${str(ind.standard)}`);
    const r = rules.get(ind) as IndicatorRules;
    for (const u of r.unread) lines.push(`// TODO 评分标准另有：“${u.replace(/\s+/g, " ")}”`);
    if (r.score) {
      for (const t of r.score.todo) lines.push(`// TODO 待编码：“${t}”`);
      lines.push(`score = ${r.score.rule}`);
    }
    for (const p of r.parts ?? []) {
      for (const t of p.todo) lines.push(`// TODO 待编码：“${t}”`);
      lines.push(`part ${p.name} ${p.points.toString()} = ${p.rule}`);
    }
    lines.push("}");
  };
  for (const g of annex.groups) emitNode(byNode.get(g) as Named);
  lines.push("}");

  if (annex.hasScores) {
    const all = named.map((n) => n.path);
    lines.push("");
    lines.push(`example ${str(`${o.name} 附件得分`)} for ${head} {`);
    lines.push(`source ${str(o.source)}`);
    lines.push("// TODO 已知：填写各输入的取值（given { … }），下列预期才能计算。");
    for (const n of named) {
      if (n.node.kind !== "indicator" || n.node.score === undefined) continue;
      const r = rules.get(n.node) as IndicatorRules;
      const allJudged = r.score ? r.score.rule === "judged" : (r.parts ?? []).every((p) => p.rule === "judged");
      const p = pathText(shortPath(n.path, all));
      if (allJudged) {
        const full = n.node.score.eq(n.node.points);
        const reason = n.node.reason ?? "TODO：附件未写扣分原因";
        lines.push(`judge ${p} = ${n.node.score.toString()}${full ? "" : ` because ${str(reason)}`}`);
      }
    }
    for (const n of named)
      if (n.node.kind === "indicator" && n.node.score !== undefined)
        lines.push(`expect ${pathText(shortPath(n.path, all))} = ${n.node.score.toString()}`);
    if (annex.total?.score) lines.push(`expect total = ${annex.total.score.toString()}`);
    lines.push("}");
  }
  return { text: `${lines.join("\n")}\n`, sums, recognised };
}

function renameInputs(r: IndicatorRules, renames: ReadonlyMap<string, string>): IndicatorRules {
  const swap = (rule: string): string => rule.replace(/[\p{L}_][\p{L}\p{N}_·]*/gu, (w) => renames.get(w) ?? w);
  return {
    ...r,
    inputs: r.inputs.map((i) => ({ ...i, name: renames.get(i.name) ?? i.name, type: swap(i.type) })),
    ...(r.score ? { score: { ...r.score, rule: swap(r.score.rule) } } : {}),
    ...(r.parts ? { parts: r.parts.map((p) => ({ ...p, rule: swap(p.rule) })) } : {}),
  };
}

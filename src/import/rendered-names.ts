/**
 * Name cells as `rubric render` writes them: a group's first line is its name
 * and points, `部门决策（25分）` (`部门决策 (25 pts)` in English), and for groups
 * and indicators alike any further lines are the title. A published annex
 * may wrap a long name over two lines instead, so the lines below are read as
 * a title only when every group cell has the points suffix — the sign of a
 * table `rubric render` wrote; otherwise names are left as they are.
 */
import { Exact } from "../runtime/exact.js";
import type { AnnexGroup, AnnexIndicator, AnnexNode } from "./annex-types.js";

const GROUP_LABEL = /^(.+?)\s*(?:（\s*(\d+(?:\.\d+)?)\s*分\s*）|\(\s*(\d+(?:\.\d+)?)\s*pts?\s*\))$/;

function groups(nodes: readonly AnnexNode[]): AnnexGroup[] {
  return nodes.flatMap((n) => (n.kind === "group" ? [n, ...groups(n.children)] : []));
}

const split = (text: string): { first: string; title?: string } => {
  const [first = "", ...rest] = text.split("\n");
  const title = rest.join("\n").trim();
  return { first: first.trim(), ...(title ? { title } : {}) };
};

export function readRenderedNames(nodes: AnnexNode[]): AnnexNode[] {
  const all = groups(nodes);
  if (all.length === 0 || !all.every((g) => GROUP_LABEL.test(split(g.name).first))) return nodes;
  const visit = (n: AnnexNode): AnnexNode => {
    const { first, title } = split(n.name);
    if (n.kind === "indicator") {
      const ind: AnnexIndicator = { ...n, name: first, ...(title ? { title } : {}) };
      return ind;
    }
    const [, name = first, zh, en] = GROUP_LABEL.exec(first) ?? [];
    const written = zh ?? en;
    const points = written === undefined ? undefined : Exact.parse(written);
    const g: AnnexGroup = {
      ...n,
      name,
      ...(title ? { title } : {}),
      // The 分值 column, where the table has one for this level, wins; checkSums reports a disagreement.
      ...(n.points === undefined && points ? { points } : {}),
      children: n.children.map(visit),
    };
    return g;
  };
  return nodes.map(visit);
}

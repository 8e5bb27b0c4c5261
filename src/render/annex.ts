/**
 * The 评分表 as a table, independent of the output format: one row per leaf
 * indicator, a cell per level (一级/二级/三级指标) spanning the rows below it,
 * points summed per group, the total last. With a report, each row also
 * carries the score and why points were lost; with `changes`, what changed
 * from the base rubric.
 */
import { Exact } from "../runtime/exact.js";
import type { NodeReport, Report } from "../runtime/report.js";
import type { GroupNode, IndicatorNode, RubricModel, TreeNode } from "../compiler/model/types.js";
import { lostPoints, lostReasons, type Lang } from "./reasons.js";
import { changesFromBase, changeText } from "./changes.js";

export interface LevelCell {
  readonly node: TreeNode;
  /** 0 for 一级指标. */
  readonly level: number;
  readonly rowspan: number;
  readonly colspan: number;
  /** The score of a group in a report. */
  readonly score?: string | null;
}

export interface AnnexRow {
  /** The level cells that start on this row, left to right. */
  readonly cells: readonly LevelCell[];
  /** An indicator, or a group with nothing under it (an unfilled slot). */
  readonly leaf: TreeNode;
  readonly points: string;
  readonly note: string;
  readonly standard: string;
  readonly result?: {
    readonly score: string | null;
    readonly lost: string | null;
    readonly reasons: readonly string[];
  };
  /** What changed from the base, for the nodes whose cells start on this row (with --changes). */
  readonly changes?: readonly string[];
}

export interface GroupLoss {
  readonly name: string;
  readonly points: string;
  readonly score: string | null;
  readonly lost: string | null;
}

export interface Annex {
  readonly lang: Lang;
  readonly rubric: RubricModel;
  /** Number of level columns: the depth of the deepest indicator. */
  readonly levels: number;
  readonly rows: readonly AnnexRow[];
  readonly total: {
    readonly points: string;
    readonly score?: string | null;
    readonly lost?: string | null;
    readonly grade?: string | null;
  };
  /** Set when a report was given. */
  readonly scored: boolean;
  /** Top-level groups with what they lost (reports only). */
  readonly groups: readonly GroupLoss[];
  /** Set when changes from the base are marked. */
  readonly base?: RubricModel;
  /** The nodes that changed, for highlighting. */
  readonly changed: ReadonlySet<TreeNode>;
  /** Base nodes that are gone, in words. */
  readonly removed: readonly string[];
}

export interface AnnexOptions {
  readonly lang: Lang;
  readonly report?: Report;
  /** Mark what changed from the rubric this one `extends`. */
  readonly changes?: boolean;
}

function depth(nodes: readonly TreeNode[]): number {
  let d = 0;
  for (const n of nodes) d = Math.max(d, n.kind === "group" ? 1 + depth(n.children) : 1);
  return d;
}

function leafCount(n: TreeNode): number {
  if (n.kind === "indicator" || n.children.length === 0) return 1;
  return n.children.reduce((s, c) => s + leafCount(c), 0);
}

/** The report's nodes, by model node: the report tree follows the model's order, so the two are walked together. */
function pairReports(nodes: readonly TreeNode[], reports: readonly NodeReport[], out: Map<TreeNode, NodeReport>): void {
  nodes.forEach((n, i) => {
    const r = reports[i]?.name === n.name ? reports[i] : reports.find((x) => x.name === n.name);
    if (!r) return;
    out.set(n, r);
    if (n.kind === "group") pairReports(n.children, r.children, out);
  });
}

function sumPoints(nodes: readonly TreeNode[]): Exact {
  return nodes.reduce((s, n) => s.add(n.points), Exact.ZERO);
}

export function buildAnnex(model: RubricModel, o: AnnexOptions): Annex {
  const levels = Math.max(1, depth(model.groups));
  const reports = new Map<TreeNode, NodeReport>();
  if (o.report) pairReports(model.groups, o.report.tree, reports);
  const changes = o.changes && model.base ? changesFromBase(model, model.base) : undefined;
  const rows: AnnexRow[] = [];

  const visit = (n: TreeNode, level: number, pending: LevelCell[]): void => {
    const r = reports.get(n);
    const isLeaf = n.kind === "indicator" || n.children.length === 0;
    const cell: LevelCell = {
      node: n,
      level,
      rowspan: leafCount(n),
      colspan: isLeaf ? levels - level : 1,
      ...(r && n.kind === "group" ? { score: r.score } : {}),
    };
    if (!isLeaf && n.kind === "group") {
      n.children.forEach((c, i) => visit(c, level + 1, i === 0 ? [...pending, cell] : []));
      return;
    }
    const notes: string[] = [];
    for (const c of [...pending, cell]) {
      const ch = changes?.byNode.get(c.node);
      if (ch)
        notes.push(
          c.node === n
            ? changeText(ch, o.lang)
            : `${c.node.name}${o.lang === "zh" ? "：" : ": "}${changeText(ch, o.lang)}`,
        );
    }
    rows.push({
      cells: [...pending, cell],
      leaf: n,
      points: n.points.toString(),
      note: n.kind === "indicator" ? (n.note ?? "") : n.notes.join("\n"),
      standard: n.kind === "indicator" ? (n.standard ?? "") : "",
      ...(o.report
        ? {
            result: {
              score: r?.score ?? null,
              lost: r ? lostPoints(r) : null,
              reasons: r ? lostReasons(r, o.lang) : [],
            },
          }
        : {}),
      ...(changes ? { changes: notes } : {}),
    });
  };
  model.groups.forEach((g) => visit(g, 0, []));

  const totalPoints = (model.total?.value ?? sumPoints(model.groups)).toString();
  const report = o.report;
  const groups: GroupLoss[] = report
    ? model.groups.map((g) => {
        const r = reports.get(g);
        return { name: g.name, points: g.points.toString(), score: r?.score ?? null, lost: r ? lostPoints(r) : null };
      })
    : [];
  return {
    lang: o.lang,
    rubric: model,
    levels,
    rows,
    total: report
      ? { points: totalPoints, score: report.total, lost: lostOf(totalPoints, report.total), grade: report.grade }
      : { points: totalPoints },
    scored: report !== undefined,
    groups,
    ...(changes && model.base ? { base: model.base } : {}),
    changed: new Set(changes?.byNode.keys() ?? []),
    removed: (changes?.removed ?? []).map((c) => changeText(c, o.lang)),
  };
}

function lostOf(points: string, score: string | null): string | null {
  const p = Exact.parse(points);
  const s = score === null ? undefined : Exact.parse(score);
  return p && s ? p.sub(s).toString() : null;
}

/** The text of a level cell: a group with its points, an indicator by name (and its title, when it has one). */
export function levelText(cell: LevelCell, lang: Lang): string {
  const n = cell.node;
  const title = n.title && n.title !== n.name ? `\n${n.title}` : "";
  if (n.kind === "indicator") return `${n.name}${title}`;
  return `${groupLabel(n, lang)}${title}`;
}

export function groupLabel(g: GroupNode, lang: Lang): string {
  return lang === "zh" ? `${g.name}（${g.points.toString()}分）` : `${g.name} (${g.points.toString()} pts)`;
}

export function isIndicator(n: TreeNode): n is IndicatorNode {
  return n.kind === "indicator";
}

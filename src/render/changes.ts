/**
 * What a rubric that `extends` another changed: nodes are matched to the
 * base's by where they were declared (an inherited node keeps its base
 * declaration's file and span; `replace` and `add` give it the derived
 * file's), then compared by name, points, note, standard and rules.
 */
import type { RubricModel, TreeNode } from "../compiler/model/types.js";

export type ChangeKind = "added" | "replaced" | "renamed" | "points" | "note" | "standard" | "rules" | "removed";

export interface Change {
  readonly kinds: readonly ChangeKind[];
  /** The base's node, when there is one. */
  readonly before?: TreeNode;
  readonly node?: TreeNode;
}

export interface Changes {
  readonly byNode: ReadonlyMap<TreeNode, Change>;
  readonly removed: readonly Change[];
}

const originKey = (n: TreeNode): string => `${n.file}\u0000${n.span.start}`;

function* walk(nodes: readonly TreeNode[]): Generator<TreeNode> {
  for (const n of nodes) {
    yield n;
    if (n.kind === "group") yield* walk(n.children);
  }
}

function rulesDiffer(a: TreeNode, b: TreeNode): boolean {
  if (a.kind !== "indicator" || b.kind !== "indicator") return false;
  if (a.parts.length !== b.parts.length || a.lets.length !== b.lets.length) return true;
  if (a.veto.length !== b.veto.length || a.exempt.length !== b.exempt.length) return true;
  // Inherited parts share their rule's syntax tree with the base: a different tree is a different rule.
  return a.parts.some((p, i) => p.rule !== b.parts[i]?.rule) || a.lets.some((l, i) => l.value !== b.lets[i]?.value);
}

export function changesFromBase(model: RubricModel, base: RubricModel): Changes {
  const before = new Map<string, TreeNode>();
  const beforeByPath = new Map<string, TreeNode>();
  for (const n of walk(base.groups)) {
    before.set(originKey(n), n);
    beforeByPath.set(n.path.join("."), n);
  }
  const byNode = new Map<TreeNode, Change>();
  const seen = new Set<TreeNode>();
  for (const n of walk(model.groups)) {
    const b = before.get(originKey(n));
    if (!b) {
      const same = beforeByPath.get(n.path.join("."));
      if (same) seen.add(same);
      byNode.set(n, same ? { kinds: ["replaced"], before: same, node: n } : { kinds: ["added"], node: n });
      continue;
    }
    seen.add(b);
    const kinds: ChangeKind[] = [];
    if (b.name !== n.name) kinds.push("renamed");
    if (!b.points.eq(n.points)) kinds.push("points");
    if (n.kind === "indicator" && b.kind === "indicator") {
      if ((b.note ?? "") !== (n.note ?? "")) kinds.push("note");
      if ((b.standard ?? "") !== (n.standard ?? "")) kinds.push("standard");
      if (rulesDiffer(n, b)) kinds.push("rules");
    }
    if (kinds.length > 0) byNode.set(n, { kinds, before: b, node: n });
  }
  const removed: Change[] = [];
  for (const b of walk(base.groups)) if (!seen.has(b)) removed.push({ kinds: ["removed"], before: b });
  // A removed group's children are removed with it: listing the group says so.
  const removedSet = new Set(removed.map((r) => r.before));
  return {
    byNode,
    removed: removed.filter((r) => !parentIn(base.groups, r.before, removedSet)),
  };
}

function parentIn(
  nodes: readonly TreeNode[],
  child: TreeNode | undefined,
  set: ReadonlySet<TreeNode | undefined>,
): boolean {
  for (const n of walk(nodes))
    if (n.kind === "group" && n.children.includes(child as TreeNode) && set.has(n)) return true;
  return false;
}

/** A change in words: 新增 / 分值 15 → 10 / 原名 项目监管 / 指标说明改写 / …. */
export function changeText(c: Change, lang: "zh" | "en"): string {
  const zh = lang === "zh";
  const b = c.before;
  return c.kinds
    .map((k) => {
      switch (k) {
        case "added":
          return zh ? "新增" : "added";
        case "removed":
          return zh
            ? `删去：${b?.path.join(".") ?? ""}（${b?.points.toString() ?? ""}分）`
            : `removed: ${b?.path.join(".") ?? ""} (${b?.points.toString() ?? ""} pts)`;
        case "replaced":
          return zh ? "整体替换" : "replaced";
        case "renamed":
          return zh ? `原名 ${b?.name ?? ""}` : `was ${b?.name ?? ""}`;
        case "points":
          return zh
            ? `分值 ${b?.points.toString() ?? ""} → ${c.node?.points.toString() ?? ""}`
            : `points ${b?.points.toString() ?? ""} → ${c.node?.points.toString() ?? ""}`;
        case "note":
          return zh ? "指标说明改写" : "description reworded";
        case "standard":
          return zh ? "评分标准改写" : "standard reworded";
        case "rules":
          return zh ? "计分规则改变" : "scoring rule changed";
      }
    })
    .join(zh ? "；" : "; ");
}

/**
 * Dotted paths over the indicator tree. A path may be shortened to any
 * unique suffix: `绩效目标完整性` finds `部门决策.目标设置.绩效目标完整性`.
 */
import type { AnyNode, GroupNode, IndicatorNode, PartNode, TreeNode } from "./types.js";
import { suggest } from "../util/suggest.js";

export function* walkTree(nodes: readonly TreeNode[]): Generator<AnyNode> {
  for (const n of nodes) {
    yield n;
    if (n.kind === "group") yield* walkTree(n.children);
    else yield* n.parts;
  }
}

export function indicators(nodes: readonly TreeNode[]): IndicatorNode[] {
  return [...walkTree(nodes)].filter((n): n is IndicatorNode => n.kind === "indicator");
}

export function assignPaths(nodes: readonly TreeNode[], prefix: string[] = []): void {
  for (const n of nodes) {
    n.path = [...prefix, n.name];
    if (n.kind === "group") assignPaths(n.children, n.path);
    else for (const p of n.parts) p.path = [...n.path, p.name];
  }
}

export type PathResolution =
  | { readonly kind: "found"; readonly node: AnyNode }
  | { readonly kind: "missing"; readonly suggestion?: string }
  | { readonly kind: "ambiguous"; readonly candidates: string[] };

export function pathText(p: readonly string[]): string {
  return p.join(".");
}

function endsWith(path: readonly string[], suffix: readonly string[]): boolean {
  if (suffix.length > path.length) return false;
  const off = path.length - suffix.length;
  return suffix.every((s, i) => path[off + i] === s);
}

export function resolvePath(
  nodes: readonly TreeNode[],
  segments: readonly string[],
  accept?: (n: AnyNode) => boolean,
): PathResolution {
  // The part made by `score = …` is reached through its indicator: never a candidate of its own.
  const all = [...walkTree(nodes)].filter((n) => !(n.kind === "part" && n.implicit) && (!accept || accept(n)));
  const exact = all.filter((n) => n.path.length === segments.length && endsWith(n.path, segments));
  if (exact.length === 1 && exact[0]) return { kind: "found", node: exact[0] };
  const matches = all.filter((n) => endsWith(n.path, segments));
  if (matches.length === 1 && matches[0]) return { kind: "found", node: matches[0] };
  if (matches.length > 1) {
    // Prefer tree nodes over parts of the same name (an indicator and its only part often share a name).
    const trees = matches.filter((n) => n.kind !== "part");
    if (trees.length === 1 && trees[0]) return { kind: "found", node: trees[0] };
    return { kind: "ambiguous", candidates: matches.map((n) => pathText(n.path)) };
  }
  const last = segments[segments.length - 1] ?? "";
  const s = suggest(
    last,
    all.map((n) => n.name),
  );
  const sugNode = s ? all.find((n) => n.name === s) : undefined;
  return sugNode ? { kind: "missing", suggestion: pathText(sugNode.path) } : { kind: "missing" };
}

/**
 * A path that takes a value (`judge P = N`, `override P = N`): a group cannot hold one,
 * so a group whose full path matches gives way to an indicator or part of the same
 * name below it (`judge 管理效能` under `group 管理效能` means the indicator).
 */
export function resolveValueTarget(nodes: readonly TreeNode[], segments: readonly string[]): PathResolution {
  const r = resolvePath(nodes, segments);
  if (r.kind !== "found" || r.node.kind !== "group") return r;
  const below = [...walkTree([r.node])].filter(
    (n) => n !== r.node && n.kind !== "group" && !(n.kind === "part" && n.implicit) && endsWith(n.path, segments),
  );
  const indicatorsBelow = below.filter((n) => n.kind === "indicator");
  const pick = indicatorsBelow.length > 0 ? indicatorsBelow : below;
  if (pick.length === 1 && pick[0]) return { kind: "found", node: pick[0] };
  if (pick.length > 1) return { kind: "ambiguous", candidates: pick.map((n) => pathText(n.path)) };
  return r;
}

export function parentOf(nodes: TreeNode[], target: AnyNode): GroupNode | IndicatorNode | undefined {
  for (const n of walkTree(nodes)) {
    if (n.kind === "group" && n.children.includes(target as TreeNode)) return n;
    if (n.kind === "indicator" && n.parts.includes(target as PartNode)) return n;
  }
  return undefined;
}

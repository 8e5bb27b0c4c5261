/**
 * What changed between two rubrics (two years of a form): nodes added,
 * removed, renamed or moved, points changed, rules changed (compared as
 * syntax trees without positions), notes and standards changed (word diff);
 * and the `extends` modifications that would turn the old into the new.
 */
import { Exact } from "../runtime/exact.js";
import type { IndicatorNode, RubricModel, TreeNode } from "../compiler/model/types.js";
import { wordDiff, type DiffRun } from "./words.js";

export type NodeChange =
  | { readonly kind: "added"; readonly path: readonly string[]; readonly node: TreeNode }
  | { readonly kind: "removed"; readonly path: readonly string[]; readonly node: TreeNode }
  | { readonly kind: "renamed"; readonly from: readonly string[]; readonly to: readonly string[] }
  | { readonly kind: "moved"; readonly from: readonly string[]; readonly to: readonly string[] }
  | { readonly kind: "points"; readonly path: readonly string[]; readonly from: Exact; readonly to: Exact }
  | { readonly kind: "rule"; readonly path: readonly string[] }
  /** A named part of a kept indicator worth other points. */
  | { readonly kind: "part-points"; readonly path: readonly string[]; readonly from: Exact; readonly to: Exact }
  | {
      readonly kind: "text";
      readonly path: readonly string[];
      readonly field: "note" | "standard";
      readonly runs: readonly DiffRun[];
    };

export interface RubricDiff {
  readonly old: RubricModel;
  readonly new: RubricModel;
  readonly changes: readonly NodeChange[];
  /** Old node → new node, for every node kept (renamed or moved included). */
  readonly pairs: ReadonlyMap<TreeNode, TreeNode>;
  /** The `extends` modifications that express the changes, one per line. */
  readonly modifications: readonly string[];
  readonly total?: { readonly from: string; readonly to: string };
}

function flatten(nodes: readonly TreeNode[], out: TreeNode[] = []): TreeNode[] {
  for (const n of nodes) {
    out.push(n);
    if (n.kind === "group") flatten(n.children, out);
  }
  return out;
}

const key = (p: readonly string[]): string => p.join(".");

/**
 * An indicator's rules as text: lets, parts, exemptions and vetoes, positions left out, numbers by
 * value. Points are left out: a change of points is a `reweight`, reported as such.
 */
export function rulesOf(n: IndicatorNode): string {
  const shape = {
    lets: n.lets.map((l) => [l.name, l.value]),
    parts: n.parts.map((p) => [p.implicit ? "" : p.name, p.rule]),
    exempt: n.exempt.map((c) => c.cond),
    veto: n.veto.map((c) => c.cond),
  };
  return JSON.stringify(shape, (k, v: unknown) => {
    if (k === "span" || k === "opSpan") return undefined;
    if (k === "digits" && typeof v === "string") return Exact.parse(v)?.toString() ?? v;
    return v;
  });
}

/** Same content under another name or parent: the texts, or else the rules and points. */
function sameContent(a: TreeNode, b: TreeNode): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === "indicator" && b.kind === "indicator") {
    if (a.note !== undefined && a.note === b.note) return true;
    if (a.standard !== undefined && a.standard === b.standard) return true;
    return a.title !== undefined && a.title === b.title;
  }
  if (a.kind === "group" && b.kind === "group") {
    const names = (g: typeof a): string => g.children.map((c) => c.name).join("|");
    return a.children.length > 0 && names(a) === names(b);
  }
  return false;
}

/** The shortest suffix of a path that names one node of the tree. */
export function shortest(path: readonly string[], all: readonly TreeNode[]): string {
  for (let k = 1; k <= path.length; k++) {
    const s = path.slice(-k);
    if (all.filter((n) => n.path.length >= k && n.path.slice(-k).every((x, i) => x === s[i])).length === 1)
      return s.join(".");
  }
  return path.join(".");
}

export function compareRubrics(oldR: RubricModel, newR: RubricModel): RubricDiff {
  const olds = flatten(oldR.groups);
  const news = flatten(newR.groups);
  const newByPath = new Map(news.map((n) => [key(n.path), n]));
  const pairs = new Map<TreeNode, TreeNode>();
  const taken = new Set<TreeNode>();
  for (const o of olds) {
    const n = newByPath.get(key(o.path));
    if (n && n.kind === o.kind) {
      pairs.set(o, n);
      taken.add(n);
    }
  }
  const changes: NodeChange[] = [];
  const parentKey = (p: readonly string[]): string => key(p.slice(0, -1));
  // Unpaired nodes: the same name elsewhere (moved), else the same content under another name (renamed, maybe moved).
  for (const o of olds) {
    if (pairs.has(o)) continue;
    const free = news.filter((n) => !taken.has(n) && n.kind === o.kind);
    const match = free.find((n) => n.name === o.name) ?? free.find((n) => sameContent(o, n));
    if (!match) continue;
    pairs.set(o, match);
    taken.add(match);
  }
  // A node moves only when its parent's pairing does not explain it.
  const pairedParent = (o: TreeNode, n: TreeNode): boolean => {
    const op = olds.find((x) => key(x.path) === parentKey(o.path));
    const np = op ? pairs.get(op) : undefined;
    return op === undefined ? n.path.length === 1 : np !== undefined && key(np.path) === parentKey(n.path);
  };
  for (const [o, n] of pairs) {
    if (o.name !== n.name) changes.push({ kind: "renamed", from: o.path, to: n.path });
    if (!pairedParent(o, n)) changes.push({ kind: "moved", from: o.path, to: n.path });
    if (!o.points.eq(n.points)) changes.push({ kind: "points", path: n.path, from: o.points, to: n.points });
    if (o.kind === "indicator" && n.kind === "indicator") {
      if (rulesOf(o) !== rulesOf(n)) changes.push({ kind: "rule", path: n.path });
      for (const op of o.parts) {
        const np = n.parts.find((x) => x.name === op.name && !x.implicit);
        if (np && !op.implicit && !op.points.eq(np.points))
          changes.push({ kind: "part-points", path: [...n.path, np.name], from: op.points, to: np.points });
      }
      for (const field of ["note", "standard"] as const) {
        const a = o[field] ?? "";
        const b = n[field] ?? "";
        if (a !== b) changes.push({ kind: "text", path: n.path, field, runs: wordDiff(a, b) });
      }
    }
  }
  for (const o of olds) if (!pairs.has(o)) changes.push({ kind: "removed", path: o.path, node: o });
  for (const n of news) if (!taken.has(n)) changes.push({ kind: "added", path: n.path, node: n });
  const order = (c: NodeChange): number => {
    const p = "path" in c ? c.path : c.to;
    const i = news.findIndex((n) => key(n.path) === key(p));
    return i >= 0 ? i : news.length + olds.findIndex((o) => key(o.path) === key(p));
  };
  changes.sort((a, b) => order(a) - order(b));
  const total =
    oldR.total && newR.total && !oldR.total.value.eq(newR.total.value)
      ? { from: oldR.total.value.toString(), to: newR.total.value.toString() }
      : undefined;
  return {
    old: oldR,
    new: newR,
    changes,
    pairs,
    modifications: modifications(changes, olds, pairs),
    ...(total ? { total } : {}),
  };
}

/**
 * `extends` lines: `reweight` for points (one per top-most changed node, its changed descendants
 * nested), `replace` for rules, `reword` for texts, `add`/`remove` (a move is a remove and an add),
 * `rename` last, since the others name nodes by their old paths.
 */
function modifications(
  changes: readonly NodeChange[],
  olds: readonly TreeNode[],
  pairs: ReadonlyMap<TreeNode, TreeNode>,
): string[] {
  const out: string[] = [];
  const oldOf = new Map([...pairs].map(([o, n]) => [n, o]));
  const changedPoints = new Set<TreeNode>();
  const partPoints = (o: TreeNode): string[] => {
    const n = pairs.get(o);
    if (o.kind !== "indicator" || n?.kind !== "indicator") return [];
    return o.parts.flatMap((op) => {
      const np = n.parts.find((x) => x.name === op.name && !x.implicit);
      return np && !op.implicit && !op.points.eq(np.points) ? [`${np.name} ${np.points.toString()}`] : [];
    });
  };
  for (const [o, n] of pairs) if (!o.points.eq(n.points) || partPoints(o).length > 0) changedPoints.add(o);
  const reweight = (o: TreeNode): string => {
    const n = pairs.get(o) as TreeNode;
    const kids = o.kind === "group" ? o.children.filter((c) => changedPoints.has(c) || hasChangedBelow(c)) : [];
    const inner = [...kids.map((c) => reweight(c)), ...partPoints(o)];
    return `${o.name} ${n.points.toString()}${inner.length > 0 ? ` { ${inner.join("; ")} }` : ""}`;
  };
  const hasChangedBelow = (o: TreeNode): boolean =>
    o.kind === "group" && o.children.some((c) => changedPoints.has(c) || hasChangedBelow(c));
  // Top-most changed nodes; siblings are listed together under their parent, whose points stay.
  const tops = new Map<string, TreeNode[]>();
  for (const o of olds) {
    if (!changedPoints.has(o)) continue;
    const parent = olds.find((x) => key(x.path) === key(o.path.slice(0, -1)));
    if (parent && changedPoints.has(parent)) continue;
    const at = key(o.path.slice(0, -1));
    tops.set(at, [...(tops.get(at) ?? []), o]);
  }
  for (const [at, nodes] of tops) {
    const parent = olds.find((x) => key(x.path) === at);
    if (parent && nodes.length > 1)
      out.push(`reweight ${at} ${parent.points.toString()} { ${nodes.map((o) => reweight(o)).join("; ")} }`);
    else for (const o of nodes) out.push(`reweight ${[...o.path.slice(0, -1), reweight(o)].join(".")}`);
  }
  for (const c of changes) {
    if (c.kind === "rule") {
      const o = [...pairs].find(([, n]) => key(n.path) === key(c.path))?.[0];
      if (o) out.push(`replace ${shortest(o.path, olds)} { … }`);
    }
  }
  const reworded = new Map<string, Set<string>>();
  for (const c of changes) {
    if (c.kind !== "text") continue;
    const o = [...pairs].find(([, n]) => key(n.path) === key(c.path))?.[0];
    if (!o) continue;
    const at = shortest(o.path, olds);
    reworded.set(at, (reworded.get(at) ?? new Set()).add(c.field));
  }
  for (const [at, fields] of reworded) out.push(`reword ${at} { ${[...fields].map((f) => `${f} "…"`).join("; ")} }`);
  for (const c of changes) {
    if (c.kind === "moved") {
      const o = olds.find((x) => key(x.path) === key(c.from));
      if (!o) continue;
      out.push(`remove ${shortest(o.path, olds)}`);
      out.push(
        `add ${c.to.slice(0, -1).join(".")} ${o.kind} ${c.to[c.to.length - 1]} ${(pairs.get(o) as TreeNode).points.toString()} { … }`,
      );
    } else if (c.kind === "removed") out.push(`remove ${shortest(c.path, olds)}`);
    else if (c.kind === "added" && !oldOf.has(c.node)) {
      const parent = c.path.slice(0, -1).join(".");
      out.push(
        `add ${parent === "" ? "" : `${parent} `}${c.node.kind} ${c.node.name} ${c.node.points.toString()} { … }`,
      );
    }
  }
  for (const c of changes)
    if (c.kind === "renamed") {
      const o = olds.find((x) => key(x.path) === key(c.from));
      if (o) out.push(`rename ${shortest(o.path, olds)} to ${c.to[c.to.length - 1]}`);
    }
  return out;
}

/**
 * Issue 11, rule kind 1, for the reference evaluator: which siblings are not
 * applicable for this department, and the weights they leave to the others.
 */
import type { NodeReport } from "../../runtime/report.js";
import { redistribute, type Redistribution, type Sibling } from "../../runtime/redistribute.js";
import type { IndicatorNode, TreeNode } from "../model/types.js";
import { exprText } from "./expr.js";
import { EvalError } from "./values.js";

export interface SiblingPlan {
  readonly active: readonly boolean[];
  readonly shares: Redistribution;
  /** Siblings whose condition could not be evaluated (a missing input): they fail, and share nothing. */
  readonly failed: ReadonlyMap<number, EvalError>;
}

/** The siblings as the shared rule sees them; targets that name no sibling are left out (the checker reports them). */
export function siblings(nodes: readonly TreeNode[]): Sibling[] {
  const index = new Map(nodes.map((n, i) => [n.name, i]));
  return nodes.map((n) => {
    const na = n.kind === "indicator" ? n.notApplicable[0] : undefined;
    if (!na) return { name: n.name, points: n.points };
    const targets = na.targets.flatMap((t) => {
      const i = index.get(t);
      return i === undefined || nodes[i] === n ? [] : [i];
    });
    return { name: n.name, points: n.points, na: { mode: na.mode, targets, cond: exprText(na.cond) } };
  });
}

/** Undefined when no sibling can be not applicable (the common case: nothing to do). */
export function siblingPlan(
  nodes: readonly TreeNode[],
  holds: (ind: IndicatorNode) => boolean,
): SiblingPlan | undefined {
  if (!nodes.some((n) => n.kind === "indicator" && n.notApplicable.length > 0)) return undefined;
  const failed = new Map<number, EvalError>();
  const all = siblings(nodes);
  // A source with no sibling to take its points keeps them (the checker has said so): its condition is not read.
  const active = nodes.map((n, i) => {
    if (n.kind !== "indicator" || (all[i]?.na?.targets.length ?? 0) === 0) return false;
    try {
      return holds(n);
    } catch (e) {
      if (!(e instanceof EvalError)) throw e;
      failed.set(i, e);
      return false;
    }
  });
  return { active, shares: redistribute(all, active), failed };
}

/** A node's report before any scoring: its name and points, nothing computed. */
export function scoreShell(n: TreeNode, error?: NodeReport["error"]): NodeReport {
  return {
    kind: n.kind,
    path: n.path,
    name: n.name,
    ...(n.title ? { title: n.title } : {}),
    points: n.points.toString(),
    computed: null,
    score: null,
    clamps: [],
    trace: [],
    ...(error ? { error } : {}),
    children: [],
  };
}

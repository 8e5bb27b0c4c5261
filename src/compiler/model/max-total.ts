/**
 * The most a rubric can give (issue 11, kind 2): its points, plus every
 * bonus's cap — scaled where the bonus sits in a scaled group (kind 3).
 */
import { Exact } from "../../runtime/exact.js";
import type { RubricModel, TreeNode } from "./types.js";

export function maxPossible(model: RubricModel): { max: Exact; points: Exact; bonus: Exact } {
  let bonus = Exact.ZERO;
  const walk = (nodes: readonly TreeNode[], factor: Exact): void => {
    for (const n of nodes) {
      if (n.kind === "indicator") {
        for (const a of n.adjust) if (a.which === "bonus") bonus = bonus.add(a.cap.mul(factor));
      } else {
        const f = n.scaledFrom && n.scaledFrom.sign() > 0 ? factor.mul(n.points).div(n.scaledFrom) : factor;
        walk(n.children, f);
      }
    }
  };
  walk(model.groups, Exact.ONE);
  const points = model.groups.reduce((a, g) => a.add(g.points), Exact.ZERO);
  return { max: points.add(bonus), points, bonus };
}

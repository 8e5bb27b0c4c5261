/**
 * Rubric-level rules the specialised (fast) code does not implement: it only
 * scores indicators and sums them. A rubric using one scores every record on
 * the generic exact path, which agrees with the reference evaluator.
 */
import { walkTree } from "../model/paths.js";
import type { RubricModel } from "../model/types.js";
import { peerUse } from "../model/peers.js";

/** Why the rubric takes the generic path only, or undefined when the fast code may serve it. */
export function genericOnlyReason(model: RubricModel): string | undefined {
  if (model.gradeCaps.length > 0) return "grade caps (grade at most … when …)";
  if ([...walkTree(model.groups)].some((n) => n.kind === "group" && n.scaledFrom))
    return "a scaled group (折算 / scaled from)";
  if ([...walkTree(model.groups)].some((n) => n.kind === "indicator" && n.adjust.length > 0))
    return "a bonus or penalty (加分 / 减分)";
  if (peerUse(model).any) return "peer statistics (同类 / peers)";
  if ([...walkTree(model.groups)].some((n) => n.kind === "indicator" && n.notApplicable.length > 0))
    return "an indicator not applicable whose points go to its siblings (不适用 / 均摊)";
  return undefined;
}

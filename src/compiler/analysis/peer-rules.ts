/**
 * Issue 11, rule kind 7: the checker's view of `peers.max(X)` and its kin. A subject X is computed for
 * every department of the run before any is scored, so it may read only what a department's row
 * gives: inputs, rubric-level lets, constants, built-ins and rules — not an indicator's lets, a loop
 * variable, a judgement or another peer statistic.
 */
import { Exact } from "../../runtime/exact.js";
import type * as A from "../syntax/ast.js";
import type { Message } from "../diagnostics/message.js";
import type { RubricModel } from "../model/types.js";
import { subExpressions } from "../model/uses.js";
import * as I from "./interval.js";

/** Why X cannot be compared across peers, or undefined when it can. */
export function peerSubjectProblem(
  subject: A.Expr,
  lets: ReadonlyMap<string, unknown>,
  locals: ReadonlyMap<string, unknown>,
  model: RubricModel,
): Message | undefined {
  for (const x of subExpressions(subject)) {
    if (x.kind === "Peer")
      return { zh: "同类统计量里不能再用同类统计量", en: "a peer statistic cannot be taken of another one" };
    if (x.kind !== "Ref") continue;
    const name = x.name.text;
    if (locals.has(name))
      return {
        zh: `「${name}」是局部变量；同类比较的只能是输入和评分表级的中间量`,
        en: `'${name}' is a local variable; peers are compared on inputs and rubric-level lets`,
      };
    if (lets.has(name) && !model.lets.has(name))
      return {
        zh: `「${name}」是本指标的中间量；同类比较的只能是输入和评分表级的中间量（把它写成评分表级的 令）`,
        en: `'${name}' is a let of this indicator; peers are compared on inputs and rubric-level lets (declare it at rubric level)`,
      };
  }
  return undefined;
}

/** A rank lies in [1, ∞); the other statistics within the subject's own range. */
export const RANK_RANGE: I.Range = { lo: { v: Exact.ONE, closed: true } };
export const COUNT_RANGE: I.Range = RANK_RANGE;

/**
 * Issue 11, rule kind 7: the subjects a rubric compares across peers. Each is keyed by its text
 * (`执行率`, `实际支出 / 预算`), the same in the reference evaluator, compiled modules and the
 * statistics handed between them.
 */
import type * as A from "../syntax/ast.js";
import type { PeerSubjectSpec } from "../../runtime/peers.js";
import { exprText } from "../evaluate/expr.js";
import { walkTree } from "./paths.js";
import type { RubricModel } from "./types.js";
import { subExpressions } from "./uses.js";

/** Every rule, condition and let of the rubric. */
function* allExpressions(model: RubricModel): Generator<A.Expr> {
  for (const l of model.lets.values()) yield l.value;
  for (const c of model.gradeCaps) yield c.cond;
  for (const n of walkTree(model.groups)) {
    if (n.kind !== "indicator") continue;
    for (const l of n.lets) yield l.value;
    for (const c of [...n.veto, ...n.exempt]) yield c.cond;
    for (const p of n.parts) yield p.rule;
    for (const a of n.adjust) yield a.rule;
  }
}

export interface PeerUse {
  readonly subjects: readonly PeerSubjectSpec[];
  /** The subject expression of each key (the first written), to compute it for every peer. */
  readonly exprs: ReadonlyMap<string, A.Expr>;
  /** Whether some rule reads `peers.count` or any statistic at all. */
  readonly any: boolean;
}

export function peerUse(model: RubricModel): PeerUse {
  const exprs = new Map<string, A.Expr>();
  const ranked = new Set<string>();
  let any = false;
  for (const root of allExpressions(model))
    for (const e of subExpressions(root)) {
      if (e.kind !== "Peer") continue;
      any = true;
      if (!e.subject || e.which === "count") continue;
      const key = exprText(e.subject);
      if (!exprs.has(key)) exprs.set(key, e.subject);
      if (e.which === "rank") ranked.add(key);
    }
  const subjects = [...exprs.keys()].map((key) => ({ key, ranked: ranked.has(key) }));
  return { subjects, exprs, any };
}

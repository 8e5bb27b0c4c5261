/**
 * Issue 11, rule kind 1: an indicator that is not applicable (不适用) gives
 * its points to named siblings — equally, or in proportion to their points —
 * and each of them is scored on the weight it now carries: its own score
 * scaled by (points + share) / points, exactly. Shares add up to the points
 * given away, so every sum above is unchanged. One rule and one wording for
 * the reference evaluator and compiled scorers.
 */
import { Exact } from "./exact.js";
import type { NodeReport, Text } from "./report.js";

export interface ShareSource {
  readonly mode: "equal" | "points";
  /** Indices of the siblings that take the points. */
  readonly targets: readonly number[];
  /** The condition as written. */
  readonly cond: string;
}

export interface Sibling {
  readonly name: string;
  readonly points: Exact;
  readonly na?: ShareSource;
}

export interface Redistribution {
  /** The weight each sibling carries: 0 for one not applicable, points + shares for one that takes some. */
  readonly effective: readonly Exact[];
  /** What each sibling took, from whom. */
  readonly received: readonly { readonly from: string; readonly amount: Exact }[][];
  /** The line for each sibling not applicable: where its points went. */
  readonly given: readonly (Text | undefined)[];
}

export function redistribute(nodes: readonly Sibling[], active: readonly boolean[]): Redistribution {
  const effective = nodes.map((n) => n.points);
  const received: { from: string; amount: Exact }[][] = nodes.map(() => []);
  const given: (Text | undefined)[] = nodes.map(() => undefined);
  // A source passes on what it holds, including what it took from others: sources first, in an order
  // that follows the arrows (the checker refuses cycles; were one left, each source still runs once).
  const pending = new Set(nodes.flatMap((n, i) => (n.na && active[i] ? [i] : [])));
  const waiting = (i: number): boolean =>
    [...pending].some((j) => j !== i && (nodes[j]?.na?.targets.includes(i) ?? false));
  while (pending.size > 0) {
    const order = [...pending];
    const i = order.find((x) => !waiting(x)) ?? order.at(0) ?? 0;
    pending.delete(i);
    const n = nodes[i] as Sibling;
    const na = n.na as ShareSource;
    const amount = effective[i] as Exact;
    effective[i] = Exact.ZERO;
    const base = na.targets.reduce((a, t) => a.add((nodes[t] as Sibling).points), Exact.ZERO);
    const byPoints = na.mode === "points" && base.sign() > 0;
    const parts: { name: string; share: Exact }[] = [];
    for (const t of na.targets) {
      const share = byPoints
        ? amount.mul((nodes[t] as Sibling).points).div(base)
        : amount.div(Exact.int(na.targets.length));
      effective[t] = (effective[t] as Exact).add(share);
      (received[t] as { from: string; amount: Exact }[]).push({ from: n.name, amount: share });
      parts.push({ name: (nodes[t] as Sibling).name, share });
    }
    given[i] = sharedLine(na, amount, parts, byPoints);
  }
  return { effective, received, given };
}

function sharedLine(na: ShareSource, amount: Exact, parts: { name: string; share: Exact }[], byPoints: boolean): Text {
  const p = amount.toString(6);
  const zhList = parts.map((x) => `「${x.name}」+${x.share.toString(6)}`).join("、");
  const enList = parts.map((x) => `'${x.name}' +${x.share.toString(6)}`).join(", ");
  return {
    zh: `不适用（${na.cond} 成立）：本指标不计分，其 ${p} 分${byPoints ? "按分值比例" : "平均"}分给 ${zhList}`,
    en: `not applicable (${na.cond} holds): not scored; its ${p} points are shared ${byPoints ? "in proportion to points" : "equally"} among ${enList}`,
  };
}

/** The report of a sibling not applicable: no parts scored, 0 of 0. */
export function notApplicableNode(n: NodeReport, line: Text | undefined, explain: boolean): NodeReport {
  return canonical(n, "0", "0", Exact.ZERO, explain && line ? [line] : [], "not-applicable", []);
}

/**
 * A sibling that took shares: its score × effective / points, the weight it carried and a line that
 * says why. `value` is its score as scored; an override decides the score as given (not scaled).
 */
export function sharedNode(
  n: NodeReport,
  value: Exact | null,
  points: Exact,
  effective: Exact,
  received: readonly { readonly from: string; readonly amount: Exact }[],
  explain: boolean,
): { report: NodeReport; score: Exact | null } {
  const zhFrom = received.map((r) => `「${r.from}」的 ${r.amount.toString(6)} 分`).join("、");
  const enFrom = received.map((r) => `${r.amount.toString(6)} from '${r.from}'`).join(", ");
  const [p, e] = [points.toString(6), effective.toString(6)];
  if (n.override || value === null || points.sign() <= 0) {
    const line: Text = {
      zh: `承接不适用指标${zhFrom}：分值 ${p} → ${e}`,
      en: `takes ${enFrom} (not applicable): worth ${e} instead of ${p}`,
    };
    const trace = explain ? [...n.trace, line] : [...n.trace];
    return { report: canonical(n, n.computed, n.score, effective, trace, n.status, n.children), score: value };
  }
  const scaled = value.mul(effective).div(points);
  const line: Text = {
    zh: `承接不适用指标${zhFrom}：分值 ${p} → ${e}，得分 ${value.toString(6)} × ${e} ÷ ${p} = ${scaled.toString(6)}`,
    en: `takes ${enFrom} (not applicable): worth ${e} instead of ${p}, score ${value.toString(6)} × ${e} / ${p} = ${scaled.toString(6)}`,
  };
  const trace = explain ? [...n.trace, line] : [...n.trace];
  const text = scaled.toString();
  return { report: canonical(n, text, text, effective, trace, n.status, n.children), score: scaled };
}

/** Keys in NodeReport's order, whichever scorer made the node: JSON output must not depend on it. */
function canonical(
  n: NodeReport,
  computed: string | null,
  score: string | null,
  effective: Exact,
  trace: readonly Text[],
  status: NodeReport["status"],
  children: readonly NodeReport[],
): NodeReport {
  return {
    kind: n.kind,
    path: n.path,
    name: n.name,
    ...(n.title !== undefined ? { title: n.title } : {}),
    points: n.points,
    computed,
    score,
    ...(n.override ? { override: n.override } : {}),
    ...(n.judged && status !== "not-applicable" ? { judged: n.judged } : {}),
    ...(status ? { status } : {}),
    ...(n.adjusted && status !== "not-applicable" ? { adjusted: n.adjusted } : {}),
    ...(n.scaledFrom ? { scaledFrom: n.scaledFrom } : {}),
    effectivePoints: effective.toString(),
    clamps: status === "not-applicable" ? [] : n.clamps,
    trace,
    ...(n.error && status !== "not-applicable" ? { error: n.error } : {}),
    children,
  };
}

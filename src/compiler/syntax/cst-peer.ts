/** Issue 11, rule kind 7: `peers.max(X)` / `同类.最大值(X)` and the other peer statistics, from the CST. */
import type { CstNode } from "chevrotain";
import type * as A from "./ast.js";
import { errorExpr, span, sub, tok, tokSpan } from "./cst-util.js";

/** Each statistic's spellings after `peers.` / `同类.`: the built-ins' names, and the rule texts' words. */
export const PEER_STAT_NAMES: { readonly [written: string]: A.PeerStatName } = {
  max: "max",
  最大值: "max",
  最高: "max",
  min: "min",
  最小值: "min",
  最低: "min",
  mean: "mean",
  平均值: "mean",
  平均: "mean",
  count: "count",
  个数: "count",
  rank: "rank",
  排名: "rank",
};

/** `expr` is passed in: cst-expr.ts imports this file. */
export function peerExpr(n: CstNode, expr: (n: CstNode) => A.Expr): A.PeerExpr {
  const s = span(n);
  const statTok = tok(n, "stat");
  const stat: A.Name = statTok ? { text: statTok.image, span: tokSpan(statTok) } : { text: "", span: s };
  const subject = sub(n, "subject");
  const order = tok(n, "order");
  const which = Object.hasOwn(PEER_STAT_NAMES, stat.text) ? PEER_STAT_NAMES[stat.text] : undefined;
  return {
    kind: "Peer",
    stat,
    ...(which ? { which } : {}),
    ...(subject ? { subject: expr(subject) } : tok(n, "LParen") ? { subject: errorExpr(s) } : {}),
    ...(order ? { order: order.tokenType.name === "Asc" ? "asc" : "desc" } : {}),
    span: s,
  };
}

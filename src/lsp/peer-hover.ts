/** Issue 11, rule kind 7: a peer statistic in plain words, for hover. */
import type { Lang } from "../compiler/diagnostics/diagnostic.js";
import type * as A from "../compiler/syntax/ast.js";
import { sourceOf } from "./describe.js";
import { say } from "./lang.js";

const PEERS_ZH = "同类：同一次评分中用本评分表评分的所有单位（含本单位）";
const PEERS_EN = "peers: every department scored by this rubric in the same run (this one included)";

export function peerLines(e: A.PeerExpr, text: string, lang: Lang): string[] {
  const x = e.subject ? sourceOf(text, e.subject.span, 60) : "";
  let line: string;
  switch (e.which) {
    case "max":
      line = say(lang, `同类中「${x}」的最高值`, `the highest '${x}' among peers`);
      break;
    case "min":
      line = say(lang, `同类中「${x}」的最低值`, `the lowest '${x}' among peers`);
      break;
    case "mean":
      line = say(
        lang,
        `同类中「${x}」的平均值（精确分数，不舍入）`,
        `the mean of '${x}' among peers (exact, not rounded)`,
      );
      break;
    case "count":
      line = say(lang, "同类单位的个数（含本单位）", "how many peers there are (this department included)");
      break;
    case "rank":
      line =
        e.order === "asc"
          ? say(
              lang,
              `本单位「${x}」在同类中的名次，最低者第 1`,
              `this department's place by '${x}' among peers, the lowest first`,
            )
          : say(
              lang,
              `本单位「${x}」在同类中的名次，最高者第 1`,
              `this department's place by '${x}' among peers, the highest first`,
            );
      line += say(
        lang,
        "；并列者名次相同，其后名次顺延（1, 1, 3）",
        "; ties share a place and the next is skipped (1, 1, 3)",
      );
      break;
    default:
      return [];
  }
  const missing =
    e.which === "count"
      ? []
      : [
          say(
            lang,
            `缺少「${x}」（输入缺失或无法计算）的单位不参与此统计`,
            `departments without a value of '${x}' (a missing input, a zero divisor) are left out of it`,
          ),
        ];
  return [`**${line}**`, "", say(lang, PEERS_ZH, PEERS_EN), ...missing.map((m) => `\n${m}`)];
}

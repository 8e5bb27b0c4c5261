/**
 * Hover in plain words for issue 11, rule kind 1: an indicator that may be
 * not applicable says where its points go and how the others are scored; a
 * node that may take a sibling's points says how much and from whom.
 */
import type { Lang } from "../compiler/diagnostics/diagnostic.js";
import type { AnyNode, RubricModel, TreeNode } from "../compiler/model/types.js";
import { walkTree } from "../compiler/model/paths.js";
import { siblings } from "../compiler/evaluate/not-applicable.js";
import { redistribute } from "../runtime/redistribute.js";
import { say } from "./lang.js";

function levelOf(model: RubricModel, node: AnyNode): readonly TreeNode[] | undefined {
  if (model.groups.includes(node as TreeNode)) return model.groups;
  for (const n of walkTree(model.groups))
    if (n.kind === "group" && n.children.includes(node as TreeNode)) return n.children;
  return undefined;
}

export function notApplicableLines(node: AnyNode, model: RubricModel, lang: Lang): string[] {
  if (node.kind === "part") return [];
  const level = levelOf(model, node);
  if (!level) return [];
  const all = siblings(level);
  const out: string[] = [];
  const me = level.indexOf(node);
  // What each source gives when it alone is not applicable.
  all.forEach((s, i) => {
    if (!s.na || s.na.targets.length === 0) return;
    const alone = redistribute(
      all,
      all.map((_, j) => j === i),
    );
    const shares = s.na.targets.map((t) => ({
      name: all[t]?.name ?? "",
      share: (alone.effective[t] ?? s.points).sub(all[t]?.points ?? s.points),
    }));
    const how =
      s.na.mode === "points" ? say(lang, "按分值比例", "in proportion to their points") : say(lang, "平均", "equally");
    if (i === me) {
      const list = shares.map((x) =>
        say(lang, `「${x.name}」+${x.share.toString(6)}`, `'${x.name}' +${x.share.toString(6)}`),
      );
      out.push(
        "",
        say(
          lang,
          `**不适用**：当 \`${s.na.cond}\` 成立时，本指标不计分，其 ${s.points.toString(6)} 分${how}分给 ${list.join("、")}；它们按新的分值计分（原得分 × 新分值 ÷ 原分值），上级合计不变。`,
          `**not applicable**: when \`${s.na.cond}\` holds, this indicator is not scored and its ${s.points.toString(6)} points are shared ${how} among ${list.join(", ")}; they are scored on their new weight (score × new points / points), so the sums above are unchanged.`,
        ),
      );
      return;
    }
    const mine = shares.find((x) => x.name === node.name);
    if (!mine) return;
    const [p, e] = [node.points.toString(6), node.points.add(mine.share).toString(6)];
    out.push(
      "",
      say(
        lang,
        `**承接分值**：当「${s.name}」不适用（\`${s.na.cond}\`）时，本项多得 ${mine.share.toString(6)} 分的权重：分值 ${p} → ${e}，得分 × ${e} ÷ ${p}。`,
        `**takes points**: when '${s.name}' is not applicable (\`${s.na.cond}\`), this node carries ${mine.share.toString(6)} more: worth ${e} instead of ${p}, its score × ${e} / ${p}.`,
      ),
    );
  });
  return out;
}

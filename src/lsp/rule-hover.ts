/** Hover text for reusable rules, slots and a rubric's own remarks. */
import type * as A from "../compiler/syntax/ast.js";
import type { GroupNode, RubricModel } from "../compiler/model/types.js";
import { typeToString } from "../compiler/model/types.js";
import { sourceOf } from "./describe.js";
import type { Lang } from "../compiler/diagnostics/diagnostic.js";

const say = (lang: Lang, zh: string, en: string): string => (lang === "zh" ? zh : en);

export function ruleSignature(rule: A.RuleDecl, model: RubricModel | undefined, lang: Lang): string {
  const def = model?.rules.get(rule.name.text);
  const params = rule.params.map((p, i) => {
    const d = def?.params[i];
    const t = d ? (d.generic ? say(lang, "任意数值", "any number") : typeToString(d.type, lang)) : "?";
    return `${p.name.text}: ${t}`;
  });
  return `${rule.name.text}(${params.join(", ")})`;
}

export function ruleHover(rule: A.RuleDecl, text: string, model: RubricModel | undefined, lang: Lang): string[] {
  return [
    `**${say(lang, "规则", "rule")}** \`${ruleSignature(rule, model, lang)}\``,
    "",
    `\`= ${sourceOf(text, rule.body.span)}\``,
    "",
    say(
      lang,
      "可复用的规则：只读取参数，像内置函数一样调用；每次调用都按实参检查单位并推算结果范围。",
      "A reusable rule: it reads only its parameters and is called like a built-in; units and the result's range are worked out at each call from the arguments.",
    ),
  ];
}

export function slotLine(g: GroupNode, lang: Lang): string[] {
  if (!g.slot) return [];
  return [
    "",
    g.children.length === 0
      ? say(
          lang,
          `**预留分组**：指标由继承的评分表用 \`新增 ${g.name} 指标 …\` 填入，合计须为 ${g.points.toString(6)} 分；填入前本评分表不能直接评分。`,
          `**slot**: a derived rubric fills it with \`add ${g.name} indicator …\`, adding up to ${g.points.toString(6)} points; until then this rubric cannot be scored.`,
        )
      : say(
          lang,
          `**预留分组**（已填入 ${g.children.length} 个指标）`,
          `**slot** (filled with ${g.children.length} indicator(s))`,
        ),
  ];
}

export function rubricRemarks(m: RubricModel, lang: Lang): string[] {
  const out: string[] = [];
  if (m.note !== undefined) out.push("", `**${say(lang, "说明", "note")}** ${m.note}`);
  if (m.standard !== undefined) out.push("", `**${say(lang, "评分标准", "standard")}** ${m.standard}`);
  return out;
}

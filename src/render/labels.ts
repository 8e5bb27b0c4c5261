/** Column headings and fixed words of the 评分表, in Chinese and English. */
import type { Annex } from "./annex.js";
import type { Lang } from "./reasons.js";

const LEVELS = {
  zh: ["一级指标", "二级指标", "三级指标", "四级指标", "五级指标"],
  en: ["Level 1", "Level 2", "Level 3", "Level 4", "Level 5"],
};

export function levelHeading(i: number, lang: Lang): string {
  return LEVELS[lang][i] ?? (lang === "zh" ? `${i + 1}级指标` : `Level ${i + 1}`);
}

/** The header row: level columns, 分值, 指标说明, 评分标准, then 得分 / 扣分原因 for a report, 变动 with --changes. */
export function headings(a: Annex): string[] {
  const zh = a.lang === "zh";
  const out = Array.from({ length: a.levels }, (_, i) => levelHeading(i, a.lang));
  out.push(...(zh ? ["分值", "指标说明", "评分标准"] : ["Points", "Description", "Scoring standard"]));
  if (a.scored) out.push(...(zh ? ["得分", "扣分原因"] : ["Score", "Why points were lost"]));
  if (a.base) out.push(zh ? `较 ${baseName(a)} 的变动` : `Changes from ${baseName(a)}`);
  return out;
}

export function baseName(a: Annex): string {
  const b = a.base;
  return b ? (b.year !== undefined ? `${b.name} ${b.year}` : b.name) : "";
}

export function rubricTitle(a: Annex): string {
  const m = a.rubric;
  return m.year !== undefined ? `${m.name} ${m.year}` : m.name;
}

/** "：" in Chinese, ": " in English. */
export const colon = (lang: Lang): string => (lang === "zh" ? "：" : ": ");

export const words = (lang: Lang) =>
  lang === "zh"
    ? {
        total: "总分",
        grade: "评价等级",
        lostTotal: (x: string) => `共扣 ${x} 分`,
        form: "评分表",
        report: "绩效评价指标评分情况表",
        removed: "基础评分表中删去的指标",
        source: "来源",
        lostByIndicator: "各指标扣分",
        lostByGroup: "各一级指标扣分",
        noLoss: "各项指标均得满分，没有扣分。",
        points: "分",
      }
    : {
        total: "Total",
        grade: "Grade",
        lostTotal: (x: string) => `${x} points lost in all`,
        form: "scoring form",
        report: "score report",
        removed: "Indicators of the base removed",
        source: "Source",
        lostByIndicator: "Points lost per indicator",
        lostByGroup: "Points lost per top-level group",
        noLoss: "Every indicator scored full points: nothing was lost.",
        points: "pts",
      };

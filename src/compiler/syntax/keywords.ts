/**
 * The keyword table: every keyword once, with its English and Chinese
 * spellings. The lexer, the completion provider and the documentation are all
 * derived from this table so the spellings cannot drift apart.
 */
export interface KeywordSpec {
  /** Token name used by the parser. */
  readonly name: string;
  readonly en: readonly string[];
  readonly zh: readonly string[];
  /**
   * A soft keyword is also accepted as a name: `金额`, `比率`, `说明` are
   * natural names for inputs and lets. Only keywords that never start an
   * alternative where a name could stand may be soft.
   */
  readonly soft?: boolean;
}

export const KEYWORDS = [
  { name: "Rubric", en: ["rubric"], zh: ["评分表"] },
  { name: "Extends", en: ["extends"], zh: ["继承"] },
  { name: "Year", en: ["year"], zh: ["年度"], soft: true },
  { name: "Locality", en: ["locality"], zh: ["地区"], soft: true },
  { name: "Source", en: ["source"], zh: ["来源"], soft: true },
  { name: "Total", en: ["total"], zh: ["总分"] },
  { name: "Rounding", en: ["rounding"], zh: ["舍入"] },
  { name: "Grades", en: ["grades", "grade"], zh: ["等级"] },
  { name: "Otherwise", en: ["otherwise", "else"], zh: ["否则"] },
  { name: "Enum", en: ["enum"], zh: ["枚举"] },
  { name: "Input", en: ["input"], zh: ["输入"] },
  { name: "Alias", en: ["alias"], zh: ["别名"], soft: true },
  { name: "Let", en: ["let"], zh: ["令"] },
  { name: "Group", en: ["group"], zh: ["分组"] },
  { name: "Indicator", en: ["indicator"], zh: ["指标"] },
  { name: "Part", en: ["part"], zh: ["得分项"] },
  { name: "Score", en: ["score"], zh: ["得分"], soft: true },
  { name: "Note", en: ["note"], zh: ["说明"], soft: true },
  { name: "Standard", en: ["standard"], zh: ["评分标准"], soft: true },
  { name: "Exempt", en: ["exempt"], zh: ["免评"] },
  { name: "Veto", en: ["veto"], zh: ["否决"] },
  { name: "When", en: ["when"], zh: ["当"] },
  { name: "Checklist", en: ["checklist"], zh: ["清单"] },
  { name: "Judged", en: ["judged"], zh: ["酌情"] },
  { name: "Bands", en: ["bands"], zh: ["分档"] },
  { name: "Tiers", en: ["tiers"], zh: ["分类"] },
  { name: "Deduct", en: ["deduct"], zh: ["扣"] },
  { name: "Per", en: ["per"], zh: ["每"] },
  { name: "Over", en: ["over"], zh: ["超出"] },
  { name: "Under", en: ["under"], zh: ["低于"] },
  { name: "Of", en: ["of", "by"], zh: ["按"] },
  { name: "If", en: ["if"], zh: ["如果"] },
  { name: "Then", en: ["then"], zh: ["则"] },
  { name: "Each", en: ["each"], zh: ["对每个"] },
  { name: "In", en: ["in"], zh: ["在"] },
  { name: "And", en: ["and"], zh: ["且"] },
  { name: "Or", en: ["or"], zh: ["或"] },
  { name: "Not", en: ["not"], zh: ["非"] },
  { name: "True", en: ["true"], zh: ["是"] },
  { name: "False", en: ["false"], zh: ["否"] },
  { name: "Example", en: ["example"], zh: ["案例"] },
  { name: "For", en: ["for"], zh: ["针对"] },
  { name: "Given", en: ["given"], zh: ["已知"] },
  { name: "Judge", en: ["judge"], zh: ["评定"] },
  { name: "Override", en: ["override"], zh: ["改判"] },
  { name: "Because", en: ["because"], zh: ["理由"] },
  { name: "Expect", en: ["expect"], zh: ["预期"] },
  { name: "Full", en: ["full"], zh: ["满分"] },
  { name: "Rest", en: ["rest"], zh: ["其余"] },
  { name: "Reweight", en: ["reweight"], zh: ["调权"] },
  { name: "Replace", en: ["replace"], zh: ["替换"] },
  { name: "Add", en: ["add"], zh: ["新增"] },
  { name: "Remove", en: ["remove"], zh: ["删除"] },
  { name: "Reword", en: ["reword"], zh: ["改写"] },
  { name: "Rename", en: ["rename"], zh: ["重命名"] },
  { name: "To", en: ["to"], zh: ["为"] },
  { name: "Money", en: ["money"], zh: ["金额"], soft: true },
  { name: "Ratio", en: ["ratio", "percent"], zh: ["比率"], soft: true },
  { name: "Count", en: ["count"], zh: ["计数"], soft: true },
  { name: "Points", en: ["points"], zh: ["分值"], soft: true },
  { name: "Number", en: ["number"], zh: ["数值"], soft: true },
  { name: "Bool", en: ["bool"], zh: ["布尔"], soft: true },
  { name: "Text", en: ["text"], zh: ["文本"], soft: true },
  { name: "List", en: ["list"], zh: ["列表"], soft: true },
  { name: "HalfUp", en: ["half-up"], zh: ["四舍五入"] },
  { name: "HalfEven", en: ["half-even"], zh: ["银行家舍入"] },
  { name: "Down", en: ["down"], zh: ["舍去"], soft: true },
  { name: "Up", en: ["up"], zh: ["进一"], soft: true },
  { name: "Yuan", en: ["yuan"], zh: ["元"] },
  { name: "WanYuan", en: ["wanyuan"], zh: ["万元"] },
  { name: "Fen", en: ["pts"], zh: ["分"], soft: true },
  { name: "Scale", en: ["scale"], zh: ["档次"], soft: true },
  // English says it in two words: `deduct judged`.
  { name: "JudgedDeduct", en: [], zh: ["酌情扣"] },
  { name: "Rule", en: ["rule"], zh: ["规则"], soft: true },
  { name: "Slot", en: ["slot"], zh: ["预留"], soft: true },
  { name: "Error", en: ["error"], zh: ["错误"], soft: true },
  { name: "Achievement", en: ["achievement"], zh: ["完成比"] },
  { name: "Against", en: ["against"], zh: ["对比"], soft: true },
  { name: "HigherBetter", en: ["higher-better"], zh: ["正向"], soft: true },
  { name: "LowerBetter", en: ["lower-better"], zh: ["反向"], soft: true },
  { name: "Whole", en: ["whole"], zh: ["每满"], soft: true },
  { name: "Started", en: ["started"], zh: ["每起"], soft: true },
  { name: "Proportional", en: ["proportional"], zh: ["按比例"], soft: true },
  { name: "Off", en: ["off"], zh: ["偏离"], soft: true },
  { name: "Most", en: ["most"], zh: ["至多"], soft: true },
  { name: "Target", en: ["target"], zh: ["目标"], soft: true },
  // ---- issue 11, kinds 1–4 ----
  // `group 预算管理 50 折算 100 { … }` / `… 50 scaled from 100`: children written out of 100.
  { name: "Scaled", en: ["scaled"], zh: ["折算"], soft: true },
  // `bonus up to 0.5 = …` / `加分 至多 0.5 = …`, `penalty up to 2 = …` / `减分 至多 2 = …`: beyond the base.
  { name: "Bonus", en: ["bonus"], zh: ["加分"] },
  { name: "Penalty", en: ["penalty"], zh: ["减分"] },
  // ---- end issue 11, kinds 1–4 ----
  // ---- issue 11, rule kind 6: dates ----
  { name: "Date", en: ["date"], zh: ["日期"], soft: true },
  // ---- end of issue 11, rule kind 6 ----
  // ---- issue 11, rule kind 7: peer-relative scores ----
  // `peers.max(执行率)` / `同类.最大值(执行率)`, `peers.rank(执行率, desc)` / `同类.排名(执行率, 降序)`,
  // and in an example `given peer { … }` / `已知 同类 { … }`: another department of the run.
  { name: "Peers", en: ["peers", "peer"], zh: ["同类"] },
  { name: "Desc", en: ["desc"], zh: ["降序"], soft: true },
  { name: "Asc", en: ["asc"], zh: ["升序"], soft: true },
  // ---- end of issue 11, rule kind 7 ----
  // ---- issue 11, rule kind 1: not applicable, and redistribution ----
  // `not applicable when C share equally among A, B` / `不适用 当 C 均摊 至 A, B`;
  // `… share by points among …` / `不适用 当 C 按分值比例 均摊 至 …`: in proportion to the points.
  { name: "Applicable", en: ["applicable"], zh: ["不适用"], soft: true },
  { name: "Share", en: ["share"], zh: ["均摊"], soft: true },
  { name: "Equally", en: ["equally"], zh: ["平均"], soft: true },
  // English says it in two words: `by points`.
  { name: "ByPoints", en: [], zh: ["按分值比例"], soft: true },
  { name: "Among", en: ["among"], zh: ["至"], soft: true },
  // ---- end of issue 11, rule kind 1 ----
] as const satisfies readonly KeywordSpec[];

export type KeywordName = (typeof KEYWORDS)[number]["name"];

/** All spellings of a keyword, for messages ("expected `if`/`如果`"). */
export function spellings(name: KeywordName): string[] {
  const k = KEYWORDS.find((x) => x.name === name);
  return k ? [...k.en, ...k.zh] : [];
}

/**
 * Every diagnostic the front end can produce, declared once: a stable code,
 * a severity, and its message in Chinese and English. Codes are part of the
 * public interface (tests, `--json`, editor quick fixes): never renumber.
 */
import type { Message, Severity } from "./message.js";

interface Spec<A> {
  readonly severity: Severity;
  readonly message: (args: A) => Message;
}
function spec<A>(severity: Severity, message: (args: A) => Message): Spec<A> {
  return { severity, message };
}
/** An argument that is either the same in both languages (a name, a number) or translated. */
export type Localized = string | Message;
const zh = (x: Localized): string => (typeof x === "string" ? x : x.zh);
const en = (x: Localized): string => (typeof x === "string" ? x : x.en);

const didYouMean = (s: string | undefined): Message =>
  s ? { zh: `；是否想写「${s}」？`, en: `; did you mean '${s}'?` } : { zh: "", en: "" };

export const DIAGNOSTICS = {
  // ---- reading the file ----
  "invalid-utf8": spec<{ byte: number }>("error", (a) => ({
    zh: `文件不是有效的 UTF-8 文本（第 ${a.byte} 字节起）`,
    en: `the file is not valid UTF-8 text (from byte ${a.byte})`,
  })),
  "binary-file": spec<Record<string, never>>("error", () => ({
    zh: "文件含有 NUL 等控制字符，不是规则文本",
    en: "the file contains NUL or other control bytes; it is not rubric text",
  })),
  "empty-file": spec<Record<string, never>>("warning", () => ({
    zh: "文件为空，没有评分表或案例",
    en: "the file is empty: no rubric or example",
  })),
  "too-many-errors": spec<{ shown: number }>("error", (a) => ({
    zh: `错误过多，只显示前 ${a.shown} 条`,
    en: `too many errors; only the first ${a.shown} are shown`,
  })),

  "too-deep": spec<{ limit: number }>("error", (a) => ({
    zh: `嵌套超过 ${a.limit} 层，其后的内容未分析`,
    en: `nesting deeper than ${a.limit} levels; the rest of the file is not analysed`,
  })),
  "file-not-loaded": spec<{ reason: Message }>("error", (a) => ({
    zh: `未读取此文件：${a.reason.zh}`,
    en: `file not loaded: ${a.reason.en}`,
  })),
  "sibling-not-loaded": spec<{ reason: Message }>("warning", (a) => ({
    zh: `未读取此文件（与指定文件同目录，仅作上下文）：${a.reason.zh}`,
    en: `file not loaded (it sits beside a named file and is read only as context): ${a.reason.en}`,
  })),

  // ---- syntax ----
  "unexpected-character": spec<{ text: string }>("error", (a) => ({
    zh: `无法识别的字符「${a.text}」`,
    en: `unexpected character '${a.text}'`,
  })),
  "syntax-error": spec<{ found: string; expected: string }>("error", (a) => ({
    zh: `语法错误：此处不应出现 ${zhTokens(a.found)}${a.expected ? `，应为 ${zhTokens(a.expected)}` : ""}`,
    en: `syntax error: unexpected ${a.found}${a.expected ? `, expected ${a.expected}` : ""}`,
  })),

  "keyword-name": spec<{ word: string; inRule: boolean }>("error", (a) =>
    a.inRule
      ? {
          zh: `「${a.word}」是关键字，在规则中只能读作关键字；请换一个名称`,
          en: `'${a.word}' is a keyword and reads as one in a rule; choose another name`,
        }
      : {
          zh: `「${a.word}」是关键字；请写成标题字符串（"${a.word}"）或换一个名称`,
          en: `'${a.word}' is a keyword; write it as a title string ("${a.word}") or choose another name`,
        },
  ),

  "digit-name": spec<{ text: string }>("error", (a) => ({
    zh: `名称不能以数字开头；请写成标题字符串（indicator 指标 "${a.text}" 5）`,
    en: `a name cannot start with a digit; write it as a title string (indicator 指标 "${a.text}" 5)`,
  })),
  "record-field-constraint": spec<{ field: string }>("error", (a) => ({
    zh: `记录字段「${a.field}」的约束须是该字段单位的数值常量（如 > 0、in [0, 100%]），不能引用其他输入`,
    en: `a constraint on record field '${a.field}' must be a constant in the field's unit (e.g. > 0, in [0, 100%]), not other inputs`,
  })),

  // ---- names ----
  "unknown-name": spec<{ name: string; kind: string; suggestion?: string }>("error", (a) => {
    const d = didYouMean(a.suggestion);
    return { zh: `未定义的${kindZh(a.kind)}「${a.name}」${d.zh}`, en: `unknown ${a.kind} '${a.name}'${d.en}` };
  }),
  "duplicate-name": spec<{ name: string; kind: string }>("error", (a) => ({
    zh: `${kindZh(a.kind)}「${a.name}」重复定义`,
    en: `duplicate ${a.kind} '${a.name}'`,
  })),
  "ambiguous-path": spec<{ path: string; candidates: string }>("error", (a) => ({
    zh: `路径「${a.path}」有歧义，可能是：${a.candidates}`,
    en: `path '${a.path}' is ambiguous: it matches ${a.candidates}`,
  })),
  "unknown-rubric": spec<{ name: string; suggestion?: string }>("error", (a) => {
    const d = didYouMean(a.suggestion);
    return { zh: `找不到评分表「${a.name}」${d.zh}`, en: `no rubric named '${a.name}' is loaded${d.en}` };
  }),
  "duplicate-rubric": spec<{ name: string }>("error", (a) => ({
    zh: `评分表「${a.name}」已在别处定义`,
    en: `rubric '${a.name}' is defined more than once`,
  })),

  // ---- types and units ----
  "type-mismatch": spec<{ expected: Localized; actual: Localized; context: Localized }>("error", (a) => ({
    zh: `类型错误：${zh(a.context)}需要${zh(a.expected)}，实际为${zh(a.actual)}`,
    en: `type error: ${en(a.context)} needs ${en(a.expected)}, found ${en(a.actual)}`,
  })),
  "unit-mismatch": spec<{ op: string; left: Localized; right: Localized }>("error", (a) => ({
    zh: `单位错误：不能对${zh(a.left)}和${zh(a.right)}做「${a.op}」运算`,
    en: `unit error: cannot apply '${a.op}' to ${en(a.left)} and ${en(a.right)}`,
  })),
  "count-not-points": spec<{ where: Localized; factor: string }>("error", (a) => ({
    zh: `单位错误：${zh(a.where)}的得分是计数而不是分值；把系数写成分值，如「${a.factor}分」（每项 ${a.factor} 分）`,
    en: `unit error: ${en(a.where)} scores a count, not points; write the factor in points, e.g. '${a.factor}分' (${a.factor} points per item)`,
  })),
  "money-literal-unit": spec<{ text: string }>("error", (a) => ({
    zh: `金额常量 ${a.text} 须写明单位（元 或 万元）`,
    en: `the money constant ${a.text} needs a unit (元 or 万元)`,
  })),
  "wrong-arity": spec<{ name: string; expected: string; actual: number }>("error", (a) => ({
    zh: `函数 ${a.name} 需要 ${a.expected} 个参数，实际为 ${a.actual} 个`,
    en: `${a.name} takes ${a.expected} argument(s), found ${a.actual}`,
  })),
  "misplaced-rule": spec<{ rule: string }>("error", (a) => ({
    zh: `「${a.rule}」只能作为得分项或指标的整条规则使用`,
    en: `'${a.rule}' can only be the whole rule of a part or an indicator`,
  })),
  "let-cycle": spec<{ name: string }>("error", (a) => ({
    zh: `「${a.name}」的定义循环引用了自身`,
    en: `'${a.name}' is defined in terms of itself`,
  })),

  // ---- structure and weights ----
  "weight-sum": spec<{ node: string; points: string; sum: string }>("error", (a) => ({
    zh: `「${a.node}」分值为 ${a.points}，但其下级分值合计 ${a.sum}`,
    en: `'${a.node}' is worth ${a.points} but its children add up to ${a.sum}`,
  })),
  "total-mismatch": spec<{ total: string; sum: string }>("error", (a) => ({
    zh: `声明的总分为 ${a.total}，但一级指标分值合计 ${a.sum}`,
    en: `the declared total is ${a.total} but the top-level groups add up to ${a.sum}`,
  })),
  "reweight-sum": spec<{ node: string; points: string; sum: string }>("error", (a) => ({
    zh: `调权后「${a.node}」分值为 ${a.points}，但其下级分值合计 ${a.sum}`,
    en: `after reweighting, '${a.node}' is worth ${a.points} but its children add up to ${a.sum}`,
  })),
  "missing-rule": spec<{ indicator: string }>("error", (a) => ({
    zh: `指标「${a.indicator}」没有评分规则（得分项、得分或清单）`,
    en: `indicator '${a.indicator}' has no scoring rule (part, score or checklist)`,
  })),
  "score-and-parts": spec<{ indicator: string }>("error", (a) => ({
    zh: `指标「${a.indicator}」同时有「得分」和得分项；只能二选一`,
    en: `indicator '${a.indicator}' has both 'score' and parts; use one or the other`,
  })),
  "duplicate-meta": spec<{ key: string }>("warning", (a) => ({
    zh: `「${a.key}」重复声明，以最后一次为准`,
    en: `'${a.key}' is declared more than once; the last one wins`,
  })),
  "invalid-points": spec<{ text: string }>("error", (a) => ({
    zh: `分值「${a.text}」必须是非负数`,
    en: `points '${a.text}' must be a number ≥ 0`,
  })),
  "invalid-rounding": spec<{ detail: Localized }>("error", (a) => ({
    zh: `舍入声明无效：${zh(a.detail)}`,
    en: `invalid rounding declaration: ${en(a.detail)}`,
  })),

  // ---- bands, tiers and grades ----
  "band-gap": spec<{ interval: string }>("error", (a) => ({
    zh: `分档未覆盖区间 ${a.interval}`,
    en: `the bands leave ${a.interval} uncovered`,
  })),
  "band-overlap": spec<{ interval: string; other: number }>("error", (a) => ({
    zh: `本档与第 ${a.other} 档在区间 ${a.interval} 上重叠`,
    en: `this band overlaps band ${a.other} on ${a.interval}`,
  })),
  "band-unreachable": spec<{ reason: Localized }>("warning", (a) => ({
    zh: `本档不可能命中：${zh(a.reason)}`,
    en: `this band can never apply: ${en(a.reason)}`,
  })),
  "band-bound": spec<Record<string, never>>("error", () => ({
    zh: "分档边界必须是常量",
    en: "band bounds must be constants",
  })),
  "tiers-missing": spec<{ members: string }>("error", (a) => ({
    zh: `分类未覆盖：${a.members}`,
    en: `the tiers do not cover: ${a.members}`,
  })),
  "grades-order": spec<{ detail: Localized }>("error", (a) => ({
    zh: `等级划分有误：${zh(a.detail)}`,
    en: `grade bands are wrong: ${en(a.detail)}`,
  })),
  "grade-threshold-unit": spec<{ grade: string; threshold: string; unit: Localized; suggestion: string }>(
    "error",
    (a) => ({
      zh: `等级「${a.grade}」的分数线 ${a.threshold} 是${zh(a.unit)}，而总分是分值：请写成分值，如「${a.grade} >= ${a.suggestion}」`,
      en: `the threshold ${a.threshold} of grade '${a.grade}' is ${en(a.unit)}, but the total is in points: write it in points, e.g. '${a.grade} >= ${a.suggestion}'`,
    }),
  ),

  // ---- interval analysis ----
  "part-range": spec<{ part: string; range: string; points: string }>("warning", (a) => ({
    zh: `「${a.part}」的取值范围为 ${a.range}，可能超出 [0, ${a.points}]，超出部分将被截取`,
    en: `'${a.part}' ranges over ${a.range}, which can leave [0, ${a.points}]; it will be clamped`,
  })),
  "division-by-zero": spec<{ divisor: string; range: string }>("warning", (a) => ({
    zh: `除数「${a.divisor}」可能为 0（取值范围 ${a.range}），且没有判零保护`,
    en: `the divisor '${a.divisor}' can be 0 (range ${a.range}) and is not guarded`,
  })),

  // ---- inheritance ----
  "extends-cycle": spec<{ chain: string }>("error", (a) => ({
    zh: `继承关系成环：${a.chain}`,
    en: `'extends' forms a cycle: ${a.chain}`,
  })),
  "modification-without-base": spec<{ what: string }>("error", (a) => ({
    zh: `「${a.what}」只能用于继承了其他评分表的评分表`,
    en: `'${a.what}' is only allowed in a rubric that extends another`,
  })),
  "modification-target": spec<{ what: string; detail: Localized }>("error", (a) => ({
    zh: `「${a.what}」的目标不适用：${zh(a.detail)}`,
    en: `'${a.what}' cannot apply here: ${en(a.detail)}`,
  })),

  // ---- examples ----
  "example-no-rubric": spec<Record<string, never>>("error", () => ({
    zh: "案例没有指明针对哪个评分表（用 针对 …）",
    en: "the example does not say which rubric it is for (use 'for …')",
  })),
  "given-type": spec<{ input: string; expected: Localized; actual: Localized }>("error", (a) => ({
    zh: `输入「${a.input}」需要${zh(a.expected)}，给出的是${zh(a.actual)}`,
    en: `input '${a.input}' needs ${en(a.expected)}, was given ${en(a.actual)}`,
  })),
  "given-constraint": spec<{ input: string; value: string; constraint: string }>("error", (a) => ({
    zh: `输入「${a.input}」的值 ${a.value} 不满足 ${a.constraint}`,
    en: `input '${a.input}' = ${a.value} violates ${a.constraint}`,
  })),
  "judge-target": spec<{ path: string; detail: Localized }>("error", (a) => ({
    zh: `不能评定「${a.path}」：${zh(a.detail)}`,
    en: `cannot judge '${a.path}': ${en(a.detail)}`,
  })),
  "judged-without-reason": spec<{ path: string; value: string; max: string }>("error", (a) => ({
    zh: `「${a.path}」酌情评为 ${a.value}，低于满分 ${a.max}，须写明理由（理由 "…"）`,
    en: `'${a.path}' is judged ${a.value}, below its maximum ${a.max}: give a reason (because "…")`,
  })),
  "override-without-reason": spec<{ path: string }>("error", (a) => ({
    zh: `改判「${a.path}」须写明理由（理由 "…"）`,
    en: `overriding '${a.path}' needs a reason (because "…")`,
  })),
  "value-out-of-bounds": spec<{ path: string; value: string; bounds: string }>("error", (a) => ({
    zh: `「${a.path}」的分值 ${a.value} 超出允许范围 ${a.bounds}`,
    en: `'${a.path}' = ${a.value} is outside ${a.bounds}`,
  })),
  "duplicate-example-entry": spec<{ what: string }>("error", (a) => ({
    zh: `「${a.what}」在本案例中重复给出`,
    en: `'${a.what}' is given more than once in this example`,
  })),

  // ---- judged rules and scales ----
  "judged-interval": spec<{ interval: string; detail: Localized }>("error", (a) => ({
    zh: `酌情范围 ${a.interval} 无效：${zh(a.detail)}`,
    en: `the judged interval ${a.interval} is wrong: ${en(a.detail)}`,
  })),
  "verdict-missing": spec<{ members: string }>("error", (a) => ({
    zh: `结论分档未覆盖：${a.members}（补上这些结论的范围，或加 否则 -> […]）`,
    en: `the verdict arms do not cover: ${a.members} (give their intervals, or add otherwise -> […])`,
  })),
  "deduction-out-of-bounds": spec<{ path: string; value: string; bounds: string }>("error", (a) => ({
    zh: `「${a.path}」的酌情扣分须在 ${a.bounds} 之内（评定值是扣分，不是得分），给出的是 ${a.value}`,
    en: `'${a.path}' deducts a judged amount in ${a.bounds} (the judgement is the deduction, not the score); ${a.value} is outside it`,
  })),
  "deduction-without-reason": spec<{ path: string; value: string }>("error", (a) => ({
    zh: `「${a.path}」酌情扣 ${a.value} 分，须写明理由（理由 "…"）`,
    en: `'${a.path}' deducts ${a.value}: give a reason (because "…")`,
  })),
  "verdict-out-of-bounds": spec<{ path: string; value: string; verdict: string; bounds: string }>("error", (a) => ({
    zh: `「${a.path}」的结论为「${a.verdict}」，评定分须在 ${a.bounds} 之内，给出的是 ${a.value}`,
    en: `'${a.path}': the verdict is '${a.verdict}', so the judged score must lie in ${a.bounds}; ${a.value} is outside it`,
  })),
  "scale-kind": spec<{ scale: string; detail: Localized }>("error", (a) => ({
    zh: `档次「${a.scale}」用法不对：${zh(a.detail)}`,
    en: `scale '${a.scale}' does not fit here: ${en(a.detail)}`,
  })),

  // ---- reusable rules ----
  "rule-cycle": spec<{ chain: string }>("error", (a) => ({
    zh: `规则循环调用自身：${a.chain}（规则不能递归）`,
    en: `rules call themselves in a cycle: ${a.chain} (rules cannot be recursive)`,
  })),
  "rule-name-clash": spec<{ name: string; other: Localized }>("error", (a) => ({
    zh: `规则「${a.name}」与${zh(a.other)}同名`,
    en: `rule '${a.name}' has the same name as ${en(a.other)}`,
  })),
  "rule-arity": spec<{ rule: string; expected: number; actual: number; params: string }>("error", (a) => ({
    zh: `规则 ${a.rule} 需要 ${a.expected} 个参数（${a.params}），实际为 ${a.actual} 个`,
    en: `rule ${a.rule} takes ${a.expected} argument(s) (${a.params}), found ${a.actual}`,
  })),
  "rule-argument": spec<{ rule: string; param: string; expected: Localized; actual: Localized }>("error", (a) => ({
    zh: `规则 ${a.rule} 的参数「${a.param}」需要${zh(a.expected)}，给出的是${zh(a.actual)}`,
    en: `parameter '${a.param}' of rule ${a.rule} needs ${en(a.expected)}, was given ${en(a.actual)}`,
  })),
  "rule-call-invalid": spec<{ rule: string; detail: Localized }>("error", (a) => ({
    zh: `以这些参数调用规则 ${a.rule} 时其定义不成立：${zh(a.detail)}`,
    en: `with these arguments the body of rule ${a.rule} is invalid: ${en(a.detail)}`,
  })),
  "rule-division": spec<{ rule: string; divisor: string; range: string }>("warning", (a) => ({
    zh: `此处调用规则 ${a.rule} 可能除以 0：其除数「${a.divisor}」的取值范围为 ${a.range}`,
    en: `this call of rule ${a.rule} can divide by 0: its divisor '${a.divisor}' ranges over ${a.range}`,
  })),
  "rule-not-pure": spec<{ rule: string; name: string }>("error", (a) => ({
    zh: `规则 ${a.rule} 只能读取其参数，不能读取「${a.name}」；请把它作为参数传入`,
    en: `rule ${a.rule} may read only its parameters, not '${a.name}'; pass it as an argument`,
  })),

  // ---- slots ----
  "slot-sum": spec<{ slot: string; points: string; sum: string }>("error", (a) => ({
    zh: `预留分组「${a.slot}」分值为 ${a.points}，但填入的指标合计 ${a.sum}`,
    en: `slot '${a.slot}' is worth ${a.points} but the indicators filled in add up to ${a.sum}`,
  })),
  "slot-unfilled": spec<{ slot: string; points: string }>("error", (a) => ({
    zh: `预留分组「${a.slot}」（${a.points} 分）尚未填入指标，本评分表不能直接评分；请在继承它的评分表中用 新增 ${a.slot} 指标 … 填入`,
    en: `slot '${a.slot}' (${a.points} points) has no indicators yet, so this rubric cannot be scored; fill it in a derived rubric with add ${a.slot} indicator …`,
  })),

  // ---- examples and inputs ----
  "unused-input": spec<{ input: string }>("warning", (a) => ({
    zh: `输入「${a.input}」没有被任何规则、中间量或约束读取`,
    en: `input '${a.input}' is not read by any rule, let or constraint`,
  })),
  "expect-error-kind": spec<{ kind: string; kinds: string }>("error", (a) => ({
    zh: `未知的错误类别「${a.kind}」；可用：${a.kinds}`,
    en: `unknown error kind '${a.kind}'; use one of ${a.kinds}`,
  })),

  // ---- step deductions and achievement ratios ----
  "deduct-mode-missing": spec<Record<string, never>>("error", () => ({
    zh: "须写明怎样计档：每满（不足一档不扣）、每起（不足一档按一档）或 按比例 每（按超出的比例扣）",
    en: "say how steps count: per whole (an unfinished step costs nothing), per started (a started step counts) or proportional per",
  })),
  "achievement-needs-target": spec<{ actual: Localized }>("error", (a) => ({
    zh: `完成比需要「对比 目标值」，或一个目标值对输入（目标 计数 等）；这里是${zh(a.actual)}`,
    en: `achievement needs 'against <target>', or a target pair input (target count, …); this is ${en(a.actual)}`,
  })),
  "achievement-negative": spec<{ subject: string; which: Localized; range: string }>("warning", (a) => ({
    zh: `「${a.subject}」的${zh(a.which)}可能为负（取值 ${a.range}），负值时无法计算完成比；请声明 >= 0`,
    en: `the ${en(a.which)} of '${a.subject}' can be negative (${a.range}), and a negative value cannot be scored; declare it >= 0`,
  })),
  "achievement-zero": spec<{ subject: string; which: Localized }>("info", (a) => ({
    zh: `「${a.subject}」的${zh(a.which)}可能为 0：此时视为达成，得满分；如另有规定，写「当 0 -> 分值」`,
    en: `${en(a.which)} of '${a.subject}' can be 0: that counts as target met, full points; to say otherwise write 'when 0 -> points'`,
  })),
  "achievement-zero-unreachable": spec<{ subject: string; which: Localized; range: string }>("warning", (a) => ({
    zh: `「当 0」永不适用：「${a.subject}」的${zh(a.which)}取值 ${a.range}，不会为 0`,
    en: `'when 0' never applies: ${en(a.which)} of '${a.subject}' is in ${a.range}, never 0`,
  })),

  // ---- issue 11, kind 4: grade caps ----
  "grade-cap-no-grades": spec<{ grade: string }>("error", (a) => ({
    zh: `「等级 至多 ${a.grade}」需要先声明等级（等级 { … }）`,
    en: `'grade at most ${a.grade}' needs the rubric's grades to be declared (grades { … })`,
  })),
  "grade-cap-no-effect": spec<{ grade: string }>("warning", (a) => ({
    zh: `「${a.grade}」是最高等级，「至多 ${a.grade}」不会改变任何等级`,
    en: `'${a.grade}' is the top grade: 'at most ${a.grade}' never changes a grade`,
  })),
  // ---- end kind 4 ----

  // ---- issue 11, kind 2: bonus above the weight, capped penalties ----
  "max-total": spec<{ max: string; total: string; bonus: string }>("info", (a) => ({
    zh: `含加分，最高可得总分为 ${a.max}（各项分值合计 ${a.total}，加分至多 ${a.bonus}）`,
    en: `with bonuses, the highest possible total is ${a.max} (points ${a.total}, bonuses at most ${a.bonus})`,
  })),
  // ---- end kind 2 ----

  // ---- issue 11, kind 3: scaled nested weights ----
  "scaled-sum": spec<{ group: string; base: string; points: string; sum: string }>("error", (a) => ({
    zh: `分组「${a.group}」的下级按 ${a.base} 分填写（折算为 ${a.points} 分），但合计为 ${a.sum}`,
    en: `the children of group '${a.group}' are written out of ${a.base} (scaled to ${a.points}), but add up to ${a.sum}`,
  })),
  "scaled-base": spec<{ group: string }>("error", (a) => ({
    zh: `分组「${a.group}」的折算基数须大于 0`,
    en: `the base group '${a.group}' is scaled from must be above 0`,
  })),
  // ---- end kind 3 ----
  // ---- issue 11, rule kind 6: dates ----
  "invalid-date": spec<{ text: string }>("error", (a) => ({
    zh: `${a.text} 不是日历上的日期（写作 年-月-日，如 2023-06-30）`,
    en: `${a.text} is not a calendar date (write year-month-day, e.g. 2023-06-30)`,
  })),
  "date-arithmetic": spec<{ op: string; left: Localized; right: Localized }>("error", (a) => ({
    zh: `日期只能比较、相减（得天数）或加减天数；不能 ${zh(a.left)} ${a.op} ${zh(a.right)}`,
    en: `dates can be compared, subtracted (giving days) or moved by a number of days; not ${en(a.left)} ${a.op} ${en(a.right)}`,
  })),
  "date-literal-needed": spec<{ text: string }>("error", (a) => ({
    zh: `${a.text} 不是日期：与日期比较须写日期，如 2023-06-30`,
    en: `${a.text} is not a date: compare a date with a date, e.g. 2023-06-30`,
  })),
  // ---- end of issue 11, rule kind 6 ----
  // ---- issue 11, rule kind 7: peer-relative scores ----
  "peer-stat-unknown": spec<{ stat: string }>("error", (a) => ({
    zh: `同类没有「${a.stat}」这一统计量：可写 同类.最大值(X)、同类.最小值(X)、同类.平均值(X)、同类.排名(X, 降序)、同类.个数`,
    en: `peers have no statistic '${a.stat}': write peers.max(X), peers.min(X), peers.mean(X), peers.rank(X, desc) or peers.count`,
  })),
  "peer-subject": spec<{ stat: string; problem: Localized }>("error", (a) => ({
    zh: `同类.${a.stat}(…)：${zh(a.problem)}`,
    en: `peers.${a.stat}(…): ${en(a.problem)}`,
  })),
  "peer-rank-order": spec<Record<string, never>>("error", () => ({
    zh: "排名须写明方向：同类.排名(X, 降序)（最高者第 1）或 同类.排名(X, 升序)（最低者第 1）",
    en: "a rank must say its order: peers.rank(X, desc) (the highest ranks 1) or peers.rank(X, asc) (the lowest ranks 1)",
  })),
  "peer-order-not-rank": spec<{ stat: string }>("error", (a) => ({
    zh: `只有排名有方向；同类.${a.stat}(…) 不能写 降序/升序`,
    en: `only a rank has an order; peers.${a.stat}(…) takes no desc/asc`,
  })),
  "peer-in-rule": spec<{ rule: string }>("error", (a) => ({
    zh: `规则「${a.rule}」不能读同类统计量：在指标中算出后作为参数传入`,
    en: `rule '${a.rule}' cannot read peer statistics: compute them in the indicator and pass them as an argument`,
  })),
  // ---- end of issue 11, rule kind 7 ----
  // ---- issue 11, rule kind 5: aggregation before scoring ----
  "weighted-mean-length": spec<{ values: number; weights: number }>("error", (a) => ({
    zh: `加权平均的数值有 ${a.values} 个，权重有 ${a.weights} 个，个数须相同`,
    en: `the weighted mean has ${a.values} value(s) and ${a.weights} weight(s); they must pair up`,
  })),
  "weighted-mean-negative": spec<{ weights: string; range: string }>("warning", (a) => ({
    zh: `权重「${a.weights}」可能为负数（取值范围 ${a.range}）；请声明权重 >= 0（负权重在计分时报错）`,
    en: `the weights '${a.weights}' can be negative (range ${a.range}); declare them >= 0 (a negative weight fails when scoring)`,
  })),
  "weighted-mean-zero-weight": spec<{ total: string; range: string }>("warning", (a) => ({
    zh: `权重合计「${a.total}」可能为 0（取值范围 ${a.range}，列表可能为空），且没有判零保护；请写 如果 ${a.total} = 0 则 … 否则 …`,
    en: `the total weight '${a.total}' can be 0 (range ${a.range}; the list may be empty) and is not guarded; write if ${a.total} = 0 then … else …`,
  })),
  "record-money-units": spec<{ input: string }>("error", (a) => ({
    zh: `列表「${a.input}」的金额字段须使用同一单位（全为元或全为万元）`,
    en: `the money fields of list '${a.input}' must share one unit (all 元 or all 万元)`,
  })),
  // ---- end of issue 11, rule kind 5 ----
  // ---- issue 11, rule kind 1: not applicable, and redistribution ----
  "na-target-unknown": spec<{ indicator: string; target: string; suggestion?: string }>("error", (a) => {
    const d = didYouMean(a.suggestion);
    return {
      zh: `「${a.target}」不是「${a.indicator}」的同级指标或分组，不能承接其分值${d.zh}`,
      en: `'${a.target}' is not a sibling of '${a.indicator}': it cannot take its points${d.en}`,
    };
  }),
  "na-target-removed": spec<{ indicator: string; target: string }>("warning", (a) => ({
    zh: `继承的「${a.indicator}」不适用时把分值分给「${a.target}」，但本评分表已删除或改名该项；这部分分值改由其余承接项分得（都不在时「${a.indicator}」照常计分）`,
    en: `inherited '${a.indicator}' shares its points with '${a.target}' when not applicable, but this rubric removed or renamed it; the other targets take them (with none left, '${a.indicator}' is scored as usual)`,
  })),
  "na-target-self": spec<{ indicator: string }>("error", (a) => ({
    zh: `指标「${a.indicator}」不适用时不能把分值分给自己`,
    en: `'${a.indicator}' cannot share its points with itself when not applicable`,
  })),
  "na-target-duplicate": spec<{ target: string }>("error", (a) => ({
    zh: `「${a.target}」重复列出`,
    en: `'${a.target}' is listed twice`,
  })),
  "na-target-zero": spec<{ target: string }>("error", (a) => ({
    zh: `「${a.target}」分值为 0，无法按比例承接分值`,
    en: `'${a.target}' has 0 points: its score cannot be scaled to carry a share`,
  })),
  "na-cycle": spec<{ chain: string }>("error", (a) => ({
    zh: `不适用分值的转移成环：${a.chain}`,
    en: `not-applicable shares go round in a cycle: ${a.chain}`,
  })),
  "na-and-exempt": spec<{ indicator: string }>("error", (a) => ({
    zh: `指标「${a.indicator}」不能既免评（得满分）又不适用（分值转给其他指标）；请只保留一种`,
    en: `'${a.indicator}' cannot be both exempt (full points) and not applicable (points shared with others); keep one`,
  })),
  "na-twice": spec<{ indicator: string }>("error", (a) => ({
    zh: `指标「${a.indicator}」只能有一条不适用规则；请用「或」合并条件`,
    en: `'${a.indicator}' may have one not-applicable rule; join the conditions with 'or'`,
  })),
  // ---- end of issue 11, rule kind 1 ----
} as const;

export type DiagnosticCode = keyof typeof DIAGNOSTICS;
export type DiagnosticArgs<C extends DiagnosticCode> = (typeof DIAGNOSTICS)[C] extends Spec<infer A> ? A : never;

function kindZh(kind: string): string {
  const map: Record<string, string> = {
    name: "名称",
    input: "输入",
    indicator: "指标",
    node: "指标或分组",
    function: "函数",
    "enum member": "枚举值",
    enum: "枚举",
    type: "类型",
    field: "字段",
    part: "得分项",
    let: "中间量",
    grade: "等级",
    scale: "档次",
    rule: "规则",
    parameter: "参数",
  };
  return map[kind] ?? kind;
}

/** Token descriptions in syntax errors are written in English by the parser; translate the generic ones. */
function zhTokens(s: string): string {
  return s
    .replace(/\bend of file\b/g, "文件结尾")
    .replace(/\bnumber\b/g, "数值")
    .replace(/\bstring\b/g, "字符串")
    .replace(/\bname\b/g, "名称")
    .replace(/, /g, "、");
}

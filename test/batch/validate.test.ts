/**
 * Input validation (src/runtime/validate.ts): every class of bad input gives
 * a structured error naming the field and the indicators that read it.
 */
import { describe, expect, it } from "vitest";
import { checkJudgements, convertInput } from "../../src/runtime/validate.js";
import type { ConvertedValue, InputError } from "../../src/runtime/scorer.js";
import { GOOD, smallScorer } from "./helpers.js";

const scorer = smallScorer();
const meta = scorer.meta;

function convert(values: Record<string, unknown>) {
  return convertInput(meta, { values });
}

/** Errors for GOOD with `patch` applied, as "kind field" strings. */
function errorsWith(patch: Record<string, unknown>): InputError[] {
  return convert({ ...GOOD, ...patch }).errors;
}

const brief = (es: readonly InputError[]): string[] => es.map((e) => `${e.kind} ${e.field}`);
const num = (v: ConvertedValue | undefined): string | undefined => (v?.k === "num" ? v.v.toString() : undefined);

describe("convertInput", () => {
  it("converts a good department without errors: money in 元, ratios as fractions", () => {
    const c = convert(GOOD);
    expect(c.errors).toEqual([]);
    expect(c.missing).toEqual([]);
    expect(num(c.values.get("计划金额"))).toBe("1000000");
    expect(num(c.values.get("满意度"))).toBe("0.95");
    const p = c.values.get("进度");
    expect(p?.k === "array" ? p.v.map(num) : p).toEqual(["0.25", "0.5", "0.75", "1"]);
    expect(c.values.get("违规")).toEqual({ k: "bool", v: false });
    expect(c.values.get("公开")).toEqual({ k: "enum", v: "按规定公开" });
  });

  it("addresses fields by Chinese name or ASCII alias", () => {
    const c = convert({ plan: "311.63", 实际金额: "305.63", satisfaction: 0.981 });
    expect(c.errors).toEqual([]);
    expect(num(c.values.get("计划金额"))).toBe("3116300");
    expect(num(c.values.get("满意度"))).toBe("0.981");
  });

  it("reports an input given twice (by name and by alias)", () => {
    const es = convert({ 计划金额: 1, plan: 2 }).errors;
    expect(brief(es)).toEqual(["duplicate-field 计划金额"]);
    expect(es[0]?.message.en).toContain("given twice");
  });

  it("lists missing inputs separately, each with the indicators that read it", () => {
    const { 计划数: _a, 完成数: _b, ...rest } = GOOD;
    const c = convert({ ...rest, 计划数: "" });
    expect(c.errors).toEqual([]);
    expect(brief(c.missing)).toEqual(["missing 计划数", "missing 完成数"]);
    expect(c.missing[0]?.indicators).toEqual(["甲.完成"]);
    expect(c.missing[0]?.message.en).toBe("missing input '计划数' (used by 甲.完成)");
    expect(c.missing[0]?.message.zh).toBe("缺少输入「计划数」（用于 甲.完成）");
  });

  it("treats empty strings, spaces and null as missing", () => {
    const c = convert({ ...GOOD, 满意度: "  ", 违规: null });
    expect(c.errors).toEqual([]);
    expect(brief(c.missing)).toEqual(["missing 满意度", "missing 违规"]);
  });

  it("reports unknown fields with a did-you-mean against names and aliases", () => {
    const es = convert({ ...GOOD, "计划金 额": 1, satisfation: "90%" }).errors;
    expect(brief(es)).toEqual(["unknown-field 计划金 额", "unknown-field satisfation"]);
    expect(es[1]?.message.en).toBe("unknown input 'satisfation'; did you mean 'satisfaction'?");
    expect(es[0]?.message.zh).toContain("是否应为「计划金额」");
  });

  describe("ratios: a % means hundredths, a bare number is the ratio itself", () => {
    it('"98.1%" and 0.981 are the same value', () => {
      expect(num(convert({ 满意度: "98.1%" }).values.get("满意度"))).toBe("0.981");
      expect(num(convert({ 满意度: 0.981 }).values.get("满意度"))).toBe("0.981");
      expect(num(convert({ 满意度: "0.981" }).values.get("满意度"))).toBe("0.981");
    });

    it("a bare 98.1 for a ratio declared in [0, 100%] is out of range, with a hint to write 98.1%", () => {
      const es = errorsWith({ 满意度: 98.1 });
      expect(brief(es)).toEqual(["out-of-range 满意度"]);
      expect(es[0]?.indicators).toEqual(["甲.满意"]);
      expect(es[0]?.message.en).toBe(
        `'满意度' = 98.1 is out of range: must be <= 100%; a bare number is the ratio itself (0.981 means 98.1%); for a percentage write "98.1%" (used by 甲.满意)`,
      );
      expect(es[0]?.message.zh).toContain('请写作 "98.1%"');
    });

    it("a % on a non-ratio input is a wrong type", () => {
      expect(brief(errorsWith({ 计划数: "5%" }))).toEqual(["wrong-type 计划数"]);
      expect(brief(errorsWith({ 计划金额: "5%" }))).toEqual(["wrong-type 计划金额"]);
    });
  });

  describe("numbers", () => {
    it('accepts "1,599.06" and refuses "1,59,9"', () => {
      expect(num(convert({ 计划金额: "1,599.06" }).values.get("计划金额"))).toBe("15990600");
      const es = errorsWith({ 计划金额: "1,59,9" });
      expect(brief(es)).toEqual(["wrong-type 计划金额"]);
      expect(es[0]?.message.en).toContain("thousands separators must group three digits");
    });

    it("takes full-width digits", () => {
      expect(num(convert({ 满意度: "９８．１％" }).values.get("满意度"))).toBe("0.981");
      expect(num(convert({ 计划数: "１２" }).values.get("计划数"))).toBe("12");
    });

    it("reads money in the input's unit, or in the unit it carries", () => {
      expect(num(convert({ 计划金额: 311.63 }).values.get("计划金额"))).toBe("3116300");
      expect(num(convert({ 计划金额: "311.63万元" }).values.get("计划金额"))).toBe("3116300");
      expect(num(convert({ 计划金额: "3116300元" }).values.get("计划金额"))).toBe("3116300");
      expect(brief(errorsWith({ 计划数: "3元" }))).toEqual(["wrong-type 计划数"]);
    });

    it("refuses NaN, Infinity and text", () => {
      expect(brief(errorsWith({ 计划金额: Number.NaN, 实际金额: Number.POSITIVE_INFINITY, 满意度: "很高" }))).toEqual([
        "wrong-type 计划金额",
        "wrong-type 实际金额",
        "wrong-type 满意度",
      ]);
    });

    it("refuses negatives where >= 0 is declared, naming the bound", () => {
      const es = errorsWith({ 实际金额: "-1" });
      expect(brief(es)).toEqual(["out-of-range 实际金额"]);
      expect(es[0]?.message.en).toBe("'实际金额' = -1 is out of range: must be >= 0万元 (used by 甲.执行)");
      expect(brief(errorsWith({ 计划金额: 0 }))).toEqual(["out-of-range 计划金额"]);
    });

    it("counts are whole numbers >= 0", () => {
      expect(brief(errorsWith({ 计划数: 2.5 }))).toEqual(["wrong-type 计划数"]);
      expect(brief(errorsWith({ 信访件数: -1 }))).toEqual(["out-of-range 信访件数"]);
      expect(num(convert({ 计划数: "4.0" }).values.get("计划数"))).toBe("4");
    });

    it("checks a bound that names another input", () => {
      const es = errorsWith({ 计划数: 3, 完成数: 4 });
      expect(brief(es)).toEqual(["out-of-range 完成数"]);
      expect(es[0]?.message.en).toContain("must be <= 计划数 (3)");
    });
  });

  it("bools take true/false, 是/否, yes/no, 1/0 and nothing else", () => {
    for (const b of ["是", "YES", 1, true, "true"])
      expect(convert({ 违规: b }).values.get("违规"), String(b)).toEqual({ k: "bool", v: true });
    const es = errorsWith({ 违规: "有" });
    expect(brief(es)).toEqual(["wrong-type 违规"]);
    expect(es[0]?.message.en).toContain("a bool (true/false, 是/否, yes/no, 1/0)");
  });

  it("enums must be a member, and the message lists the members", () => {
    const es = errorsWith({ 公开: "按时公开" });
    expect(brief(es)).toEqual(["wrong-type 公开"]);
    expect(es[0]?.message.en).toContain("one of 按规定公开 / 公开但不合规 / 未公开");
  });

  describe("arrays", () => {
    it("take a JSON array or text separated by ; or ；", () => {
      for (const v of [["25%", "50%", 0.75, "100%"], "25%；50%；75%；100%", " 25% ; 50%;75% ;100% "]) {
        const c = convert({ 进度: v });
        expect(c.errors, JSON.stringify(v)).toEqual([]);
      }
    });

    it("enforce their length and check each element", () => {
      const es = errorsWith({ 进度: "25%; 50%; 75%" });
      expect(brief(es)).toEqual(["wrong-type 进度"]);
      expect(es[0]?.message.en).toContain("4 values are needed, found 3");
      expect(brief(errorsWith({ 进度: "25%; x; 75%; -1%" }))).toEqual(["wrong-type 进度[2]", "out-of-range 进度[4]"]);
      expect(brief(errorsWith({ 进度: "25%; ; 75%; 1" }))).toEqual(["missing 进度[2]"]);
    });
  });

  describe("records (lists of records are JSON only)", () => {
    it("convert each field and refuse unknown or missing ones", () => {
      expect(convert({ 工作: [{ 名称: "甲", 已完成: "是" }] }).errors).toEqual([]);
      expect(brief(errorsWith({ 工作: [{ 名称: "甲" }, { 名称: "乙", 已完成: true, 备注: 1 }] }))).toEqual([
        "missing 工作[1].已完成",
        "unknown-field 工作[2].备注",
      ]);
      const es = errorsWith({ 工作: "甲; 乙" });
      expect(brief(es)).toEqual(["wrong-type 工作"]);
      expect(es[0]?.message.en).toContain("records can only be given in JSON");
    });
  });
});

describe("checkJudgements", () => {
  const judge = (judgements: Record<string, unknown>, overrides: Record<string, unknown> = {}) =>
    brief(checkJudgements(meta, { judgements, overrides }));

  it("accepts a judged part by full or suffix path, at its maximum without a reason", () => {
    expect(judge({ "甲.评议.政策": { value: "1" }, 效果: { value: "0.5", reason: "一般" } })).toEqual([]);
    expect(judge({ 评议: { value: "2" } })).toEqual([]);
  });

  it("refuses a score outside the judged bounds", () => {
    const es = checkJudgements(meta, { judgements: { 效果: { value: "0.2", reason: "差" }, 政策: { value: "1.5" } } });
    expect(brief(es)).toEqual(["judgement-out-of-bounds 甲.评议.效果", "judgement-out-of-bounds 甲.评议.政策"]);
    expect(es[0]?.message.en).toBe("judged path '甲.评议.效果' = 0.2 is outside [0.5, 1]");
    expect(es[0]?.indicators).toEqual(["甲.评议"]);
  });

  it("needs a reason below the maximum", () => {
    const es = checkJudgements(meta, { judgements: { 政策: { value: "0.5" }, 信访: { value: "0", reason: "  " } } });
    expect(brief(es)).toEqual(["judgement-needs-reason 甲.评议.政策", "judgement-needs-reason 甲.信访"]);
    expect(es[0]?.message.zh).toBe("评定「甲.评议.政策」= 0.5 低于满分 1，须说明理由");
  });

  it("refuses unknown, computed and group paths, with a did-you-mean", () => {
    const es = checkJudgements(meta, {
      judgements: { 政册: { value: "1" }, 执行: { value: "2" }, 甲: { value: "1" }, 评议: { value: "x" } },
    });
    expect(brief(es)).toEqual([
      "unknown-indicator 政册",
      "unknown-indicator 执行",
      "unknown-indicator 甲",
      "wrong-type 甲.评议",
    ]);
    expect(es[0]?.message.en).toBe("judged path '政册' does not exist; did you mean '甲.评议.政策'?");
    expect(es[1]?.message.en).toContain("use an override to replace a computed score");
  });

  it("overrides need an indicator, a score within its points and a reason", () => {
    expect(judge({}, { 执行: { value: "2", reason: "报告自评" } })).toEqual([]);
    expect(
      judge({}, { 执行: { value: "3", reason: "r" }, 满意: { value: "1" }, 政策: { value: "1", reason: "r" } }),
    ).toEqual(["judgement-out-of-bounds 甲.执行", "judgement-needs-reason 甲.满意", "unknown-indicator 政策"]);
  });
});

describe("the reference scorer on top of validation", () => {
  it("reports a zero denominator the rubric does not guard, naming the indicator", () => {
    let errors: readonly InputError[] = [];
    try {
      scorer.score({ values: { ...GOOD, 计划数: 0, 完成数: 0 } as never, judgeRestFull: true });
    } catch (e) {
      errors = (e as { errors: readonly InputError[] }).errors;
    }
    expect(errors.map((e) => [e.kind, e.indicators])).toEqual([["zero-denominator", ["甲.完成"]]]);
    expect(errors[0]?.message.en).toContain("甲.完成");
  });

  it("reports a missing input only when an evaluated rule reads it", () => {
    // 信访件数 = 0 exempts 信访 — and nothing else reads the petitions.
    const { 满意度: _s, ...rest } = GOOD;
    let errors: readonly InputError[] = [];
    try {
      scorer.score({
        values: rest as never,
        judgeRestFull: true,
        overrides: { 满意: { value: "2", reason: "报告自评" } },
      });
    } catch (e) {
      errors = (e as { errors: readonly InputError[] }).errors;
    }
    expect(errors).toEqual([]);
    expect(() => scorer.score({ values: rest as never, judgeRestFull: true })).toThrow(/满意度/);
  });
});

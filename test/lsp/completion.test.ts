/** Completion, in-process with cursor markers: what is offered where. */
import { describe, expect, it } from "vitest";
import { completion } from "../../src/lsp/completion.js";
import { at } from "./cursor.js";
import { BASE, BASE_URI, DERIVED, DERIVED_URI } from "./fixtures.js";

function labels(file: string, marked: string): string[] {
  const files = { [BASE_URI]: BASE, [DERIVED_URI]: DERIVED, [file]: marked };
  const { snap, uri, pos } = at(files, file);
  return completion(snap, uri, pos, "en").map((c) => c.label);
}

function insertTexts(file: string, marked: string): string[] {
  const files = { [BASE_URI]: BASE, [DERIVED_URI]: DERIVED, [file]: marked };
  const { snap, uri, pos } = at(files, file);
  return completion(snap, uri, pos, "en").map((c) =>
    c.textEdit && "newText" in c.textEdit ? c.textEdit.newText : c.label,
  );
}

describe("completion", () => {
  it("offers the keywords of the block in both spellings", () => {
    const inRubric = labels(BASE_URI, BASE.replace("  let 执行率", "  |\n  let 执行率"));
    expect(inRubric).toEqual(
      expect.arrayContaining(["input", "输入", "group", "分组", "indicator", "指标", "reweight", "调权"]),
    );
    expect(inRubric).not.toContain("given");
    const inIndicator = labels(
      BASE_URI,
      BASE.replace('      note "采购执行情况"', '      note "采购执行情况"\n      |'),
    );
    expect(inIndicator).toEqual(
      expect.arrayContaining(["part", "得分项", "score", "得分", "veto", "否决", "exempt", "免评", "let", "令"]),
    );
    expect(inIndicator).not.toContain("input");
    const atTop = labels(DERIVED_URI, `${DERIVED}\n|`);
    expect(atTop).toEqual(expect.arrayContaining(["rubric", "评分表", "example", "案例"]));
  });

  it("offers inputs, lets, enum members and built-in functions in an expression", () => {
    const l = labels(BASE_URI, BASE.replace("part 政策 2 = judged", "part 政策 2 = |"));
    expect(l).toEqual(
      expect.arrayContaining([
        "计划金额",
        "实际金额",
        "满意度",
        "执行率",
        "按规定公开",
        "min",
        "最小值",
        "mean",
        "平均值",
        "if",
        "如果",
        "bands",
        "分档",
        "judged",
        "酌情",
      ]),
    );
    expect(l).not.toContain("group");
  });

  it("offers the rule words of achievement ratios and step deductions, and the pair type", () => {
    const l = labels(BASE_URI, BASE.replace("part 政策 2 = judged", "part 政策 2 = |"));
    expect(l).toEqual(expect.arrayContaining(["achievement", "完成比", "deduct", "扣", "每满", "每起", "按比例"]));
    const afterSubject = labels(BASE_URI, BASE.replace("part 政策 2 = judged", "part 政策 2 = achievement 实际金额 |"));
    expect(afterSubject).toEqual(
      expect.arrayContaining(["against", "对比", "higher-better", "正向", "lower-better", "反向"]),
    );
    const types = labels("file:///t.rubric", "rubric R {\n  input 人次: |\n}\n");
    expect(types).toEqual(expect.arrayContaining(["target", "目标", "count", "计数"]));
  });

  it("offers an indicator's own lets", () => {
    const src = `rubric R {\n  input a: ratio\n  group g 1 { indicator i 1 {\n    let 比 = a * 2\n    score = |\n  } }\n}\n`;
    expect(labels("file:///l.rubric", src)).toEqual(expect.arrayContaining(["比", "a"]));
  });

  it("offers the enum's members inside tiers", () => {
    const l = labels(BASE_URI, BASE.replace("按规定公开 -> 2; 未公开 -> 0 }", "按规定公开 -> 2; | }"));
    expect(l.slice(0, 2)).toEqual(["按规定公开", "未公开"]);
  });

  it("offers units after a number", () => {
    const units = labels(DERIVED_URI, DERIVED.replace("计划金额 = 100", "计划金额 = 100|"));
    expect(units.slice(0, 4)).toEqual(["万元", "wanyuan", "元", "yuan"]);
    expect(units).toContain("%");
    expect(units).toContain("分");
    expect(labels(BASE_URI, BASE.replace("[80%, 90%)", "[80|, 90%)"))).toEqual(units);
  });

  it("offers the inputs in given, and an enum input's members after =", () => {
    const names = labels(DERIVED_URI, DERIVED.replace("    满意度 = 95%\n", "    满意度 = 95%\n    |\n"));
    expect(names).toEqual(["计划金额", "实际金额", "满意度", "公开情况"]);
    expect(labels(DERIVED_URI, DERIVED.replace("公开情况 = 按规定公开", "公开情况 = |"))).toEqual([
      "按规定公开",
      "未公开",
    ]);
  });

  it("offers indicator paths in judge, override and expect lines", () => {
    const expectLine = insertTexts(
      DERIVED_URI,
      DERIVED.replace("  expect total = 9.98", "  expect |\n  expect total = 9.98"),
    );
    expect(expectLine).toEqual(
      expect.arrayContaining(["total", "总分", "grade", "等级", "管理", "采购", "信息公开", "满意"]),
    );
    const judge = labels(DERIVED_URI, DERIVED.replace("judge rest full", "judge 政|"));
    expect(judge).toEqual(expect.arrayContaining(["政策", "执行"]));
    // After a dot: the children of the node named so far.
    expect(labels(DERIVED_URI, DERIVED.replace("expect 采购 = 3.98", "expect 管理.| = 3.98"))).toEqual([
      "采购",
      "信息公开",
    ]);
  });

  it("offers paths in modification statements and children in reweight blocks", () => {
    const rm = insertTexts(
      DERIVED_URI,
      DERIVED.replace("  rename 管理.公开性 to 信息公开", "  rename 管理.公开性 to 信息公开\n  remove |"),
    );
    expect(rm).toEqual(expect.arrayContaining(["管理", "效果", "采购", "满意"]));
    const rw = labels(
      DERIVED_URI,
      DERIVED.replace(
        "  rename 管理.公开性 to 信息公开",
        "  rename 管理.公开性 to 信息公开\n  reweight 管理 6 {\n    |\n  }",
      ),
    );
    expect(rw).toEqual(["采购", "信息公开"]);
    const nested = labels(
      DERIVED_URI,
      DERIVED.replace(
        "  rename 管理.公开性 to 信息公开",
        "  rename 管理.公开性 to 信息公开\n  reweight 管理 6 { 采购 4 { | } }",
      ),
    );
    expect(nested).toEqual(["执行", "政策"]);
  });

  it("offers types and enums after the colon of an input", () => {
    const l = labels(BASE_URI, BASE.replace("input 满意度: ratio", "input 满意度: |"));
    expect(l).toEqual(expect.arrayContaining(["money", "金额", "ratio", "比率", "count", "计数", "公开"]));
  });

  it("never throws on a broken document", () => {
    for (const text of [
      "rubric {|",
      "|",
      'example "x" for { given { a = | ',
      "rubric R { group g 1 { indicator i 1 { score = bands x { >= |",
    ]) {
      expect(() => labels("file:///broken.rubric", text)).not.toThrow();
    }
  });
});

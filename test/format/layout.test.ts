/** The canonical layout, construct by construct. */
import { describe, expect, it } from "vitest";
import { formatRubric, RubricSyntaxError } from "../../src/format/format.js";
import { meaningOf } from "../../src/format/same-meaning.js";
import { fmt1 } from "./helpers.js";

/** A rubric around `body` (two-space indented in the canonical form). */
const wrap = (body: string): string => `rubric T {\n${body}\n}\n`;

async function same(text: string, printWidth?: number): Promise<string> {
  const out = await fmt1(text, printWidth);
  expect(meaningOf(out)).toBe(meaningOf(text));
  expect(await fmt1(out, printWidth)).toBe(out);
  return out;
}

describe("layout", () => {
  it("indents by two spaces, one statement per line, `{ … }` blocks", async () => {
    const out = await same("rubric T{total 1;group a 1{indicator b 1{score=judged}}}");
    expect(out).toBe(wrap("  total 1\n  group a 1 {\n    indicator b 1 {\n      score = judged\n    }\n  }"));
  });

  it("keeps keywords in the author's spelling, English or Chinese, never translating", async () => {
    const text =
      "评分表 甲 {\n  总分 1\n  grade { 优 >= 1; 差 else }\n  input x: percent\n  分组 a 1 { indicator b 1 { 得分 = if x > 0 then 1 otherwise 0 } }\n}\n";
    const out = await same(text);
    for (const w of [
      "评分表",
      "总分",
      "grade {",
      "差 else",
      "percent",
      "分组 a",
      "indicator b",
      "得分 =",
      "otherwise 0",
    ])
      expect(out).toContain(w);
  });

  it("keeps strings verbatim: escapes, line breaks, “…” quotes", async () => {
    const body =
      '  group a 1 {\n    indicator b 1 {\n      note "一\\t二\\"三\\\\\n第二行  有空格"\n      standard “不转义 \\n”\n      score = judged\n    }\n  }';
    expect(await same(wrap(body))).toBe(wrap(body));
  });

  it("keeps numbers as written and units beside them", async () => {
    const out = await same(wrap("  input m: money(万元) >= 0.50\n  let a = 311.630万元+ 2 %\n  let b = 6 分 + 1 pts"));
    expect(out).toContain("money(万元) >= 0.50");
    expect(out).toContain("let a = 311.630万元 + 2%");
    expect(out).toContain("let b = 6分 + 1 pts");
  });

  it("normalises spacing around operators and keeps their spelling", async () => {
    const out = await same(
      wrap("  let a = x+y*-z/2\n  let b = not(x>=1)and y≠2 or x×y÷2>=3\n  let c = each q in 1..4:f(q,  2)[1].名称"),
    );
    expect(out).toContain("let a = x + y * -z / 2");
    expect(out).toContain("let b = not (x >= 1) and y ≠ 2 or x × y ÷ 2 >= 3");
    expect(out).toContain("let c = each q in 1..4: f(q, 2)[1].名称");
  });

  it("keeps the author's parentheses, even redundant ones, but only one pair", async () => {
    const out = await same(wrap("  let a = (x + y) * z\n  let b = x + (y * z)\n  let c = ((x))\n  let d = ((x + y))"));
    expect(out).toContain("let a = (x + y) * z");
    expect(out).toContain("let b = x + (y * z)");
    expect(out).toContain("let c = ((x))");
    expect(out).toContain("let d = (x + y)");
  });

  it("gives full-width punctuation no extra space", async () => {
    const out = await same(
      "评分表 甲 {\n  输入 x：金额（万元） ≥ 0\n  枚举 e { 甲，乙、丙 }\n  令 y = 最小值（x，1万元）\n}\n",
    );
    expect(out).toContain("输入 x：金额（万元） ≥ 0");
    expect(out).toContain("枚举 e { 甲，乙，丙 }");
    expect(out).toContain("令 y = 最小值（x，1万元）");
  });

  it("puts short band, tier and grade lists on one line and long ones one arm per line", async () => {
    const text = wrap(
      "  grades {优>=90;差 otherwise}\n  input x: ratio\n  let s = bands x {>=95%->6;[90%,95%)->4;otherwise->0}\n  let t = tiers e {甲->1;otherwise->0}",
    );
    const wide = await same(text);
    expect(wide).toContain("grades { 优 >= 90; 差 otherwise }");
    expect(wide).toContain("let s = bands x { >= 95% -> 6; [90%, 95%) -> 4; otherwise -> 0 }");
    expect(wide).toContain("let t = tiers e { 甲 -> 1; otherwise -> 0 }");
    const narrow = await same(text, 30);
    // Band arms keep their `;` when broken (`-> 6⏎< 5%` would read as a comparison); the others drop it.
    expect(narrow).toContain("  let s = bands x {\n    >= 95% -> 6;\n    [90%, 95%) -> 4;\n    otherwise -> 0\n  }");
    expect(narrow).toContain("  grades {\n    优 >= 90\n    差 otherwise\n  }");
  });

  it("keeps a given, checklist or reweight block on one line if written so, and expanded if written so", async () => {
    const text = wrap(
      '  reweight a 2 { b 1; c 1 }\n  reweight d 2 {\n    e 1; f 1 }\n  example "x" { given { a = 1; b = 2 } }',
    );
    const out = await same(text);
    expect(out).toContain("reweight a 2 { b 1; c 1 }");
    expect(out).toContain("reweight d 2 {\n    e 1\n    f 1\n  }");
    expect(out).toContain("given { a = 1; b = 2 }");
  });

  it("breaks a long rule after `=` or inside its own brackets", async () => {
    const out = await same(
      wrap("  let 执行率得分 = if 实际采购金额 > 采购计划金额 then 0 else 实际采购金额 / 采购计划金额"),
      60,
    );
    expect(out).toBe(
      wrap("  let 执行率得分 = if 实际采购金额 > 采购计划金额 then 0\n    else 实际采购金额 / 采购计划金额"),
    );
  });

  it("keeps at most one blank line between statements and none at the edges of a block", async () => {
    const out = await same('\n\nrubric T {\n\n  total 1\n\n\n\n  year 2023\n  locality "x"\n\n}\n\n\n');
    expect(out).toBe(wrap('  total 1\n\n  year 2023\n  locality "x"'));
  });

  it("keeps CRLF line ends (see line-endings.test.ts) and turns an empty file into an empty one", async () => {
    expect(await formatRubric("rubric T {\r\n  total 1\r\n}\r\n")).toBe(wrap("  total 1").replace(/\n/g, "\r\n"));
    expect(await formatRubric("")).toBe("");
  });
  it("lays out verdicts, scales and judged deductions: arms on one line while they fit, else one per line; spellings kept", async () => {
    const short = wrap("  scale 四档 { 优 -> 100%; 良 -> 80%; 中 -> 60%; 差 -> 0 }");
    expect(await same(short)).toBe(short);
    const zh = wrap("  group g 1 {\n    indicator i 1 {\n      得分 = 酌情 按 结论 档次 定性三档\n    }\n  }");
    expect(await same(zh)).toBe(zh);
    const out = await same(
      "rubric T { group g 9 { indicator 项目实施与管理的规范程度 9 { score = judged by 项目实施结论 { 达成 -> [80%, 100%]; 部分达成 -> [50%, 80%); 未达成 -> [0, 50%) } } } }",
    );
    expect(out).toContain(
      "score = judged by 项目实施结论 {\n        达成 -> [80%, 100%]\n        部分达成 -> [50%, 80%)\n        未达成 -> [0, 50%)\n      }",
    );
    const ded = await same("rubric T { group g 1 { indicator i 1 { part a 1 = 酌情扣 [0.5,1] 当 x } } }");
    expect(ded).toContain("part a 1 = 酌情扣 [0.5, 1] 当 x");
    expect(
      await same("rubric T { group g 1 { indicator i 1 { part a 1 = deduct judged in [0.5, 1] when x } } }"),
    ).toContain("deduct judged in [0.5, 1] when x");
  });
});

describe("syntax errors", () => {
  it("refuses a file with syntax errors, naming file:line:col", async () => {
    const text = "rubric T {\n  total 1\n  input x bool\n}\n";
    await expect(formatRubric(text, { file: "a.rubric" })).rejects.toThrow(/a\.rubric:3:11: syntax-error/);
    await expect(formatRubric(text, { file: "a.rubric" })).rejects.toBeInstanceOf(RubricSyntaxError);
    await expect(fmt1("rubric T { ((((( }")).rejects.toThrow(/refusing to format/);
  });
});

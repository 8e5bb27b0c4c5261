/**
 * Comments: every one kept, in place. A comment at the end of a statement's
 * line stays there (aligned with its neighbours'); comments between
 * statements stay between them; and a comment put anywhere at all, even in
 * the middle of an expression, survives one formatting that settles.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { tokenize } from "../../src/compiler/syntax/tokens.js";
import { commentsKept, meaningOf } from "../../src/format/same-meaning.js";
import { fmt1 } from "./helpers.js";

async function settled(text: string): Promise<string> {
  const out = await fmt1(text);
  expect(meaningOf(out)).toBe(meaningOf(text));
  expect(commentsKept(text, out)).toBe(true);
  expect(await fmt1(out)).toBe(out);
  return out;
}

describe("comments in place", () => {
  it("keeps comments between statements, with the blank lines around them", async () => {
    const text =
      "// file header\n\nrubric T {\n  // before total\n  total 1\n\n  // between\n\n  year 2023\n  // at the end of the block\n}\n// at the end of the file\n";
    expect(await settled(text)).toBe(text);
  });

  it("keeps a comment at the end of a line there, aligning consecutive ones", async () => {
    const text =
      "rubric T {\n  input 预算编制不符合项数: count // 一\n  input 甲: count  // 二\n  input 乙: bool\n\n  input 丙丙丙丙丙丙丙丙: bool // 三\n}\n";
    expect(await settled(text)).toBe(
      // A CJK character is two columns wide: `input 预算编制不符合项数: count` is 31, `input 甲: count` 15.
      `rubric T {\n  input 预算编制不符合项数: count // 一\n  input 甲: count${" ".repeat(17)}// 二\n  input 乙: bool\n\n  input 丙丙丙丙丙丙丙丙: bool // 三\n}\n`,
    );
  });

  it("keeps the comment after an opening brace on that line", async () => {
    const text = "rubric T {\n  group 甲 20 { // !weight-sum\n    indicator 一 10 { score = judged }\n  }\n}\n";
    expect(await settled(text)).toContain("  group 甲 20 { // !weight-sum\n    indicator 一 10 {");
    const given = 'example "e" for T {\n  given { // 事实\n    a = 1\n  }\n  expect total = 1 // 合计\n}\n';
    expect(await settled(given)).toBe(given);
  });

  it("keeps a comment inside an empty block inside it", async () => {
    expect(await settled("rubric T {\n  group a 1 { // 待补\n  }\n}\n")).toBe(
      "rubric T {\n  group a 1 {\n    // 待补\n  }\n}\n",
    );
    expect(await settled("rubric T { /* 空 */ }\n")).toBe("rubric T {\n  /* 空 */\n}\n");
  });

  it("keeps block comments inline and a file of comments only", async () => {
    expect(await settled("rubric T { total /* 分 */ 100 }\n")).toContain("total /* 分 */ 100");
    expect(await settled("// 只有注释\n/* 还有这个 */\n")).toBe("// 只有注释\n/* 还有这个 */\n");
  });

  it("keeps a comment on its own line before `then` or `else` there, and one inside a header in the header", async () => {
    const text =
      "rubric T {\n  input x: ratio\n  let a = if x > 1 // 太大\n    then 0\n    // 否则按比例\n    else x\n}\n";
    expect(await settled(text)).toBe(text);
    expect(
      await settled("rubric T {\n  group 甲 /* 一级 */ 20 { // 说明\n    indicator 一 20 { score = judged }\n  }\n}\n"),
    ).toContain("  group 甲 /* 一级 */ 20 { // 说明\n");
  });

  it("moves a `//` comment written where no line can break to the end of the line", async () => {
    expect(await settled("rubric T {\n  input x: // 比率\n    ratio\n  let y = x.// 字段\n名称\n}\n")).toBe(
      "rubric T {\n  input x: ratio // 比率\n  let y = x.名称 // 字段\n}\n",
    );
  });

  it("keeps comments in band arms and array elements on their lines", async () => {
    const text =
      "rubric T {\n  input x: ratio\n  let s = bands x {\n    >= 90% -> 1; // 优\n    otherwise -> 0 // 其余\n  }\n  let a = [\n    1, // 一\n    2\n  ]\n}\n";
    expect(await settled(text)).toBe(text);
  });

  for (const fixture of ["test/fixtures/good/chinese-fullwidth.rubric", "test/fixtures/format/messy.rubric"]) {
    for (const [kind, comment] of [
      ["line", (i: number) => `// c${i}\n`],
      ["end-of-line", (i: number) => ` // c${i}\n`],
      ["own-line", (i: number) => `\n// c${i}\n`],
      ["block", (i: number) => `/* c${i} */`],
      ["own-line block", (i: number) => `\n/* c${i} */\n`],
    ] as const) {
      it(`survives a ${kind} comment before any token of ${fixture}`, async () => {
        const text = readFileSync(fixture, "utf8");
        const tokens = tokenize(text).tokens;
        let tried = 0;
        for (let i = 0; i < tokens.length; i += fixture.includes("messy") ? 11 : 2) {
          const at = (tokens[i] as { startOffset: number }).startOffset;
          const input = text.slice(0, at) + comment(i) + text.slice(at);
          // Newlines matter in two places (`(` and `[` continue an expression only on the same line).
          if (meaningOf(input) === undefined) continue;
          tried++;
          const out = await fmt1(input);
          expect(out.split(`c${i}`).length, `${kind} comment before token ${i}`).toBe(2);
          expect(meaningOf(out)).toBe(meaningOf(input));
          expect(await fmt1(out), `${kind} comment before token ${i}: a second pass changes nothing`).toBe(out);
        }
        expect(tried).toBeGreaterThan(50);
      });
    }
  }
});

/**
 * Formatting step deductions and achievement ratios: words and operands in
 * the order and spellings written, one space apart; a `//` comment inside
 * keeps its line break, so a block comment after it stays after it.
 */
import { describe, expect, it } from "vitest";
import { commentsKept } from "../../src/format/same-meaning.js";
import { fmt1 } from "./helpers.js";

const wrap = (rule: string): string =>
  `rubric R {\n  total 8\n  input 执行率: ratio in [0, 200%]\n  input 人次: target count\n  group g 8 {\n    indicator i 8 {\n      score = ${rule}\n    }\n  }\n}\n`;

describe("formatting rule phrases", () => {
  it.each([
    [
      "deduct  2 per   whole 5%  of 执行率 under 100%   at most 8",
      "deduct 2 per whole 5% of 执行率 under 100% at most 8",
    ],
    ["按 执行率 低于 100%   每满 5% 扣 2  至多 8", "按 执行率 低于 100% 每满 5% 扣 2 至多 8"],
    ["扣 1 按比例 每 3%  按 执行率 偏离 10%", "扣 1 按比例 每 3% 按 执行率 偏离 10%"],
    ["完成比   人次 正向 当 0 ->   满分", "完成比 人次 正向 当 0 -> 满分"],
    [
      "achievement 人次.实际 against (人次.目标) higher-better when 0 -> 2分",
      "achievement 人次.实际 against (人次.目标) higher-better when 0 -> 2分",
    ],
  ])("%s", async (rule, expected) => {
    const out = await fmt1(wrap(rule));
    expect(out).toBe(wrap(expected));
    expect(await fmt1(out)).toBe(out);
  });

  it("a // comment inside keeps its line break and the comments keep their order", async () => {
    const text = wrap("deduct 2 per whole 5% // 每档\n        of 执行率 under 100% /* 上限 */ at most 8");
    const out = await fmt1(text);
    expect(out).toBe(text);
    expect(commentsKept(text, out)).toBe(true);
    const narrow = await fmt1(text, 40);
    expect(commentsKept(text, narrow)).toBe(true);
    expect(await fmt1(narrow, 40)).toBe(narrow);
  });
});

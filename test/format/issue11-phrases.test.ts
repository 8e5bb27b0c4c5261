/**
 * Formatting the rule kinds of issue 11 written as statements: words and
 * operands in the order and spellings written, one space apart, idempotent.
 */
import { describe, expect, it } from "vitest";
import { fmt1 } from "./helpers.js";

const rubric = (line: string): string =>
  `rubric R {\n  total 10\n  grades { 优 >= 9; 良 >= 8; 差 otherwise }\n  input 通报: bool\n  ${line}\n  group g 10 {\n    indicator i 10 {\n      score = if 通报 then 9 else 10\n    }\n  }\n}\n`;

describe("formatting grade caps", () => {
  it.each([
    ["grade   at most 良   when  通报", "grade at most 良 when 通报"],
    ['等级  至多 良 当 通报   理由 "一票否优"', '等级 至多 良 当 通报 理由 "一票否优"'],
    ['grades most 良 when not 通报 because  "x"', 'grades most 良 when not 通报 because "x"'],
  ])("%s", async (line, expected) => {
    const out = await fmt1(rubric(line));
    expect(out).toBe(rubric(expected));
    expect(await fmt1(out)).toBe(out);
  });
});

describe("formatting scaled groups", () => {
  const scaled = (head: string): string =>
    `rubric R {\n  total 10\n  ${head} {\n    indicator i 100 {\n      score = judged\n    }\n  }\n}\n`;
  it.each([
    ["group g 10   折算  100", "group g 10 折算 100"],
    ["group g 10分 scaled   from 100分", "group g 10分 scaled from 100分"],
    ["group g 10 scaled 100", "group g 10 scaled 100"],
  ])("%s", async (head, expected) => {
    const out = await fmt1(scaled(head));
    expect(out).toBe(scaled(expected));
    expect(await fmt1(out)).toBe(out);
  });
});

describe("formatting bonuses and penalties", () => {
  const ind = (line: string): string =>
    `rubric R {\n  total 10\n  input n: count\n  group g 10 {\n    indicator i 10 {\n      score = 10\n      ${line}\n    }\n  }\n}\n`;
  it.each([
    ["bonus   up  to 0.5 =   0.05分 * n", "bonus up to 0.5 = 0.05分 * n"],
    ["加分 至多 0.5分 = 0.1分*n", "加分 至多 0.5分 = 0.1分 * n"],
    ["penalty at  most 2 = 0.1分 * n", "penalty at most 2 = 0.1分 * n"],
    ["减分 至多 1 = n > 3", "减分 至多 1 = n > 3"],
  ])("%s", async (line, expected) => {
    const out = await fmt1(ind(line));
    expect(out).toBe(ind(expected));
    expect(await fmt1(out)).toBe(out);
  });
});

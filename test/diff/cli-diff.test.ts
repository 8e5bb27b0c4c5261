/**
 * `rubric diff` and `rubric import` as a user runs them (in-process): the
 * 大鹏 2021 → 罗湖 2023 comparison with the three Shenzhen seed departments
 * re-scored under both rubrics, in text, Markdown and HTML; exit codes and
 * messages for bad usage.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { mainAsync } from "../../src/cli/main.js";

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await mainAsync(argv, { out: (s) => out.push(s), err: (s) => err.push(s), color: false });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const tmp = mkdtempSync(join(tmpdir(), "rubric-diff-"));
const DAPENG = "rubrics/dapeng-zsj-2021.rubric";
const LUOHU = "rubrics/luohu-zsj-2023.rubric";

describe("rubric diff 大鹏 2021 → 罗湖 2023", () => {
  it("lists the weight changes and re-scores the three seed departments under both rubrics", async () => {
    const r = await run("diff", DAPENG, LUOHU, "--inputs", "rubrics/inputs/seeds.csv");
    expect(r.code).toBe(0);
    expect(r.err).toBe("");
    for (const line of [
      "评分表对比：大鹏新区政数局 2021 → 罗湖区政数局 2023",
      "  部门决策 25 → 20",
      "  部门决策.目标设置 15 → 10",
      "  部门决策.目标设置.绩效目标完整性 8 → 3",
      "  部门绩效 55 → 60",
      "  部门绩效.效果性 20 → 25",
      "  reweight 部门决策 20 { 目标设置 10 { 绩效目标完整性 3 } }",
      // Each department's own rubric gives its report's total: 大鹏 93.76 under the 2021 form, 罗湖 97.11 under 2023.
      // 大鹏 under 2023: 绩效目标完整性 is worth 3, not 8 (−5); its judged 综合效益 18 stays 18 of now 25 points.
      "  大鹏新区政数局 2021：总分 93.76 → 88.76（等级 优 → 良）",
      "  罗湖区政数局 2023：总分 97.11 → 97.11（等级 优 → 优）",
      // 盐田 (94.91 under its own 10 = 5 + 5 split) under both: 绩效目标完整性 8 or 3 for its 5, 综合效益 judged full.
      "  盐田区委办 2023：总分 92.91 → 92.91（等级 优 → 优）",
      "    部门决策.目标设置.绩效目标完整性 8 → 3；部门绩效.效果性.综合效益 20 → 25",
    ])
      expect(r.out.split("\n")).toContain(line);
    expect(r.out).toContain("符合[-新-]区[-党工委管-]委[-会-]{+、区政府+}方针政策");
  });

  it("finds the rubrics by name with --rubric, and speaks English with --lang en", async () => {
    const r = await run(
      "diff",
      "rubrics",
      "--rubric",
      "大鹏新区政数局 2021",
      "--rubric",
      "罗湖区政数局",
      "--lang",
      "en",
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain("Rubric comparison: 大鹏新区政数局 2021 → 罗湖区政数局 2023");
    expect(r.out).toContain("Points changed\n  部门决策 25 → 20");
  });

  it("writes Markdown (GFM table) and HTML (<del>/<ins>, a table of departments)", async () => {
    const md = join(tmp, "diff.md");
    expect((await run("diff", DAPENG, LUOHU, "--inputs", "rubrics/inputs/seeds.csv", "-o", md)).code).toBe(0);
    const m = readFileSync(md, "utf8");
    expect(m).toContain("## 分值变化\n\n- 部门决策 25 → 20");
    expect(m).toContain("| 大鹏新区政数局 2021 | 93.76 | 88.76 | 优 → 良 | 部门决策.目标设置.绩效目标完整性 8 → 3 |");
    expect(m).toContain("~~新~~");
    const html = join(tmp, "diff.html");
    expect((await run("diff", DAPENG, LUOHU, "--inputs", "rubrics/inputs/seeds.csv", "-o", html)).code).toBe(0);
    const h = readFileSync(html, "utf8");
    expect(h).toMatch(/^<!doctype html>/);
    expect(h).toContain("<li>部门决策 25 → 20</li>");
    expect(h).toContain("<del>新</del>");
    expect(h).toContain('<td>大鹏新区政数局 2021</td><td class="num">93.76</td><td class="num">88.76</td>');
  });

  it("colours deletions and insertions only when asked (a terminal)", async () => {
    const out: string[] = [];
    await mainAsync(["diff", DAPENG, LUOHU], { out: (s) => out.push(s), err: () => {}, color: true });
    expect(out.join("\n")).toContain("\x1b[31m新\x1b[0m");
    expect((await run("diff", DAPENG, LUOHU)).out).not.toContain("\x1b[");
  });

  it("says what is wrong: one rubric, an unknown name, a missing input file", async () => {
    expect((await run("diff", DAPENG)).code).toBe(2);
    const unknown = await run("diff", "rubrics", "--rubric", "大鹏新区政数局 2021", "--rubric", "罗湖区政数据局");
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain("没有评分表「罗湖区政数据局」");
    const missing = await run("diff", DAPENG, LUOHU, "--inputs", "nowhere.csv");
    expect(missing.code).toBe(1);
    expect(missing.err).toBe("找不到输入文件：nowhere.csv");
  });
});

describe("rubric import", () => {
  it("writes a skeleton that checks clean, and says what it recognised", async () => {
    const out = join(tmp, "luohu.rubric");
    const r = await run("import", "test/fixtures/annex/luohu-zsj-2023.csv", "-o", out, "--name", "罗湖导入");
    expect(r.code).toBe(0);
    expect(r.err).toBe(
      "21 个指标，其中 11 个的评分标准已编码为规则，其余为 judged（见 // TODO）\n检查通过（分值之和无误）",
    );
    expect(readFileSync(out, "utf8")).toContain("rubric 罗湖导入 2023 {");
    expect((await run("check", out)).code).toBe(0);
    expect((await run("fmt", "--check", out)).code).toBe(0);
  });
  it("exits 1 naming the place of a bad cell, 2 on bad usage", async () => {
    const r = await run("import", "rubrics/inputs/seeds.csv", "--lang", "en");
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^seeds\.csv: no header row found/);
    expect((await run("import")).code).toBe(2);
    const missing = await run("import", "nowhere.xlsx");
    expect([missing.code, missing.err]).toEqual([1, "找不到文件：nowhere.xlsx"]);
  });
});

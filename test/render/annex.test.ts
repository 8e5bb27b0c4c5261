/**
 * `rubric render`: the 评分表 and the three Shenzhen score reports (seeds
 * 001–003) as XLSX and Markdown, read back as a user's program would.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { analyzeProgram } from "../../src/compiler/program.js";
import { runExample } from "../../src/compiler/examples/run.js";
import { cli, SHENZHEN } from "./helpers.js";

const tmp = mkdtempSync(join(tmpdir(), "rubric-render-"));

type Cell = string | number | null;

async function readSheet(file: string): Promise<{ rows: Cell[][]; merges: string[] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0];
  if (!ws) throw new Error("no sheet");
  const rows: Cell[][] = [];
  ws.eachRow({ includeEmpty: true }, (row) => {
    const cells: Cell[] = [];
    for (let c = 1; c <= ws.columnCount; c++) {
      const v = row.getCell(c).value;
      cells.push(v === null || v === undefined ? null : typeof v === "number" ? v : String(v));
    }
    rows.push(cells);
  });
  return { rows, merges: (ws.model as { merges: string[] }).merges };
}

/** What the example expects: score by indicator name (the last part of its path), total and grade. */
function expectations(file: string, title: string): { scores: Map<string, string>; total: string; grade: string } {
  const program = analyzeProgram([
    { file, text: readFileSync(file, "utf8") },
    { file: "rubrics/shenzhen-common-2023.rubric", text: readFileSync("rubrics/shenzhen-common-2023.rubric", "utf8") },
  ]);
  const ex = program.examples.find((e) => e.title === title);
  if (!ex) throw new Error(`no example ${title}`);
  const scores = new Map<string, string>();
  let total = "";
  let grade = "";
  for (const e of ex.expectations) {
    if (e.kind === "node") scores.set(e.node.path.join("."), e.value.toString());
    else if (e.kind === "total") total = e.value.toString();
    else grade = e.value;
  }
  expect(runExample(ex).pass).toBe(true);
  return { scores, total, grade };
}

describe("rubric render --example: the three Shenzhen score reports match their annexes row for row", () => {
  it.each(SHENZHEN)("$example", async ({ file, example, total }) => {
    const out = join(tmp, `${total}.xlsx`);
    const r = await cli("render", file, "--example", example, "-o", out);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const { rows, merges } = await readSheet(out);
    expect(rows[0]).toEqual(["一级指标", "二级指标", "三级指标", "分值", "指标说明", "评分标准", "得分", "扣分原因"]);
    const want = expectations(file, example);
    const body = rows.slice(1, -1);
    // One row per leaf indicator, each with the annex's score, and nothing else.
    expect(body.length).toBe(want.scores.size);
    let level1 = "";
    let level2 = "";
    const got = new Map<string, string>();
    for (const row of body) {
      level1 = typeof row[0] === "string" ? row[0].replace(/（.*$/, "") : level1;
      level2 = typeof row[1] === "string" ? row[1].replace(/（.*$/, "") : level2;
      expect(typeof row[3]).toBe("number");
      expect(typeof row[6]).toBe("number");
      // An indicator with a title shows it on a second line under its name.
      got.set([level1, level2, String(row[2]).split("\n")[0]].join("."), String(row[6]));
    }
    // exceljs reads merged cells' covered parts as the master's value: compare by path through the first row of each.
    expect(Object.fromEntries(got)).toEqual(Object.fromEntries(want.scores));
    const last = rows[rows.length - 1] ?? [];
    expect(last[0]).toBe("总分");
    expect(last[3]).toBe(100);
    expect(last[4]).toBe(`评价等级：${want.grade}`);
    expect(String(last[6])).toBe(want.total);
    expect(want.total).toBe(total);
    // Groups are merged ranges: three 一级指标 down column A, the 二级指标 down column B, the total across A:C.
    expect(merges.filter((m) => m.startsWith("A")).length).toBe(4);
    expect(merges).toContain(`A${rows.length}:C${rows.length}`);
    expect(merges.filter((m) => /^B\d+:B\d+$/.test(m)).length).toBeGreaterThanOrEqual(8);
  });

  it("大鹏 2021: points and scores in the order of seed 001's annex, groups weighted 25 / 20 / 55", async () => {
    const out = join(tmp, "dapeng.xlsx");
    await cli("render", SHENZHEN[0].file, "--example", SHENZHEN[0].example, "-o", out);
    const { rows } = await readSheet(out);
    const body = rows.slice(1, -1);
    // Copied from the annex of report 001 (参考分值, 得分).
    const seed = [
      [5, 5],
      [5, 5],
      [8, 8],
      [7, 5],
      [2, 2],
      [3, 2],
      [3, 3],
      [2, 2],
      [2, 2],
      [2, 2],
      [1, 1],
      [1, 1],
      [1, 1],
      [3, 3],
      [6, 5],
      [6, 6],
      [8, 8],
      [6, 5.76],
      [20, 18],
      [3, 3],
      [6, 6],
    ];
    expect(body.map((r) => [r[3], r[6]])).toEqual(seed);
    const level1 = body.map((r) => r[0]).filter((x, i, a) => i === 0 || x !== a[i - 1]);
    expect(level1).toEqual(["部门决策（25分）", "部门管理（20分）", "部门绩效（55分）"]);
  });

  it("gives why points were lost: the band with its value, the judgement with its reason", async () => {
    const r = await cli("render", SHENZHEN[1].file, "--example", SHENZHEN[1].example, "--format", "md");
    expect(r.code).toBe(0);
    const line = (name: string) => r.out.split("\n").find((l) => l.includes(`| ${name} |`)) ?? "";
    expect(line("编外人员控制率")).toMatch(/编外比率 = 30\.1886…%，命中分档 &gt; 10% → 0，扣 1 分 \|$/);
    expect(line("绩效指标明确性")).toContain("整体酌情评定 3（报告三（二）1：个别项目的年度目标表述过于简单");
    expect(line("公用经费控制率")).toContain("三公经费（3分）：");
    // Nothing lost, nothing said.
    expect(line("预算编制合理性")).toMatch(/\| 5 \| {2}\|$/);
    const en = await cli(
      "render",
      SHENZHEN[1].file,
      "--example",
      SHENZHEN[1].example,
      "--format",
      "md",
      "--lang",
      "en",
    );
    expect(en.out).toContain(
      "| Level 1 | Level 2 | Level 3 | Points | Description | Scoring standard | Score | Why points were lost |",
    );
    expect(en.out).toMatch(/falls in band &gt; 10% → 0; 1 lost/);
  });
});

describe("rubric render: the 评分表 itself", () => {
  it("renders a rubric that extends another in full, and --changes marks what differs from the base", async () => {
    const r = await cli("render", "rubrics/dapeng-zsj-2021.rubric", "--format", "md", "--changes");
    expect(r.code).toBe(0);
    const lines = r.out.split("\n").filter((l) => l.startsWith("| "));
    expect(lines[0]).toContain("| 较 深圳市部门整体支出绩效评价共性框架 2023 的变动 |");
    expect(lines).toHaveLength(1 + 21 + 1);
    const row = (name: string) => lines.find((l) => l.includes(`| ${name} |`)) ?? "";
    expect(row("预算编制合理性")).toMatch(/部门决策：分值 20 → 25<br>指标说明改写；评分标准改写 \|$/);
    expect(row("绩效目标完整性")).toContain("目标设置：分值 10 → 15<br>分值 3 → 8");
    expect(row("预决算信息公开")).toMatch(/\| 3 \| [^|]+ \| [^|]+ \| {2}\|$/);
    expect(lines.at(-1)).toMatch(/^\| 总分 \| {2}\| {2}\| 100 \|/);
  });

  it("keeps 指标说明 and 评分标准 verbatim with their line breaks; Markdown escapes | and line breaks (GFM)", async () => {
    const file = join(tmp, "pipes.rubric");
    writeFileSync(
      file,
      `rubric 管道 {
  total 10
  input 比率: ratio
  group 甲 10 {
    indicator 乙 10 {
      note "a | b\n第二行"
      standard "≥90% 得 10 分；\n<90% | 得 0 分"
      score = if 比率 >= 90% then 10 else 0
    }
  }
}
`,
    );
    const r = await cli("render", file, "--format", "md");
    expect(r.code).toBe(0);
    const table = r.out.split("\n").filter((l) => l.startsWith("|"));
    const cells = (l: string) => l.split(/(?<!\\)\|/).length;
    expect(table.map(cells)).toEqual(table.map(() => cells(table[0] ?? "")));
    expect(table[2]).toBe("| 甲（10分） | 乙 | 10 | a \\| b<br>第二行 | ≥90% 得 10 分；<br>&lt;90% \\| 得 0 分 |");
    const xlsx = join(tmp, "pipes.xlsx");
    await cli("render", file, "-o", xlsx);
    const { rows } = await readSheet(xlsx);
    expect(rows[1]?.slice(2, 5)).toEqual([10, "a | b\n第二行", "≥90% 得 10 分；\n<90% | 得 0 分"]);
  });

  it("says what is wrong: an unknown example, several rubrics, xlsx to the terminal, --changes without a base", async () => {
    const a = await cli("render", SHENZHEN[0].file, "--example", "没有这个");
    expect(a.code).toBe(1);
    expect(a.err).toContain("中没有案例「没有这个」；现有案例：\n  大鹏新区政数局 2021 年度部门整体支出绩效自评");
    const b = await cli("render", "rubrics");
    expect(b.code).toBe(1);
    expect(b.err).toMatch(/有多个评分表，请用 --rubric 指定/);
    expect((await cli("render", SHENZHEN[0].file, "--format", "xlsx")).code).toBe(2);
    const d = await cli("render", "rubrics/shenzhen-common-2023.rubric", "--changes");
    expect(d.code).toBe(1);
    expect(d.err).toContain("没有 extends 其他评分表");
  });
});

/**
 * `rubric import` on the seed reports' annex tables (001 大鹏 2021, 002 盐田
 * 2023, 003 罗湖 2023; test/fixtures/annex/*.csv, transcribed from the annexes
 * with the bundled rubrics' cleaned texts) as CSV and as XLSX written here
 * with exceljs, merged cells and all. The imported tree, points and scores
 * must be those of the bundled rubrics and their examples (compared as
 * trees, not text), and the skeleton must check clean.
 */
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { analyzeProgram } from "../../src/compiler/program.js";
import { runExample } from "../../src/compiler/examples/run.js";
import type { TreeNode } from "../../src/compiler/model/types.js";
import type { NodeReport } from "../../src/runtime/report.js";
import { importAnnex, type Imported } from "../../src/import/import.js";
import { readCsvGrid } from "../../src/import/table.js";

const fixtures = new URL("../fixtures/annex/", import.meta.url).pathname;
const rubricsDir = new URL("../../rubrics/", import.meta.url).pathname;
const bundled = analyzeProgram(
  readdirSync(rubricsDir)
    .filter((f) => f.endsWith(".rubric"))
    .map((f) => ({ file: f, text: readFileSync(join(rubricsDir, f), "utf8") })),
);
const tmp = mkdtempSync(join(tmpdir(), "rubric-import-"));

/** "一级/二级/三级 points score" lines of a bundled example's report. */
function bundledLines(name: string): string[] {
  const ex = bundled.examples.find((e) => e.rubric?.model.name === name);
  const report = ex ? runExample(ex).result?.report : undefined;
  if (!report) throw new Error(`no example for ${name}`);
  const out: string[] = [];
  const walk = (nodes: readonly NodeReport[], at: string[]): void => {
    for (const n of nodes) {
      if (n.kind === "part") continue;
      const path = [...at, n.title ?? n.name];
      out.push(`${path.join("/")} ${n.points}${n.kind === "indicator" ? ` ${n.score}` : ""}`);
      walk(n.children, path);
    }
  };
  walk(report.tree, []);
  return [...out, `total ${report.total}`];
}

/** The same lines from the imported rubric: its model's tree and its example's expected scores. */
function importedLines(r: Imported): string[] {
  const program = analyzeProgram([{ file: "imported.rubric", text: r.text }]);
  const model = program.rubrics[0]?.model;
  const expected = new Map<unknown, string>();
  let total = "";
  for (const e of program.examples[0]?.expectations ?? []) {
    if (e.kind === "node") expected.set(e.node, e.value.toString());
    if (e.kind === "total") total = e.value.toString();
  }
  const out: string[] = [];
  const walk = (nodes: readonly TreeNode[], at: string[]): void => {
    for (const n of nodes) {
      const path = [...at, n.title ?? n.name];
      out.push(`${path.join("/")} ${n.points.toString()}${n.kind === "indicator" ? ` ${expected.get(n)}` : ""}`);
      if (n.kind === "group") walk(n.children, path);
    }
  };
  walk(model?.groups ?? [], []);
  return [...out, `total ${total}`];
}

/** An XLSX annex as bureaus publish it: header cells merged across and down, group names and points merged down. */
async function writeXlsx(csv: string, out: string): Promise<void> {
  const grid = await readCsvGrid(join(fixtures, csv), csv);
  if ("error" in grid) throw new Error(grid.error.en);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("附件");
  grid.rows.forEach((r) => ws.addRow(r.cells.map((c) => (/^\d+(\.\d+)?$/.test(c.text) ? Number(c.text) : c.text))));
  const multi = grid.rows[0]?.cells[0]?.text === "评价指标";
  const headerRows = multi ? 3 : 1;
  if (multi) for (const m of ["A1:F1", "A2:B2", "C2:D2", "E2:F2", "G1:G3", "H1:H3", "I1:I3"]) ws.mergeCells(m);
  // Group columns: a name or points cell merged down over the empty cells below it, up to the total row.
  const last = grid.rows.length - 1;
  for (let c = 1; c <= 4; c++) {
    let start: number | undefined;
    for (let r = headerRows + 1; r <= last + 1; r++) {
      const filled = r === last + 1 || ws.getCell(r, c).text !== "";
      if (filled) {
        if (start !== undefined && r - 1 > start) ws.mergeCells(start, c, r - 1, c);
        start = r;
      }
    }
  }
  await wb.xlsx.writeFile(out);
}

const cases = [
  ["dapeng-zsj-2021", "大鹏新区政数局"],
  ["luohu-zsj-2023", "罗湖区政数局"],
  ["yantian-qwb-2023", "盐田区委办"],
] as const;

/** 002's annex misspells two group names (see the header of rubrics/yantian-qwb-2023.rubric); everything else is the same. */
const typos = (lines: string[], name: string): string[] =>
  name === "盐田区委办" ? lines.map((l) => l.replace(/^部门决策/, "部门决算").replace("/经济性", "/经济型")) : lines;

describe("rubric import of the seed annexes", () => {
  it.each(cases)("%s.csv gives the bundled tree, points and scores, and checks clean", async (file, name) => {
    const r = await importAnnex(join(fixtures, `${file}.csv`));
    if ("error" in r) throw new Error(r.error.en);
    expect(importedLines(r)).toEqual(typos(bundledLines(name), name));
    expect(r.sums).toEqual([]);
    expect(r.diagnostics.map((d) => `${d.code}: ${d.message.en}`)).toEqual([]);
  });

  it.each(cases)("%s.xlsx (merged cells) gives the same as the CSV", async (file, name) => {
    const path = join(tmp, `${file}.xlsx`);
    await writeXlsx(`${file}.csv`, path);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    expect(
      Object.keys((wb.worksheets[0]?.model as unknown as { merges: string[] }).merges ?? {}).length,
    ).toBeGreaterThan(5);
    const r = await importAnnex(path);
    if ("error" in r) throw new Error(r.error.en);
    expect(importedLines(r)).toEqual(typos(bundledLines(name), name));
    expect(r.diagnostics).toEqual([]);
  });

  it("reads the notes and standards verbatim, line breaks kept", async () => {
    const r = await importAnnex(join(fixtures, "luohu-zsj-2023.csv"));
    if ("error" in r) throw new Error(r.error.en);
    const imported = analyzeProgram([{ file: "i.rubric", text: r.text }]).rubrics[0]?.model;
    const base = bundled.rubrics.find((x) => x.model.name === "罗湖区政数局")?.model;
    const texts = (g: readonly TreeNode[] | undefined): string[] =>
      (g ?? []).flatMap((n) => (n.kind === "group" ? texts(n.children) : [`${n.note}|${n.standard}`]));
    expect(texts(imported?.groups)).toEqual(texts(base?.groups));
  });

  it("encodes the unambiguous standards as rules and quotes the rest in TODO comments", async () => {
    const r = await importAnnex(join(fixtures, "luohu-zsj-2023.csv"));
    if ("error" in r) throw new Error(r.error.en);
    expect(r.text).toContain("score = deduct 1 per 预算编制规范性扣分项数");
    expect(r.text).toContain("score = bands 满意度 { >= 95% -> 6; [90%, 95%) -> 4; [80%, 90%) -> 2; < 80% -> 1 }");
    expect(r.text).toContain("part 资金调整调剂规范性 1 = deduct 0.1 per 1% of");
    expect(r.text).toMatch(/\/\/ TODO 待编码：“根据部门（单位）职责[^\n]*酌情扣分”\n\s*score = judged/);
    expect(r.text).toContain("expect total = 97.11");
  });
});

describe("the render layout (one 分值 column, 得分 and 扣分原因)", () => {
  it("takes the groups' points from their rows' sums, and a reason into the example", async () => {
    const csv = join(tmp, "render-layout.csv");
    const rows = [
      "一级指标,二级指标,三级指标,分值,指标说明,评分标准,得分,扣分原因",
      '部门决策,预算编制,预算编制规范性,5,说明甲,"1. 符合要求（5分）；\n2. 发现一项不符合的扣1分，扣完为止。",4,发现一项不符合',
      ",,预算编制合理性,5,说明乙,酌情评分,5,",
      ",目标设置,绩效目标完整性,3,说明丙,一项扣1分，扣完为止,3,",
      "部门绩效,效果性,满意度,6,,满意度≥95%的，得6分；满意度<95%的，得0分,6,",
      "合计,,,19,,,18,",
    ];
    (await import("node:fs")).writeFileSync(csv, rows.join("\n"));
    const r = await importAnnex(csv, { name: "渲染版", year: 2024 });
    if ("error" in r) throw new Error(r.error.en);
    expect(r.text).toContain("rubric 渲染版 2024 {");
    expect(r.text).toContain("group 部门决策 13 {");
    expect(r.text).toContain("judge 预算编制合理性 = 5");
    expect(r.text).toContain("score = bands 满意度 { >= 95% -> 6; < 95% -> 0 }");
    expect(r.diagnostics).toEqual([]);
    expect(r.sums).toEqual([]);
  });
});

describe("bad annexes", () => {
  it("names the sheet, row and column of a points cell that is not a number", async () => {
    const path = join(tmp, "bad-points.xlsx");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("评分表");
    ws.addRow(["附件：评分表"]);
    ws.addRow(["一级指标", "分值", "二级指标", "分值", "指标说明"]);
    ws.addRow(["部门决策", 20, "预算编制", "五分", "…"]);
    await wb.xlsx.writeFile(path);
    const r = await importAnnex(path);
    expect(r).toEqual({
      error: {
        zh: "工作表「评分表」第 3 行 D 列（二级指标分值）：「五分」不是数字",
        en: "sheet '评分表' row 3 column D (二级指标分值): '五分' is not a number",
      },
    });
  });
  it("says when no header row is found", async () => {
    const path = join(tmp, "not-annex.csv");
    (await import("node:fs")).writeFileSync(path, "部门,得分\n某局,93\n");
    const r = await importAnnex(path);
    expect("error" in r && r.error.en).toMatch(/^not-annex\.csv: no header row found/);
  });
  it("names the row whose points break a sum, and the total row", async () => {
    const path = join(tmp, "bad-sum.csv");
    (await import("node:fs")).writeFileSync(
      path,
      "一级指标,分值,二级指标,分值\n部门决策,20,预算编制,5\n,,目标设置,10\n部门绩效,75,效果性,75\n总分,100,,\n",
    );
    const r = await importAnnex(path);
    if ("error" in r) throw new Error(r.error.en);
    expect(r.sums.map((s) => s.zh)).toEqual([
      "bad-sum.csv 第 2 行第 1 列：「部门决策」的分值为 20，其下各项之和为 15（预算编制 5 + 目标设置 10）",
      "bad-sum.csv 第 5 行第 1 列：总分为 100，各一级指标之和为 95",
    ]);
  });
});

/**
 * `rubric score`, run in-process: the three seed departments reproduce their
 * reports' totals from the input files kept in rubrics/inputs/, through every
 * input and output format; bad rows are reported and do not stop the others.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { readCsv } from "../../src/cli/batch/csv-read.js";
import { SMALL, score } from "./helpers.js";

const SEEDS = [
  ["dapeng-zsj-2021", "大鹏新区政数局 2021", "93.76"],
  ["luohu-zsj-2023", "罗湖区政数局 2023", "97.11"],
  ["yantian-qwb-2023", "盐田区委办 2023", "94.91"],
] as const;

const tmp = mkdtempSync(join(tmpdir(), "rubric-score-"));

async function csvRows(text: string): Promise<string[][]> {
  const out: string[][] = [];
  for await (const r of readCsv([new TextEncoder().encode(text)])) out.push(r.cells);
  return out;
}

/** Column `name` of CSV output, by row. */
async function column(text: string, name: string): Promise<string[]> {
  const [head, ...rows] = await csvRows(text);
  const i = head?.indexOf(name) ?? -1;
  return rows.map((r) => r[i] ?? "");
}

describe("the seed departments", () => {
  it.each(SEEDS)("%s.json scores %s → %s with its own rubric file", async (file, _name, total) => {
    const r = await score(`rubrics/${file}.rubric`, `rubrics/inputs/${file}.json`);
    expect(r.err).toContain("1 row: 1 scored, 0 failed");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(new RegExp(`${total.replace(".", "\\.")}\\s+优`));
  });

  it.each(SEEDS)("%s.json gives the full report with --format json", async (file, name, total) => {
    const r = await score("rubrics", `rubrics/inputs/${file}.json`, "--format", "json");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as {
      rubric: string;
      year: number;
      total: string;
      grade: string;
      tree: unknown[];
      errors: unknown[];
    };
    expect(`${report.rubric} ${report.year}`).toBe(name);
    expect(report.total).toBe(total);
    expect(report.grade).toBe("优");
    expect(report.errors).toEqual([]);
    expect(report.tree.length).toBe(3);
  });

  it("seeds.csv scores the three departments, each with the rubric its row names", async () => {
    const r = await score("rubrics", "rubrics/inputs/seeds.csv", "--format", "csv");
    expect(r.code).toBe(0);
    expect(await column(r.out, "total")).toEqual(SEEDS.map((s) => s[2]));
    expect(await column(r.out, "rubric")).toEqual(SEEDS.map((s) => s[1]));
    expect(await column(r.out, "id")).toEqual(SEEDS.map((s) => s[1]));
    // Judged and overridden scores came from the columns.
    expect(await column(r.out, "部门决策.目标设置.绩效指标明确性")).toEqual(["5", "7", "3"]);
    expect(await column(r.out, "部门管理.人员管理.编外人员控制率")).toEqual(["1", "1", "0"]);
  });

  it("prints a table, in Chinese with --lang zh, and traces with --explain", async () => {
    const r = await score("rubrics", "rubrics/inputs/seeds.csv", "--lang", "zh", "--explain");
    expect(r.code).toBe(0);
    const lines = r.out.split("\n");
    expect(lines[0]).toMatch(/行\s+编号\s+评分表\s+总分\s+等级/);
    expect(lines[1]).toMatch(/^\s+1\s+大鹏新区政数局 2021\s+大鹏新区政数局 2021\s+93\.76\s+优$/);
    expect(r.out).toContain("部门管理.资金管理.政府采购执行情况  1.98 / 2");
    expect(r.out).toContain("改判为 1");
    expect(r.err).toContain("共 3 行：3 行已评分，0 行失败");
  });

  it("reads JSON Lines and a JSON array, and writes JSON Lines", async () => {
    const objects = SEEDS.map(([f]) => JSON.parse(readFileSync(`rubrics/inputs/${f}.json`, "utf8")) as unknown);
    const jsonl = join(tmp, "seeds.jsonl");
    writeFileSync(jsonl, objects.map((o) => JSON.stringify(o)).join("\n"));
    const a = await score("rubrics", jsonl, "--format", "jsonl");
    expect(a.code).toBe(0);
    expect(a.out.split("\n").map((l) => (JSON.parse(l) as { total: string; line: number }).total)).toEqual(
      SEEDS.map((s) => s[2]),
    );
    const array = join(tmp, "seeds.json");
    writeFileSync(array, JSON.stringify(objects, null, 2));
    const b = await score("rubrics", array, "--format", "json");
    const rows = JSON.parse(b.out) as { row: number; total: string; ok: boolean; scores: Record<string, string> }[];
    expect(rows.map((x) => [x.row, x.total, x.ok])).toEqual(SEEDS.map((s, i) => [i + 1, s[2], true]));
    expect(rows[2]?.scores["部门管理.资金管理.财务合规性"]).toBe("2.95");
  });

  it("reads XLSX (number cells, Excel percentages as ratios) and writes XLSX", async () => {
    const [head, ...rows] = await csvRows(readFileSync("rubrics/inputs/seeds.csv", "utf8"));
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("departments");
    ws.addRow(head ?? []);
    for (const r of rows) {
      // Numbers as number cells; 满意度 as a percentage cell holding the ratio (what Excel stores for "99.91%").
      const cells = r.map((c, i) => {
        if (head?.[i] === "满意度" && c.endsWith("%")) return Number(c.slice(0, -1)) / 100;
        return /^-?\d+(\.\d+)?$/.test(c) ? Number(c) : c;
      });
      const added = ws.addRow(cells);
      const i = (head?.indexOf("满意度") ?? 0) + 1;
      added.getCell(i).numFmt = "0.00%";
    }
    const input = join(tmp, "seeds.xlsx");
    await wb.xlsx.writeFile(input);
    const output = join(tmp, "scores.xlsx");
    const r = await score("rubrics", input, "-o", output);
    expect(r.err).toContain("3 rows: 3 scored, 0 failed");
    expect(r.code).toBe(0);
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(output);
    const sheet = back.worksheets[0];
    const header = (sheet?.getRow(1).values as unknown[]).slice(1);
    const totalCol = header.indexOf("total") + 1;
    expect([2, 3, 4].map((n) => sheet?.getRow(n).getCell(totalCol).value)).toEqual([93.76, 97.11, 94.91]);
  });

  it("writes CSV with a BOM to a file, and markdown", async () => {
    const out = join(tmp, "scores.csv");
    const r = await score("rubrics", "rubrics/inputs/seeds.csv", "-o", out);
    expect(r.code).toBe(0);
    const text = readFileSync(out, "utf8");
    expect(text.startsWith("\ufeffrow,line,id,rubric,total,grade,status,errors,")).toBe(true);
    const md = await score("rubrics", "rubrics/inputs/seeds.csv", "--format", "md");
    expect(md.out.split("\n").slice(0, 3)).toEqual([
      "| row | id | rubric | total | grade | errors |",
      "|---|---|---|---:|---|---|",
      "| 1 | 大鹏新区政数局 2021 | 大鹏新区政数局 2021 | 93.76 | 优 |  |",
    ]);
  });
});

// 工作 is a list of records (JSON only): CSV rows override the indicator that reads it.
const HEADER =
  "id,计划金额,实际金额,满意度,进度,计划数,完成数,违规,公开,信访件数,其余满分,评定:政策,理由:政策,改判:执行,理由:执行,改判:工作指标,理由:工作指标";

describe("bad rows", () => {
  const rows = [
    "good,100,98,95%,25%;50%;75%;100%,4,4,否,按规定公开,0,是,,,,,1,无工作清单",
    "percent,100,98,98.1,25%;50%;75%;100%,4,4,否,按规定公开,0,是,,,,,1,无工作清单",
    'grouping,"1,59,9",98,95%,25%;50%;75%;100%,4,4,否,按规定公开,0,是,,,,,1,无工作清单',
    "negative,100,-5,95%,25%;50%;75%;100%,4,4,否,按规定公开,0,是,,,,,1,无工作清单",
    "zero,100,98,95%,25%;50%;75%;100%,0,0,否,按规定公开,0,是,,,,,1,无工作清单",
    "empty,100,98,,25%;50%;75%;100%,4,4,否,按规定公开,0,是,,,,,1,无工作清单",
    "judged,100,98,95%,25%;50%;75%;100%,4,4,否,按规定公开,0,是,0.5,,,,1,无工作清单",
    "bounds,100,98,95%,25%;50%;75%;100%,4,4,否,按规定公开,0,是,3,太高,,,1,无工作清单",
    "override,100,98,95%,25%;50%;75%;100%,4,4,否,按规定公开,0,是,,,1.5,,1,无工作清单",
    'thousands,"1,599.06",98,95%,25%;50%;75%;100%,4,4,否,按规定公开,0,是,,,,,1,无工作清单',
  ];

  it("each bad row is reported with its row, line, field and indicators; the others are scored; exit 1", async () => {
    const file = join(tmp, "bad.csv");
    writeFileSync(file, `${HEADER}\n${rows.join("\n")}\n`);
    const r = await score(SMALL, file, "--format", "csv");
    expect(r.code).toBe(1);
    expect(await column(r.out, "id")).toEqual(rows.map((x) => x.split(",")[0]));
    expect(await column(r.out, "status")).toEqual([
      "ok",
      "failed",
      "failed",
      "failed",
      "failed",
      "failed",
      "failed",
      "failed",
      "failed",
      "ok",
    ]);
    expect(await column(r.out, "total")).toEqual(["11.59", "", "", "", "", "", "", "", "", "9.75"]);
    const err = r.errLines;
    expect(err).toContain(
      `row 2 (line 3): '满意度' = 98.1 is out of range: must be <= 100%; a bare number is the ratio itself (0.981 means 98.1%); for a percentage write "98.1%" (used by 甲.满意)`,
    );
    expect(err.find((l) => l.startsWith("row 3 (line 4): '计划金额' must be an amount in 万元"))).toContain(
      "thousands separators must group three digits",
    );
    expect(err).toContain("row 4 (line 5): '实际金额' = -5 is out of range: must be >= 0万元 (used by 甲.执行)");
    // A zero denominator the rubric does not guard: the scorer names the indicator.
    expect(err.find((l) => l.startsWith("row 5 (line 6):"))).toMatch(/甲\.完成/);
    // An empty cell is a missing input, reported because an evaluated rule reads it.
    expect(err.find((l) => l.startsWith("row 6 (line 7):"))).toMatch(/满意度/);
    expect(err.find((l) => l.startsWith("row 6 (line 7):"))).toMatch(/甲\.满意/);
    expect(err).toContain("row 7 (line 8): judging '甲.评议.政策' = 0.5 below its maximum 1 needs a reason");
    expect(err).toContain("row 8 (line 9): judged path '甲.评议.政策' = 3 is outside [0, 1]");
    expect(err).toContain("row 9 (line 10): overriding '甲.执行' needs a reason");
    expect(err[err.length - 1]).toBe("10 rows: 2 scored, 8 failed, 0 not read");
  });

  it("reports an unknown column once, with a did-you-mean, and still scores the rows", async () => {
    const file = join(tmp, "unknown.csv");
    writeFileSync(file, `${HEADER.replace("满意度", "满意率")},#备注\n${rows[0]},随便写\n${rows[0]},\n`);
    const r = await score(SMALL, file, "--format", "csv");
    expect(r.code).toBe(1);
    expect(r.errLines.filter((l) => l.startsWith("header"))).toEqual([
      "header (line 1): unknown column '满意率', ignored; did you mean '满意度'? (start a column's name with # to ignore it)",
    ]);
    // Without 满意度 the indicator that reads it cannot be scored.
    expect(r.errLines.filter((l) => l.includes("满意度")).length).toBe(3);
  });

  it("reports a JSON department with wrong types and unknown fields, by row and line", async () => {
    const file = join(tmp, "bad.jsonl");
    writeFileSync(
      file,
      [
        '{"values": {"plan": "x", "satisfation": "90%"}, "judgeRestFull": true}',
        "{oops",
        '{"计划金额": 100, "colour": 1}',
        '{"values": {"plan": 100}, "judgment": {}, "judgeRestFull": "maybe"}',
      ].join("\n"),
    );
    const r = await score(SMALL, file, "--format", "jsonl");
    expect(r.code).toBe(1);
    expect(r.errLines).toContain("row 1 (line 1): unknown input 'satisfation'; did you mean 'satisfaction'?");
    expect(r.errLines.find((l) => l.startsWith("row 1 (line 1): '计划金额' must be"))).toBeDefined();
    expect(r.errLines.find((l) => l.startsWith("row 2 (line 2): invalid JSON"))).toBeDefined();
    expect(r.errLines).toContain("row 3 (line 3): unknown input 'colour'");
    expect(r.errLines.find((l) => l.startsWith("row 4 (line 4): unknown key 'judgment'"))).toBeDefined();
    expect(r.errLines).toContain("row 4 (line 4): 'judgeRestFull' must be true or false, got \"maybe\"");
    const out = r.out.split("\n").map(
      (l) =>
        JSON.parse(l) as {
          row: number;
          ok: boolean;
          errors: { kind: string; field: string; indicators: string[] }[];
        },
    );
    expect(out.map((o) => o.ok)).toEqual([false, false, false, false]);
    expect(out[0]?.errors.find((e) => e.field === "计划金额")).toMatchObject({
      kind: "wrong-type",
      indicators: ["甲.执行"],
    });
  });

  it("rejects bad usage with exit 2 and a missing file with exit 1", async () => {
    expect((await score(SMALL)).code).toBe(2);
    expect((await score(SMALL, "x.txt")).code).toBe(2);
    expect((await score(SMALL, "rubrics/inputs/seeds.csv", "--format", "pdf")).code).toBe(2);
    expect((await score(SMALL, "rubrics/inputs/seeds.csv", "--format", "xlsx")).code).toBe(2);
    expect((await score(SMALL, "no/such.csv")).code).toBe(1);
    expect((await score("no/such.rubric", "rubrics/inputs/seeds.csv")).code).toBe(1);
    const r = await score("rubrics", "rubrics/inputs/seeds.csv", "--rubric", "盐田区委 2023");
    expect(r.code).toBe(1);
    expect(r.err).toContain("did you mean '盐田区委办 2023'?");
  });
});

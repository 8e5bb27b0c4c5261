/**
 * Issue 11, rule kind 6: dates. Real calendar dates only (2023-02-29 is refused
 * in a rubric, in an example and in JSON/CSV/XLSX input); a date input accepts
 * the spellings departments write; both scorers give the same numbers and the
 * same trace lines; hover says a date in words; completion offers the type;
 * the formatter keeps a literal as written.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { Hover } from "vscode-languageserver";
import { describe, expect, it } from "vitest";
import { analyzeProgram } from "../src/compiler/program.js";
import { createReferenceScorer } from "../src/compiler/evaluate/scorer.js";
import { createCompiledScorer } from "../src/compiler/codegen/load.js";
import { convertInput } from "../src/runtime/validate.js";
import { dayNumber, parseInputDate, parseIsoDate, showDate } from "../src/runtime/dates.js";
import type { NodeReport } from "../src/runtime/report.js";
import { hover } from "../src/lsp/hover.js";
import { completion } from "../src/lsp/completion.js";
import { at } from "./lsp/cursor.js";
import { fmt1 } from "./format/helpers.js";
import { score } from "./batch/helpers.js";

const FIXTURE = "test/fixtures/good/dates.rubric";
const TEXT = readFileSync(FIXTURE, "utf8");
const rubric = analyzeProgram([{ file: FIXTURE, text: TEXT }]).rubrics[0];
if (!rubric) throw new Error("the fixture did not build");
const ref = createReferenceScorer(rubric);
const mod = createCompiledScorer(rubric);
const tmp = mkdtempSync(join(tmpdir(), "rubric-dates-"));

const GOOD = { 完成日期: "2023-07-04", 计划日期: "2023-08-15", 下达日期: "2023-01-20", 下达比例: "60%" };

describe("calendar dates", () => {
  it("are day numbers: consecutive days differ by 1, across months, leap years and the year's end", () => {
    expect(parseIsoDate("2023-07-01")! - parseIsoDate("2023-06-30")!).toBe(1);
    expect(parseIsoDate("2024-03-01")! - parseIsoDate("2024-02-28")!).toBe(2);
    expect(parseIsoDate("2024-01-01")! - parseIsoDate("2023-12-31")!).toBe(1);
    expect(showDate({ toString: () => String(parseIsoDate("2024-02-29")) })).toBe("2024-02-29");
  });
  it("have no negative: `-完成日期` is a type error naming the date (a difference of dates is a number of days)", () => {
    const text = `rubric 负日期 {
  total 10
  input 完成日期: date
  group g 10 { indicator i 10 { score = if -完成日期 < 0 then 10 else 0 } }
}
`;
    const d = analyzeProgram([{ file: "t.rubric", text }]).diagnostics.filter((x) => x.severity === "error");
    expect(d.map((x) => x.code)).toEqual(["type-mismatch"]);
    expect(d[0]?.message.en).toMatch(/date/);
  });

  it("are not summed, averaged or rounded: sum, mean, abs, floor and ceil of dates are type errors", () => {
    for (const rule of [
      "sum([完成日期, 完成日期]) > 2023-01-01",
      "mean([完成日期, 完成日期]) > 2023-01-01",
      "abs(完成日期) > 2023-01-01",
      "floor(完成日期) > 2023-01-01",
    ]) {
      const text = `rubric 日期函数 {
  total 10
  input 完成日期: date
  group g 10 { indicator i 10 { score = if ${rule} then 10 else 0 } }
}
`;
      const d = analyzeProgram([{ file: "t.rubric", text }]).diagnostics.filter((x) => x.severity === "error");
      expect({ rule, codes: d.map((x) => x.code) }).toEqual({ rule, codes: ["type-mismatch"] });
    }
    // The earliest and the latest of several dates are dates.
    const ok = `rubric 日期函数 {
  total 10
  input 完成日期: date
  input 计划日期: date
  group g 10 { indicator i 10 { score = if max(完成日期, 计划日期) <= 2023-06-30 then 10 else 0 } }
}
`;
    expect(analyzeProgram([{ file: "t.rubric", text: ok }]).diagnostics.filter((x) => x.severity === "error")).toEqual(
      [],
    );
  });

  it("refuse a day the calendar does not have", () => {
    for (const bad of ["2023-02-29", "2023-04-31", "2023-13-01", "2023-00-10", "2023-06-00", "1900-02-29"])
      expect(parseIsoDate(bad), bad).toBeUndefined();
    expect(dayNumber(2000, 2, 29)).toBeDefined();
  });
  it("as input: ISO, slashes, dots, 年月日, and an XLSX date at midnight; not a time of day", () => {
    const d = parseIsoDate("2023-06-30");
    for (const s of ["2023-06-30", "2023/6/30", "2023.06.30", "2023年6月30日", " 2023-6-30 ", "2023-06-30T00:00:00"])
      expect(parseInputDate(s), s).toBe(d);
    for (const s of ["2023-06-30T12:00:00", "30/06/2023", "20230630", "2023-06", "2023年2月30日"])
      expect(parseInputDate(s), s).toBeUndefined();
  });
});

describe("date inputs", () => {
  const brief = (values: Record<string, unknown>): string[] =>
    convertInput(ref.meta, { values: { ...GOOD, ...values } }).errors.map(
      (e) => `${e.kind} ${e.field} ${e.message.en}`,
    );

  it("a day that does not exist is a wrong-type error naming the field and saying why", () => {
    expect(brief({ 完成日期: "2023-02-29" })).toEqual([
      "wrong-type 完成日期 '完成日期' must be a date (e.g. 2023-06-30), got \"2023-02-29\": no such day in the calendar (used by 进度.按时完成, 进度.提前天数, 进度.宽限)",
    ]);
    expect(brief({ 计划日期: 20230815 })[0]).toMatch(/^wrong-type 计划日期 /);
  });

  it("a date outside the declared range names the bound as a date", () => {
    expect(brief({ 完成日期: "2024-01-05" })).toEqual([
      "out-of-range 完成日期 '完成日期' = 2024-01-05 is out of range: must be <= 2023-12-31 (used by 进度.按时完成, 进度.提前天数, 进度.宽限)",
    ]);
  });

  it("both scorers score the same department alike, with the same trace lines in both languages", () => {
    const input = { values: { ...GOOD, 计划日期: "2023/8/15" } };
    const a = ref.score(input, { explain: true });
    const b = mod.score(input, { explain: true });
    expect(a.total).toBe("18");
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    const lines = (nodes: readonly NodeReport[]): string[] =>
      nodes.flatMap((n) => [...n.trace.map((t) => `${t.zh} | ${t.en}`), ...lines(n.children)]);
    expect(lines(a.tree)).toContain(
      "完成日期 - 2023-06-30 = 2023-07-04 − 2023-06-30 = 4 天 | 完成日期 - 2023-06-30 = 2023-07-04 − 2023-06-30 = 4 day(s)",
    );
    expect(lines(a.tree)).toContain(
      "计划日期 - 完成日期 = 2023-08-15 − 2023-07-04 = 42 天 | 计划日期 - 完成日期 = 2023-08-15 − 2023-07-04 = 42 day(s)",
    );
  });

  it("rubric score reads them from CSV and from date-formatted XLSX cells; a bad row is reported, not dropped", async () => {
    const csv = join(tmp, "d.csv");
    writeFileSync(
      csv,
      "id,完成日期,计划日期,下达日期,下达比例\n甲,2023-07-04,2023/8/15,2023年1月20日,60%\n乙,2023-02-29,2023-08-15,2023-01-20,60%\n",
    );
    const r = await score(FIXTURE, csv, "--format", "jsonl");
    const rows = r.out.split("\n").map((l) => JSON.parse(l) as { id: string; total: string | null });
    expect(rows.map((x) => [x.id, x.total])).toEqual([
      ["甲", "18"],
      ["乙", null],
    ]);
    expect(r.err).toContain(
      "'完成日期' must be a date (e.g. 2023-06-30), got \"2023-02-29\": no such day in the calendar",
    );

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("部门");
    ws.addRow(["id", "完成日期", "计划日期", "下达日期", "下达比例"]);
    const good = ws.addRow(["x", new Date(Date.UTC(2023, 6, 4)), "2023-08-15", "2023-01-20", "60%"]);
    good.getCell(2).numFmt = "yyyy-mm-dd";
    const noon = ws.addRow(["noon", new Date(Date.UTC(2023, 6, 4, 12)), "2023-08-15", "2023-01-20", "60%"]);
    noon.getCell(2).numFmt = "yyyy-mm-dd hh:mm";
    const xlsx = join(tmp, "d.xlsx");
    await wb.xlsx.writeFile(xlsx);
    const x = await score(FIXTURE, xlsx, "--format", "jsonl");
    const xr = x.out.split("\n").map((l) => JSON.parse(l) as { id: string; total: string | null });
    expect(xr.map((v) => [v.id, v.total])).toEqual([
      ["x", "18"],
      ["noon", null],
    ]);
  });
});

describe("dates in the editor", () => {
  const text = (h: Hover | null): string =>
    h && typeof h.contents === "object" && "value" in h.contents ? h.contents.value : "";
  const uri = "file:///dates.rubric";

  it("hover says a date literal in words, with its weekday", () => {
    const g = at({ [uri]: TEXT.replace("完成日期 <= 2023-06-30", "完成日期 <= 2023-06-|30") }, uri);
    expect(text(hover(g.snap, g.uri, g.pos, "zh"))).toContain("日期：2023 年 6 月 30 日，星期五");
    expect(text(hover(g.snap, g.uri, g.pos, "en"))).toContain("a date: Friday 2023-06-30");
  });

  it("hover on a date input gives its type and declared range as dates", () => {
    const g = at({ [uri]: TEXT.replace("input 完成日期 alias", "input 完成|日期 alias") }, uri);
    const h = text(hover(g.snap, g.uri, g.pos, "en"));
    expect(h).toContain("type: a date");
    expect(h).toContain("[2023-01-01, 2023-12-31]");
  });

  it("completion offers the date type in both spellings after an input's colon", () => {
    const g = at({ [uri]: TEXT.replace("input 计划日期: 日期", "input 计划日期: |") }, uri);
    const labels = completion(g.snap, g.uri, g.pos, "en").map((c) => c.label);
    expect(labels).toEqual(expect.arrayContaining(["date", "日期"]));
  });

  it("the formatter keeps date literals and the date type as written", async () => {
    const src =
      "rubric a {\n total 1\n input d : date in [2023-01-01,2023-12-31]\n group g 1 { indicator i 1 { score = if d<=2023-06-30 then 1 else 0 } }\n}\n";
    const out = await fmt1(src);
    expect(out).toContain("input d: date in [2023-01-01, 2023-12-31]");
    expect(out).toContain("score = if d <= 2023-06-30 then 1 else 0");
    expect(await fmt1(out)).toBe(out);
  });
});

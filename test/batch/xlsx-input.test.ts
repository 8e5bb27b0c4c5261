/**
 * XLSX input read from the zip itself: the first tab (workbook.xml order,
 * not zip order) or --sheet NAME, an empty sheet reported, dates read by
 * their cell format, capped cell and string sizes, and damaged files and
 * directories reported in plain words (no library text, no stack trace).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDeflateRaw, crc32 } from "node:zlib";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { serialDate } from "../../src/cli/batch/xlsx-read.js";
import { SMALL, score } from "./helpers.js";
import { workbook } from "./zip-writer.js";

const tmp = mkdtempSync(join(tmpdir(), "rubric-xlsx-"));
const HEADER =
  "id,计划金额,实际金额,满意度,进度,计划数,完成数,违规,公开,信访件数,其余满分,改判:工作指标,理由:工作指标".split(",");
const ROW = (id: string): string[] =>
  `${id},100,98,95%,25%;50%;75%;100%,4,4,否,按规定公开,0,是,1,无工作清单`.split(",");

function save(name: string, bytes: Buffer): string {
  const file = join(tmp, name);
  writeFileSync(file, bytes);
  return file;
}

const ids = (out: string): string[] => out.split("\n").map((l) => (JSON.parse(l) as { id: string }).id);

describe("which worksheet", () => {
  const file = () =>
    save(
      "tabs.xlsx",
      workbook([
        { name: "说明", rows: [["本表说明"]], hidden: true },
        { name: "部门", rows: [HEADER, ROW("tab-1")] },
        { name: "备用", rows: [HEADER, ROW("tab-2")] },
      ]),
    );

  it("reads the first (visible) tab in workbook order, not the first sheet stored in the zip", async () => {
    const r = await score(SMALL, file(), "--format", "jsonl");
    expect(ids(r.out)).toEqual(["tab-1"]);
    expect(r.code).toBe(0);
  });

  it("--sheet NAME reads that tab; an unknown name lists the tabs", async () => {
    const r = await score(SMALL, file(), "--format", "jsonl", "--sheet", "备用");
    expect(ids(r.out)).toEqual(["tab-2"]);
    const bad = await score(SMALL, file(), "--sheet", "部门2");
    expect(bad.errLines).toContain("file: no worksheet named '部门2' (the workbook has: 说明, 部门, 备用)");
    expect(bad.code).toBe(1);
    const csv = await score(SMALL, "rubrics/inputs/seeds.csv", "--sheet", "x");
    expect(csv.code).toBe(2);
  });

  it("an empty first tab is reported, exit 1 (was: 0 rows, exit 0)", async () => {
    const r = await score(
      SMALL,
      save(
        "empty.xlsx",
        workbook([
          { name: "空表", rows: [] },
          { name: "数据", rows: [HEADER, ROW("x")] },
        ]),
      ),
    );
    expect(r.errLines).toContain("file: the worksheet '空表' is empty");
    expect(r.err).toContain("0 rows: 0 scored, 0 failed");
    expect(r.code).toBe(1);
  });
});

describe("cell formats", () => {
  it("reads Excel serial dates as dates", () => {
    expect(serialDate(44927, false)).toBe("2023-01-01");
    expect(serialDate(44927.5, false)).toBe("2023-01-01T12:00:00");
    expect(serialDate(1, false)).toBe("1900-01-01");
    expect(serialDate(0, true)).toBe("1904-01-01");
  });

  it("a date-formatted cell is a date: text in a text field, a wrong-type error naming a number field (not 44,927万元)", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("部门");
    ws.addRow(HEADER);
    const good = ws.addRow(ROW("x"));
    good.getCell(1).value = new Date(Date.UTC(2023, 0, 1));
    good.getCell(1).numFmt = "yyyy-mm-dd";
    const bad = ws.addRow(ROW("bad"));
    bad.getCell(2).value = new Date(Date.UTC(2023, 0, 1));
    bad.getCell(2).numFmt = 'yyyy"年"m"月"d"日"';
    const file = join(tmp, "dates.xlsx");
    await wb.xlsx.writeFile(file);
    const r = await score(SMALL, file, "--format", "jsonl");
    const rows = r.out.split("\n").map((l) => JSON.parse(l) as { id: string; ok: boolean });
    expect(rows.map((x) => [x.id, x.ok])).toEqual([
      ["2023-01-01", true],
      ["bad", false],
    ]);
    expect(r.errLines.find((l) => l.startsWith("row 2 (sheet row 3)"))).toMatch(
      /'计划金额' must be an amount in 万元 .*, got "2023-01-01"/,
    );
  });
});

async function deflated(parts: Generator<Buffer>): Promise<{ deflated: Buffer; size: number; crc: number }> {
  const z = createDeflateRaw();
  const out: Buffer[] = [];
  z.on("data", (b: Buffer) => out.push(b));
  let size = 0;
  let crc = 0;
  for (const p of parts) {
    size += p.length;
    crc = crc32(p, crc);
    if (!z.write(p)) await new Promise((r) => z.once("drain", r));
  }
  await new Promise((r) => {
    z.on("end", r);
    z.end();
  });
  return { deflated: Buffer.concat(out), size, crc };
}

describe("caps and damaged files", () => {
  it("a 300 MB shared string fails its row by name with memory bounded; the next row is scored", async () => {
    const x = Buffer.alloc(1024 * 1024, "x");
    const sst = await deflated(
      (function* () {
        yield Buffer.from("<sst><si><t>");
        for (let i = 0; i < 300; i++) yield x;
        yield Buffer.from("</t></si><si><t>after</t></si></sst>");
      })(),
    );
    const cells = (first: string): string =>
      [
        first,
        ...ROW("")
          .slice(1)
          .map((c) => `<c t="inlineStr"><is><t>${c}</t></is></c>`),
      ].join("");
    const sheet = `<worksheet><sheetData><row r="1">${HEADER.map((h) => `<c t="inlineStr"><is><t>${h}</t></is></c>`).join("")}</row><row r="2">${cells('<c r="A2" t="s"><v>0</v></c>')}</row><row r="3">${cells('<c r="A3" t="s"><v>1</v></c>')}</row></sheetData></worksheet>`;
    const file = save(
      "huge.xlsx",
      workbook([{ name: "部门", rows: [] }], { "xl/sharedStrings.xml": sst, "xl/worksheets/sheet1.xml": sheet }),
    );
    const before = process.memoryUsage().rss;
    const r = await score(SMALL, file, "--format", "jsonl");
    expect(process.memoryUsage().rss - before).toBeLessThan(400 * 1024 * 1024);
    expect(r.errLines).toContain("row 1 (sheet row 2): cell A2 holds more than 32767 characters (Excel's own limit)");
    expect(ids(r.out)).toEqual([undefined, "after"]);
    expect(r.err).toContain("2 rows: 1 scored, 1 failed, 0 not read");
  }, 60_000);

  it("not a zip, a truncated file and a directory: named errors, exit 1", async () => {
    const notZip = await score(SMALL, save("text.xlsx", Buffer.from("id,计划金额\n1,2\n")));
    expect(notZip.errLines).toContain("file: not an XLSX file (zip signature missing)");
    expect(notZip.code).toBe(1);
    const whole = workbook([{ name: "部门", rows: [HEADER, ROW("x")] }]);
    const cut = await score(SMALL, save("cut.xlsx", whole.subarray(0, Math.floor(whole.length / 2))));
    expect(cut.errLines).toContain("file: the XLSX file is damaged or incomplete (its zip directory cannot be read)");
    expect(cut.err).not.toMatch(/FILE_ENDED|invalid signature|at .*\.js/);
    const dir = join(tmp, "folder.xlsx");
    mkdirSync(dir);
    const d = await score(SMALL, dir);
    expect(d.errLines).toContain(`the input is a directory, not a file: ${dir}`);
    expect(d.code).toBe(1);
  });
});

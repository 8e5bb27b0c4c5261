/**
 * One maker per hostile-input class of issue 8, each writing a file for the
 * small batch rubric (test/fixtures/batch/small.rubric) and saying how many
 * rows it holds and what else `rubric score` must get right about it.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { Rng } from "../../test/support/random-input.js";
import { summaryOf, type RunResult } from "./hostile.js";

export interface HostileCase {
  readonly path: string;
  /** Rows in the file (unless it cannot be read at all). */
  readonly rowsIn?: number;
  /** Not an input at all: exit 1 with a message naming it is expected. */
  readonly unreadable?: boolean;
  /** Arguments after the file (default `--format jsonl`). */
  readonly args?: readonly string[];
  /** The class's own promise: a message when it is broken. */
  readonly check?: (r: RunResult) => string | undefined;
}

export const CSV_HEADER =
  "id,计划金额,实际金额,满意度,进度,计划数,完成数,违规,公开,信访件数,其余满分,改判:工作指标,理由:工作指标";
export const csvRow = (id: string, plan = "100"): string =>
  `${id},${plan},98,95%,25%;50%;75%;100%,4,4,否,按规定公开,0,是,1,无工作清单`;
const VALUES = {
  计划金额: 100,
  实际金额: "98",
  满意度: "95%",
  进度: ["25%", "50%", "75%", "100%"],
  计划数: 4,
  完成数: 4,
  违规: false,
  公开: "按规定公开",
  工作: [{ 名称: "甲", 已完成: true }],
  信访件数: 0,
};
const department = (id: string, values: Record<string, unknown> = {}): string =>
  JSON.stringify({ id, values: { ...VALUES, ...values }, judgeRestFull: true });

const rowsOf = (n: number, rng: Rng): string[] =>
  Array.from({ length: n }, (_, k) => csvRow(`d${k + 1}`, String(1 + rng.int(500))));
const jsonlLines = (out: string): Record<string, unknown>[] =>
  out
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
const failedRows = (out: string): number[] =>
  jsonlLines(out)
    .filter((r) => r["ok"] === false)
    .map((r) => Number(r["row"]));

async function workbook(
  path: string,
  sheets: { name: string; rows: unknown[][]; dateColumn?: number }[],
): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    for (const r of s.rows) ws.addRow(r);
    if (s.dateColumn !== undefined) ws.getColumn(s.dateColumn).numFmt = "yyyy-mm-dd";
  }
  await wb.xlsx.writeFile(path);
}
const sheetRows = (n: number): unknown[][] => [
  CSV_HEADER.split(","),
  ...Array.from({ length: n }, (_, k) => csvRow(`d${k + 1}`).split(",")),
];

type Maker = { readonly name: string; readonly make: (rng: Rng, dir: string) => Promise<HostileCase> };

export const HOSTILE_MAKERS: readonly Maker[] = [
  {
    // A GB 18030 byte sequence after the first 256 KB of a UTF-8 file.
    name: "encoding-switch",
    make: async (rng, dir) => {
      const path = join(dir, "switch.csv");
      const rows = rowsOf(5000, rng);
      const gb = Buffer.from([0xb2, 0xe2, 0xca, 0xd4]); // 测试 in GB 18030
      // About 80 bytes a row: the switch comes after 300 KB.
      const before = Buffer.from(`${CSV_HEADER}\n${rows.slice(0, 4000).join("\n")}\n`, "utf8");
      const bad = Buffer.concat([Buffer.from("x"), gb, Buffer.from(`${csvRow("")}\n`, "utf8")]);
      writeFileSync(path, Buffer.concat([before, bad, Buffer.from(`${rows.slice(4000).join("\n")}\n`, "utf8")]));
      return { path, rowsIn: 5001 };
    },
  },
  {
    name: "json-malformed-element",
    make: async (_rng, dir) => {
      const path = join(dir, "malformed.json");
      // A doubled comma, a missing comma, a closing bracket of the wrong kind.
      const broken = [
        '{"id": "c", "values": {"计划金额": 100,, }}',
        '{"id": "f" "values": {}}',
        '{"id": "g", "values": {"计划金额": 100]}',
      ];
      writeFileSync(
        path,
        `[${[department("a"), department("b"), broken[0], department("d"), broken[1], department("e"), broken[2], department("h")].join(",\n")}]\n`,
      );
      return {
        path,
        rowsIn: 8,
        check: (r) =>
          [3, 5, 7].every((k) => failedRows(r.out).includes(k))
            ? undefined
            : "a malformed element is not reported as a failed row",
      };
    },
  },
  {
    name: "csv-unclosed-quote",
    make: async (rng, dir) => {
      const path = join(dir, "unclosed.csv");
      const rows = rowsOf(5, rng);
      rows[2] = `"unclosed,${rows[2]?.split(",").slice(1).join(",")}`;
      writeFileSync(path, `${CSV_HEADER}\n${rows.join("\n")}\n`);
      return { path, rowsIn: 5 };
    },
  },
  {
    name: "jsonl-huge-line",
    make: async (_rng, dir) => {
      const path = join(dir, "huge.jsonl");
      const huge = JSON.stringify({
        id: "huge",
        note: "x".repeat(48 * 1024 * 1024),
        values: VALUES,
        judgeRestFull: true,
      });
      writeFileSync(path, [department("a"), department("b"), huge, department("d")].join("\n") + "\n");
      return { path, rowsIn: 4 };
    },
  },
  {
    // 0.89999999999999999 is not 90%: read exactly, or refused with a message.
    name: "json-long-number",
    make: async (_rng, dir) => {
      const path = join(dir, "digits.jsonl");
      const exact = department("exact").replace('"满意度":"95%"', '"满意度":0.89999999999999999');
      writeFileSync(path, [department("a"), exact].join("\n") + "\n");
      return {
        path,
        rowsIn: 2,
        check: (r) => {
          const row = jsonlLines(r.out).find((x) => x["id"] === "exact");
          const scores = row?.["scores"] as Record<string, string> | undefined;
          return row?.["ok"] === true && scores?.["甲.满意"] === "2"
            ? "0.89999999999999999 was scored as 90% (read through a float)"
            : undefined;
        },
      };
    },
  },
  {
    name: "proto-duplicate-keys",
    make: async (_rng, dir) => {
      const path = join(dir, "proto.jsonl");
      const lines = [
        department("a"),
        '{"id": "proto", "计划金额": 100, "__proto__": {"计划金额": 1}}',
        department("dup").replace('"计划金额":100', '"计划金额":100,"计划金额":5'),
        `{"id": "pj", "values": ${JSON.stringify(VALUES)}, "judgements": {"__proto__": {"value": "1"}}, "judgeRestFull": true}`,
      ];
      writeFileSync(path, lines.join("\n") + "\n");
      return {
        path,
        rowsIn: 4,
        check: (r) => {
          const silent = [2, 3, 4].filter(
            (k) =>
              !failedRows(r.out).includes(k) && !new RegExp(`row ${k}\\b[^\\n]*(__proto__|duplicate)`, "i").test(r.err),
          );
          return silent.length > 0
            ? `rows ${silent.join(", ")}: __proto__ or a duplicate key passed without a word`
            : undefined;
        },
      };
    },
  },
  ...(["utf16le", "utf16be"] as const).map((enc) => ({
    name: `bom-${enc}`,
    make: async (rng: Rng, dir: string): Promise<HostileCase> => {
      const path = join(dir, `${enc}.csv`);
      const text = `\ufeff${CSV_HEADER}\n${rowsOf(4, rng).join("\n")}\n`;
      const le = Buffer.from(text, "utf16le");
      writeFileSync(path, enc === "utf16le" ? le : Buffer.from(le).swap16());
      return {
        path,
        rowsIn: 4,
        check: (r) =>
          /4 scored/.test(r.err) || /utf-?16/i.test(r.err)
            ? undefined
            : "a UTF-16 file was neither decoded nor named as UTF-16",
      };
    },
  })),
  {
    name: "xlsx-directory",
    make: async (_rng, dir) => {
      const path = join(dir, "folder.xlsx");
      mkdirSync(path, { recursive: true });
      return { path, unreadable: true };
    },
  },
  {
    name: "xlsx-not-zip",
    make: async (rng, dir) => {
      const path = join(dir, "garbage.xlsx");
      writeFileSync(path, Buffer.from(Array.from({ length: 2000 }, () => rng.int(256))));
      return { path, unreadable: true };
    },
  },
  {
    name: "xlsx-truncated",
    make: async (_rng, dir) => {
      const whole = join(dir, "whole.xlsx");
      await workbook(whole, [{ name: "Sheet1", rows: sheetRows(3) }]);
      const path = join(dir, "truncated.xlsx");
      const bytes = readFileSync(whole);
      writeFileSync(path, bytes.subarray(0, Math.floor(bytes.length / 2)));
      return { path, unreadable: true };
    },
  },
  {
    // The first tab is empty; the rows are on the second: never "0 rows", exit 0.
    name: "xlsx-empty-first-sheet",
    make: async (_rng, dir) => {
      const path = join(dir, "empty-first.xlsx");
      await workbook(path, [
        { name: "说明", rows: [] },
        { name: "数据", rows: sheetRows(3) },
      ]);
      // Either the rows are read (and accounted for) or the empty sheet is named, exit 1.
      return {
        path,
        check: (r) => {
          const s = summaryOf(r.err);
          if (r.code === 0 && (!s || s.rows === 0)) return "an empty first sheet gave '0 rows', exit 0";
          if (s && s.rows > 0 && s.rows !== 3) return `${s.rows} rows read of 3`;
          return r.code === 1 && (!s || s.rows === 0) && !/empty|空/i.test(r.err)
            ? "exit 1 without saying the sheet is empty"
            : undefined;
        },
      };
    },
  },
  {
    // A date-formatted cell for an amount is not 44,927万元.
    name: "xlsx-date-cells",
    make: async (_rng, dir) => {
      const path = join(dir, "dates.xlsx");
      const rows = sheetRows(2);
      (rows[1] as unknown[])[1] = new Date(Date.UTC(2023, 0, 1));
      await workbook(path, [{ name: "Sheet1", rows, dateColumn: 2 }]);
      return {
        path,
        rowsIn: 2,
        check: (r) => (failedRows(r.out).includes(1) ? undefined : "a date cell was read as an amount"),
      };
    },
  },
  {
    name: "formula-text",
    make: async (rng, dir) => {
      const path = join(dir, "formulas.csv");
      const ids = ['"=HYPERLINK(""http://x"",""y"")"', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", '"\tlead-tab"'];
      writeFileSync(path, `${CSV_HEADER}\n${ids.map((id) => csvRow(id, String(1 + rng.int(99)))).join("\n")}\n`);
      return {
        path,
        rowsIn: 5,
        args: ["--format", "csv"],
        check: (r) => {
          // The id column of CSV output (after row and line); a quoted cell keeps its first character after the quote.
          const cells = r.out
            .split("\n")
            .slice(1)
            .map((l) => /^[^,]*,[^,]*,("?)(.?)/.exec(l)?.[2] ?? "");
          const raw = cells.filter((c) => /^[=+\-@\t\r]/.test(c));
          return raw.length > 0
            ? `CSV output cells begin with a formula character: ${raw.join(" | ")}`
            : r.code !== 0
              ? `exit ${r.code}`
              : undefined;
        },
      };
    },
  },
  {
    name: "control-characters",
    make: async (rng, dir) => {
      const path = join(dir, "control.csv");
      const ids = ["\u001b]0;owned\u0007", '"line\nbreak"', "nul\u0000byte", "bell\u0007", "del\u007f", "csi\u001b[2J"];
      writeFileSync(path, `${CSV_HEADER}\n${ids.map((id) => csvRow(id, String(1 + rng.int(99)))).join("\n")}\n`);
      return {
        path,
        rowsIn: 6,
        args: ["--format", "table"],
        check: (r) =>
          /[\u0000-\u0008\u000b-\u001f\u007f]/.test(r.out + r.err)
            ? "the table or stderr prints raw control characters"
            : undefined,
      };
    },
  },
];

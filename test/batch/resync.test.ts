/**
 * After a malformed record, reading resumes at the next record boundary:
 * a JSON array at the next element starting in the same column, a CSV file
 * at the line after the one an unclosed quote opened on. Every row is
 * accounted for: read = scored + failed, and what was not read is said.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readCsv } from "../../src/cli/batch/csv-read.js";
import { readJsonDocument, type JsonItem } from "../../src/cli/batch/json-read.js";
import { GOOD, SMALL, score } from "./helpers.js";

const tmp = mkdtempSync(join(tmpdir(), "rubric-resync-"));
const HEADER = "id,计划金额,实际金额,满意度,进度,计划数,完成数,违规,公开,信访件数,其余满分,改判:工作指标,理由:工作指标";
const ROW = (id: string): string => `${id},100,98,95%,25%;50%;75%;100%,4,4,否,按规定公开,0,是,1,无工作清单`;

async function* once(text: string, size = 1 << 16): AsyncGenerator<Uint8Array> {
  const b = new TextEncoder().encode(text);
  for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size);
}

async function items(text: string, size?: number): Promise<(string | unknown)[]> {
  const out: (string | unknown)[] = [];
  for await (const it of readJsonDocument(once(text, size)) as AsyncGenerator<JsonItem>)
    out.push("error" in it ? `error@${it.line}` : "fileError" in it ? `file@${it.line}` : it.value);
  return out;
}

describe("JSON array: resynchronised after a malformed element", () => {
  const dept = (id: string): string => JSON.stringify({ ...GOOD, 其余满分: true, id }, null, 2).replace(/\n/g, "\n  ");

  it("an unclosed string in element 2 of 4 fails element 2 only (was: 4 in, 2 out)", async () => {
    const text = `[\n  ${dept("a")},\n  ${dept("b").replace('"id": "b"', '"id": "b')},\n  ${dept("c")},\n  ${dept("d")}\n]\n`;
    const file = join(tmp, "unclosed.json");
    writeFileSync(file, text);
    const r = await score(SMALL, file, "--format", "jsonl");
    const rows = r.out.split("\n").map((l) => JSON.parse(l) as { row: number; ok: boolean; id?: string; line: number });
    expect(rows.map((x) => [x.row, x.id, x.ok])).toEqual([
      [1, "a", true],
      [2, undefined, false],
      [3, "c", true],
      [4, "d", true],
    ]);
    const lines = text.split("\n");
    const idLine = lines.findIndex((l) => l.includes('"id": "c"'));
    expect(rows[2]?.line).toBe(lines.slice(0, idLine).lastIndexOf("  {") + 1);
    expect(r.err).toContain("4 rows: 3 scored, 1 failed, 0 not read");
  });

  it("a missing or extra brace, in a one-element-a-line array, whatever the chunking", async () => {
    const text = '[{"id": 1},\n {"id": 2,\n {"id": 3},\n {"id": 4}}},\n {"id": 5}]';
    for (const size of [1, 7, 1 << 16])
      expect(await items(text, size), `chunks of ${size}`).toEqual([
        { id: 1 },
        "error@2",
        { id: 3 },
        "error@4",
        { id: 5 },
      ]);
  });

  it("a whole array on one line (JSON.stringify without indentation) resumes at the next department, not inside a department's list", async () => {
    expect(await items('[{"id":1},{"id":"x},{"id":3},{"id":4}]')).toEqual([{ id: 1 }, "error@1", { id: 3 }, { id: 4 }]);
    const withList = '[{"id":1},{"id":2,"工作":[{"名称":"甲"},{"名称":"乙"}],"x":},{"id":3}]';
    expect(await items(withList)).toEqual([{ id: 1 }, "error@1", { id: 3 }]);
  });

  it("text after the closing ] and a missing ] are reported as file problems; the summary says what was not read", async () => {
    expect(await items('[{"id": 1}]\n[{"id": 2}]\n')).toEqual([{ id: 1 }, "file@2"]);
    expect(await items('[{"id": 1},\n{"id": 2}\n')).toEqual([{ id: 1 }, { id: 2 }, "file@3"]);
    const file = join(tmp, "after.json");
    writeFileSync(file, `[${JSON.stringify({ ...GOOD, 其余满分: true })}]\n[{"id": 2}]\n`);
    const r = await score(SMALL, file);
    expect(r.errLines).toContain(
      "file line 2: invalid JSON: text after the array's closing ]; nothing after it was read",
    );
    expect(r.err).toContain("1 row: 1 scored, 0 failed; not read: the rest of the file from line 2");
    expect(r.code).toBe(1);
  });
});

describe("CSV: an unclosed quote no longer swallows the rest of the file", () => {
  it("5 rows with an unclosed quote in row 2: row 2 fails, rows 3-5 are scored (was: 5 in, 2 out)", async () => {
    const file = join(tmp, "quote.csv");
    writeFileSync(file, `${HEADER}\n${ROW("a")}\n${ROW('"b')}\n${ROW("c")}\n${ROW("d")}\n${ROW("e")}\n`);
    const r = await score(SMALL, file, "--format", "csv");
    expect(r.errLines).toContain(
      "row 2 (line 3): malformed CSV: the quoted field opened on line 3 is still open at the end of the file; reading resumed at line 4",
    );
    expect(r.err).toContain("5 rows: 4 scored, 1 failed, 0 not read");
    expect(r.out.split("\r\n").filter((l) => l !== "").length).toBe(6);
  });

  it("an empty file is reported, exit 1 (was: 0 rows, exit 0)", async () => {
    const file = join(tmp, "empty.csv");
    writeFileSync(file, "");
    const r = await score(SMALL, file);
    expect(r.errLines).toContain("file: the file is empty (no header row)");
    expect(r.code).toBe(1);
  });

  it("a quote that 'closes' lines later with text right after it is taken for an unclosed one", async () => {
    const recs = [];
    for await (const r of readCsv(once('id,v\n1,"abc\n2,def\n3,"x",y\n4,z\n')))
      recs.push([r.line, r.error ? "bad" : r.cells.join("|")]);
    expect(recs).toEqual([
      [1, "id|v"],
      [2, "bad"],
      [3, "2|def"],
      [4, "3|x|y"],
      [5, "4|z"],
    ]);
  });

  it("a quoted field over 1 Mi characters is reported and reading resumes after its opening line", async () => {
    const recs = [];
    for await (const r of readCsv(once(`a,b\n1,"${"xxxxxxxxxxxxxxxxxxx\n".repeat(60_000)}`)))
      recs.push(r.error ? `bad@${r.line}` : r.cells.join("|"));
    expect(recs.slice(0, 3)).toEqual(["a|b", "bad@2", "xxxxxxxxxxxxxxxxxxx"]);
    expect(recs.length).toBe(60_001);
  });
});

/** The streaming readers: CSV (RFC 4180), JSON Lines, JSON documents split element by element. */
import { describe, expect, it } from "vitest";
import { CsvParser, readCsv } from "../../src/cli/batch/csv-read.js";
import { readJsonDocument, readJsonLines, type JsonItem } from "../../src/cli/batch/json-read.js";

async function* chunks(text: string | Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  const bytes = typeof text === "string" ? new TextEncoder().encode(text) : text;
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function all<T>(g: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of g) out.push(x);
  return out;
}

const CSV = '\ufeffname,note,n\r\n甲,"a, ""quoted"" note",1\r\n乙,"two\r\nlines",2\r\n\r\n丙,,3\n丁,x,4';

describe("CSV", () => {
  it("reads quotes, doubled quotes, CRLF, embedded newlines and a BOM, with the line each record starts on", async () => {
    // Whatever the chunking, even one byte at a time (splitting UTF-8 sequences and CRLFs).
    for (const size of [1, 2, 3, 7, 1 << 16]) {
      const recs = await all(readCsv(chunks(CSV, size)));
      expect(
        recs.map((r) => [r.line, ...r.cells]),
        `chunks of ${size}`,
      ).toEqual([
        [1, "name", "note", "n"],
        [2, "甲", 'a, "quoted" note', "1"],
        [3, "乙", "two\r\nlines", "2"],
        [6, "丙", "", "3"],
        [7, "丁", "x", "4"],
      ]);
    }
  });

  it("reads lone CR line ends, and a last line without a line break", () => {
    const p = new CsvParser();
    const recs = [...p.push("a,b\rc,d\r"), ...p.push("e,f"), ...p.end()];
    expect(recs.map((r) => [r.line, ...r.cells])).toEqual([
      [1, "a", "b"],
      [2, "c", "d"],
      [3, "e", "f"],
    ]);
  });

  it("keeps text after a closing quote, as spreadsheets do, and flags an unterminated quote", () => {
    const p = new CsvParser();
    const recs = [...p.push('"ab"c,d\n"open,\nnever closed'), ...p.end()];
    expect(recs[0]?.cells).toEqual(["abc", "d"]);
    expect(recs[1]?.line).toBe(2);
    expect(recs[1]?.error?.en).toContain(
      "the quoted field opened on line 2 is still open at the end of the file; reading resumed at line 3",
    );
    expect(recs[2]?.cells).toEqual(["never closed"]);
  });

  it("reads a GB 18030 file (Excel's CSV on a Chinese system)", async () => {
    // "名称,值\r\n满意度,98%\r\n" in GB 18030.
    const gb = Uint8Array.from([
      0xc3, 0xfb, 0xb3, 0xc6, 0x2c, 0xd6, 0xb5, 0x0d, 0x0a, 0xc2, 0xfa, 0xd2, 0xe2, 0xb6, 0xc8, 0x2c, 0x39, 0x38, 0x25,
      0x0d, 0x0a,
    ]);
    const recs = await all(readCsv(chunks(gb, 64)));
    expect(recs.map((r) => r.cells)).toEqual([
      ["名称", "值"],
      ["满意度", "98%"],
    ]);
  });
});

const items = (xs: JsonItem[]) =>
  xs.map((x) =>
    "error" in x
      ? { line: x.line, error: true }
      : "fileError" in x
        ? { line: x.line, fileError: x.fileError.en }
        : { line: x.line, value: x.value, ...(x.single ? { single: true } : {}) },
  );

describe("JSON", () => {
  it("splits a top-level array into its elements as the text streams, with their lines", async () => {
    const text = '[\n  {"a": "x, ]}", "b": [1, {"c": "\\"]"}]},\n  {"a": 2}\n  ,{"a": 3}\n]\n';
    for (const size of [1, 5, 1 << 16]) {
      expect(items(await all(readJsonDocument(chunks(text, size)))), `chunks of ${size}`).toEqual([
        { line: 2, value: { a: "x, ]}", b: [1, { c: '"]' }] } },
        { line: 3, value: { a: 2 } },
        { line: 4, value: { a: 3 } },
      ]);
    }
  });

  it("gives a single object whole, marked single", async () => {
    expect(items(await all(readJsonDocument(chunks('  \n{"values": {"x": 1}}', 3))))).toEqual([
      { line: 1, value: { values: { x: 1 } }, single: true },
    ]);
  });

  it("reports a bad element and goes on with the next", async () => {
    expect(items(await all(readJsonDocument(chunks('[{"a": 1}, {"a": }, {"a": 3}]', 4))))).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 1, error: true },
      { line: 1, value: { a: 3 } },
    ]);
  });

  it("reads JSON Lines, skipping blank lines, reporting bad ones", async () => {
    expect(items(await all(readJsonLines(chunks('{"a": 1}\n\n{"a": 2}\r\nnot json\n{"a": 4}', 3))))).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 3, value: { a: 2 } },
      { line: 4, error: true },
      { line: 5, value: { a: 4 } },
    ]);
  });
});

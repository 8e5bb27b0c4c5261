/**
 * Input encodings: the encoding is decided for the whole file (not from its
 * first block), a line that cannot be decoded fails its row only, and UTF-16 /
 * UTF-32 files are read by their byte-order marks.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readCsv } from "../../src/cli/batch/csv-read.js";
import { SMALL, score } from "./helpers.js";

const tmp = mkdtempSync(join(tmpdir(), "rubric-enc-"));
const HEADER =
  "id,计划金额,实际金额,满意度,进度,计划数,完成数,违规,公开,信访件数,其余满分,评定:政策,理由:政策,改判:执行,理由:执行,改判:工作指标,理由:工作指标";
const GOOD = (id: string): string => `${id},100,98,95%,25%;50%;75%;100%,4,4,否,按规定公开,0,是,,,,,1,无工作清单`;
// "甲" in GB 18030 (0xBC 0xD7) is not valid UTF-8.
const GB_JIA = [0xbc, 0xd7];

async function* chunks(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function records(bytes: Uint8Array, size = 1 << 16) {
  const out = [];
  for await (const r of readCsv(chunks(bytes, size))) out.push(r);
  return out;
}

const utf8 = (s: string): number[] => [...new TextEncoder().encode(s)];

describe("the encoding of a CSV file", () => {
  it("a GB 18030 byte after the first 256 KB of a UTF-8 file fails that row only; every other row is scored and counted", async () => {
    const lines = [HEADER];
    for (let i = 1; i <= 5001; i++) lines.push(GOOD(`部门-${i}`));
    const bytes: number[] = [];
    let badAt = 0;
    lines.forEach((l, i) => {
      if (i === 4001) badAt = bytes.length;
      if (i === 4001) bytes.push(...utf8("bad-"), ...GB_JIA, ...utf8(l.slice(l.indexOf(",")) + "\n"));
      else bytes.push(...utf8(`${l}\n`));
    });
    expect(badAt).toBeGreaterThan(256 * 1024);
    const file = join(tmp, "mixed.csv");
    writeFileSync(file, Uint8Array.from(bytes));
    const r = await score(SMALL, file, "--format", "jsonl");
    expect(r.errLines).toContain(
      "row 4001 (line 4002): line 4002 is not valid UTF-8 (the file's encoding) and cannot be read",
    );
    expect(r.err).toContain("5001 rows: 5000 scored, 1 failed");
    const out = r.out.split("\n").map((l) => JSON.parse(l) as { row: number; ok: boolean; id?: string });
    expect(out.length).toBe(5001);
    expect(out.filter((x) => !x.ok).map((x) => x.row)).toEqual([4001]);
    expect(out[5000]?.id).toBe("部门-5001");
    expect(r.code).toBe(1);
  }, 60_000);

  it("a header line that cannot be decoded stops reading with a named error (no row can be read without it)", async () => {
    const file = join(tmp, "bad-header.csv");
    writeFileSync(file, Uint8Array.from([...utf8("名称,"), 0xff, 0x0a, ...utf8("甲,1\n")]));
    const r = await score(SMALL, file);
    expect(r.errLines).toContain("file line 1: line 1 is not valid UTF-8 (the file's encoding) and cannot be read");
    expect(r.err).toContain("0 rows: 0 scored, 0 failed; not read: the rest of the file from line 1");
    expect(r.code).toBe(1);
  });

  it("an ASCII start and GB 18030 text after 256 KB is read as GB 18030", async () => {
    const ascii = utf8(`id,n\n${"x,1\n".repeat(80_000)}`);
    const file = Uint8Array.from([...ascii, ...GB_JIA, 0x2c, 0x32, 0x0a]);
    const recs = await records(file);
    expect(recs.length).toBe(80_002);
    expect(recs[80_001]?.cells).toEqual(["甲", "2"]);
    expect(recs.some((r) => r.error)).toBe(false);
  });

  it("a UTF-8 file with an undecodable line in the middle: the record holding it fails, the others are read", async () => {
    const file = Uint8Array.from([...utf8("名称,值\n甲,1\n"), 0x41, 0xff, 0x2c, 0x32, 0x0a, ...utf8("丙,3\n")]);
    for (const size of [1, 3, 1 << 16]) {
      const recs = await records(file, size);
      expect(
        recs.map((r) => [r.line, r.error ? "bad" : r.cells.join("|")]),
        `chunks of ${size}`,
      ).toEqual([
        [1, "名称|值"],
        [2, "甲|1"],
        [3, "bad"],
        [4, "丙|3"],
      ]);
    }
  });
});

function utf16(s: string, le: boolean): Uint8Array {
  const out = [le ? 0xff : 0xfe, le ? 0xfe : 0xff];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out.push(...(le ? [c & 0xff, c >> 8] : [c >> 8, c & 0xff]));
  }
  return Uint8Array.from(out);
}

function utf32(s: string, le: boolean): Uint8Array {
  const out = le ? [0xff, 0xfe, 0, 0] : [0, 0, 0xfe, 0xff];
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    const b = [c >>> 24, (c >>> 16) & 0xff, (c >>> 8) & 0xff, c & 0xff];
    out.push(...(le ? b.reverse() : b));
  }
  return Uint8Array.from(out);
}

describe("UTF-16 and UTF-32 by their byte-order marks", () => {
  const text = '名称,值\r\n满意度,"98%"\r\n𠀀字,"a\nb"\n';
  const expected = [
    [1, "名称", "值"],
    [2, "满意度", "98%"],
    [3, "𠀀字", "a\nb"],
  ];
  it.each([
    ["UTF-16 LE", utf16(text, true)],
    ["UTF-16 BE", utf16(text, false)],
    ["UTF-32 LE", utf32(text, true)],
    ["UTF-32 BE", utf32(text, false)],
  ])("reads %s, whatever the chunking", async (_name, bytes) => {
    for (const size of [1, 3, 5, 1 << 16]) {
      const recs = await records(bytes, size);
      expect(
        recs.map((r) => [r.line, ...r.cells]),
        `chunks of ${size}`,
      ).toEqual(expected);
    }
  });

  it("a UTF-16 line with a lone surrogate fails its record only", async () => {
    const bytes = utf16("a,b\nx,\ud800\ny,2\n", true);
    const recs = await records(bytes);
    expect(recs.map((r) => (r.error ? `bad: ${r.error.en}` : r.cells.join("|")))).toEqual([
      "a|b",
      "bad: line 2 is not valid UTF-16 LE (the file's encoding) and cannot be read",
      "y|2",
    ]);
  });

  it("scores a UTF-16 file exported by a spreadsheet", async () => {
    const file = join(tmp, "utf16.csv");
    writeFileSync(file, utf16(`${HEADER}\r\n${GOOD("甲")}\r\n`, true));
    const r = await score(SMALL, file, "--format", "csv");
    expect(r.err).toContain("1 row: 1 scored, 0 failed");
    expect(r.code).toBe(0);
  });
});

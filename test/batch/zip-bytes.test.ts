/**
 * The in-memory zip source (the playground's dropped XLSX) reads exactly what
 * the file source reads: same rows, same cell values, same named errors for
 * damaged data and for an entry past its cap.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateRawSync, crc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { readXlsx, type XlsxItem } from "../../src/cli/batch/xlsx-read.js";
import { zipBytes } from "../../src/cli/batch/zip-bytes.js";
import { zipFile } from "../../src/cli/batch/zip-file.js";
import { ZipError, zipEntries, zipEntryBytes, type ZipSource } from "../../src/cli/batch/zip-read.js";
import { workbook } from "./zip-writer.js";

const tmp = mkdtempSync(join(tmpdir(), "zip-bytes-"));
const both = (name: string, bytes: Buffer): [ZipSource, ZipSource] => {
  const path = join(tmp, name);
  writeFileSync(path, bytes);
  return [zipFile(path), zipBytes(new Uint8Array(bytes))];
};
const all = async (it: AsyncIterable<XlsxItem>): Promise<XlsxItem[]> => {
  const out: XlsxItem[] = [];
  for await (const x of it) out.push(x);
  return out;
};

describe("zip from bytes = zip from a file", () => {
  it("reads the same rows of a workbook, Chinese text and numbers included", async () => {
    const rows = [
      ["编号", "执行率", "说明"],
      ["甲-1", 0.981, '含"引号"与<尖括号>'],
      ...Array.from({ length: 500 }, (_, i) => [`r${i}`, i / 7, "行".repeat(i % 50)]),
    ];
    const [file, bytes] = both("a.xlsx", workbook([{ name: "部门", rows }]));
    const fromFile = await all(readXlsx(file));
    const fromBytes = await all(readXlsx(bytes));
    expect(fromBytes).toEqual(fromFile);
    expect(fromBytes).toHaveLength(rows.length);
    expect(fromBytes[1]).toMatchObject({ cells: ["甲-1", 0.981, '含"引号"与<尖括号>'] });
  });

  it("damaged deflate data and a truncated archive give the reader's named errors", async () => {
    const good = workbook([{ name: "部门", rows: [["a"], ["b"]] }]);
    const [, truncated] = both("cut.xlsx", good.subarray(0, Math.floor(good.length / 2)));
    expect(await all(readXlsx(truncated))).toEqual([
      {
        fileError: {
          zh: expect.stringContaining("已损坏") as string,
          en: "the XLSX file is damaged or incomplete (its zip directory cannot be read)",
        },
        stopped: true,
      },
    ]);
    const junk = Buffer.from(good);
    // Garble the first entry's deflated data (past its 30-byte header and name).
    const nameLen = junk.readUInt16LE(26);
    for (let i = 30 + nameLen; i < 30 + nameLen + 8; i++) junk[i] = 0xff;
    const [f, b] = both("junk.xlsx", junk);
    const fe = await all(readXlsx(f));
    expect(await all(readXlsx(b))).toEqual(fe);
    expect(JSON.stringify(fe)).toContain("damaged");
  });

  it("an entry that inflates past its cap stops with the cap's message, not the memory", async () => {
    const big = Buffer.alloc(8 * 1024 * 1024, "x");
    const entry = { deflated: deflateRawSync(big), size: big.length, crc: crc32(big) };
    const [, src] = both("bomb.xlsx", workbook([{ name: "部门", rows: [["a"]] }], { "xl/sharedStrings.xml": entry }));
    const e = (await zipEntries(src)).get("xl/sharedStrings.xml");
    if (!e) throw new Error("entry missing");
    const err = await (async () => {
      for await (const _ of zipEntryBytes(src, { ...e, size: 1 << 20 }, 2 << 20, {
        zh: "共享字符串",
        en: "the shared strings",
      }));
    })().catch((x: unknown) => x);
    expect(err).toBeInstanceOf(ZipError);
    expect((err as ZipError).text.en).toBe(
      "the XLSX file is damaged or incomplete (its compressed data cannot be unpacked)",
    );
    const capped = await (async () => {
      for await (const _ of zipEntryBytes(src, e, 2 << 20, { zh: "共享字符串", en: "the shared strings" }));
    })().catch((x: unknown) => x);
    expect((capped as ZipError).text.en).toBe(
      "the shared strings is larger than the limit of 2 MiB (save it as CSV instead)",
    );
  });
});

/**
 * Just enough of the zip format to read an XLSX file from disk: the central
 * directory (names, sizes, where each entry starts), and one entry at a time
 * as a stream of inflated bytes. An entry is cut off with an error past its
 * declared size or a cap, so a zip bomb cannot fill memory. Every problem is
 * a ZipError with a bilingual message (never a library's raw text).
 */
import { createReadStream, promises as fs } from "node:fs";
import { createInflateRaw } from "node:zlib";
import type { Text } from "../../runtime/report.js";

export class ZipError extends Error {
  constructor(readonly text: Text) {
    super(text.en);
  }
}

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly offset: number;
}

const NOT_ZIP: Text = { zh: "不是 XLSX 文件（缺少 zip 文件标志）", en: "not an XLSX file (zip signature missing)" };
const DAMAGED: Text = {
  zh: "XLSX 文件已损坏或不完整（zip 目录无法读取）",
  en: "the XLSX file is damaged or incomplete (its zip directory cannot be read)",
};
const DAMAGED_DATA: Text = {
  zh: "XLSX 文件已损坏或不完整（压缩数据无法解开）",
  en: "the XLSX file is damaged or incomplete (its compressed data cannot be unpacked)",
};

/** The entries of the zip file at `path`, by name. */
export async function zipEntries(path: string): Promise<Map<string, ZipEntry>> {
  const fh = await fs.open(path, "r");
  try {
    const { size } = await fh.stat();
    const head = Buffer.alloc(4);
    await fh.read(head, 0, 4, 0);
    if (size < 22 || head.readUInt32LE(0) !== 0x04034b50) throw new ZipError(NOT_ZIP);
    // The end-of-central-directory record is in the last 22 bytes plus a comment of up to 64 KiB.
    const tailLen = Math.min(size, 22 + 0xffff);
    const tail = Buffer.alloc(tailLen);
    await fh.read(tail, 0, tailLen, size - tailLen);
    let eocd = -1;
    for (let i = tailLen - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new ZipError(DAMAGED);
    const count = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (cdOffset === 0xffffffff || cdOffset + cdSize > size) throw new ZipError(DAMAGED);
    const cd = Buffer.alloc(cdSize);
    await fh.read(cd, 0, cdSize, cdOffset);
    const out = new Map<string, ZipEntry>();
    let p = 0;
    for (let k = 0; k < count; k++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== 0x02014b50) throw new ZipError(DAMAGED);
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      const name = cd.toString("utf8", p + 46, p + 46 + nameLen);
      out.set(name.replace(/^\//, ""), {
        name,
        method: cd.readUInt16LE(p + 10),
        compressedSize: cd.readUInt32LE(p + 20),
        size: cd.readUInt32LE(p + 24),
        offset: cd.readUInt32LE(p + 42),
      });
      p += 46 + nameLen + extraLen + commentLen;
    }
    return out;
  } finally {
    await fh.close();
  }
}

/** The inflated bytes of one entry; throws a ZipError past `cap` bytes or on damaged data. */
export async function* zipEntryBytes(path: string, e: ZipEntry, cap: number, what: Text): AsyncGenerator<Uint8Array> {
  if (e.size > cap) throw new ZipError(tooLarge(what, cap));
  const fh = await fs.open(path, "r");
  let start: number;
  try {
    const local = Buffer.alloc(30);
    await fh.read(local, 0, 30, e.offset);
    if (local.readUInt32LE(0) !== 0x04034b50) throw new ZipError(DAMAGED);
    start = e.offset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  } finally {
    await fh.close();
  }
  if (e.method !== 0 && e.method !== 8)
    throw new ZipError({
      zh: `XLSX 文件使用了不支持的压缩方式（${e.method}）`,
      en: `the XLSX file uses an unsupported compression method (${e.method})`,
    });
  const raw = createReadStream(path, { start, end: start + Math.max(0, e.compressedSize) - 1 });
  const source = e.method === 8 ? raw.pipe(createInflateRaw()) : raw;
  raw.on("error", (err) => source.destroy(err));
  let total = 0;
  try {
    for await (const chunk of source) {
      total += (chunk as Buffer).length;
      if (total > cap || total > e.size) throw new ZipError(total > cap ? tooLarge(what, cap) : DAMAGED_DATA);
      yield chunk as Buffer;
    }
  } catch (err) {
    if (err instanceof ZipError) throw err;
    throw new ZipError(DAMAGED_DATA);
  } finally {
    raw.destroy();
    source.destroy();
  }
}

function tooLarge(what: Text, cap: number): Text {
  const mib = Math.round(cap / 1024 / 1024);
  return {
    zh: `${what.zh}超过 ${mib} MiB 的上限（请另存为 CSV）`,
    en: `${what.en} is larger than the limit of ${mib} MiB (save it as CSV instead)`,
  };
}

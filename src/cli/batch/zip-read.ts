/**
 * Just enough of the zip format to read an XLSX file: the central directory
 * (names, sizes, where each entry starts), and one entry at a time as a
 * stream of inflated bytes. An entry is cut off with an error past its
 * declared size or a cap, so a zip bomb cannot fill memory. Every problem is
 * a ZipError with a bilingual message (never a library's raw text).
 *
 * Where the bytes come from is a ZipSource: a file on disk for `rubric score`
 * (zip-file.ts), a dropped file's bytes in the browser (zip-bytes.ts).
 */
import type { Text } from "../../runtime/report.js";

export class ZipError extends Error {
  constructor(readonly text: Text) {
    super(text.en);
  }
}

/** Random access to a zip archive's bytes, and its stored or deflated data as a stream. */
export interface ZipSource {
  size(): Promise<number>;
  /** `length` bytes from `offset` (fewer only past the end). */
  read(offset: number, length: number): Promise<Uint8Array>;
  /** `length` bytes from `start`, inflated when `deflated`. */
  stream(start: number, length: number, deflated: boolean): AsyncIterable<Uint8Array>;
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

const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);
const utf8 = new TextDecoder("utf-8");

/** The entries of the zip archive, by name. */
export async function zipEntries(src: ZipSource): Promise<Map<string, ZipEntry>> {
  const size = await src.size();
  const head = await src.read(0, 4);
  if (size < 22 || head.length < 4 || view(head).getUint32(0, true) !== 0x04034b50) throw new ZipError(NOT_ZIP);
  // The end-of-central-directory record is in the last 22 bytes plus a comment of up to 64 KiB.
  const tailLen = Math.min(size, 22 + 0xffff);
  const tail = view(await src.read(size - tailLen, tailLen));
  let eocd = -1;
  for (let i = tailLen - 22; i >= 0; i--) {
    if (tail.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError(DAMAGED);
  const count = tail.getUint16(eocd + 10, true);
  const cdSize = tail.getUint32(eocd + 12, true);
  const cdOffset = tail.getUint32(eocd + 16, true);
  if (cdOffset === 0xffffffff || cdOffset + cdSize > size) throw new ZipError(DAMAGED);
  const bytes = await src.read(cdOffset, cdSize);
  const cd = view(bytes);
  const out = new Map<string, ZipEntry>();
  let p = 0;
  for (let k = 0; k < count; k++) {
    if (p + 46 > cd.byteLength || cd.getUint32(p, true) !== 0x02014b50) throw new ZipError(DAMAGED);
    const nameLen = cd.getUint16(p + 28, true);
    const extraLen = cd.getUint16(p + 30, true);
    const commentLen = cd.getUint16(p + 32, true);
    const name = utf8.decode(bytes.subarray(p + 46, p + 46 + nameLen));
    out.set(name.replace(/^\//, ""), {
      name,
      method: cd.getUint16(p + 10, true),
      compressedSize: cd.getUint32(p + 20, true),
      size: cd.getUint32(p + 24, true),
      offset: cd.getUint32(p + 42, true),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** The inflated bytes of one entry; throws a ZipError past `cap` bytes or on damaged data. */
export async function* zipEntryBytes(src: ZipSource, e: ZipEntry, cap: number, what: Text): AsyncGenerator<Uint8Array> {
  if (e.size > cap) throw new ZipError(tooLarge(what, cap));
  const local = await src.read(e.offset, 30);
  if (local.length < 30 || view(local).getUint32(0, true) !== 0x04034b50) throw new ZipError(DAMAGED);
  const start = e.offset + 30 + view(local).getUint16(26, true) + view(local).getUint16(28, true);
  if (e.method !== 0 && e.method !== 8)
    throw new ZipError({
      zh: `XLSX 文件使用了不支持的压缩方式（${e.method}）`,
      en: `the XLSX file uses an unsupported compression method (${e.method})`,
    });
  let total = 0;
  try {
    for await (const chunk of src.stream(start, Math.max(0, e.compressedSize), e.method === 8)) {
      total += chunk.length;
      if (total > cap || total > e.size) throw new ZipError(total > cap ? tooLarge(what, cap) : DAMAGED_DATA);
      yield chunk;
    }
  } catch (err) {
    if (err instanceof ZipError) throw err;
    throw new ZipError(DAMAGED_DATA);
  }
}

function tooLarge(what: Text, cap: number): Text {
  const mib = Math.round(cap / 1024 / 1024);
  return {
    zh: `${what.zh}超过 ${mib} MiB 的上限（请另存为 CSV）`,
    en: `${what.en} is larger than the limit of ${mib} MiB (save it as CSV instead)`,
  };
}

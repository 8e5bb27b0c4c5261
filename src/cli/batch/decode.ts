/**
 * Bytes to text for the CSV and JSON readers, line by line, so that one bad
 * line costs one row and not the rest of the file.
 *
 * The encoding: a byte-order mark decides it (UTF-8, UTF-16 LE/BE, UTF-32
 * LE/BE). Without one the file is UTF-8, or GB 18030 (Excel's "CSV" on a
 * Chinese system) — decided at the first line that is not ASCII, since only
 * from there on does it matter: if that line is UTF-8 the file is, else if
 * it is GB 18030 the file is. A later line that is not valid in the file's
 * encoding comes out as a bad segment naming its line, and the lines after
 * it are read as usual. Line breaks (LF, CR, CRLF) are never part of a
 * multi-byte character in any of these encodings, so splitting bytes there
 * is safe.
 *
 * With `maxLineBytes`, a longer line is not kept: it comes out as a bad
 * segment (its text dropped) and reading goes on at the next line, so memory
 * stays bounded whatever the input (even /dev/zero). Without it (JSON
 * documents, which may be one long line) text is passed on in pieces cut
 * after a byte that is never inside a multi-byte character.
 */
import type { Text } from "../../runtime/report.js";

export interface Segment {
  /** Decoded text: whole lines with their line breaks (the last one may lack it). */
  readonly text: string;
  /** 1-based file line the segment starts on. */
  readonly line: number;
  /** Set when this one line could not be decoded or was too long; `text` is then best effort. */
  readonly bad?: Text;
}

export interface DecodeOptions {
  readonly maxLineBytes?: number;
}

/** Lines of CSV and JSON Lines input longer than this are refused (8 MiB). */
export const MAX_LINE_BYTES = 8 * 1024 * 1024;
/** A JSON document's text is passed on once this much is pending without a line break. */
const PIECE_BYTES = 1024 * 1024;

type Encoding = "utf-8" | "gb18030" | "utf-16le" | "utf-16be" | "utf-32le" | "utf-32be";

const LF = 10;
const CR = 13;

function bomOf(b: Uint8Array): { enc: Encoding; skip: number } | undefined {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { enc: "utf-8", skip: 3 };
  if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) return { enc: "utf-32le", skip: 4 };
  if (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) return { enc: "utf-32be", skip: 4 };
  if (b[0] === 0xff && b[1] === 0xfe) return { enc: "utf-16le", skip: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { enc: "utf-16be", skip: 2 };
  return undefined;
}

const unitSize = (e: Encoding | undefined): number =>
  e === "utf-16le" || e === "utf-16be" ? 2 : e === "utf-32le" || e === "utf-32be" ? 4 : 1;

function unitAt(b: Uint8Array, i: number, size: number, le: boolean): number {
  if (size === 1) return b[i] as number;
  if (size === 2)
    return le ? (b[i] as number) | ((b[i + 1] as number) << 8) : ((b[i] as number) << 8) | (b[i + 1] as number);
  return le
    ? ((b[i] as number) | ((b[i + 1] as number) << 8) | ((b[i + 2] as number) << 16) | ((b[i + 3] as number) << 24)) >>>
        0
    : (((b[i] as number) << 24) | ((b[i + 1] as number) << 16) | ((b[i + 2] as number) << 8) | (b[i + 3] as number)) >>>
        0;
}

/** Decodes UTF-32 (TextDecoder has no UTF-32); throws on a value that is not a Unicode scalar. */
function decodeUtf32(b: Uint8Array, le: boolean, fatal: boolean): string {
  const out: string[] = [];
  for (let i = 0; i + 3 < b.length; i += 4) {
    const cp = unitAt(b, i, 4, le);
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      if (fatal) throw new TypeError("not UTF-32");
      out.push("\ufffd");
    } else out.push(String.fromCodePoint(cp));
  }
  return out.join("");
}

function isAscii(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) if ((b[i] as number) >= 0x80) return false;
  return true;
}

// The global TextDecoder (node and browsers alike): the playground reads CSV with this code too.
const fatalDecoders = new Map<string, { decode(b: Uint8Array): string }>();
function decodeAs(enc: Encoding, b: Uint8Array, fatal: boolean): string {
  if (enc === "utf-32le" || enc === "utf-32be") return decodeUtf32(b, enc === "utf-32le", fatal);
  if (!fatal) return new TextDecoder(enc, { ignoreBOM: true }).decode(b);
  let d = fatalDecoders.get(enc);
  if (!d) {
    d = new TextDecoder(enc, { fatal: true, ignoreBOM: true });
    fatalDecoders.set(enc, d);
  }
  return d.decode(b);
}

function tryDecode(enc: Encoding, b: Uint8Array): string | undefined {
  try {
    return decodeAs(enc, b, true);
  } catch {
    return undefined;
  }
}

const ENCODING_NAMES: Record<Encoding, string> = {
  "utf-8": "UTF-8",
  gb18030: "GB 18030",
  "utf-16le": "UTF-16 LE",
  "utf-16be": "UTF-16 BE",
  "utf-32le": "UTF-32 LE",
  "utf-32be": "UTF-32 BE",
};

export function undecodable(line: number, enc: string): Text {
  return {
    zh: `文件第 ${line} 行不是有效的 ${enc} 编码（本文件的编码），无法读取`,
    en: `line ${line} is not valid ${enc} (the file's encoding) and cannot be read`,
  };
}

export function lineTooLong(line: number, max: number): Text {
  const mib = max / (1024 * 1024);
  return {
    zh: `文件第 ${line} 行超过 ${mib} MiB 的长度上限，未读取`,
    en: `line ${line} is longer than the limit of ${mib} MiB and was not read`,
  };
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
  if (parts.length === 1) return parts[0] as Uint8Array;
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Text segments of a byte stream, in order (see the file comment). */
export async function* decodeLines(
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  opts: DecodeOptions = {},
): AsyncGenerator<Segment> {
  let enc: Encoding | undefined; // undefined: no BOM, ASCII so far
  let started = false;
  let head = new Uint8Array(0);
  let size = 1;
  let le = true;
  // The current line's bytes not yet decoded, and whether it is being skipped (too long).
  let parts: Uint8Array[] = [];
  let partLen = 0;
  let lineBytes = 0;
  let skipping: Text | undefined;
  let line = 1;
  let afterCR = false;
  // Complete lines decoded but not yet passed on (several short lines go out as one segment).
  let ready: string[] = [];
  let readyLine = 1;
  const max = opts.maxLineBytes;

  const out: Segment[] = [];
  const flushReady = (): void => {
    if (ready.length > 0) out.push({ text: ready.join(""), line: readyLine });
    ready = [];
  };

  /** Decodes one whole line (or a piece cut at a safe byte), in the file's encoding, deciding it if needed. */
  const decodeLine = (b: Uint8Array, at: number): void => {
    let text: string | undefined;
    if (enc === undefined) {
      if (isAscii(b)) text = decodeAs("utf-8", b, false);
      else if ((text = tryDecode("utf-8", b)) !== undefined) enc = "utf-8";
      else if ((text = tryDecode("gb18030", b)) !== undefined) enc = "gb18030";
    } else text = tryDecode(enc, b);
    if (text === undefined) {
      flushReady();
      out.push({
        text: decodeAs(enc ?? "utf-8", b, false),
        line: at,
        bad: undecodable(at, ENCODING_NAMES[enc ?? "utf-8"]),
      });
      readyLine = line;
      return;
    }
    if (ready.length === 0) readyLine = at;
    ready.push(text);
  };

  const takeLine = (): Uint8Array => {
    const b = concat(parts, partLen);
    parts = [];
    partLen = 0;
    return b;
  };

  const feed = (b: Uint8Array): void => {
    let start = 0;
    const n = b.length - (b.length % size);
    // Where the unit after a CR is: an LF there completes a CRLF (0 when the CR ended the last chunk).
    let crEnd = afterCR ? 0 : -1;
    // Single-byte encodings find their line breaks with indexOf (native speed on long lines).
    let nextLF = size === 1 ? b.indexOf(LF) : -1;
    let nextCR = size === 1 ? b.indexOf(CR) : -1;
    for (let i = 0; i < n; i += size) {
      if (size === 1) {
        if (nextLF >= 0 && nextLF < i) nextLF = b.indexOf(LF, i);
        if (nextCR >= 0 && nextCR < i) nextCR = b.indexOf(CR, i);
        const next = nextLF < 0 ? nextCR : nextCR < 0 ? nextLF : Math.min(nextLF, nextCR);
        if (next < 0) break;
        i = next;
      }
      const u = size === 1 ? (b[i] as number) : unitAt(b, i, size, le);
      if (u !== LF && u !== CR) continue;
      const crlf = u === LF && i === crEnd;
      crEnd = u === CR ? i + size : -1;
      const piece = b.subarray(start, i + size);
      start = i + size;
      if (skipping) {
        flushReady();
        out.push({ text: u === CR ? "\r" : "\n", line, bad: skipping });
        skipping = undefined;
      } else {
        parts.push(piece);
        partLen += piece.length;
        decodeLine(takeLine(), line);
      }
      lineBytes = 0;
      // The LF of a CRLF was counted with its CR.
      if (!crlf) line++;
    }
    afterCR = n > 0 ? crEnd === n : afterCR;
    const rest = b.subarray(start);
    if (rest.length === 0) return;
    lineBytes += rest.length;
    if (skipping) return;
    if (max !== undefined && lineBytes > max) {
      skipping = lineTooLong(line, max);
      parts = [];
      partLen = 0;
      return;
    }
    parts.push(rest);
    partLen += rest.length;
    if (max === undefined && partLen >= PIECE_BYTES) {
      // Cut after the last byte (unit) that is never inside a multi-byte character.
      const all = takeLine();
      let cut = -1;
      for (let i = all.length - (all.length % size) - size; i >= 0; i -= size) {
        const u = size === 1 ? (all[i] as number) : unitAt(all, i, size, le);
        if (u < 0x30 || (u >= 0x3a && u < 0x40)) {
          cut = i + size;
          break;
        }
      }
      if (cut <= 0) {
        parts = [all];
        partLen = all.length;
        return;
      }
      decodeLine(all.subarray(0, cut), line);
      parts = [all.subarray(cut)];
      partLen = all.length - cut;
    }
  };

  for await (const chunk of source) {
    let b = chunk;
    if (!started) {
      // Wait for four bytes to tell UTF-32 from UTF-16 by their marks.
      const joined = new Uint8Array(head.length + b.length);
      joined.set(head);
      joined.set(b, head.length);
      if (joined.length < 4) {
        head = joined;
        continue;
      }
      started = true;
      const bom = bomOf(joined);
      if (bom) {
        enc = bom.enc;
        size = unitSize(enc);
        le = enc.endsWith("le");
      }
      b = joined.subarray(bom?.skip ?? 0);
    }
    // A unit split between chunks: keep its first bytes with the next chunk.
    if (size > 1 && partLen % size !== 0) {
      const carry = takeLine();
      const keep = carry.length - (carry.length % size);
      const joined = new Uint8Array(carry.length - keep + b.length);
      joined.set(carry.subarray(keep));
      joined.set(b, carry.length - keep);
      if (keep > 0) {
        parts = [carry.subarray(0, keep)];
        partLen = keep;
        lineBytes -= carry.length - keep;
      }
      b = joined;
    }
    feed(b);
    flushReady();
    yield* out.splice(0);
  }
  if (!started) {
    const bom = bomOf(head);
    if (bom) {
      enc = bom.enc;
      size = unitSize(enc);
      le = enc.endsWith("le");
    }
    feed(head.subarray(bom?.skip ?? 0));
  }
  if (skipping) {
    flushReady();
    out.push({ text: "", line, bad: skipping });
  } else if (partLen > 0) decodeLine(takeLine(), line);
  flushReady();
  yield* out.splice(0);
}

/**
 * Reading one `.rubric` file from the disk, safely: only a regular file (a
 * symbolic link is followed to one), at most `MAX_RUBRIC_BYTES`. Anything
 * else — a named pipe (which would block forever), a device (`/dev/zero`
 * never ends), a directory, a broken link, a huge file — is not read, and
 * the reason is returned for the caller to report. The CLI's loader and the
 * language server's workspace scan both read through here.
 */
import * as fs from "node:fs";
import type { Message } from "../compiler/diagnostics/diagnostic.js";
import { fsReason } from "./fs-errors.js";
import { MAX_RUBRIC_BYTES, tooLarge } from "./rubric-file-limit.js";

export { MAX_RUBRIC_BYTES };

export type RubricFileRead =
  | { readonly bytes: Uint8Array }
  /** Nothing at that path (not even a link). */
  | { readonly missing: true }
  | { readonly skipped: Message };

function kindOf(st: fs.Stats): Message {
  if (st.isDirectory()) return { zh: "目录", en: "a directory" };
  if (st.isFIFO()) return { zh: "命名管道", en: "a named pipe" };
  if (st.isSocket()) return { zh: "套接字", en: "a socket" };
  if (st.isCharacterDevice() || st.isBlockDevice()) return { zh: "设备", en: "a device" };
  return { zh: "特殊文件", en: "a special file" };
}

const notRegular = (st: fs.Stats): Message => {
  const k = kindOf(st);
  return { zh: `不是普通文件（是${k.zh}）`, en: `not a regular file (${k.en})` };
};

function brokenLink(path: string, e: unknown): Message {
  let target = "?";
  try {
    target = fs.readlinkSync(path);
  } catch {
    /* the link itself went away */
  }
  if ((e as NodeJS.ErrnoException)?.code === "ELOOP")
    return { zh: `符号链接循环（指向 ${target}）`, en: `a symbolic link loop (to ${target})` };
  return {
    zh: `符号链接失效（指向的 ${target} 不存在）`,
    en: `a broken symbolic link (to ${target}, which does not exist)`,
  };
}

export function readRubricFile(path: string): RubricFileRead {
  let st: fs.Stats;
  try {
    st = fs.statSync(path);
  } catch (e) {
    const link = fs.lstatSync(path, { throwIfNoEntry: false });
    if (link?.isSymbolicLink()) return { skipped: brokenLink(path, e) };
    if (!link) return { missing: true };
    return { skipped: fsReason(e) };
  }
  // Checked before opening: opening a device can have effects of its own.
  if (!st.isFile()) return { skipped: notRegular(st) };
  if (st.size > MAX_RUBRIC_BYTES) return { skipped: tooLarge(st.size) };
  let fd: number;
  try {
    // Non-blocking, in case the path was swapped for a pipe since the check above.
    fd = fs.openSync(path, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (e) {
    return { skipped: fsReason(e) };
  }
  try {
    const now = fs.fstatSync(fd);
    if (!now.isFile()) return { skipped: notRegular(now) };
    // Read to the end, but never past the limit: the file may have grown since.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.max(64 * 1024, Math.min(now.size, MAX_RUBRIC_BYTES) + 1 - total));
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > MAX_RUBRIC_BYTES) return { skipped: tooLarge(total) };
    }
    return { bytes: Buffer.concat(chunks, total) };
  } catch (e) {
    return { skipped: fsReason(e) };
  } finally {
    fs.closeSync(fd);
  }
}
